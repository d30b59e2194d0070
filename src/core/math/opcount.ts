/**
 * Operation count, the yardstick of "short": the same count SymPy's `count_ops` gives for
 * the expression SymPy would read from our printed form. It is what the corpus records for
 * SymPy's simplified det J (`det_simplified_count_ops`), so the two are compared like for like.
 *
 * SymPy canonicalizes what it reads, and the count is of that: a number times one sum is
 * distributed (2 (x + y) -> 2 x + 2 y), an integer power of a product is spread over its
 * factors ((x y)^2 -> x^2 y^2), sqrt(u) is u^(1/2) (two operations), e is exp(1). Then it
 * counts: each + and - between terms, one NEG for a negative coefficient (or an all-negative
 * sum), one DIV for a fraction bar (a rational, a denominator), one MUL per extra factor, one
 * POW per power, one per function call. Powers of one base in a product are merged
 * (x^(1/3)/x is x^(-2/3)). A decimal is a float to SymPy: no fraction bar, arithmetic with
 * it gives a float (33.5/7 is one number), and a lone negative float has no NEG.
 */
import { Expr, numQ } from './expr';
import { Q, Q1, q, qFromNumber, qMul, qNeg, qPow, qSign } from './rational';

type S =
  | { readonly t: 'q'; readonly v: Q }
  | { readonly t: 'f'; readonly v: number }
  | { readonly t: 'sym'; readonly name: string }
  | { readonly t: 'E' }
  | { readonly t: 'add'; readonly terms: readonly S[] }
  | { readonly t: 'mul'; readonly c: Q; readonly f?: number; readonly fs: readonly S[] }
  | { readonly t: 'pow'; readonly b: S; readonly e: S }
  | { readonly t: 'fn'; readonly name: string; readonly args: readonly S[] };

const rat = (v: Q): S => ({ t: 'q', v });
const flt = (v: number): S => ({ t: 'f', v });
const qNum = (v: Q): number => Number(v.n) / Number(v.d);
/** A number's value as a double, or null for a non-number. */
const numberOf = (s: S): number | null => (s.t === 'q' ? qNum(s.v) : s.t === 'f' ? s.v : null);
const isInt = (s: S): s is { t: 'q'; v: Q } => s.t === 'q' && s.v.d === 1n;

function makeAdd(terms: readonly S[]): S {
  const out: S[] = [];
  let c: Q | null = null;
  let f: number | null = null;
  for (const t of terms) {
    for (const u of t.t === 'add' ? t.terms : [t]) {
      if (u.t === 'q') c = c ? q(c.n * u.v.d + u.v.n * c.d, c.d * u.v.d) : u.v;
      else if (u.t === 'f') f = (f ?? 0) + u.v;
      else out.push(u);
    }
  }
  if (f !== null) { f += c ? qNum(c) : 0; if (f !== 0) out.unshift(flt(f)); } else if (c && c.n !== 0n) out.unshift(rat(c));
  return out.length === 0 ? rat(q(0n)) : out.length === 1 ? out[0] : { t: 'add', terms: out };
}

const key = (s: S): string => JSON.stringify(s, (_, v) => (typeof v === 'bigint' ? v.toString() : v));

/** Powers of one base with rational exponents merged, as SymPy's Mul does (x^(1/3) x^-1 = x^(-2/3)). */
function mergeBases(fs: readonly S[]): S[] {
  const at = new Map<string, number>();
  const out: { b: S; e: S }[] = [];
  for (const f of fs) {
    const [b, e] = f.t === 'pow' ? [f.b, f.e] : [f, rat(Q1)];
    const k = key(b);
    const i = at.get(k);
    if (i !== undefined && e.t === 'q' && out[i].e.t === 'q') {
      const a = (out[i].e as { v: Q }).v;
      out[i] = { b, e: rat(q(a.n * e.v.d + e.v.n * a.d, a.d * e.v.d)) };
    } else { if (i === undefined) at.set(k, out.length); out.push({ b, e }); }
  }
  return out.filter((p) => !(p.e.t === 'q' && p.e.v.n === 0n)).map((p) => makePow(p.b, p.e));
}

function makeMul(factors: readonly S[]): S {
  let c = Q1;
  let fl: number | null = null;
  const raw: S[] = [];
  for (const f of factors) {
    if (f.t === 'q') c = qMul(c, f.v);
    else if (f.t === 'f') fl = (fl ?? 1) * f.v;
    else if (f.t === 'mul') { c = qMul(c, f.c); if (f.f !== undefined) fl = (fl ?? 1) * f.f; raw.push(...f.fs); } else raw.push(f);
  }
  const fs = raw.length > 1 ? mergeBases(raw) : raw;
  if (fl !== null) return floatMul(fl * qNum(c), fs);
  if (c.n === 0n) return rat(c);
  if (fs.length === 0) return rat(c);
  // a number times one sum is distributed: 2 (x + y) = 2 x + 2 y
  if (fs.length === 1 && fs[0].t === 'add' && (c.n !== 1n || c.d !== 1n)) return makeAdd(fs[0].terms.map((t) => makeMul([rat(c), t])));
  if (c.n === 1n && c.d === 1n && fs.length === 1) return fs[0];
  return { t: 'mul', c, fs };
}

/** A float coefficient times factors: SymPy keeps it as the product's number. */
function floatMul(v: number, fs: readonly S[]): S {
  if (v === 0 || fs.length === 0) return flt(v);
  if (fs.length === 1 && fs[0].t === 'add') return makeAdd(fs[0].terms.map((t) => makeMul([flt(v), t])));
  if (v === 1 && fs.length === 1) return fs[0];
  return { t: 'mul', c: Q1, f: v, fs };
}

function makePow(b: S, e: S): S {
  const bv = numberOf(b), ev = numberOf(e);
  if (bv !== null && ev !== null && (b.t === 'f' || e.t === 'f') && bv > 0) return flt(bv ** ev);
  if (e.t === 'q' && e.v.n === 1n && e.v.d === 1n) return b;
  if (isInt(e)) {
    const k = Number(e.v.n);
    if (b.t === 'q' && (b.v.n !== 0n || k > 0)) return rat(qPow(b.v, k));
    // (x y)^k = x^k y^k, (x^a)^k = x^(a k) for integer k
    if (b.t === 'mul') return makeMul([rat(qPow(b.c, k)), ...b.fs.map((f) => makePow(f, e))]);
    if (b.t === 'pow' && b.e.t === 'q') return makePow(b.b, rat(qMul(b.e.v, e.v)));
  }
  return { t: 'pow', b, e };
}

function toS(e: Expr): S {
  switch (e.k) {
    case 'num': return e.exact || Number.isInteger(e.v) ? rat(e.exact ? numQ(e) : qFromNumber(e.v)) : Number.isFinite(e.v) ? flt(e.v) : rat(q(0n));
    case 'sym': return e.name === 'e' ? { t: 'E' } : { t: 'sym', name: e.name };
    case 'add': return makeAdd(e.args.map(toS));
    case 'mul': return makeMul(e.args.map(toS));
    case 'neg': return makeMul([rat(q(-1n)), toS(e.arg)]);
    case 'pow': return makePow(toS(e.base), toS(e.exp));
    case 'call':
      if (!e.d && e.fn === 'sqrt') return makePow(toS(e.args[0]), rat(q(1n, 2n)));
      if (!e.d && e.fn === 'cbrt') return makePow(toS(e.args[0]), rat(q(1n, 3n)));
      if (!e.d && e.fn === 'exp' && e.args[0].k === 'num' && e.args[0].v === 1) return { t: 'E' };
      return { t: 'fn', name: e.d ? `${e.fn}'${e.d.join('.')}` : e.fn, args: e.args.map(toS) };
  }
}

const isNeg = (s: S): boolean => (s.t === 'q' && qSign(s.v) < 0) || (s.t === 'f' && s.v < 0) || (s.t === 'mul' && (s.f !== undefined ? s.f < 0 : qSign(s.c) < 0));
const negate = (s: S): S => (s.t === 'q' ? rat(qNeg(s.v)) : s.t === 'f' ? flt(-s.v) : s.t === 'mul' ? makeMul([rat(q(-1n)), s]) : s);

function countS(s: S): number {
  switch (s.t) {
    case 'q': return (qSign(s.v) < 0 ? 1 : 0) + (s.v.d !== 1n ? 1 : 0);
    case 'f': return 0;
    case 'sym': return 0;
    case 'E': return 1;
    case 'fn': return 1 + s.args.reduce((n, a) => n + countS(a), 0);
    case 'pow':
      if (s.e.t === 'q' && s.e.v.n === -1n && s.e.v.d === 1n) return 1 + countS(s.b);
      if (s.b.t === 'E') return 1 + countS(s.e);
      return 1 + countS(s.b) + countS(s.e);
    case 'add': {
      let ops = s.terms.length - 1, negs = 0;
      for (const t of s.terms) {
        if (isNeg(t)) { negs++; ops += countS(negate(t)); } else ops += countS(t);
      }
      return ops + (negs === s.terms.length ? 1 : 0);
    }
    case 'mul': {
      let ops = 0;
      // a float coefficient is one factor, never a fraction bar
      let c = s.f === undefined ? s.c : q((s.f < 0 ? -1n : 1n) * (Math.abs(s.f) === 1 ? 1n : 2n));
      if (qSign(c) < 0) { ops++; c = qNeg(c); }
      // numerator and denominator, as SymPy's fraction() splits them
      const numer: S[] = [], denom: S[] = [];
      for (const f of s.fs) {
        if (f.t === 'pow' && f.e.t === 'q' && qSign(f.e.v) < 0) denom.push(makePow(f.b, rat(qNeg(f.e.v))));
        else if (f.t === 'fn' && f.name === 'exp' && isNeg(f.args[0])) denom.push({ t: 'fn', name: 'exp', args: [negate(f.args[0])] });
        else numer.push(f);
      }
      const product = (k: bigint, fs: S[]): number => {
        const args = k !== 1n ? fs.length + 1 : fs.length;
        return args - 1 + fs.reduce((n, f) => n + countS(f), 0);
      };
      if (numer.length === 0) return ops + 1 + product(c.d, denom);
      if (denom.length > 0 || c.d !== 1n) return ops + 1 + (denom.length ? product(c.d, denom) : 0) + product(c.n, numer);
      return ops + product(c.n, numer);
    }
  }
}

/** SymPy's count_ops of the expression SymPy reads from this one's printed form. */
export const countOps = (e: Expr): number => countS(toS(e));
