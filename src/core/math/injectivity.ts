/**
 * Proofs of injectivity on the domain box from the map's structure, decided soundly by
 * interval arithmetic (never by sampling).
 *
 * - Block triangular maps (linear, diagonal, triangular, coupling): solve one block at a
 *   time, in the order of the block triangular form. A 1x1 block f_i(x_j; earlier) must be
 *   strictly monotone in x_j on its interval for every value of the earlier variables:
 *   ∂f_i/∂x_j of one strict sign on the box, or >= 0 (<= 0) with zeros that are isolated in
 *   x_j (the derivative is analytic in x_j alone and not identically 0: x^3). A larger block
 *   must be affine in its own variables (its Jacobian block depends on earlier variables
 *   only) with a determinant of one strict sign. Then f(a) = f(b) gives, block by block,
 *   equal variables: f is injective on the box.
 * - Ridge maps f(z) = z + U(ξ) with ξ = w·z + b (planar flows z + u tanh(w·z + b)): then
 *   w·f(z) + b = φ(ξ) = ξ + w·U(ξ). If φ is strictly monotone on the range of ξ over the
 *   box, f(a) = f(b) gives ξ(a) = ξ(b), so U(ξ(a)) = U(ξ(b)) and a = f(a) - U = b.
 */
import { Expr, add, children, num, dependsOn, isConstant, mul, rebuild, sub, sym, equal, symbolsOf } from './expr';
import { diff } from './diff';
import { Box, SplitBudget, budgetFor, certainSignAt, clampedCentre, evalInterval, provenAnalytic, provenContinuous, provenSign } from './interval';
import { algebraRing, blockDet, constantBlockDet, exprRingWith, laplaceDet } from './determinant';
import { compareNumerically } from './check';
import { shortNumber, toMathjs } from './print';
import { Algebra, AlgebraError, Budget, BudgetExceeded } from './poly';
import type { StructureKind } from './structure';
import { MAX_REDUCTIONS, proveInvolution, provePMatrix, provePolarPair, proveRadialRotation, proveRowElimination } from './reductions';

/** A map with its analysis: what the invertibility check reads. */
export interface MapInput {
  readonly variables: readonly string[];
  readonly domain: Box;
  readonly components: readonly Expr[];
  readonly jacobian: readonly (readonly Expr[])[];
  readonly det: Expr | null;
  readonly blocks: ReadonlyArray<{ readonly rows: readonly number[]; readonly cols: readonly number[] }> | null;
  readonly structure: StructureKind;
  readonly freeSymbols?: readonly string[];
  readonly unknownFunctions?: readonly string[];
  /**
   * The domain as the user wrote it, where `domain` (the box the checks use) has its open ends
   * moved inwards: reasons print the written interval, open ends as open ((0, 2], not [0.000002, 2]).
   */
  readonly written?: { readonly domain: Box; readonly open?: ReadonlyArray<readonly [boolean, boolean]> };
}

export interface MapContext extends MapInput {
  /** Date.now() past which interval bisection gives up (an emergency stop: work is bounded by box counts). */
  readonly deadline: number;
}

/** How one block of the triangular form is solved for its own variables. */
export interface SolveStep {
  readonly rows: readonly number[];
  readonly cols: readonly number[];
  /** affine: the block is affine in its own variables; monotone: a 1x1 block, strictly monotone. */
  readonly kind: 'affine' | 'monotone';
}

export interface InjectivityProof {
  readonly rule: 'block-triangular' | 'ridge' | 'p-matrix' | 'involution' | 'reduction' | 'interval-pairs';
  readonly reason: string;
  /** For block-triangular proofs: the blocks in solving order. */
  readonly steps: readonly SolveStep[] | null;
  /** A derivative used in the proof may vanish (at isolated points): det J may be 0 somewhere. */
  readonly weak: boolean;
  /** f^-1 when the proof gives it exactly (an involution is its own inverse). */
  readonly inverse?: readonly Expr[];
}

export type ProofAttempt = { readonly proof: InjectivityProof } | {
  readonly proof: null; readonly why: string;
  /** f is not proven defined and continuous on the box: no argument that needs it applies. */
  readonly discontinuous?: true;
};

const budgetOf = (ctx: MapContext, ...exprs: Expr[]): SplitBudget => budgetFor(exprs.length ? exprs : [...ctx.components], ctx.deadline);
const fmt = (e: Expr) => toMathjs(e);
const fmtNum = (v: number) => (Number.isInteger(v) ? String(v) : Number(v.toPrecision(4)).toString());

/**
 * An interval in a reason: a variable's whole box (the checks' box, open ends moved inwards) as
 * the user wrote it, with open ends open; any other interval closed, to four digits.
 */
export function intervalText(ctx: MapInput, [lo, hi]: readonly [number, number]): string {
  const j = ctx.domain.findIndex(([a, b]) => a === lo && b === hi);
  const w = j >= 0 ? ctx.written?.domain[j] : undefined;
  if (!w) return `[${fmtNum(lo)}, ${fmtNum(hi)}]`;
  const [openLo, openHi] = ctx.written?.open?.[j] ?? [false, false];
  return `${openLo ? '(' : '['}${shortNumber(w[0])}, ${shortNumber(w[1])}${openHi ? ')' : ']'}`;
}

/** Strict or weak (isolated zeros) monotonicity of a scalar equation in its own variable. */
interface Monotonicity { readonly sign: 1 | -1; readonly weak: boolean; readonly text: string }

/**
 * Is `d` (= ∂f/∂x_own) of one sign on the box, so that f is strictly monotone in x_own for
 * every value of the other variables?
 */
export function monotoneIn(d: Expr, own: number, variables: readonly string[], box: Box, budget: SplitBudget): Monotonicity | null {
  const s = provenSign(d, variables, box, budget);
  if (s === 'pos' || s === 'neg') return { sign: s === 'pos' ? 1 : -1, weak: false, text: `${fmt(d)} ${s === 'pos' ? '>' : '<'} 0` };
  // Weak: d = (factors of strict sign) * g(x_own), with g >= 0 (<= 0), analytic in x_own
  // and not identically 0, so its zeros are isolated and f is still strictly monotone.
  const v = variables[own];
  const factors = d.k === 'mul' ? d.args : [d];
  const onlyOwn = (e: Expr) => [...symbolsOf(e)].every((name) => name === v || !variables.includes(name));
  const g = mul(...factors.filter(onlyOwn));
  const rest = factors.filter((f) => !onlyOwn(f));
  let restSign = 1;
  for (const f of rest) {
    const fs = provenSign(f, variables, box, budget);
    if (fs !== 'pos' && fs !== 'neg') return null;
    if (fs === 'neg') restSign = -restSign;
  }
  if (!dependsOn(g, v)) return null;
  const line: Box = [box[own]];
  const gs = provenSign(g, [v], line, budget);
  if (gs !== 'nonneg' && gs !== 'nonpos' && gs !== 'pos' && gs !== 'neg') return null;
  if (!provenAnalytic([g], [v], line, budget)) return null;
  const [lo, hi] = box[own];
  const probes = Number.isFinite(hi - lo)
    ? [0.5, 0.25, 0.75, 0.1, 0.9, 0.37, 0.63].map((t) => lo + t * (hi - lo))
    : [0, 1, -1, 0.5, -0.5, 2, -2, 10, -10].map((t) => Math.min(hi, Math.max(lo, clampedCentre(lo, hi) + t)));
  if (!probes.some((x) => certainSignAt(g, [v], [x]) !== 0)) return null;
  const gSign = gs === 'nonneg' || gs === 'pos' ? 1 : -1;
  const sign = (gSign * restSign) as 1 | -1;
  return {
    sign, weak: true,
    text: `${fmt(d)} ${sign > 0 ? '>=' : '<='} 0, vanishing only at isolated values of ${v} (analytic in ${v} and not identically 0)`,
  };
}

// ---------------------------------------------------------------------------------------
// Block triangular maps

export function proveBlockTriangular(ctx: MapContext): ProofAttempt {
  const { variables: vars, domain: box, jacobian: J } = ctx;
  if (!ctx.blocks) return { proof: null, why: 'the Jacobian is structurally singular' };
  const steps: SolveStep[] = [];
  const texts: string[] = [];
  let weak = false;
  for (const b of ctx.blocks) {
    const own = b.cols.map((j) => vars[j]);
    const blockJ = b.rows.map((i) => b.cols.map((j) => J[i][j]));
    const affine = blockJ.every((row) => row.every((e) => own.every((v) => !dependsOn(e, v))));
    if (b.rows.length === 1) {
      const [i] = b.rows, [j] = b.cols;
      const m = monotoneIn(J[i][j], j, vars, box, budgetOf(ctx, J[i][j]));
      if (!m) return { proof: null, why: `∂f${i + 1}/∂${vars[j]} = ${fmt(J[i][j])} is not proven to be of one sign on the domain` };
      weak ||= m.weak;
      steps.push({ rows: b.rows, cols: b.cols, kind: affine && !m.weak ? 'affine' : 'monotone' });
      const c = ctx.components[i];
      if (c.k === 'sym' && c.name === vars[j]) { texts.push(`${vars[j]} is kept`); continue; }
      texts.push(affine && !m.weak
        ? `component ${i + 1} is affine in ${vars[j]} with slope ${m.text}`
        : `component ${i + 1} is strictly ${m.sign > 0 ? 'increasing' : 'decreasing'} in ${vars[j]} on ${intervalText(ctx, box[j])} (∂/∂${vars[j]} = ${m.text})`);
      continue;
    }
    if (!affine) return { proof: null, why: `${own.join(' and ')} enter the components together nonlinearly: f is not triangular, a coupling layer or affine in them` };
    // the whole map as one block: the analysis' simplified det J (checked against LU) reads
    // better than the block's raw expansion (a Lorentz boost: 1, not γ^2 - γ^2 v^2/c^2)
    const whole = b.rows.length === vars.length && ctx.det ? ctx.det : null;
    const wholeSign = whole ? provenSign(whole, vars, box, budgetOf(ctx, whole)) : null;
    const d = whole && (wholeSign === 'pos' || wholeSign === 'neg') ? whole : blockDeterminant(blockJ, vars, ctx.deadline);
    if (!d) return { proof: null, why: `the determinant of the block (${own.join(', ')}) did not finish within the time budget` };
    const s = provenSign(d, vars, box, budgetOf(ctx, d));
    if (s !== 'pos' && s !== 'neg') return { proof: null, why: `the determinant of the block (${own.join(', ')}) is not proven nonzero` };
    steps.push({ rows: b.rows, cols: b.cols, kind: 'affine' });
    texts.push(`components ${b.rows.map((r) => r + 1).join(', ')} are affine in (${own.join(', ')}) with a block determinant ${s === 'pos' ? '> 0' : '< 0'}`);
  }
  return { proof: { rule: 'block-triangular', reason: blockReason(ctx, steps, texts, weak), steps, weak } };
}

/**
 * The determinant of a block as an expression: Laplace on the trees for small blocks, the
 * exact algebra (fraction-free elimination) for larger ones; null when it does not finish
 * by the deadline.
 */
function blockDeterminant(blockJ: readonly (readonly Expr[])[], vars: readonly string[], deadline: number): Expr | null {
  const idx = blockJ.map((_, k) => k);
  const budget = new Budget(deadline);
  try {
    if (blockJ.length <= 4) return laplaceDet(blockJ, idx, idx, exprRingWith(() => budget.tick()));
    const alg = new Algebra({ variables: vars, budget });
    const m = blockJ.map((r) => r.map((e) => alg.fromExpr(e)));
    const whole = { rows: idx, cols: idx };
    const d = constantBlockDet(alg, m, whole) ?? blockDet(m, whole, algebraRing(alg));
    return d && alg.canonical(d);
  } catch (e) {
    if (e instanceof BudgetExceeded || e instanceof AlgebraError) return null;
    throw e;
  }
}

function blockReason(ctx: MapContext, steps: readonly SolveStep[], texts: readonly string[], weak: boolean): string {
  const vars = ctx.variables;
  const order = steps.map((s) => s.cols.map((j) => vars[j]).join(', ')).join(', then ');
  const said = texts.filter((t) => !t.endsWith(' is kept'));
  if (ctx.structure === 'linear') {
    // (a reduced map has no det J of its own: "det J != 0", not "det J = det J != 0")
    return `f is affine (J is constant) with det J${ctx.det ? ` = ${fmt(ctx.det)}` : ''} != 0, so f is a bijection onto its image`;
  }
  if (ctx.structure === 'diagonal') {
    return `elementwise: ${said.join('; ')}; each component is strictly monotone in its own variable, so f is injective on the box` +
      (weak ? ' (det J vanishes at isolated points; the map is still injective)' : '');
  }
  if (ctx.structure === 'coupling' && steps.every((s) => s.kind === 'affine')) {
    const A = ctx.components.map((c, i) => (c.k === 'sym' && c.name === vars[i] ? vars[i] : null)).filter((v): v is string => !!v);
    const additive = steps.every((s) => s.rows.length > 1 || isOne(ctx.jacobian[s.rows[0]][s.cols[0]]));
    const B = vars.filter((v) => !A.includes(v));
    const list = (xs: readonly string[]) => xs.join(', ');
    return `${additive ? 'additive (NICE)' : 'affine'} coupling layer: ${list(A)} ${A.length === 1 ? 'is' : 'are'} kept and ${said.join('; ')}; ` +
      `so ${list(A)}, then ${list(B)} = (output - shift) / slope, ${A.length + B.length === 2 ? 'are' : 'are all'} determined by the image: f is injective`;
  }
  return `triangular: solving in the order ${order}, ${said.join('; ')}; so each variable is determined by the image and the earlier ones: f is injective on the box` +
    (weak ? ' (det J vanishes at isolated points; the map is still injective)' : '');
}

const isOne = (e: Expr) => e.k === 'num' && e.v === 1;

// ---------------------------------------------------------------------------------------
// Ridge maps: f(z) = z + U(w·z + b)

const XI = '\u03be';

/** Replace every subtree equal to `target` by `by` (top-down). */
function replaceSubtree(e: Expr, target: Expr, by: Expr): Expr {
  if (equal(e, target)) return by;
  const kids = children(e);
  if (!kids.length) return e;
  const next = kids.map((k) => replaceSubtree(k, target, by));
  return next.every((k, i) => k === kids[i]) ? e : rebuild(e, next);
}

function affineSubtrees(e: Expr, vars: ReadonlySet<string>, out: Expr[]): void {
  const vs = [...symbolsOf(e)].filter((s) => vars.has(s));
  if (!vs.length) return;
  if (e.k !== 'sym' && [...vars].every((v) => isConstant(diff(e, v), vars))) out.push(e);
  for (const c of children(e)) affineSubtrees(c, vars, out);
}

export function proveRidge(ctx: MapContext): ProofAttempt {
  const vars = ctx.variables;
  const n = vars.length;
  if (n < 2 || vars.includes(XI)) return { proof: null, why: 'not a ridge map' };
  const varSet = new Set(vars);
  const r = ctx.components.map((c, i) => minusVariable(c, vars[i]));
  const candidates: Expr[] = [];
  r.forEach((e) => affineSubtrees(e, varSet, candidates));
  candidates.sort((a, b) => toMathjs(b).length - toMathjs(a).length);
  const seen = new Set<string>();
  for (const L of candidates) {
    const key = toMathjs(L);
    if (seen.has(key)) continue;
    seen.add(key);
    const replaced = r.map((e) => replaceSubtree(e, L, sym(XI)));
    if (!replaced.every((e) => isConstant(e, varSet))) continue;
    if (replaced.every((e) => !dependsOn(e, XI))) continue;
    const w = vars.map((v) => diff(L, v));
    const phi = add(sym(XI), ...replaced.map((e, k) => mul(w[k], e)));
    const range = evalInterval(L, vars, ctx.domain);
    if (!range.defined || !Number.isFinite(range.lo) || !Number.isFinite(range.hi)) continue;
    const line: Box = [[range.lo, range.hi]];
    const raw = diff(phi, XI);
    const short = simplified(raw, XI);
    // The shorter form reads better; it is used only when it equals the raw one numerically.
    const m = (short !== raw && compareNumerically(short, raw, { variables: [XI], domain: line }) === 'equal' ? monotoneIn(short, 0, [XI], line, budgetOf(ctx, short)) : null)
      ?? monotoneIn(raw, 0, [XI], line, budgetOf(ctx, raw));
    if (!m) {
      return { proof: null, why: `ridge map in ${XI} = ${key}: φ(${XI}) = ${fmt(simplified(phi, XI))} is not monotone on ${XI} in ${intervalText(ctx, [range.lo, range.hi])}` };
    }
    const reason = `ridge (planar-flow) map f(z) = z + U(${XI}) with ${XI} = ${key}: w·f(z) + b = φ(${XI}) = ${fmt(simplified(phi, XI))}, ` +
      `strictly ${m.sign > 0 ? 'increasing' : 'decreasing'} on ${XI} in ${intervalText(ctx, [range.lo, range.hi])} (φ' = ${m.text}); ` +
      `so ${XI}, then z = f(z) - U(${XI}), is determined by the image: f is injective`;
    return { proof: { rule: 'ridge', reason, steps: null, weak: m.weak } };
  }
  return { proof: null, why: 'not a ridge map' };
}

/** c - v, dropping a term v of the sum c where there is one. */
function minusVariable(c: Expr, v: string): Expr {
  if (c.k === 'sym' && c.name === v) return num(0);
  if (c.k === 'add') {
    const i = c.args.findIndex((a) => a.k === 'sym' && a.name === v);
    if (i >= 0) return add(...c.args.filter((_, k) => k !== i));
  }
  return sub(c, sym(v));
}

/** A shorter equal form for messages and sign tests (exact algebra, bounded). */
function simplified(e: Expr, v: string): Expr {
  try {
    const alg = new Algebra({ variables: [v], budget: Budget.ms(50) });
    const s = alg.best(alg.fromExpr(e));
    return toMathjs(s).length < toMathjs(e).length ? s : e;
  } catch {
    return e;
  }
}

/** Try the structural proofs in turn (then the cheap proofs of reductions.ts; `depth` counts their reductions). */
export function proveInjective(ctx: MapContext, depth = 0): ProofAttempt {
  // Every argument below needs f defined and continuous on the whole box (x - 2 sign(x) has
  // derivative 1 wherever it has one, and is not injective).
  if (!provenContinuous(ctx.components, ctx.variables, ctx.domain, budgetOf(ctx))) {
    return { proof: null, why: 'f is not proven defined and continuous on the whole domain', discontinuous: true };
  }
  const a = proveBlockTriangular(ctx);
  if (a.proof) return a;
  const b = proveRidge(ctx);
  if (b.proof) return b;
  const next = (c: MapContext) => proveInjective(c, depth + 1);
  const more = [() => proveRadialRotation(ctx), () => provePMatrix(ctx), () => proveInvolution(ctx),
    ...(depth < MAX_REDUCTIONS ? [() => provePolarPair(ctx, next), () => proveRowElimination(ctx, next)] : [])];
  for (const attempt of more) {
    const m = attempt();
    if (m.proof) return m;
  }
  return { proof: null, why: ctx.structure === 'general' && b.why !== 'not a ridge map' ? b.why : a.why };
}
