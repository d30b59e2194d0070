/**
 * A vector map at given sizes: the typed tree (typed.ts) -> entries as scalar `Expr`s.
 * This is how given entries become a map of x_1 … x_n, and how every closed form is checked
 * at n = 1 … 5 against LU of the instance's Jacobian.
 */
import { Expr, ONE, ZERO, add, call, div, mul, neg, num, pow, substitute, sym } from '../expr';
import { exprRing, laplaceDet } from '../determinant';
import { isKnownFunction } from '../functions';
import type { MatrixFunction } from './elaborate';
import { Dim, Shape, dimsOf } from './shape';
import type { T } from './typed';

/** A number, or a matrix of entries (a vector is one column, a row one row). */
export type Val = { readonly k: 's'; readonly e: Expr } | { readonly k: 'm'; readonly rows: Expr[][] };

export interface Instance {
  /** The number each size stands for. */
  readonly size: (d: Dim) => number;
  /** Entries of a vector or matrix name (rows × columns). */
  readonly entries: (name: string, r: number, c: number) => Expr[][];
  /** A scalar name's value (default: the symbol itself). */
  readonly scalar?: (name: string) => Expr;
  readonly matrixFunctions?: ReadonlyMap<string, MatrixFunction>;
}

export class InstanceError extends Error {}

const scalarOf = (v: Val): Expr => {
  if (v.k === 's') return v.e;
  if (v.rows.length === 1 && v.rows[0].length === 1) return v.rows[0][0];
  throw new InstanceError('a vector where a number is expected');
};

const identity = (n: number): Expr[][] => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? ONE : ZERO)));
const mapRows = (m: readonly Expr[][], f: (e: Expr, i: number, j: number) => Expr): Expr[][] => m.map((row, i) => row.map((e, j) => f(e, i, j)));

function matmul(a: readonly Expr[][], b: readonly Expr[][]): Expr[][] {
  if ((a[0]?.length ?? 0) !== b.length) throw new InstanceError(`sizes do not fit: ${a[0]?.length ?? 0} columns times ${b.length} rows`);
  return a.map((row) => (b[0] ?? []).map((_, j) => add(...row.map((x, k) => mul(x, b[k][j])))));
}

function combine(a: Val, b: Val, op: (x: Expr, y: Expr) => Expr): Val {
  if (a.k === 's' && b.k === 's') return { k: 's', e: op(a.e, b.e) };
  if (a.k === 's') return { k: 'm', rows: mapRows((b as { rows: Expr[][] }).rows, (y) => op(a.e, y)) };
  if (b.k === 's') return { k: 'm', rows: mapRows(a.rows, (x) => op(x, b.e)) };
  if (a.rows.length !== b.rows.length || a.rows[0]?.length !== b.rows[0]?.length) throw new InstanceError('sizes do not fit');
  return { k: 'm', rows: mapRows(a.rows, (x, i, j) => op(x, b.rows[i][j])) };
}

/** The inverse of a small matrix of expressions (adjugate over determinant). */
export function inverseOf(m: readonly Expr[][]): Expr[][] {
  const n = m.length;
  const idx = [...Array(n).keys()];
  const d = laplaceDet(m, idx, idx, exprRing);
  if (n === 1) return [[div(ONE, m[0][0])]];
  return idx.map((i) => idx.map((j) => {
    // (A^{-1})_{ij} = (-1)^{i+j} M_{ji} / det
    const minor = laplaceDet(m, idx.filter((r) => r !== j), idx.filter((c) => c !== i), exprRing);
    return div((i + j) % 2 ? neg(minor) : minor, d);
  }));
}

export function instantiate(t: T, inst: Instance): Val {
  const go = (x: T): Val => instantiate(x, inst);
  const size = (s: Shape): [number, number] => { const [r, c] = dimsOf(s); return [inst.size(r), inst.size(c)]; };
  switch (t.op) {
    case 'num': return { k: 's', e: num(t.v) };
    case 'sym': {
      if (t.s.k === 'scalar') return { k: 's', e: inst.scalar ? inst.scalar(t.name) : sym(t.name) };
      const [r, c] = size(t.s);
      return { k: 'm', rows: inst.entries(t.name, r, c) };
    }
    case 'eye': return { k: 'm', rows: identity(size(t.s)[0]) };
    case 'add': return t.args.map(go).reduce((a, b) => combine(a, b, (x, y) => add(x, y)));
    case 'neg': { const a = go(t.a); return a.k === 's' ? { k: 's', e: neg(a.e) } : { k: 'm', rows: mapRows(a.rows, neg) }; }
    case 'had': return t.args.map(go).reduce((a, b) => combine(a, b, (x, y) => mul(x, y)));
    case 'mul': {
      let acc: Val = { k: 's', e: ONE };
      for (const a of t.args.map(go)) {
        if (acc.k === 'm' && a.k === 'm') acc = { k: 'm', rows: matmul(acc.rows, a.rows) };
        else acc = combine(acc, a, (x, y) => mul(x, y));
      }
      return t.s.k === 'scalar' ? { k: 's', e: scalarOf(acc) } : acc;
    }
    case 'pow': {
      const base = go(t.base), e = scalarOf(go(t.exp));
      if (base.k === 's' || t.s.k !== 'matrix') return combine(base, { k: 's', e }, (x, y) => pow(x, y));
      const k = e.k === 'num' ? e.v : NaN;
      if (!Number.isInteger(k)) throw new InstanceError('a matrix power needs a whole exponent');
      let m = k < 0 ? inverseOf(base.rows) : base.rows;
      let out = identity(m.length);
      for (let i = 0; i < Math.abs(k); i++) out = matmul(out, m);
      m = out;
      return { k: 'm', rows: m };
    }
    case 'call': {
      const args = t.args.map(go);
      const mf = inst.matrixFunctions?.get(t.fn);
      if (mf && !t.d) {
        const bind = new Map(mf.params.map((p, i) => [p, scalarOf(args[i])]));
        return { k: 'm', rows: mf.rows.map((row) => row.map((e) => substitute(e, bind))) };
      }
      // ∂h(u), the Jacobian of an unknown function of one vector (a factor of J, see jacobian.ts):
      // the derivatives of the entries h_i(u_1, …, u_m) that stand for h(u) below
      if (t.fn.startsWith('∂') && !t.d && args.length === 1 && args[0].k === 'm') {
        const flat = args[0].rows.flat();
        const [r, c] = size(t.s);
        return { k: 'm', rows: Array.from({ length: r }, (_, i) => Array.from({ length: c }, (_, j): Expr => ({ k: 'call', fn: `${t.fn.slice(1)}_${i + 1}`, args: flat, d: [j] }))) };
      }
      const shaped = args.find((a) => a.k === 'm');
      const callOf = (fn: string, as: Expr[]): Expr => (t.d ? { k: 'call', fn, args: as, d: t.d } : { k: 'call', fn, args: as });
      if (!shaped) return { k: 's', e: callOf(t.fn, args.map(scalarOf)) };
      if (t.s.k === 'vector' && args.length >= 1 && args.every((a) => a.k === 's' || (a.rows.length === (shaped as { rows: Expr[][] }).rows.length)) && !isOpaque(t)) {
        // elementwise
        const rows = (shaped as { rows: Expr[][] }).rows;
        return { k: 'm', rows: rows.map((_, i) => [callOf(t.fn, args.map((a) => (a.k === 's' ? a.e : a.rows[i][0])))]) };
      }
      // an unknown function of vectors: one unknown function per output entry
      const flat = args.flatMap((a) => (a.k === 's' ? [a.e] : a.rows.flat()));
      const n = size(t.s)[0];
      return { k: 'm', rows: Array.from({ length: n }, (_, i) => [callOf(`${t.fn}_${i + 1}`, flat)]) };
    }
    case 'tr': {
      const a = go(t.a);
      if (a.k === 's') return a;
      return { k: 'm', rows: (a.rows[0] ?? []).map((_, j) => a.rows.map((row) => row[j])) };
    }
    case 'norm': {
      const a = go(t.a);
      const es = a.k === 's' ? [a.e] : a.rows.flat();
      return { k: 's', e: call('sqrt', add(...es.map((e) => pow(e, num(2))))) };
    }
    case 'diag': {
      const a = go(t.a);
      const es = a.k === 's' ? [a.e] : a.rows.flat();
      return { k: 'm', rows: es.map((e, i) => es.map((_, j) => (i === j ? e : ZERO))) };
    }
    case 'red': {
      const a = go(t.a);
      const m = a.k === 's' ? [[a.e]] : a.rows;
      switch (t.fn) {
        case 'sum': return { k: 's', e: add(...m.flat()) };
        case 'prod': return { k: 's', e: mul(...m.flat()) };
        case 'dim': return { k: 's', e: num(m.flat().length) };
        case 'rows': return { k: 's', e: num(m.length) };
        case 'cols': return { k: 's', e: num(m[0]?.length ?? 0) };
        case 'trace': return { k: 's', e: add(...m.map((row, i) => row[i])) };
        case 'det': { const idx = [...m.keys()]; return { k: 's', e: laplaceDet(m, idx, idx, exprRing) }; }
      }
    }
  }
}

/** A call of an unknown function on vectors (not elementwise: it mixes the entries). */
const isOpaque = (t: Extract<T, { op: 'call' }>): boolean => !!t.d || !isKnownFunction(t.fn);
