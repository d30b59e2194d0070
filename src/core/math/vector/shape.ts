/**
 * Shapes of values in vector maps: scalars, column vectors, row vectors (transposed
 * vectors) and matrices, with sizes that are numbers (given entries) or symbols (any n).
 *
 * Sizes are unified while a map is read (W x needs as many columns in W as entries in x):
 * `Dims` is a union-find over size variables, each bound at most to one number.
 */

/** A size: a number, or a size variable (`?3`) that unification may bind or name (`n`). */
export type Dim = number | string;

export type Shape =
  | { readonly k: 'scalar' }
  | { readonly k: 'vector'; readonly n: Dim }
  | { readonly k: 'row'; readonly n: Dim }
  | { readonly k: 'matrix'; readonly r: Dim; readonly c: Dim };

export const SCALAR: Shape = { k: 'scalar' };
export const vectorOf = (n: Dim): Shape => ({ k: 'vector', n });
export const rowOf = (n: Dim): Shape => ({ k: 'row', n });
export const matrixOf = (r: Dim, c: Dim): Shape => ({ k: 'matrix', r, c });

export const isScalar = (s: Shape): boolean => s.k === 'scalar';

/** Rows and columns (a scalar is 1 x 1, a vector n x 1, a row 1 x n). */
export function dimsOf(s: Shape): [Dim, Dim] {
  switch (s.k) {
    case 'scalar': return [1, 1];
    case 'vector': return [s.n, 1];
    case 'row': return [1, s.n];
    case 'matrix': return [s.r, s.c];
  }
}

export function transposeShape(s: Shape): Shape {
  switch (s.k) {
    case 'scalar': return s;
    case 'vector': return rowOf(s.n);
    case 'row': return vectorOf(s.n);
    case 'matrix': return matrixOf(s.c, s.r);
  }
}

export class DimError extends Error {}

/** Union-find over size variables; a class is bound to at most one number. */
export class Dims {
  private readonly parent = new Map<string, string>();
  private readonly value = new Map<string, number>();
  private count = 0;

  fresh(): string {
    const id = `?${++this.count}`;
    this.parent.set(id, id);
    return id;
  }

  private root(d: string): string {
    let r = d;
    while (this.parent.get(r) !== r) {
      const p = this.parent.get(r);
      if (p === undefined) { this.parent.set(r, r); break; }
      r = p;
    }
    // path compression
    let x = d;
    while (x !== r) { const p = this.parent.get(x)!; this.parent.set(x, r); x = p; }
    return r;
  }

  /** The number a size is bound to, or its class's representative. */
  resolve(d: Dim): Dim {
    if (typeof d === 'number') return d;
    const r = this.root(d);
    return this.value.get(r) ?? r;
  }

  /** Make two sizes equal; false when they are two different numbers. */
  unify(a: Dim, b: Dim): boolean {
    const x = this.resolve(a), y = this.resolve(b);
    if (x === y) return true;
    if (typeof x === 'number' && typeof y === 'number') return false;
    if (typeof x === 'number') { this.value.set(this.root(y as string), x); return true; }
    if (typeof y === 'number') { this.value.set(this.root(x), y); return true; }
    this.parent.set(this.root(x), this.root(y));
    return true;
  }

  shape(s: Shape): Shape {
    switch (s.k) {
      case 'scalar': return s;
      case 'vector': return vectorOf(this.resolve(s.n));
      case 'row': return rowOf(this.resolve(s.n));
      case 'matrix': return matrixOf(this.resolve(s.r), this.resolve(s.c));
    }
  }
}

/** n, 3, 2 x 3 …: a size or shape for messages. */
export function dimText(d: Dim, names?: ReadonlyMap<string, string>): string {
  return typeof d === 'number' ? String(d) : names?.get(d) ?? 'n';
}

export function shapeText(s: Shape, names?: ReadonlyMap<string, string>): string {
  switch (s.k) {
    case 'scalar': return 'a number';
    case 'vector': return `a vector of ${dimText(s.n, names)} entries`;
    case 'row': return `a row of ${dimText(s.n, names)} entries`;
    case 'matrix': return `a ${dimText(s.r, names)}×${dimText(s.c, names)} matrix`;
  }
}
