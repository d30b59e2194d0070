/**
 * Shared by every front end: turn the raw components of a map into the model's components.
 * Parameters are substituted, helper functions inlined, `x(y + 1)` with a variable x read as
 * a product, and what stays symbolic (free symbols, unknown functions) is listed.
 */
import { Expr, CONSTANTS, mul, substitute, children, rebuild, symbolsOf } from '../math/expr';
import { FUNCTIONS, isKnownFunction } from '../math/functions';
import type { FunctionDef, Piece } from '../model';
import { conditionExprs, mapCondition } from '../math/condition';
import { MAX_NESTING, exprDepth, tooDeep } from '../limits';

export interface Environment {
  readonly parameters: ReadonlyMap<string, Expr>;
  readonly functions: ReadonlyMap<string, FunctionDef>;
}

export interface Resolved {
  readonly components: Expr[];
  readonly freeSymbols: string[];
  readonly unknownFunctions: string[];
}

export class ResolveError extends Error {}

const MAX_DEPTH = 32;

export function resolveComponents(raw: readonly Expr[], variables: readonly string[], env: Environment): Resolved {
  const vars = new Set(variables);
  const free = new Set<string>();
  const unknown = new Set<string>();

  // a subexpression shared between components or pieces (a front end's values are trees that share
  // their parts: 64 pieces of one colour conversion) is resolved once where the map's variables are
  // the only bound names, not once per path to it
  const shared = new Map<Expr, Expr>();
  const resolve = (e: Expr, depth: number, bound: ReadonlySet<string>, stack: readonly string[]): Expr => {
    if (bound !== vars || stack.length) return resolveOnce(e, depth, bound, stack);
    let r = shared.get(e);
    if (!r) { r = resolveOnce(e, depth, bound, stack); shared.set(e, r); }
    return r;
  };
  const resolveOnce = (e: Expr, depth: number, bound: ReadonlySet<string>, stack: readonly string[]): Expr => {
    if (depth > MAX_DEPTH) throw new ResolveError('definitions nest too deeply (a cycle between parameters or helper functions?)');
    switch (e.k) {
      case 'num': return e;
      case 'sym': {
        if (bound.has(e.name)) return e;
        const value = env.parameters.get(e.name);
        if (value) {
          if (stack.includes(e.name)) throw new ResolveError(`the parameter ${e.name} is defined in terms of itself`);
          return resolve(value, depth + 1, new Set(), [...stack, e.name]);
        }
        if (!(e.name in CONSTANTS)) free.add(e.name);
        return e;
      }
      case 'call': {
        const args = e.args.map((a) => resolve(a, depth, bound, stack));
        // s_k'(u) where the note defines the value s_k' (LaTeX: s_k' = s_k'(y) = …): a product, as written
        const primed = e.d && args.length === 1 ? e.fn + "'".repeat(e.d.length) : null;
        if (primed && env.parameters.has(primed) && !bound.has(primed)) return mul(resolve({ k: 'sym', name: primed }, depth, bound, stack), args[0]);
        if (e.d) return { ...e, args };
        // R(λ - λ_0) beside R sin φ: R is a quantity of the map (written without a call elsewhere), a product
        const isValue = bound.has(e.fn) || env.parameters.has(e.fn) || e.fn in CONSTANTS ||
          (args.length === 1 && plain.has(e.fn) && !env.functions.has(e.fn) && !isKnownFunction(e.fn));
        if (isValue) {
          if (args.length !== 1) throw new ResolveError(`${e.fn} is a variable or a parameter, not a function: it cannot take ${args.length} arguments`);
          return mul(resolve({ k: 'sym', name: e.fn }, depth, bound, stack), args[0]);
        }
        const helper = env.functions.get(e.fn);
        if (helper) {
          if (stack.includes(e.fn)) throw new ResolveError(`the helper function ${e.fn} calls itself`);
          if (helper.params.length !== args.length) {
            throw new ResolveError(`${e.fn} is defined with ${helper.params.length} argument${helper.params.length === 1 ? '' : 's'} but called with ${args.length}`);
          }
          // Resolve the body with its own parameters bound, then substitute the arguments.
          const body = resolve(helper.body, depth + 1, new Set(helper.params), [...stack, e.fn]);
          return substitute(body, new Map(helper.params.map((p, i) => [p, args[i]])));
        }
        if (!isKnownFunction(e.fn)) unknown.add(e.fn);
        return { k: 'call', fn: e.fn, args };
      }
      case 'pow': {
        // a(u)^2 where a is a value, not a function: a · u^2, as written (\xi(1 - \xi)^2)
        const b = e.base;
        if (b.k === 'call' && b.args.length === 1 && !bound.has(b.fn) && isValueCall(b)) {
          const value: Expr = { k: 'sym', name: b.d ? b.fn + "'".repeat(b.d.length) : b.fn };
          return resolve(mul(value, { k: 'pow', base: b.args[0], exp: e.exp }), depth, bound, stack);
        }
        return rebuild(e, children(e).map((c) => resolve(c, depth, bound, stack)));
      }
      default: return rebuild(e, children(e).map((c) => resolve(c, depth, bound, stack)));
    }
  };

  /** A call of a name that is a value here (a parameter, or a primed value s_k'): a product. */
  function isValueCall(c: Extract<Expr, { k: 'call' }>): boolean {
    if (c.d) return env.parameters.has(c.fn + "'".repeat(c.d.length));
    return vars.has(c.fn) || env.parameters.has(c.fn) || c.fn in CONSTANTS;
  }

  // Front ends refuse deeper input at its place; this holds for all of them, before and after inlining.
  const nesting = (e: Expr) => {
    const d = exprDepth(e);
    if (d > MAX_NESTING) throw new ResolveError(tooDeep('a component', d));
  };
  raw.forEach(nesting);
  // names written as plain values somewhere in the map (not only applied to arguments)
  // (the nesting check above bounds the recursion)
  const plain = new Set<string>();
  for (const c of raw) symbolsOf(c, plain);
  const components = raw.map((c) => resolve(c, 0, vars, []));
  components.forEach(nesting);
  for (const v of vars) free.delete(v);
  return { components, freeSymbols: [...free].sort(), unknownFunctions: [...unknown].sort() };
}

/**
 * The pieces of a piecewise map resolved like components: their components and the
 * expressions their conditions compare (free symbols and unknown functions of all of them).
 */
export function resolvePieces(pieces: readonly Piece[], variables: readonly string[], env: Environment): Resolved & { readonly pieces: Piece[] } {
  const raw = pieces.flatMap((p) => [...p.components, ...conditionExprs(p.condition)]);
  const r = resolveComponents(raw, variables, env);
  let i = 0;
  const next = () => r.components[i++];
  const out = pieces.map((p): Piece => {
    const components = p.components.map(next);
    return { ...p, components, condition: mapCondition(p.condition, next) };
  });
  return { ...r, components: out[0]?.components.slice() ?? [], pieces: out };
}

/** Evaluate a constant expression (domain bounds, parameter values) or return null. */
export function constantValue(e: Expr, env?: Environment): number | null {
  let x = e;
  try {
    if (env) x = resolveComponents([e], [], env).components[0];
  } catch {
    return null;
  }
  const v = evalConst(x);
  return Number.isFinite(v) ? v : null;
}

function evalConst(e: Expr): number {
  switch (e.k) {
    case 'num': return e.v;
    case 'sym': return e.name in CONSTANTS ? CONSTANTS[e.name] : NaN;
    case 'add': return e.args.reduce((s, a) => s + evalConst(a), 0);
    case 'mul': return e.args.reduce((s, a) => s * evalConst(a), 1);
    case 'neg': return -evalConst(e.arg);
    case 'pow': return Math.pow(evalConst(e.base), evalConst(e.exp));
    case 'call': {
      const fn = e.d ? undefined : FUNCTIONS[e.fn];
      return fn && fn.arity === e.args.length ? fn.f(evalConst(e.args[0]), e.args.length > 1 ? evalConst(e.args[1]) : 0) : NaN;
    }
  }
}
