/**
 * Compositions F = f_K ∘ … ∘ f_1 (normalizing flows): built from maps a front end found, and
 * analysed layer by layer.
 *
 * - composeTransform: the layers inlined into one Transform that keeps its layers
 *   (model.ts Composition), so that every view can show F as a map and as a stack.
 * - analyzeComposition: each layer analysed on an enclosure of the image of the domain
 *   under the layers before it (interval arithmetic); F's det J and log|det J| by the chain
 *   rule, det J_F(x) = Π_k det J_k(x_{k-1}), log|det J_F(x)| = Σ_k log|det J_k(x_{k-1})|,
 *   checked against LU of the inlined map's J; F's verdict from its layers' verdicts (a
 *   composition of injective maps is injective; the first layer that is not injective is
 *   the reason, its witness mapped back through the inverses of the layers before it);
 *   F^-1 as the reversed chain of the layers' inverses, checked by F^-1(F(x)) = x.
 */
import { Expr, add, mul, substitute, sym } from './math/expr';
import { evalInterval } from './math/interval';
import { compareNumerically } from './math/check';
import { NotNumericError, compileClosure } from './math/numeric';
import { createNumericInverse } from './math/inverse';
import { toMathjs } from './math/print';
import { AnalyzeOptions, InvertibilityResult, analyzeTransform, pickChecked } from './analyze';
import { Algebra, AlgebraError, Budget, BudgetExceeded } from './math/poly';
import type { CompositionLayer, FunctionDef, Notation, Piece, Range, Transform } from './model';
import { and, mapCondition } from './math/condition';
import type { Invertibility, LayerReport, TransformReport, Witness } from './report';

export class ComposeError extends Error {}

export interface ComposeInput {
  readonly name: string;
  /** The layers in application order (f_1 first), under the names the composition writes. */
  readonly layers: readonly CompositionLayer[];
  /** F's own variables (F(x, y) = d(R(c(x, y)))); by default the first layer's. */
  readonly variables?: readonly string[];
  readonly range: Range;
  readonly nameRange: Range;
  readonly notation: Notation;
  /** F's own domain, when the notation gives one; by default the first layer's. */
  readonly domain?: ReadonlyArray<readonly [number, number]>;
  readonly domainGiven?: readonly boolean[];
  readonly domainOpen?: ReadonlyArray<readonly [boolean, boolean]>;
}

/** F = f_K ∘ … ∘ f_1 as one Transform (the layers inlined) that keeps its layers. */
export function composeTransform(c: ComposeInput): Transform {
  if (!c.layers.length) throw new ComposeError(`${c.name} composes no maps`);
  // a map of one variable in a flow of n >= 2 (h(t) = t + tanh(t)/2) acts on each coordinate
  const n = Math.max(...c.layers.map((l) => l.transform.variables.length));
  const layers = n > 1 ? c.layers.map((l) => (l.transform.variables.length === 1 ? { name: l.name, transform: elementwise(l.name, l.transform, n) } : l)) : c.layers;
  const each = c.layers.filter((l) => n > 1 && l.transform.variables.length === 1).map((l) => l.name);
  const first = layers[0].transform;
  for (let k = 1; k < layers.length; k++) {
    const m = layers[k].transform.variables.length, before = layers[k - 1].transform.variables.length;
    if (m !== before) {
      throw new ComposeError(`${layers[k].name} takes ${m} variable${m === 1 ? '' : 's'}, but ${layers[k - 1].name} gives ${before} component${before === 1 ? '' : 's'}: the layers of a composition map R^n to R^n with one n`);
    }
  }
  // F's variables: as written, else the first layer's (the first that is not spread when that one is)
  const vars = c.variables ?? (layers.find((l, k) => l === c.layers[k]) ?? layers[0]).transform.variables;
  if (vars.length !== n) throw new ComposeError(`${c.name} has ${vars.length} variable${vars.length === 1 ? '' : 's'}, but ${layers[0].name} takes ${n}`);
  for (const l of layers) {
    const captured = l.transform.freeSymbols.filter((s) => vars.includes(s));
    if (captured.length) throw new ComposeError(`the symbolic constant ${captured.join(', ')} of ${l.name} is also a variable of ${c.name}: rename one of them`);
  }
  const pieces = piecesOf(c.name, layers, vars);
  const parameters: Record<string, Expr> = {};
  const helpers: Record<string, FunctionDef> = {};
  const union = (key: 'freeSymbols' | 'unknownFunctions') => [...new Set(layers.flatMap((l) => l.transform[key]))];
  for (const l of layers) { Object.assign(parameters, l.transform.parameters); Object.assign(helpers, l.transform.helpers ?? {}); }
  const display: Record<string, string> = {};
  for (const l of [...layers].reverse()) Object.assign(display, l.transform.display ?? {});
  return {
    name: c.name,
    variables: [...vars],
    components: pieces ? pieces[0].components : layerInputs(layers, vars)[layers.length],
    ...(pieces ? { pieces } : {}),
    parameters,
    helpers,
    freeSymbols: union('freeSymbols'),
    unknownFunctions: union('unknownFunctions'),
    domain: (c.domain ?? first.domain).map(([a, b]) => [a, b] as const),
    domainGiven: [...(c.domainGiven ?? first.domainGiven)],
    ...(c.domainOpen ?? first.domainOpen ? { domainOpen: [...(c.domainOpen ?? first.domainOpen)!] } : {}),
    range: c.range,
    nameRange: c.nameRange,
    notation: c.notation,
    ...(Object.keys(display).length ? { display } : {}),
    ...(each.length ? { assumed: [`${list([...new Set(each)])} applied to each coordinate (a map of one variable in a flow in R^${n})`] } : {}),
    composition: { layers: [...layers] },
  };
}

/** At most this many pieces in a composition (or a piecewise map spread over coordinates). */
const MAX_PIECES = 16;

/** Every choice of one piece per piecewise item, in order (the first item's choice varies slowest). */
function choices(counts: readonly number[]): number[][] {
  let out: number[][] = [[]];
  for (const m of counts) out = out.flatMap((c) => Array.from({ length: m }, (_, j) => [...c, j]));
  return out;
}

/**
 * F's pieces when some layers are piecewise (a leaky ReLU): one per choice of a piece in each
 * such layer, in order, the layers' conditions taken at their inputs under that choice. The
 * first piece whose condition holds applies, as in each layer: at a point, the choices in order
 * meet the first piece of the first piecewise layer that holds there, and so on.
 */
function piecesOf(name: string, layers: readonly CompositionLayer[], vars: readonly string[]): Piece[] | undefined {
  const pw = layers.map((l, k) => (l.transform.pieces ? k : -1)).filter((k) => k >= 0);
  if (!pw.length) return undefined;
  const counts = pw.map((k) => layers[k].transform.pieces!.length);
  if (counts.reduce((a, b) => a * b, 1) > MAX_PIECES) throw new ComposeError(`${name} would have more than ${MAX_PIECES} pieces (its piecewise layers: ${pw.map((k) => layers[k].name).join(', ')})`);
  return choices(counts).map((choice) => {
    const chosen = layers.map((l, k) => {
      const i = pw.indexOf(k);
      return i < 0 ? l : { name: l.name, transform: { ...l.transform, components: l.transform.pieces![choice[i]].components } };
    });
    const inputs = layerInputs(chosen, vars);
    const condition = and(...pw.map((k, i) => mapCondition(layers[k].transform.pieces![choice[i]].condition, (e) => at(e, layers[k].transform.variables, inputs[k]))));
    return { condition, components: inputs[layers.length] };
  });
}

/**
 * A map of one variable h(t) as a layer of a flow in R^n: (t_1, …, t_n) ↦ (h(t_1), …, h(t_n)),
 * its domain the interval of t in every coordinate; a piecewise h (a leaky ReLU) has one piece
 * per choice of h's piece in each coordinate.
 */
export function elementwise(name: string, t: Transform, n: number): Transform {
  if (t.pieces && t.pieces.length ** n > MAX_PIECES) throw new ComposeError(`${name} is piecewise: applied to each of ${n} coordinates it would have more than ${MAX_PIECES} pieces; write it as ${name}(x, y) = (…, …)`);
  const [v] = t.variables;
  const vars = Array.from({ length: n }, (_, i) => `${v}${i + 1}`);
  const taken = vars.find((x) => t.freeSymbols.includes(x) || x in t.parameters);
  if (taken) throw new ComposeError(`${name} uses ${taken}, the name its coordinates would have in a flow in R^${n}: rename it`);
  const base = t.display?.[v] ?? v;
  const each = (e: Expr, x: string) => substitute(e, new Map([[v, sym(x)]]));
  const pieces = t.pieces && choices(vars.map(() => t.pieces!.length)).map((choice) => ({
    condition: and(...choice.map((j, i) => mapCondition(t.pieces![j].condition, (e) => each(e, vars[i])))),
    components: choice.map((j, i) => each(t.pieces![j].components[0], vars[i])),
  }));
  return {
    ...t,
    variables: vars,
    components: pieces ? pieces[0].components : vars.map((x) => each(t.components[0], x)),
    pieces,
    domain: vars.map(() => [t.domain[0][0], t.domain[0][1]] as const),
    domainGiven: vars.map(() => t.domainGiven[0]),
    ...(t.domainOpen ? { domainOpen: vars.map(() => t.domainOpen![0]) } : {}),
    display: { ...t.display, ...Object.fromEntries(vars.map((x, i) => [x, `${base}_{${i + 1}}`])) },
    outputs: undefined,
    block: undefined,
  };
}

/**
 * x_0, x_1, …, x_K: the input of each layer (and F's output last) as expressions of F's
 * variables.
 */
export function layerInputs(layers: readonly CompositionLayer[], vars: readonly string[]): Expr[][] {
  const out: Expr[][] = [vars.map(sym)];
  for (const l of layers) {
    const prev = out[out.length - 1];
    const map = new Map(l.transform.variables.map((v, i) => [v, prev[i]] as const));
    out.push(l.transform.components.map((e) => substitute(e, map)));
  }
  return out;
}

/** Substitute a layer's variables by its input expressions. */
const at = (e: Expr, layerVars: readonly string[], input: readonly Expr[]): Expr =>
  substitute(e, new Map(layerVars.map((v, i) => [v, input[i]] as const)));

type Box = Array<[number, number]>;

/**
 * For each layer, an enclosure of the image of F's domain under the layers before it:
 * interval arithmetic on the inlined inputs and layer by layer, intersected. `finite`: a box
 * for numeric checks (coordinates without a finite enclosure keep the layer's own domain).
 */
function layerBoxes(t: Transform, inputs: readonly Expr[][]): Array<{ exact: Box; finite: Box }> {
  const layers = t.composition!.layers;
  const out: Array<{ exact: Box; finite: Box }> = [];
  let prev: Box = t.domain.map(([a, b]) => [a, b]);
  for (let k = 0; k < layers.length; k++) {
    const own = layers[k].transform.domain;
    let exact: Box = prev;
    if (k > 0) {
      const pl = layers[k - 1].transform;
      exact = inputs[k].map((e, i) => {
        const whole = evalInterval(e, t.variables, t.domain);
        const step = evalInterval(pl.components[i], pl.variables, out[k - 1].exact);
        const lo = Math.max(whole.defined ? whole.lo : -Infinity, step.defined ? step.lo : -Infinity);
        const hi = Math.min(whole.defined ? whole.hi : Infinity, step.defined ? step.hi : Infinity);
        if (!(lo <= hi)) return [-Infinity, Infinity];
        // a coordinate that is constant on the image still needs a box of some width
        const pad = hi - lo > 1e-9 * Math.max(1, Math.abs(lo)) ? 0 : 1e-6 * Math.max(1, Math.abs(lo));
        return [lo - pad, hi + pad];
      });
    }
    const finite: Box = exact.map(([a, b], i) => (Number.isFinite(a) && Number.isFinite(b) ? [a, b] : [own[i][0], own[i][1]]));
    out.push({ exact, finite });
    prev = exact;
  }
  return out;
}

interface LayerAnalysis {
  readonly layer: CompositionLayer;
  readonly report: TransformReport;
  /** The box the verdict holds on (may be unbounded). */
  readonly box: Box;
}

/** A composition's report: the inlined map's, with its layers and the chain rule. */
export function analyzeComposition(t: Transform, opts: AnalyzeOptions = {}): TransformReport {
  const layers = t.composition!.layers;
  const vars = t.variables;
  const inputs = layerInputs(layers, vars);
  const boxes = layerBoxes(t, inputs);
  const analysed: LayerAnalysis[] = layers.map((layer, k) => {
    const { exact, finite } = boxes[k];
    const unbounded = exact.some(([a, b]) => !Number.isFinite(a) || !Number.isFinite(b));
    const check = opts.invertibility;
    const onImage: AnalyzeOptions['invertibility'] = check && ((lt, lr) => {
      const answer = asResult(check(lt, { ...lr, domain: exact }));
      // an inverse is an identity: where the unbounded check found none, the finite box may
      if (unbounded && answer.invertibility.verdict === 'invertible' && !answer.inverse) {
        return { invertibility: answer.invertibility, inverse: asResult(check(lt, lr)).inverse ?? null };
      }
      return answer;
    });
    const lt: Transform = { ...layer.transform, domain: finite, domainGiven: finite.map(() => true), domainOpen: undefined };
    return { layer, report: analyzeTransform(lt, { ...opts, invertibility: onImage, knownDet: undefined }), box: exact };
  });

  const dets = analysed.map((a, k) => (a.report.trees.det ? at(a.report.trees.det, a.layer.transform.variables, inputs[k]) : null));
  const logs = analysed.map((a, k) => (a.report.trees.logDet ? at(a.report.trees.logDet, a.layer.transform.variables, inputs[k]) : null));
  // a piecewise F: det J per piece from its own analysis (a layer's det J is one piece's)
  const knownDet = !t.pieces && dets.every((d) => d) ? {
    det: simplified(mul(...(dets as Expr[])), t, opts),
    logDet: logs.every((l) => l) ? simplified(add(...(logs as Expr[])), t, opts) : null,
  } : undefined;

  const report = analyzeTransform(t, {
    ...opts, knownDet,
    invertibility: opts.invertibility && ((ft, fr) => combineVerdicts(t, analysed, () => asResult(opts.invertibility!(ft, fr)), opts)),
  });
  const layerReports: LayerReport[] = analysed.map(({ layer, report: r, box }, k) => ({
    name: layer.name,
    variables: r.variables,
    components: r.components,
    det: r.det,
    detLatex: r.detLatex,
    logDet: r.logDet,
    logDetLatex: r.logDetLatex,
    at: inputs[k].map(toMathjs),
    // JSON has no Infinity: a coordinate whose enclosure is unbounded shows the layer's own interval
    domain: boxes[k].finite.map(([a, b]) => [a, b] as [number, number]),
    ...(box.some(([a, b]) => !Number.isFinite(a) || !Number.isFinite(b)) ? { domainUnbounded: box.map(([a, b]) => !Number.isFinite(a) || !Number.isFinite(b)) } : {}),
    invertibility: r.invertibility,
    range: layer.transform.range,
  }));
  const chain = knownDet && report.trees.det === knownDet.det;
  const notes = [...report.notes];
  if (t.pieces) notes.push(`${t.name} is piecewise through its layers ${layers.filter((l) => l.transform.pieces).map((l) => l.name).join(', ')}: J and det J are given per piece of ${t.name}; a layer's input (\`at\`) takes the first piece of any piecewise layer before it.`);
  else if (!knownDet) notes.push(`det J of ${analysed.filter((a) => !a.report.trees.det).map((a) => a.layer.name).join(', ')} has no closed form, so det J of ${t.name} is not taken from the chain rule.`);
  else if (!chain) notes.push(`the chain rule's det J of ${t.name} did not pass the check against LU of J; det J is computed from the inlined map.`);
  if (layers.some((l) => l.transform.block)) notes.push(`the block layers (${layers.filter((l) => l.transform.block).map((l) => l.name).join(', ')}) enter ${t.name} with blocks of length 1.`);
  return {
    ...report,
    notes,
    layers: layerReports,
    trees: {
      ...report.trees,
      layers: analysed.map(({ report: r }) => ({
        variables: r.variables, components: r.trees.components, jacobian: r.trees.jacobian, det: r.trees.det, ...(r.trees.pieces ? { pieces: r.trees.pieces } : {}),
      })),
    },
  };
}

/** The chain rule's product (or sum) simplified where that is shorter and numerically the same. */
function simplified(e: Expr, t: Transform, opts: AnalyzeOptions): Expr {
  const ctx = { variables: t.variables, domain: t.domain, freeSymbols: t.freeSymbols, seed: opts.seed ?? 20260101 };
  try {
    const alg = new Algebra({ variables: t.variables, budget: Budget.ms(Math.min(300, opts.budgetMs ?? 300)) });
    return pickChecked(e, [alg.best(alg.fromExpr(e))], ctx);
  } catch (err) {
    if (err instanceof BudgetExceeded || err instanceof AlgebraError) return e;
    throw err;
  }
}

const asResult = (r: Invertibility | InvertibilityResult): InvertibilityResult => ('verdict' in r ? { invertibility: r, inverse: null } : r);

const list = (xs: readonly string[]) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);

/**
 * The composition's verdict from its layers' verdicts; the inlined map's own check (`ownCheck`,
 * run only when needed) where the layers do not settle it.
 */
function combineVerdicts(t: Transform, analysed: readonly LayerAnalysis[], ownCheck: () => InvertibilityResult, opts: AnalyzeOptions): InvertibilityResult {
  let cached: InvertibilityResult | null = null;
  const own = () => (cached ??= ownCheck());
  const verdicts = analysed.map((a) => a.report.invertibility);
  const names = analysed.map((a) => a.layer.name);
  const chainName = [...names].reverse().join(' ∘ ');
  const allLocal = verdicts.every((v) => v.locallyInvertible === true);

  const bad = verdicts.findIndex((v) => v.verdict === 'not-invertible');
  if (bad >= 0) {
    const v = verdicts[bad];
    const head = `${names[bad]} is not injective ${bad === 0 ? 'on the domain' : `on the image of ${list(names.slice(0, bad))}`} (${v.reason})`;
    const w = v.witness ? mapBack(t, analysed, bad, v.witness) : null;
    const o = own().invertibility;
    if (w) {
      return {
        invertibility: {
          verdict: 'not-invertible', certainty: o.verdict === 'not-invertible' ? o.certainty : 'numerical', locallyInvertible: o.locallyInvertible, witness: w,
          ...(o.fold ? { fold: o.fold } : {}),
          reason: `${head}; its witness mapped back${bad ? ` through ${list(names.slice(0, bad).reverse().map((n) => `${n}^-1`))}` : ''} gives two points of the domain with the same image under ${t.name} = ${chainName}`,
        },
        inverse: null,
      };
    }
    if (o.verdict === 'not-invertible') return { invertibility: { ...o, reason: `${head}; ${t.name} as one map: ${o.reason}` }, inverse: null };
    return {
      invertibility: {
        ...o, verdict: o.verdict === 'invertible' && o.certainty === 'proof' ? 'invertible' : 'unknown',
        reason: `${head}, but its witness is not the image of two points of the domain (the box ${names[bad]} was checked on encloses that image loosely); ${t.name} as one map: ${o.reason}`,
      },
      inverse: o.verdict === 'invertible' && o.certainty === 'proof' ? own().inverse ?? null : null,
    };
  }

  if (verdicts.every((v) => v.verdict === 'invertible')) {
    const proof = verdicts.every((v) => v.certainty === 'proof');
    if (!proof && own().invertibility.verdict === 'not-invertible') return { ...own(), inverse: null };
    const certainty = proof || (own().invertibility.verdict === 'invertible' && own().invertibility.certainty === 'proof') ? 'proof' : 'numerical';
    const inverse = chainInverse(t, analysed, opts);
    const how = verdicts.map((v, k) => `${names[k]}: ${v.certainty === 'proof' ? firstClause(v.reason) : 'numerical evidence'}`).join('; ');
    return {
      invertibility: {
        verdict: 'invertible', certainty, locallyInvertible: allLocal ? true : null, witness: null,
        reason: `${t.name} = ${chainName}, each layer injective on the image of the layers before it (${how}); a composition of injective maps is injective${inverse ? '; its inverse is the reversed chain of inverses' : ''}`,
      },
      inverse: inverse ?? (certainty === 'proof' ? null : own().inverse ?? null),
    };
  }

  const unknown = verdicts.map((v, k) => (v.verdict === 'unknown' ? names[k] : null)).filter((x): x is string => !!x);
  const o = own();
  return {
    invertibility: { ...o.invertibility, locallyInvertible: allLocal ? true : o.invertibility.locallyInvertible, reason: `${list(unknown)}: no verdict as a layer; ${t.name} as one map: ${o.invertibility.reason}` },
    inverse: o.invertibility.verdict === 'invertible' ? chainInverse(t, analysed, opts) ?? o.inverse ?? null : null,
  };
}

/** "affine coupling layer" out of "affine coupling layer: z1 is kept …". */
const firstClause = (reason: string): string => {
  const i = reason.search(/[:;(]/);
  return (i > 0 ? reason.slice(0, i) : reason).trim().replace(/^f is /, '');
};

/**
 * A layer's witness (two inputs of layer k with the same image) mapped back through the
 * inverses of the layers before it, and checked: both points in F's domain, apart, with
 * F(a) = F(b) numerically.
 */
function mapBack(t: Transform, analysed: readonly LayerAnalysis[], k: number, w: Witness): Witness | null {
  let a: number[] | null = [...w.a], b: number[] | null = [...w.b];
  try {
    for (let j = k - 1; j >= 0 && a && b; j--) {
      const r = analysed[j].report;
      const inv = createNumericInverse({ variables: r.variables, domain: r.domain, trees: r.trees });
      a = inv(a);
      b = b && a ? inv(b) : null;
    }
    if (!a || !b) return null;
    const F = t.components.map((e) => compileClosure(e, t.variables));
    const fa = F.map((f) => f(a!)), fb = F.map((f) => f(b!));
    const scale = Math.max(1, ...fa.map(Math.abs));
    const inDomain = (x: number[]) => x.every((v, i) => v >= t.domain[i][0] - 1e-9 && v <= t.domain[i][1] + 1e-9);
    const apart = a.some((v, i) => Math.abs(v - b![i]) > 1e-6 * Math.max(1, t.domain[i][1] - t.domain[i][0]));
    if (!inDomain(a) || !inDomain(b) || !apart || !fa.every((v, i) => Number.isFinite(v) && Math.abs(v - fb[i]) <= 1e-8 * scale)) return null;
    return { a, b, image: fa };
  } catch (e) {
    if (e instanceof NotNumericError) return null;
    throw e;
  }
}

/** F^-1 = f_1^-1 ∘ … ∘ f_K^-1 in F's variable names (read as image coordinates), checked by F^-1(F(x)) = x. */
function chainInverse(t: Transform, analysed: readonly LayerAnalysis[], opts: AnalyzeOptions): Expr[] | null {
  if (!analysed.every((a) => a.report.trees.inverse)) return null;
  let w: Expr[] = t.variables.map(sym);
  for (let k = analysed.length - 1; k >= 0; k--) w = analysed[k].report.trees.inverse!.map((e) => at(e, analysed[k].report.variables, w));
  const ctx = { variables: t.variables, domain: t.domain, freeSymbols: t.freeSymbols, seed: opts.seed ?? 20260101 };
  const back = w.map((e) => at(e, t.variables, t.components));
  return back.every((e, i) => compareNumerically(e, sym(t.variables[i]), ctx) === 'equal') ? w : null;
}
