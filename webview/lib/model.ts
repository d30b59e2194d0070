/**
 * The numeric model of a report: f, J and det J at points, compiled from the report's
 * expression trees as closures (no code generation: the webview's CSP forbids eval and
 * `new Function`). Unknown functions and free symbols are filled in by stand-ins.
 */
import type { Expr } from '../../src/core/math/expr';
import { unknownArities } from '../../src/core/math/check';
import { compileClosure, luDet, NumericEnv, Scalar, UnknownImpl } from '../../src/core/math/numeric';
import { Condition, conditionExprs, pieceSelector } from '../../src/core/math/condition';
import { DEFAULT_SYMBOL_VALUE, FormulaError, defaultStandIn, parseFormula, standInImpl, standInParams } from './standins';

/** The part of a TransformReport the model needs (what the worker receives). */
/** Formulas, or pieces of them: each point takes the first piece whose condition holds (none: NaN, a gap). */
export type PiecewiseFormulas = Formulas & { readonly pieces?: ReadonlyArray<Formulas & { readonly condition: Condition }> };

export interface ModelSpec {
  readonly variables: readonly string[];
  readonly trees: PiecewiseFormulas;
  readonly freeSymbols: readonly string[];
  /** User's stand-in formulas by function name (missing: the default). */
  readonly standIns?: Readonly<Record<string, string>>;
  /** User's values by free symbol (missing: DEFAULT_SYMBOL_VALUE). */
  readonly symbolValues?: Readonly<Record<string, number>>;
  /** A composition stepped through: the first `upTo` of its layers (built by flow.ts's modelOf). */
  readonly flow?: FlowSpec;
}

export interface FlowSpec {
  /** The layers in application order, each in its own variables (the report's trees.layers). */
  readonly layers: ReadonlyArray<PiecewiseFormulas & { readonly variables: readonly string[] }>;
  /** How many layers are applied (0: none, the identity). */
  readonly upTo: number;
  /** Cells coloured by the last applied layer's det J ('layer') or by the running total's ('total'). */
  readonly colour: 'layer' | 'total';
}

export interface Formulas { readonly components: readonly Expr[]; readonly jacobian: readonly (readonly Expr[])[]; readonly det: Expr | null }

export interface StandInUse {
  readonly name: string;
  readonly params: string[];
  /** The formula in use (the user's, or the default when the user's does not parse). */
  readonly formula: string;
  /** The user's formula and why it was not used. */
  readonly rejected?: { readonly formula: string; readonly message: string; readonly offset: number };
}

export interface Model {
  readonly n: number;
  readonly variables: readonly string[];
  /** f(z) into out[0..n). */
  f(z: ArrayLike<number>, out: Float64Array): void;
  /** J(z) row-major into out[0..n*n). */
  J(z: ArrayLike<number>, out: Float64Array): void;
  det(z: ArrayLike<number>): number;
  /** Where det J comes from: the report's closed form, or LU of the numeric J. */
  readonly detSource: 'closed form' | 'LU of J';
  readonly standIns: readonly StandInUse[];
  readonly symbols: ReadonlyArray<{ readonly name: string; readonly value: number }>;
  /** A flow's step: det J of the last applied layer alone, at its input. */
  lastLayerDet?(z: ArrayLike<number>): number;
  /** A flow's step: colour the cells by lastLayerDet instead of det. */
  readonly colourByLayer?: boolean;
  /** A flow's layers: the det J of each applied layer at its own input (application order). */
  layerDets?(z: ArrayLike<number>): number[];
}

/** The expressions of some formulas (with their pieces' and conditions'). */
export const formulas = (t: PiecewiseFormulas): Expr[] => [
  ...t.components, ...t.jacobian.flat(), ...(t.det ? [t.det] : []),
  ...(t.pieces ?? []).flatMap((p) => [...formulas(p), ...conditionExprs(p.condition)]),
];

export function buildModel(spec: ModelSpec): Model {
  const { env, standIns, symbols } = environmentOf(spec, formulas(spec.trees));
  const c = compilePiecewise(spec.trees, spec.variables, env);
  return { n: spec.variables.length, variables: spec.variables, f: c.f, J: c.J, det: c.det, detSource: c.closed ? 'closed form' : 'LU of J', standIns, symbols };
}

/** f, J and det J of formulas or of their pieces (each point takes the first piece whose condition holds; none: NaN). */
export function compilePiecewise(t: PiecewiseFormulas, vars: readonly string[], env: NumericEnv): CompiledFormulas {
  const n = vars.length;
  const pieces = t.pieces?.length ? t.pieces : null;
  if (!pieces) return compileFormulas(t, vars, env);
  const parts = pieces.map((p) => compileFormulas(p, vars, env));
  const select = pieceSelector(pieces.map((p) => p.condition), vars, env);
  return {
    f(z, out) { const i = select(z); if (i < 0) out.fill(NaN, 0, n); else parts[i].f(z, out); },
    J(z, out) { const i = select(z); if (i < 0) out.fill(NaN, 0, n * n); else parts[i].J(z, out); },
    det(z) { const i = select(z); return i < 0 ? NaN : parts[i].det(z); },
    closed: parts.every((p) => p.closed),
  };
}

/** Stand-ins for the unknown functions of `all` and values for the free symbols, as the user chose them. */
export function environmentOf(spec: Pick<ModelSpec, 'standIns' | 'symbolValues' | 'freeSymbols'>, all: readonly Expr[]): {
  env: NumericEnv; standIns: StandInUse[]; symbols: Array<{ name: string; value: number }>;
} {
  const unknown: Record<string, UnknownImpl> = {};
  const standIns: StandInUse[] = [];
  for (const [name, arity] of [...unknownArities(all)].sort((a, b) => a[0].localeCompare(b[0]))) {
    const params = standInParams(arity);
    const fallback = defaultStandIn(name, arity);
    const wanted = spec.standIns?.[name];
    let use: StandInUse = { name, params, formula: fallback };
    let body: Expr | null = null;
    if (wanted !== undefined && wanted.trim() !== '' && wanted.trim() !== fallback) {
      try {
        body = parseFormula(wanted, params);
        use = { name, params, formula: wanted.trim() };
      } catch (e) {
        if (!(e instanceof FormulaError)) throw e;
        use = { name, params, formula: fallback, rejected: { formula: wanted, message: e.message, offset: e.offset } };
      }
    }
    unknown[name] = standInImpl(body ?? parseFormula(fallback, params), params);
    standIns.push(use);
  }
  const symbolValues: Record<string, number> = {};
  const symbols = spec.freeSymbols.map((name) => {
    const v = spec.symbolValues?.[name];
    const value = typeof v === 'number' && Number.isFinite(v) ? v : DEFAULT_SYMBOL_VALUE;
    symbolValues[name] = value;
    return { name, value };
  });
  return { env: { unknown, symbols: symbolValues }, standIns, symbols };
}

export interface CompiledFormulas {
  f(z: ArrayLike<number>, out: Float64Array): void;
  J(z: ArrayLike<number>, out: Float64Array): void;
  det(z: ArrayLike<number>): number;
  /** det J has a closed form (else LU of J). */
  readonly closed: boolean;
}

/** f, J and det J (the closed form, or LU of J) of one set of formulas as closures. */
export function compileFormulas(t: Formulas, vars: readonly string[], env: NumericEnv): CompiledFormulas {
  const n = vars.length;
  const rows = Array.from({ length: n }, () => new Float64Array(n));
  const fs: Scalar[] = t.components.map((e) => compileClosure(e, vars, env));
  const js: Scalar[] = t.jacobian.flat().map((e) => compileClosure(e, vars, env));
  const closedDet = t.det ? compileClosure(t.det, vars, env) : null;
  return {
    f(z, out) { for (let i = 0; i < n; i++) out[i] = fs[i](z); },
    J(z, out) { for (let i = 0; i < js.length; i++) out[i] = js[i](z); },
    det: closedDet ?? ((z) => {
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) rows[i][j] = js[i * n + j](z);
      return luDet(rows);
    }),
    closed: closedDet !== null,
  };
}
