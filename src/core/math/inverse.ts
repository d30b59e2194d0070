/**
 * Inverses of maps proven injective.
 *
 * Symbolic: a block triangular map is solved one block at a time (see injectivity.ts): a
 * 1x1 block whose own variable occurs once is unwound (z_B exp(s(z_A)) + t(z_A) = y gives
 * z_B = (y - t(z_A)) / exp(s(z_A)); x^3 = y gives cbrt(y); sigmoid, softplus, ... by their
 * inverses), a block affine in its own variables by Cramer's rule; earlier variables are
 * replaced by their solutions. The inverse is written in the same variable names, read as
 * coordinates of the image: f^-1(x, y) = (...). It is checked, f^-1(f(z)) = z at random
 * domain points (random stand-ins for unknown functions), before it is returned.
 *
 * Numeric: Newton from the nearest of a set of seed points, at any point of the image.
 */
import { Expr, ONE, add, call, dependsOn, div, mapExpr, mul, neg, num, pow, rationalValue, sub, substitute, sym, symbolsOf } from './expr';
import { FieldOps, Q, Q0, Q1, Q_FIELD, qContent, qDiv, qFromNumber, qIsZero, qNeg, qSign, rowReduce } from './rational';
import { S0, S1, SurdField, sDiv, sIsZero, sMul, sScale, sSign, sSub, surdExpr, surdValue } from './surd';
import { exprRing, laplaceDet } from './determinant';
import { Box, evalInterval } from './interval';
import { Algebra, AlgebraError, Budget, coefficientExpr, shorter } from './poly';
import { numberStyle } from './print';
import { CheckContext, closeEnough, testEnvironment } from './check';
import { NumericEnv, compileClosure, randomPoint, rng } from './numeric';
import type { SolveStep } from './injectivity';
import { NumericMap, Samples, maxAbs, normDist, numericMap, row, sampleMap, samplingBox, solveFor, widthsOf } from './witness';

export interface InverseInput {
  readonly variables: readonly string[];
  readonly domain: Box;
  readonly components: readonly Expr[];
  readonly jacobian: readonly (readonly Expr[])[];
  readonly steps: readonly SolveStep[];
  readonly freeSymbols?: readonly string[];
  readonly seed?: number;
  /** Time for the simplification of the whole inverse, in milliseconds (default 200). */
  readonly budgetMs?: number;
  /** false: no exact path for a constant J of rationals or a + b √d (tests compare it with the general path). */
  readonly exactAffine?: boolean;
}

const Y = (i: number) => sym(`__y${i}`);

/** A point of [lo, hi] that prints nicely: 0, else the integer nearest the middle, else the middle. */
function niceCentre([lo, hi]: readonly [number, number]): number {
  if (lo <= 0 && hi >= 0) return 0;
  const r = Math.round((lo + hi) / 2);
  return r >= lo && r <= hi ? r : (lo + hi) / 2;
}

function occurrences(e: Expr, v: string): number {
  if (e.k === 'sym') return e.name === v ? 1 : 0;
  if (e.k === 'num') return 0;
  if (e.k === 'neg') return occurrences(e.arg, v);
  if (e.k === 'pow') return occurrences(e.base, v) + occurrences(e.exp, v);
  return e.args.reduce((s, a) => s + occurrences(a, v), 0);
}

/** Inverses of known functions on their whole range: f(u) = y  =>  u = INV[f](y). */
const INVERSE_FN: Readonly<Record<string, (y: Expr) => Expr>> = {
  exp: (y) => call('log', y), log: (y) => call('exp', y), expm1: (y) => call('log1p', y), log1p: (y) => call('expm1', y),
  log10: (y) => pow(num(10), y), log2: (y) => pow(num(2), y),
  sqrt: (y) => pow(y, num(2)), cbrt: (y) => pow(y, num(3)),
  sinh: (y) => call('asinh', y), asinh: (y) => call('sinh', y), tanh: (y) => call('atanh', y), atanh: (y) => call('tanh', y),
  atan: (y) => call('tan', y), asin: (y) => call('sin', y), acos: (y) => call('cos', y),
  sigmoid: (y) => call('log', div(y, sub(ONE, y))), softplus: (y) => call('log', call('expm1', y)),
};

/**
 * Solve e = y for v, where v occurs once in e; other symbols are known. Branches are chosen
 * from the range of the sub-expression over the box; null when no rule applies.
 */
export function unwind(e: Expr, v: string, y: Expr, vars: readonly string[], box: Box): Expr | null {
  const range = (x: Expr) => evalInterval(x, vars, box);
  for (let guard = 0; guard < 64; guard++) {
    if (e.k === 'sym' && e.name === v) return y;
    switch (e.k) {
      case 'neg': y = neg(y); e = e.arg; continue;
      case 'add': {
        const inner = e.args.find((a) => dependsOn(a, v))!;
        y = sub(y, add(...e.args.filter((a) => a !== inner)));
        e = inner;
        continue;
      }
      case 'mul': {
        const inner = e.args.find((a) => dependsOn(a, v))!;
        y = div(y, mul(...e.args.filter((a) => a !== inner)));
        e = inner;
        continue;
      }
      case 'pow': {
        if (dependsOn(e.exp, v)) {
          // c^u = y  =>  u = log(y) / log(c), c > 0
          const c = range(e.base);
          if (!c.pos) return null;
          y = e.base.k === 'sym' && e.base.name === 'e' ? call('log', y) : div(call('log', y), call('log', e.base));
          e = e.exp;
          continue;
        }
        if (e.exp.k !== 'num') return null;
        const k = e.exp.v, b = range(e.base);
        if (k === -1) y = div(ONE, y);
        else if (k === 3) y = call('cbrt', y);
        else if (k === 2 && b.nonneg) y = call('sqrt', y);
        else if (k === 2 && b.nonpos) y = neg(call('sqrt', y));
        else if (b.pos) y = pow(y, num(1 / k));
        else return null;
        e = e.base;
        continue;
      }
      case 'call': {
        if (e.d || e.args.length !== 1) return null;
        const a = range(e.args[0]);
        const inv = INVERSE_FN[e.fn];
        if (inv) y = inv(y);
        else if (e.fn === 'sin' && a.lo >= -Math.PI / 2 && a.hi <= Math.PI / 2) y = call('asin', y);
        else if (e.fn === 'cos' && a.lo >= 0 && a.hi <= Math.PI) y = call('acos', y);
        else if (e.fn === 'tan' && a.lo > -Math.PI / 2 && a.hi < Math.PI / 2) y = call('atan', y);
        else if (e.fn === 'cosh' && a.nonneg) y = call('acosh', y);
        else if (e.fn === 'cosh' && a.nonpos) y = neg(call('acosh', y));
        else return null;
        e = e.args[0];
        continue;
      }
      default: return null;
    }
  }
  return null;
}

/** The symbolic inverse, checked, or null. */
export function symbolicInverse(input: InverseInput): Expr[] | null {
  const { variables: vars, domain: box, components: f } = input;
  const ctx: CheckContext = { variables: vars, domain: samplingBox(box), freeSymbols: input.freeSymbols, seed: input.seed ?? 7 };
  const check = inverseChecker(f, ctx);
  const exact = input.exactAffine === false ? null : checkedAffineInverse(input, check);
  if (exact) return exact;
  const raw = solveSteps(input);
  if (!raw || !check(raw)) return null;
  // Each solution was simplified as it was found (the names changed since, not the form).
  return raw.map(negativeExponentials);
}

/**
 * A constant J of rationals (or of a + b √d): the inverse by exact linear algebra, no simplifier,
 * checked all the same (f^-1(f(z)) = z); null where that path does not apply or the check fails.
 */
export function checkedAffineInverse(input: Omit<InverseInput, 'steps'>,
  check = inverseChecker(input.components, { variables: input.variables, domain: samplingBox(input.domain), freeSymbols: input.freeSymbols, seed: input.seed ?? 7 })): Expr[] | null {
  let exact: Expr[] | null = null;
  try {
    exact = affineInverse(input.variables, input.domain, input.components, input.jacobian);
  } catch (e) {
    if (!(e instanceof AlgebraError)) throw e;   // a coefficient beyond the doubles: the general path
  }
  return exact && check(exact) ? exact : null;
}

/** The inverse solved block by block (the proof's steps), each solution simplified; unchecked. */
function solveSteps(input: InverseInput): Expr[] | null {
  const { variables: vars, domain: box, components: f, jacobian: J } = input;
  // One deadline for every simplification below (each is bounded by it, not by its own share).
  const deadline = Date.now() + (input.budgetMs ?? 200);
  const shortest = (e: Expr, names: readonly string[]) => shortestBy(e, names, deadline);
  const solved = new Map<string, Expr>();
  for (const step of input.steps) {
    const own = step.cols.map((j) => vars[j]);
    // The block's equations depend on its own and earlier variables only (J is 0 elsewhere):
    // fix the others at a point, so that stray symbols (x (sin(y)^2 + cos(y)^2)) drop out.
    const freeze = new Map<string, Expr>();
    const unused = (k: number) => step.rows.every((i) => J[i][k].k === 'num' && J[i][k].v === 0);
    vars.forEach((v, k) => { if (!own.includes(v) && (!solved.has(v) || unused(k))) freeze.set(v, num(niceCentre(box[k]))); });
    const g = step.rows.map((i) => substitute(f[i], freeze));
    let sol: Expr[] | null;
    if (step.rows.length === 1) {
      const [i] = step.rows, [j] = step.cols;
      const once = occurrences(g[0], vars[j]) === 1 ? unwind(g[0], vars[j], Y(i), vars, box) : null;
      sol = once ? [once] : step.kind === 'affine' ? affineSolve(g, [j], [substitute(J[i][j], freeze)], step.rows, vars, box) : null;
    } else {
      sol = step.kind === 'affine' && step.rows.length <= 4
        ? affineSolve(g, step.cols, step.rows.map((i) => step.cols.map((j) => substitute(J[i][j], freeze))).flat(), step.rows, vars, box)
        : null;
    }
    if (!sol || Date.now() > deadline) return null;
    for (const [k, e] of sol.entries()) {
      const s = shortest(substitute(e, solved), [...vars, ...vars.map((_, i) => `__y${i}`)]);
      // earlier solutions substituted into later ones can grow without bound: no closed form then
      if (!sizeAtMost(s, MAX_INVERSE_SIZE)) return null;
      solved.set(own[k], s);
    }
  }
  const rename = new Map(vars.map((v, i) => [`__y${i}`, sym(v)] as const));
  const raw = vars.map((v) => substitute(solved.get(v)!, rename));
  return raw.some((e) => [...symbolsOf(e)].some((s) => s.startsWith('__y'))) ? null : raw;
}

/**
 * The inverse of a map whose Jacobian M is a constant matrix of rationals (or of numbers
 * a + b √d, one d: a rotation by π/6): f(z) = f(c) + M (z - c) (c the box's centre, printed
 * nicely), so f^-1(y) = c + M^-1 (y - f(c)), solved exactly by Gauss-Jordan elimination and
 * written as sums in the variables' names (read as image coordinates), without the
 * simplifier. Unchecked: the caller checks f^-1(f(z)) = z. null when some entry of J is not
 * such a number, f(c) does not fold to one, or M is singular.
 */
export function affineInverse(vars: readonly string[], box: Box, f: readonly Expr[], J: readonly (readonly Expr[])[]): Expr[] | null {
  const n = vars.length;
  if (J.length !== n || f.length !== n || !J.every((r) => r.length === n)) return null;
  const centre = vars.map((_, k) => niceCentre(box[k]));
  const at = new Map(vars.map((v, k) => [v, num(centre[k])] as const));
  const decimals = numberStyle() === 'decimal';
  const exact = <T>(value: (e: Expr) => T | null, field: FieldOps<T> & { one: T; zero: T; of: (c: Q) => T },
    coef: CoefOps<T> & { form?: (coefs: readonly T[], constant: T) => Expr | null }): Expr[] | null => {
    const M = J.map((r) => r.map(value));
    if (!M.every((r) => r.every((v) => v !== null))) return null;
    const fc = f.map((e) => value(substitute(e, at)));
    if (!fc.every((v) => v !== null)) return null;
    // [M | I] -> [I | M^-1]
    const m: T[][] = M.map((r, i) => [...(r as T[]), ...vars.map((_, k) => (k === i ? field.one : field.zero))]);
    if (rowReduce(m, n, field).length < n) return null;
    return vars.map((_, j) => {
      const coefs = m[j].slice(n);
      // x_j = c_j + sum_k a_jk (y_k - f(c)_k)
      const constant = coefs.reduce((acc, a, k) => field.sub(acc, field.mul(a, fc[k]!)), field.of(qFromNumber(centre[j])));
      return coef.form?.(coefs, constant) ?? linearForm(coefs, constant, vars, coef);
    });
  };
  const rational: CoefOps<Q> = { isZero: qIsZero, sign: qSign, scale: qDiv, parts: (c) => [c], expr: (c) => coefficientExpr(c, decimals) };
  const rationalInverse = exact(rationalValue, { ...Q_FIELD, one: Q1, zero: Q0, of: (c) => c }, rational);
  if (rationalInverse) return rationalInverse;
  const sf: SurdField = { d: null };
  const d = () => sf.d ?? 1n;
  return exact((e) => surdValue(e, sf), { isZero: sIsZero, sub: sSub, mul: (a, b) => sMul(a, b, d()), div: (a, b) => sDiv(a, b, d()), one: S1, zero: S0, of: (c) => ({ a: c, b: Q0 }) }, {
    isZero: sIsZero, sign: (c) => sSign(c, d()), scale: (c, k) => sScale(c, qDiv(Q1, k)), parts: (c) => [c.a, c.b], expr: (c) => surdExpr(c, d(), (x) => coefficientExpr(x, decimals)),
    // every coefficient a multiple of √d: √d times a rational form (√2 (x + y - 1)/2)
    form: (coefs, constant) => ([...coefs, constant].every((c) => qIsZero(c.a))
      ? mul(call('sqrt', num(Number(d()))), linearForm(coefs.map((c) => c.b), constant.b, vars, rational)) : null),
  });
}


/** What linearForm needs of its exact coefficients (rationals, or a + b √d). */
interface CoefOps<T> {
  readonly isZero: (c: T) => boolean;
  readonly sign: (c: T) => number;
  /** c / k for a rational k. */
  readonly scale: (c: T, k: Q) => T;
  /** The rational parts, for the content. */
  readonly parts: (c: T) => readonly Q[];
  readonly expr: (c: T) => Expr;
}

/**
 * sum_k a_k v_k + c with exact coefficients: as it is, or with the content taken out
 * ((3x + y - 1)/7), whichever is shorter; terms with positive coefficients first, the constant last.
 */
function linearForm<T>(coefs: readonly T[], constant: T, vars: readonly string[], ops: CoefOps<T>): Expr {
  const decimals = numberStyle() === 'decimal';
  const order = [...coefs.keys()].filter((k) => !ops.isZero(coefs[k])).sort((a, b) => (ops.sign(coefs[b]) - ops.sign(coefs[a])) || a - b);
  const sum = (scale: Q) => add(...order.map((k) => mul(ops.expr(ops.scale(coefs[k], scale)), sym(vars[k]))), ops.expr(ops.scale(constant, scale)));
  const expanded = sum(Q1);
  const content = qContent([...order, -1].flatMap((k) => (k < 0 && ops.isZero(constant) ? [] : ops.parts(k < 0 ? constant : coefs[k]).filter((c) => !qIsZero(c)))));
  if (content.n === content.d || order.length + (ops.isZero(constant) ? 0 : 1) < 2) return expanded;
  // the content's sign follows the first term, so that the sum inside starts with a positive term
  const scale = order.length && ops.sign(coefs[order[0]]) < 0 ? qNeg(content) : content;
  const inner = sum(scale);
  const over = div(inner, coefficientExpr({ n: scale.d, d: 1n }, decimals));
  const factored = scale.n === 1n ? over : scale.n === -1n ? neg(over) : mul(coefficientExpr(scale, decimals), inner);
  return shorter(factored, expanded) ? factored : expanded;
}

/** Largest inverse component (in nodes) that is worth showing. */
const MAX_INVERSE_SIZE = 400;

/** Does e have at most `limit` nodes (counted as a tree; stops counting past the limit)? */
export function sizeAtMost(e: Expr, limit: number): boolean {
  let count = 0;
  const stack: Expr[] = [e];
  while (stack.length) {
    const x = stack.pop()!;
    if (++count > limit) return false;
    if (x.k === 'neg') stack.push(x.arg);
    else if (x.k === 'pow') stack.push(x.base, x.exp);
    else if (x.k === 'add' || x.k === 'mul' || x.k === 'call') stack.push(...x.args);
  }
  return true;
}

/** 1/exp(u)^k as exp(-k u): (z_B' - t(z_A)) exp(-s(z_A)), as coupling layers are written. */
function negativeExponentials(e: Expr): Expr {
  return mapExpr(e, (x) => {
    if (x.k === 'pow' && x.exp.k === 'num' && x.exp.v < 0 && x.base.k === 'call' && x.base.fn === 'exp' && !x.base.d) {
      return call('exp', mul(num(x.exp.v), x.base.args[0]));
    }
    return x;
  });
}

/** The exact algebra's shortest form of e, when it is shorter (callers check the result). */
function shortestBy(e: Expr, vars: readonly string[], deadline: number): Expr {
  if (Date.now() > deadline) return e;
  try {
    const alg = new Algebra({ variables: vars, budget: new Budget(deadline) });
    const s = alg.best(alg.fromExpr(e));
    return shorter(s, e) ? s : e;
  } catch {
    return e;
  }
}

/**
 * x_C = c + M^-1 (y_R - g(c)) for a block affine in its own variables x_C (M its Jacobian
 * block, row-major, free of x_C), by Cramer's rule.
 */
function affineSolve(g: readonly Expr[], cols: readonly number[], M: readonly Expr[], rows: readonly number[], vars: readonly string[], box: Box): Expr[] {
  const k = cols.length;
  const c = new Map(cols.map((j) => [vars[j], num(niceCentre(box[j]))] as const));
  const rhs = rows.map((i, r) => sub(Y(i), substitute(g[r], c)));
  const m = Array.from({ length: k }, (_, r) => M.slice(r * k, (r + 1) * k));
  const idx = m.map((_, r) => r);
  const det = laplaceDet(m, idx, idx, exprRing);
  return cols.map((j, a) => {
    // Cramer: replace column a by the right-hand side.
    const ma = m.map((rowM, r) => rowM.map((e, col) => (col === a ? rhs[r] : e)));
    return add(c.get(vars[j])!, div(laplaceDet(ma, idx, idx, exprRing), det));
  });
}

/** A test of f^-1(f(z)) = z at random domain points, with stand-ins for unknown functions. */
function inverseChecker(f: readonly Expr[], ctx: CheckContext): (inv: readonly Expr[]) => boolean {
  return (inv) => {
    let env: NumericEnv, fs: Array<(x: ArrayLike<number>) => number>, gs: typeof fs;
    try {
      env = testEnvironment([...f, ...inv], ctx);
      fs = f.map((e) => compileClosure(e, ctx.variables, env));
      gs = inv.map((e) => compileClosure(e, ctx.variables, env));
    } catch {
      return false;
    }
    const rand = rng((ctx.seed ?? 7) + 31);
    let ok = 0;
    for (let tries = 0; tries < 60 && ok < 8; tries++) {
      const z = randomPoint(ctx.domain, rand);
      const y = fs.map((h) => h(z));
      if (!y.every(Number.isFinite)) continue;
      const back = gs.map((h) => h(y));
      if (!back.every((v, i) => Number.isFinite(v) && closeEnough(v, z[i], 1e-8))) return false;
      ok++;
    }
    return ok >= 4;
  };
}

// ---------------------------------------------------------------------------------------
// Numeric inverse

export interface InverseSource {
  readonly variables: readonly string[];
  readonly domain: Box;
  readonly trees: {
    readonly components: readonly Expr[];
    readonly jacobian: readonly (readonly Expr[])[];
    readonly det: Expr | null;
    readonly inverse?: readonly Expr[] | null;
  };
}

/** f^-1 at a point of the image: the preimage in the domain box, or null (not in the image, or not found). */
export type NumericInverse = (y: ArrayLike<number>) => number[] | null;

export interface NumericInverseOptions {
  /** Seed points for Newton's starting guesses. */
  readonly seeds?: number;
  /** Largest residual |f(x) - y| / max(1, |y|) accepted. */
  readonly tolerance?: number;
}

/**
 * A numeric inverse for the preview's density view and for tests: the symbolic inverse
 * where there is one (its answer checked), else Newton from the nearest seeds. Works with
 * closures when code generation is not allowed. Throws NotNumericError for maps with
 * unknown functions or symbolic constants.
 */
export function createNumericInverse(src: InverseSource, opts: NumericInverseOptions = {}): NumericInverse {
  const { variables: vars, domain: box } = src;
  const map: NumericMap = numericMap(src.trees.components, src.trees.jacobian, src.trees.det, vars, samplingBox(box));
  const tol = opts.tolerance ?? 1e-10;
  const closed = src.trees.inverse ? src.trees.inverse.map((e) => compileClosure(e, vars)) : null;
  let seeds: Samples | null = null;
  const w = widthsOf(box);
  const n = vars.length;
  const residual = (x: ArrayLike<number>, y: ArrayLike<number>) => {
    const fx = map.f(x);
    let m = 0;
    for (let i = 0; i < n; i++) m = Math.max(m, Math.abs(fx[i] - y[i]));
    return m / Math.max(1, maxAbs(y));
  };
  return (y) => {
    if (closed) {
      const x = closed.map((g) => g(y));
      if (x.every(Number.isFinite) && box.every(([a, b], i) => x[i] >= a - 1e-12 * w[i] && x[i] <= b + 1e-12 * w[i]) && residual(x, y) <= Math.max(tol, 1e-9)) return x;
    }
    seeds ??= sampleMap(map, opts.seeds ?? Math.min(4000, 200 * 4 ** Math.min(n, 4)), rng(1234));
    const S = seeds;
    const order: Array<{ i: number; d: number }> = [];
    for (let i = 0; i < S.count; i++) {
      const yi = row(S.Y, i, n);
      if (!Number.isFinite(yi[0])) continue;
      let d = 0;
      for (let k = 0; k < n; k++) d += (yi[k] - y[k]) ** 2;
      order.push({ i, d });
    }
    order.sort((p, q) => p.d - q.d);
    const tried: number[][] = [];
    for (const { i } of order.slice(0, 8)) {
      const start = Array.from(row(S.X, i, n));
      if (tried.some((t) => normDist(t, start, w) < 0.01)) continue;
      tried.push(start);
      const s = solveFor(map, y, start);
      if (s && s.residual <= tol) return s.x;
    }
    return null;
  };
}
