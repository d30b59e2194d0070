/**
 * Transform -> TransformReport: Jacobian, structure, determinant, simplification (checked),
 * LaTeX, numeric availability, invertibility.
 */
import { Expr, add, children, equal, exprKey, isNum, mul, neg, size, symbolsOf } from './math/expr';
import { jacobian } from './math/diff';
import { Algebra, AlgebraError, Budget, BudgetExceeded, RF, expandedSizeBound, inversePairCount, shorter } from './math/poly';
import { blockForm, classify } from './math/structure';
import { MAX_DENSE_BLOCK, algebraRing, blockDets, constantBlockDet, exprRingWith, productDet, structuredDet } from './math/determinant';
import { CheckContext, checkable, closeEnough, compareNumerically, acrossEnvironments, usesVariables, countCheckPoint } from './math/check';
import { compileClosure, luDet, notNumericReason, randomPoint, rng, NotNumericError } from './math/numeric';
import { decimalsOf, numberStyleOf, toLatex, toMathjs, toReadable, withNumberStyle, withVariableOrder } from './math/print';
import type { Transform } from './model';
import { applyBlocks } from './math/block';
import { applyAutoregressive } from './math/autoregressive';
import { applyVector } from './math/vector/apply';
import { applyField } from './math/field';
import { logDetOf } from './math/logDet';
import type { Invertibility, TransformReport, Where } from './report';
import { NamedValue, ShownForms, shownForms, whereOf } from './abbreviate';
import { ResolveError, resolveComponents } from './parse/resolve';
import { analyzePiecewise } from './piecewise';
import { domainMatters } from './domainMatters';
import { Elementwise, Layers, elementwiseForm, layeredElementwise, layeredForm } from './math/elementwise';
import { inUserNames } from './inNames';
import { proseInUserNames, readableName } from './format';
import { latexName } from './cache';

/** Forms at least this large (in nodes) are tried in the definition's own names. */
const REWRITE_SIZE = 40;
/** Steps of the simplifier for the where lines' names and for the elementwise form's inner forms (each). */
const WHERE_STEPS = 200_000;

export interface AnalyzeOptions {
  /** Symbolic work per transform, in milliseconds; past it, numeric answers still come. */
  readonly budgetMs?: number;
  /** Seed for the random points of checks (reproducible reports). */
  readonly seed?: number;
  /**
   * The invertibility engine; analysis without it reports 'unknown'. It may also return a
   * checked closed-form inverse (in the same variable names, read as image coordinates).
   */
  readonly invertibility?: (t: Transform, r: Omit<TransformReport, 'invertibility'>, limits?: AnalysisLimits) => Invertibility | InvertibilityResult;
  /**
   * det J (and log|det J|) known from elsewhere: a composition's chain rule. Checked against
   * LU of J like any candidate; when it passes, det J is not expanded from J.
   */
  readonly knownDet?: { readonly det: Expr; readonly logDet: Expr | null };
  /**
   * Analysed as one piece of a piecewise map (piecewise.ts): only what a piece's report shows
   * (J, structure, det J); no where lines, log|det J| or domain verdict, which only the map's
   * main piece carries.
   */
  readonly pieceOnly?: boolean;
  /**
   * Work shared by the pieces of one piecewise map (they often have components in common):
   * J entries and terms already simplified, by the raw expression's key.
   */
  readonly shared?: SharedWork;
}

/** Simplified J entries and termwise terms (null: not simplified within its steps), by exprKey of the raw form. */
export interface SharedWork {
  readonly entries: Map<string, Expr>;
  readonly terms: Map<string, Expr | null>;
}

/** What is left of the map's budget when the invertibility check starts. */
export interface AnalysisLimits {
  /** Date.now() by which the whole analysis of the map should be done. */
  readonly deadline: number;
}

export interface InvertibilityResult {
  readonly invertibility: Invertibility;
  readonly inverse?: readonly Expr[] | null;
}

/** Time for the whole analysis of one map (symbolic work, checks and invertibility), in milliseconds. */
export const DEFAULT_BUDGET_MS = 2000;

/** The share of the budget for exact (symbolic) work; the rest is kept for the invertibility check. */
const SYMBOLIC_SHARE = 0.6;

/**
 * The invertibility check has what is left of the map's budget, and at least this (ms), so a
 * map whose symbolic work used the whole budget still gets a numeric verdict: a map's analysis
 * up to its verdict ends by max(start + budget, the check's start + this).
 */
export const INVERTIBILITY_FLOOR_MS = 100;

/** A raw (unsimplified) form larger than this is not shown; numeric det J still is. */
const MAX_SHOWN_SIZE = 600;

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export function analyzeTransform(t: Transform, opts: AnalyzeOptions = {}): TransformReport {
  // numbers read as the user wrote them: decimals stay decimals, fractions stay fractions
  // (a piecewise map is one formula: a decimal in any piece sets the style of all of them)
  const written = [...t.components, ...(t.pieces ?? []).flatMap((p) => p.components), ...Object.values(t.parameters)];
  const style = numberStyleOf(written);
  const pieced = t.pieces?.length ? { ...opts, shared: opts.shared ?? { entries: new Map(), terms: new Map() } } : null;
  // products read in the map's variable order (3*x*y^2) or as the definition writes them (u v/c^2), whatever order the work met them in
  return withVariableOrder(t.variables, () => withNumberStyle(style, () => (pieced ? analyzePiecewise(t, pieced, analyzeMap) : analyzeMap(t, opts)), decimalsOf(written)), written);
}

/** One formula per component (a piece of a piecewise map, or a whole map). */
function analyzeMap(t: Transform, opts: AnalyzeOptions): TransformReport {
  const t0 = now();
  const vars = t.variables;
  const budgetMs = opts.budgetMs ?? DEFAULT_BUDGET_MS;
  const startedAt = Date.now();
  const budget = new Budget(startedAt + SYMBOLIC_SHARE * budgetMs);
  const notes: string[] = [];
  // the symbolic budget ran out somewhere (a form shown unsimplified or evaluated numerically)
  let overBudget = false;
  const ctx: CheckContext = { variables: vars, domain: t.domain, freeSymbols: t.freeSymbols, seed: opts.seed ?? 20260101 };
  const shared = opts.shared;

  // --- Jacobian ---
  const Jraw = jacobian(t.components, vars);
  const alg = new Algebra({ variables: vars, budget });
  // J over the algebra (rational functions of atoms), worked out once when first needed
  let jrf: RF[][] | null = null, jrfRead = false;
  const algebraJ = (): RF[][] | null => {
    if (jrfRead) return jrf;
    jrfRead = true;
    try {
      alg.noteSums(t.components);
      jrf = Jraw.map((row) => row.map((e) => alg.fromExpr(e)));
    } catch (e) {
      if (!(e instanceof BudgetExceeded || e instanceof AlgebraError)) throw e;
      overBudget ||= e instanceof BudgetExceeded;
      notes.push(`The Jacobian was not simplified: ${e.message}.`);
    }
    return jrf;
  };
  // an elementwise map whose inner forms mix variables (read from the components alone) has its J
  // and det J from that form once they pass the checks: the algebra's J only if one does not
  // (sRGB -> OKLab: the algebra's J over three cube roots of sums of powers costs most of a budget)
  // (and a map of layers F(g(h(x))) around n functions of the variables)
  const layers = layeredForm(t.components, vars);
  if (!elementwiseForm(t.components, vars)?.mixing && !layers) algebraJ();
  const tJ = now();
  // linear, a function per component, linear: J = A diag(g'(u)) B, det J = det A det B Π g'(u_k)
  const ew = elementwiseOf(t, alg, budget, layers);

  // --- simplified entries, each checked against the raw derivative ---
  const J: Expr[][] = Jraw.map((row, i) => row.map((raw, j) => {
    // (the factored entry, where u_k mixes variables: an expanded one is a long polynomial)
    if (ew?.mixing && compareNumerically(ew.jacobian[i][j], raw, ctx) === 'equal') return ew.jacobian[i][j];
    // a number or a variable: no form is shorter (the simplifier's would be compared and dropped)
    if (raw.k === 'num' || raw.k === 'sym') return raw;
    // an entry that is not finite at enough points: no simplified form of it could be confirmed
    // (a constant's simplification costs little: it is not evaluated first)
    if (usesVariables([raw], vars) && !checkable(raw, ctx)) return raw;
    const Jrf = algebraJ();
    if (!Jrf) return raw;
    const key = shared && !ew ? exprKey(raw) : '';
    const known = key ? shared!.entries.get(key) : undefined;
    if (known) return known;
    try {
      const entry = pickChecked(raw, [alg.best(Jrf[i][j]), ...termwise(alg, raw, shared), ...(ew ? [ew.jacobian[i][j]] : [])], ctx);
      if (key) shared!.entries.set(key, entry);
      return entry;
    } catch (e) {
      if (!(e instanceof BudgetExceeded || e instanceof AlgebraError)) throw e;
      overBudget ||= e instanceof BudgetExceeded;
      return raw;
    }
  }));
  const varSet = new Set(vars);
  const nz = J.map((row) => row.map((e) => !isNum(e, 0)));
  const deps = J.map((row) => row.map((e) => [...symbolsOf(e)].filter((s) => varSet.has(s)).map((s) => vars.indexOf(s))));
  const form = blockForm(nz);
  const identity = t.components.map((c, i) => c.k === 'sym' && c.name === vars[i]);
  const structure = classify({ nz, deps, identity }, form);
  const tS = now();

  // --- determinant ---
  let det: Expr | null = null;
  let detChecked = false;
  const luCheck = detAgainstLU(Jraw, ctx);
  const known = opts.knownDet && luCheck(opts.knownDet.det) === 'equal' ? opts.knownDet
    : ew?.mixing && luCheck(ew.det) === 'equal' ? { det: ew.det, logDet: null } : null;
  const candidates: Expr[] = known ? [known.det] : [];
  let explained = false;
  const spent = (e: unknown) => {
    if (!(e instanceof BudgetExceeded || e instanceof AlgebraError)) throw e;
    overBudget ||= e instanceof BudgetExceeded;
    return e;
  };
  // a J that LU cannot evaluate at enough points confirms no det J the algebra could give
  const Jrf = known || !luCheck.checkable() ? null : algebraJ();
  if (Jrf) {
    try {
      const ring = algebraRing(alg);
      const dets = blockDets(Jrf, form, ring, (b) => constantBlockDet(alg, Jrf!, b));
      if (dets) {
        // several diagonal blocks: their simplified determinants, multiplied but not expanded
        // (a triangular map's det reads as the product of its diagonal: cosh(x) (3 y^2 + 1))
        // (a 1 x 1 block is its J entry, simplified and checked above: a piece of a piecewise map
        // has it from the other pieces, so it is not simplified again)
        const blockShown = (d: RF, k: number) => { const b = form.blocks![k]; return b.rows.length === 1 ? J[b.rows[0]][b.cols[0]] : alg.best(d); };
        const factored = dets.length > 1 ? mul(...dets.map(blockShown)) : null;
        const product = productDet(dets, form, ring);
        // multiplied out, only where it could be the shorter: (x + 1)(x - 1) = x^2 - 1, but not a
        // product of long sums, whose expansion costs most of a budget to render
        if (!factored || expandedSizeBound(product) <= 2 * size(factored)) candidates.push(alg.best(product));
        if (factored) candidates.push(form.sign > 0 ? factored : neg(factored));
      }
    } catch (e) {
      const large = form.blocks?.some((b) => b.rows.length > MAX_DENSE_BLOCK);
      notes.push(`det J was not simplified: ${spent(e).message}; ${large ? 'it is evaluated numerically' : 'the unsimplified form is shown'}.`);
      explained = !!large;
    }
  }
  // a number (a constant J) that LU confirms: nothing is shorter, no other form is built
  const atOnce = candidates.find((c) => (c.k === 'num' || c.k === 'sym') && luCheck(c) === 'equal');
  // the same expansion over the simplified entries (Laplace only: no division of trees):
  // shorter where one fraction would not be
  let rawDet: Expr | null = null;
  if (!known && !atOnce) {
    try {
      // cheap for blocks up to MAX_DENSE_BLOCK, so it gets a little time even after the algebra's ran out
      const grace = new Budget(Math.max(budget.deadline, Date.now() + Math.min(250, budgetMs / 4)));
      rawDet = structuredDet(J, form, exprRingWith(() => grace.tick()));
    } catch (e) {
      spent(e);
    }
  }
  if (rawDet && size(rawDet) <= MAX_SHOWN_SIZE) {
    candidates.push(rawDet);
    // and each cofactor term simplified on its own: y z (y - z) rather than y z (y + x - (x + z))
    // (only where LU can confirm one)
    if (luCheck.checkable()) try { candidates.push(...termwise(alg, rawDet, shared)); } catch (err) { spent(err); }
  }
  if (ew && !known && !atOnce) candidates.push(ew.det);
  // shortest first; at equal length a product reads better than a sum (the structure shows)
  const isSum = (e: Expr) => (e.k === 'add' ? 1 : 0);
  candidates.sort((a, b) => (shorter(a, b) ? -1 : shorter(b, a) ? 1 : isSum(a) - isSum(b)));
  if (atOnce) { det = atOnce; detChecked = true; }
  for (const c of atOnce ? [] : candidates) {
    const v = luCheck(c);
    if (v === 'different') continue;
    if (v === 'unchecked' && rawDet && !equal(c, rawDet) && compareNumerically(c, rawDet, ctx) !== 'equal') continue;
    det = c;
    detChecked = v === 'equal';
    break;
  }
  if (!det && !explained) {
    notes.push(candidates.length ? 'det J is too large to show in closed form; it is evaluated numerically.'
      : overBudget ? 'det J did not finish within the symbolic time budget; it is evaluated numerically.'
        : 'A dense block is too large to expand without the simplifier; det J is evaluated numerically.');
  }
  const tD = now();

  // --- log|det J| where det J keeps a sign (flows), and where the sign changes ---
  // a vector map of any size: its size-1 instance's sign and verdict say nothing of every n (math/vector/apply.ts decides)
  const anySize = t.vector?.size === null;
  const signed = det && !anySize && !opts.pieceOnly ? logDetOf(det, ctx, Math.max(budget.deadline, Date.now() + 50), known?.logDet ?? null) : null;
  const logDet = signed?.logDet ?? null;

  // --- numeric availability ---
  let reason: string | null = null;
  for (const c of t.components) { reason = notNumericReason(c, vars); if (reason) break; }

  const names = t.display ?? {};
  const lx = (e: Expr) => toLatex(e, { names });
  const jacobianStr = J.map((row) => row.map(toMathjs));
  const detStr = det ? toMathjs(det) : `det([${jacobianStr.map((r) => `[${r.join(', ')}]`).join(', ')}])`;
  const base: Omit<TransformReport, 'invertibility'> = {
    name: t.name,
    range: t.range,
    nameRange: t.nameRange,
    ...(t.cell === undefined ? {} : { cell: t.cell }),
    notation: t.notation,
    variables: [...vars],
    components: t.components.map(toMathjs),
    parameters: Object.fromEntries(Object.entries(t.parameters).map(([k, v]) => [k, toMathjs(v)])),
    domain: t.domain.map(([a, b]) => [a, b] as [number, number]),
    ...(t.domainOpen?.some(([a, b]) => a || b) ? { domainOpen: t.domainOpen.map(([a, b]) => [a, b] as [boolean, boolean]) } : {}),
    ...(t.domainGiven.some((g) => !g) ? { domainDefault: vars.filter((_, i) => !t.domainGiven[i]) } : {}),
    jacobian: jacobianStr,
    det: detStr,
    detLatex: det ? lx(det) : '\\det J \\text{ (numeric only)}',
    structure,
    detChecked,
    detSymbolic: det !== null,
    logDet: logDet ? toMathjs(logDet) : null,
    logDetLatex: logDet ? lx(logDet) : null,
    ...(signed ? { detSign: signed.sign } : {}),
    inverse: null,
    blocks: form.blocks ? form.blocks.map((b) => ({ rows: [...b.rows], cols: [...b.cols] })) : null,
    freeSymbols: [...t.freeSymbols],
    unknownFunctions: [...t.unknownFunctions],
    numeric: { available: reason === null, reason },
    latex: {
      name: latexName(t),
      variables: vars.map((v) => lx({ k: 'sym', name: v })),
      components: t.components.map(lx),
      jacobian: J.map((row) => row.map(lx)),
      det: det ? lx(det) : '\\det J',
    },
    notes,
    ...(t.assumed?.length ? { assumed: [...t.assumed] } : {}),
    ...(t.inputChoice ? { inputChoice: t.inputChoice } : {}),
    timings: { jacobianMs: tJ - t0, detMs: tD - tS, simplifyMs: tS - tJ, invertibilityMs: 0, totalMs: 0, ...(overBudget ? { overBudget } : {}) },
    trees: { components: [...t.components], jacobian: J, det, logDet },
  };
  const tI = now();
  const checkStart = Date.now();
  const checkDeadline = Math.max(startedAt + budgetMs, checkStart + INVERTIBILITY_FLOOR_MS);
  // open ends ((0, 2], 0 < r): the check must not use points on them (r = 0 of polar coordinates)
  const result = opts.invertibility && !anySize ? opts.invertibility(t, { ...base, domain: withoutOpenEnds(base.domain, t.domainOpen) }, { deadline: checkDeadline }) : {
    verdict: 'unknown', certainty: 'numerical', reason: 'invertibility was not analysed', locallyInvertible: null, witness: null,
  } satisfies Invertibility;
  const { invertibility: found, inverse } = 'verdict' in result ? { invertibility: result, inverse: null } : { invertibility: result.invertibility, inverse: result.inverse ?? null };
  const invertibility = finitePoints(found);
  const tEnd = now();
  // where det J changes sign: the invertibility check's fold when it located one
  const detSign = signed?.sign.sign === 'changes'
    ? (invertibility.fold && !signed.sign.pole ? { ...signed.sign, at: invertibility.fold } : signed.sign)
    : signed?.sign;
  if (detSign?.sign === 'changes') notes.push(signChangeNote(detSign.at, detSign.pole));
  const where = opts.pieceOnly ? null : readableForms(t, alg, { jacobian: J, det, inverse }, ctx, ew);
  // (block, vector and field maps get their verdicts elsewhere: not decided, the views say the box)
  const matters = base.domainDefault && !opts.pieceOnly && !t.block && !t.vector && !t.field ? domainMatters({ variables: vars, structure, jacobian: J, form, det, detSign, invertibility, deadline: Date.now() + 50 }) : null;
  const report: TransformReport = {
    ...base, invertibility, ...(detSign ? { detSign } : {}), ...(matters ? { domainMatters: matters } : {}),
    inverse: inverse ? { components: inverse.map(toMathjs), latex: inverse.map(lx) } : null,
    ...(where ? { where } : {}),
    trees: { ...base.trees, inverse: inverse ? [...inverse] : null },
    timings: { ...base.timings, invertibilityMs: tEnd - tI, totalMs: tEnd - t0, invertibilityLimitMs: checkDeadline - checkStart },
  };
  const blocks = t.block ? applyBlocks(t, report, logAbsDet) : t.autoregressive ? applyAutoregressive(t, t.autoregressive, report, logAbsDet) : report;
  const final = proseInUserNames(applyField(t, applyVector(t, blocks, logAbsDet)), t.display ?? {});
  // det J and log|det J| as a person writes them, for one-line views; only where each tree is the form shown
  // (a piece's own analysis is shown in the piece table, never in one line)
  if (opts.pieceOnly) return final;
  const plain = plainNames(t);
  const { det: detTree, logDet: logTree } = final.trees;
  return {
    ...final,
    ...(detTree && final.detSymbolic && toMathjs(detTree) === final.det ? { detText: toReadable(detTree, plain) } : {}),
    ...(logTree && final.logDet !== null && toMathjs(logTree) === final.logDet ? { logDetText: toReadable(logTree, plain) } : {}),
  };
}

/** The map's names in plain text (\theta_1 -> θ1), from the LaTeX the definition writes them in. */
function plainNames(t: Transform): Record<string, string> {
  return Object.fromEntries(Object.entries(t.display ?? {}).map(([id, latex]) => [id, readableName(latex)]));
}

/**
 * Points in a verdict are finite numbers (JSON has no Infinity): two points whose images
 * both overflow (f(a) = f(b) = Infinity) show nothing, so such a counterexample is dropped
 * and the verdict it carried becomes unknown; a fold point that overflows is dropped.
 */
function finitePoints(inv: Invertibility): Invertibility {
  const finite = (p: readonly number[] | null | undefined) => !p || p.every(Number.isFinite);
  const w = inv.witness;
  const witnessOk = !w || (finite(w.a) && finite(w.b) && finite(w.image));
  if (witnessOk && finite(inv.fold)) return inv;
  const fold = finite(inv.fold) ? inv.fold : null;
  if (witnessOk) return { ...inv, fold };
  const why = 'two points were found whose images overflow (too large for a double), which does not show that f takes a value twice';
  return inv.verdict === 'not-invertible' && !fold
    ? { ...inv, verdict: 'unknown', certainty: 'numerical', reason: why, witness: null, fold }
    : { ...inv, witness: null, fold };
}

/**
 * The shown forms with long shared parts named (abbreviate.ts): the definition's own names
 * first (code locals; parameters in terms of the variables), in the simplifier's canonical form.
 */
function readableForms(t: Transform, alg: Algebra, shown: ShownForms, ctx: CheckContext, ew: Elementwise | null): Where | null {
  const varSet = new Set(t.variables);
  const params = Object.entries(t.parameters);
  // (the inner forms u_k of an elementwise map are names for the where lines only: not solved for a variable below)
  const inner = ew ? innerNames(ew, t, ctx) : [];
  let named: NamedValue[] = [...(t.locals ?? []), ...inner];
  // names of constants only (s_k = (y_k+1 - y_k)/(x_k+1 - x_k)): for forms written in the names
  let constants: NamedValue[] = [];
  if (params.length) {
    const env = { parameters: new Map(params), functions: new Map(Object.entries(t.helpers ?? {})) };
    try {
      const values = resolveComponents(params.map(([, v]) => v), t.variables, env).components;
      const all = params.map(([name], i) => ({ name, value: values[i] }));
      const dependent = all.filter((d) => [...symbolsOf(d.value)].some((x) => varSet.has(x)));
      named = [...named, ...dependent];
      constants = all.filter((d) => !dependent.includes(d) && size(d.value) >= 3 && symbolsOf(d.value).size > 1);
    } catch (e) {
      if (!(e instanceof ResolveError)) throw e;
    }
  }
  // counted steps, not the analysis's deadline: the where lines are the same on every machine
  const steps = Budget.steps(WHERE_STEPS);
  const canonical = (e: Expr) => {
    try { return alg.withBudget(steps, () => alg.canonical(alg.fromExpr(e))); } catch (err) { if (err instanceof BudgetExceeded || err instanceof AlgebraError) return e; throw err; }
  };
  // long forms in the definition's own names, where that is shorter (a spline's slope in s_k and ξ)
  const forms = shownForms(shown);
  const usable = [...named, ...constants].filter((d) => !varSet.has(d.name) && !inner.includes(d));
  // (one variable: det J is J's entry, whatever form each was simplified to; the entry is rewritten once for both)
  const toRewrite = shown.jacobian.length === 1 && shown.det ? forms.map((e, i) => (i === 1 ? forms[0] : e)) : forms;
  const rewritten = usable.length && forms.some((e) => size(e) >= REWRITE_SIZE) ? inUserNames(toRewrite, usable, t.variables) : null;
  const start = rewritten ? forms.map((e, i) => rewritten[i] ?? e) : undefined;
  return whereOf(shown, rewritten ? [...usable, ...inner] : named, ctx, t.display ?? {}, canonical, start);
}

/** The elementwise form of the map's components, its inner forms in the simplifier's canonical form. */
function elementwiseOf(t: Transform, alg: Algebra, budget: Budget, layers: Layers | null): Elementwise | null {
  try {
    const steps = Budget.steps(WHERE_STEPS);
    const affine = alg.withBudget(steps, () => elementwiseForm(t.components, t.variables, (e) => alg.canonical(alg.fromExpr(e))));
    if (affine || !layers) return affine;
    // F(g(h(x))): J and det J of the outer layer F and of the inner map h, each over its own names, in the map's budget
    return layeredElementwise(layers, t.variables, (components, variables, square) => layerJacobian(components, variables, square, budget));
  } catch (e) {
    if (e instanceof BudgetExceeded || e instanceof AlgebraError) return null;
    throw e;
  }
}

/**
 * A layer's J (each entry the algebra's best form) and, when `square`, det J (its blocks'
 * determinants); null where that det J has no closed form.
 */
function layerJacobian(components: readonly Expr[], vars: readonly string[], square: boolean, budget: Budget): { jacobian: Expr[][]; det: Expr | null } | null {
  const alg = new Algebra({ variables: vars, budget });
  const Ju = jacobian(components, vars);
  const rf = Ju.map((row) => row.map((e) => alg.fromExpr(e)));
  const shown = () => rf.map((row, k) => row.map((e, j) => pickShorter(alg.best(e), Ju[k][j])));
  if (!square) return { jacobian: shown(), det: null };
  const form = blockForm(Ju.map((row) => row.map((e) => !isNum(e, 0))));
  const ring = algebraRing(alg);
  const dets = blockDets(rf, form, ring, (b) => constantBlockDet(alg, rf, b));
  if (!dets) return null;
  return { jacobian: shown(), det: alg.best(productDet(dets, form, ring)) };
}

/** The shorter of the algebra's form and the derivative as it came (the caller checks the forms built of them). */
const pickShorter = (a: Expr, b: Expr): Expr => (shorter(b, a) ? b : a);

/** Names for the inner forms u_k of an elementwise map: u_1, u_2, … (another letter when u is taken). */
function innerNames(ew: Elementwise, t: Transform, ctx: CheckContext): NamedValue[] {
  const taken = [...ctx.variables, ...t.freeSymbols, ...Object.keys(t.parameters), ...(t.locals ?? []).map((l) => l.name)];
  const letter = ['u', 'w', 's', 'ξ'].find((l) => !taken.some((x) => x === l || x.startsWith(`${l}_`))) ?? 'ξξ';
  return ew.inner.map((value, k) => ({ name: `${letter}_${k + 1}`, value }));
}

/** The box with its open ends moved inwards by a millionth of its width: the points the checks may use. */
function withoutOpenEnds(box: ReadonlyArray<readonly [number, number]>, open?: ReadonlyArray<readonly [boolean, boolean]>): Array<[number, number]> {
  return box.map(([a, b], i) => {
    const d = (b - a) * 1e-6;
    return [open?.[i]?.[0] ? a + d : a, open?.[i]?.[1] ? b - d : b];
  });
}

/**
 * Steps per node of a term that its simplification on its own may take (termwise): a term
 * whose simplified form is shorter takes a few hundred a node; one that expands into a long
 * polynomial (a product of sums over a common denominator) takes thousands to tens of
 * thousands a node and comes out longer than it went in.
 */
export const TERMWISE_STEPS_PER_NODE = 600;

/**
 * A sum simplified term by term: shorter where the common denominator is longer than the terms.
 * Each term has steps in proportion to its size (and the map's deadline): a term that does not
 * finish in them stays as written.
 */
export function termwise(alg: Algebra, e: Expr, shared?: SharedWork): Expr[] {
  if (e.k !== 'add' || e.args.length < 2) return [];
  const outer = alg.budget;
  return [add(...e.args.map((a) => {
    const key = shared ? exprKey(a) : '';
    const known = key ? shared!.terms.get(key) : undefined;
    if (known !== undefined) return known ?? a;
    const steps = new Budget(outer.deadline, outer.maxTerms, TERMWISE_STEPS_PER_NODE * size(a));
    let done: Expr | null;
    try {
      done = alg.withBudget(steps, () => alg.best(alg.fromExpr(a), false));
    } catch (err) {
      // (the map's deadline or its term limit: as before, the caller's)
      if (!(err instanceof BudgetExceeded) || steps.steps <= steps.maxSteps) throw err;
      done = null;
    }
    if (key) shared!.terms.set(key, done);
    return done ?? a;
  }))];
}

/** The first candidate, shortest first, that is numerically equal to `raw` (or raw itself). */
export function pickChecked(raw: Expr, candidates: readonly Expr[], ctx: CheckContext): Expr {
  const sorted = [...candidates].sort((a, b) => (shorter(a, b) ? -1 : 1));
  for (const c of sorted) {
    if (!shorter(c, raw) && !fewerTranscendentals(c, raw) && !fewerInversePairs(c, raw)) continue;
    if (compareNumerically(c, raw, ctx) === 'equal') return c;
  }
  return raw;
}

/** cos(asin(u)) reads better as sqrt(1 - u^2) though it is longer: no function of its own inverse. */
const fewerInversePairs = (c: Expr, raw: Expr): boolean => {
  const k = inversePairCount(raw);
  return k > 0 && size(c) <= size(raw) + 8 * k && inversePairCount(c) < k;
};

/** Calls other than roots (sin, exp, s, …), counted with repetition. */
const transcendentals = (e: Expr): number =>
  (e.k === 'call' && e.fn !== 'sqrt' && e.fn !== 'cbrt' ? 1 : 0) + children(e).reduce((n, c) => n + transcendentals(c), 0);

/** A form with fewer function calls at nearly the same length: sqrt(3)/2 rather than sin(pi/3). */
const fewerTranscendentals = (c: Expr, raw: Expr): boolean =>
  size(c) <= size(raw) + 3 && transcendentals(c) < transcendentals(raw);

/**
 * Check a det J candidate against LU of the numeric Jacobian at random domain points (with
 * stand-ins for unknown functions): this checks the structure analysis and the algebra.
 */
function detAgainstLU(Jraw: Expr[][], ctx: CheckContext): LUCheck {
  const constantJ = !usesVariables(Jraw.flat(), ctx.variables);
  // with no candidate: whether J is finite with a finite LU determinant at enough points to confirm one
  const run = (candidate: Expr | null) => acrossEnvironments(candidate ? [...Jraw.flat(), candidate] : Jraw.flat(), ctx, (env) => {
    // a constant J and a constant candidate: the same matrix at every point, one LU answers
    const points = constantJ && !(candidate && usesVariables([candidate], ctx.variables)) ? 1 : 8;
    let entries: Array<Array<(x: ArrayLike<number>) => number>>, d: ((x: ArrayLike<number>) => number) | null;
    try {
      entries = Jraw.map((row) => row.map((e) => compileClosure(e, ctx.variables, env)));
      d = candidate && compileClosure(candidate, ctx.variables, env);
    } catch (e) {
      if (e instanceof NotNumericError) return null;
      throw e;
    }
    const rand = rng((ctx.seed ?? 1) + 99);
    let ok = 0;
    for (let tries = 0; tries < (points === 1 ? 1 : 60) && ok < points; tries++) {
      const x = randomPoint(ctx.domain, rand);
      countCheckPoint();
      const M = entries.map((row) => row.map((f) => f(x)));
      if (!M.every((row) => row.every(Number.isFinite))) continue;
      const ref = luDet(M);
      if (!Number.isFinite(ref)) continue;
      if (!d) { ok++; continue; }
      const v = d(x);
      // LU loses digits on ill-conditioned J: compare relative to the scale of J.
      const scale = M.reduce((s, row) => s * Math.max(1e-300, ...row.map(Math.abs)), 1);
      if (!Number.isFinite(v) || !(closeEnough(v, ref, 1e-7) || Math.abs(v - ref) <= 1e-9 * scale)) return 'different';
      ok++;
    }
    return ok >= Math.min(4, points) ? 'equal' : 'unchecked';
  });
  let able: boolean | undefined;
  // (a constant J is not evaluated for it: the algebra's work on constants is small)
  return Object.assign((candidate: Expr) => run(candidate), { checkable: () => (able ??= constantJ || run(null) === 'equal') });
}

/** A det J candidate checked against LU of J; `checkable`: whether any candidate could be confirmed. */
type LUCheck = ((candidate: Expr) => 'equal' | 'different' | 'unchecked') & { readonly checkable: () => boolean };

function signChangeNote(at: readonly number[] | undefined, pole = false): string {
  const point = at && `(${at.map((v) => Number((Math.abs(v) < 1e-9 ? 0 : v).toPrecision(6))).join(', ')})`;
  const where = point ? pole ? ` (through a pole near ${point}, where |det J| grows without bound)` : ` (it vanishes near ${point})` : '';
  return `det J changes sign on the domain${where}: log|det J| has no single smooth closed form there.`;
}

/** log|c exp(u)| = u + log|c| when det J has that form. */
export function logAbsDet(det: Expr): Expr | null {
  if (det.k === 'call' && det.fn === 'exp' && !det.d) return det.args[0];
  if (det.k === 'mul') {
    const exps = det.args.filter((a) => a.k === 'call' && a.fn === 'exp' && !a.d);
    const rest = det.args.filter((a) => !exps.includes(a));
    if (exps.length === 1 && rest.every((a) => a.k === 'num')) {
      const c = rest.reduce((p, a) => p * (a as { v: number }).v, 1);
      const u = (exps[0] as { args: readonly Expr[] }).args[0];
      // constants whose product overflows: the sum of their logs
      if (!Number.isFinite(c)) return add(u, ...rest.map((a) => ({ k: 'call', fn: 'log', args: [{ k: 'num', v: Math.abs((a as { v: number }).v) }] }) as Expr));
      return Math.abs(c) === 1 ? u : add(u, { k: 'call', fn: 'log', args: [{ k: 'num', v: Math.abs(c) }] });
    }
  }
  return null;
}
