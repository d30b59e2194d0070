/**
 * Determinants over any ring (expression trees for the raw form, rational functions for the
 * simplified one, exact rationals for constant blocks): block structure first, memoized
 * Laplace expansion for small dense blocks, fraction-free elimination (Bareiss) for larger
 * ones where the ring divides exactly. Every loop calls the ring's `tick`, which throws when
 * the budget is spent.
 */
import type { Block, BlockForm } from './structure';
import { Expr, ONE, ZERO, add, isNum, mul, neg } from './expr';
import { Q, Q0, Q1, bgcd, q, qAdd, qDiv, qIsZero, qMul, qNeg } from './rational';
import type { Algebra, RF } from './poly';

export interface Ring<T> {
  zero(): T;
  one(): T;
  add(a: T, b: T): T;
  neg(a: T): T;
  mul(a: T, b: T): T;
  isZero(a: T): boolean;
  /** The exact quotient a / b, where b divides a; rings without it get no elimination. */
  div?(a: T, b: T): T;
  /** Called once per inner step: throws when the budget is spent. */
  tick?(): void;
}

/** Expression trees as a ring (raw, unsimplified determinants); `tick` bounds the work. */
export function exprRingWith(tick?: () => void): Ring<Expr> {
  return { zero: () => ZERO, one: () => ONE, add: (a, b) => add(a, b), neg, mul: (a, b) => mul(a, b), isZero: (a) => isNum(a, 0), tick };
}

export const exprRing: Ring<Expr> = exprRingWith();

/** Exact rationals: constant blocks (integer and rational matrices), any size. */
export function rationalRing(tick?: () => void): Ring<Q> {
  return { zero: () => Q0, one: () => Q1, add: qAdd, neg: qNeg, mul: qMul, isZero: qIsZero, div: qDiv, tick };
}

/** Integers (BigInt) with exact division: fraction-free elimination without a gcd per step. */
export function integerRing(tick?: () => void): Ring<bigint> {
  return { zero: () => 0n, one: () => 1n, add: (a, b) => a + b, neg: (a) => -a, mul: (a, b) => a * b, isZero: (a) => a === 0n, div: (a, b) => a / b, tick };
}

/**
 * det of a rational matrix, exact at any size: each row is scaled to integers by the lcm of
 * its denominators, eliminated over the integers (Bareiss: every entry a minor, every
 * division exact), and the product of the scales divided out once at the end.
 */
export function rationalDet(m: readonly (readonly Q[])[], tick?: () => void): Q {
  let scale = 1n;
  const ints = m.map((row) => {
    const l = row.reduce((acc, x) => (acc / bgcd(acc, x.d)) * x.d, 1n);
    scale *= l;
    return row.map((x) => x.n * (l / x.d));
  });
  const idx = ints.map((_, k) => k);
  return q(bareissDet(ints, idx, idx, integerRing(tick)), scale);
}

/** Largest dense block expanded by Laplace (n * 2^n products with memoized minors). */
export const MAX_DENSE_BLOCK = 8;

/** det of m[rows][cols] by Laplace expansion along rows, memoized on the column subset. */
export function laplaceDet<T>(m: readonly (readonly T[])[], rows: readonly number[], cols: readonly number[], ring: Ring<T>): T {
  const n = rows.length;
  if (n > 30) throw new RangeError('laplaceDet: block too large');
  const memo = new Map<number, T>();
  const minor = (r: number, mask: number): T => {
    if (r === n) return ring.one();
    const hit = memo.get(mask);
    if (hit !== undefined) return hit;
    let acc = ring.zero();
    let sign = 1;
    for (let k = 0; k < n; k++) {
      if (mask & (1 << k)) continue;
      ring.tick?.();
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

/**
 * det of m[rows][cols] by Bareiss's fraction-free elimination: n^3 ring operations, every
 * intermediate entry a minor of the matrix (so entries stay the size of minors and each
 * division is exact). Needs `ring.div`.
 */
export function bareissDet<T>(m: readonly (readonly T[])[], rows: readonly number[], cols: readonly number[], ring: Ring<T>): T {
  const div = ring.div;
  if (!div) throw new Error('bareissDet needs a ring with exact division');
  const n = rows.length;
  const a = rows.map((r) => cols.map((c) => m[r][c]));
  let sign = 1;
  let prev = ring.one();
  for (let k = 0; k < n; k++) {
    let p = k;
    while (p < n && ring.isZero(a[p][k])) p++;
    if (p === n) return ring.zero();
    if (p !== k) { [a[p], a[k]] = [a[k], a[p]]; sign = -sign; }
    const pivot = a[k][k];
    for (let i = k + 1; i < n; i++) {
      const aik = a[i][k];
      for (let j = k + 1; j < n; j++) {
        ring.tick?.();
        const t = ring.mul(pivot, a[i][j]);
        const u = ring.isZero(aik) || ring.isZero(a[k][j]) ? t : ring.add(t, ring.neg(ring.mul(aik, a[k][j])));
        a[i][j] = k === 0 || ring.isZero(u) ? u : div(u, prev);
      }
    }
    prev = pivot;
  }
  const d = a[n - 1][n - 1];
  return sign > 0 ? d : ring.neg(d);
}

/** det of one diagonal block: the entry, Laplace up to MAX_DENSE_BLOCK, else Bareiss (null when the ring cannot divide). */
export function blockDet<T>(m: readonly (readonly T[])[], b: Block, ring: Ring<T>): T | null {
  if (b.rows.length === 1) return m[b.rows[0]][b.cols[0]];
  if (b.rows.length <= MAX_DENSE_BLOCK) return laplaceDet(m, b.rows, b.cols, ring);
  return ring.div ? bareissDet(m, b.rows, b.cols, ring) : null;
}

/** The determinants of the diagonal blocks, or null when one cannot be computed in this ring. */
export function blockDets<T>(m: readonly (readonly T[])[], form: BlockForm, ring: Ring<T>, special?: (b: Block) => T | null): T[] | null {
  if (!form.blocks) return [ring.zero()];
  const out: T[] = [];
  for (const b of form.blocks) {
    const d = special?.(b) ?? blockDet(m, b, ring);
    if (d === null) return null;
    out.push(d);
  }
  return out;
}

/** det from the block form and the blocks' determinants. */
export function productDet<T>(dets: readonly T[], form: BlockForm, ring: Ring<T>): T {
  if (!form.blocks) return ring.zero();
  let d = ring.one();
  for (const b of dets) d = ring.mul(d, b);
  return form.sign > 0 ? d : ring.neg(d);
}

/** det from the block form, or null when a dense block is too large for this ring. */
export function structuredDet<T>(m: readonly (readonly T[])[], form: BlockForm, ring: Ring<T>): T | null {
  const dets = blockDets(m, form, ring);
  return dets && productDet(dets, form, ring);
}

/** Rational functions of the exact algebra as a ring, bounded by the algebra's budget. */
export function algebraRing(alg: Algebra): Ring<RF> {
  return {
    zero: () => alg.const(Q0), one: () => alg.const(Q1), add: (a, b) => alg.add(a, b), neg: (a) => alg.neg(a),
    mul: (a, b) => alg.mul(a, b), isZero: (a) => a.num.size === 0, div: (a, b) => alg.mul(a, alg.inv(b)), tick: () => alg.budget.tick(),
  };
}

/** det of a block of constants by exact rational elimination (fast for large integer matrices), or null when an entry is not constant. */
export function constantBlockDet(alg: Algebra, m: readonly (readonly RF[])[], b: Block): RF | null {
  if (b.rows.length <= 2) return null;
  const rows: Q[][] = [];
  for (const i of b.rows) {
    const row: Q[] = [];
    for (const j of b.cols) {
      const c = alg.isConst(m[i][j]);
      if (!c) return null;
      row.push(c);
    }
    rows.push(row);
  }
  return alg.const(rationalDet(rows, () => alg.budget.tick()));
}
