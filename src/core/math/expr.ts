/**
 * Expression trees: the one representation every front end produces and every analysis
 * consumes. Immutable, JSON-able plain objects (a discriminated union on `k`).
 *
 * Subtraction is `add` with `neg`, division is `mul` with `pow(x, -1)`; the printers turn
 * those back into `a - b` and `a / b`.
 */

import { Q, Q0, Q1, qAdd, qFromKey, qFromNumber, qIsZero, qKey, qMul, qNeg, qPow, qToNumber } from './rational';

export type Expr =
  /**
   * A number. `exact` ("n" or "n/d", in decimal digits) is there only when the double `v` is
   * near the value but not it: an exact result beyond 2^53 (the determinant of a 30 x 30
   * integer matrix). Numeric code reads `v`; the printers and the simplifier read `exact`.
   */
  | { readonly k: 'num'; readonly v: number; readonly exact?: string }
  | { readonly k: 'sym'; readonly name: string }
  | { readonly k: 'add'; readonly args: readonly Expr[] }
  | { readonly k: 'mul'; readonly args: readonly Expr[] }
  | { readonly k: 'pow'; readonly base: Expr; readonly exp: Expr }
  | { readonly k: 'neg'; readonly arg: Expr }
  /**
   * A function call. `d` lists, for an unknown function, the argument indices it has been
   * differentiated by (s'(u) is `{fn: 's', d: [0]}`); known functions never carry `d`.
   */
  | { readonly k: 'call'; readonly fn: string; readonly args: readonly Expr[]; readonly d?: readonly number[] };

export type Num = Extract<Expr, { k: 'num' }>;
export type Call = Extract<Expr, { k: 'call' }>;

export const num = (v: number): Expr => ({ k: 'num', v: Object.is(v, -0) ? 0 : v });
export const sym = (name: string): Expr => ({ k: 'sym', name });
export const ZERO = num(0);
export const ONE = num(1);
export const TWO = num(2);
export const call = (fn: string, ...args: Expr[]): Expr => ({ k: 'call', fn, args });

export const isNum = (e: Expr, v?: number): e is Num => e.k === 'num' && (v === undefined || (e.v === v && !e.exact));

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const safe = (n: bigint) => n <= SAFE && n >= -SAFE;

/** An exact rational as a number: a plain double where its parts fit in one exactly, else with `exact`. */
export function numOf(c: Q): Num {
  if (safe(c.n) && safe(c.d)) return num(qToNumber(c)) as Num;
  return { k: 'num', v: qToNumber(c), exact: qKey(c) };
}

/** The exact value of a number node (a double reads as the decimal it prints as). */
export const numQ = (e: Num): Q => (e.exact ? qFromKey(e.exact) : qFromNumber(e.v));

/** The exact value of a rational constant (numbers under +, -, *, integer powers), or null. */
export function rationalValue(e: Expr): Q | null {
  switch (e.k) {
    case 'num': return Number.isFinite(e.v) ? numQ(e) : null;
    case 'neg': { const a = rationalValue(e.arg); return a && qNeg(a); }
    case 'add': case 'mul': {
      let r = e.k === 'add' ? Q0 : Q1;
      for (const x of e.args) {
        const a = rationalValue(x);
        if (!a) return null;
        r = e.k === 'add' ? qAdd(r, a) : qMul(r, a);
      }
      return r;
    }
    case 'pow': {
      const b = rationalValue(e.base);
      if (!b || e.exp.k !== 'num' || !Number.isInteger(e.exp.v) || Math.abs(e.exp.v) > 64 || (e.exp.v < 0 && qIsZero(b))) return null;
      return qPow(b, e.exp.v);
    }
    default: return null;
  }
}

/** An exact rational as a tree: an integer, or n/d as n d^-1 (1/3 stays one third, not a double). */
export const rationalExpr = (c: Q): Expr => (c.d === 1n ? numOf(c) : mul(numOf({ n: c.n, d: 1n }), pow(numOf({ n: c.d, d: 1n }), num(-1))));

/** -e for a number node, exact part included. */
export const negNum = (e: Num): Num => (e.exact ? { k: 'num', v: -e.v, exact: qKey(qNeg(qFromKey(e.exact))) } : num(-e.v) as Num);

/** Constants understood by name when no variable or parameter shadows them. */
/** (No prototype: a name such as `constructor` or `toString` is not a constant.) */
export const CONSTANTS: Readonly<Record<string, number>> = Object.assign(Object.create(null) as Record<string, number>, { pi: Math.PI, e: Math.E, PI: Math.PI, E: Math.E });
// tau is an ordinary name, not 2π (mathjs's constant): τ names a time, a parameter or a coordinate far more often
// (parabolic coordinates x = στ); code that imports a constant named tau reads it as 2π (parse/typescript).

// ---------------------------------------------------------------------------------------
// Smart constructors: light, always-valid folding (no domain assumptions).

export function add(...terms: Expr[]): Expr {
  // Flatten, fold constants, and collect like terms (2 T + 3 T = 5 T).
  // (q: the exact sum, kept once an exact number takes part)
  const coef = new Map<string, { rest: Expr; c: number; q: Q | null }>();
  let c = 0, cq: Q | null = null;
  let constantFirst = false;
  for (const t of terms) {
    const parts = t.k === 'add' ? t.args : [t];
    for (const p of parts) {
      if (p.k === 'num') {
        if (p.exact || cq) cq = qAdd(cq ?? qFromNumber(c), numQ(p));
        c = exactSum(c, p.v);
        if (coef.size === 0) constantFirst = true;
        continue;
      }
      const [k, rest, kNode] = splitCoefficient(p);
      const key = termKey(rest);
      const hit = coef.get(key);
      const kq = kNode?.exact ? numQ(kNode) : null;
      if (hit) {
        if (kq || hit.q) hit.q = qAdd(hit.q ?? qFromNumber(hit.c), kq ?? qFromNumber(k));
        hit.c = exactSum(hit.c, k);
      } else coef.set(key, { rest, c: k, q: kq });
    }
  }
  const out: Expr[] = [];
  // Folding never makes a number that is not finite (1e308 + 1e308): then the terms stay apart.
  if (!Number.isFinite(c) || [...coef.values()].some((t) => !Number.isFinite(t.c))) return unfolded('add', terms);
  for (const { rest, c: k, q } of coef.values()) {
    if (q) { if (q.n !== 0n) out.push(mul(numOf(q), rest)); } else if (k !== 0) out.push(k === 1 ? rest : mul(num(k), rest));
  }
  // The folded constant stays where the first constant stood: first, or last.
  const constant = cq ? numOf(cq) : num(c);
  if (!isNum(constant, 0) || out.length === 0) { if (constantFirst) out.unshift(constant); else out.push(constant); }
  return out.length === 1 ? out[0] : { k: 'add', args: out };
}

/**
 * Sums and products of the numbers the user wrote, folded as the decimals they are
 * (0.1 + 0.2 = 0.3, 3 * 0.005 = 0.015), not with the float error of doubles.
 */
function exact(a: number, b: number, op: (x: Q, y: Q) => Q, float: number): number {
  if (Number.isInteger(float) && Number.isSafeInteger(a) && Number.isSafeInteger(b)) return float;
  if (!Number.isFinite(float) || !Number.isFinite(a) || !Number.isFinite(b)) return float;
  return qToNumber(op(qFromNumber(a), qFromNumber(b)));
}
const exactSum = (a: number, b: number) => exact(a, b, qAdd, a + b);
const exactProduct = (a: number, b: number) => exact(a, b, qMul, a * b);

/**
 * The key of a term without its coefficient, the same for products that differ only in the
 * order of their factors (x y and y x are like terms: x y + y x = 2 x y).
 */
function termKey(rest: Expr): string {
  if (rest.k !== 'mul') return exprKey(rest);
  return `*(${rest.args.map(exprKey).sort().join(',')})`;
}

/** c * rest, with c numeric (and the number node c came from, for its exact value). */
function splitCoefficient(e: Expr): [number, Expr, Num | null] {
  if (e.k === 'neg') { const [c, r, n] = splitCoefficient(e.arg); return [-c, r, n && negNum(n)]; }
  if (e.k === 'mul' && e.args[0].k === 'num') {
    const rest = e.args.slice(1);
    return [e.args[0].v, rest.length === 1 ? rest[0] : { k: 'mul', args: rest }, e.args[0]];
  }
  return [1, e, null];
}

/** A sum or product flattened but not folded: its constants would overflow to Infinity together. */
function unfolded(k: 'add' | 'mul', items: readonly Expr[]): Expr {
  const unit = k === 'add' ? 0 : 1;
  const args = items.flatMap((t) => (t.k === k ? t.args : [t])).filter((t) => !(t.k === 'num' && t.v === unit && !t.exact));
  return args.length === 1 ? args[0] : { k, args };
}

/**
 * A product whose numbers overflow together: the numbers multiplied in runs that stay finite,
 * the other factors collected as usual (x^2 x^2 = x^4), so that the tree stays small (a
 * thousand written factors would make every derivative a million nodes).
 */
function unfoldedProduct(items: readonly Expr[]): Expr {
  const runs: number[] = [];
  const others: Expr[] = [];
  let c = 1;
  for (const t of items.flatMap((x) => (x.k === 'mul' ? x.args : [x]))) {
    if (t.k !== 'num') { others.push(t); continue; }
    const p = c * t.v;
    if (Number.isFinite(p)) c = p; else { runs.push(c); c = t.v; }
  }
  runs.push(c);
  // (no numbers among the others: their product folds no constant and cannot overflow)
  let rest = others.length ? mul(...others) : null;
  if (rest?.k === 'neg') { runs[0] = -runs[0]; rest = rest.arg; }
  const args = [...runs.filter((v) => v !== 1).map((v) => num(v)), ...(rest ? (rest.k === 'mul' ? rest.args : [rest]) : [])];
  return args.length === 1 ? args[0] : { k: 'mul', args };
}

export function neg(a: Expr): Expr {
  if (a.k === 'num') return negNum(a);
  if (a.k === 'neg') return a.arg;
  // -(-A - B) = A + B
  if (a.k === 'add' && a.args.every((t) => splitCoefficient(t)[0] < 0 || (t.k === 'num' && t.v < 0))) return add(...a.args.map(neg));
  if (a.k === 'mul' && a.args[0].k === 'num') {
    const c = negNum(a.args[0]);
    return isNum(c, 1) ? mul(...a.args.slice(1)) : { k: 'mul', args: [c, ...a.args.slice(1)] };
  }
  return { k: 'neg', arg: a };
}

export const sub = (a: Expr, b: Expr): Expr => add(a, neg(b));

export function mul(...factors: Expr[]): Expr {
  // Flatten, fold constants and signs, and collect like factors (x x^2 = x^3, integer powers).
  const groups = new Map<string, { base: Expr; k: number; exact: boolean }>();
  const order: string[] = [];
  let c = 1, cq: Q | null = null;
  // (cq: the exact product, kept once an exact number takes part)
  const times = (n: Num) => {
    if (n.exact || cq) cq = qMul(cq ?? qFromNumber(c), numQ(n));
    c = exactProduct(c, n.v);
  };
  const push = (p: Expr) => {
    const [base, k] = p.k === 'pow' && p.exp.k === 'num' && Number.isInteger(p.exp.v) ? [p.base, p.exp.v] : [p, 1];
    const key = exprKey(base);
    const g = groups.get(key);
    if (g) { g.k += k; g.exact = false; } else { groups.set(key, { base, k, exact: true }); order.push(key); }
    // Keep a lone non-integer power as it is.
    if (!g && p.k === 'pow' && !(p.exp.k === 'num' && Number.isInteger(p.exp.v))) groups.get(key)!.k = 1;
  };
  for (const f of factors) {
    const parts = f.k === 'mul' ? f.args : [f];
    for (const p of parts) {
      if (p.k === 'num') times(p);
      else if (p.k === 'neg') {
        c = -c;
        if (cq) cq = qNeg(cq);
        const inner = p.arg;
        if (inner.k === 'num') times(inner);
        else if (inner.k === 'mul') {
          for (const q of inner.args) if (q.k === 'num') times(q); else push(q);
        } else push(inner);
      } else push(p);
    }
  }
  if (cq) { const n = numOf(cq); if (!n.exact) { c = n.v; cq = null; } }
  if (c === 0) return ZERO;
  if (!Number.isFinite(c)) return unfoldedProduct(factors);
  mergeRationalPowers(groups, order);
  mergeExponentials(groups, order);
  const out: Expr[] = [];
  for (const key of order) {
    const g = groups.get(key)!;
    if (g.k === 0) continue;
    out.push(g.k === 1 ? g.base : pow(g.base, num(g.k)));
  }
  if (cq) return out.length === 0 ? numOf(cq) : { k: 'mul', args: [numOf(cq), ...out] };
  if (out.length === 0) return num(c);
  if (c === 1) return out.length === 1 ? out[0] : { k: 'mul', args: out };
  if (c === -1) return neg(out.length === 1 ? out[0] : { k: 'mul', args: out });
  return { k: 'mul', args: [num(c), ...out] };
}

/**
 * A rational power beside a whole power of its base, one power: a^(5/11) a^-1 = a^(-6/11)
 * (both sides undefined together where the base is 0 or negative).
 */
function mergeRationalPowers(groups: Map<string, { base: Expr; k: number; exact: boolean }>, order: readonly string[]): void {
  for (const key of order) {
    const g = groups.get(key)!;
    if (g.k === 0 || g.base.k !== 'pow' || g.base.exp.k === 'num') continue;
    const h = groups.get(exprKey(g.base.base));
    if (!h || h.k === 0) continue;
    const r = rationalValue(g.base.exp);
    if (!r || r.d === 1n) continue;
    const e = qAdd(qMul(r, { n: BigInt(g.k), d: 1n }), { n: BigInt(h.k), d: 1n });
    h.k = 0;
    if (e.n === 0n) g.k = 0;
    else groups.set(key, { base: pow(g.base.base, rationalExpr(e)), k: 1, exact: false });
  }
}

/** Exponentials in one product, one exponential: exp(2 x) exp(x + y) = exp(3 x + y), exp(x)^2 = exp(2 x). */
function mergeExponentials(groups: Map<string, { base: Expr; k: number; exact: boolean }>, order: readonly string[]): void {
  const isExp = (e: Expr) => e.k === 'call' && e.fn === 'exp' && !e.d && e.args.length === 1;
  const exps = order.filter((key) => { const g = groups.get(key)!; return g.k !== 0 && isExp(g.base); });
  if (exps.length === 0 || (exps.length === 1 && groups.get(exps[0])!.k === 1)) return;
  const arg = add(...exps.map((key) => { const g = groups.get(key)!; return mul(num(g.k), (g.base as Call).args[0]); }));
  for (const key of exps) groups.get(key)!.k = 0;
  if (!isNum(arg, 0)) groups.set(exps[0], { base: call('exp', arg), k: 1, exact: false });
}

export function pow(base: Expr, exp: Expr): Expr {
  if (exp.k === 'num') {
    if (exp.v === 0) return ONE;
    if (exp.v === 1) return base;
    if (base.k === 'num' && Number.isInteger(exp.v) && Number.isInteger(base.v) && exp.v > 0) {
      const v = base.v ** exp.v;
      if (Number.isSafeInteger(v)) return num(v);
    }
  }
  if (base.k === 'num' && (base.v === 1)) return ONE;
  // sqrt(A)^(2k) = A^k where A >= 0 by its form (x^2 + y^2): both sides are defined at the same points
  if (base.k === 'call' && base.fn === 'sqrt' && !base.d && base.args.length === 1 && exp.k === 'num' && Number.isInteger(exp.v) && exp.v % 2 === 0 && nonNegativeByForm(base.args[0])) {
    return pow(base.args[0], num(exp.v / 2));
  }
  if (base.k === 'pow' && exp.k === 'num' && base.exp.k === 'num' && Number.isInteger(exp.v) && Number.isInteger(base.exp.v)) {
    return pow(base.base, num(base.exp.v * exp.v));
  }
  // (u^(1/11))^5 = u^(5/11): a whole power of a rational power
  if (base.k === 'pow' && exp.k === 'num' && Number.isInteger(exp.v) && base.exp.k === 'mul') {
    const r = rationalValue(base.exp);
    if (r && r.d !== 1n) return pow(base.base, rationalExpr(qMul(r, { n: BigInt(exp.v), d: 1n })));
  }
  return { k: 'pow', base, exp };
}

/** Whether e >= 0 wherever it is defined, read from its form alone (squares, sums and products of those, exp, abs). */
/** (Up to a depth of 64: deeper forms are not looked into.) */
export function nonNegativeByForm(e: Expr, depth = 0): boolean {
  if (depth > 64) return false;
  switch (e.k) {
    case 'num': return e.v >= 0;
    case 'pow': return (e.exp.k === 'num' && Number.isInteger(e.exp.v) && e.exp.v % 2 === 0) || nonNegativeByForm(e.base, depth + 1);
    case 'add': case 'mul': return e.args.every((a) => nonNegativeByForm(a, depth + 1));
    case 'call': return !e.d && (e.fn === 'exp' || e.fn === 'abs' || e.fn === 'sqrt' || e.fn === 'cosh');
    default: return false;
  }
}

export const div = (a: Expr, b: Expr): Expr => {
  if (b.k === 'num' && b.v === 1) return a;
  if (a.k === 'num' && a.v === 0) return ZERO;
  return mul(a, pow(b, num(-1)));
};

const keys = new WeakMap<Expr, string>();
/**
 * Long keys are replaced by a number given to each distinct long key, so that a key stays
 * short however large the tree (shared subtrees would otherwise make keys exponentially
 * long). The table is cleared when it grows large; numbers are never reused, so a key
 * computed before never equals one computed after (a missed match, never a false one).
 */
const interned = new Map<string, string>();
let internCount = 0;
const MAX_KEY = 96, MAX_INTERNED = 200_000;
export function shortKey(k: string): string {
  if (k.length <= MAX_KEY) return k;
  let id = interned.get(k);
  if (id === undefined) {
    if (interned.size >= MAX_INTERNED) interned.clear();
    id = `@${internCount++}`;
    interned.set(k, id);
  }
  return id;
}

/** A structural key: equal keys mean equal trees. */
export function exprKey(e: Expr): string {
  let k = keys.get(e);
  if (k !== undefined) return k;
  switch (e.k) {
    case 'num': k = `#${e.exact ?? e.v}`; break;
    case 'sym': k = e.name; break;
    case 'call': k = shortKey(`${e.fn}${e.d ? `'${e.d.join('.')}` : ''}(${e.args.map(exprKey).join(',')})`); break;
    case 'pow': k = shortKey(`(${exprKey(e.base)})^(${exprKey(e.exp)})`); break;
    case 'neg': k = shortKey(`-(${exprKey(e.arg)})`); break;
    default: k = shortKey(`${e.k}(${e.args.map(exprKey).join(',')})`);
  }
  keys.set(e, k);
  return k;
}

// ---------------------------------------------------------------------------------------
// Traversal helpers

export function children(e: Expr): readonly Expr[] {
  switch (e.k) {
    case 'add': case 'mul': case 'call': return e.args;
    case 'pow': return [e.base, e.exp];
    case 'neg': return [e.arg];
    default: return [];
  }
}

/**
 * Visit every node of root not yet `done`, children before parents, without recursion;
 * visit must make done(x) true for the node it is given (so shared subtrees are seen once).
 */
export function postOrder(root: Expr, done: (x: Expr) => boolean, visit: (x: Expr, kids: readonly Expr[]) => void): void {
  const stack: Array<{ x: Expr; open: boolean }> = [{ x: root, open: false }];
  while (stack.length) {
    const top = stack.pop()!;
    if (done(top.x)) continue;
    const kids = children(top.x);
    if (!top.open) {
      stack.push({ x: top.x, open: true });
      for (let i = kids.length - 1; i >= 0; i--) if (!done(kids[i])) stack.push({ x: kids[i], open: false });
      continue;
    }
    visit(top.x, kids);
  }
}

/** Rebuild a node with new children (same kind), folding through the smart constructors. */
export function rebuild(e: Expr, kids: Expr[]): Expr {
  switch (e.k) {
    case 'add': return add(...kids);
    case 'mul': return mul(...kids);
    case 'pow': return pow(kids[0], kids[1]);
    case 'neg': return neg(kids[0]);
    case 'call': return e.d ? { k: 'call', fn: e.fn, args: kids, d: e.d } : { k: 'call', fn: e.fn, args: kids };
    default: return e;
  }
}

/** Bottom-up map. */
export function mapExpr(e: Expr, f: (e: Expr) => Expr): Expr {
  const kids = children(e);
  const node = kids.length ? rebuild(e, kids.map((c) => mapExpr(c, f))) : e;
  return f(node);
}

export function someExpr(e: Expr, pred: (e: Expr) => boolean): boolean {
  if (pred(e)) return true;
  return children(e).some((c) => someExpr(c, pred));
}

export function symbolsOf(e: Expr, out = new Set<string>()): Set<string> {
  if (e.k === 'sym') out.add(e.name);
  for (const c of children(e)) symbolsOf(c, out);
  return out;
}

export function callsOf(e: Expr, out = new Set<string>()): Set<string> {
  if (e.k === 'call') out.add(e.fn);
  for (const c of children(e)) callsOf(c, out);
  return out;
}

export const dependsOn = (e: Expr, v: string): boolean => someExpr(e, (x) => x.k === 'sym' && x.name === v);

/**
 * Substitute symbols by expressions (simultaneously). Only the symbols of `e` are replaced:
 * a node that folds to a symbol while rebuilt (x + sin(u) - sin(u) = x) is not replaced again.
 */
export function substitute(e: Expr, map: ReadonlyMap<string, Expr>): Expr {
  if (map.size === 0) return e;
  const go = (x: Expr): Expr => {
    if (x.k === 'sym') return map.get(x.name) ?? x;
    const kids = children(x);
    return kids.length ? rebuild(x, kids.map(go)) : x;
  };
  return go(e);
}

/** Node count: the size measure used to pick the shortest of equal candidates. */
export function size(e: Expr): number {
  switch (e.k) {
    case 'num': return e.v < 0 || !Number.isInteger(e.v) ? 2 : 1;
    case 'sym': return 1;
    case 'neg': return 1 + size(e.arg);
    case 'pow': return 1 + size(e.base) + (e.exp.k === 'num' && e.exp.v === -1 ? 0 : size(e.exp));
    default: {
      let s = 1;
      for (const c of children(e)) s += size(c);
      return s;
    }
  }
}

export function equal(a: Expr, b: Expr): boolean {
  if (a === b) return true;
  if (a.k !== b.k) return false;
  switch (a.k) {
    case 'num': return a.v === (b as Num).v && a.exact === (b as Num).exact;
    case 'sym': return a.name === (b as typeof a).name;
    case 'call': {
      const c = b as Call;
      if (a.fn !== c.fn || a.args.length !== c.args.length || (a.d ?? []).join() !== (c.d ?? []).join()) return false;
      return a.args.every((x, i) => equal(x, c.args[i]));
    }
    default: {
      const ka = children(a), kb = children(b);
      return ka.length === kb.length && ka.every((x, i) => equal(x, kb[i]));
    }
  }
}

export const isConstant = (e: Expr, vars: ReadonlySet<string>): boolean =>
  !someExpr(e, (x) => x.k === 'sym' && vars.has(x.name));
