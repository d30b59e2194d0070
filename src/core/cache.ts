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
    // the name only labels a map's report (its name and how LaTeX writes it): maps that differ by
    // their names alone (a note of unnamed maps, each f_k) share one analysis; not a composition,
    // whose reasons name it, nor a map whose name is also a symbol of its formulas
    const { range: _r, nameRange: _n, cell: _c, name, display, ...rest } = t;
    const symbol = t.variables.includes(name) || Object.hasOwn(t.parameters, name) || t.freeSymbols.includes(name) || t.unknownFunctions.includes(name)
      || !!t.locals?.some((l) => l.name === name) || (!!t.helpers && Object.hasOwn(t.helpers, name));
    const label = !t.composition && !symbol;
    const shown = label && display && Object.hasOwn(display, name) ? Object.fromEntries(Object.entries(display).filter(([k]) => k !== name)) : display;
    return JSON.stringify([label ? '' : name, rest, shown, options]);
  }

  /** A cached report moved to the transform's current place, or undefined. */
  get(key: string, t: Transform): TransformReport | undefined {
    const hit = this.map.get(key);
    if (!hit) return undefined;
    this.map.delete(key);
    this.map.set(key, hit);
    // (each field in the place it has in a report: as if analysed here)
    const moved: Omit<TransformReport, 'cell'> & { cell?: number } = { ...hit, name: t.name, latex: { ...hit.latex, name: latexName(t) }, range: t.range, nameRange: t.nameRange };
    if (t.cell === undefined) delete moved.cell; else moved.cell = t.cell;
    return moved;
  }

  set(key: string, r: TransformReport): void {
    this.map.set(key, r);
    while (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as string);
  }
}

/** The map's name in LaTeX: as displayed (a Greek letter, a subscript), one letter as it is, else an operator name. */
export function latexName(t: Pick<Transform, 'name' | 'display'>): string {
  return (t.display && Object.hasOwn(t.display, t.name) ? t.display[t.name] : undefined) ?? (t.name.length === 1 ? t.name : `\\operatorname{${t.name.replace(/_/g, '\\_')}}`);
}
