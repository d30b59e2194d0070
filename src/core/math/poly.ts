/**
 * An exact algebra of rational functions over "atoms", the engine behind simplification.
 *
 * An expression becomes num / den: num is a Laurent polynomial with rational coefficients
 * over atoms (symbols, function calls with canonical arguments, roots u^(1/q), symbolic
 * powers), and den a product of polynomial factors. exp(...) is not an atom: a monomial
 * carries one exp(argument) part, so exp(a) exp(b) = exp(a + b) by construction, and
 * log(exp(a)) = a, exp(k log u) = u^k. Terms collect, factors cancel by exact division,
 * and sin^2 + cos^2 (cosh^2 - sinh^2) are reduced by trying the substitutions and keeping
 * the shortest result. All identities used here hold wherever the input is defined; the
 * results are still checked numerically by the caller before they are shown.
 *
 * Everything is bounded by a Budget (time and term count): BudgetExceeded ends the attempt.
 */
import { Expr, add, call, children, div, mul, num, numOf, numQ, pow, sub, sym, size, symbolsOf, ONE, TWO } from './expr';
import { FUNCTIONS } from './functions';
import { inWrittenNumbers, isWrittenNumber, numberStyle, terminating, toMathjs } from './print';
import { squareFactored } from './squareFactor';
import { countOps } from './opcount';
import {
  Q, Q0, Q1, q, qAdd, qCmp, qContent, qDiv, qEq, qIsInteger, qIsOne, qIsZero, qKey, qMul,
  qNeg, qPow, qSign, qSqrt, qToNumber,
} from './rational';

/**
 * f(g(u)) for a function f of an inverse function g, in u alone. Each holds wherever the
 * left side is defined (real): g's own domain is all the simplifier may assume (|u| <= 1 under
 * asin and acos, u >= 1 under acosh, |u| < 1 under atanh), and there every square root below
 * is of a number >= 0 and has the sign of the left side (cos(asin u) >= 0, sinh(acosh u) >= 0).
 * The other order, asin(sin u) = u, holds only for |u| <= pi/2 and is never used.
 */
const sqrt = (e: Expr) => call('sqrt', e);
const sq = (e: Expr) => pow(e, TWO);
const oneMinus = (u: Expr) => sqrt(sub(ONE, sq(u)));
const onePlus = (u: Expr) => sqrt(add(ONE, sq(u)));
const minusOne = (u: Expr) => sqrt(sub(sq(u), ONE));
const INVERSE_PAIRS: Readonly<Record<string, (u: Expr) => Expr>> = Object.assign(Object.create(null) as Record<string, (u: Expr) => Expr>, {
  'sin(asin)': (u: Expr) => u, 'cos(asin)': oneMinus, 'tan(asin)': (u: Expr) => div(u, oneMinus(u)),
  'sin(acos)': oneMinus, 'cos(acos)': (u: Expr) => u, 'tan(acos)': (u: Expr) => div(oneMinus(u), u),
  'sin(atan)': (u: Expr) => div(u, onePlus(u)), 'cos(atan)': (u: Expr) => div(ONE, onePlus(u)), 'tan(atan)': (u: Expr) => u,
  'sinh(asinh)': (u: Expr) => u, 'cosh(asinh)': onePlus, 'tanh(asinh)': (u: Expr) => div(u, onePlus(u)),
  'sinh(acosh)': minusOne, 'cosh(acosh)': (u: Expr) => u, 'tanh(acosh)': (u: Expr) => div(minusOne(u), u),
  'sinh(atanh)': (u: Expr) => div(u, oneMinus(u)), 'cosh(atanh)': (u: Expr) => div(ONE, oneMinus(u)), 'tanh(atanh)': (u: Expr) => u,
});
const RECIPROCALS: Readonly<Record<string, string>> = Object.assign(Object.create(null) as Record<string, string>, {
  sec: 'cos', csc: 'sin', cot: 'tan', sech: 'cosh', csch: 'sinh', coth: 'tanh',
});

/** f(g(u)) in u (sec(atan u) = 1/cos(atan u) …), or null when f ∘ g is not such a pair. */
export function inversePair(fn: string, arg: Expr): Expr | null {
  if (arg.k !== 'call' || arg.d || arg.args.length !== 1) return null;
  const base = RECIPROCALS[fn] ?? fn;
  const rule = INVERSE_PAIRS[`${base}(${arg.fn})`];
  if (!rule) return null;
  const v = rule(arg.args[0]);
  return base === fn ? v : div(ONE, v);
}

/** How many f(g(u)) pairs above e has (cos(asin(u)) is one): forms read better without them. */
export function inversePairCount(e: Expr): number {
  let n = e.k === 'call' && !e.d && e.args.length === 1 && inversePair(e.fn, e.args[0]) ? 1 : 0;
  switch (e.k) {
    case 'add': case 'mul': for (const a of e.args) n += inversePairCount(a); break;
    case 'call': for (const a of e.args) n += inversePairCount(a); break;
    case 'pow': n += inversePairCount(e.base) + inversePairCount(e.exp); break;
    case 'neg': n += inversePairCount(e.arg); break;
  }
  return n;
}

/** Sums of the input remembered as possible factors of results. */
const MAX_HINTS = 24;

export class BudgetExceeded extends Error {
  constructor(message = 'the symbolic time budget ran out') { super(message); }
}
export class AlgebraError extends Error {}

/** A step budget's clock: a last-resort safety net, far beyond what its steps take on a slow, loaded machine. */
export const STEP_BUDGET_SAFETY_MS = 20_000;
/** What one `check()` (a factored rendering or grouping: a pass over a polynomial) counts in a step budget. */
const CHECK_STEPS = 64;

/**
 * Steps per millisecond of a time budget that work taken from a memo may stand for: ten times
 * what the simplifier does on a quiet machine, so work charged past it could not have been
 * done in the time anywhere, and the budget runs out as it would have without the memo.
 */
const MEMO_STEPS_PER_MS = 10_000;

export class Budget {
  private count = 0;
  /** What charged work (a memo's hits) may add up to: on a time budget, the steps its time could hold. */
  private readonly workCap: number;
  constructor(readonly deadline: number, readonly maxTerms = 3000, readonly maxSteps = Infinity) {
    this.workCap = maxSteps === Infinity ? Math.max(0, deadline - Date.now()) * MEMO_STEPS_PER_MS : Infinity;
  }
  static ms(ms: number, maxTerms?: number): Budget { return new Budget(Date.now() + ms, maxTerms); }
  /**
   * A budget of steps (atoms read, terms formed, renderings): the same work, so the same
   * output, on every machine whatever its load; the clock only as a safety net.
   */
  static steps(steps: number, maxTerms?: number, safetyMs = STEP_BUDGET_SAFETY_MS): Budget { return new Budget(Date.now() + safetyMs, maxTerms, steps); }
  tick(): void {
    if (++this.count > this.maxSteps) throw new BudgetExceeded(`the symbolic work exceeded ${this.maxSteps} steps`);
    if (this.count % 128 === 0 && Date.now() > this.deadline) throw new BudgetExceeded();
  }
  terms(k: number): void {
    if (k > this.maxTerms) throw new BudgetExceeded(`an intermediate result has more than ${this.maxTerms} terms`);
    this.tick();
  }
  /** The deadline checked now: for steps that each cost much more than reading the clock. */
  check(): void {
    if ((this.count += CHECK_STEPS) > this.maxSteps) throw new BudgetExceeded(`the symbolic work exceeded ${this.maxSteps} steps`);
    if (Date.now() > this.deadline) throw new BudgetExceeded();
  }
  /** As check(), for the many small passes of one larger one: the clock read at every 16th. */
  pass(): void {
    if ((this.count += CHECK_STEPS) > this.maxSteps) throw new BudgetExceeded(`the symbolic work exceeded ${this.maxSteps} steps`);
    if (++this.passes % 16 === 0 && Date.now() > this.deadline) throw new BudgetExceeded();
  }
  private passes = 0;
  /** Steps counted so far. */
  get steps(): number { return this.count; }
  /** Steps done once and remembered (a memo's hit): counted again, so a step budget ends where it did without the memo. */
  charge(steps: number): void {
    if ((this.count += steps) > this.maxSteps) throw new BudgetExceeded(`the symbolic work exceeded ${this.maxSteps} steps`);
    if (this.count > this.workCap) throw new BudgetExceeded();
  }
  get expired(): boolean { return this.count > this.maxSteps || Date.now() > this.deadline; }
}

// ---------------------------------------------------------------------------------------
// Data

type AtomInfo =
  | { readonly t: 'sym'; readonly name: string }
  | { readonly t: 'call'; readonly fn: string; readonly args: readonly Expr[]; readonly d?: readonly number[] }
  | { readonly t: 'root'; readonly base: Expr; readonly q: number }
  | { readonly t: 'pow'; readonly base: Expr; readonly exp: Expr };

interface Atom { readonly id: number; readonly key: string; readonly info: AtomInfo; readonly expr: Expr }

export interface Mono {
  readonly e: ReadonlyMap<number, number>;
  /** The exp(...) argument, or null for none. */
  readonly x: Poly | null;
  readonly key: string;
}
export interface Term { readonly m: Mono; readonly c: Q }
export type Poly = ReadonlyMap<string, Term>;
export interface Factor { readonly p: Poly; readonly key: string; readonly e: number }
export interface RF { readonly num: Poly; readonly den: readonly Factor[] }

/**
 * Fewer nodes than any rendering of r's numerator written out term by term has: one per term and
 * one per atom (or exponential) in it. Where it already exceeds a candidate's size, the expanded
 * form is not worth rendering (a product of three long determinants multiplied out).
 */
export function expandedSizeBound(r: RF): number {
  let n = 0;
  for (const t of r.num.values()) n += 1 + t.m.e.size + (t.m.x ? 1 : 0);
  return n;
}

/** Base angles θ_j and, per sin/cos atom, its argument as integers k with arg = k·θ. */
interface AngleBasis {
  readonly hyper: boolean;
  readonly bases: readonly Expr[];
  readonly atoms: ReadonlyMap<number, { readonly fn: string; readonly k: readonly number[] }>;
  /** Some argument is a sum or a multiple of a base (else only products can contract). */
  readonly compound: boolean;
}

/** A polynomial that hyperbolicPoly may turn: 2 to 8 terms, some with an exponential part. */
function mayTurnHyperbolic(p: Poly): boolean {
  if (p.size < 2 || p.size > 8) return false;
  for (const t of p.values()) if (t.m.x) return true;
  return false;
}

const polyKeys = new WeakMap<Poly, string>();
export function polyKey(p: Poly): string {
  let k = polyKeys.get(p);
  if (k === undefined) {
    k = [...p.values()].map((t) => `${qKey(t.c)}*${t.m.key}`).sort().join('+');
    polyKeys.set(p, k);
  }
  return k;
}

/** The denominator of a product: each factor once, exponents added (add() reads one entry per factor). */
function mergeDen(a: readonly Factor[], b: readonly Factor[]): Factor[] {
  const m = new Map<string, Factor>();
  for (const f of [...a, ...b]) {
    const g = m.get(f.key);
    m.set(f.key, g ? { ...g, e: g.e + f.e } : f);
  }
  return [...m.values()];
}

const rfKey = (r: RF): string => `${polyKey(r.num)}/${r.den.map((f) => `${f.key}^${f.e}`).join('*')}`;

function makeMono(e: Map<number, number>, x: Poly | null): Mono {
  for (const [id, k] of e) if (k === 0) e.delete(id);
  if (x && x.size === 0) x = null;
  const ids = [...e.keys()].sort((a, b) => a - b);
  const key = ids.map((id) => `${id}^${e.get(id)}`).join(',') + (x ? `|E(${polyKey(x)})` : '');
  return { e, x, key };
}
export const MONO1: Mono = makeMono(new Map(), null);

function monoMul(a: Mono, b: Mono): Mono {
  if (a === MONO1) return b;
  if (b === MONO1) return a;
  const e = new Map(a.e);
  for (const [id, k] of b.e) e.set(id, (e.get(id) ?? 0) + k);
  const x = a.x && b.x ? polyAdd(a.x, b.x) : a.x ?? b.x;
  return makeMono(e, x);
}

function monoInv(a: Mono): Mono {
  const e = new Map<number, number>();
  for (const [id, k] of a.e) e.set(id, -k);
  return makeMono(e, a.x ? polyNeg(a.x) : null);
}

function monoPow(a: Mono, k: number): Mono {
  const e = new Map<number, number>();
  for (const [id, j] of a.e) e.set(id, j * k);
  return makeMono(e, a.x ? polyScale(a.x, q(BigInt(k))) : null);
}

const EMPTY: Poly = new Map();

/**
 * A total order compatible with multiplication (lex on exponents, then on the exp part): the
 * atom of least id whose exponents differ decides, then the exp parts' coefficients by key.
 * Found in one pass over both, without building the union of their atoms (it is called for
 * every pair a sort or a division compares).
 */
function monoCmp(a: Mono, b: Mono): number {
  let at = Infinity, d = 0;
  for (const [id, k] of a.e) {
    if (id >= at) continue;
    const j = k - (b.e.get(id) ?? 0);
    if (j) { at = id; d = j; }
  }
  for (const [id, k] of b.e) if (id < at && k && !a.e.has(id)) { at = id; d = -k; }
  if (d) return d;
  if (!a.x && !b.x) return 0;
  const xa = a.x ?? EMPTY, xb = b.x ?? EMPTY;
  let first: string | null = null, c = 0;
  for (const [key, t] of xa) {
    if (first !== null && key >= first) continue;
    const j = qCmp(t.c, xb.get(key)?.c ?? Q0);
    if (j) { first = key; c = j; }
  }
  for (const [key, t] of xb) {
    if ((first !== null && key >= first) || xa.has(key)) continue;
    const j = qCmp(Q0, t.c);
    if (j) { first = key; c = j; }
  }
  return c;
}

// ---------------------------------------------------------------------------------------
// Polynomials

export const polyConst = (c: Q): Poly => (qIsZero(c) ? new Map() : new Map([[MONO1.key, { m: MONO1, c }]]));

function addInto(p: Map<string, Term>, m: Mono, c: Q): void {
  if (qIsZero(c)) return;
  const t = p.get(m.key);
  if (!t) { p.set(m.key, { m, c }); return; }
  const s = qAdd(t.c, c);
  if (qIsZero(s)) p.delete(m.key); else p.set(m.key, { m, c: s });
}

export function polyAdd(a: Poly, b: Poly): Poly {
  if (a.size === 0) return b;
  if (b.size === 0) return a;
  const p = new Map(a);
  for (const t of b.values()) addInto(p, t.m, t.c);
  return p;
}
export function polyNeg(a: Poly): Poly {
  const p = new Map<string, Term>();
  for (const [k, t] of a) p.set(k, { m: t.m, c: qNeg(t.c) });
  return p;
}
export function polyScale(a: Poly, c: Q): Poly {
  if (qIsZero(c)) return new Map();
  if (qIsOne(c)) return a;
  const p = new Map<string, Term>();
  for (const [k, t] of a) p.set(k, { m: t.m, c: qMul(t.c, c) });
  return p;
}
function polyMulTerm(a: Poly, m: Mono, c: Q): Poly {
  const p = new Map<string, Term>();
  for (const t of a.values()) addInto(p, monoMul(t.m, m), qMul(t.c, c));
  return p;
}
export const polyIsConst = (p: Poly): Q | null => (p.size === 0 ? Q0 : p.size === 1 && p.has(MONO1.key) ? p.get(MONO1.key)!.c : null);

/**
 * The atoms t in which a has no negative power and b has some term without t (none with a
 * negative power): t is prime and does not divide b, so where b divides a the quotient has no
 * negative power of t either (a t^k = b q' with t not dividing q' would make t divide b).
 */
function wholeAtoms(a: Poly, b: Poly): number[] {
  const low = new Map<number, number>();
  const seen = (p: Poly, id: number) => { for (const t of p.values()) if (!t.m.e.has(id)) return true; return false; };
  for (const p of [a, b]) for (const t of p.values()) for (const [id, k] of t.m.e) low.set(id, Math.min(low.get(id) ?? 0, k));
  const out: number[] = [];
  for (const [id, k] of low) if (k >= 0 && seen(b, id)) out.push(id);
  return out;
}

function leading(p: Poly): Term {
  let best: Term | null = null;
  for (const t of p.values()) if (!best || monoCmp(t.m, best.m) > 0) best = t;
  return best!;
}
function lowest(p: Poly): Term {
  let best: Term | null = null;
  for (const t of p.values()) if (!best || monoCmp(t.m, best.m) < 0) best = t;
  return best!;
}

// ---------------------------------------------------------------------------------------
// The algebra: atoms, conversion from and to expressions

export interface AlgebraOptions {
  /** Variables in the user's order: their atoms come first, so output follows that order. */
  readonly variables: readonly string[];
  readonly budget: Budget;
  /** Remember each sum's factored renderings (default); off only to show that the memo changes no form. */
  readonly memo?: boolean;
}

export class Algebra {
  private readonly atoms = new Map<string, Atom>();
  private readonly byId: Atom[] = [];
  private readonly vars: ReadonlySet<string>;
  private currentBudget: Budget;
  /** Caches: a sin/cos atom's argument; cos and sin of an integer combination of base angles; best forms. */
  private readonly argRF = new Map<number, RF>();
  private readonly angles = new Map<string, [RF, RF]>();
  private readonly bests = new Map<string, Expr>();
  /**
   * A sum's factored renderings (polyForms), by its terms in their order and whether a
   * collected form is being built: the grouped form recurses into the group and into the
   * factored form (three ways a level), meeting the same sums many times. The key holds all
   * that the renderings depend on (polyKey does not: it sorts), so a hit is what the work
   * would give; the steps it took are charged again.
   */
  private readonly renderings = new Map<string, { readonly forms: readonly Expr[]; readonly steps: number }>();
  /** Sums written out expanded (plainSum), by polyKey. */
  private readonly sums = new Map<string, Expr>();
  /** Sums rendered (polyForms' work done, not taken from the memo). */
  private rendered = 0;
  private readonly memo: boolean;
  /** Sums met in the input, as primitive polynomials (hint). */
  private readonly hints = new Map<string, Poly>();
  /** Coefficients render as decimals (the number style when the algebra was made). */
  private readonly decimals = numberStyle() === 'decimal';
  /** Inside a collected form: its parts are not collected again. */
  private collecting = false;

  constructor(opts: AlgebraOptions) {
    this.currentBudget = opts.budget;
    this.memo = opts.memo ?? true;
    this.vars = new Set(opts.variables);
    for (const v of opts.variables) this.atom({ t: 'sym', name: v }, sym(v));
  }

  get budget(): Budget { return this.currentBudget; }

  /**
   * fn run on another budget (a step budget: a part whose output must not depend on the
   * machine's load, such as the where lines), the algebra's own budget back afterwards.
   */
  withBudget<T>(budget: Budget, fn: () => T): T {
    const own = this.currentBudget;
    this.currentBudget = budget;
    try { return fn(); } finally { this.currentBudget = own; }
  }

  // --- atoms ---------------------------------------------------------------------------

  private atom(info: AtomInfo, expr: Expr): number {
    const key = info.t === 'sym' ? info.name : toMathjs(expr);
    let a = this.atoms.get(key);
    if (!a) {
      a = { id: this.byId.length, key, info, expr };
      this.atoms.set(key, a);
      this.byId.push(a);
    }
    return a.id;
  }

  private atomRF(info: AtomInfo, expr: Expr, k = 1): RF {
    const id = this.atom(info, expr);
    return this.monoRF(makeMono(new Map([[id, k]]), null), Q1);
  }

  private monoRF(m: Mono, c: Q): RF {
    return { num: new Map([[m.key, { m, c }]]), den: [] };
  }

  // --- RF arithmetic -----------------------------------------------------------------

  const(c: Q): RF { return { num: polyConst(c), den: [] }; }

  isConst(r: RF): Q | null { return r.den.length ? null : polyIsConst(r.num); }

  polyMul(a: Poly, b: Poly): Poly {
    this.budget.terms(a.size * b.size);
    if (a.size === 1) { const t = a.values().next().value as Term; return polyMulTerm(b, t.m, t.c); }
    const p = new Map<string, Term>();
    for (const s of a.values()) {
      for (const t of b.values()) addInto(p, monoMul(s.m, t.m), qMul(s.c, t.c));
      this.budget.tick();
    }
    this.budget.terms(p.size);
    return p;
  }

  polyPow(a: Poly, k: number): Poly {
    let r: Poly = polyConst(Q1), b = a;
    while (k > 0) {
      if (k & 1) r = this.polyMul(r, b);
      k >>= 1;
      if (k) b = this.polyMul(b, b);
    }
    return r;
  }

  /** Exact quotient a / b, or null when b does not divide a. */
  exactDiv(a: Poly, b: Poly): Poly | null {
    if (b.size === 0) throw new AlgebraError('division by zero');
    if (a.size === 0) return new Map();
    if (b.size === 1) { const t = b.values().next().value as Term; return polyMulTerm(a, monoInv(t.m), qDiv(Q1, t.c)); }
    const lb = leading(b), lowB = lowest(b);
    const floor = monoMul(lowest(a).m, monoInv(lowB.m));
    const whole = wholeAtoms(a, b);
    let r: Poly = a;
    const quo = new Map<string, Term>();
    const limit = 4 * a.size + 64;
    for (let step = 0; r.size > 0; step++) {
      if (step > limit) return null;
      this.budget.tick();
      const lr = leading(r);
      const m = monoMul(lr.m, monoInv(lb.m));
      if (monoCmp(m, floor) < 0) return null;
      // each m is a term of the quotient where b divides a, and no quotient has a negative power of these atoms
      for (const id of whole) if ((m.e.get(id) ?? 0) < 0) return null;
      const c = qDiv(lr.c, lb.c);
      addInto(quo, m, c);
      r = polyAdd(r, polyMulTerm(b, m, qNeg(c)));
      this.budget.terms(r.size);
    }
    return quo;
  }

  /** p = unit * mono * primitive, with the primitive part's content 1 and no monomial factor. */
  private normalizeFactor(p: Poly): { unit: Q; mono: Mono; prim: Poly } {
    const terms = [...p.values()];
    let unit = qContent(terms.map((t) => t.c));
    if (qSign(leading(p).c) < 0) unit = qNeg(unit);
    // Common monomial: the minimum exponent of each atom over all terms (absent = 0).
    const ids = new Set<number>();
    for (const t of terms) for (const id of t.m.e.keys()) ids.add(id);
    const e = new Map<number, number>();
    for (const id of ids) e.set(id, Math.min(...terms.map((t) => t.m.e.get(id) ?? 0)));
    const x0 = terms[0].m.x;
    const sameX = x0 !== null && terms.every((t) => t.m.x !== null && polyKey(t.m.x) === polyKey(x0));
    const mono = makeMono(e, sameX ? x0 : null);
    const inv = monoInv(mono);
    const prim = polyMulTerm(p, inv, qDiv(Q1, unit));
    return { unit, mono, prim };
  }

  private cancel(num: Poly, den: readonly Factor[]): RF {
    if (num.size === 0) return { num, den: [] };
    const out: Factor[] = [];
    for (const f of den) {
      let e = f.e;
      while (e > 0) {
        const d = this.exactDiv(num, f.p);
        if (!d) break;
        num = d;
        e--;
      }
      if (e > 0) out.push(e === f.e ? f : { ...f, e });
    }
    return { num, den: out };
  }

  private expandDen(den: readonly Factor[], skip?: ReadonlyMap<string, number>): Poly {
    let p: Poly = polyConst(Q1);
    for (const f of den) {
      const e = f.e - (skip?.get(f.key) ?? 0);
      if (e > 0) p = this.polyMul(p, this.polyPow(f.p, e));
    }
    return p;
  }

  mul(a: RF, b: RF): RF {
    const num = this.polyMul(a.num, b.num);
    if (!a.den.length && !b.den.length) return this.reduceRoots({ num, den: [] });
    return this.reduceRoots(this.cancel(num, mergeDen(a.den, b.den)));
  }

  add(a: RF, b: RF): RF {
    if (a.num.size === 0) return b;
    if (b.num.size === 0) return a;
    if (!a.den.length && !b.den.length) return { num: polyAdd(a.num, b.num), den: [] };
    const lcm = new Map<string, Factor>();
    for (const f of [...a.den, ...b.den]) {
      const g = lcm.get(f.key);
      if (!g || g.e < f.e) lcm.set(f.key, f);
    }
    const L = [...lcm.values()];
    const rest = (den: readonly Factor[]) => {
      const have = new Map(den.map((f) => [f.key, f.e]));
      return this.expandDen(L.map((f) => ({ ...f, e: f.e - (have.get(f.key) ?? 0) })));
    };
    const num = polyAdd(this.polyMul(a.num, rest(a.den)), this.polyMul(b.num, rest(b.den)));
    return this.cancel(num, L);
  }

  neg(a: RF): RF { return { num: polyNeg(a.num), den: a.den }; }

  inv(a: RF): RF {
    if (a.num.size === 0) throw new AlgebraError('division by zero');
    const denPoly = this.expandDen(a.den);
    if (a.num.size === 1) {
      const t = a.num.values().next().value as Term;
      return { num: polyMulTerm(denPoly, monoInv(t.m), qDiv(Q1, t.c)), den: [] };
    }
    const { unit, mono, prim } = this.normalizeFactor(a.num);
    const num = polyMulTerm(denPoly, monoInv(mono), qDiv(Q1, unit));
    return this.cancel(num, [{ p: prim, key: polyKey(prim), e: 1 }]);
  }

  powInt(a: RF, k: number): RF {
    if (k === 0) return this.const(Q1);
    if (k < 0) return this.powInt(this.inv(a), -k);
    if (a.num.size === 1 && !a.den.length) {
      const t = a.num.values().next().value as Term;
      return this.reduceRoots(this.monoRF(monoPow(t.m, k), qPow(t.c, k)));
    }
    const num = this.polyPow(a.num, k);
    return this.reduceRoots(this.cancel(num, a.den.map((f) => ({ ...f, e: f.e * k }))));
  }

  // --- from expressions ----------------------------------------------------------------

  fromExpr(e: Expr): RF {
    this.budget.tick();
    switch (e.k) {
      // (a number past the doubles, made by multiplying out the numbers written, has no exact value to take)
      case 'num': if (!e.exact && !Number.isFinite(e.v)) throw new AlgebraError('a number is beyond the range of doubles'); return this.const(numQ(e));
      case 'sym':
        if (e.name === 'e' && !this.vars.has('e')) return this.monoRF(makeMono(new Map(), polyConst(Q1)), Q1);
        return this.atomRF({ t: 'sym', name: e.name }, e);
      case 'neg': return this.neg(this.fromExpr(e.arg));
      case 'add': {
        let r = this.const(Q0);
        for (const a of e.args) r = this.add(r, this.fromExpr(a));
        return r;
      }
      case 'mul': {
        let r = this.const(Q1);
        for (const a of e.args) r = this.mul(r, this.fromExpr(a));
        return r;
      }
      case 'pow': return this.power(e.base, e.exp);
      case 'call': return this.callRF(e);
    }
  }

  private power(base: Expr, exp: Expr): RF {
    if (base.k === 'sym' && base.name === 'e' && !this.vars.has('e')) return this.expOf(this.fromExpr(exp));
    const xr = this.fromExpr(exp);
    const c = this.isConst(xr);
    if (c) {
      if (qIsInteger(c) && Math.abs(Number(c.n)) <= 64) return this.powInt(this.fromExpr(base), Number(c.n));
      if (!qIsInteger(c) && c.d <= 12n && Math.abs(Number(c.n)) <= 64) {
        return this.powInt(this.root(this.fromExpr(base), Number(c.d)), Number(c.n));
      }
    }
    const b = this.canonical(this.fromExpr(base));
    const x = this.canonical(xr);
    return this.atomRF({ t: 'pow', base: b, exp: x }, pow(b, x));
  }

  /** base^(1/q) */
  private root(b: RF, qd: number): RF {
    const c = this.isConst(b);
    if (c) {
      if (qd === 2) { const s = qSqrt(c); if (s) return this.const(s); }
      if (qd === 3 && qIsInteger(c)) {
        const r = Math.round(Math.cbrt(Number(c.n)));
        if (BigInt(r) ** 3n === c.n) return this.const(q(BigInt(r)));
      }
      if (qSign(c) <= 0 && qd % 2 === 0) return this.rootAtom(b, qd);
    }
    // An odd root of a single monomial whose exponents are all multiples of q.
    if (!b.den.length && b.num.size === 1 && qd % 2 === 1) {
      const t = b.num.values().next().value as Term;
      if (qIsOne(t.c) && !t.m.x && [...t.m.e.values()].every((k) => k % qd === 0)) {
        const e = new Map<number, number>();
        for (const [id, k] of t.m.e) e.set(id, k / qd);
        return this.monoRF(makeMono(e, null), Q1);
      }
    }
    if (qd === 2 && !b.den.length && b.num.size >= 1) {
      // a square of positive factors: sqrt(1 - tanh(y)^2) = sqrt(sech(y)^2) = sech(y)
      let square: RF | null | undefined = null;
      if (b.num.size <= 3) {
        // cosh beside sinh, so that 1 + sinh^2 can become cosh^2
        for (const t of b.num.values()) {
          for (const id of t.m.e.keys()) {
            const info = this.byId[id].info;
            if (info.t === 'call' && info.fn === 'sinh' && !info.d) this.fromExpr(call('cosh', ...info.args));
          }
        }
        square = this.trigVariants(b).map((v) => this.positiveSqrt(v)).find((v) => v);
      }
      if (square) return square;
      // a square factor out of a sum: sqrt(1 - x^2/4) = sqrt(4 - x^2)/2, so that 4 - x^2 can cancel
      const c = qContent([...b.num.values()].map((t) => t.c));
      const s = qIsOne(c) ? null : qSqrt(c);
      if (s && b.num.size > 1) return this.mul(this.const(s), this.rootAtom({ num: polyScale(b.num, qDiv(Q1, c)), den: [] }, 2));
    }
    return this.rootAtom(b, qd);
  }

  /** Atoms whose values are positive wherever they are defined. */
  private positiveAtom(id: number): boolean {
    const info = this.byId[id].info;
    return info.t === 'call' && !info.d && (info.fn === 'cosh' || info.fn === 'sech' || info.fn === 'exp')
      || (info.t === 'sym' && (info.name === 'pi' || info.name === 'PI') && !this.vars.has(info.name));
  }

  /** sqrt(r) for r = c m^2, c a rational square and m a monomial in positive atoms; else null. */
  private positiveSqrt(r: RF): RF | null {
    if (r.den.length || r.num.size !== 1) return null;
    const t = r.num.values().next().value as Term;
    const c = qSqrt(t.c);
    if (!c) return null;
    const e = new Map<number, number>();
    for (const [id, k] of t.m.e) {
      if (k % 2 !== 0 || !this.positiveAtom(id)) return null;
      e.set(id, k / 2);
    }
    return this.monoRF(makeMono(e, t.m.x ? polyScale(t.m.x, q(1n, 2n)) : null), c);
  }

  private rootAtom(b: RF, qd: number): RF {
    const base = this.canonical(b);
    const expr = qd === 2 ? call('sqrt', base) : qd === 3 ? call('cbrt', base) : pow(base, mul(num(1), pow(num(qd), num(-1))));
    return this.atomRF({ t: 'root', base, q: qd }, expr);
  }

  private reduceRoots(r: RF): RF {
    return this.reduceSigns(this.reduceRootPowers(r));
  }

  /** The atom that sign(u) is the sign of, when u is itself an atom: sign(u) u = |u|. */
  private signedAtom(id: number): number | null {
    const info = this.byId[id].info;
    if (info.t !== 'call' || info.fn !== 'sign' || info.d) return null;
    const u = info.args[0];
    const a = this.atoms.get(u.k === 'sym' ? u.name : toMathjs(u));
    return a && this.atoms.get(a.key) === a ? a.id : null;
  }

  /** u sign(u)^k = u |u|^0 or |u| (k odd): exact everywhere, also at u = 0. */
  private reduceSigns(r: RF): RF {
    const pair = (m: Mono): [number, number] | null => {
      for (const [id, k] of m.e) {
        if (k <= 0) continue;
        const u = this.signedAtom(id);
        if (u !== null && (m.e.get(u) ?? 0) >= 1) return [id, u];
      }
      return null;
    };
    if (![...r.num.values()].some((t) => pair(t.m))) return r;
    let out: RF = { num: new Map(), den: r.den };
    for (const t of r.num.values()) {
      const p = pair(t.m);
      if (!p) { out = this.add(out, { num: new Map([[t.m.key, t]]), den: r.den }); continue; }
      const [sid, uid] = p;
      const e = new Map(t.m.e);
      const odd = e.get(sid)! % 2 === 1;
      e.delete(sid);
      let term = this.monoRF(makeMono(e, t.m.x), t.c);
      if (odd) {
        const ku = e.get(uid)!;
        if (ku === 1) e.delete(uid); else e.set(uid, ku - 1);
        const u = this.byId[uid].expr;
        term = this.mul(this.monoRF(makeMono(e, t.m.x), t.c), this.fromExpr(call('abs', u)));
      }
      out = this.add(out, { num: term.num, den: mergeDen(term.den, r.den) });
    }
    return out;
  }

  /** Rewrite root atoms raised to |k| >= q: r^k = base^floor(k/q) r^(k mod q). */
  private reduceRootPowers(r: RF): RF {
    const needs = (m: Mono) => [...m.e].some(([id, k]) => {
      const info = this.byId[id].info;
      return info.t === 'root' && (k >= info.q || k < 0);
    });
    if (![...r.num.values()].some((t) => needs(t.m))) return r;
    let out: RF = { num: new Map(), den: r.den };
    for (const t of r.num.values()) {
      if (!needs(t.m)) { out = this.add(out, { num: new Map([[t.m.key, t]]), den: r.den }); continue; }
      const e = new Map(t.m.e);
      let factor = this.const(t.c);
      for (const [id, k] of t.m.e) {
        const info = this.byId[id].info;
        if (info.t !== 'root' || (k < info.q && k >= 0)) continue;
        const whole = Math.floor(k / info.q);
        e.set(id, k - whole * info.q);
        factor = this.mul(factor, this.powInt(this.fromExpr(info.base), whole));
      }
      const term = this.mul(factor, this.monoRF(makeMono(e, t.m.x), Q1));
      out = this.add(out, { num: term.num, den: mergeDen(term.den, r.den) });
    }
    return out;
  }

  private expOf(u: RF): RF {
    if (u.den.length) {
      const a = this.canonical(u);
      return this.atomRF({ t: 'call', fn: 'exp', args: [a] }, call('exp', a));
    }
    let factor = this.const(Q1);
    const rest = new Map<string, Term>();
    for (const t of u.num.values()) {
      // c * log(A) with integer c: A^c
      if (!t.m.x && t.m.e.size === 1 && qIsInteger(t.c) && Math.abs(Number(t.c.n)) <= 8) {
        const [[id, k]] = [...t.m.e];
        const info = this.byId[id].info;
        if (k === 1 && info.t === 'call' && info.fn === 'log' && !info.d) {
          factor = this.mul(factor, this.powInt(this.fromExpr(info.args[0]), Number(t.c.n)));
          continue;
        }
      }
      rest.set(t.m.key, t);
    }
    return this.mul(factor, this.monoRF(makeMono(new Map(), rest), Q1));
  }

  private logOf(a: RF): RF {
    const c = this.isConst(a);
    if (c && qIsOne(c)) return this.const(Q0);
    if (!a.den.length && a.num.size > 0) {
      const terms = [...a.num.values()];
      const x0 = terms[0].m.x;
      if (x0 && terms.every((t) => t.m.x && polyKey(t.m.x) === polyKey(x0))) {
        // log(exp(E) R) = E + log(R), valid wherever the left side is defined.
        const rest = new Map<string, Term>();
        for (const t of terms) { const m = makeMono(new Map(t.m.e), null); rest.set(m.key, { m, c: t.c }); }
        return this.add({ num: x0, den: [] }, this.logOf({ num: rest, den: [] }));
      }
    }
    const arg = this.canonical(a);
    return this.atomRF({ t: 'call', fn: 'log', args: [arg] }, call('log', arg));
  }

  private callRF(e: Extract<Expr, { k: 'call' }>): RF {
    if (!e.d) {
      const pair = e.args.length === 1 ? inversePair(e.fn, e.args[0]) : null;
      if (pair) return this.fromExpr(pair);
      switch (e.fn) {
        case 'exp': return this.expOf(this.fromExpr(e.args[0]));
        case 'log': return this.logOf(this.fromExpr(e.args[0]));
        case 'sqrt': return this.root(this.fromExpr(e.args[0]), 2);
        case 'cbrt': return this.root(this.fromExpr(e.args[0]), 3);
        // hypot(a, b, …) = sqrt(a^2 + b^2 + …): the same value, so it can cancel with sqrt
        case 'hypot': return this.root(e.args.map((a) => this.powInt(this.fromExpr(a), 2)).reduce((x, y) => this.add(x, y)), 2);
      }
    }
    const argsRF = e.args.map((a) => this.fromExpr(a));
    const exact = e.d || argsRF.length !== 1 ? null
      : this.exactTrig(e.fn, argsRF[0]) ?? this.quarterTurn(e.fn, argsRF[0]) ?? this.multipleOfInverse(e.fn, argsRF[0]);
    if (exact) return exact;
    const known = e.d ? undefined : FUNCTIONS[e.fn];
    if (known && argsRF.length === 1) {
      const c = this.isConst(argsRF[0]);
      if (c && qIsZero(c)) {
        const v = known.f(0, 0);
        if (Number.isInteger(v)) return this.const(q(BigInt(v)));
      }
      // Parity: f(-u) = -f(u) or f(u), so that equal terms meet.
      if (known.parity && argsRF[0].num.size > 0 && qSign(leading(argsRF[0].num).c) < 0) {
        const arg = this.canonical(this.neg(argsRF[0]));
        const r = this.atomRF({ t: 'call', fn: e.fn, args: [arg] }, call(e.fn, arg));
        return known.parity === 'odd' ? this.neg(r) : r;
      }
    }
    const args = argsRF.map((a) => this.canonical(a));
    const expr: Expr = e.d ? { k: 'call', fn: e.fn, args, d: e.d } : { k: 'call', fn: e.fn, args };
    return this.atomRF({ t: 'call', fn: e.fn, args, d: e.d }, expr);
  }

  /**
   * sin(k g(u)), cos(k g(u)), … for g an inverse function and k = 2, 3, 4, in u alone:
   * sin(2 asin u) = 2 u sqrt(1 - u^2), cos(2 atan u) = (1 - u^2)/(1 + u^2). The double-angle
   * formulas and the pairs above, so valid wherever the left side is defined.
   */
  private multipleOfInverse(fn: string, a: RF): RF | null {
    const base = RECIPROCALS[fn] ?? fn;
    const hyper = base === 'sinh' || base === 'cosh' || base === 'tanh';
    if (!hyper && base !== 'sin' && base !== 'cos' && base !== 'tan') return null;
    if (a.den.length || a.num.size !== 1) return null;
    const t = a.num.values().next().value as Term;
    const k = Number(t.c.n);
    if (t.c.d !== 1n || k < 2 || k > 4 || t.m.x || t.m.e.size !== 1) return null;
    const [[id, p]] = [...t.m.e];
    const g = this.byId[id].expr;
    if (p !== 1 || g.k !== 'call' || !inversePair(base, g)) return null;
    const [sinFn, cosFn] = hyper ? ['sinh', 'cosh'] : ['sin', 'cos'];
    const s = this.fromExpr(call(sinFn, g)), c = this.fromExpr(call(cosFn, g));
    const sigma = this.const(hyper ? Q1 : q(-1n));
    let [C, S] = [c, s];
    for (let i = 1; i < k; i++) [C, S] = [this.add(this.mul(C, c), this.mul(sigma, this.mul(S, s))), this.add(this.mul(C, s), this.mul(S, c))];
    const v = base === sinFn ? S : base === cosFn ? C : this.mul(S, this.inv(C));
    return base === fn ? v : this.inv(v);
  }

  /** sin, cos, tan at multiples of pi/4 and pi/6: cos(pi/6) = sqrt(3)/2, a rotation's entries. */
  private exactTrig(fn: string, a: RF): RF | null {
    if ((fn !== 'sin' && fn !== 'cos' && fn !== 'tan') || a.den.length || a.num.size !== 1) return null;
    const t = leading(a.num);
    if (t.m.x || t.m.e.size !== 1) return null;
    const [[id, k]] = [...t.m.e];
    const info = this.byId[id].info;
    if (k !== 1 || info.t !== 'sym' || info.name !== 'pi' || ![1n, 2n, 3n, 4n, 6n].includes(t.c.d)) return null;
    const degrees = Number((t.c.n * 180n) / t.c.d);
    const sinAt = (deg: number): RF => {
      const d = ((deg % 360) + 360) % 360;
      const ref = d % 180 > 90 ? 180 - (d % 180) : d % 180;
      const half = this.const(q(1n, 2n));
      const v = ref === 0 ? this.const(Q0) : ref === 90 ? this.const(Q1) : ref === 30 ? half
        : this.mul(half, this.root(this.const(q(ref === 45 ? 2n : 3n)), 2));
      return d >= 180 ? this.neg(v) : v;
    };
    if (fn === 'sin') return sinAt(degrees);
    if (fn === 'cos') return sinAt(degrees + 90);
    if (((degrees % 180) + 180) % 180 === 90) return null; // tan(pi/2) is not defined
    return this.mul(sinAt(degrees), this.inv(sinAt(degrees + 90)));
  }

  /**
   * sin, cos, tan of u + k pi/2 in u: sin(u + pi/2) = cos u, cos(u + pi) = -cos u,
   * tan(u + pi/2) = -1/tan u (exact for every u where the left side is defined).
   */
  private quarterTurn(fn: string, a: RF): RF | null {
    if ((fn !== 'sin' && fn !== 'cos' && fn !== 'tan') || a.den.length || a.num.size < 2) return null;
    const piTerm = [...a.num.values()].find((t) => {
      if (t.m.x || t.m.e.size !== 1) return false;
      const [[id, k]] = [...t.m.e];
      const info = this.byId[id].info;
      return k === 1 && info.t === 'sym' && info.name === 'pi';
    });
    if (!piTerm || (piTerm.c.d !== 1n && piTerm.c.d !== 2n)) return null;
    const turns = Number((((piTerm.c.n * 2n) / piTerm.c.d) % 4n + 4n) % 4n);   // quarter turns, 0..3
    const rest = new Map(a.num);
    rest.delete(piTerm.m.key);
    const u = this.canonical({ num: rest, den: [] });
    if (fn === 'tan') return turns % 2 ? this.neg(this.inv(this.fromExpr(call('tan', u)))) : this.fromExpr(call('tan', u));
    // sin(u + k pi/2) is sin, cos, -sin, -cos for k = 0..3; cos(u + k pi/2) = sin(u + (k + 1) pi/2)
    const k = (turns + (fn === 'cos' ? 1 : 0)) % 4;
    const v = this.fromExpr(call(k % 2 ? 'cos' : 'sin', u));
    return k >= 2 ? this.neg(v) : v;
  }

  /**
   * r = a + b·name with a and b free of the symbol name (not even inside a function, a root or
   * a denominator), or null. (xi = (x - x_k)/(x_k1 - x_k) is linear in x: a = -x_k/(x_k1 - x_k).)
   */
  linearIn(r: RF, name: string): { a: RF; b: RF } | null {
    const id = this.atoms.get(name)?.id;
    if (id === undefined || this.byId[id].info.t !== 'sym') return null;
    const hides = (m: Mono) => [...m.e.keys()].some((j) => j !== id && symbolsOf(this.byId[j].expr).has(name))
      || (m.x !== null && symbolsOf(this.canonical({ num: m.x, den: [] })).has(name));
    if (r.den.some((f) => [...f.p.values()].some((t) => t.m.e.has(id) || hides(t.m)))) return null;
    const a = new Map<string, Term>(), b = new Map<string, Term>();
    for (const t of r.num.values()) {
      const k = t.m.e.get(id) ?? 0;
      if ((k !== 0 && k !== 1) || hides(t.m)) return null;
      if (k === 0) { a.set(t.m.key, t); continue; }
      const e = new Map(t.m.e);
      e.delete(id);
      const m = makeMono(e, t.m.x);
      b.set(m.key, { m, c: t.c });
    }
    if (!b.size) return null;
    return { a: { num: a, den: r.den }, b: { num: b, den: r.den } };
  }

  // --- trigonometric identities --------------------------------------------------------

  /**
   * Variants of r with cos^2 -> 1 - sin^2 or sin^2 -> 1 - cos^2 (and cosh^2 = 1 + sinh^2)
   * applied per argument; r itself first.
   */
  trigVariants(r: RF): RF[] {
    type Pair = { s: number; c: number; hyper: boolean };
    const present = new Set<number>();
    for (const p of [r.num, ...r.den.map((f) => f.p)]) for (const t of p.values()) for (const [id, k] of t.m.e) if (k >= 2) present.add(id);
    const pairs: Pair[] = [];
    const find = (fn: string, args: readonly Expr[]) => this.atoms.get(toMathjs(call(fn, ...args)))?.id;
    for (const a of [...this.byId]) {
      if (a.info.t !== 'call' || a.info.d) continue;
      // tanh^2 + sech^2 = 1, as sin^2 + cos^2 = 1: (1 - tanh^2)(1 - tanh^2) = sech^2 sech^2
      // (and from sech^2 the other way: 1 - sech(u)^2 = tanh(u)^2, short, and exact in doubles where u is small)
      if ((a.info.fn === 'tanh' || a.info.fn === 'sech') && present.has(a.id)) {
        const other = soleAtom(this.fromExpr(call(a.info.fn === 'tanh' ? 'sech' : 'tanh', ...a.info.args)));
        const [s, c] = a.info.fn === 'tanh' ? [a.id, other] : [other, a.id];
        if (s !== undefined && c !== undefined && !pairs.some((p) => p.s === s && p.c === c)) pairs.push({ s, c, hyper: false });
        continue;
      }
      const hyper = a.info.fn === 'sinh';
      if (a.info.fn !== 'sin' && !hyper) continue;
      const c = find(hyper ? 'cosh' : 'cos', a.info.args);
      if (c === undefined || !(present.has(a.id) || present.has(c))) continue;
      pairs.push({ s: a.id, c, hyper });
    }
    if (!pairs.length) return [r];
    // from^2 -> k0 + k1 * to^2
    const subst = (p: Poly, from: number, to: number, k0: Q, k1: Q): Poly => {
      const toSq = makeMono(new Map([[to, 2]]), null);
      const repl: Poly = polyAdd(polyConst(k0), new Map([[toSq.key, { m: toSq, c: k1 }]]));
      let out: Poly = new Map();
      for (const t of p.values()) {
        const k = t.m.e.get(from) ?? 0;
        if (k < 2) { out = polyAdd(out, new Map([[t.m.key, t]])); continue; }
        const half = Math.floor(k / 2);
        const e = new Map(t.m.e);
        e.set(from, k - 2 * half);
        out = polyAdd(out, polyMulTerm(this.polyPow(repl, half), makeMono(e, t.m.x), t.c));
        this.budget.terms(out.size);
      }
      return out;
    };
    const M1 = q(-1n);
    const variantsFor = (p: Poly, pair: Pair): Poly[] => pair.hyper
      ? [p, subst(p, pair.c, pair.s, Q1, Q1), subst(p, pair.s, pair.c, M1, Q1)]   // cosh^2 = 1 + sinh^2; sinh^2 = cosh^2 - 1
      : [p, subst(p, pair.c, pair.s, Q1, M1), subst(p, pair.s, pair.c, Q1, M1)];  // cos^2 = 1 - sin^2; sin^2 = 1 - cos^2
    let polys: Poly[] = [r.num];
    if (pairs.length <= 4) {
      for (const pair of pairs) polys = polys.flatMap((p) => variantsFor(p, pair));
    } else {
      // Greedy: one pair at a time, keeping the fewest terms.
      let best = r.num;
      for (const pair of pairs) best = variantsFor(best, pair).reduce((a, b) => (b.size < a.size ? b : a));
      polys = [r.num, best];
    }
    // a denominator factor that becomes one term (1 + sinh^2 = cosh^2, 1 - tanh^2 = sech^2)
    // moves up, so that it can cancel: cosh(y)/(1 + sinh(y)^2) = 1/cosh(y)
    const den: Factor[] = [];
    let up: RF | null = null;
    for (const f of r.den) {
      let best = f.p;
      for (const pair of pairs) for (const v of variantsFor(best, pair)) if (v.size < best.size) best = v;
      if (best.size === 1 && best !== f.p) up = this.mul(up ?? this.const(Q1), this.powInt({ num: best, den: [] }, -f.e));
      else den.push(f);
    }
    const seen = new Set<string>();
    const out: RF[] = [];
    for (const p of polys) {
      const k = polyKey(p);
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(this.cancel(p, r.den));
      if (up) out.push(this.mul(this.cancel(p, den), up));
    }
    return out;
  }

  // --- multiple angles and sums --------------------------------------------------------

  /**
   * The sin/cos (sinh/cosh) atoms of r whose arguments are integer combinations of base
   * angles: sin(t1 + t2), cos(2 x), sin(x/2) beside sin(x). Each base is a monomial times the
   * gcd of its coefficients over all those arguments (x/2 and x give the base x/2). Null when
   * no argument is a sum or a multiple, or when there are too many bases to expand.
   */
  private angleBasis(r: RF, hyper: boolean): AngleBasis | null {
    const [sinFn, cosFn] = hyper ? ['sinh', 'cosh'] : ['sin', 'cos'];
    const ids = new Set<number>();
    const collect = (p: Poly) => { for (const t of p.values()) for (const id of t.m.e.keys()) ids.add(id); };
    collect(r.num);
    for (const f of r.den) collect(f.p);
    const parts = new Map<number, { fn: string; terms: Term[] }>();
    const coefs = new Map<string, { mono: Mono; cs: Q[] }>();
    for (const id of ids) {
      const info = this.byId[id].info;
      if (info.t !== 'call' || info.d || (info.fn !== sinFn && info.fn !== cosFn)) continue;
      let arg = this.argRF.get(id);
      if (!arg) this.argRF.set(id, arg = this.fromExpr(info.args[0]));
      if (arg.den.length) continue;
      const terms = [...arg.num.values()];
      parts.set(id, { fn: info.fn, terms });
      for (const t of terms) {
        const g = coefs.get(t.m.key);
        if (g) g.cs.push(t.c); else coefs.set(t.m.key, { mono: t.m, cs: [t.c] });
      }
    }
    if (coefs.size === 0 || coefs.size > 4) return null;
    const keys = [...coefs.keys()];
    const unit = new Map(keys.map((k) => [k, qContent(coefs.get(k)!.cs)]));
    const atoms = new Map<number, { fn: string; k: number[] }>();
    let compound = false;
    for (const [id, { fn, terms }] of parts) {
      const k = keys.map(() => 0);
      for (const t of terms) k[keys.indexOf(t.m.key)] = Number(qDiv(t.c, unit.get(t.m.key)!).n);
      if (k.reduce((s, x) => s + Math.abs(x), 0) > 8) return null;
      if (terms.length > 1 || Math.abs(k.find((x) => x !== 0) ?? 1) > 1) compound = true;
      atoms.set(id, { fn, k });
    }
    // products of sines and cosines may still contract: 2 sin x cos x = sin(2 x)
    // (a square or a product in one base, or two products that may be one sum formula)
    const products = () => {
      let mixed = 0;
      for (const t of r.num.values()) {
        const perBase = keys.map(() => 0);
        for (const [id, k] of t.m.e) { const a = atoms.get(id); if (a) perBase[a.k.findIndex((x) => x !== 0)] += Math.abs(k); }
        if (perBase.some((d) => d >= 2)) return true;
        if (perBase.filter((d) => d > 0).length >= 2 && ++mixed >= 2) return true;
      }
      return false;
    };
    if (!compound && !products()) return null;
    const bases = keys.map((key) => this.canonical(this.monoRF(coefs.get(key)!.mono, unit.get(key)!)));
    return { hyper, bases, atoms, compound };
  }

  /** e^(i k·θ) (e^(k·θ) for hyperbolic) as [cos, sin] over the sines and cosines of the bases. */
  private angleExp(b: AngleBasis, k: readonly number[]): [RF, RF] {
    const [sinFn, cosFn] = b.hyper ? ['sinh', 'cosh'] : ['sin', 'cos'];
    const sigma = b.hyper ? Q1 : q(-1n);
    const cmul = ([a, x]: [RF, RF], [c, y]: [RF, RF]): [RF, RF] =>
      [this.add(this.mul(a, c), this.mul(this.const(sigma), this.mul(x, y))), this.add(this.mul(a, y), this.mul(x, c))];
    let out: [RF, RF] = [this.const(Q1), this.const(Q0)];
    k.forEach((kj, j) => {
      const s = this.fromExpr(call(sinFn, b.bases[j])), c = this.fromExpr(call(cosFn, b.bases[j]));
      const unitZ: [RF, RF] = [c, kj < 0 ? this.neg(s) : s];
      for (let i = 0; i < Math.abs(kj); i++) out = cmul(out, unitZ);
    });
    return out;
  }

  /** Replace atoms by rational functions. */
  private substituteAtoms(r: RF, repl: ReadonlyMap<number, RF>): RF {
    const polyTo = (p: Poly): RF => {
      let out = this.const(Q0);
      for (const t of p.values()) {
        const e = new Map([...t.m.e].filter(([id]) => !repl.has(id)));
        let term = this.monoRF(makeMono(e, t.m.x), t.c);
        for (const [id, k] of t.m.e) { const x = repl.get(id); if (x) term = this.mul(term, this.powInt(x, k)); }
        out = this.add(out, term);
      }
      return out;
    };
    let res = polyTo(r.num);
    for (const f of r.den) res = this.mul(res, this.powInt(polyTo(f.p), -f.e));
    return res;
  }

  /** r with sin(a + b), cos(2 a), … written in the sines and cosines of the base angles. */
  private expandAngles(r: RF, b: AngleBasis): RF {
    const repl = new Map<number, RF>();
    for (const [id, { fn, k }] of b.atoms) {
      const [c, s] = this.angleExp(b, k);
      repl.set(id, fn === 'sin' || fn === 'sinh' ? s : c);
    }
    return this.substituteAtoms(r, repl);
  }

  /**
   * Products of sines and cosines of the bases turned into sums (2 sin a cos a = sin(2 a),
   * cos^2 a - sin^2 a = cos(2 a), sin a cos b + cos a sin b = sin(a + b)): the exponential
   * (Fourier) form, unique for a trigonometric polynomial. Null when r has a denominator, a
   * negative power of a sine or cosine, or too high a degree.
   */
  private contractAngles(r: RF, b: AngleBasis): RF | null {
    if (r.den.length) return null;
    const [sinFn, cosFn] = b.hyper ? ['sinh', 'cosh'] : ['sin', 'cos'];
    const idOf = (fn: string, e: Expr) => this.atoms.get(toMathjs(call(fn, e)))?.id;
    const sinIds = b.bases.map((e) => idOf(sinFn, e)), cosIds = b.bases.map((e) => idOf(cosFn, e));
    // exponent vector k -> complex coefficient, per rest monomial
    type C = [Q, Q];
    const cadd = (x: C, y: C): C => [qAdd(x[0], y[0]), qAdd(x[1], y[1])];
    const groups = new Map<string, { rest: Mono; coef: Map<string, { k: number[]; c: C }> }>();
    const half = q(1n, 2n);
    for (const t of r.num.values()) {
      const e = new Map(t.m.e);
      // Laurent polynomial in z_j = e^(iθ_j): sin = (z - 1/z)/(2i), cos = (z + 1/z)/2
      let lp = new Map<string, { k: number[]; c: C }>([[b.bases.map(() => 0).join(), { k: b.bases.map(() => 0), c: [t.c, Q0] }]]);
      let degree = 0;
      for (let j = 0; j < b.bases.length; j++) {
        for (const [id, isSin] of [[sinIds[j], true], [cosIds[j], false]] as const) {
          if (id === undefined) continue;
          const p = e.get(id) ?? 0;
          if (p < 0) return null;
          e.delete(id);
          degree += p;
          for (let i = 0; i < p; i++) {
            const next = new Map<string, { k: number[]; c: C }>();
            for (const { k, c } of lp.values()) {
              for (const sgn of [1, -1]) {
                const kk = [...k];
                kk[j] += sgn;
                // cos: c/2 z^±1; sin (trig): c/(2i) (z - 1/z) = (-i c/2) z + (i c/2) z^-1; sinh: c/2 (z - 1/z)
                let cc: C = [qMul(c[0], half), qMul(c[1], half)];
                if (isSin) cc = b.hyper ? (sgn > 0 ? cc : [qNeg(cc[0]), qNeg(cc[1])]) : (sgn > 0 ? [cc[1], qNeg(cc[0])] : [qNeg(cc[1]), cc[0]]);
                const key = kk.join();
                const old = next.get(key);
                next.set(key, { k: kk, c: old ? cadd(old.c, cc) : cc });
              }
            }
            lp = next;
            this.budget.terms(lp.size);
          }
        }
      }
      if (degree > 8) return null;
      const rest = makeMono(e, t.m.x);
      let g = groups.get(rest.key);
      if (!g) groups.set(rest.key, g = { rest, coef: new Map() });
      for (const [key, v] of lp) { const old = g.coef.get(key); g.coef.set(key, old ? { k: v.k, c: cadd(old.c, v.c) } : v); }
    }
    let out = this.const(Q0);
    for (const { rest, coef } of groups.values()) {
      for (const { k, c } of coef.values()) {
        const first = k.find((x) => x !== 0);
        if (first !== undefined && first < 0) continue;   // taken with its mirror image
        const restRF = this.monoRF(rest, Q1);
        if (first === undefined) { out = this.add(out, this.mul(restRF, this.const(c[0]))); continue; }
        const mirror = coef.get(k.map((x) => -x).join())?.c ?? [Q0, Q0];
        // a z^k + a' z^-k = (a + a') cos(k·θ) + i (a - a') sin(k·θ) (trig); (a + a') cosh + (a - a') sinh
        const A = qAdd(c[0], mirror[0]);
        const B = b.hyper ? qAdd(c[0], qNeg(mirror[0])) : qNeg(qAdd(c[1], qNeg(mirror[1])));
        const angleKey = `${b.hyper}|${b.bases.map(toMathjs).join(',')}|${k.join()}`;
        let cs = this.angles.get(angleKey);
        if (!cs) {
          const angle = this.canonical(k.reduce((s, kj, j) => this.add(s, this.mul(this.const(q(BigInt(kj))), this.fromExpr(b.bases[j]))), this.const(Q0)));
          this.angles.set(angleKey, cs = [this.fromExpr(call(cosFn, angle)), this.fromExpr(call(sinFn, angle))]);
        }
        if (!qIsZero(A)) out = this.add(out, this.mul(restRF, this.mul(this.const(A), cs[0])));
        if (!qIsZero(B)) out = this.add(out, this.mul(restRF, this.mul(this.const(B), cs[1])));
      }
    }
    return out;
  }

  /**
   * r and its forms in base angles: expanded (sin(t1 + t2) = sin t1 cos t2 + cos t1 sin t2,
   * cos(2 x) = cos^2 x - sin^2 x, so that sin^2 + cos^2 = 1 can act) and contracted again into
   * multiple angles and sums. The caller keeps the shortest.
   */
  angleForms(r: RF): RF[] {
    const out = [r];
    for (const hyper of [false, true]) {
      for (const v of [...out]) {
        const b = this.angleBasis(v, hyper);
        if (!b) continue;
        const expanded = b.compound ? this.expandAngles(v, b) : v;
        if (b.compound) out.push(expanded);
        // the contracted (Fourier) form is unique: one contraction serves every variant
        const c = this.contractAngles(expanded, b);
        if (c) out.push(c);
      }
    }
    return out;
  }

  /**
   * Pairs of terms that make one sum-angle formula, recombined, the other terms left as they
   * are: X sin a sin b - X cos a cos b = -X cos(a + b), X sin a cos b + X cos a sin b =
   * X sin(a + b), and the differences, into angles the map has (a three-link arm's det J keeps its factor sin c:
   * sin c (sin b sin c - cos b cos c - cos b) = -sin c (cos(b + c) + cos b)). Null when no pair is.
   */
  private sumAngleForm(r: RF): RF | null {
    const terms = [...r.num.values()];
    if (terms.length < 2 || terms.length > MAX_SUM_ANGLE_TERMS) return null;
    const trig = (id: number): { fn: 'sin' | 'cos'; arg: Expr } | null => {
      const i = this.byId[id].info;
      return i.t === 'call' && !i.d && (i.fn === 'sin' || i.fn === 'cos') && i.args.length === 1 ? { fn: i.fn, arg: i.args[0] } : null;
    };
    const other = (a: { fn: string; arg: Expr }) => this.atoms.get(toMathjs(call(a.fn === 'sin' ? 'cos' : 'sin', a.arg)))?.id;
    const used = new Set<number>();
    let out = this.const(Q0);
    for (let i = 0; i < terms.length; i++) {
      if (used.has(i)) continue;
      const t = terms[i];
      this.budget.tick();
      const ids = [...t.m.e.entries()].filter(([id, k]) => k >= 1 && trig(id)).map(([id]) => id);
      let term: RF | null = null;
      for (let a = 0; a < ids.length && !term; a++) {
        for (let b = a + 1; b < ids.length && !term; b++) {
          const A = trig(ids[a])!, B = trig(ids[b])!;
          const fa = other(A), fb = other(B);
          if (fa === undefined || fb === undefined || toMathjs(A.arg) === toMathjs(B.arg)) continue;
          const e = new Map(t.m.e);
          const bump = (id: number, k: number) => { const v = (e.get(id) ?? 0) + k; if (v) e.set(id, v); else e.delete(id); };
          bump(ids[a], -1); bump(ids[b], -1);
          const rest = makeMono(new Map(e), t.m.x);
          bump(fa, 1); bump(fb, 1);
          const key = makeMono(e, t.m.x).key;
          const j = terms.findIndex((u, k) => k !== i && !used.has(k) && u.m.key === key);
          if (j < 0) continue;
          const same = qEq(terms[j].c, t.c);
          if (!same && !qEq(terms[j].c, qNeg(t.c))) continue;
          const sum = this.add(this.fromExpr(A.arg), this.fromExpr(B.arg));
          const diff = this.add(this.fromExpr(A.arg), this.neg(this.fromExpr(B.arg)));
          let fn: string, angle: RF, c = t.c;
          if (A.fn === B.fn) {
            // sin sin ∓ cos cos, cos cos ∓ sin sin
            fn = 'cos'; angle = same ? diff : sum;
            if (!same && A.fn === 'sin') c = qNeg(c);
          } else {
            // sin a cos b ± cos a sin b
            fn = 'sin'; angle = same ? sum : diff;
            if (!same && A.fn === 'cos') c = qNeg(c);
          }
          // only into an angle the map already has (no new angles: they would be new atoms to expand)
          let atom = this.atoms.get(toMathjs(call(fn, this.canonical(angle))));
          if (!atom) {
            // sin(-u) = -sin(u), cos(-u) = cos(u)
            atom = this.atoms.get(toMathjs(call(fn, this.canonical(this.neg(angle)))));
            if (!atom) continue;
            if (fn === 'sin') c = qNeg(c);
          }
          used.add(j);
          term = this.mul(this.monoRF(rest, c), this.atomRF(atom.info, atom.expr));
        }
      }
      used.add(i);
      out = this.add(out, term ?? this.monoRF(t.m, t.c));
    }
    return used.size > 0 && out.num.size < terms.length ? { num: out.num, den: mergeDen(out.den, r.den) } : null;
  }

  /**
   * Forms of r in sines and cosines where it has tan, cot, sec or csc: (tan u + 1/tan u)/2 =
   * (sin^2 u + cos^2 u)/(2 sin u cos u) = 1/(2 sin u cos u); a product's reciprocal then
   * contracts like any product (2 sin u cos u = sin 2u), so Mercator's det J reads 1/cos(phi).
   */
  private sinCosForms(r: RF): RF[] {
    const repl = new Map<number, RF>();
    const ratio = (top: string | null, bottom: string | null, u: Expr): RF | null => {
      const t = top ? this.fromExpr(call(top, u)) : this.const(Q1);
      const b = bottom ? this.fromExpr(call(bottom, u)) : null;
      // (tan(pi/2 + u): the atom is already -1/tan u; a zero below is never divided by)
      return !b ? t : this.isConst(b) && qIsZero(this.isConst(b)!) ? null : this.mul(t, this.inv(b));
    };
    const ratios: Readonly<Record<string, readonly [string | null, string | null]>> = { tan: ['sin', 'cos'], cot: ['cos', 'sin'], sec: [null, 'cos'], csc: [null, 'sin'] };
    const ids = new Set<number>();
    for (const p of [r.num, ...r.den.map((f) => f.p)]) for (const t of p.values()) for (const id of t.m.e.keys()) ids.add(id);
    for (const id of ids) {
      const info = this.byId[id].info;
      const to = info.t === 'call' && !info.d && info.args.length === 1 ? ratios[info.fn] : undefined;
      const v = to ? ratio(to[0], to[1], (info as { args: readonly Expr[] }).args[0]) : null;
      if (v) repl.set(id, v);
    }
    if (!repl.size) return [];
    const s = this.substituteAtoms(r, repl);
    // the common monomial out, so that sin^2 + cos^2 = 1 can act on the rest
    const { unit, mono, prim } = this.normalizeFactor(s.num);
    const out: RF[] = [];
    for (const pv of this.trigVariants({ num: prim, den: s.den })) {
      const v = this.mul(pv, this.monoRF(mono, unit));
      out.push(v);
      if (v.num.size === 1 && !this.isConst(v)) for (const c of this.angleForms(this.inv(v)).slice(1)) out.push(this.inv(c));
    }
    return out;
  }

  /**
   * Sums of exponentials as hyperbolic functions: a polynomial whose terms' exponents lie in
   * pairs symmetric about their mean m, with equal or opposite coefficients, is e^m times
   * 2c cosh b (2c sinh b) per pair: e^(2y) + 1 = 2 e^y cosh y, so 2 e^y/(e^(2y) + 1) = 1/cosh y
   * and 4 e^(-2x)/(e^(-2x) + 1)^2 = 1/cosh(x)^2. Null when no factor turns.
   */
  private hyperbolicForm(r: RF): RF | null {
    // no factor with exponentials (the only ones hyperbolicPoly turns): nothing to multiply out
    // (a product of several denominator factors costs divisions of long polynomials, thrown away)
    if (![r.num, ...r.den.map((f) => f.p)].some(mayTurnHyperbolic)) return null;
    let changed = false;
    const turn = (p: Poly): RF => {
      const h = this.hyperbolicPoly(p);
      if (h) changed = true;
      return h ?? { num: p, den: [] };
    };
    let out = turn(r.num);
    for (const f of r.den) out = this.mul(out, this.powInt(turn(f.p), -f.e));
    return changed ? this.tangents(out) : null;
  }

  /** The other direction: sinh and cosh as exponentials, where that is shorter (cosh x + sinh x = e^x). */
  private exponentialForm(r: RF): RF | null {
    const repl = new Map<number, RF>();
    for (const p of [r.num, ...r.den.map((f) => f.p)]) {
      for (const t of p.values()) {
        for (const id of t.m.e.keys()) {
          const info = this.byId[id].info;
          if (repl.has(id) || info.t !== 'call' || info.d || (info.fn !== 'sinh' && info.fn !== 'cosh')) continue;
          const u = this.fromExpr(info.args[0]);
          const [up, down] = [this.expOf(u), this.expOf(this.neg(u))];
          repl.set(id, this.mul(this.const(q(1n, 2n)), this.add(up, info.fn === 'sinh' ? this.neg(down) : down)));
        }
      }
    }
    return repl.size ? this.substituteAtoms(r, repl) : null;
  }

  private hyperbolicPoly(p: Poly): RF | null {
    if (!mayTurnHyperbolic(p)) return null;
    const terms = [...p.values()];
    let mean: Poly = new Map();
    for (const t of terms) if (t.m.x) mean = polyAdd(mean, t.m.x);
    mean = polyScale(mean, q(1n, BigInt(terms.length)));
    const shifted = terms.map((t) => ({ t, b: polyAdd(t.m.x ?? new Map(), polyNeg(mean)), rest: makeMono(new Map(t.m.e), null) }));
    const used = new Set<number>();
    let out = this.const(Q0), pairs = 0;
    for (let i = 0; i < shifted.length; i++) {
      if (used.has(i)) continue;
      const { t, b, rest } = shifted[i];
      used.add(i);
      if (b.size === 0) { out = this.add(out, this.monoRF(rest, t.c)); continue; }
      const mirror = polyKey(polyNeg(b));
      const j = shifted.findIndex((x, k) => !used.has(k) && polyKey(x.b) === mirror && x.rest.key === rest.key);
      if (j < 0) return null;
      used.add(j);
      const c = shifted[j].t.c;
      const fn = qEq(c, t.c) ? 'cosh' : qEq(c, qNeg(t.c)) ? 'sinh' : null;
      if (!fn) return null;
      // c e^b + c e^-b = 2c cosh b; c e^b - c e^-b = 2c sinh b
      out = this.add(out, this.mul(this.monoRF(rest, qMul(q(2n), t.c)), this.fromExpr(call(fn, this.canonical({ num: b, den: [] })))));
      pairs++;
    }
    return pairs ? this.mul(out, this.monoRF(makeMono(new Map(), mean), Q1)) : null;
  }

  /** sinh(u)/cosh(u) = tanh(u) (sin/cos = tan) in each term: 1 - e^(-2x) over 1 + e^(-2x) is tanh(x). */
  private tangents(r: RF): RF {
    const pairs: Array<[number, number, Expr]> = [];
    for (const a of this.byId) {
      if (a.info.t !== 'call' || a.info.d || (a.info.fn !== 'sinh' && a.info.fn !== 'sin')) continue;
      const c = this.atoms.get(toMathjs(call(a.info.fn === 'sin' ? 'cos' : 'cosh', ...a.info.args)))?.id;
      if (c !== undefined) pairs.push([a.id, c, call(a.info.fn === 'sin' ? 'tan' : 'tanh', ...a.info.args)]);
    }
    if (!pairs.length) return r;
    // one-term factors of the denominator move up as negative powers, where they can meet their sines
    const den: Factor[] = [];
    let top: Poly = r.num;
    for (const f of r.den) {
      const only = f.p.size === 1 ? f.p.values().next().value! : null;
      if (!only || only.m.x || qIsZero(only.c)) { den.push(f); continue; }
      top = this.polyMul(top, polyConst(qPow(qDiv(Q1, only.c), f.e)));
      top = this.polyMul(top, new Map([[monoPow(only.m, -f.e).key, { m: monoPow(only.m, -f.e), c: Q1 }]]));
    }
    let changed = false;
    let num = this.const(Q0);
    for (const t of top.values()) {
      let term = this.monoRF(t.m, t.c);
      for (const [si, ci, tan] of pairs) {
        const k = Math.min(t.m.e.get(si) ?? 0, -(t.m.e.get(ci) ?? 0));
        if (k <= 0) continue;
        changed = true;
        // sinh^k / cosh^k = tanh^k
        const e = new Map(term.num.values().next().value!.m.e);
        e.set(si, (e.get(si) ?? 0) - k);
        e.set(ci, (e.get(ci) ?? 0) + k);
        term = this.mul(this.monoRF(makeMono(e, t.m.x), t.c), this.powInt(this.fromExpr(tan), k));
      }
      num = this.add(num, term);
    }
    return changed ? { num: num.num, den: mergeDen(num.den, den) } : r;
  }

  // --- to expressions ------------------------------------------------------------------

  /** The deterministic expanded form: used for atom arguments and keys. */
  canonical(r: RF): Expr {
    return this.render(r, false)[0];
  }

  /**
   * The best (shortest) expression for r over its trig variants, its forms in other angles
   * (unless `angles` is false: a single product rarely gains from them) and factorings.
   */
  best(r: RF, angles = true): Expr {
    const rKey = `${angles}|${rfKey(r)}`;
    const hit = this.bests.get(rKey);
    if (hit) return hit;
    let best: Expr | null = null;
    const seen = new Set<string>();
    const forms = angles ? this.angleForms(r) : [r];
    if (angles) {
      const h = this.hyperbolicForm(r);
      const x = this.exponentialForm(r);
      forms.push(...(h ? this.angleForms(h) : []), ...this.sinCosForms(r), ...(x ? [x] : []));
    }
    forms.forEach((a, i) => {
      for (const v of this.trigVariants(a)) {
        const key = rfKey(v);
        // a form in other angles is rendered only when it has no more terms than r
        if (seen.has(key) || (i > 0 && v.num.size > r.num.size)) continue;
        seen.add(key);
        for (const e of this.render(v, true)) if (!best || shorter(e, best)) best = e;
        // and with pairs of its terms recombined into the map's own sum angles
        const sa = angles && i === 0 ? this.sumAngleForm(v) : null;
        if (sa) for (const e of this.render(sa, true)) if (shorter(e, best!)) best = e;
      }
    });
    for (const e of this.hintFactored(r)) if (shorter(e, best!)) best = e;
    this.bests.set(rKey, best!);
    return best!;
  }

  /** Remember the sums of these expressions (a map's components) as possible factors of results. */
  noteSums(es: readonly Expr[]): void {
    const visit = (e: Expr): void => {
      if (this.hints.size >= MAX_HINTS) return;
      if (e.k === 'add' && e.args.length <= 8) this.hint(this.fromExpr(e));
      for (const c of children(e)) visit(c);
    };
    es.forEach(visit);
  }

  /** A sum met in the input (1 + k (x^2 + y^2)): a factor the results may have, tried by division. */
  private hint(r: RF): void {
    if (r.den.length || r.num.size < 2 || r.num.size > 8 || this.hints.size >= MAX_HINTS) return;
    const { prim } = this.normalizeFactor(r.num);
    if (prim.size >= 2) this.hints.set(polyKey(prim), prim);
  }

  /**
   * r's numerator with the input's own sums divided out where they divide it exactly:
   * (1 + k r^2)(1 + 3 k r^2) for barrel distortion's det J, not its expansion. Null when none divides.
   */
  private hintFactored(r: RF): Expr[] {
    if (r.num.size < 2 || !this.hints.size) return [];
    const hints = [...this.hints.values()];
    const power = hints.map(() => 0);
    const divideOut = (p: Poly, sign: number, most: number): Poly => {
      hints.forEach((h, i) => {
        if (h.size >= p.size && p.size > 1) return;
        for (let q = this.exactDiv(p, h), k = 0; q && q.size > 0 && k < most; q = this.exactDiv(p, h), k++) { p = q; power[i] += sign; }
      });
      return p;
    };
    let rest = divideOut(r.num, 1, 8);
    // and out of the denominator's factors, so that they cancel: (x1 - x0)^4 above and below
    const den: Factor[] = [];
    for (const f of r.den) {
      const before = power.slice();
      const p = divideOut(f.p, -1, 8);
      power.forEach((k, i) => { power[i] = before[i] + (k - before[i]) * f.e; });
      const c = polyIsConst(p);
      if (c) rest = polyScale(rest, qPow(qDiv(Q1, c), f.e));
      else den.push({ p, key: polyKey(p), e: f.e });
    }
    if (power.every((k) => k === 0)) return [];
    // a factor as the input writes such sums: grouped where that is no longer (1 + k (x^2 + y^2))
    const pick = (p: Poly) => [...this.polyForms(p, true), this.grouped(p)].reduce<Expr>((a, b) => (b && size(b) <= size(a) ? b : a), this.polyForms(p, false)[0]);
    const factors = hints.flatMap((h, i) => (power[i] ? [pow(pick(h), num(power[i]))] : []));
    return this.renderParts(rest, den, [], true).map((x) => mul(x, ...factors));
  }

  /** Candidate renderings: expanded; with the content and the common monomial factored out. */
  render(r: RF, factored: boolean): Expr[] {
    const forms = this.renderParts(r.num, r.den, [], factored);
    const down = factored ? this.rootsDown(r) : null;
    if (down) forms.push(...this.renderParts(down.num, down.den, down.extra, true));
    return forms;
  }

  private renderParts(n: Poly, den: readonly Factor[], extra: readonly Expr[], factored: boolean): Expr[] {
    const denExprs = [
      ...den.map((f) => pow(this.polyForms(f.p, factored).reduce((a, b) => (size(b) < size(a) ? b : a)), num(-f.e))),
      ...extra,
    ];
    return this.polyForms(n, factored).map((x) => (denExprs.length ? mul(x, ...denExprs) : x));
  }

  /**
   * Roots are kept in numerators (sqrt(u)/u); where every term carries u^(j/q) and u is a
   * factor of the denominator, the other form reads better: sqrt(u)/u = 1/sqrt(u).
   */
  private rootsDown(r: RF): { num: Poly; den: Factor[]; extra: Expr[] } | null {
    const terms = [...r.num.values()];
    if (!r.den.length || !terms.length) return null;
    let top: Poly = r.num;
    const den = [...r.den];
    const extra: Expr[] = [];
    for (const [id, j] of terms[0].m.e) {
      const info = this.byId[id].info;
      if (info.t !== 'root' || j <= 0 || j >= info.q || !terms.every((t) => t.m.e.get(id) === j)) continue;
      const key = toMathjs(info.base);
      // the factor is u, or -u (1 - x^2 under the root, x^2 - 1 below: sqrt(u)/(-u) = -1/sqrt(u))
      let flip = false;
      const i = den.findIndex((f) => {
        if (f.e < 1) return false;
        if (toMathjs(this.canonical({ num: f.p, den: [] })) === key) return true;
        if (toMathjs(this.canonical({ num: polyNeg(f.p), den: [] })) !== key) return false;
        flip = true;   // one factor -u of (-u)^e becomes u (the other e - 1 stay): one sign
        return true;
      });
      if (i < 0) continue;
      top = new Map([...top.values()].map((t) => {
        const e = new Map(t.m.e);
        e.delete(id);
        const m = makeMono(e, t.m.x);
        return [m.key, { m, c: flip ? qNeg(t.c) : t.c }] as const;
      }));
      // u^(j/q) / u^e = 1 / (u^(e-1) u^((q-j)/q))
      if (den[i].e === 1) den.splice(i, 1); else den[i] = { ...den[i], e: den[i].e - 1 };
      extra.push(pow(this.byId[id].expr, num(-(info.q - j))));
    }
    return extra.length ? { num: top, den, extra } : null;
  }

  /** Sums whose factored renderings were worked out (not taken from the memo). */
  get sumsRendered(): number { return this.rendered; }

  private polyForms(p: Poly, factored: boolean): Expr[] {
    if (!factored || p.size < 2) return [this.plainSum(p)];
    if (!this.memo) return this.factoredForms(p);
    const key = `${this.collecting ? 'c' : 'o'}|${termsInOrder(p)}`;
    const hit = this.renderings.get(key);
    if (hit) {
      this.budget.charge(hit.steps);
      return [...hit.forms];
    }
    const before = this.budget.steps;
    const forms = this.factoredForms(p);
    if (this.renderings.size >= MAX_RENDERINGS) this.renderings.clear();
    this.renderings.set(key, { forms, steps: this.budget.steps - before });
    return [...forms];
  }

  private factoredForms(p: Poly): Expr[] {
    this.rendered++;
    const plain = this.plainSum(p);
    // each factored form is a pass over p and its atoms' trees: the clock is read at each, not every 128th tick
    // (the parts of a collected form are small passes of one)
    if (this.collecting) this.budget.pass(); else this.budget.check();
    let { unit, mono, prim } = this.normalizeFactor(p);
    // in a formula written with decimals, a fraction taken out in front reads as noise
    // (2e-7 (57057 tanh(u)^2 + 274443)): only an integer or a number the user wrote goes out
    if (this.decimals && !qIsInteger(unit) && !isWrittenNumber(unit)) {
      const sign = qSign(unit) < 0 ? qNeg(Q1) : Q1;
      prim = polyScale(prim, qDiv(unit, sign));
      unit = sign;
    }
    const forms = [plain, mul(this.coefExpr(unit), this.monoExpr(mono), this.plainSum(prim))];
    if (qSign(unit) < 0) forms.push(mul(this.coefExpr(qNeg(unit)), this.monoExpr(mono), this.plainSum(polyNeg(prim))));
    // an exact power of a shorter sum: 9 (x^2 + y^2)^2, not 9 (x^4 + 2 x^2 y^2 + y^4)
    const power = this.perfectPower(prim);
    if (power) {
      const base = this.polyForms(power.root, true).reduce((a, b) => (shorter(b, a) ? b : a));
      const e = mul(this.coefExpr(unit), this.monoExpr(mono), pow(base, num(power.k)));
      if (countOps(e) < countOps(forms[1])) forms.push(e);
    }
    if (!qIsOne(unit)) forms.push(mul(this.coefExpr(unit), this.plainSum(polyScale(p, qDiv(Q1, unit)))));
    // exponentials of different arguments: their common part out (e^(2x) + e^x cos y = e^x (e^x + cos y))
    const common = mono.x ? null : commonExponent(p);
    if (common) {
      const m = makeMono(new Map(mono.e), common);
      forms.push(mul(this.coefExpr(unit), this.monoExpr(m), this.plainSum(polyMulTerm(p, monoInv(m), qDiv(Q1, unit)))));
    }
    const outer = !this.collecting;
    this.collecting = true;
    try {
      const nested: Expr[] = [];
      // grouping must pay for itself: x (x + 2) + 1 does not read better than x^2 + 2 x + 1
      const g = this.grouped(p);
      if (g && size(g) <= size(plain) - 2) nested.push(g);
      // and inside the factored form: s^2 (xi (xi d - 2 xi s + 2 s) + d)
      if (prim.size > 2 && (mono.e.size > 0 || !qIsOne(unit))) {
        for (const [u, inner] of [[unit, prim], [qNeg(unit), polyNeg(prim)]] as const) {
          const gp = this.grouped(inner);
          if (gp) nested.push(mul(this.coefExpr(u), this.monoExpr(mono), gp));
        }
      }
      // a collected form reads better than nested groups (x (x (a + b) + c) + d) of about its
      // length: it takes their place where it is at most two nodes longer with no more operations
      // (collected after the common factor is out: s^2 (ξ^2 (d - 2 s + f) - 2 ξ (d - s) + d))
      const whole = mono.e.size === 0 && qIsOne(unit);
      const collected = !outer || !nested.length || p.size > MAX_COLLECTED ? [] : whole ? this.collectedForms(p)
        : ([[unit, prim], [qNeg(unit), polyNeg(prim)]] as const).flatMap(([u, inner]) => this.collectedForms(inner).map((c) => mul(this.coefExpr(u), this.monoExpr(mono), c)));
      const c = collected.length ? collected.reduce((a, b) => (shorter(b, a) ? b : a)) : null;
      const replaced = c ? nested.filter((n) => size(c) <= size(n) + 2 && countOps(c) <= countOps(n)) : [];
      return [...forms, ...(replaced.length ? [c!] : []), ...nested.filter((n) => !replaced.includes(n))];
    } finally {
      if (outer) this.collecting = false;
    }
  }

  /**
   * p = root^k for the largest k > 1 and a root with fewer terms, found exactly: the root's
   * leading term is the k-th root of p's (lex order), and each next term is the leading term of
   * p - root^k divided by k lead^(k-1), until the difference is 0 (a power) or a step fails (none).
   * p is primitive with a positive leading coefficient (`normalizeFactor`); exponentials are left out.
   */
  private perfectPower(p: Poly): { root: Poly; k: number } | null {
    if (p.size < 3 || p.size > MAX_POWER_TERMS) return null;
    for (const t of p.values()) if (t.m.x) return null;
    const lead = leading(p);
    let g = 0;
    for (const k of lead.m.e.values()) g = gcdInt(g, Math.abs(k));
    for (let k = Math.min(g, MAX_POWER); k >= 2; k--) {
      if (g % k) continue;
      const c = qRootExact(lead.c, k);
      if (!c) continue;
      const r0 = { m: makeMono(new Map([...lead.m.e].map(([id, j]) => [id, j / k])), null), c };
      const slope = { m: monoPow(r0.m, k - 1), c: qMul(q(BigInt(k)), qPow(c, k - 1)) };
      const root = new Map<string, Term>([[r0.m.key, r0]]);
      let last = r0.m;
      for (let step = 0; step < p.size; step++) {
        this.budget.tick();
        const rest = polyAdd(p, polyNeg(this.polyPow(root, k)));
        if (rest.size === 0) return root.size < p.size ? { root, k } : null;
        const lr = leading(rest);
        const m = monoMul(lr.m, monoInv(slope.m));
        if (monoCmp(m, last) >= 0 || [...m.e.values()].some((j) => j < 0)) break;
        addInto(root, m, qDiv(lr.c, slope.c));
        last = m;
      }
    }
    return null;
  }

  /**
   * p collected by one atom, or by all the others, with the coefficients that are multiples of
   * one another taken together and each part factored (squares too), as a reader writes a
   * polynomial in a few symbols: with t = ξ, d ξ^2 + 2 s ξ (1 - ξ) + e (1 - ξ)^2 collected by
   * d, s, e, and s + c ξ (1 - ξ) collected by ξ (the ξ^2 and ξ terms have coefficients c, -c).
   */
  private collectedForms(p: Poly): Expr[] {
    const terms = [...p.values()];
    if (terms.some((t) => t.m.x)) return [];
    const ids = [...new Set(terms.flatMap((t) => [...t.m.e.keys()]))];
    // (in two symbols the nested groups are already the collected form)
    if (ids.length < 3 || ids.length > MAX_COLLECT_ATOMS) return [];
    const out: Expr[] = [];
    for (const X of ids) {
      for (const outerIsX of [true, false]) {
        // per monomial in the outer atoms, the polynomial in the inner ones (a step per term:
        // the clock is read only every 128th, so a loaded machine gives the same forms)
        const groups = new Map<string, { m: Mono; inner: Map<string, Term> }>();
        for (const t of terms) {
          this.budget.tick();
          const eo = new Map<number, number>(), ei = new Map<number, number>();
          for (const [id, k] of t.m.e) ((id === X) === outerIsX ? eo : ei).set(id, k);
          const mo = makeMono(eo, null);
          const g = groups.get(mo.key) ?? { m: mo, inner: new Map<string, Term>() };
          addInto(g.inner, makeMono(ei, null), t.c);
          groups.set(mo.key, g);
        }
        if (groups.size < 2 || groups.size === terms.length) continue;
        // outer monomials whose inner polynomials are multiples of one another: one part
        const parts = new Map<string, { inner: Poly; outer: Map<string, Term> }>();
        for (const g of groups.values()) {
          const { unit, mono, prim } = this.normalizeFactor(g.inner);
          const inner = polyMulTerm(prim, mono, Q1);
          const key = polyKey(inner);
          const part = parts.get(key) ?? { inner, outer: new Map<string, Term>() };
          addInto(part.outer, g.m, unit);
          parts.set(key, part);
        }
        // each part with the sign where it reads best: ξ^2 (d - 2 s + f), not -ξ^2 (2 s - d - f)
        const partExpr = (o: Poly, i: Poly) => mul(this.factoredForm(o), this.factoredForm(i));
        const degree = (o: Poly) => Math.max(...[...o.values()].map((t) => [...t.m.e.values()].reduce((n, k) => n + k, 0)));
        out.push(add(...[...parts.values()].sort((a, b) => degree(b.outer) - degree(a.outer)).map(({ outer, inner }) => {
          const a = partExpr(outer, inner), b = partExpr(polyNeg(outer), polyNeg(inner));
          return shorter(b, a) ? b : a;
        })));
      }
    }
    return out;
  }

  /** p's shortest rendering, with a repeated factor of a polynomial in one symbol as a square ((ξ - 1)^2). */
  private factoredForm(p: Poly): Expr {
    // (expanded, or with its content and common monomial out: no grouping, which is the nested forms' job)
    const plain = this.plainSum(p);
    const forms = [plain];
    if (p.size >= 2) {
      this.budget.pass();
      const { unit, mono, prim } = this.normalizeFactor(p);
      forms.push(mul(this.coefExpr(unit), this.monoExpr(mono), this.plainSum(prim)));
      if (qSign(unit) < 0) forms.push(mul(this.coefExpr(qNeg(unit)), this.monoExpr(mono), this.plainSum(polyNeg(prim))));
    }
    const ids = new Set([...p.values()].flatMap((t) => [...t.m.e.keys()]));
    const info = ids.size === 1 ? this.byId[[...ids][0]].info : null;
    const sq = info?.t === 'sym' && p.size >= 3 ? squareFactored(forms[0], info.name) : null;
    if (sq) forms.push(sq);
    // on a tie a product: ξ (ξ - 1), not ξ^2 - ξ
    return forms.reduce((a, b) => (shorter(b, a) || (size(b) === size(a) && b.k === 'mul' && a.k === 'add') ? b : a));
  }

  /**
   * Terms that share a factor grouped, the others left as they are: 720 - 10 x^2 - 10 x y
   * - 80 z/3 = 720 - 10 x (x + y) - 80 z/3. The factor is the atom in the most terms (not in
   * all: factoring out of all is the factored form's job).
   */
  private grouped(p: Poly): Expr | null {
    if (p.size < 3) return null;
    const terms = this.ordered(p);
    const count = new Map<number, number>();
    for (const t of terms) for (const [id, k] of t.m.e) if (k > 0) count.set(id, (count.get(id) ?? 0) + 1);
    let best = -1, most = 1;
    for (const [id, n] of count) if (n > most && n < terms.length) { best = id; most = n; }
    if (best < 0) return null;
    this.budget.check();
    const inTerms = terms.filter((t) => (t.m.e.get(best) ?? 0) > 0);
    const factor = makeMono(new Map([[best, Math.min(...inTerms.map((t) => t.m.e.get(best)!))]]), null);
    const inner = new Map<string, Term>();
    for (const t of inTerms) addInto(inner, monoMul(t.m, monoInv(factor)), t.c);
    const innerExpr = this.polyForms(inner, true).reduce((a, b) => (shorter(b, a) ? b : a));
    const g = mul(this.monoExpr(factor), innerExpr);
    // the group stands where its first term stood
    const items: Expr[] = [];
    for (const t of terms) {
      if (t === inTerms[0]) items.push(g);
      else if (!inTerms.includes(t)) items.push(mul(this.coefExpr(t.c), this.monoExpr(t.m)));
    }
    return add(...items);
  }

  /** Terms by total degree (highest first), ties by atom order; a positive term leads. */
  private ordered(p: Poly): Term[] {
    const deg = (m: Mono) => [...m.e.values()].reduce((s, k) => s + k, 0) + (m.x ? 1 : 0);
    const terms = [...p.values()].sort((a, b) => deg(b.m) - deg(a.m) || -monoCmp(a.m, b.m));
    const i = terms.findIndex((t) => qSign(t.c) > 0);
    if (i > 0 && qSign(terms[0].c) < 0) terms.unshift(...terms.splice(i, 1));
    return terms;
  }

  /**
   * p expanded, its terms in `ordered` order. That order is total, so the terms alone decide
   * the form: kept by polyKey (the same sums are written out again and again while rendering).
   */
  private plainSum(p: Poly): Expr {
    const key = polyKey(p);
    let e = this.sums.get(key);
    if (!e) {
      e = this.sumExpr(this.ordered(p));
      if (this.sums.size >= MAX_RENDERINGS) this.sums.clear();
      this.sums.set(key, e);
    }
    return e;
  }

  private sumExpr(terms: readonly Term[]): Expr {
    if (!terms.length) return num(0);
    return add(...terms.map((t) => mul(this.coefExpr(t.c), this.monoExpr(t.m))));
  }

  private coefExpr(c: Q): Expr {
    return coefficientExpr(c, this.decimals);
  }

  private monoExpr(m: Mono): Expr {
    const fs: Expr[] = [];
    for (const id of [...m.e.keys()].sort((a, b) => a - b)) {
      const k = m.e.get(id)!;
      fs.push(pow(this.byId[id].expr, num(k)));
    }
    if (m.x) {
      const x = this.plainSum(m.x);
      fs.push(x.k === 'num' && x.v === 1 ? sym('e') : call('exp', x));
    }
    return fs.length ? mul(...fs) : num(1);
  }
}

/**
 * The part every term's exponential has: per monomial of the exponents, the least coefficient
 * over the terms (absent = 0): x from x and 2 x, x from x + y and 2 x. Null when a term has no
 * exponential or the part is 0.
 */
function commonExponent(p: Poly): Poly | null {
  const terms = [...p.values()];
  if (terms.length < 2 || terms.some((t) => !t.m.x)) return null;
  const keys = new Map<string, Mono>();
  for (const t of terms) for (const u of t.m.x!.values()) keys.set(u.m.key, u.m);
  const out = new Map<string, Term>();
  for (const [key, m] of keys) {
    const c = terms.map((t) => t.m.x!.get(key)?.c ?? Q0).reduce((a, b) => (qCmp(a, b) <= 0 ? a : b));
    if (!qIsZero(c)) out.set(key, { m, c });
  }
  return out.size ? out : null;
}

/**
 * p's terms in their order, each monomial's atoms in theirs: all that a rendering's choices
 * can depend on (ties between atoms or parts go to the first met); polyKey sorts them.
 */
function termsInOrder(p: Poly): string {
  let s = '';
  for (const t of p.values()) {
    s += `${qKey(t.c)}*`;
    for (const [id, k] of t.m.e) s += `${id}^${k},`;
    s += t.m.x ? `E(${polyKey(t.m.x)})+` : '+';
  }
  return s;
}

/** Perfect powers are sought in sums of at most this many terms, of exponents at most this. */
const MAX_POWER_TERMS = 40;
const MAX_POWER = 12;

function gcdInt(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** The exact k-th root of a rational (positive for even k), or null. */
function qRootExact(a: Q, k: number): Q | null {
  if (k % 2 === 0 && a.n < 0n) return null;
  const n = bigRoot(a.n < 0n ? -a.n : a.n, k), d = bigRoot(a.d, k);
  if (n === null || d === null) return null;
  return q(a.n < 0n ? -n : n, d);
}
function bigRoot(a: bigint, k: number): bigint | null {
  if (a < 2n) return a;
  const guess = BigInt(Math.round(Math.pow(Number(a), 1 / k)));
  for (const r of [guess - 1n, guess, guess + 1n]) if (r >= 0n && r ** BigInt(k) === a) return r;
  return null;
}

/** Memo entries of renderings per algebra (one map's analysis); past it the memo starts again. */
const MAX_RENDERINGS = 20_000;

/** Collected forms are tried on sums of at most this many terms in at most this many atoms. */
const MAX_COLLECTED = 8;
const MAX_COLLECT_ATOMS = 4;
/** Sum-angle pairs are sought in sums of at most this many terms. */
const MAX_SUM_ANGLE_TERMS = 24;

/** Smaller node count wins; on a tie, a form that does not start with a minus sign. */
export function shorter(a: Expr, b: Expr): boolean {
  const sa = size(a), sb = size(b);
  if (sa !== sb) return sa < sb;
  const ma = leadsWithMinus(a), mb = leadsWithMinus(b);
  if (ma !== mb) return mb;
  // then the one that is not a number times a sum: 1 - 0.2 sech(x)^2, not 0.2 (tanh(x)^2 + 4)
  return scaledSum(b) && !scaledSum(a);
}
/** (printed once per tree: candidates of equal size are compared again and again while sorting) */
const leadingMinus = new WeakMap<Expr, boolean>();
const leadsWithMinus = (e: Expr): boolean => {
  let v = leadingMinus.get(e);
  if (v === undefined) leadingMinus.set(e, v = toMathjs(e).startsWith('-'));
  return v;
};
/** A number times a sum, 0.2 (tanh(x)^2 + 4): the content taken out of every term. */
const scaledSum = (e: Expr): boolean => e.k === 'mul' && e.args.length === 2 && e.args[0].k === 'num' && e.args[1].k === 'add';

/** Numeric value of an RF constant (for tests and folding). */
export const constValue = (a: Algebra, r: RF): number | null => {
  const c = a.isConst(r);
  return c ? qToNumber(c) : null;
};

/**
 * An exact coefficient as the simplifier writes it: an integer, p/q, or (in a formula written
 * with decimals) the decimal where it terminates, else in the user's own numbers.
 */
export function coefficientExpr(c: Q, decimals: boolean): Expr {
  // beyond 2^53 (a large integer determinant): the exact value, beside its double; in a
  // formula written with decimals, a fraction is the decimal the user's numbers make, as a
  // double (fifty exact digits of a product of decimals read worse than fifteen)
  const big = numOf(c);
  if (!Number.isFinite(big.v) || (big.v === 0 && c.n !== 0n)) throw new AlgebraError('a coefficient is beyond the range of doubles');
  if (big.exact) return decimals && c.d !== 1n ? num(big.v) : big;
  if (c.d === 1n) return num(Number(c.n));
  // in a formula written with decimals, 0.7 rather than 7/10 (where it terminates)
  const dec = decimals ? terminating(c) : null;
  if (dec !== null) return num(dec);
  // one that does not terminate, in the user's own numbers: 1/12.92^3, not 15625/33698267
  const own = decimals ? inWrittenNumbers(c) : null;
  if (own) return mul(num(qToNumber(own.k)), pow(num(qToNumber(own.d)), num(own.e)));
  const n = num(Number(c.n));
  return mul(n, pow(num(Number(c.d)), num(-1)));
}

/** The atom of r's one term without a denominator (sech(u) or tanh(u) as fromExpr reads it): its id, else undefined. */
function soleAtom(r: RF): number | undefined {
  return r.num.size === 1 && !r.den.length ? [...(r.num.values().next().value as Term).m.e.keys()][0] : undefined;
}
