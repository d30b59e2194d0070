/**
 * The typed tree of a vector map: every node has a shape (shape.ts). Elaboration
 * (elaborate.ts) builds it from an `Expr` and the note's declarations; the Jacobian and the
 * determinant (jacobian.ts, det.ts) work on it; `toExpr` turns it back into an `Expr` in the
 * vector vocabulary below, which is what the report prints.
 *
 * Vector vocabulary in `Expr` (every front end produces it, the printers know it):
 *   mul(W, x)            an ordered product: matrix times vector, row times column (a number),
 *                        column times row (outer product); two column vectors side by side are
 *                        the elementwise product ⊙
 *   transpose(w)         also pow(w, T) / pow(w, top) as LaTeX reads w^T, w^\top
 *   dot(a, b), norm(a), diag(s), sum(s), prod(s), det(W), trace(W), dim(x), outer(u, v), inv(W)
 *   I                    the identity, when the note gives I no other meaning
 */
import { Expr, add, call, mul, neg, num, pow, sym } from '../expr';
import { Shape, SCALAR } from './shape';

/** Numbers of a vector or matrix: Σ, Π, det, trace, its size (dim: entries of a vector; rows, cols of a matrix). */
export type Reduction = 'sum' | 'prod' | 'det' | 'trace' | 'dim' | 'rows' | 'cols';

export type T =
  | { readonly op: 'num'; readonly v: number; readonly s: Shape }
  | { readonly op: 'sym'; readonly name: string; readonly s: Shape }
  /** The identity matrix, under the name the note uses for it. */
  | { readonly op: 'eye'; readonly name: string; readonly s: Shape }
  | { readonly op: 'add'; readonly args: readonly T[]; readonly s: Shape }
  | { readonly op: 'neg'; readonly a: T; readonly s: Shape }
  /**
   * An ordered product: scalar factors first, then a chain of non-scalar factors in which no
   * row is followed by a column (those are grouped into scalar products, a dot product) and
   * no column is followed by a column (that is `had`).
   */
  | { readonly op: 'mul'; readonly args: readonly T[]; readonly s: Shape }
  /** Elementwise product of vectors of one size. */
  | { readonly op: 'had'; readonly args: readonly T[]; readonly s: Shape }
  /** scalar^scalar, vector^scalar (elementwise), matrix^integer (-1: the inverse). */
  | { readonly op: 'pow'; readonly base: T; readonly exp: T; readonly s: Shape }
  /** A function: elementwise on a vector argument when known; an opaque vector function when not. A matrix function R(θ) when the note defines one. */
  | { readonly op: 'call'; readonly fn: string; readonly args: readonly T[]; readonly d?: readonly number[]; readonly s: Shape }
  | { readonly op: 'tr'; readonly a: T; readonly s: Shape }
  | { readonly op: 'norm'; readonly a: T; readonly s: Shape }
  | { readonly op: 'diag'; readonly a: T; readonly s: Shape }
  | { readonly op: 'red'; readonly fn: Reduction; readonly a: T; readonly s: Shape };

export const tNum = (v: number): T => ({ op: 'num', v, s: SCALAR });
export const T_ONE = tNum(1);
export const T_ZERO = tNum(0);

export const isZeroT = (t: T): boolean => t.op === 'num' && t.v === 0;
export const isOneT = (t: T): boolean => t.op === 'num' && t.v === 1;

/** Product of scalars (light folding of 0 and 1). */
export function sMul(...fs: T[]): T {
  const args: T[] = [];
  for (const f of fs) {
    if (isZeroT(f)) return T_ZERO;
    if (isOneT(f)) continue;
    if (f.op === 'mul' && f.s.k === 'scalar' && f.args.every((a) => a.s.k === 'scalar')) args.push(...f.args);
    else args.push(f);
  }
  if (args.length === 0) return T_ONE;
  return args.length === 1 ? args[0] : { op: 'mul', args, s: SCALAR };
}

export function sAdd(...ts: T[]): T {
  const args = ts.filter((t) => !isZeroT(t));
  if (args.length === 0) return T_ZERO;
  return args.length === 1 ? args[0] : { op: 'add', args, s: args[0].s };
}

export const sNeg = (t: T): T => (isZeroT(t) ? t : t.op === 'neg' ? t.a : { op: 'neg', a: t, s: t.s });

export const sPow = (base: T, e: number): T => (e === 1 ? base : { op: 'pow', base, exp: tNum(e), s: base.s });

/** A transposed value (a row from a column, and back). */
export function tr(t: T, s: Shape): T {
  if (t.op === 'tr') return t.a;
  if (t.s.k === 'scalar') return t;
  return { op: 'tr', a: t, s };
}

/** Does `t` mention the symbol `x`? */
export function mentions(t: T, x: string): boolean {
  switch (t.op) {
    case 'num': case 'eye': return false;
    case 'sym': return t.name === x;
    case 'add': case 'mul': case 'had': case 'call': return t.args.some((a) => mentions(a, x));
    case 'pow': return mentions(t.base, x) || mentions(t.exp, x);
    case 'neg': case 'tr': case 'norm': case 'diag': case 'red': return mentions(t.a, x);
  }
}

// ---------------------------------------------------------------------------------------
// Back to Expr (the vector vocabulary above)

/** An ordered product that the smart constructor must not reorder or merge (A B A x). */
function ordered(args: Expr[]): Expr {
  const flat: Expr[] = [];
  for (const a of args) if (a.k === 'mul') flat.push(...a.args); else flat.push(a);
  return flat.length === 1 ? flat[0] : { k: 'mul', args: flat };
}

export function toExpr(t: T): Expr {
  switch (t.op) {
    case 'num': return num(t.v);
    case 'sym': return sym(t.name);
    case 'eye': return sym(t.name);
    case 'add': return add(...t.args.map(toExpr));
    case 'neg': return neg(toExpr(t.a));
    case 'mul': {
      const scalars = t.args.filter((a) => a.s.k === 'scalar');
      const chain = t.args.filter((a) => a.s.k !== 'scalar');
      // a row times a column: the dot product
      if (t.s.k === 'scalar' && chain.length >= 2 && chain[0].op === 'tr' && chain[0].a.s.k === 'vector' && chain[chain.length - 1].s.k === 'vector') {
        const rest = chain.slice(1);
        const right = rest.length === 1 ? toExpr(rest[0]) : ordered(rest.map(toExpr));
        return mul(...scalars.map(toExpr), call('dot', toExpr(chain[0].a), right));
      }
      const s = mul(...scalars.map(toExpr));
      if (chain.length === 0) return s;
      const c = chain.map(toExpr);
      if (chain.length === 1) return mul(s, c[0]);
      return s.k === 'num' && s.v === 1 ? ordered(c) : ordered([s, ...c]);
    }
    case 'had': return ordered(t.args.map(toExpr));
    case 'pow': return pow(toExpr(t.base), toExpr(t.exp));
    case 'call': return t.d ? { k: 'call', fn: t.fn, args: t.args.map(toExpr), d: t.d } : { k: 'call', fn: t.fn, args: t.args.map(toExpr) };
    case 'tr': return call('transpose', toExpr(t.a));
    case 'norm': return call('norm', toExpr(t.a));
    case 'diag': return call('diag', toExpr(t.a));
    case 'red': return call(t.fn, toExpr(t.a));
  }
}

/** Calls of the vector vocabulary (arguments are vectors or matrices, the value is a number or a matrix). */
export const VECTOR_CALLS: ReadonlySet<string> = new Set(['transpose', 'dot', 'norm', 'diag', 'sum', 'prod', 'det', 'trace', 'dim', 'rows', 'cols', 'outer', 'inv']);

