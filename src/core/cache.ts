/**
 * A small LRU cache of transform reports keyed by what the analysis depends on (the
 * transform without its source ranges, and the engine options), so that editing one
 * definition does not re-analyse the others.
 */
import type { Transform } from './model';
import type { TransformReport } from './report';

export class ReportCache {
  private readonly map = new Map<string, TransformReport>();
  constructor(private readonly capacity = 256) {}

  static key(t: Transform, options: unknown): string {
    const { range: _r, nameRange: _n, cell: _c, ...rest } = t;
    return JSON.stringify([rest, options]);
  }

  /** A cached report moved to the transform's current place, or undefined. */
  get(key: string, t: Transform): TransformReport | undefined {
    const hit = this.map.get(key);
    if (!hit) return undefined;
    this.map.delete(key);
    this.map.set(key, hit);
    const { cell: _c, ...rest } = hit;
    return { ...rest, range: t.range, nameRange: t.nameRange, ...(t.cell === undefined ? {} : { cell: t.cell }) };
  }

  set(key: string, r: TransformReport): void {
    this.map.set(key, r);
    while (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as string);
  }
}
