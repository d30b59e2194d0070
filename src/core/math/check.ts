/**
 * Numeric checks: "math is checked, not trusted". Two expressions are compared at random
 * points of the domain, with random smooth stand-ins for unknown functions (consistent with
 * their derivatives) and random values for symbolic constants.
 */
import { Expr, callsOf, someExpr } from './expr';
import { isKnownFunction } from './functions';
import { NumericEnv, UnknownImpl, compileClosure, randomPoint, rng, testFunction, NotNumericError } from './numeric';

export interface CheckContext {
  readonly variables: readonly string[];
  readonly domain: ReadonlyArray<readonly [number, number]>;
  readonly freeSymbols?: readonly string[];
  readonly seed?: number;
}

export type Verdict = 'equal' | 'different' | 'unchecked';

/** Arity of every unknown function used in the trees. */
export function unknownArities(exprs: readonly Expr[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of exprs) {
    someExpr(e, (x) => {
      if (x.k === 'call' && (x.d || !isKnownFunction(x.fn))) out.set(x.fn, Math.max(out.get(x.fn) ?? 0, x.args.length));
      return false;
    });
  }
  return out;
}

/** An environment of stand-ins, the same for every expression compared with it. */
export function testEnvironment(exprs: readonly Expr[], ctx: CheckContext, seed = ctx.seed ?? 1): NumericEnv {
  const rand = rng(seed * 7919 + 17);
  const unknown: Record<string, UnknownImpl> = {};
  for (const [name, arity] of unknownArities(exprs)) unknown[name] = testFunction(arity, rand);
  const symbols: Record<string, number> = {};
  for (const s of ctx.freeSymbols ?? []) symbols[s] = 0.5 + rand();
  return { unknown, symbols };
}

export const closeEnough = (a: number, b: number, rel = 1e-7): boolean =>
  Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b)) + 1e-9;

/**
 * Runs `pass` in one environment and, while it answers 'unchecked' (too few points where the
 * reference is finite), in up to ENV_DRAWS - 1 more with the symbolic constants drawn again:
 * 1/sqrt(1 - v^2/c^2) is undefined at every point of a draw with v > c. `pass` returns null when
 * the trees cannot be evaluated at all (no new draw helps then).
 */
export const ENV_DRAWS = 6;
export function acrossEnvironments(exprs: readonly Expr[], ctx: CheckContext, pass: (env: NumericEnv) => Verdict | null): Verdict {
  const draws = ctx.freeSymbols?.length ? ENV_DRAWS : 1;
  for (let d = 0; d < draws; d++) {
    const v = pass(testEnvironment(exprs, ctx, (ctx.seed ?? 1) + d * 104729));
    if (v === null) return 'unchecked';
    if (v !== 'unchecked') return v;
  }
  return 'unchecked';
}

/**
 * Compare `candidate` with `reference` at random domain points. Points where the reference
 * is not finite are skipped; the candidate must be finite wherever the reference is.
 */
export function compareNumerically(candidate: Expr, reference: Expr, ctx: CheckContext, want = 8): Verdict {
  // without the variables both trees have the same values at every point: one point answers for all
  const points = usesVariables([candidate, reference], ctx.variables) ? want : 1;
  return acrossEnvironments([candidate, reference], ctx, (env) => {
    let f, g;
    try {
      f = compileClosure(candidate, ctx.variables, env);
      // (one tree compared with itself, `checkable`: compiled and evaluated once)
      g = candidate === reference ? f : compileClosure(reference, ctx.variables, env);
    } catch (e) {
      if (e instanceof NotNumericError) return null;
      throw e;
    }
    const rand = rng(ctx.seed ?? 12345);
    let ok = 0;
    for (let tries = 0; tries < points * 6 && ok < points; tries++) {
      const x = randomPoint(ctx.domain, rand);
      pointsEvaluated++;
      const r = g(x);
      // (a constant that is not finite at one point is not finite at any)
      if (!Number.isFinite(r)) { if (points === 1) break; continue; }
      const c = f === g ? r : f(x);
      if (!Number.isFinite(c) || !closeEnough(c, r)) return 'different';
      ok++;
    }
    return ok >= Math.min(4, points) ? 'equal' : 'unchecked';
  });
}

/**
 * Whether a form compared with `reference` could be confirmed: the reference is finite at enough
 * of the points compareNumerically draws. Where it is not (a tower of powers that overflows or is
 * undefined on most of the domain), no simplified form of it can be checked, so none is worked
 * out: the simplifier's time would be spent on forms that are never shown.
 */
export const checkable = (reference: Expr, ctx: CheckContext): boolean => compareNumerically(reference, reference, ctx) === 'equal';

/**
 * Whether some tree uses one of the variables. A check of trees that use none (constants,
 * symbolic constants, unknown functions of those) evaluates them at one point: every other
 * point gives the same values.
 */
export const usesVariables = (exprs: readonly Expr[], variables: readonly string[]): boolean =>
  exprs.some((e) => someExpr(e, (x) => x.k === 'sym' && variables.includes(x.name)));

let pointsEvaluated = 0;
/** How many points the numeric checks have evaluated their trees at so far (tests count them). */
export const checkPointsEvaluated = (): number => pointsEvaluated;
/** (for detAgainstLU in analyze.ts, which counts its own points) */
export const countCheckPoint = (): void => { pointsEvaluated++; };

/** Unknown functions of an expression (for messages). */
export const unknownFunctionsOf = (e: Expr): string[] => [...callsOf(e)].filter((f) => !isKnownFunction(f));
