/**
 * Determinants over any ring (expression trees for the raw form, rational functions for the
 * simplified one): block structure first, memoized Laplace expansion for small dense blocks.
 */
import type { Block, BlockForm } from './structure';
import { Expr, ONE, ZERO, add, isNum, mul, neg } from './expr';

export interface Ring<T> {
  zero(): T;
  one(): T;
  add(a: T, b: T): T;
  neg(a: T): T;
  mul(a: T, b: T): T;
  isZero(a: T): boolean;
}

/** Expression trees as a ring (raw, unsimplified determinants). */
export const exprRing: Ring<Expr> = {
  zero: () => ZERO, one: () => ONE, add: (a, b) => add(a, b), neg, mul: (a, b) => mul(a, b),
  isZero: (a) => isNum(a, 0),
};

/** Largest dense block expanded symbolically (n * 2^n products with memoized minors). */
export const MAX_DENSE_BLOCK = 8;

/** det of m[rows][cols] by Laplace expansion along rows, memoized on the column subset. */
export function laplaceDet<T>(m: readonly (readonly T[])[], rows: readonly number[], cols: readonly number[], ring: Ring<T>): T {
  const n = rows.length;
  const memo = new Map<number, T>();
  const minor = (r: number, mask: number): T => {
    if (r === n) return ring.one();
    const hit = memo.get(mask);
    if (hit !== undefined) return hit;
    let acc = ring.zero();
    let sign = 1;
    for (let k = 0; k < n; k++) {
      if (mask & (1 << k)) continue;
      const a = m[rows[r]][cols[k]];
      if (!ring.isZero(a)) {
        const sub = minor(r + 1, mask | (1 << k));
        if (!ring.isZero(sub)) {
          const t = ring.mul(a, sub);
          acc = ring.add(acc, sign > 0 ? t : ring.neg(t));
        }
      }
      sign = -sign;
    }
    memo.set(mask, acc);
    return acc;
  };
  return minor(0, 0);
}

export function blockDet<T>(m: readonly (readonly T[])[], b: Block, ring: Ring<T>): T {
  if (b.rows.length === 1) return m[b.rows[0]][b.cols[0]];
  return laplaceDet(m, b.rows, b.cols, ring);
}

/** det from the block form, or null when a dense block is too large to expand. */
export function structuredDet<T>(m: readonly (readonly T[])[], form: BlockForm, ring: Ring<T>): T | null {
  if (!form.blocks) return ring.zero();
  if (form.blocks.some((b) => b.rows.length > MAX_DENSE_BLOCK)) return null;
  let d = ring.one();
  for (const b of form.blocks) d = ring.mul(d, blockDet(m, b, ring));
  return form.sign > 0 ? d : ring.neg(d);
}
