/**
 * Printers: mathjs syntax (the report's strings, re-parseable for known functions) and
 * LaTeX (with the user's own names: z_1, \theta).
 */
import { children, Expr, Num, negNum, num, rationalExpr, rationalValue, someExpr } from './expr';
import { FUNCTIONS } from './functions';
import { GREEK_LETTERS } from '../greek';
import { Q, qDiv, qEq, qFromKey, qFromNumber, qKey, qMul, qNeg, qPow, qToNumber } from './rational';

// Precedence levels: higher binds tighter.
const P_ADD = 1, P_MUL = 2, P_NEG = 3, P_POW = 4, P_ATOM = 5;

/**
 * How a formula's numbers read: as decimals (0.7 sin(t2), where the user wrote decimals) or as
 * fractions (7/10, where they wrote fractions or integers only). One style per formula: the
 * analysis of a transform prints everything in the style of its definition.
 */
export type NumberStyle = 'decimal' | 'fraction';
let style: NumberStyle = 'fraction';
/** The decimals the formula's definition is written with (12.92, 0.055), as exact rationals. */
let written: readonly Q[] = [];
/** inWrittenNumbers' answers for the current `written`, by qKey (each tries up to 96 exact divisions). */
let inWritten = new Map<string, { k: Q; d: Q; e: number } | null>();

/**
 * Run `f` with every printer (and the simplifier's renderings) in `s`; `decimals` are the
 * numbers the definition is written with, for constants that do not terminate (1/12.92^3).
 */
export function withNumberStyle<T>(s: NumberStyle, f: () => T, decimals: readonly number[] = []): T {
  const old = style, oldWritten = written, oldMemo = inWritten;
  style = s;
  written = decimals.map(qFromNumber);
  inWritten = new Map();
  try { return f(); } finally { style = old; written = oldWritten; inWritten = oldMemo; }
}
export const numberStyle = (): NumberStyle => style;

/** The map's variables, in their order (x before y, r before theta): each one's place. */
let variableRank = new Map<string, number>();
/** Pairs of symbols the definition writes in one product, "a\u0000b" for a written before b. */
let writtenBefore = new Set<string>();

/** Named constants, read as numbers (2*pi*r). */
const NAMED_CONSTANTS = new Set(['pi', 'e']);

/**
 * Run `f` with every printer writing a product's factors in the reader's order: number,
 * named constants (pi), then the symbols (parameters and variables) in the order the
 * definition writes a parameter and another symbol in a product where it does (u v/c^2 for the
 * note's u v), else the parameters (as coefficients) before the variables in their order, with
 * their powers; then sums, then function
 * calls by their first variable: 3*x*y^2, -2*pi*r*sin(theta), a^2*sinh(mu)*cos(nu). Display only.
 */
export function withVariableOrder<T>(variables: readonly string[], f: () => T, written: readonly Expr[] = []): T {
  const old = variableRank, oldWritten = writtenBefore;
  const oldMemo = firstMemo;
  variableRank = new Map(variables.map((v, i) => [v, i]));
  writtenBefore = writtenPairs(written);
  firstMemo = new WeakMap();
  try { return f(); } finally { variableRank = old; writtenBefore = oldWritten; firstMemo = oldMemo; }
}

/** The symbol of a factor that is a symbol or a power of one. */
const symbolOf = (f: Expr): string | null => (f.k === 'sym' ? f.name : f.k === 'pow' && f.base.k === 'sym' ? f.base.name : null);

/** For each product in the expressions, its symbol factors' pairs in their written order (the first writing wins; linear per product up to 8 symbols). */
function writtenPairs(exprs: readonly Expr[]): Set<string> {
  const out = new Set<string>();
  const visit = (e: Expr): void => {
    if (e.k === 'mul') {
      const names = e.args.map(symbolOf).filter((n): n is string => n !== null).slice(0, 8);
      for (let i = 0; i < names.length; i++) {
        for (let j = i + 1; j < names.length; j++) {
          if (names[i] !== names[j] && !out.has(`${names[j]}\u0000${names[i]}`)) out.add(`${names[i]}\u0000${names[j]}`);
        }
      }
    }
    for (const c of children(e)) visit(c);
  };
  exprs.forEach(visit);
  return out;
}

/** A factor's place in a printed product: [kind, its first variable's rank]. */
function factorRank(f: Expr): [number, number] {
  const base = f.k === 'pow' ? f.base : f;
  if (f.k === 'num' || base.k === 'num') return [0, 0];
  if (base.k === 'sym') { const r = variableRank.get(base.name); return r !== undefined ? [3, r] : NAMED_CONSTANTS.has(base.name) ? [1, 0] : [2, 0]; }
  if (base.k === 'add') return [4, 0];
  // a root of a number is read as one (sqrt(3)*x)
  if (base.k === 'call' && (base.fn === 'sqrt' || base.fn === 'cbrt') && !base.d && !someExpr(base, (x) => x.k === 'sym')) return [1, 0];
  if (base.k === 'call') return [5, firstVariable(base)];
  return [6, 0];
}

/** The rank of the first of the map's variables in e (Infinity for none), once per node and variable order. */
let firstMemo = new WeakMap<Expr, number>();
function firstVariable(e: Expr): number {
  if (e.k === 'sym') return variableRank.get(e.name) ?? Infinity;
  let r = firstMemo.get(e);
  if (r === undefined) {
    r = Infinity;
    for (const c of children(e)) r = Math.min(r, firstVariable(c));
    firstMemo.set(e, r);
  }
  return r;
}

/**
 * Factors in the reader's order (a stable insertion sort: ties keep the order they were met in;
 * two symbols the definition writes in one product keep its order).
 */
function readerOrder(factors: Expr[]): Expr[] {
  const ranked = factors.map((f) => factorRank(f));
  const names = factors.map(symbolOf);
  const before = (a: number, b: number): boolean => {
    const na = names[a], nb = names[b];
    // two symbols the definition writes in one product keep its order (u v/c^2 for a written u v);
    // two of the map's variables keep the variables' order (2*x*y for a written y x)
    if (ranked[a][0] >= 2 && ranked[a][0] <= 3 && ranked[b][0] >= 2 && ranked[b][0] <= 3 && na && nb && na !== nb && !(variableRank.has(na) && variableRank.has(nb))) {
      if (writtenBefore.has(`${na}\u0000${nb}`)) return true;
      if (writtenBefore.has(`${nb}\u0000${na}`)) return false;
    }
    if (ranked[a][0] !== ranked[b][0]) return ranked[a][0] < ranked[b][0];
    return ranked[a][1] < ranked[b][1];
  };
  const order: number[] = [];
  for (let i = 0; i < factors.length; i++) {
    let k = order.length;
    while (k > 0 && before(i, order[k - 1])) k--;
    order.splice(k, 0, i);
  }
  return order.map((i) => factors[i]);
}

/** The numbers with a decimal point in the definition (at most a few, each once). */
export function decimalsOf(exprs: readonly Expr[]): number[] {
  const out = new Set<number>();
  for (const e of exprs) {
    someExpr(e, (x) => {
      if (x.k === 'num' && Number.isFinite(x.v) && !Number.isInteger(x.v)) out.add(Math.abs(x.v));
      return out.size >= 8;
    });
  }
  return [...out];
}

/**
 * A constant that has no terminating decimal, written with one of the user's decimals d as
 * k d^e (k a short decimal, e = ±1 … ±6): 15625/33698267 = 1/12.92^3. Null when none fits.
 */
export function inWrittenNumbers(c: Q): { k: Q; d: Q; e: number } | null {
  if (!written.length) return null;
  const key = qKey(c);
  let found = inWritten.get(key);
  if (found === undefined) {
    found = writtenAs(c);
    if (inWritten.size >= 4096) inWritten.clear();
    inWritten.set(key, found);
  }
  return found;
}

function writtenAs(c: Q): { k: Q; d: Q; e: number } | null {
  if (exactDecimal(c) !== null) return null;
  for (const d of written) {
    for (let e = 1; e <= 6; e++) {
      for (const sgn of [-1, 1]) {
        const k = qDiv(c, qPow(d, sgn * e));
        const text = exactDecimal(k);
        if (text !== null && text.replace(/[-.]/g, '').replace(/^0+/, '').replace(/0+$/, '').length <= 6) return { k, d, e: sgn * e };
      }
    }
  }
  return null;
}

/** c is one of the decimals the definition is written with, or its negative. */
export const isWrittenNumber = (c: Q): boolean => written.some((d) => qEq(d, c) || qEq(d, qNeg(c)));

/** 'decimal' when a number written with a decimal point occurs, else 'fraction'. */
export const numberStyleOf = (exprs: readonly Expr[]): NumberStyle =>
  (exprs.some((e) => someExpr(e, (x) => x.k === 'num' && Number.isFinite(x.v) && !Number.isInteger(x.v))) ? 'decimal' : 'fraction');

/**
 * The fewest significant digits that give v back, with float noise removed: 0.1 for
 * 0.09999999999999998 and 0.015 for 0.015000000000000001 (a few units in the last place).
 */
export function shortNumber(v: number): string {
  if (!Number.isFinite(v) || (Number.isInteger(v) && Math.abs(v) < 1e21)) return String(v);
  const tol = 8 * Math.abs(v) * Number.EPSILON;
  for (let p = 1; p < 17; p++) {
    const r = Number(v.toPrecision(p));
    if (Math.abs(r - v) <= tol) return String(r);
  }
  return String(v);
}

const formatNumber = shortNumber;

/** c's terminating decimal, digit for digit ("-0.0125"), or null (1/3 has none). */
function exactDecimal(c: Q): string | null {
  let d = c.d, k = 0n;
  while (d % 2n === 0n) { d /= 2n; k++; }
  let j = 0n;
  while (d % 5n === 0n) { d /= 5n; j++; }
  if (d !== 1n) return null;
  const places = Number(k > j ? k : j);
  const digits = String((c.n < 0n ? -c.n : c.n) * 10n ** BigInt(places) / c.d).padStart(places + 1, '0');
  const text = places ? `${digits.slice(0, -places)}.${digits.slice(-places)}` : digits;
  return (c.n < 0n ? '-' : '') + text;
}

/** c as a decimal with at most 15 significant digits, or null (1/3 has none). */
export function terminating(c: Q): number | null {
  const s = exactDecimal(c);
  return s !== null && s.replace(/[-.]/g, '').replace(/^0+/, '').replace(/0+$/, '').length <= 15 ? qToNumber(c) : null;
}

/**
 * An exact number beyond a double (num.exact) in the formula's style: the integer, the
 * decimal where it terminates in a decimal formula, else numerator and denominator.
 */
function exactText(key: string): { sign: string; n: string; d: string | null } {
  const c = qFromKey(key);
  const sign = c.n < 0n ? '-' : '';
  const abs = { n: c.n < 0n ? -c.n : c.n, d: c.d };
  const dec = abs.d !== 1n && style === 'decimal' ? exactDecimal(abs) : null;
  return { sign, n: dec ?? String(abs.n), d: dec !== null || abs.d === 1n ? null : String(abs.d) };
}

/** The value of a negative rational exponent written as a fraction (-6/11), or null. */
function negativeRational(e: Expr): Q | null {
  const q = rationalValue(e);
  return q && q.n < 0n ? q : null;
}

/** Split a product into coefficient, numerator factors and denominator factors, each in the reader's order. */
function splitProduct(e: Expr): { c: number; numer: Expr[]; denom: Expr[] } {
  const { c, numer, denom } = splitFactors(e);
  return { c, numer: readerOrder(numer), denom: readerOrder(denom) };
}

function splitFactors(e: Expr): { c: number; numer: Expr[]; denom: Expr[] } {
  const factors = e.k === 'mul' ? e.args : [e];
  let c = 1;
  const numer: Expr[] = [], denom: Expr[] = [];
  for (const f of factors) {
    // numbers are multiplied out unless that overflows (1e308 * 1000 stays as written, in numer)
    // an exact number beyond a double stays a factor of its own, its sign in c
    if (f.k === 'num' && f.exact) { numer.push(f.v < 0 ? negNum(f) : f); if (f.v < 0) c = -c; } else if (f.k === 'num' && Number.isFinite(c * f.v)) c *= f.v;
    else if (f.k === 'pow' && f.exp.k === 'num' && f.exp.v < 0) {
      denom.push(f.exp.v === -1 ? f.base : { k: 'pow', base: f.base, exp: { k: 'num', v: -f.exp.v } });
    } else if (f.k === 'pow' && f.exp.k === 'mul' && negativeRational(f.exp)) {
      // x^(-6/11) under the bar as x^(6/11)
      denom.push({ k: 'pow', base: f.base, exp: rationalExpr(qNeg(negativeRational(f.exp)!)) });
    } else numer.push(f);
  }
  if (denom.length) c *= rootsUnder(numer, denom);
  // a number over cosines only: 1/cos(x) = sec(x), 2/cosh(y)^2 = 2 sech(y)^2, as a reader writes it (never longer)
  if (!numer.length && denom.length && denom.every((f) => reciprocalOf(f) !== null)) return splitFactors({ k: 'mul', args: [{ k: 'num', v: c }, ...denom.map((f) => reciprocalOf(f)!)] });
  // a whole power of an integer under the bar is the number it is: 125/1331, not 125/11^3
  const folded = denom.map((f) => (f.k === 'pow' && f.base.k === 'num' && f.exp.k === 'num' && Number.isInteger(f.base.v) && Number.isInteger(f.exp.v)
    && Number.isSafeInteger(f.base.v ** f.exp.v) ? num(f.base.v ** f.exp.v) : f));
  if (style === 'decimal') return decimalCoefficient(c, numer, folded);
  const over = overInteger(c);
  return over ? { c: over.k, numer, denom: [num(over.m), ...folded] } : { c, numer, denom: folded };
}

/** The terms of a sum as printed, negated or not, in a canonical order. */
function termsText(e: Expr, negated: boolean): string {
  const terms = e.k === 'add' ? e.args : [e];
  return terms.map((t) => {
    if (!negated) return pm(t, P_ADD);
    const n = negativeTerm(t);
    return n ? pm(n, P_ADD) : `-${pm(t, P_MUL)}`;
  }).sort().join(' + ');
}

/** A square root's radicand, or null. */
const sqrtOf = (r: Expr): Expr | null => (r.k === 'call' && r.fn === 'sqrt' && !r.d && r.args.length === 1 ? r.args[0] : null);

/**
 * A square root beside a whole power of its radicand (or of the radicand negated) as one power
 * below, as a reader writes it: sqrt(u)/u = 1/sqrt(u), x sqrt(u)/(-u)^2 = x/u^(3/2),
 * 1/((-u) sqrt(u)) = -1/u^(3/2). Edits numer and denom in place; returns the sign to multiply
 * the coefficient by.
 */
function rootsUnder(numer: Expr[], denom: Expr[]): number {
  let sign = 1;
  const merge = (from: Expr[], i: number, over: boolean): boolean => {
    const u = sqrtOf(from[i]);
    if (!u) return false;
    const text = termsText(u, false), negText = termsText(u, true);
    const whole = (f: Expr): [Expr, number] => (f.k === 'pow' && f.exp.k === 'num' && Number.isInteger(f.exp.v) && f.exp.v > 0 ? [f.base, f.exp.v] : [f, 1]);
    const j = denom.findIndex((f) => {
      const b = whole(f)[0];
      return b.k !== 'num' && !sqrtOf(b) && (termsText(b, false) === text || termsText(b, false) === negText);
    });
    if (j < 0) return false;
    const [b, k] = whole(denom[j]);
    if (termsText(b, false) !== text && k % 2 === 1) sign = -sign;
    // u^k / u^(1/2) = u^(k - 1/2); u^k u^(1/2) = u^(k + 1/2)
    const e = over ? 2 * k - 1 : 2 * k + 1;
    denom[j] = e === 1 ? from[i] : { k: 'pow', base: u, exp: rationalExpr({ n: BigInt(e), d: 2n }) };
    from.splice(i, 1);
    return true;
  };
  for (let i = 0; i < numer.length; i++) if (merge(numer, i, true)) i--;
  for (let i = 0; i < denom.length; i++) if (sqrtOf(denom[i]) && merge(denom, i, false)) i--;
  // a sign taken by the one sum above: (1 - y^2)/u^(3/2), not -(y^2 - 1)/u^(3/2)
  const s = sign < 0 ? numer.findIndex((f) => f.k === 'add') : -1;
  if (s < 0 || numer.some((f, i) => i !== s && f.k === 'add')) return sign;
  const terms = (numer[s] as Extract<Expr, { k: 'add' }>).args.map((t) => negativeTerm(t) ?? { k: 'mul', args: [num(-1), t] } as Expr);
  numer[s] = { k: 'add', args: [...terms.filter((t) => !negativeTerm(t)), ...terms.filter((t) => negativeTerm(t))] };
  return 1;
}

/** c's part that terminates and the integer it is divided by: 8/675 = 0.32/27 (m up to 1000, k short). */
function overIntegerQ(c: Q): { k: Q; m: bigint } | null {
  if (exactDecimal(c) !== null) return null;
  let m = c.d;
  while (m % 2n === 0n) m /= 2n;
  while (m % 5n === 0n) m /= 5n;
  if (m > 1000n) return null;
  const k = qMul(c, { n: m, d: 1n });
  const text = exactDecimal(k);
  return text !== null && text.replace(/[-.]/g, '').replace(/^0+/, '').replace(/0+$/, '').length <= 6 ? { k, m } : null;
}

/**
 * A number that is not an integer, as a number over an integer where the formula's style asks
 * for it: in a decimal formula one without a terminating decimal is a short decimal over a small
 * integer, the way it was made (0.4/3, not 0.13333333333333333); in a fraction formula a simple
 * fraction is one (1/2 from a derivative, not 0.5). Null when the number stays as it is.
 */
function overInteger(v: number): { k: number; m: number } | null {
  if (!Number.isFinite(v) || Number.isInteger(v)) return null;
  const c = qFromNumber(v);
  if (style === 'fraction') return c.d <= 1000n && qToNumber(c) === v ? { k: Number(c.n), m: Number(c.d) } : null;
  const r = overIntegerQ(c);
  return r && { k: qToNumber(r.k), m: Number(r.m) };
}

const RECIPROCAL: Readonly<Record<string, string>> = { cos: 'sec', cosh: 'sech' };

/** sec(u)^k for cos(u)^k (k a positive integer), sech for cosh; else null. */
function reciprocalOf(f: Expr): Expr | null {
  const [base, k] = f.k === 'pow' && f.exp.k === 'num' && Number.isInteger(f.exp.v) && f.exp.v > 0 ? [f.base, f.exp] : [f, null];
  if (base.k !== 'call' || base.d || base.args.length !== 1 || !Object.hasOwn(RECIPROCAL, base.fn)) return null;
  const r: Expr = { k: 'call', fn: RECIPROCAL[base.fn], args: base.args };
  return k ? { k: 'pow', base: r, exp: k } : r;
}

/** Numbers under the fraction bar folded into a decimal coefficient: 7 x/10 = 0.7 x (when it terminates). */
function decimalCoefficient(c: number, numer: Expr[], denom: Expr[]): { c: number; numer: Expr[]; denom: Expr[] } {
  // a power beyond 64 (0.9^5047) stays as written, as in rationalValue: its exact value has
  // thousands of digits, and no coefficient with it terminates in 15
  const numeric = (f: Expr) => f.k === 'num' || (f.k === 'pow' && f.base.k === 'num' && f.exp.k === 'num' && Number.isInteger(f.exp.v) && Math.abs(f.exp.v) <= 64);
  if (!Number.isFinite(c)) return { c, numer, denom };
  if (!denom.some(numeric)) {
    const over = overInteger(c);
    return over ? { c: over.k, numer, denom: [num(over.m), ...denom] } : { c, numer, denom };
  }
  let cq = qFromNumber(c);
  for (const f of denom) {
    // a tiny double read as a simple rational can be 0: then the fraction stays as written
    const base = !numeric(f) ? null : f.k === 'num' ? qFromNumber(f.v) : f.k === 'pow' && f.base.k === 'num' ? qFromNumber(f.base.v) : null;
    if (base === null) continue;
    if (base.n === 0n) return { c, numer, denom };
    cq = qDiv(cq, f.k === 'pow' ? qPow(base, (f.exp as Num).v) : base);
  }
  const v = terminating(cq) ?? printedAs(cq);
  const rest = denom.filter((f) => !numeric(f));
  if (v !== null) return { c: v, numer, denom: rest };
  // one that does not terminate: a short decimal over an integer (0.32/27)
  const over = overIntegerQ(cq);
  return over ? { c: qToNumber(over.k), numer, denom: [num(Number(over.m)), ...rest] } : { c, numer, denom };
}

/** c, a terminating decimal, as the double whose printed digits it is exactly (a 16-digit product of decimals), or null. */
function printedAs(c: Q): number | null {
  if (exactDecimal(c) === null) return null;
  const v = qToNumber(c);
  return Number.isFinite(v) && qEq(qFromNumber(v), c) ? v : null;
}

/** A sum's terms with a positive one first where it starts with a minus: y - x, not -x + y. */
function positiveFirst(args: readonly Expr[]): readonly Expr[] {
  if (!negativeTerm(args[0])) return args;
  const i = args.findIndex((t) => !negativeTerm(t));
  return i < 0 ? args : [args[i], ...args.slice(0, i), ...args.slice(i + 1)];
}

/** Is this term printed with a leading minus (so that a sum writes `a - b`)? */
function negativeTerm(e: Expr): Expr | null {
  if (e.k === 'neg') return e.arg;
  if (e.k === 'num' && e.v < 0) return negNum(e);
  if (e.k === 'mul' && e.args[0].k === 'num' && e.args[0].v < 0) {
    const c = negNum(e.args[0] as Num);
    const rest = e.args.slice(1);
    return c.v === 1 && !c.exact ? (rest.length === 1 ? rest[0] : { k: 'mul', args: rest }) : { k: 'mul', args: [c, ...rest] };
  }
  return null;
}

// ---------------------------------------------------------------------------------------
// mathjs syntax

export function toMathjs(e: Expr): string {
  return pm(e, 0);
}

/**
 * The readable printer's names (id -> as a person writes it: θ₂, z_{1:d}), or null when `pm`
 * prints mathjs syntax.
 */
let readable: ((name: string) => string) | null = null;
/** The minus sign as the printer writes it: '-' in mathjs syntax, the true minus − in readable text. */
const minusSign = (): string => (readable ? '\u2212' : '-');
/** A number's leading minus sign, as the printer writes it. */
const minus = (text: string): string => (text.startsWith('-') ? minusSign() + text.slice(1) : text);
/** Factors side by side: `*` in mathjs syntax, as a person writes them in readable text. */
const factorsText = (parts: readonly string[]): string => (readable ? juxtaposed(parts) : parts.join('*'));

/**
 * e in plain text as a person writes it, for one-line views (a CodeLens, the status bar):
 * r² sin(θ), 4(x² + y²), √(x² + y²), |x|, −2xy, names in Greek letters with subscript digits
 * (θ₂), the user's own names where given. Not re-parseable: the report's mathjs form is the one
 * to copy.
 */
export function toReadable(e: Expr, names: Readonly<Record<string, string>> = {}): string {
  const old = readable;
  readable = (n) => idText(names[n] ?? n);
  try { return pm(e, 0); } finally { readable = old; }
}

const SUBSCRIPT = '₀₁₂₃₄₅₆₇₈₉';
const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** theta -> θ, theta2 and theta_2 -> θ₂, x_1 -> x₁; other names (and LaTeX-like ones: z_{1:d}) as they are. */
function idText(name: string): string {
  const m = /^(\p{L}+?)_?(\d+)?$/u.exec(name);
  if (!m) return name;
  const base = GREEK_LETTERS[m[1]] ?? m[1];
  return base + (m[2] ?? '').replace(/\d/g, (d) => SUBSCRIPT[Number(d)]);
}

/** A whole exponent in superscript digits (², ¹⁰, ⁻³), or null. */
function superscript(e: Expr): string | null {
  if (e.k !== 'num' || e.exact || !Number.isInteger(e.v) || Math.abs(e.v) > 99) return null;
  return (e.v < 0 ? '⁻' : '') + String(Math.abs(e.v)).replace(/\d/g, (d) => SUPERSCRIPT[Number(d)]);
}

function paren(s: string, need: boolean): string {
  return need ? `(${s})` : s;
}

function pm(e: Expr, ctx: number): string {
  switch (e.k) {
    case 'num': {
      // (a lone number in a fraction formula is as the user wrote it: a default, a bound)
      const split = e.exact || style === 'fraction' ? null : overInteger(e.v);
      if (split) return paren(`${minus(formatNumber(split.k))}/${split.m}`, ctx >= P_MUL || (split.k < 0 && ctx > P_ADD));
      if (!e.exact) return paren(minus(formatNumber(e.v)), e.v < 0 && ctx > P_ADD);
      const { sign, n, d } = exactText(e.exact);
      return paren(`${minus(sign)}${n}${d ? `/${d}` : ''}`, (!!sign && ctx > P_ADD) || (!!d && ctx >= P_MUL));
    }
    case 'sym': return readable ? readable(e.name) : e.name;
    case 'add': {
      const args = positiveFirst(e.args);
      let s = pm(args[0], P_ADD);
      for (const t of args.slice(1)) {
        const n = negativeTerm(t);
        s += n ? ` ${minusSign()} ${pm(n, P_MUL)}` : ` + ${pm(t, P_ADD)}`;
      }
      return paren(s, ctx > P_ADD);
    }
    case 'neg': return paren(`${minusSign()}${pm(e.arg, P_MUL)}`, ctx > P_ADD);
    case 'mul': {
      const { c: signed, numer, denom } = splitProduct(e);
      // (numer's exact numbers are positive already, their sign in c)
      const c = Math.abs(signed);
      if (signed < 0) return paren(`${minusSign()}${productText(c, numer, denom, P_MUL)}`, ctx > P_ADD);
      return productText(c, numer, denom, ctx);
    }
    case 'pow': {
      if (e.exp.k === 'num' && e.exp.v < 0) return pm({ k: 'mul', args: [e] }, ctx);
      const base = pm(e.base, P_ATOM);
      const sup = readable && superscript(e.exp);
      if (sup) return paren(`${base}${sup}`, ctx > P_POW);
      const exp = pm(e.exp, P_ATOM);
      return paren(`${base}^${exp}`, ctx > P_POW);
    }
    case 'call': {
      // (each argument printed once: printing it twice per level is exponential in the nesting)
      if (readable && !e.d?.length && e.args.length === 1 && e.fn === 'sqrt') return `√${pm(e.args[0], P_ATOM)}`;
      const args = e.args.map((a) => pm(a, 0)).join(', ');
      if (readable && !e.d?.length && e.args.length === 1 && e.fn === 'abs') return `|${args}|`;
      return `${callName(e.fn, e.d, e.args.length)}(${args})`;
    }
  }
}

/** A product's text from its positive coefficient, numerator and denominator factors. */
function productText(c: number, numer: readonly Expr[], denom: readonly Expr[], ctx: number): string {
  const parts = numer.map((f) => pm(f, P_MUL));
  if (c !== 1 || parts.length === 0) parts.unshift(formatNumber(c));
  let s = factorsText(parts);
  if (denom.length) {
    const d = denom.length === 1 ? pm(denom[0], P_NEG) : `(${factorsText(denom.map((f) => pm(f, P_MUL)))})`;
    s += `/${d}`;
  }
  return paren(s, ctx > P_MUL);
}

/** One letter, with sub- or superscripts: written right beside its neighbours (2xy, r²θ). */
const GLYPH = /^\p{L}[\u2080-\u2089\u2070-\u2079\u00b2\u00b3\u00b9\u207b]*$/u;

/**
 * Factors as a person writes them: a number or a letter right before a letter, a root or a
 * bracket (2xy, 4(x² + y²), 2√x, (x + 1)(x − 1)); a space before a function or a longer name
 * (r² sin(θ)); a dot between two numbers.
 */
function juxtaposed(parts: readonly string[]): string {
  let s = parts[0];
  for (let i = 1; i < parts.length; i++) {
    const a = parts[i - 1], b = parts[i];
    const aTight = /^[\d.]+$/.test(a) || GLYPH.test(a) || (a.startsWith('(') && a.endsWith(')')) || a.startsWith('|');
    const bTight = GLYPH.test(b) || b.startsWith('(') || b.startsWith('√');
    s += /^[\d.]/.test(b) ? '·' : aTight && bTight ? '' : ' ';
    s += b;
  }
  return s;
}

function callName(fn: string, d: readonly number[] | undefined, arity: number): string {
  if (!d || d.length === 0) return fn;
  if (arity === 1) return fn + "'".repeat(d.length);
  return `∂${d.map((i) => i + 1).join('')}${fn}`;
}

// ---------------------------------------------------------------------------------------
// LaTeX

/** The LaTeX names of Greek letters (\theta): the same table the plain-text names use. */
const GREEK: ReadonlySet<string> = new Set(Object.keys(GREEK_LETTERS));

/** LaTeX for an identifier when the user gave no display form: theta -> \theta, z1 -> z_{1}. */
export function symbolLatex(name: string): string {
  const m = /^([A-Za-z]+?)_?(\d+|_[A-Za-z0-9]+)?$/.exec(name);
  const base = (b: string) => (GREEK.has(b) ? `\\${b}` : b.length === 1 ? b : `\\mathit{${b}}`);
  if (m && m[2] !== undefined) return `${base(m[1])}_{${m[2].replace(/^_/, '')}}`;
  const us = name.indexOf('_');
  if (us > 0) return `${base(name.slice(0, us))}_{${name.slice(us + 1).replace(/_/g, '\\_')}}`;
  return base(name);
}

export interface LatexOptions {
  /** identifier -> LaTeX, as the user wrote it (z1 -> z_1, theta -> \theta). */
  readonly names?: ReadonlyMap<string, string> | Readonly<Record<string, string>>;
}

export function toLatex(e: Expr, opts: LatexOptions = {}): string {
  const names = opts.names instanceof Map ? opts.names : new Map(Object.entries(opts.names ?? {}));
  const nameOf = (n: string) => names.get(n) ?? (n === 'pi' ? '\\pi' : n === 'e' ? 'e' : symbolLatex(n));
  return new LatexPrinter(nameOf).print(e, 0);
}

const simpleArg = (e: Expr) => e.k === 'sym' || (e.k === 'num' && e.v >= 0 && Number.isInteger(e.v));

class LatexPrinter {
  constructor(private readonly nameOf: (n: string) => string) {}

  print(e: Expr, ctx: number): string {
    switch (e.k) {
      case 'num': {
        if (e.exact) {
          const { sign, n, d } = exactText(e.exact);
          const s = `${sign}${d ? `\\frac{${n}}{${d}}` : n}`;
          return sign && ctx > P_ADD ? `\\left(${s}\\right)` : s;
        }
        const split = style === 'fraction' ? null : overInteger(e.v);
        if (split) {
          const f = `\\frac{${formatNumber(Math.abs(split.k))}}{${split.m}}`;
          return split.k < 0 ? (ctx > P_ADD ? `\\left(-${f}\\right)` : `-${f}`) : f;
        }
        const s = formatNumber(e.v).replace(/e([+-]?\d+)$/, (_m, x) => ` \\cdot 10^{${Number(x)}}`);
        return e.v < 0 && ctx > P_ADD ? `\\left(${s}\\right)` : s;
      }
      case 'sym': return this.nameOf(e.name);
      case 'add': {
        const args = positiveFirst(e.args);
        let s = this.print(args[0], P_ADD);
        for (const t of args.slice(1)) {
          const n = negativeTerm(t);
          s += n ? ` - ${this.print(n, P_MUL)}` : ` + ${this.print(t, P_ADD)}`;
        }
        return ctx > P_ADD ? `\\left(${s}\\right)` : s;
      }
      case 'neg': {
        const s = `-${this.print(e.arg, P_MUL)}`;
        return ctx > P_ADD ? `\\left(${s}\\right)` : s;
      }
      case 'mul': return this.product(e, ctx);
      case 'pow': return this.power(e, ctx);
      case 'call': return this.call(e);
    }
  }

  private product(e: Expr, ctx: number): string {
    const { c: signed, numer, denom } = splitProduct(e);
    // (numer's exact numbers are positive already, their sign in c)
    const c = Math.abs(signed);
    let s = this.juxtapose(c, numer, denom.length > 0);
    if (denom.length) s = `\\frac{${s}}{${this.juxtapose(1, denom, true)}}`;
    if (signed >= 0) return s;
    return ctx > P_ADD ? `\\left(-${s}\\right)` : `-${s}`;
  }

  private juxtapose(c: number, factors: Expr[], inFraction: boolean): string {
    const parts: string[] = [];
    if (c !== 1 || factors.length === 0) parts.push(formatNumber(c));
    // A lone factor of a fraction's numerator or denominator needs no parentheses.
    const alone = inFraction && parts.length === 0 && factors.length === 1;
    for (const f of factors) parts.push(this.print(f, alone ? 0 : P_MUL));
    // \cdot between two numbers or before a factor that starts with a digit
    let s = parts[0] ?? '';
    for (let i = 1; i < parts.length; i++) s += /^[\d.]/.test(parts[i]) ? ` \\cdot ${parts[i]}` : ` ${parts[i]}`;
    return s;
  }

  private power(e: Extract<Expr, { k: 'pow' }>, ctx: number): string {
    const { base, exp } = e;
    if (exp.k === 'num' && exp.v < 0) return this.product({ k: 'mul', args: [e] }, ctx);
    if (exp.k === 'mul' && exp.args.length === 2 && exp.args[0].k === 'num' && exp.args[0].v === 1 &&
      exp.args[1].k === 'pow' && exp.args[1].base.k === 'num' && exp.args[1].exp.k === 'num' && exp.args[1].exp.v === -1) {
      const n = exp.args[1].base.v;
      return n === 2 ? `\\sqrt{${this.print(base, 0)}}` : `\\sqrt[${n}]{${this.print(base, 0)}}`;
    }
    const ex = this.print(exp, 0);
    // \sin^{2} x for powers of named functions
    if (base.k === 'call' && !base.d && FUNCTIONS[base.fn]?.tex?.startsWith('\\') && base.fn !== 'exp' && exp.k === 'num' && exp.v > 0) {
      const f = FUNCTIONS[base.fn].tex!;
      const arg = base.args[0];
      return simpleArg(arg) ? `${f}^{${ex}} ${this.print(arg, P_ATOM)}` : `${f}^{${ex}}\\left(${this.print(arg, 0)}\\right)`;
    }
    let b = this.print(base, P_ATOM);
    if (!(base.k === 'sym' || (base.k === 'num' && base.v >= 0) || (base.k === 'call' && (base.fn === 'abs' || base.fn === 'sqrt')))) {
      b = `\\left(${this.print(base, 0)}\\right)`;
    }
    return `${b}^{${ex}}`;
  }

  private call(e: Extract<Expr, { k: 'call' }>): string {
    const args = e.args.map((a) => this.print(a, 0));
    if (!e.d) {
      switch (e.fn) {
        case 'sqrt': return `\\sqrt{${args[0]}}`;
        case 'cbrt': return `\\sqrt[3]{${args[0]}}`;
        case 'abs': return `\\left|${args[0]}\\right|`;
        case 'exp': {
          const a = e.args[0];
          const short = a.k === 'sym' || a.k === 'num' || (args[0].length <= 12 && !args[0].includes('\\frac') && !args[0].includes('e^'));
          return short ? `e^{${args[0]}}` : `\\exp\\left(${args[0]}\\right)`;
        }
      }
      const known = FUNCTIONS[e.fn];
      if (known) {
        const tex = known.tex ?? `\\operatorname{${e.fn}}`;
        if (e.args.length === 1 && simpleArg(e.args[0]) && tex.startsWith('\\') && !tex.startsWith('\\operatorname')) {
          return `${tex} ${args[0]}`;
        }
        return `${tex}\\left(${args.join(', ')}\\right)`;
      }
    }
    const name = this.functionName(e.fn);
    if (e.d && e.d.length) {
      if (e.args.length === 1) return `${name}${"'".repeat(e.d.length)}\\left(${args[0]}\\right)`;
      return `\\partial_{${e.d.map((i) => i + 1).join('')}} ${name}\\left(${args.join(', ')}\\right)`;
    }
    return `${name}\\left(${args.join(', ')}\\right)`;
  }

  private functionName(fn: string): string {
    const n = this.nameOf(fn);
    return /^[A-Za-z]{2,}$/.test(n) ? `\\operatorname{${n}}` : n;
  }
}
