/**
 * Exact numbers a + b √d (a, b rational, d a square-free integer > 1, one d per matrix): the
 * constants of a map such as a rotation by π/6 ((√3 x - y)/2, (x + √3 y)/2), so that its
 * inverse is exact linear algebra like a rational one's, without the simplifier.
 */
import { Expr, add, call, mul, num, numQ } from './expr';
import { Q, Q0, Q1, q, qAdd, qDiv, qIsZero, qMul, qNeg, qPow, qSign, qSub } from './rational';

/** a + b √d; d is the field's, kept beside. */
export interface Surd { readonly a: Q; readonly b: Q }

/** The field Q(√d), its d fixed by the first square root met (null while none was). */
export interface SurdField { d: bigint | null }

const rational = (a: Q): Surd => ({ a, b: Q0 });
export const S0 = rational(Q0), S1 = rational(Q1);

export const sIsZero = (x: Surd): boolean => qIsZero(x.a) && qIsZero(x.b);
export const sAdd = (x: Surd, y: Surd): Surd => ({ a: qAdd(x.a, y.a), b: qAdd(x.b, y.b) });
export const sSub = (x: Surd, y: Surd): Surd => ({ a: qSub(x.a, y.a), b: qSub(x.b, y.b) });
export const sNeg = (x: Surd): Surd => ({ a: qNeg(x.a), b: qNeg(x.b) });
export const sMul = (x: Surd, y: Surd, d: bigint): Surd => ({
  a: qAdd(qMul(x.a, y.a), qMul(qMul(x.b, y.b), q(d))), b: qAdd(qMul(x.a, y.b), qMul(x.b, y.a)),
});
/** 1/(a + b √d) = (a - b √d)/(a^2 - d b^2); the norm is 0 only at 0 (√d is irrational). */
export function sInv(x: Surd, d: bigint): Surd {
  const norm = qSub(qMul(x.a, x.a), qMul(qMul(x.b, x.b), q(d)));
  return { a: qDiv(x.a, norm), b: qNeg(qDiv(x.b, norm)) };
}
export const sDiv = (x: Surd, y: Surd, d: bigint): Surd => sMul(x, sInv(y, d), d);
/** Scaled by a rational. */
export const sScale = (x: Surd, s: Q): Surd => ({ a: qMul(x.a, s), b: qMul(x.b, s) });

/** The exact sign of a + b √d. */
export function sSign(x: Surd, d: bigint): number {
  const sa = qSign(x.a), sb = qSign(x.b);
  if (sb === 0 || sa === sb) return sa || sb;
  if (sa === 0) return sb;
  // opposite signs: the larger of a^2 and d b^2 wins
  const a2 = qMul(x.a, x.a), db2 = qMul(qMul(x.b, x.b), q(d));
  const c = qSign(qSub(a2, db2));
  return c === 0 ? 0 : c > 0 ? sa : sb;
}

/** m = s^2 k with k square-free (trial division; m below 2^40, else null). */
function squareFree(m: bigint): { s: bigint; k: bigint } | null {
  if (m <= 0n || m > 1n << 40n) return null;
  let s = 1n, k = 1n, rest = m;
  for (let p = 2n; p * p <= rest; p++) {
    let e = 0;
    while (rest % p === 0n) { rest /= p; e++; }
    if (e >= 2) s *= p ** BigInt(e >> 1);
    if (e % 2) k *= p;
  }
  return { s, k: k * rest };
}

/** √c for a positive rational c, in the field (fixing its d), or null. */
function sqrtOf(c: Q, field: SurdField): Surd | null {
  if (qSign(c) <= 0) return null;
  // √(n/d) = √(n d)/d
  const sf = squareFree(c.n * c.d);
  if (!sf) return null;
  const coef = q(sf.s, c.d);
  if (sf.k === 1n) return rational(coef);
  if (field.d !== null && field.d !== sf.k) return null;
  field.d = sf.k;
  return { a: Q0, b: coef };
}

/** The exact value of a constant built from rationals and square roots of rationals by +, -, *, /, integer powers; or null. */
export function surdValue(e: Expr, field: SurdField): Surd | null {
  switch (e.k) {
    case 'num': return Number.isFinite(e.v) ? rational(numQ(e)) : null;
    case 'neg': { const x = surdValue(e.arg, field); return x && sNeg(x); }
    case 'add': case 'mul': {
      let r = e.k === 'add' ? S0 : S1;
      for (const t of e.args) {
        const x = surdValue(t, field);
        if (!x) return null;
        r = e.k === 'add' ? sAdd(r, x) : sMul(r, x, field.d ?? 1n);
      }
      return r;
    }
    case 'pow': {
      const k = e.exp.k === 'num' ? e.exp.v : NaN;
      if (e.exp.k === 'num' && k === 0.5 && e.base.k === 'num') return sqrtOf(numQ(e.base), field);
      if (!Number.isInteger(k) || Math.abs(k) > 64) return null;
      const b = surdValue(e.base, field);
      if (!b || (k < 0 && sIsZero(b))) return null;
      const d = field.d ?? 1n;
      if (qIsZero(b.b)) return rational(qPow(b.a, k));
      let r = S1;
      for (let i = 0; i < Math.abs(k); i++) r = sMul(r, b, d);
      return k < 0 ? sInv(r, d) : r;
    }
    case 'call': {
      if (e.fn !== 'sqrt' || e.d || e.args.length !== 1) return null;
      const c = surdValue(e.args[0], field);
      return c && qIsZero(c.b) ? sqrtOf(c.a, field) : null;
    }
    default: return null;
  }
}

/** a + b √d as a tree, each rational part as `coefficient` writes it. */
export function surdExpr(x: Surd, d: bigint, coefficient: (c: Q) => Expr): Expr {
  const root = call('sqrt', num(Number(d)));
  const irrational = qIsZero(x.b) ? null : x.b.n === 1n && x.b.d === 1n ? root : mul(coefficient(x.b), root);
  if (!irrational) return coefficient(x.a);
  return qIsZero(x.a) ? irrational : add(coefficient(x.a), irrational);
}
