/**
 * The report of a vector map (model.ts, VectorSpec): the scalar engine has analysed the
 * Transform's coordinates (or, for a symbolic size, its instance with every size 1); this
 * adds the map for any size: J in matrix notation, det J and log|det J| from structure,
 * tr J, the sizes they were checked at, and the verdict for any n.
 */
import { Expr, size, sym } from '../expr';
import { Algebra, AlgebraError, Budget, BudgetExceeded } from '../poly';
import { compareNumerically } from '../check';
import { toLatex, toMathjs } from '../print';
import type { Transform } from '../../model';
import type { Invertibility, TransformReport, VectorReport } from '../../report';
import { jacobianWhere } from '../../abbreviate';
import { Elaborated, ElaborationError, VectorEnv, elaborate, specEnv } from './elaborate';
import { VectorAnalysis, analyzeVector, reread } from './index';
import { coordinates } from './coords';
import { linLatex, linMathjs, tLatex, tMathjs, vectorLatex, vectorMathjs, vectorText, VectorNames } from './print';
import { vectorInvertibility } from './invertibility';
import { shapeText } from './shape';
import type { Form } from './det';

const STRUCTURE: Partial<Record<Form, TransformReport['structure']>> = { diagonal: 'diagonal', 'scaled identity': 'diagonal' };

export function applyVector(t: Transform, r: TransformReport, logAbsDet: (det: Expr) => Expr | null): TransformReport {
  const spec = t.vector;
  if (!spec) return r;
  const env = specEnv(spec);
  let el: Elaborated | null;
  try {
    el = elaborate(spec.variables, spec.components, env);
  } catch (e) {
    if (e instanceof ElaborationError) return { ...r, notes: [...r.notes, `The map could not be read with vectors: ${e.message}.`] };
    throw e;
  }
  if (!el) return r;
  const a = analyzeVector(el, { values: env.values, matrixFunctions: env.matrixFunctions, seed: 20260101 });
  const names = printNames(t, el);
  const text = (e: Expr) => vectorText(e);
  const verdict = vectorInvertibility(el, a, { assumptions: t.assumptions ?? [], values: env.values ?? new Map(), text });
  const checkedAt = a.detCheck?.passed ?? [];
  const x = el.variables[0];
  const dimension = x?.s.k === 'vector' ? sizeName(el, x.s.n) : '1';
  const vector: VectorReport = {
    dimension,
    shapes: Object.fromEntries([...el.variables.map((v) => [v.name, v.s] as const), ...el.shapes].filter(([, s]) => s.k !== 'scalar')
      .map(([k, s]) => [k, shapeText(s, el!.dimNames).replace(/^an? /, '')])),
    form: a.form,
    rule: a.rule,
    jacobian: a.lin ? linMathjs(a.lin, names) : null,
    jacobianLatex: a.lin ? linLatex(a.lin, names) : null,
    det: a.det ? vectorMathjs(a.det, names) : null,
    detLatex: a.det ? vectorLatex(a.det, names) : null,
    logDet: a.logDet ? vectorMathjs(a.logDet, names) : null,
    logDetLatex: a.logDet ? vectorLatex(a.logDet, names) : null,
    trace: a.trace ? vectorMathjs(a.trace, names) : null,
    traceLatex: a.trace ? vectorLatex(a.trace, names) : null,
    checkedAt,
    inferred: el.inferred.map((i) => `${i.name}: ${i.why}`),
    ...(verdict?.condition ? { condition: verdict.condition } : {}),
  };
  const invertibility: Invertibility | null = verdict ? {
    verdict: verdict.verdict, certainty: verdict.certainty, reason: verdict.reason, locallyInvertible: verdict.locallyInvertible, witness: verdict.witness,
  } : null;
  if (spec.size === null) return symbolic(t, r, el, a, vector, names, invertibility);
  return concrete(t, r, el, a, vector, env, invertibility, logAbsDet);
}

function sizeName(el: Elaborated, d: number | string): string {
  const x = el.dims.resolve(d);
  return typeof x === 'number' ? String(x) : el.dimNames.get(x) ?? 'n';
}

function printNames(t: Transform, el: Elaborated): VectorNames {
  const vectors = new Set<string>();
  for (const v of el.variables) if (v.s.k === 'vector') vectors.add(v.name);
  for (const [k, s] of el.shapes) if (s.k === 'vector') vectors.add(k);
  return {
    names: t.display ?? {}, vectors,
    sizeOf: (e) => {
      if (e.k !== 'call' || e.args[0]?.k !== 'sym') return null;
      const name = e.args[0].name;
      const s = el.shapes.get(name) ?? el.variables.find((v) => v.name === name)?.s;
      if (!s) return null;
      const d = s.k === 'vector' ? s.n : s.k === 'matrix' ? (e.fn === 'cols' ? s.c : s.r) : null;
      return d === null ? null : sizeName(el, d);
    },
  };
}

/** A symbolic size: what is shown is the map for any n. */
function symbolic(t: Transform, r: TransformReport, el: Elaborated, a: VectorAnalysis, vector: VectorReport, names: VectorNames, inv: Invertibility | null): TransformReport {
  const x = el.variables[0];
  const n = vector.dimension;
  const all = a.detCheck && a.detCheck.passed.length >= 5;
  const inferred = el.inferred.length ? ` (read as vectors and matrices: ${el.inferred.map((i) => `${i.name}, ${i.why}`).join('; ')})` : '';
  const note = `${x.name} is a vector of ${n} entries${inferred}; J, det J and tr J hold for every ${n}` +
    (a.det ? (all ? ` and were checked at ${n} = 1 … 5 against LU of the map written out with random entries` : '') : `; det J has no closed form for every ${n} (${a.rule})`) + '.';
  const detStr = a.det ? vectorMathjs(a.det, names) : 'det(J)';
  return {
    ...r,
    components: el.components.map((c) => tMathjs(c, names)),
    jacobian: [[vector.jacobian ?? 'J']],
    det: detStr,
    detLatex: vector.detLatex ?? '\\det J',
    structure: a.affine ? 'linear' : STRUCTURE[a.form] ?? 'general',
    detChecked: !!all,
    detSymbolic: !!a.det,
    logDet: vector.logDet,
    logDetLatex: vector.logDetLatex,
    inverse: null,
    blocks: null,
    latex: {
      ...r.latex,
      variables: el.variables.map((v) => toLatex(sym(v.name), { names: names.names })),
      components: el.components.map((c) => tLatex(c, names)),
      jacobian: [[vector.jacobianLatex ?? 'J']],
      det: vector.detLatex ?? '\\det J',
    },
    // (the where lines were the size-1 instance's forms, all replaced here)
    where: undefined,
    notes: [...r.notes, note, ...a.notes],
    invertibility: inv ?? { verdict: 'unknown', certainty: 'numerical', reason: `no argument that holds for every ${n} was found (${a.rule})`, locallyInvertible: null, witness: null },
    trees: { ...r.trees, inverse: null },
    ...(vector.trace ? { trace: vector.trace, traceLatex: vector.traceLatex ?? undefined } : {}),
    vector,
  };
}

/** A size fixed by given entries: the coordinates' report, with the structural det J when it reads better. */
function concrete(
  t: Transform, r: TransformReport, el: Elaborated, a: VectorAnalysis, vector: VectorReport,
  env: VectorEnv, inv: Invertibility | null, logAbsDet: (det: Expr) => Expr | null,
): TransformReport {
  const c = coordinates(el, env.values ?? new Map(), env.matrixFunctions ?? new Map());
  const ctx = { variables: t.variables, domain: t.domain, freeSymbols: t.freeSymbols, seed: 20260101 };
  const names = t.display ?? {};
  const simplify = (e: Expr): Expr => {
    try {
      const alg = new Algebra({ variables: t.variables, budget: Budget.ms(300) });
      const s = alg.best(alg.fromExpr(e));
      return size(s) <= size(e) ? s : e;
    } catch (err) {
      if (err instanceof BudgetExceeded || err instanceof AlgebraError) return e;
      throw err;
    }
  };
  const written = (e: Expr | null): Expr | null => {
    if (!e) return null;
    const tree = reread(e, el);
    return tree ? simplify(c.expand(tree)[0]) : null;
  };
  let out: TransformReport = { ...r, vector };
  const det = written(a.det);
  if (det && r.trees.det && r.detChecked && compareNumerically(det, r.trees.det, ctx) === 'equal' && size(det) < size(r.trees.det)) {
    const logDet = logAbsDet(det);
    out = {
      ...out, det: toMathjs(det), detLatex: toLatex(det, { names }),
      logDet: logDet ? toMathjs(logDet) : r.logDet, logDetLatex: logDet ? toLatex(logDet, { names }) : r.logDetLatex,
      latex: { ...out.latex, det: toLatex(det, { names }) }, trees: { ...out.trees, det },
      ...jacobianWhere(r.where),
    };
  }
  const trace = written(a.trace);
  if (trace) out = { ...out, trace: toMathjs(trace), traceLatex: toLatex(trace, { names }) };
  if (inv && r.invertibility.verdict === 'unknown' && inv.verdict !== 'unknown') out = { ...out, invertibility: inv };
  if (a.det && !t.field) out = { ...out, notes: [...out.notes, `For any size: det J = ${vectorText(a.det)} (${a.rule}).`] };
  return out;
}
