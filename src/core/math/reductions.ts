/**
 * Cheap proofs of injectivity on the domain box for maps that are not block triangular,
 * tried before any numeric search (injectivity.ts calls them in turn). Each is a theorem,
 * decided soundly (exact algebra, interval arithmetic), never by sampling:
 *
 * - P-matrix (Gale–Nikaido): on a box, a C^1 map whose Jacobian is a P-matrix at every point
 *   (all principal minors > 0) is injective. Signs of rows and columns may be flipped and
 *   rows permuted first (g = S1 P f(S2 x) is injective iff f is, and S2 maps boxes to boxes).
 *   For n = 2 that reads: det J and one diagonal product J_{σ1,1} J_{σ2,2} keep strict signs
 *   with sign(σ) J_{σ1,1} J_{σ2,2} of det J's sign ((x^2 - y^2, 2xy) on x > 0; (xy, x/y)).
 * - Radial rotation: f(p) = R(Θ(|p|)) p exactly (a swirl): |f(p)| = |p| and each circle turns
 *   by its own angle, so f is injective on any set, with f^-1 the rotation by -Θ.
 * - Involution: f(f(x)) = x exactly (rational functions over the map's atoms) and f(f(x))
 *   defined on the whole box: f(a) = f(b) gives a = f(f(a)) = f(f(b)) = b, and f^-1 = f (1/z).
 * - Polar pair: components i, j are R cos Θ and R sin Θ (or sin, cos) with R of one strict
 *   sign and Θ's range inside an interval shorter than 2π: they determine R and Θ, so f is
 *   injective when the map with (R, Θ) in their place is (polar, spherical coordinates).
 * - Row elimination: a component minus a constant multiple of another whose gradient is
 *   constant, chosen so that one entry of J vanishes (g = A f with A constant, det A = 1):
 *   f is injective when g is ((x + y, y + log(x^2 + 1)): the difference depends on x alone).
 * The last two reduce to another map, proved by the same chain (a bounded depth).
 */
import { Expr, add, children, dependsOn, equal, isConstant, isNum, mul, num, size, sub, substitute, symbolsOf } from './expr';
import { diff } from './diff';
import { budgetFor, evalInterval, provenContinuous } from './interval';
import { compareNumerically } from './check';
import { blockForm, classify } from './structure';
import { Algebra, AlgebraError, Budget, BudgetExceeded } from './poly';
import { qIsZero } from './rational';
import { toMathjs } from './print';
import { squareFactored } from './squareFactor';
import { provenSignWithSquares } from './logDet';
import { intervalText, type MapContext, type ProofAttempt } from './injectivity';

/** How deep reductions may nest (spherical coordinates need two polar pairs). */
export const MAX_REDUCTIONS = 3;

const fmt = (e: Expr) => toMathjs(e);
const fmtNum = (v: number) => (Number.isInteger(v) ? String(v) : Number(v.toPrecision(4)).toString());
const strict = (ctx: MapContext, e: Expr): 1 | -1 | 0 => {
  const s = provenSignWithSquares(e, ctx.variables, ctx.domain, budgetFor([e], ctx.deadline));
  return s === 'pos' ? 1 : s === 'neg' ? -1 : 0;
};
const none = (why: string): ProofAttempt => ({ proof: null, why });
const numericOnly = (ctx: MapContext) => !ctx.freeSymbols?.length && !ctx.unknownFunctions?.length;

// ---------------------------------------------------------------------------------------
// P-matrix (Gale–Nikaido), n = 2

export function provePMatrix(ctx: MapContext): ProofAttempt {
  const J = ctx.jacobian;
  if (ctx.variables.length !== 2 || !ctx.det) return none('not a P-matrix');
  const d = strict(ctx, ctx.det);
  if (!d) return none('not a P-matrix');
  for (const [sigma, parity] of [[[0, 1], 1], [[1, 0], -1]] as const) {
    const a = J[sigma[0]][0], b = J[sigma[1]][1];
    if (isNum(a, 0) || isNum(b, 0)) continue;
    const sa = strict(ctx, a);
    if (!sa) continue;
    const sb = strict(ctx, b);
    if (!sb || parity * sa * sb !== d) continue;
    const rel = (e: Expr, s: number) => `${fmt(e)} ${s > 0 ? '>' : '<'} 0`;
    const changed = [parity < 0 ? 'swapped' : '', sa < 0 || sb < 0 ? 'signed' : ''].filter(Boolean).join(' and ');
    return {
      proof: {
        rule: 'p-matrix', steps: null, weak: false,
        // the key fact first (the one-line reason), the signs it rests on after it
        // (J itself only where no row is swapped or negated: polar's J on 0 < θ < π is one with its rows swapped and signed)
        reason: `J${changed ? ` with its rows ${changed}` : ''} is a P-matrix at every point, so f is injective on the box (Gale–Nikaido); ` +
          `with rows ${parity > 0 ? '' : 'swapped and '}signed to make the diagonal positive, ` +
          `${fmt(a) === fmt(b) ? `${rel(a, sa)} (both diagonal entries)` : `${rel(a, sa)}, ${rel(b, sb)}`} and det J = ${rel(ctx.det, d)} on the box`,
      },
    };
  }
  return none('not a P-matrix');
}

// ---------------------------------------------------------------------------------------
// Radial rotations (a swirl)

/** The arguments of cos(...) and sin(...) calls in e (each once, by its text). */
function trigArguments(e: Expr, out: Map<string, Expr> = new Map()): Map<string, Expr> {
  if (e.k === 'call' && (e.fn === 'cos' || e.fn === 'sin') && !e.d && e.args.length === 1) out.set(fmt(e.args[0]), e.args[0]);
  if (out.size < 8) for (const c of children(e)) trigArguments(c, out);
  return out;
}

/** e - d is 0 exactly (rational functions over the map's atoms). */
function exactlyEqual(ctx: MapContext, e: Expr, d: Expr): boolean {
  try {
    const alg = new Algebra({ variables: ctx.variables, budget: new Budget(Math.min(ctx.deadline, Date.now() + 50)) });
    const c = alg.isConst(alg.fromExpr(sub(e, d)));
    return !!c && qIsZero(c);
  } catch (err) {
    if (err instanceof BudgetExceeded || err instanceof AlgebraError) return false;
    throw err;
  }
}

/**
 * f(p) = R(Θ(|p|)) p, a rotation of each point by an angle that depends on its radius alone
 * (a swirl): components (cos Θ x - sin Θ y, sin Θ x + cos Θ y) exactly, with x ∂Θ/∂y - y ∂Θ/∂x = 0
 * exactly (Θ constant on circles about 0). Then |f(p)| = |p|, so f(a) = f(b) gives |a| = |b|,
 * the same angle, and a = b: f is injective on any set, and f^-1(q) = R(-Θ(|q|)) q.
 */
export function proveRadialRotation(ctx: MapContext): ProofAttempt {
  const vars = ctx.variables, f = ctx.components;
  if (vars.length !== 2 || ctx.components.some((c) => size(c) > 400)) return none('not a radial rotation');
  const [x, y] = vars.map((v) => ({ k: 'sym', name: v }) as Expr);
  for (const T of trigArguments(f[0]).values()) {
    if (!dependsOn(T, vars[0]) && !dependsOn(T, vars[1])) continue;
    const c = { k: 'call', fn: 'cos', args: [T] } as Expr, s = { k: 'call', fn: 'sin', args: [T] } as Expr;
    if (!exactlyEqual(ctx, f[0], sub(mul(c, x), mul(s, y))) || !exactlyEqual(ctx, f[1], add(mul(s, x), mul(c, y)))) continue;
    if (!exactlyEqual(ctx, mul(x, diff(T, vars[1])), mul(y, diff(T, vars[0])))) continue;
    if (!provenContinuous([T], vars, ctx.domain, budgetFor([T], ctx.deadline))) continue;
    return {
      proof: {
        rule: 'reduction', steps: null, weak: false,
        inverse: [add(mul(c, x), mul(s, y)), sub(mul(c, y), mul(s, x))],
        reason: `radial rotation: f turns each circle about 0 by Θ = ${fmt(T)}, a function of ${vars[0]}^2 + ${vars[1]}^2; ` +
          'so |f(p)| = |p|, and f(a) = f(b) gives |a| = |b|, the same angle and a = b: f is injective on the box, ' +
          'and f^-1 turns each circle back by -Θ',
      },
    };
  }
  return none('not a radial rotation');
}

// ---------------------------------------------------------------------------------------
// Involutions

export function proveInvolution(ctx: MapContext): ProofAttempt {
  const vars = ctx.variables;
  if (!numericOnly(ctx) || ctx.components.some((c) => size(c) > 60)) return none('not an involution');
  const at = new Map(vars.map((v, i) => [v, ctx.components[i]] as const));
  const twice = ctx.components.map((c) => substitute(c, at));
  try {
    const alg = new Algebra({ variables: vars, budget: new Budget(Math.min(ctx.deadline, Date.now() + 50)) });
    for (let i = 0; i < vars.length; i++) {
      const c = alg.isConst(alg.fromExpr(sub(twice[i], { k: 'sym', name: vars[i] })));
      if (!c || !qIsZero(c)) return none('not an involution');
    }
  } catch (e) {
    if (e instanceof BudgetExceeded || e instanceof AlgebraError) return none('not an involution');
    throw e;
  }
  // the identity holds where f(f(x)) is defined: everywhere on the box
  if (!provenContinuous(twice, vars, ctx.domain, budgetFor(twice, ctx.deadline))) return none('not an involution');
  return {
    proof: {
      rule: 'involution', steps: null, weak: false, inverse: [...ctx.components],
      reason: 'f(f(x)) = x exactly and f(f(x)) is defined on the whole box, so f(a) = f(b) gives a = b: f is injective and is its own inverse',
    },
  };
}

// ---------------------------------------------------------------------------------------
// Reductions to another map

/** A reduction of f to g: g's components, proved by `prove` at the next depth. */
type Prove = (ctx: MapContext) => ProofAttempt;

/** The map with new components (and their Jacobian, else derived and tidied), its structure recomputed. */
function reducedMap(ctx: MapContext, components: readonly Expr[], jacobian?: readonly (readonly Expr[])[]): MapContext {
  const vars = ctx.variables, varSet = new Set(vars);
  const J = (jacobian ?? components.map((c) => vars.map((v) => diff(c, v)))).map((row) => row.map((e) => tidy(ctx, e)));
  const nz = J.map((row) => row.map((e) => !isNum(e, 0)));
  const deps = J.map((row) => row.map((e) => [...symbolsOf(e)].filter((s) => varSet.has(s)).map((s) => vars.indexOf(s))));
  const form = blockForm(nz);
  const identity = components.map((c, i) => c.k === 'sym' && c.name === vars[i]);
  return { ...ctx, components, jacobian: J, det: null, blocks: form.blocks, structure: classify({ nz, deps, identity }, form) };
}

/**
 * A shorter equal form (exact algebra, then checked at random points of the box), else e;
 * in one variable, with repeated polynomial factors written as squares (exact), so that a
 * sign test sees -(x - 1)^2 <= 0 where 2x - x^2 - 1 never settles.
 */
function tidy(ctx: MapContext, e: Expr): Expr {
  if (e.k === 'num' || e.k === 'sym') return e;
  const own = ctx.variables.filter((v) => dependsOn(e, v));
  try {
    const alg = new Algebra({ variables: ctx.variables, budget: new Budget(Math.min(ctx.deadline, Date.now() + 30)) });
    const b = alg.best(alg.fromExpr(e));
    // (the simplifier may have written them as powers already: -(x - 1)^2/(x^2 + 1))
    const squares = own.length === 1 ? squareFactored(b, own[0]) ?? (hasPowerOfSum(b) ? b : null) : null;
    const s = squares ?? b;
    if ((squares || size(b) < size(e)) && compareNumerically(s, e, { variables: ctx.variables, domain: ctx.domain, freeSymbols: ctx.freeSymbols }) === 'equal') return s;
  } catch (err) {
    if (!(err instanceof BudgetExceeded || err instanceof AlgebraError)) throw err;
  }
  return e;
}

/** e has a factor (a sum)^k with an even integer k: a repeated factor the sign test reads. */
function hasPowerOfSum(e: Expr): boolean {
  if (e.k === 'neg') return hasPowerOfSum(e.arg);
  if (e.k === 'mul') return e.args.some(hasPowerOfSum);
  return e.k === 'pow' && e.base.k === 'add' && e.exp.k === 'num' && e.exp.v > 0 && e.exp.v % 2 === 0;
}

const factorsOf = (e: Expr): readonly Expr[] => (e.k === 'mul' ? e.args : e.k === 'neg' ? [num(-1), ...factorsOf(e.arg)] : [e]);

/** e as R * fn(Θ): the first factor fn(Θ) (a plain sin or cos) and the product of the rest. */
function trigSplit(e: Expr, fn: 'sin' | 'cos'): Array<{ angle: Expr; radius: Expr }> {
  const fs = factorsOf(e);
  return fs.flatMap((f, k) => (f.k === 'call' && f.fn === fn && !f.d && f.args.length === 1
    ? [{ angle: f.args[0], radius: mul(...fs.filter((_, m) => m !== k)) }] : []));
}

export function provePolarPair(ctx: MapContext, prove: Prove): ProofAttempt {
  const vars = ctx.variables, f = ctx.components;
  if (vars.length < 2) return none('no polar pair');
  for (let i = 0; i < f.length; i++) {
    for (const c of trigSplit(f[i], 'cos')) {
      for (let j = 0; j < f.length; j++) {
        if (j === i) continue;
        const s = trigSplit(f[j], 'sin').find((t) => equal(t.angle, c.angle) && equal(t.radius, c.radius));
        if (!s) continue;
        const R = c.radius, T = c.angle;
        const sign = strict(ctx, R);
        if (!sign) continue;
        const range = evalInterval(T, vars, ctx.domain);
        if (!range.defined || !(range.hi - range.lo < 2 * Math.PI)) continue;
        const next = f.map((e, k) => (k === i ? R : k === j ? T : e));
        const sub = prove(reducedMap(ctx, next));
        if (!sub.proof) continue;
        // the key fact first (the one-line reason is its first clause), then how the rest follows
        const reason = `components ${i + 1}, ${j + 1} are R (cos Θ, sin Θ) with R = ${fmt(R)} ${sign > 0 ? '> 0' : '< 0'}, Θ = ${fmt(T)} in ` +
          `${intervalText(ctx, [range.lo, range.hi])} (under 2π wide); so they determine R and Θ, and with those in their place: ${sub.proof.reason}`;
        return { proof: { rule: 'reduction', reason, steps: null, weak: sub.proof.weak } };
      }
    }
  }
  return none('no polar pair');
}

export function proveRowElimination(ctx: MapContext, prove: Prove): ProofAttempt {
  const vars = ctx.variables, J = ctx.jacobian, varSet = new Set(vars);
  const n = vars.length;
  if (n < 2 || !ctx.blocks) return none('no row elimination');
  const constant = (e: Expr) => isConstant(e, varSet);
  for (let i = 0; i < n; i++) {
    if (J[i].every((e) => isNum(e, 0))) continue;
    // row i with a constant gradient removes a column from row k; otherwise the combination
    // must leave a constant gradient (the standard map: f2 - f1 = θ)
    const constantRow = J[i].every(constant);
    for (let k = 0; k < n; k++) {
      if (k === i || J[k].every(constant)) continue;
      for (let c = 0; c < n; c++) {
        const p = J[i][c], q = J[k][c];
        // a constant entry of row k over a nonzero number of row i: row k - (q/p) row i vanishes in column c
        if (p.k !== 'num' || p.v === 0 || q.k !== 'num' || q.v === 0) continue;
        const lambda = q.v / p.v;
        if (!Number.isFinite(lambda)) continue;
        const l = num(lambda);
        const g = sub(ctx.components[k], mul(l, ctx.components[i]));
        const row = J[k].map((e, m) => (m === c ? num(0) : sub(e, mul(l, J[i][m]))));
        if (row.every((e) => isNum(e, 0)) || (!constantRow && !row.every(constant))) continue;
        const sub2 = prove(reducedMap(ctx, ctx.components.map((e, m) => (m === k ? g : e)), J.map((r, m) => (m === k ? row : r))));
        if (!sub2.proof) continue;
        const times = Math.abs(lambda) === 1 ? '' : `${fmtNum(Math.abs(lambda))} `;
        const reason = `g = f${k + 1} ${lambda > 0 ? '-' : '+'} ${times}f${i + 1} = ${fmt(tidy(ctx, g))} (${constantRow ? `f${i + 1} has a constant gradient` : 'g has a constant gradient'}), and f is injective when ` +
          `f with g in place of f${k + 1} is: ${sub2.proof.reason}`;
        return { proof: { rule: 'reduction', reason, steps: null, weak: sub2.proof.weak } };
      }
    }
  }
  return none('no row elimination');
}

