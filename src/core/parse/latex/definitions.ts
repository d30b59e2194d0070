/**
 * The note's definitions, inline or display: parameters (`a = 0.5`, a constant value,
 * possibly in terms of other parameters), helpers (`s(u) = \tanh(a u)`) and local names
 * beside a map (`r = \sqrt{x^2 + y^2}`), and the environment each map sees.
 *
 * Scope: a parameter takes its latest value above the map, else the first one below it
 * ("where a = 0.5"); a helper applies to the maps after it and in the same run of display
 * blocks (before it, the function stays symbolic); a local applies in its own formula or run.
 */
import { CONSTANTS, Expr, symbolsOf } from '../../math/expr';
import type { FunctionDef } from '../../model';
import type { Environment } from '../resolve';
import { DEFINE } from './detect';
import { Candidate, Declined, declined } from './recognizer';
import { Formula, Reading, docSpan, hasPrime, isConstant } from './reading';

export interface ParamDef { readonly name: string; readonly value: Expr; readonly offset: number; readonly run: number }
export interface HelperDef { readonly name: string; readonly def: FunctionDef; readonly offset: number; readonly run: number }
/** Names defined beside a map in terms of its variables: r = \\sqrt{x^2 + y^2}. */
export interface LocalDef { readonly name: string; readonly value: Expr; readonly offset: number; readonly run: number; readonly f: Formula }

export interface Definitions {
  readonly params: readonly ParamDef[];
  readonly helpers: readonly HelperDef[];
  readonly locals: readonly LocalDef[];
  /** The names of the parameters. */
  readonly parameterNames: ReadonlySet<string>;
}

/** The definitions of a note, and the definition-like statements that cannot be read. */
export function definitionsOf(reading: Reading): { defs: Definitions; declined: Declined[] } {
  const out: Declined[] = [];
  const candidates: Array<{ name: string; value: Expr; offset: number; run: number; f: Formula }> = [];
  const heads: Array<{ name: string; params: string[]; body: Expr; offset: number; run: number }> = [];
  for (const f of reading.formulas) {
    for (const st of f.statements) {
      if (!DEFINE.has(st.rels[0] ?? '') || st.sides.length < 2) continue;
      const lhs = reading.lhs(f, st.sides[0]);
      if (!lhs || (lhs.k !== 'name' && lhs.k !== 'head')) continue;
      const v = reading.value(f, st.sides[st.sides.length - 1]);
      const offset = f.seg.start + st.span[0];
      if (v.k === 'error') {
        // A definition-like line with a malformed right side is worth a diagnostic; notation
        // that is not a formula (\det, \sum, \partial, …) is mathematics in prose: left alone.
        if (v.err.kind === 'syntax' && f.seg.display && !v.bracketed) {
          out.push(declined('definition.syntax', `${reading.written(f, st.sides[0].span)} = …: ${v.err.message}`, { f, span: v.err.span }, 'error', st));
        }
        continue;
      }
      const e = v.k === 'expr' ? v.e : v.k === 'tuple' && v.items.length === 1 ? v.items[0].e : null;
      if (!e || hasPrime(e)) continue;
      if (lhs.k === 'name') candidates.push({ name: lhs.name, value: e, offset, run: f.run, f });
      else heads.push({ name: lhs.name, params: lhs.params, body: e, offset, run: f.run });
    }
  }
  // parameters: constant values, possibly in terms of other parameters (to a fixed point)
  const P = new Set<string>();
  for (let changed = true; changed;) {
    changed = false;
    for (const c of candidates) {
      if (P.has(c.name)) continue;
      if (isConstant(c.value, P, new Set())) { P.add(c.name); changed = true; }
    }
  }
  const params = candidates.filter((c) => P.has(c.name) && isConstant(c.value, P, new Set()));
  const locals = candidates.filter((c) => !P.has(c.name) && !hasPrime(c.value));
  const helpers: HelperDef[] = heads
    .filter((h) => isConstant(h.body, P, new Set(h.params), true))
    .map((h) => ({ name: h.name, def: { params: h.params, body: h.body }, offset: h.offset, run: h.run }));
  return { defs: { params, helpers, locals, parameterNames: new Set(params.map((p) => p.name)) }, declined: out };
}

/**
 * The parameters, helpers and local names a candidate sees:
 *  - parameters with a value (`a = 0.5`): the latest above the map (or in its run), else the first below;
 *  - local names in terms of its variables (`r = \\sqrt{x^2 + y^2}`) in its formulas or run;
 *  - other definitions that do not involve its variables (`\\gamma = 1/\\sqrt{1 - v^2/c^2}` with v, c
 *    never given): symbolic parameters, scoped like parameters.
 */
export function environmentOf(d: Candidate, { params, helpers, locals }: Definitions): Environment {
  const start = Math.min(...d.parts.map((p) => docSpan(p)[0]));
  const visible = (x: { offset: number; run: number }) => x.offset < start || (x.run >= 0 && x.run === d.run);
  const isVar = (n: string) => d.variables.includes(n);
  const functions = new Map<string, FunctionDef>();
  for (const h of helpers) if (visible(h) && !isVar(h.name)) functions.set(h.name, h.def);
  const parameters = new Map<string, Expr>();
  for (const p of params) if (visible(p) && !isVar(p.name)) parameters.set(p.name, p.value);
  for (const p of params) if (!parameters.has(p.name) && !isVar(p.name)) parameters.set(p.name, p.value);
  // local names in the map's formulas (or its run of display blocks), in terms of its variables
  const known = new Set([...d.variables, ...parameters.keys(), ...locals.map((l) => l.name)]);
  const near = new Set<string>();
  for (const l of locals) {
    if (!(d.formulas.includes(l.f) || (l.run >= 0 && l.run === d.run)) || parameters.has(l.name) || isVar(l.name)) continue;
    const uses = symbolsOf(l.value);
    if (![...uses].some(isVar) || ![...uses].every((u) => known.has(u) || u in CONSTANTS)) continue;
    parameters.set(l.name, l.value);
    near.add(l.name);
  }
  // symbolic parameters: definitions that reach none of the map's variables
  const firstDef = new Map<string, Expr>();
  for (const x of [...params, ...locals]) if (!firstDef.has(x.name)) firstDef.set(x.name, x.value);
  const reachesVars = (e: Expr, seen: Set<string>): boolean => {
    for (const u of symbolsOf(e)) {
      if (isVar(u)) return true;
      const v = firstDef.get(u);
      if (v && !seen.has(u) && seen.size < 64) { seen.add(u); if (reachesVars(v, seen)) return true; }
    }
    return false;
  };
  const symbolic = locals.filter((l) => !parameters.has(l.name) && !isVar(l.name) && !near.has(l.name) && !reachesVars(l.value, new Set([l.name])));
  const chosen = new Map<string, Expr>();
  for (const l of symbolic) if (visible({ offset: l.offset, run: l.run })) chosen.set(l.name, l.value);
  for (const l of symbolic) if (!chosen.has(l.name)) chosen.set(l.name, l.value);
  for (const [k, v] of chosen) parameters.set(k, v);
  return { parameters, functions };
}
