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

/** A small erf for numeric code (Abramowitz-Stegun 7.1.26 refined; |error| < 1.2e-7). */
export function erf(x: number): number {
  // W. J. Cody-style rational approximation is overkill here; use the Numerical Recipes erfc.
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 +
    t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? 1 - r : r - 1;
}
