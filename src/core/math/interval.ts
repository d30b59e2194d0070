/**
 * Interval arithmetic over expression trees: an enclosure of an expression's values on a
 * box, for sound sign decisions (proofs) and for interval Newton tests.
 *
 * Bounds are rounded outward: every inexact result is widened by a few ulps (libm's
 * functions are faithful to about 1 ulp), and an exact 0 stays 0 only where it cannot come
 * from rounding. Besides the bounds, an enclosure carries facts that bounds alone cannot
 * express: exp(u) > 0 even when u is unbounded (an unknown function s(x) is any finite real
 * number), squares are >= 0, the expression is defined everywhere on the box (no division
 * by an interval containing 0, no log of a non-positive number, ...) and analytic there.
 */
import { Expr, CONSTANTS, dependsOn, postOrder, size } from './expr';
import { erf } from './functions';
import { diff } from './diff';

export interface Interval { readonly lo: number; readonly hi: number }

export interface Enclosure extends Interval {
  /** Strictly positive (negative) on the whole box, whatever the bounds say. */
  readonly pos: boolean;
  readonly neg: boolean;
  /** >= 0 (<= 0) on the whole box. */
  readonly nonneg: boolean;
  readonly nonpos: boolean;
  /** Defined (a finite real number) at every point of the box. */
  readonly defined: boolean;
  /** Real-analytic on the box (so C^1); unknown functions are not known to be. */
  readonly analytic: boolean;
  /**
   * Continuous on the box (set by evalInterval; sign() across 0 and atan2 across its branch
   * cut are not). Unknown functions are assumed continuous (they are smooth networks).
   */
  readonly continuous?: boolean;
}

export type Box = ReadonlyArray<readonly [number, number]>;

// ---------------------------------------------------------------------------------------
// Outward rounding

const REL = 2 ** -50;
const TINY = Number.MIN_VALUE;

/** A lower bound of the true value of an inexact result v. */
export const down = (v: number): number => (Number.isFinite(v) ? v - Math.abs(v) * REL - TINY : v);
/** An upper bound of the true value of an inexact result v. */
export const up = (v: number): number => (Number.isFinite(v) ? v + Math.abs(v) * REL + TINY : v);
/** Widen an interval computed with float operations (a computed 0 bound is widened too). */
export const widen = (lo: number, hi: number): Interval => ({ lo: down(lo), hi: up(hi) });

/** The rounding error of a + b (Knuth's TwoSum): 0 exactly when the float sum is exact. */
function sumError(a: number, b: number, s: number): number {
  const bb = s - a;
  return (a - (s - bb)) + (b - bb);
}

const SPLIT = 134217729; // 2^27 + 1
/** The rounding error of a * b (Dekker's TwoProduct); NaN where the splitting could overflow. */
function productError(a: number, b: number, p: number): number {
  if (Math.abs(a) > 1e290 || Math.abs(b) > 1e290 || !Number.isFinite(p)) return NaN;
  const ca = SPLIT * a, ah = ca - (ca - a), al = a - ah;
  const cb = SPLIT * b, bh = cb - (cb - b), bl = b - bh;
  return ((ah * bh - p) + ah * bl + al * bh) + al * bl;
}

const UNDEFINED: Enclosure = { lo: -Infinity, hi: Infinity, pos: false, neg: false, nonneg: false, nonpos: false, defined: false, analytic: false };

/** Complete the sign facts from the bounds. */
function enc(lo: number, hi: number, facts: Partial<Omit<Enclosure, 'lo' | 'hi'>> & { analytic: boolean }): Enclosure {
  if (Number.isNaN(lo) || Number.isNaN(hi)) return UNDEFINED;
  const pos = !!facts.pos || lo > 0;
  const neg = !!facts.neg || hi < 0;
  return {
    lo: pos ? Math.max(lo, 0) : lo, hi: neg ? Math.min(hi, 0) : hi,
    pos, neg, nonneg: pos || !!facts.nonneg || lo >= 0, nonpos: neg || !!facts.nonpos || hi <= 0,
    defined: true, analytic: facts.analytic,
  };
}

const point = (v: number, exact: boolean): Enclosure => {
  const { lo, hi } = exact ? { lo: v, hi: v } : widen(v, v);
  return enc(lo, hi, { analytic: true });
};

// ---------------------------------------------------------------------------------------
// Arithmetic on enclosures

/** a * b for bounds, with 0 * inf = 0 (bounds are of finite values). */
const bmul = (a: number, b: number): number => (a === 0 || b === 0 ? 0 : a * b);

export function iAdd(xs: readonly Enclosure[]): Enclosure {
  let lo = 0, hi = 0, analytic = true, exactLo = true, exactHi = true;
  for (const x of xs) {
    if (!x.defined) return UNDEFINED;
    const l = lo + x.lo, h = hi + x.hi;
    if (exactLo && Number.isFinite(l)) exactLo = sumError(lo, x.lo, l) === 0;
    if (exactHi && Number.isFinite(h)) exactHi = sumError(hi, x.hi, h) === 0;
    lo = l; hi = h; analytic &&= x.analytic;
  }
  if (xs.some((x) => x.lo === -Infinity)) lo = -Infinity;
  if (xs.some((x) => x.hi === Infinity)) hi = Infinity;
  const pos = xs.every((x) => x.nonneg) && xs.some((x) => x.pos);
  const neg = xs.every((x) => x.nonpos) && xs.some((x) => x.neg);
  return enc(exactLo ? lo : down(lo), exactHi ? hi : up(hi), {
    pos, neg, nonneg: xs.every((x) => x.nonneg), nonpos: xs.every((x) => x.nonpos), analytic,
  });
}

export function iNeg(x: Enclosure): Enclosure {
  if (!x.defined) return x;
  return { ...x, lo: -x.hi, hi: -x.lo, pos: x.neg, neg: x.pos, nonneg: x.nonpos, nonpos: x.nonneg };
}

export function iMul2(a: Enclosure, b: Enclosure): Enclosure {
  if (!a.defined || !b.defined) return UNDEFINED;
  const pairs: Array<[number, number]> = [[a.lo, b.lo], [a.lo, b.hi], [a.hi, b.lo], [a.hi, b.hi]];
  const ps = pairs.map(([x, y]) => bmul(x, y));
  // A product is exact when a factor is 0 (bmul) or its rounding error is 0 (and no underflow).
  const exact = ps.map((p, k) => {
    const [x, y] = pairs[k];
    return x === 0 || y === 0 || (p !== 0 && productError(x, y, p) === 0);
  });
  let lo = Infinity, hi = -Infinity, loExact = true, hiExact = true;
  ps.forEach((p, k) => {
    if (p < lo || (p === lo && !exact[k])) { lo = p; loExact = exact[k]; }
    if (p > hi || (p === hi && !exact[k])) { hi = p; hiExact = exact[k]; }
  });
  lo = loExact ? lo : down(lo);
  hi = hiExact ? hi : up(hi);
  const sa = a.pos ? 1 : a.neg ? -1 : 0, sb = b.pos ? 1 : b.neg ? -1 : 0;
  return enc(lo, hi, {
    pos: sa * sb > 0, neg: sa * sb < 0,
    nonneg: (a.nonneg && b.nonneg) || (a.nonpos && b.nonpos),
    nonpos: (a.nonneg && b.nonpos) || (a.nonpos && b.nonneg),
    analytic: a.analytic && b.analytic,
  });
}

export function iRecip(x: Enclosure): Enclosure {
  if (!x.defined || !(x.pos || x.neg)) return UNDEFINED;
  // 1/[lo, hi] with 0 < lo (or hi < 0); a bound 0 (approached, not attained) gives infinity.
  const lo = x.hi === 0 ? -Infinity : down(1 / x.hi);
  const hi = x.lo === 0 ? Infinity : up(1 / x.lo);
  return enc(lo, hi, { pos: x.pos, neg: x.neg, analytic: x.analytic });
}

/** x^k for an integer k. */
export function iPowInt(x: Enclosure, k: number): Enclosure {
  if (!x.defined) return x;
  if (k === 0) return point(1, true);
  if (k < 0) return iRecip(iPowInt(x, -k));
  if (k === 1) return x;
  if (k % 2 === 1) {
    return enc(down(x.lo ** k), up(x.hi ** k), { pos: x.pos, neg: x.neg, nonneg: x.nonneg, nonpos: x.nonpos, analytic: x.analytic });
  }
  const a = Math.abs(x.lo), b = Math.abs(x.hi);
  const contains0 = x.lo <= 0 && x.hi >= 0;
  const lo = contains0 ? 0 : down(Math.min(a, b) ** k);
  return enc(lo, up(Math.max(a, b) ** k), { pos: x.pos || x.neg, nonneg: true, analytic: x.analytic });
}

/** A monotone function on [lo, hi] (increasing or decreasing), bounds evaluated at the ends. */
function monotone(x: Enclosure, f: (v: number) => number, increasing: boolean, facts: { pos?: boolean; neg?: boolean; analytic: boolean }): Enclosure {
  const a = f(x.lo), b = f(x.hi);
  const [lo, hi] = increasing ? [a, b] : [b, a];
  const exact = (v: number, at: number) => (v === 0 && at === 0); // f(0) = 0 exactly for the odd functions used here
  return enc(exact(lo, increasing ? x.lo : x.hi) ? 0 : down(lo), exact(hi, increasing ? x.hi : x.lo) ? 0 : up(hi), facts);
}

interface Dom {
  /** The argument must be > lo (strict) or >= lo; < hi or <= hi. */
  readonly lo?: number; readonly loStrict?: boolean;
  readonly hi?: number; readonly hiStrict?: boolean;
  /** Analytic only strictly inside (sqrt at 0, asin at +-1, ...). */
  readonly openForAnalytic?: boolean;
  /** Not analytic at 0 (cbrt). */
  readonly singularAt0?: boolean;
}

function inDomain(x: Enclosure, d: Dom): { ok: boolean; analytic: boolean } {
  let ok = true, interior = true;
  if (d.lo !== undefined) {
    const above = x.lo > d.lo || (d.lo === 0 && x.pos);
    if (!above) { if (d.loStrict || x.lo < d.lo) ok = false; interior = false; }
  }
  if (d.hi !== undefined) {
    const below = x.hi < d.hi || (d.hi === 0 && x.neg);
    if (!below) { if (d.hiStrict || x.hi > d.hi) ok = false; interior = false; }
  }
  let analytic = x.analytic && (interior || !d.openForAnalytic);
  if (d.singularAt0 && !(x.pos || x.neg)) analytic = false;
  return { ok, analytic };
}

interface MonotoneFn { readonly f: (v: number) => number; readonly inc: boolean; readonly dom?: Dom; readonly pos?: boolean; readonly nonneg?: boolean }

const sigmoid = (a: number) => 1 / (1 + Math.exp(-a));
const softplus = (a: number) => (a > 0 ? a + Math.log1p(Math.exp(-a)) : Math.log1p(Math.exp(a)));

/** Functions monotone on their whole domain. */
const MONOTONE: Readonly<Record<string, MonotoneFn>> = {
  exp: { f: Math.exp, inc: true, pos: true },
  expm1: { f: Math.expm1, inc: true },
  log: { f: Math.log, inc: true, dom: { lo: 0, loStrict: true } },
  log10: { f: Math.log10, inc: true, dom: { lo: 0, loStrict: true } },
  log2: { f: Math.log2, inc: true, dom: { lo: 0, loStrict: true } },
  log1p: { f: Math.log1p, inc: true, dom: { lo: -1, loStrict: true } },
  sqrt: { f: Math.sqrt, inc: true, dom: { lo: 0, openForAnalytic: true }, nonneg: true },
  cbrt: { f: Math.cbrt, inc: true, dom: { singularAt0: true } },
  atan: { f: Math.atan, inc: true },
  sinh: { f: Math.sinh, inc: true },
  tanh: { f: Math.tanh, inc: true },
  asinh: { f: Math.asinh, inc: true },
  asin: { f: Math.asin, inc: true, dom: { lo: -1, hi: 1, openForAnalytic: true } },
  acos: { f: Math.acos, inc: false, dom: { lo: -1, hi: 1, openForAnalytic: true }, nonneg: true },
  atanh: { f: Math.atanh, inc: true, dom: { lo: -1, loStrict: true, hi: 1, hiStrict: true } },
  acosh: { f: Math.acosh, inc: true, dom: { lo: 1, openForAnalytic: true }, nonneg: true },
  sigmoid: { f: sigmoid, inc: true, pos: true },
  softplus: { f: softplus, inc: true, pos: true },
};

const TWO_PI = 2 * Math.PI;

/** Does [lo, hi] (slightly widened) contain c + 2 pi k for some integer k? */
function containsPeriodic(lo: number, hi: number, c: number, period = TWO_PI): boolean {
  const l = down(lo) - 1e-12 * Math.max(1, Math.abs(lo)), h = up(hi) + 1e-12 * Math.max(1, Math.abs(hi));
  return Math.floor((h - c) / period) >= Math.ceil((l - c) / period);
}

/** Absolute error of a libm trigonometric function at v (the argument's own rounding included). */
const trigSlack = (v: number) => 4.5e-16 * Math.max(1, Math.abs(v));

function iSin(x: Enclosure, cosine: boolean): Enclosure {
  if (!Number.isFinite(x.lo) || !Number.isFinite(x.hi) || x.hi - x.lo >= TWO_PI) return enc(-1, 1, { analytic: x.analytic });
  const f = cosine ? Math.cos : Math.sin;
  // At an argument of exactly 0 the value (0 or 1) is exact.
  const slack = (v: number) => (v === 0 ? 0 : trigSlack(v));
  const a = f(x.lo), b = f(x.hi);
  let lo = Math.min(a - slack(x.lo), b - slack(x.hi)), hi = Math.max(a + slack(x.lo), b + slack(x.hi));
  const shift = cosine ? Math.PI / 2 : 0;
  if (containsPeriodic(x.lo + shift, x.hi + shift, Math.PI / 2)) hi = 1;
  if (containsPeriodic(x.lo + shift, x.hi + shift, -Math.PI / 2)) lo = -1;
  return enc(Math.max(lo, -1), Math.min(hi, 1), { analytic: x.analytic });
}

function iCosh(x: Enclosure): Enclosure {
  const a = Math.abs(x.lo), b = Math.abs(x.hi);
  const lo = x.lo <= 0 && x.hi >= 0 ? 1 : down(Math.cosh(Math.min(a, b)));
  return enc(Math.max(1, lo), up(Math.cosh(Math.max(a, b))), { pos: true, analytic: x.analytic });
}

function iTan(x: Enclosure): Enclosure {
  if (!Number.isFinite(x.lo) || !Number.isFinite(x.hi) || x.hi - x.lo >= Math.PI) return UNDEFINED;
  if (containsPeriodic(x.lo, x.hi, Math.PI / 2, Math.PI)) return UNDEFINED;
  const a = Math.tan(x.lo), b = Math.tan(x.hi);
  return enc(a - (1 + a * a) * trigSlack(x.lo), b + (1 + b * b) * trigSlack(x.hi), { analytic: x.analytic });
}

function iAbs(x: Enclosure): Enclosure {
  if (x.nonneg) return x;
  if (x.nonpos) return iNeg(x);
  return enc(0, Math.max(-x.lo, x.hi), { nonneg: true, analytic: false });
}

/**
 * x % c (JavaScript's remainder, the sign of x): on a box where x crosses no nonzero multiple
 * of c (a positive number) it is x - k c with one integer k, continuous; elsewhere only
 * |x % c| < |c| with the sign of x is known, and it jumps (continuous: false), so no proof
 * that needs continuity goes through a jump.
 */
function iRem(x: Enclosure, c: Enclosure): Enclosure {
  if (!(c.pos || c.neg)) return UNDEFINED;
  const m = Math.max(Math.abs(c.lo), Math.abs(c.hi));
  const jumps: Enclosure = { ...enc(x.nonneg ? 0 : -m, x.nonpos ? 0 : m, { nonneg: x.nonneg, nonpos: x.nonpos, analytic: false }), continuous: false };
  if (!c.pos || !Number.isFinite(c.hi) || !Number.isFinite(x.lo) || !Number.isFinite(x.hi)) return jumps;
  // x / c over the box (c > 0), widened: the nonzero integers in it are the jumps
  const slack = (v: number) => 1e-9 * Math.max(1, Math.abs(v));
  const qs = [x.lo / c.lo, x.lo / c.hi, x.hi / c.lo, x.hi / c.hi];
  const qlo = Math.min(...qs), qhi = Math.max(...qs);
  const first = Math.ceil(qlo - slack(qlo)), last = Math.floor(qhi + slack(qhi));
  if (first <= last && !(first === 0 && last === 0)) return jumps;
  // one integer k on the whole box: x - k c, with k c in [k c.lo, k c.hi] (k c.hi, k c.lo for k < 0), rounded outward
  const k = Math.trunc((qlo + qhi) / 2);
  const s1 = k * c.lo, s2 = k * c.hi;
  const sLo = Math.min(s1, s2), sHi = Math.max(s1, s2);
  return enc(down(down(x.lo - up(sHi))), up(up(x.hi - down(sLo))), {
    pos: x.pos, neg: x.neg, nonneg: x.nonneg, nonpos: x.nonpos, analytic: x.analytic,
  });
}

function callEnclosure(fn: string, args: readonly Enclosure[], known: boolean): Enclosure {
  if (args.some((a) => !a.defined)) return UNDEFINED;
  // An unknown function: some finite real number, of unknown smoothness.
  if (!known) return enc(-Infinity, Infinity, { analytic: false });
  const x = args[0];
  const m = MONOTONE[fn];
  if (m) {
    const d = m.dom ? inDomain(x, m.dom) : { ok: true, analytic: x.analytic };
    if (!d.ok) return UNDEFINED;
    const lo = m.dom?.lo !== undefined ? Math.max(x.lo, m.dom.lo) : x.lo;
    const hi = m.dom?.hi !== undefined ? Math.min(x.hi, m.dom.hi) : x.hi;
    const r = monotone({ ...x, lo, hi }, m.f, m.inc, { analytic: d.analytic });
    // Sign facts carried through: odd increasing functions keep the sign of the argument.
    const keepsSign = ['expm1', 'cbrt', 'atan', 'sinh', 'tanh', 'asinh', 'asin', 'atanh'].includes(fn);
    const posFromLog = (fn === 'log' || fn === 'log2' || fn === 'log10') && x.lo > 1;
    return enc(r.lo, r.hi, {
      pos: !!m.pos || (keepsSign && x.pos) || posFromLog || (fn === 'log1p' && x.pos),
      neg: keepsSign && x.neg, nonneg: !!m.nonneg || (keepsSign && x.nonneg), nonpos: keepsSign && x.nonpos,
      analytic: r.analytic,
    });
  }
  switch (fn) {
    case 'sin': return iSin(x, false);
    case 'cos': return iSin(x, true);
    case 'tan': return iTan(x);
    case 'sec': return iRecip(iSin(x, true));
    case 'csc': return iRecip(iSin(x, false));
    case 'cot': return iMul2(iSin(x, true), iRecip(iSin(x, false)));
    case 'cosh': return iCosh(x);
    case 'sech': return iRecip(iCosh(x));
    case 'csch': return iRecip(monotone(x, Math.sinh, true, { pos: x.pos, neg: x.neg, analytic: x.analytic }));
    case 'coth': return iRecip(monotone(x, Math.tanh, true, { pos: x.pos, neg: x.neg, analytic: x.analytic }));
    case 'abs': return iAbs(x);
    case 'sign': {
      const r = enc(Math.sign(x.lo) || (x.pos ? 1 : 0), Math.sign(x.hi) || (x.neg ? -1 : 0), { analytic: x.analytic && (x.pos || x.neg) });
      return { ...r, pos: x.pos, neg: x.neg };
    }
    case 'erf': {
      // functions.ts's erf is within 1.2e-7 of the true one; both are increasing and in [-1, 1].
      const lo = x.lo === -Infinity ? -1 : Math.max(-1, erf(x.lo) - 2e-7), hi = x.hi === Infinity ? 1 : Math.min(1, erf(x.hi) + 2e-7);
      return enc(lo, hi, { pos: x.pos, neg: x.neg, nonneg: x.nonneg, nonpos: x.nonpos, analytic: x.analytic });
    }
    case 'hypot': {
      const s = iAdd([iPowInt(args[0], 2), iPowInt(args[1], 2)]);
      const r = callEnclosure('sqrt', [s], true);
      return { ...r, analytic: args[0].analytic && args[1].analytic && s.pos };
    }
    case 'rem': return iRem(args[0], args[1]);
    case 'atan2': {
      const [y, xx] = args;
      return enc(-Math.PI - 1e-15, Math.PI + 1e-15, { analytic: y.analytic && xx.analytic && (xx.pos || y.pos || y.neg) });
    }
    default: return enc(-Infinity, Infinity, { analytic: false });
  }
}

function powEnclosure(base: Enclosure, exp: Expr, ev: (e: Expr) => Enclosure): Enclosure {
  if (exp.k === 'num' && Number.isSafeInteger(exp.v)) return iPowInt(base, exp.v);
  if (!base.defined) return base;
  if (exp.k === 'num') {
    const p = exp.v;
    if (p > 0) {
      if (!(base.nonneg)) return UNDEFINED;
      const lo = Math.max(base.lo, 0);
      return enc(lo === 0 ? 0 : down(lo ** p), up(base.hi ** p), { pos: base.pos, nonneg: true, analytic: base.analytic && base.pos });
    }
    if (!base.pos) return UNDEFINED;
    return enc(down(base.hi ** p), base.lo === 0 ? Infinity : up(base.lo ** p), { pos: true, analytic: base.analytic });
  }
  // b^w = exp(w log b) for b > 0.
  if (!base.pos) return UNDEFINED;
  return callEnclosure('exp', [iMul2(ev(exp), callEnclosure('log', [base], true))], true);
}

/** A range of a free symbol: an interval, with its strict sign when the interval's bound 0 is not attained (a > 0). */
export interface SymbolRange extends Interval { readonly pos?: boolean; readonly neg?: boolean }

export interface IntervalEnv {
  /** Values (as intervals) of free symbols; absent ones are any finite real number. */
  readonly symbols?: Readonly<Record<string, SymbolRange>>;
}

/**
 * Ranges of free symbols that hold while `run` runs (proofs for a map with symbolic constants,
 * once per sign of each: math/parametric.ts). Every enclosure computed meanwhile uses them
 * where its own `env` gives none, so the structural proofs need no extra argument. Synchronous
 * code only; restored on return or throw.
 */
let ambientSymbols: Readonly<Record<string, SymbolRange>> | undefined;
export function withSymbolRanges<T>(ranges: Readonly<Record<string, SymbolRange>>, run: () => T): T {
  const before = ambientSymbols;
  ambientSymbols = ranges;
  try {
    return run();
  } finally {
    ambientSymbols = before;
  }
}

/** A compiled evaluation order: every distinct node once, children before parents. */
interface Program {
  readonly nodes: readonly Expr[];
  readonly kids: readonly (readonly number[])[];
  /** For symbols: the variable's index, or -1. */
  readonly varIndex: Int32Array;
}

const programs = new WeakMap<Expr, Map<string, Program>>();

function programFor(e: Expr, variables: readonly string[]): Program {
  const vkey = variables.join('\u0000');
  let byVars = programs.get(e);
  const hit = byVars?.get(vkey);
  if (hit) return hit;
  const index = new Map<Expr, number>();
  const nodes: Expr[] = [], kids: number[][] = [];
  postOrder(e, (x) => index.has(x), (x, cs) => {
    index.set(x, nodes.length);
    nodes.push(x);
    kids.push(cs.map((c) => index.get(c)!));
  });
  const varIndex = new Int32Array(nodes.length).fill(-1);
  nodes.forEach((x, i) => { if (x.k === 'sym') varIndex[i] = variables.indexOf(x.name); });
  const p: Program = { nodes, kids, varIndex };
  if (!byVars) { byVars = new Map(); programs.set(e, byVars); }
  if (byVars.size < 8) byVars.set(vkey, p);
  return p;
}

/**
 * An enclosure of e over the box (variables[i] ranges over box[i]). Shared subtrees are
 * evaluated once; the evaluation order is computed once per expression and reused.
 */
export function evalInterval(e: Expr, variables: readonly string[], box: Box, env: IntervalEnv = {}): Enclosure {
  const p = programFor(e, variables);
  const { nodes, kids, varIndex } = p;
  const vals: Enclosure[] = new Array(nodes.length);
  const symbols = env.symbols ?? ambientSymbols;
  const eIsConstant = !variables.includes('e') && !symbols?.e;
  for (let i = 0; i < nodes.length; i++) {
    const x = nodes[i], ks = kids[i];
    let r: Enclosure;
    switch (x.k) {
      case 'num': r = Number.isFinite(x.v) ? point(x.v, Number.isInteger(x.v)) : UNDEFINED; break;
      case 'sym': {
        const vi = varIndex[i];
        if (vi >= 0) { r = enc(box[vi][0], box[vi][1], { analytic: true }); break; }
        const s = symbols && Object.hasOwn(symbols, x.name) ? symbols[x.name] : undefined;
        r = s ? enc(s.lo, s.hi, { analytic: true, pos: s.pos, neg: s.neg }) : Object.hasOwn(CONSTANTS, x.name) ? point(CONSTANTS[x.name], false) : enc(-Infinity, Infinity, { analytic: true });
        break;
      }
      case 'neg': r = iNeg(vals[ks[0]]); break;
      case 'add': r = iAdd(ks.map((k) => vals[k])); break;
      case 'mul': {
        r = vals[ks[0]];
        for (let j = 1; j < ks.length; j++) r = iMul2(r, vals[ks[j]]);
        break;
      }
      case 'pow':
        r = x.base.k === 'sym' && x.base.name === 'e' && eIsConstant
          ? callEnclosure('exp', [vals[ks[1]]], true)
          : powEnclosure(vals[ks[0]], x.exp, () => vals[ks[1]]);
        break;
      case 'call': r = callEnclosure(x.fn, ks.map((k) => vals[k]), !x.d && KNOWN.has(x.fn)); break;
    }
    if (r.defined && ks.length) {
      let continuous = true;
      for (const k of ks) if (vals[k].continuous === false) { continuous = false; break; }
      if (continuous && x.k === 'call' && !x.d) {
        if (x.fn === 'sign') continuous = vals[ks[0]].pos || vals[ks[0]].neg;
        if (x.fn === 'atan2') continuous = vals[ks[1]].pos || vals[ks[0]].pos || vals[ks[0]].neg;
      }
      if (!continuous) r = { ...r, continuous: false };
    }
    vals[i] = r;
  }
  // Inner nodes mark only what is not continuous; the result says it either way.
  const root = vals[nodes.length - 1];
  return root.defined && root.continuous === undefined ? { ...root, continuous: true } : root;
}

const KNOWN = new Set([...Object.keys(MONOTONE), 'sin', 'cos', 'tan', 'sec', 'csc', 'cot', 'cosh', 'sech', 'csch', 'coth', 'abs', 'sign', 'erf', 'hypot', 'atan2', 'rem']);

// ---------------------------------------------------------------------------------------
// Branch and bound

export type Outcome = 'yes' | 'no' | 'maybe';

export interface SplitBudget {
  /** Most boxes evaluated. */
  readonly maxBoxes: number;
  /** Date.now() deadline. */
  readonly deadline?: number;
}

/**
 * Decide a property of every point of a box by bisection: test(box) says 'yes' (holds on
 * the whole box), 'no' (fails somewhere in it, for sure) or 'maybe' (split further).
 * Returns 'yes' only when every leaf said yes. Splits the widest of the given dimensions.
 */
export function onEveryPoint(box: Box, test: (b: Box) => Outcome, budget: SplitBudget, dims?: readonly number[]): Outcome {
  const ds = dims ?? box.map((_, i) => i);
  const widths = box.map(([a, b]) => Math.max(b - a, 1e-300));
  // Boxes narrower than this (relative to the whole box) are not split further: a property
  // still undecided there is not decided by bisection (a zero of a sign test, say).
  const floor = widths.map((w) => (Number.isFinite(w) ? w * MIN_SPLIT : 0));
  // Relative width, unbounded intervals first.
  const rel = (iv: readonly [number, number], d: number) => (Number.isFinite(iv[1] - iv[0]) ? (iv[1] - iv[0]) / (Number.isFinite(widths[d]) ? widths[d] : 1) : Infinity);
  const stack: Box[] = [box];
  let count = 0;
  while (stack.length) {
    const b = stack.pop()!;
    if (++count > budget.maxBoxes || (budget.deadline !== undefined && count % 32 === 0 && Date.now() > budget.deadline)) return 'maybe';
    const r = test(b);
    if (r === 'no') return 'no';
    if (r === 'yes') continue;
    let k = -1, best = 0;
    for (const d of ds) {
      const w = rel(b[d], d);
      if (w > best) { best = w; k = d; }
    }
    // One undecidable box is enough: the answer can no longer be 'yes'.
    if (k < 0 || b[k][1] - b[k][0] < floor[k]) return 'maybe';
    const mid = splitPoint(b[k][0], b[k][1]);
    if (!(mid > b[k][0] && mid < b[k][1])) return 'maybe';
    const left = b.map((iv, i) => (i === k ? [iv[0], mid] as const : iv));
    const right = b.map((iv, i) => (i === k ? [mid, iv[1]] as const : iv));
    stack.push(right, left);
  }
  return 'yes';
}

/** Smallest box side, relative to the domain, that bisection still splits. */
const MIN_SPLIT = 1e-12;

/** Where to bisect [lo, hi]; unbounded intervals are cut at 0 or at a point further out. */
function splitPoint(lo: number, hi: number): number {
  if (Number.isFinite(lo) && Number.isFinite(hi)) return lo + (hi - lo) / 2;
  if (!Number.isFinite(lo) && !Number.isFinite(hi)) return 0;
  if (!Number.isFinite(hi)) return lo < 0 ? 0 : 2 * lo + 1;
  return hi > 0 ? 0 : 2 * hi - 1;
}

/** A bisection budget for these expressions: fewer boxes for big ones, so the work stays bounded. */
export function budgetFor(exprs: readonly Expr[], deadline?: number): SplitBudget {
  const total = exprs.reduce((s, e) => s + size(e), 0);
  return { maxBoxes: Math.max(50, Math.min(4000, Math.floor(400000 / Math.max(1, total)))), deadline };
}

export type Sign = 'pos' | 'neg' | 'nonneg' | 'nonpos';

/** Boxes for the strict sign once the weak one is proven on the whole box. */
const WEAK_KNOWN_BOXES = 48;

/**
 * A sign of e that holds on the whole box, proven by interval arithmetic with bisection:
 * 'pos' / 'neg' (strict), else 'nonneg' / 'nonpos', else null. `defined` is required too.
 */
export function provenSign(e: Expr, variables: readonly string[], box: Box, budget: SplitBudget, env: IntervalEnv = {}): Sign | null {
  // The same question is asked more than once per map (the invertibility check, log|det J|):
  // answers are kept per expression, except a failure that may be the deadline's.
  const key = env.symbols || ambientSymbols ? null : `${variables.join('\u0000')}|${box.map(([a, b]) => `${a},${b}`).join(';')}|${budget.maxBoxes}`;
  const known = key === null ? undefined : signMemo.get(e)?.get(key);
  if (known !== undefined) return known;
  const s = provenSignUncached(e, variables, box, budget, env);
  if (key !== null && (s !== null || budget.deadline === undefined || Date.now() <= budget.deadline)) {
    let m = signMemo.get(e);
    if (!m) { m = new Map(); signMemo.set(e, m); }
    if (m.size < 8) m.set(key, s);
  }
  return s;
}

const signMemo = new WeakMap<Expr, Map<string, Sign | null>>();

let enclosuresSkipped = 0;
/** How many sign questions were answered by a number without an enclosure (for tests). */
export const signsOfNumbers = (): number => enclosuresSkipped;

function provenSignUncached(e: Expr, variables: readonly string[], box: Box, budget: SplitBudget, env: IntervalEnv): Sign | null {
  // a number (a linear map's J entry, its det J) is its own sign: no enclosure to build
  if (e.k === 'num' && !e.exact && e.v !== 0 && Number.isFinite(e.v)) { enclosuresSkipped++; return e.v > 0 ? 'pos' : 'neg'; }
  const dims = variables.map((_, i) => i).filter((i) => dependsOn(e, variables[i]));
  const at = (b: Box) => evalInterval(e, variables, b, env);
  const whole = at(box);
  if (whole.defined && (whole.pos || whole.neg)) return whole.pos ? 'pos' : 'neg';
  // Which sign to try: the one at the centre.
  const centre = evalInterval(e, variables, box.map(([a, b]) => { const c = clampedCentre(a, b); return [c, c] as const; }), env);
  const tried: Sign[] = centre.defined && centre.neg ? ['neg', 'nonpos'] : centre.defined && centre.pos ? ['pos', 'nonneg'] : ['nonneg', 'nonpos'];
  // A sign that certainly fails at a corner (or at the centre) cannot be proven: no bisection for it.
  const seen = cornerSigns(e, variables, box, dims, env, centre);
  const candidates = tried.filter((s) => !(s === 'pos' ? seen.nonpos : s === 'neg' ? seen.nonneg : s === 'nonneg' ? seen.neg : seen.pos));
  if (!candidates.length) return null;
  const centred = centredForm(e, variables, dims, env);
  // The whole box's enclosure already proves the weak sign: only the strict one is open, and
  // a zero of e (x - 1)^2 would be chased down to the smallest boxes; a few boxes decide most.
  const weak = whole.defined && (whole.nonneg || whole.nonpos) ? (whole.nonneg ? 'nonneg' : 'nonpos') : null;
  const strictBudget: SplitBudget = weak ? { ...budget, maxBoxes: Math.min(budget.maxBoxes, WEAK_KNOWN_BOXES) } : budget;
  const holds = (s: Sign, y: Enclosure) => (s === 'pos' ? y.pos : s === 'neg' ? y.neg : s === 'nonneg' ? y.nonneg : y.nonpos);
  const fails = (s: Sign, y: Enclosure) => (s === 'pos' ? y.hi <= 0 : s === 'nonneg' ? y.hi < 0 : s === 'neg' ? y.lo >= 0 : y.lo > 0);
  // Each box's outcome for the sign tried, and for the weak sign after it (from the same
  // enclosures): where no box answers differently for the two, the weak sign's bisection would
  // visit the same boxes with the same answers and end where this one did, so it is not run.
  const judge = (b: Box, signs: readonly Sign[]): Outcome[] => {
    const x = at(b);
    if (!x.defined) return signs.map(() => 'maybe');
    let m: Enclosure | null | undefined, c: Enclosure | undefined;
    return signs.map((s) => {
      if (holds(s, x)) return 'yes';
      if (fails(s, x)) return 'no';
      // The mean value form is tighter on small boxes (x^2 - 2x + 1 near 1, where the
      // natural enclosure keeps both signs however small the box).
      if (m === undefined) m = x.analytic ? centred(b) : null;
      if (m && holds(s, m)) return 'yes';
      if (m && fails(s, m)) return 'no';
      // A point of the box where the sign certainly fails ends the search at once (a zero
      // crossing would otherwise be chased down to the smallest boxes).
      c ??= evalInterval(e, variables, b.map(([lo, hi]) => { const v = clampedCentre(lo, hi); return [v, v] as const; }), env);
      return c.defined && fails(s, c) ? 'no' : 'maybe';
    });
  };
  let weakSame = false;
  for (const [i, s] of candidates.entries()) {
    if (weak && (s === 'nonneg' || s === 'nonpos')) return weak;
    if (weakSame) return null;
    // e certainly 0 at the root of a linear factor ((x - 1)^2): no strict sign, and no bisection towards that zero
    if (weak && (s === 'pos' || s === 'neg') && factorZeros(e, variables, box, env).length) continue;
    const next = candidates[i + 1];
    const pair = (s === 'pos' && next === 'nonneg') || (s === 'neg' && next === 'nonpos');
    let differs = false;
    const r = onEveryPoint(box, (b) => {
      if (!pair || differs) return judge(b, [s])[0];
      const [o, w] = judge(b, [s, next]);
      differs = o !== w;
      return o;
    }, strictBudget, dims);
    if (r === 'yes') return s;
    weakSame = pair && !differs;
  }
  return null;
}

/**
 * What the point enclosures of e say at the centre and the corners of the box (in the
 * variables e depends on, up to four; past four the centres of the faces): a point certainly
 * > 0, < 0, >= 0 somewhere … . A sign of the whole box that fails at one of these points is
 * not tried (interval arithmetic at a point is as rigorous as over a box).
 */
function cornerSigns(e: Expr, variables: readonly string[], box: Box, dims: readonly number[], env: IntervalEnv, centre: Enclosure): { pos: boolean; neg: boolean; nonneg: boolean; nonpos: boolean } {
  const seen = { pos: false, neg: false, nonneg: false, nonpos: false };
  const note = (y: Enclosure) => {
    if (!y.defined) return;
    if (y.lo > 0) seen.pos = true;
    if (y.hi < 0) seen.neg = true;
    if (y.lo >= 0) seen.nonneg = true;
    if (y.hi <= 0) seen.nonpos = true;
  };
  note(centre);
  const mid = box.map(([a, b]) => clampedCentre(a, b));
  const finite = dims.filter((i) => Number.isFinite(box[i][0]) && Number.isFinite(box[i][1]));
  const at = (x: readonly number[]) => note(evalInterval(e, variables, x.map((v) => [v, v] as const), env));
  if (finite.length <= 4) {
    for (let m = 0; m < 1 << finite.length; m++) {
      const x = [...mid];
      finite.forEach((i, k) => { x[i] = box[i][(m >> k) & 1]; });
      at(x);
    }
  } else {
    for (const i of finite) for (const end of [0, 1]) { const x = [...mid]; x[i] = box[i][end]; at(x); }
  }
  return seen;
}

/**
 * Points of the box where e is exactly 0: a factor of e linear in one variable (a v + b,
 * under products, negation and positive powers) is exactly 0 there (its enclosure at the
 * point is [0, 0]; the other variables at the box's centre) and e is defined there.
 */
export function factorZeros(e: Expr, variables: readonly string[], box: Box, env: IntervalEnv): Box[] {
  const out: Box[] = [];
  const visit = (x: Expr): void => {
    if (out.length >= 4) return;
    if (x.k === 'neg') return visit(x.arg);
    if (x.k === 'mul') { x.args.forEach(visit); return; }
    if (x.k === 'pow') { if (x.exp.k === 'num' && x.exp.v > 0) visit(x.base); return; }
    if (x.k !== 'add') return;
    let b = 0, a = 0, v = -1;
    for (const t of x.args) {
      if (t.k === 'num') { b += t.v; continue; }
      const [c, s] = t.k === 'sym' ? [1, t] : t.k === 'mul' && t.args.length === 2 && t.args[0].k === 'num' ? [t.args[0].v, t.args[1]]
        : t.k === 'neg' && t.arg.k === 'sym' ? [-1, t.arg] : [0, t];
      const i = s.k === 'sym' ? variables.indexOf(s.name) : -1;
      if (c === 0 || i < 0 || (v >= 0 && v !== i)) return;
      v = i; a += c;
    }
    const r = -b / a;
    if (v < 0 || !Number.isFinite(r) || !(r >= box[v][0] && r <= box[v][1])) return;
    const p = box.map(([lo, hi], k) => { const c = k === v ? r : clampedCentre(lo, hi); return [c, c] as const; });
    const z = evalInterval(x, variables, p, env);
    if (z.defined && z.lo === 0 && z.hi === 0 && evalInterval(e, variables, p, env).defined) out.push(p);
  };
  visit(e);
  return out;
}

/**
 * The mean value form of e over a bounded box where e is analytic: e(x) = e(c) + grad e(xi)
 * (x - c) for some xi in the box, so e(box) is within e(c) + sum_i G_i (X_i - c_i), with G_i
 * an enclosure of the partial derivative over the box. The gradient is computed once, when
 * first needed; null where the form does not apply.
 */
function centredForm(e: Expr, variables: readonly string[], dims: readonly number[], env: IntervalEnv): (b: Box) => Enclosure | null {
  let grads: Expr[] | null | undefined;
  return (b) => {
    if (!b.every(([lo, hi]) => Number.isFinite(lo) && Number.isFinite(hi))) return null;
    if (grads === undefined) grads = size(e) <= MAX_CENTRED_SIZE ? dims.map((i) => diff(e, variables[i])) : null;
    if (!grads) return null;
    const c = b.map(([lo, hi]) => lo + (hi - lo) / 2);
    const fc = evalInterval(e, variables, c.map((v) => [v, v] as const), env);
    if (!fc.defined) return null;
    const terms: Enclosure[] = [fc];
    for (let k = 0; k < dims.length; k++) {
      const i = dims[k];
      const g = evalInterval(grads[k], variables, b, env);
      if (!g.defined) return null;
      terms.push(iMul2(g, enc(down(b[i][0] - c[i]), up(b[i][1] - c[i]), { analytic: true })));
    }
    return iAdd(terms);
  };
}

/** Largest expression (in nodes) whose gradient the mean value form computes. */
const MAX_CENTRED_SIZE = 2000;

/** The middle of [lo, hi], or a finite point of it when it is unbounded. */
export function clampedCentre(lo: number, hi: number): number {
  if (Number.isFinite(lo) && Number.isFinite(hi)) return lo + (hi - lo) / 2;
  return Math.min(Math.max(0, lo), hi);
}

/** Every expression defined and analytic on the whole box (so f is C^1 there), by bisection. */
export function provenAnalytic(es: readonly Expr[], variables: readonly string[], box: Box, budget: SplitBudget): boolean {
  return onEveryPoint(box, (b) => {
    for (const e of es) {
      const x = evalInterval(e, variables, b);
      if (!(x.defined && x.analytic)) return 'maybe';
    }
    return 'yes';
  }, budget) === 'yes';
}

/** Every expression defined and continuous on the whole box, by bisection. */
export function provenContinuous(es: readonly Expr[], variables: readonly string[], box: Box, budget: SplitBudget): boolean {
  return onEveryPoint(box, (b) => {
    for (const e of es) {
      const x = evalInterval(e, variables, b);
      if (!(x.defined && x.continuous !== false)) return 'maybe';
    }
    return 'yes';
  }, budget) === 'yes';
}

/** The sign of e at one point, when interval arithmetic makes it certain. */
export function certainSignAt(e: Expr, variables: readonly string[], x: readonly number[]): 1 | -1 | 0 {
  const r = evalInterval(e, variables, x.map((v) => [v, v] as const));
  if (!r.defined) return 0;
  return r.pos ? 1 : r.neg ? -1 : 0;
}
