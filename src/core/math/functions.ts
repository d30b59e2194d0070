/**
 * The known elementary functions: arity, numeric implementation (a JS expression over the
 * arguments a, b), derivative, parity and LaTeX. Anything not in this table is an unknown
 * function (s, t, ...) that stays symbolic and differentiates by the chain rule.
 */
import { Expr, add, call, div, mul, neg, num, pow, sub, ONE, TWO } from './expr';
import { dict } from '../limits';

export interface KnownFunction {
  readonly arity: number;
  /** JS source with `a` (and `b`) for the arguments; only Math.* and arithmetic (for generated code). */
  readonly js: string;
  /** The same function, as a function (for closures, where code generation is not allowed). */
  readonly f: (a: number, b: number) => number;
  /** Partial derivatives with respect to each argument. */
  readonly d: ReadonlyArray<(args: readonly Expr[]) => Expr>;
  /** f(-u) = -f(u) ('odd') or f(u) ('even'). */
  readonly parity?: 'odd' | 'even';
  /** LaTeX operator name; functions without one print as \operatorname{name}. */
  readonly tex?: string;
}

const u = (a: readonly Expr[]) => a[0];
const c = (fn: string) => (a: readonly Expr[]) => call(fn, a[0]);
const sq = (e: Expr) => pow(e, TWO);

/** (No prototype: `constructor` or `toString` is an unknown function like any other name.) */
export const FUNCTIONS: Readonly<Record<string, KnownFunction>> = dict({
  exp: { arity: 1, js: 'Math.exp(a)', f: (a) => Math.exp(a), d: [c('exp')], tex: '\\exp' },
  log: { arity: 1, js: 'Math.log(a)', f: (a) => Math.log(a), d: [(a) => div(ONE, u(a))], tex: '\\log' },
  log10: { arity: 1, js: 'Math.log10(a)', f: (a) => Math.log10(a), d: [(a) => div(ONE, mul(u(a), call('log', num(10))))], tex: '\\log_{10}' },
  log2: { arity: 1, js: 'Math.log2(a)', f: (a) => Math.log2(a), d: [(a) => div(ONE, mul(u(a), call('log', num(2))))], tex: '\\log_{2}' },
  log1p: { arity: 1, js: 'Math.log1p(a)', f: (a) => Math.log1p(a), d: [(a) => div(ONE, add(ONE, u(a)))], tex: '\\operatorname{log1p}' },
  expm1: { arity: 1, js: 'Math.expm1(a)', f: (a) => Math.expm1(a), d: [c('exp')], tex: '\\operatorname{expm1}' },
  sqrt: { arity: 1, js: 'Math.sqrt(a)', f: (a) => Math.sqrt(a), d: [(a) => div(ONE, mul(TWO, call('sqrt', u(a))))] },
  cbrt: { arity: 1, js: 'Math.cbrt(a)', f: (a) => Math.cbrt(a), d: [(a) => div(ONE, mul(num(3), sq(call('cbrt', u(a)))))], parity: 'odd' },
  abs: { arity: 1, js: 'Math.abs(a)', f: (a) => Math.abs(a), d: [c('sign')], parity: 'even' },
  sign: { arity: 1, js: 'Math.sign(a)', f: (a) => Math.sign(a), d: [() => num(0)], parity: 'odd', tex: '\\operatorname{sign}' },
  sin: { arity: 1, js: 'Math.sin(a)', f: (a) => Math.sin(a), d: [c('cos')], parity: 'odd', tex: '\\sin' },
  cos: { arity: 1, js: 'Math.cos(a)', f: (a) => Math.cos(a), d: [(a) => neg(call('sin', u(a)))], parity: 'even', tex: '\\cos' },
  tan: { arity: 1, js: 'Math.tan(a)', f: (a) => Math.tan(a), d: [(a) => add(ONE, sq(call('tan', u(a))))], parity: 'odd', tex: '\\tan' },
  sec: { arity: 1, js: '1/Math.cos(a)', f: (a) => 1/Math.cos(a), d: [(a) => mul(call('sec', u(a)), call('tan', u(a)))], parity: 'even', tex: '\\sec' },
  csc: { arity: 1, js: '1/Math.sin(a)', f: (a) => 1/Math.sin(a), d: [(a) => neg(mul(call('csc', u(a)), call('cot', u(a))))], parity: 'odd', tex: '\\csc' },
  cot: { arity: 1, js: '1/Math.tan(a)', f: (a) => 1/Math.tan(a), d: [(a) => neg(add(ONE, sq(call('cot', u(a)))))], parity: 'odd', tex: '\\cot' },
  asin: { arity: 1, js: 'Math.asin(a)', f: (a) => Math.asin(a), d: [(a) => div(ONE, call('sqrt', sub(ONE, sq(u(a)))))], parity: 'odd', tex: '\\arcsin' },
  acos: { arity: 1, js: 'Math.acos(a)', f: (a) => Math.acos(a), d: [(a) => neg(div(ONE, call('sqrt', sub(ONE, sq(u(a))))))], tex: '\\arccos' },
  atan: { arity: 1, js: 'Math.atan(a)', f: (a) => Math.atan(a), d: [(a) => div(ONE, add(ONE, sq(u(a))))], parity: 'odd', tex: '\\arctan' },
  sinh: { arity: 1, js: 'Math.sinh(a)', f: (a) => Math.sinh(a), d: [c('cosh')], parity: 'odd', tex: '\\sinh' },
  cosh: { arity: 1, js: 'Math.cosh(a)', f: (a) => Math.cosh(a), d: [c('sinh')], parity: 'even', tex: '\\cosh' },
  tanh: { arity: 1, js: 'Math.tanh(a)', f: (a) => Math.tanh(a), d: [(a) => sub(ONE, sq(call('tanh', u(a))))], parity: 'odd', tex: '\\tanh' },
  sech: { arity: 1, js: '1/Math.cosh(a)', f: (a) => 1/Math.cosh(a), d: [(a) => neg(mul(call('sech', u(a)), call('tanh', u(a))))], parity: 'even', tex: '\\operatorname{sech}' },
  csch: { arity: 1, js: '1/Math.sinh(a)', f: (a) => 1/Math.sinh(a), d: [(a) => neg(mul(call('csch', u(a)), call('coth', u(a))))], parity: 'odd', tex: '\\operatorname{csch}' },
  coth: { arity: 1, js: '1/Math.tanh(a)', f: (a) => 1/Math.tanh(a), d: [(a) => sub(ONE, sq(call('coth', u(a))))], parity: 'odd', tex: '\\coth' },
  asinh: { arity: 1, js: 'Math.asinh(a)', f: (a) => Math.asinh(a), d: [(a) => div(ONE, call('sqrt', add(sq(u(a)), ONE)))], parity: 'odd', tex: '\\operatorname{arsinh}' },
  acosh: { arity: 1, js: 'Math.acosh(a)', f: (a) => Math.acosh(a), d: [(a) => div(ONE, call('sqrt', sub(sq(u(a)), ONE)))], tex: '\\operatorname{arcosh}' },
  atanh: { arity: 1, js: 'Math.atanh(a)', f: (a) => Math.atanh(a), d: [(a) => div(ONE, sub(ONE, sq(u(a))))], parity: 'odd', tex: '\\operatorname{artanh}' },
  sigmoid: {
    arity: 1, js: '1/(1+Math.exp(-a))', f: (a) => 1/(1+Math.exp(-a)),
    d: [(a) => mul(call('sigmoid', u(a)), sub(ONE, call('sigmoid', u(a))))], tex: '\\sigma',
  },
  softplus: { arity: 1, js: '(a>0?a+Math.log1p(Math.exp(-a)):Math.log1p(Math.exp(a)))', f: (a) => (a>0?a+Math.log1p(Math.exp(-a)):Math.log1p(Math.exp(a))), d: [c('sigmoid')], tex: '\\operatorname{softplus}' },
  erf: { arity: 1, js: 'erf(a)', f: (a) => erf(a), d: [(a) => mul(div(TWO, call('sqrt', sym_pi())), call('exp', neg(sq(u(a)))))], parity: 'odd', tex: '\\operatorname{erf}' },
  atan2: {
    arity: 2, js: 'Math.atan2(a,b)', f: (a, b) => Math.atan2(a,b),
    d: [
      (a) => div(a[1], add(sq(a[0]), sq(a[1]))),
      (a) => neg(div(a[0], add(sq(a[0]), sq(a[1])))),
    ],
    tex: '\\operatorname{atan2}',
  },
  // x % c as JavaScript computes it (the sign of x): a sawtooth, derivative 1 in x wherever it
  // has one, jumps at the nonzero multiples of c (interval.ts knows them); ∂/∂c = -trunc(x/c)
  rem: {
    arity: 2, js: '(a%b)', f: (a, b) => a % b,
    d: [() => ONE, (a) => neg(div(sub(a[0], call('rem', a[0], a[1])), a[1]))],
    tex: '\\operatorname{rem}',
  },
  hypot: {
    arity: 2, js: 'Math.hypot(a,b)', f: (a, b) => Math.hypot(a,b),
    d: [(a) => div(a[0], call('hypot', a[0], a[1])), (a) => div(a[1], call('hypot', a[0], a[1]))],
    tex: '\\operatorname{hypot}',
  },
});

function sym_pi(): Expr { return { k: 'sym', name: 'pi' }; }

/** Names users write that mean a known function (after parsing). */
export const FUNCTION_ALIASES: Readonly<Record<string, string>> = dict({
  ln: 'log', arcsin: 'asin', arccos: 'acos', arctan: 'atan', arsinh: 'asinh', arcsinh: 'asinh',
  arcosh: 'acosh', arccosh: 'acosh', artanh: 'atanh', arctanh: 'atanh', logistic: 'sigmoid',
});

export const isKnownFunction = (name: string): boolean => Object.prototype.hasOwnProperty.call(FUNCTIONS, name);

/**
 * erf to double precision (its numeric f is what points, grids and witnesses use, and what a
 * finite-difference check of det J reads: an approximation good to 1e-7 was seen as a wrong
 * derivative). |x| <= 3: erf x = 2/sqrt(pi) e^(-x^2) sum 2^n x^(2n+1) / (1 3 5 ... (2n+1)), a
 * series of positive terms (no cancellation); beyond, erfc x from its continued fraction
 * e^(-x^2)/sqrt(pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))), evaluated by the modified
 * Lentz method; past 6, erfc x < 3e-17 and erf x is 1 in doubles.
 */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const z = Math.abs(x);
  let v: number;
  if (z <= 3) {
    let term = z, sum = z;
    for (let n = 1; n < 200 && term > 1e-17 * sum; n++) {
      term *= (2 * z * z) / (2 * n + 1);
      sum += term;
    }
    v = (2 / Math.sqrt(Math.PI)) * Math.exp(-z * z) * sum;
  } else if (z < 6) {
    v = 1 - erfcFraction(z);
  } else v = 1;
  return x < 0 ? -v : v;
}

/** erfc z for z >= 3 from its continued fraction (modified Lentz). */
function erfcFraction(z: number): number {
  const tiny = 1e-300;
  // f = z + a1/(z + a2/(z + ...)), a_k = k/2
  let f = z, c = z, d = 0;
  for (let k = 1; k < 300; k++) {
    const a = k / 2;
    d = z + a * d;
    d = Math.abs(d) < tiny ? tiny : d;
    c = z + a / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-z * z) / (Math.sqrt(Math.PI) * f);
}
