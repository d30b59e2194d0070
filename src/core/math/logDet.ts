/**
 * log|det J| in closed form, for every det J that keeps a sign on the domain, and where the
 * sign changes when it does not.
 *
 * The sign is proven by interval arithmetic (provenSign); failing that, det J is sampled at
 * seeded points: two samples of opposite signs (certified by interval arithmetic at those
 * points where possible) mean it changes sign, and a zero between them is located by
 * bisection. log|det J| is then taken factor by factor: log|c u v| = log|c| + log|u| + log|v|,
 * log|u^p| = p log|u|, log|exp(u)| = u, and log|u| = log(u) or log(-u) for a factor whose sign
 * is proven (log(abs(u)) otherwise). The caller checks the result against log(abs(det J)).
 */
import { Expr, add, call, dependsOn, isConstant, isNum, mul, neg, negNum, num, size, someExpr } from './expr';
import { compareNumerically } from './check';
import { Box, SplitBudget, budgetFor, certainSignAt, provenSign, Sign } from './interval';
import { Algebra, AlgebraError, Budget, BudgetExceeded } from './poly';
import { squareFactored } from './squareFactor';
import { NotNumericError, compileClosure, randomPoint, rng } from './numeric';
import type { CheckContext } from './check';
import type { DetSign } from '../report';

const SAMPLES = 256;

/** Does det J keep a sign on the domain? */
export function detSignOf(det: Expr, ctx: CheckContext, deadline: number): DetSign {
  const vars = ctx.variables, box = ctx.domain;
  if (isNum(det)) {
    const v = det.v;
    return { sign: v > 0 ? 'positive' : v < 0 ? 'negative' : 'nonnegative', certainty: 'proof' };
  }
  const proven = provenSignWithSquares(det, vars, box, budgetFor([det], deadline));
  if (proven) return { sign: SIGN_WORDS[proven], certainty: 'proof' };
  let f: (x: ArrayLike<number>) => number;
  try {
    f = compileClosure(det, vars);
  } catch (e) {
    if (e instanceof NotNumericError) return { sign: 'unknown', certainty: 'numerical' };
    throw e;
  }
  const rand = rng((ctx.seed ?? 1) + 4242);
  const points: number[][] = [box.map(([a, b]) => (a + b) / 2)];
  for (let i = 0; i < SAMPLES; i++) points.push(randomPoint(box, rand));
  const values = points.map((x) => f(x));
  const scale = values.reduce((m, v) => (Number.isFinite(v) ? Math.max(m, Math.abs(v)) : m), 0);
  const clear = (v: number) => Number.isFinite(v) && Math.abs(v) > 1e-10 * scale;
  const p = values.findIndex((v) => clear(v) && v > 0), q = values.findIndex((v) => clear(v) && v < 0);
  if (p < 0 && q < 0) return { sign: 'unknown', certainty: 'numerical' };
  if (p < 0 || q < 0) return { sign: p >= 0 ? 'positive' : 'negative', certainty: 'numerical' };
  const certain = certainSignAt(det, vars, points[p]) === 1 && certainSignAt(det, vars, points[q]) === -1;
  const at = zeroBetween(f, points[p], points[q]);
  // bisection finds where the sign flips: a zero, or a pole where |det J| grows past both ends
  const there = Math.abs(f(at));
  const pole = !(there <= Math.max(Math.abs(values[p]), Math.abs(values[q])));
  return { sign: 'changes', certainty: certain ? 'proof' : 'numerical', at, ...(pole ? { pole } : {}) };
}

/**
 * A sign proven on the box (det J's, a diagonal entry's). In one variable, repeated polynomial factors are first
 * written as squares (exact algebra, then checked at random points): a det J that touches 0
 * (1 - 2x/(x^2 + 1) = (x - 1)^2/(x^2 + 1)) is then settled on the whole box at once, where
 * interval bisection of the given form would run to its budget without an answer.
 */
export function provenSignWithSquares(det: Expr, vars: readonly string[], box: Box, budget: SplitBudget): Sign | null {
  const squares = squareForm(det, vars, box);
  return (squares && provenSign(squares, vars, box, budget)) || provenSign(det, vars, box, budget);
}

/** (det, box) -> its square form or null: asked by log|det J| and again by the invertibility check. */
const squareForms = new WeakMap<Expr, { box: Box; form: Expr | null }>();

function squareForm(det: Expr, vars: readonly string[], box: Box): Expr | null {
  const own = vars.filter((v) => dependsOn(det, v));
  if (own.length !== 1 || !someExpr(det, (x) => x.k === 'add')) return null;
  const known = squareForms.get(det);
  if (known && known.box.every(([a, b], i) => a === box[i][0] && b === box[i][1])) return known.form;
  let form: Expr | null = null;
  try {
    const alg = new Algebra({ variables: vars, budget: new Budget(Date.now() + 20) });
    const s = squareFactored(alg.canonical(alg.fromExpr(det)), own[0]);
    if (s && compareNumerically(s, det, { variables: vars, domain: box }) === 'equal') form = s;
  } catch (e) {
    if (!(e instanceof BudgetExceeded || e instanceof AlgebraError)) throw e;
  }
  squareForms.set(det, { box, form });
  return form;
}

const SIGN_WORDS: Record<Sign, DetSign['sign']> = { pos: 'positive', neg: 'negative', nonneg: 'nonnegative', nonpos: 'nonpositive' };
const SIGNS: Partial<Record<DetSign['sign'], Sign>> = { positive: 'pos', negative: 'neg', nonnegative: 'nonneg', nonpositive: 'nonpos' };

/** A point of the segment p..q where f changes sign (f(p) > 0 > f(q)), by bisection. */
function zeroBetween(f: (x: ArrayLike<number>) => number, p: readonly number[], q: readonly number[]): number[] {
  let lo = 0, hi = 1;
  const at = (t: number) => p.map((v, i) => v + t * (q[i] - v));
  for (let it = 0; it < 60; it++) {
    const mid = (lo + hi) / 2;
    const d = f(at(mid));
    if (d === 0) return at(mid);
    if (d > 0) lo = mid; else hi = mid;
  }
  return at((lo + hi) / 2);
}

/**
 * log|e| taken apart factor by factor (see the file comment); null when nothing is gained
 * over log(abs(e)) and e's sign is not proven.
 */
export function logAbsForm(e: Expr, vars: readonly string[], box: ReadonlyArray<readonly [number, number]>, deadline: number, sign: Sign | null = null): Expr | null {
  let gained = false;
  const varSet = new Set(vars);
  // (e's own sign, when the caller has proven it: not asked again)
  const signOf = (u: Expr): Sign | null => (u === e && sign) || provenSign(u, vars, box, budgetFor([u], deadline));
  const log = (u: Expr): Expr => {
    switch (u.k) {
      case 'num': {
        gained = true;
        const a = u.v < 0 ? negNum(u) : u;
        return isNum(a, 1) ? num(0) : call('log', a);
      }
      case 'neg': return log(u.arg);
      // constant factors last: log(3 - u) - log(2)
      case 'mul': gained = true; return add(...u.args.filter((a) => !isConstant(a, varSet)).map(log), ...u.args.filter((a) => isConstant(a, varSet)).map(log));
      case 'pow':
        if (u.exp.k === 'num') { gained = true; return mul(u.exp, log(u.base)); }
        break;
      case 'call':
        if (u.fn === 'exp' && !u.d) { gained = true; return u.args[0]; }
        if ((u.fn === 'sqrt' || u.fn === 'cbrt') && !u.d) { gained = true; return mul(num(u.fn === 'sqrt' ? 0.5 : 1 / 3), log(u.args[0])); }
        if (u.fn === 'abs' && !u.d) { gained = true; return log(u.args[0]); }
        break;
    }
    const s = signOf(u);
    if (s === 'pos' || s === 'nonneg') { gained = true; return call('log', u); }
    if (s === 'neg' || s === 'nonpos') { gained = true; return call('log', u.k === 'add' ? add(...u.args.map(neg)) : neg(u)); }
    return call('log', call('abs', u));
  };
  const r = log(e);
  return gained ? r : null;
}

/** log(abs(det)): the reference every closed form of log|det J| is checked against. */
export const logAbsReference = (det: Expr): Expr => call('log', call('abs', det));

export interface LogDet {
  /** log|det J|, checked against log(abs(det J)) at random domain points; null when there is none to show. */
  readonly logDet: Expr | null;
  readonly sign: DetSign;
}

/**
 * log|det J| and det J's sign. `preferred` (a composition's sum of its layers' log|det|) is
 * one more candidate. A form is shown when det J keeps a sign; when the sign is not known
 * only a form without abs (products of exponentials), when it changes none.
 */
export function logDetOf(det: Expr, ctx: CheckContext, deadline: number, preferred: Expr | null = null): LogDet {
  const sign = detSignOf(det, ctx, deadline);
  if (sign.sign === 'changes') return { logDet: null, sign };
  const candidates: Expr[] = [];
  if (preferred) candidates.push(preferred);
  const proven = sign.certainty === 'proof' ? SIGNS[sign.sign] ?? null : null;
  const form = logAbsForm(det, ctx.variables, ctx.domain, deadline, proven);
  const usesAbs = (e: Expr) => someExpr(e, (x) => x.k === 'call' && x.fn === 'abs');
  if (form && (sign.sign !== 'unknown' || !usesAbs(form))) candidates.push(form);
  candidates.sort((a, b) => size(a) - size(b));
  const reference = logAbsReference(det);
  const logDet = candidates.find((c) => compareNumerically(c, reference, ctx) === 'equal') ?? null;
  return { logDet, sign };
}
