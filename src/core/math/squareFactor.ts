/**
 * Repeated factors of one-variable polynomials pulled out as squares, exactly (rationals):
 * 2x - x^2 - 1 = -(x - 1)^2. A sign test by intervals never settles a sum that touches 0
 * (every box around x = 1 keeps both signs in its enclosure), while q(x) g(x)^2 reads its
 * sign off q alone: the proofs of injectivity use this before a sign test.
 */
import { Expr, add, mul, numOf, numQ, pow, sym } from './expr';
import { Q, Q0, Q1, qAdd, qDiv, qFromNumber, qIsZero, qMul, qNeg, qSub } from './rational';

/** Coefficients by degree, highest nonzero last (the zero polynomial is []). */
type P = Q[];

const MAX_DEGREE = 24;

const trim = (p: P): P => { const r = [...p]; while (r.length && qIsZero(r[r.length - 1])) r.pop(); return r; };

function pAdd(a: P, b: P): P {
  const r: Q[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) r.push(qAdd(a[i] ?? Q0, b[i] ?? Q0));
  return trim(r);
}

function pMul(a: P, b: P): P {
  if (!a.length || !b.length) return [];
  const r: Q[] = new Array(a.length + b.length - 1).fill(Q0);
  a.forEach((x, i) => b.forEach((y, j) => { r[i + j] = qAdd(r[i + j], qMul(x, y)); }));
  return trim(r);
}

/** a = q b + r with deg r < deg b (b not zero). */
function pDivMod(a: P, b: P): [P, P] {
  let r = [...a];
  const q: Q[] = new Array(Math.max(0, a.length - b.length + 1)).fill(Q0);
  const lead = b[b.length - 1];
  while (r.length >= b.length && r.length) {
    const k = r.length - b.length, c = qDiv(r[r.length - 1], lead);
    q[k] = c;
    r = trim(r.map((x, i) => (i >= k && i - k < b.length ? qSub(x, qMul(c, b[i - k])) : x)));
  }
  return [trim(q), r];
}

function pGcd(a: P, b: P): P {
  while (b.length) [a, b] = [b, pDivMod(a, b)[1]];
  const lead = a[a.length - 1];
  return a.map((c) => qDiv(c, lead));
}

const pDeriv = (p: P): P => trim(p.slice(1).map((c, i) => qMul(c, qFromNumber(i + 1))));

/** e as a polynomial in v with rational coefficients, or null. */
function polyOf(e: Expr, v: string): P | null {
  switch (e.k) {
    case 'num': return trim([numQ(e)]);
    case 'sym': return e.name === v ? [Q0, Q1] : null;
    case 'neg': { const a = polyOf(e.arg, v); return a && a.map(qNeg); }
    case 'add': {
      let r: P = [];
      for (const t of e.args) { const a = polyOf(t, v); if (!a) return null; r = pAdd(r, a); }
      return r;
    }
    case 'mul': {
      let r: P = [Q1];
      for (const t of e.args) { const a = polyOf(t, v); if (!a) return null; r = pMul(r, a); if (r.length > MAX_DEGREE + 1) return null; }
      return r;
    }
    case 'pow': {
      if (e.exp.k !== 'num' || !Number.isInteger(e.exp.v) || e.exp.v < 0 || e.exp.v > MAX_DEGREE) return null;
      const a = polyOf(e.base, v);
      if (!a) return null;
      let r: P = [Q1];
      for (let k = 0; k < e.exp.v; k++) { r = pMul(r, a); if (r.length > MAX_DEGREE + 1) return null; }
      return r;
    }
    default: return null;
  }
}

const exprOf = (p: P, v: string): Expr => add(...p.map((c, i) => mul(numOf(c), pow(sym(v), { k: 'num', v: i }))).reverse());

/**
 * A polynomial factor q g^2 (g of degree >= 1, from gcd(p, p')) written as such, checked
 * exactly (q g^2 = p); null when p has no repeated factor or is not a polynomial in v.
 */
function squareOut(e: Expr, v: string): Expr | null {
  const p = polyOf(e, v);
  if (!p || p.length < 3) return null;
  const g = pGcd(p, pDeriv(p));
  if (g.length < 2) return null;
  const [q, r] = pDivMod(p, pMul(g, g));
  if (r.length) return null;
  return mul(exprOf(q, v), pow(exprOf(g, v), { k: 'num', v: 2 }));
}

/** e (a product, or one factor) with each polynomial factor in v alone that has a repeated factor written as q g^2; null when none has. */
export function squareFactored(e: Expr, v: string): Expr | null {
  const factors = e.k === 'mul' ? e.args : [e];
  let changed = false;
  const out = factors.map((f) => {
    const base = f.k === 'pow' && f.exp.k === 'num' && Number.isInteger(f.exp.v) && f.exp.v > 0 ? f.base : f;
    const s = f.k === 'add' || base.k === 'add' ? squareOut(base, v) : null;
    if (!s) return f;
    changed = true;
    return base === f ? s : pow(s, f.k === 'pow' ? f.exp : { k: 'num', v: 1 });
  });
  return changed ? mul(...out) : null;
}
