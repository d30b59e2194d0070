/**
 * Vector maps: read (elaborate.ts), differentiate in matrix form (jacobian.ts), det J and
 * tr J by structure (det.ts), simplify (simplify.ts), check at n = 1 … 5 (verify.ts).
 */
import { Expr, call, exprKey, symbolsOf } from '../expr';
import { Elaborated, ElaborationError, MatrixFunction, elaborate } from './elaborate';
import { JacobianError, Lin, derivative, normalize } from './jacobian';
import { DetAnalysis, Form, UNIT_MODULUS, analyzeLin } from './det';
import { Dim, SCALAR, Shape } from './shape';
import { simplifyVectorNumber } from './simplify';
import { SizeCheck, checkAtSizes } from './verify';
import { T, toExpr, tNum } from './typed';

export { ElaborationError, elaborate } from './elaborate';
export type { Elaborated, VectorEnv, Declared, MatrixFunction } from './elaborate';

export interface VectorAnalysis {
  readonly form: Form;
  /** How det J was obtained, in words. */
  readonly rule: string;
  /** J in matrix form (null when it could not be formed). */
  readonly lin: Lin | null;
  /** det J for the map's sizes, in the vector vocabulary (simplified), or null. */
  readonly det: Expr | null;
  readonly logDet: Expr | null;
  readonly trace: Expr | null;
  /** Sizes of the input at which det J (tr J) matched LU of the instance's Jacobian. */
  readonly detCheck: SizeCheck | null;
  readonly traceCheck: SizeCheck | null;
  /** J does not depend on the point. */
  readonly affine: boolean;
  /** Notes for the user (no closed form because …). */
  readonly notes: string[];
}

export interface VectorContext {
  readonly values?: ReadonlyMap<string, readonly (readonly Expr[])[]>;
  readonly matrixFunctions?: ReadonlyMap<string, MatrixFunction>;
  readonly seed?: number;
  readonly budgetMs?: number;
}

/** A size as a number of formulas: dim(x) for the input's, rows(A)/cols(A) or dim(b) for others. */
export function sizeTerm(el: Elaborated): (d: Dim) => T {
  return (d: Dim): T => {
    const x = el.dims.resolve(d);
    if (typeof x === 'number') return tNum(x);
    for (const v of el.variables) if (v.s.k === 'vector' && el.dims.resolve(v.s.n) === x) return dimT(v.name, v.s, 'dim');
    for (const [name, s] of el.shapes) {
      if (s.k === 'vector' && el.dims.resolve(s.n) === x) return dimT(name, s, 'dim');
      if (s.k === 'matrix' && el.dims.resolve(s.r) === x) return dimT(name, s, 'rows');
      if (s.k === 'matrix' && el.dims.resolve(s.c) === x) return dimT(name, s, 'cols');
    }
    return tNum(NaN);
  };
}

const dimT = (name: string, s: Shape, fn: 'dim' | 'rows' | 'cols'): T => ({ op: 'red', fn, a: { op: 'sym', name, s }, s: SCALAR });

/** Re-read a number of the map (a simplified det J) against the map's shapes and sizes. */
export function reread(e: Expr, el: Elaborated): T | null {
  const shapes = new Map(el.shapes);
  for (const v of el.variables) if (v.s.k !== 'scalar') shapes.set(v.name, v.s);
  const scalars = new Set([...symbolsOf(e)].filter((s) => !shapes.has(s) && s !== el.identity));
  try {
    const r = elaborate([], [e], { keepScalar: true, broadcast: true, scalars, identity: el.identity }, { dims: el.dims, shapes });
    return r ? r.components[0] : null;
  } catch (err) {
    if (err instanceof ElaborationError) return null;
    throw err;
  }
}

export function analyzeVector(el: Elaborated, ctx: VectorContext = {}): VectorAnalysis {
  const notes: string[] = [];
  const none = (rule: string, lin: Lin | null = null): VectorAnalysis => ({
    form: 'general', rule, lin, det: null, logDet: null, trace: null, detCheck: null, traceCheck: null, affine: false, notes,
  });
  const vecs = el.variables.filter((v) => v.s.k === 'vector');
  if (el.variables.length !== 1 || vecs.length !== 1) return none('maps of several vector variables are analysed entry by entry');
  const x = vecs[0];
  let lin: Lin;
  try {
    lin = normalize(derivative(el.components[0], x.name, x.s));
  } catch (e) {
    if (e instanceof JacobianError) return none(`the Jacobian has no matrix form: ${e.message}`);
    throw e;
  }
  const affine = lin.every((t) => !mentionsT(t.c, x.name) && t.f.every((f) => !(f.k === 'opaque') && !mentionsT(f.k === 'mat' ? f.m : f.v, x.name)));
  const a: DetAnalysis = analyzeLin(lin, x.s, { sizeT: sizeTerm(el), kind: (name) => el.kinds.get(name) });
  const check = (t: T, what: 'det' | 'trace') => checkAtSizes(el, t, what, { seed: ctx.seed, values: ctx.values, matrixFunctions: ctx.matrixFunctions });
  const settle = (raw: T | null, what: 'det' | 'trace'): { e: Expr | null; check: SizeCheck | null } => {
    if (!raw) return { e: null, check: null };
    const rawE = toExpr(raw);
    const simple = simplifyVectorNumber(rawE, ctx.budgetMs);
    const candidates: Array<[Expr, T | null]> = exprKey(simple) === exprKey(rawE) ? [[rawE, raw]] : [[simple, reread(simple, el)], [rawE, raw]];
    for (const [e, t] of candidates) {
      if (!t) continue;
      const c = check(t, what);
      if (c.failed === null) return { e, check: c };
      notes.push(`a closed form of ${what === 'det' ? 'det J' : 'tr J'} did not match the numeric one at n = ${c.failed}; it is not shown`);
    }
    return { e: null, check: null };
  };
  const det = settle(a.det, 'det');
  const trace = settle(a.trace, 'trace');
  const logDet = det.e ? logAbs(det.e, (name) => { const k = el.kinds.get(name); return !!k && UNIT_MODULUS.has(k); }) : null;
  return { form: a.form, rule: a.rule, lin, det: det.e, logDet, trace: trace.e, detCheck: det.check, traceCheck: trace.check, affine, notes };
}

function mentionsT(t: T, x: string): boolean {
  return symbolsOf(toExpr(t)).has(x);
}

/**
 * log|det J| in the vector vocabulary: log|c Π s_i| = log|c| + Σ log|s_i|,
 * log|exp(u)| = u, log|a^k| = k log|a|; null when it is no simpler than log|det J|.
 */
export function logAbs(det: Expr, unitModulus: (name: string) => boolean = () => false): Expr | null {
  let useful = false;
  const go = (e: Expr): Expr => {
    switch (e.k) {
      case 'num': return call('log', { k: 'num', v: Math.abs(e.v) });
      case 'neg': return go(e.arg);
      case 'mul': useful = true; return sAddE(e.args.map(go));
      case 'pow': {
        useful = true;
        // log|(-1)^n| = n log 1 = 0
        const b = go(e.base);
        return nothing(b) ? { k: 'num', v: 0 } : { k: 'mul', args: [e.exp, b] };
      }
      case 'call':
        if (!e.d && e.fn === 'exp') { useful = true; return e.args[0]; }
        if (!e.d && e.fn === 'prod') { useful = true; return call('sum', call('log', call('abs', e.args[0]))); }
        if (!e.d && e.fn === 'det') {
          if (e.args[0].k === 'sym' && unitModulus(e.args[0].name)) { useful = true; return { k: 'num', v: 0 }; }
          return call('log', call('abs', e));
        }
        return call('log', call('abs', e));
      default: return call('log', call('abs', e));
    }
  };
  const out = go(det);
  if (!useful) return null;
  return out;
}

/** log 1 or 0: a term of log|det J| that adds nothing. */
const nothing = (a: Expr) => (a.k === 'call' && a.fn === 'log' && a.args[0].k === 'num' && a.args[0].v === 1) || (a.k === 'num' && a.v === 0);

function sAddE(args: Expr[]): Expr {
  const kept = args.filter((a) => !nothing(a));
  return kept.length === 0 ? { k: 'num', v: 0 } : kept.length === 1 ? kept[0] : { k: 'add', args: kept };
}
