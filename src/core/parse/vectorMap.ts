/**
 * Shared by every front end: a map written with vectors and matrices (model.ts, VectorSpec)
 * -> the Transform's variables and components (math/vector/coords.ts): coordinates x1 … xn
 * when given entries fix the size, else the instance with every size 1; the analysis
 * (src/core/math/vector/) gives det J, tr J and their checks for any n.
 */
import { CONSTANTS, Expr, callsOf, symbolsOf } from '../math/expr';
import { isKnownFunction } from '../math/functions';
import { Elaborated, elaborate, specEnv } from '../math/vector/elaborate';
import { coordinates } from '../math/vector/coords';
import type { VectorSpec } from '../model';

export { ElaborationError } from '../math/vector/elaborate';

/** Read the spec (null: nothing in it is a vector; throws ElaborationError on a misuse). */
export function readSpec(spec: Omit<VectorSpec, 'size'>): Elaborated | null {
  return elaborate(spec.variables, spec.components, specEnv(spec));
}

export interface VectorParts {
  readonly variables: string[];
  readonly components: Expr[];
  readonly freeSymbols: string[];
  readonly unknownFunctions: string[];
  readonly display: Record<string, string>;
  /** For each of the Transform's variables, the written variable it is an entry of. */
  readonly owner: string[];
  readonly size: number | null;
}

/** The Transform's variables and components; `base(name)`: a name's LaTeX as written (\\mathbf{x}). */
export function vectorParts(el: Elaborated, spec: Omit<VectorSpec, 'size'>, base?: (name: string) => string): VectorParts {
  const env = specEnv(spec);
  const c = coordinates(el, env.values ?? new Map(), env.matrixFunctions ?? new Map(), base);
  const components = el.components.flatMap(c.expand);
  const vars = new Set(c.variables);
  const free = new Set<string>(), unknown = new Set<string>();
  for (const e of components) {
    for (const s of symbolsOf(e)) if (!vars.has(s) && !(s in CONSTANTS)) free.add(s);
    for (const f of callsOf(e)) if (!isKnownFunction(f)) unknown.add(f);
  }
  return { variables: c.variables, components, freeSymbols: [...free].sort(), unknownFunctions: [...unknown].sort(), display: c.display, owner: c.owner, size: c.size };
}
