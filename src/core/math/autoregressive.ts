/**
 * Autoregressive families written with an index: y_i = c(u_i; a_i, b_i, …) for i = 1 … D, where
 * each coefficient a_i is a function of the coordinates on one side of i only (u_{1:i-1} or
 * y_{1:i-1}, or all of them u_{i+1:D} / y_{i+1:D}). Masked autoregressive flows write
 * x_i = z_i exp(α_i) + μ_i with α_i, μ_i functions of x_{1:i-1}; inverse autoregressive flows
 * with α_i, μ_i functions of z_{1:i-1}.
 *
 * Structure, not names: when every coefficient depends on coordinates strictly before i (or
 * all strictly after), y_i depends on u_j only for j ≤ i (or j ≥ i), so J is triangular with
 * diagonal D_i = ∂c/∂u_i and det J = Π_i D_i for any D (Π_i exp(α_i) = exp(Σ_i α_i)). When c
 * is affine in u_i with a slope that never vanishes, y determines u one coordinate at a time
 * (u_i = (y_i - c|_{u_i = 0}) / D_i): the map is invertible. The closed form is checked, not
 * trusted: at D = 1 … 5 the family is written out in coordinates with smooth stand-ins for the
 * coefficient functions, and its det J by LU must match the closed form at random points.
 */
import { Expr, add, call, mapExpr, mul, neg, num, size, substitute, sym, symbolsOf } from './expr';
import { Algebra, AlgebraError, Budget, BudgetExceeded } from './poly';
import { readableName } from '../format';
import { diff, jacobian } from './diff';
import { closeEnough, compareNumerically, testEnvironment } from './check';
import { toLatex, toMathjs, toReadable } from './print';
import type { Transform } from '../model';
import type { TransformReport } from '../report';
import { jacobianWhere } from '../abbreviate';
import { NotNumericError, compileClosure, luDet, rng } from './numeric';
import { nonvanishing, prodOver, reciprocal } from './block';

/** What a coefficient depends on: the inputs or the outputs, before i or after it. */
export interface Coefficient {
  /** Its identifier in `component` (alpha_i; a call written inline gets a fresh one). */
  readonly name: string;
  /** Its base, used to name its instances (alpha -> alpha_1, alpha_2, …). */
  readonly base: string;
  readonly on: 'input' | 'output';
  readonly side: 'before' | 'after';
}

/** The family as written, in generic symbols (model.ts Transform.autoregressive). */
export interface AutoregressiveSpec {
  /** The index letter (i). */
  readonly index: string;
  /** Identifiers of the coordinates written with the index: the input u_i, the output y_i. */
  readonly input: string;
  readonly output: string;
  /** Bases of the coordinates (z, x): the instance's coordinates are z1, z2, …. */
  readonly inputBase: string;
  readonly outputBase: string;
  /** y_i in the input and the coefficient identifiers, parameters resolved. */
  readonly component: Expr;
  readonly coefficients: readonly Coefficient[];
}

export interface AutoregressiveResult {
  /** det J for any D, with sum(…) over i and dim(u). */
  readonly det: Expr;
  /** D_i = ∂y_i/∂u_i. */
  readonly diagonal: Expr;
  /** u_i in terms of y_i and the coefficients, when y_i is affine in u_i. */
  readonly inverse: Expr | null;
  /** Affine in u_i with a slope that never vanishes: invertible whatever the coefficient functions. */
  readonly alwaysInvertible: boolean;
  /** Sizes at which det J (closed form) matched LU of the instance's Jacobian. */
  readonly sizesChecked: number[];
}

/** The direction of the family: 'before' (each coordinate uses earlier ones) or 'after'. */
export function sideOf(spec: AutoregressiveSpec): 'before' | 'after' {
  return spec.coefficients[0]?.side ?? 'before';
}

/** Instance names: z_i at coordinate k is z<k> (z1, z2, …), a coefficient alpha_<k>. */
export const coordinate = (base: string, k: number): string => `${base}${k}`;
export const coefficientAt = (c: Coefficient, k: number): string => `${c.base}_${k}`;

/**
 * The coefficient at k as a function of the coordinates on its side; with none (α_1 of a
 * family on x_{1:i-1}) a constant, the symbol alpha_1 (printed as a name, not alpha_1()),
 * which the numeric checks must then be given as a free symbol (`constants` of instanceAt).
 */
const coefficientOf = (c: Coefficient, k: number, args: readonly Expr[]): Expr => (args.length ? call(coefficientAt(c, k), ...args) : sym(coefficientAt(c, k)));

/**
 * The family written out at D = n: variables u1 … un, components y1 … yn, and what the generic
 * symbols stand for at each k. A coefficient at k is an unknown function of the coordinates on
 * its side (outputs substituted: MAF's y_k is explicit in u once the earlier outputs are).
 */
export function instanceAt(spec: AutoregressiveSpec, n: number): { variables: string[]; components: Expr[]; at: Array<Map<string, Expr>>; constants: string[] } {
  const variables = Array.from({ length: n }, (_, k) => coordinate(spec.inputBase, k + 1));
  const components: Expr[] = new Array(n);
  const at: Array<Map<string, Expr>> = new Array(n);
  const constants: string[] = [];
  const ks = [...Array(n).keys()];
  for (const k of sideOf(spec) === 'before' ? ks : [...ks].reverse()) {
    const m = new Map<string, Expr>([[spec.input, sym(variables[k])]]);
    for (const c of spec.coefficients) {
      const side = c.side === 'before' ? ks.slice(0, k) : ks.slice(k + 1);
      if (!side.length) constants.push(coefficientAt(c, k + 1));
      m.set(c.name, coefficientOf(c, k + 1, side.map((j) => (c.on === 'input' ? sym(variables[j]) : components[j]))));
    }
    components[k] = substitute(spec.component, m);
    m.set(spec.output, components[k]);
    at[k] = m;
  }
  return { variables, components, at, constants };
}

/**
 * The inverse written out at D = n, in the instance's variable names read as coordinates of the
 * image (as every inverse is reported): u_k = (y_k - h_k) / g_k, solved in the family's order,
 * a coefficient on the inputs taking the coordinates already solved.
 */
export function inverseAt(spec: AutoregressiveSpec, inverse: Expr, n: number): Expr[] {
  const variables = Array.from({ length: n }, (_, k) => coordinate(spec.inputBase, k + 1));
  const solved: Expr[] = new Array(n);
  const ks = [...Array(n).keys()];
  for (const k of sideOf(spec) === 'before' ? ks : [...ks].reverse()) {
    const m = new Map<string, Expr>([[spec.output, sym(variables[k])]]);
    for (const c of spec.coefficients) {
      const side = c.side === 'before' ? ks.slice(0, k) : ks.slice(k + 1);
      m.set(c.name, coefficientOf(c, k + 1, side.map((j) => (c.on === 'input' ? solved[j] : sym(variables[j])))));
    }
    solved[k] = substitute(inverse, m);
  }
  return solved;
}

/** A closed form (with sum(…), prod(…) over i and dim) written out at D = n. */
export function closedAt(spec: AutoregressiveSpec, e: Expr, n: number): Expr {
  const { at } = instanceAt(spec, n);
  return mapExpr(e, (x) => {
    if (x.k !== 'call' || x.d) return x;
    if (x.fn === 'sum') return add(...at.map((m) => substitute(x.args[0], m)));
    if (x.fn === 'prod') return mul(...at.map((m) => substitute(x.args[0], m)));
    if (x.fn === 'dim') return num(n);
    return x;
  });
}

/** The closed forms, checked at D = 1 … 5 against LU of the Jacobian written out in coordinates. */
export function analyzeAutoregressive(spec: AutoregressiveSpec, freeSymbols: readonly string[] = []): AutoregressiveResult {
  const diagonal = diff(spec.component, spec.input);
  const V = new Set([spec.input, ...spec.coefficients.map((c) => c.name)]);
  const det = prodOver(diagonal, spec.inputBase, V);
  const affine = !symbolsOf(diagonal).has(spec.input);
  const inverse = affine
    ? shortest(mul(add(sym(spec.output), neg(substitute(spec.component, new Map([[spec.input, num(0)]])))), reciprocal(diagonal)), [spec.output, ...V], freeSymbols)
    : null;
  const sizesChecked: number[] = [];
  for (let n = 1; n <= 5; n++) {
    if (!matchesAt(spec, det, n, freeSymbols)) break;
    sizesChecked.push(n);
  }
  return { det, diagonal, inverse, alwaysInvertible: affine && nonvanishing(diagonal), sizesChecked };
}

/** The simplifier's form of `e` when it is shorter and numerically equal (checked, not trusted), else `e`. */
function shortest(e: Expr, variables: readonly string[], freeSymbols: readonly string[]): Expr {
  try {
    const alg = new Algebra({ variables: [...variables], budget: Budget.ms(200) });
    const s = alg.best(alg.fromExpr(e));
    const ctx = { variables, domain: variables.map(() => [-1, 1] as const), freeSymbols, seed: 11 };
    return size(s) < size(e) && compareNumerically(s, e, ctx) === 'equal' ? s : e;
  } catch (err) {
    if (err instanceof BudgetExceeded || err instanceof AlgebraError) return e;
    throw err;
  }
}

/** det (closed form at D = n) equals LU of the instance's J at a few random points. */
function matchesAt(spec: AutoregressiveSpec, det: Expr, n: number, freeSymbols: readonly string[]): boolean {
  const inst = instanceAt(spec, n);
  const J = jacobian(inst.components, inst.variables);
  const closed = closedAt(spec, det, n);
  const ctx = { variables: inst.variables, domain: inst.variables.map(() => [-1, 1] as const), freeSymbols: [...freeSymbols, ...inst.constants], seed: 20261206 + n };
  const env = testEnvironment([...inst.components, ...J.flat(), closed], ctx);
  let entries, d;
  try {
    entries = J.map((row) => row.map((e) => compileClosure(e, inst.variables, env)));
    d = compileClosure(closed, inst.variables, env);
  } catch (e) {
    if (e instanceof NotNumericError) return false;
    throw e;
  }
  const rand = rng(7 + n);
  let ok = 0;
  for (let tries = 0; tries < 24 && ok < 4; tries++) {
    const x = inst.variables.map(() => 2 * rand() - 1);
    const lu = luDet(entries.map((row) => row.map((f) => f(x))));
    const v = d(x);
    if (!Number.isFinite(lu)) continue;
    if (!closeEnough(v, lu, 1e-6)) return false;
    ok++;
  }
  return ok > 0;
}

// ---------------------------------------------------------------------------------------
// The report

/** LaTeX with sum(u) and prod(u) over the index as Σ_i, Π_i, dim(u) as D. */
function familyLatex(spec: AutoregressiveSpec, e: Expr, names: Readonly<Record<string, string>>): string {
  const all: Record<string, string> = { ...names };
  let k = 0;
  const lx = (x: Expr): string => toLatex(x, { names: all });
  const placeholder = (tex: string): Expr => { const id = `__family${k++}`; all[id] = tex; return sym(id); };
  const prepared = mapExpr(e, (x) => {
    if (x.k !== 'call' || x.d) return x;
    if (x.fn === 'sum') return placeholder(`\\sum_{${spec.index}} ${lx(x.args[0])}`);
    if (x.fn === 'prod') return placeholder(`\\prod_{${spec.index}} ${lx(x.args[0])}`);
    if (x.fn === 'dim') return placeholder('D');
    return x;
  });
  if (prepared.k === 'call' && prepared.fn === 'exp' && prepared.args[0].k === 'sym' && prepared.args[0].name.startsWith('__family')) return `\\exp\\left(${lx(prepared.args[0])}\\right)`;
  return lx(prepared);
}

/**
 * The report of an indexed family: det J, log|det J|, the inverse and the verdict for any D,
 * replacing those of its instance (which J and the components still show). `logAbsDet` is
 * analyze.ts's log|c exp(u)| (passed in, so that this module does not import analyze.ts).
 */
export function applyAutoregressive(t: Transform, spec: AutoregressiveSpec, r: TransformReport, logAbsDet: (det: Expr) => Expr | null): TransformReport {
  const names = t.display ?? {};
  const res = analyzeAutoregressive(spec, t.freeSymbols);
  const n = t.variables.length;
  // the instance's own det J (simplified and checked by analyze.ts) is the closed form at D = n
  const ctx = { variables: t.variables, domain: t.domain, freeSymbols: t.freeSymbols, seed: 20261206 };
  const instanceAgrees = r.trees.det === null || compareNumerically(closedAt(spec, res.det, n), r.trees.det, ctx) !== 'different';
  const checked = instanceAgrees && res.sizesChecked.length === 5;
  const tex = (e: Expr) => familyLatex(spec, e, names);
  const logDet = logAbsDet(res.det);
  const said = (id: string) => readableName(names[id] ?? id);
  const coefficients = spec.coefficients.map((c) => said(c.name));
  const on = (c: Coefficient) => said(c.on === 'input' ? spec.input : spec.output).replace(/_\{?[a-z]\}?$/, '');
  const rangeOf = (c: Coefficient) => (c.side === 'before' ? `${on(c)}_{1:${spec.index}-1}` : `${on(c)}_{${spec.index}+1:D}`);
  const range = [...new Set(spec.coefficients.map(rangeOf))].join(' and ');
  const dependsOn = spec.coefficients.map((c) => `${said(c.name)} on ${rangeOf(c)}`).join(', ');
  // the note is plain text: the family as a person writes it (μ_i(x_{1:i-1}), not \mu_i\left(…\right))
  const plainNames = Object.fromEntries(Object.entries(names).map(([id, tex]) => [id, readableName(tex)]));
  const plain = (e: Expr) => toReadable(e, plainNames);
  const family = `${said(spec.output)} = ${plain(spec.component)}`;
  const inverse = res.inverse ? inverseAt(spec, res.inverse, n) : null;
  const inverseFamily = res.inverse ? `${said(spec.input)} = ${plain(res.inverse)}` : null;
  const note = `${family} for every ${spec.index} (any dimension D): det J, log|det J| and the inverse hold for every D` +
    `${checked ? ` (checked against LU of J at D = ${res.sizesChecked.join(', ')})` : ''}; the components and J are shown for D = ${n}` +
    `${inverseFamily ? `, the inverse is ${inverseFamily}` : ''}.`;
  const invertibility = res.alwaysInvertible && r.invertibility.verdict !== 'not-invertible' ? {
    ...r.invertibility,
    verdict: 'invertible' as const, certainty: 'proof' as const, locallyInvertible: true,
    reason: `triangular: ${coefficients.join(' and ')} depend only on ${range}, and component ${spec.index} is affine in ${said(spec.input)} with slope ${toMathjs(res.diagonal)} ≠ 0, so the coordinates are solved one at a time${spec.coefficients[0]?.side === 'after' ? ' (from the last)' : ''}`,
  } : r.invertibility;
  return {
    ...r,
    det: toMathjs(res.det),
    detLatex: tex(res.det),
    structure: 'triangular',
    detChecked: checked,
    detSymbolic: true,
    logDet: logDet ? toMathjs(logDet) : null,
    logDetLatex: logDet ? tex(logDet) : null,
    inverse: inverse ? { components: inverse.map(toMathjs), latex: inverse.map((e) => toLatex(e, { names })) } : null,
    latex: { ...r.latex, det: tex(res.det) },
    // the readable forms of the instance's det J and inverse are replaced by the family's
    ...jacobianWhere(r.where),
    notes: [...r.notes, note],
    trees: { ...r.trees, inverse },
    invertibility,
    autoregressive: { index: spec.index, family, ...(inverseFamily ? { inverse: inverseFamily } : {}), diagonal: toMathjs(res.diagonal), dependsOn, sizesChecked: res.sizesChecked },
  };
}

