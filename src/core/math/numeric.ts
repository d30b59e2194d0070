/**
 * Numeric evaluation of expression trees.
 *
 * - compileJS: generated JavaScript (new Function) for hot paths in Node (grids, sampling,
 *   benchmarks). It is generated only from validated trees: numbers are printed as finite
 *   literals, symbols become array reads, and calls come from a fixed table of Math code,
 *   so the generated code can only be arithmetic.
 * - compileClosure: nested closures, no code generation; used where eval is forbidden (the
 *   webview's CSP) and for checks with test functions standing in for unknown ones.
 */
import { Expr, CONSTANTS, children, postOrder } from './expr';
import { FUNCTIONS, erf } from './functions';

/** A stand-in for an unknown function: value of the derivative given by `d` at `args`. */
export type UnknownImpl = (args: readonly number[], d: readonly number[]) => number;

export interface NumericEnv {
  /** Values for free symbols (symbolic constants). */
  readonly symbols?: Readonly<Record<string, number>>;
  /** Implementations for unknown functions. */
  readonly unknown?: Readonly<Record<string, UnknownImpl>>;
}

export class NotNumericError extends Error {}

/** Why a tree cannot be evaluated numerically, or null when it can (each shared subtree visited once). */
export function notNumericReason(e: Expr, variables: readonly string[], env: NumericEnv = {}): string | null {
  const seen = new Set<Expr>();
  const stack: Expr[] = [e];
  while (stack.length) {
    const x = stack.pop()!;
    if (seen.has(x)) continue;
    seen.add(x);
    switch (x.k) {
      case 'num': if (!Number.isFinite(x.v)) return `the number ${x.v} is not finite`; break;
      case 'sym':
        if (!(variables.includes(x.name) || Object.hasOwn(CONSTANTS, x.name) || (env.symbols && Object.hasOwn(env.symbols, x.name)))) return `${x.name} has no value`;
        break;
      case 'call':
        if (x.d || !Object.hasOwn(FUNCTIONS, x.fn)) {
          if (!env.unknown || !Object.hasOwn(env.unknown, x.fn)) return `${x.fn} is an unknown function`;
        } else if (FUNCTIONS[x.fn].arity !== x.args.length) return `${x.fn} takes ${FUNCTIONS[x.fn].arity} arguments`;
        break;
    }
    const kids = children(x);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return null;
}

// ---------------------------------------------------------------------------------------
// Closures

export type Scalar = (x: ArrayLike<number>) => number;

export function compileClosure(e: Expr, variables: readonly string[], env: NumericEnv = {}): Scalar {
  const reason = notNumericReason(e, variables, env);
  if (reason) throw new NotNumericError(reason);
  return build(e, variables, env);
}

function build(e: Expr, vars: readonly string[], env: NumericEnv): Scalar {
  switch (e.k) {
    case 'num': { const v = e.v; return () => v; }
    case 'sym': {
      const i = vars.indexOf(e.name);
      if (i >= 0) return (x) => x[i];
      const v = env.symbols && Object.hasOwn(env.symbols, e.name) ? env.symbols[e.name] : CONSTANTS[e.name];
      return () => v;
    }
    case 'neg': { const a = build(e.arg, vars, env); return (x) => -a(x); }
    case 'add': {
      const fs = e.args.map((a) => build(a, vars, env));
      if (fs.length === 2) { const [a, b] = fs; return (x) => a(x) + b(x); }
      return (x) => { let s = 0; for (const f of fs) s += f(x); return s; };
    }
    case 'mul': {
      const fs = e.args.map((a) => build(a, vars, env));
      if (fs.length === 2) { const [a, b] = fs; return (x) => a(x) * b(x); }
      return (x) => { let s = 1; for (const f of fs) s *= f(x); return s; };
    }
    case 'pow': {
      const b = build(e.base, vars, env);
      if (e.exp.k === 'num') {
        const p = e.exp.v;
        if (p === 2) return (x) => { const v = b(x); return v * v; };
        if (p === -1) return (x) => 1 / b(x);
        if (p === 0.5) return (x) => Math.sqrt(b(x));
        return (x) => Math.pow(b(x), p);
      }
      const p = build(e.exp, vars, env);
      return (x) => Math.pow(b(x), p(x));
    }
    case 'call': {
      const args = e.args.map((a) => build(a, vars, env));
      const known = e.d || !Object.hasOwn(FUNCTIONS, e.fn) ? undefined : FUNCTIONS[e.fn];
      if (known) {
        const f = known.f;
        if (args.length === 1) { const a = args[0]; return (x) => f(a(x), 0); }
        const [a, b] = args;
        return (x) => f(a(x), b(x));
      }
      const impl = env.unknown![e.fn];
      const d = e.d ?? [];
      return (x) => impl(args.map((a) => a(x)), d);
    }
  }
}


// ---------------------------------------------------------------------------------------
// Generated JavaScript

export type Vector = (x: ArrayLike<number>, out?: Float64Array) => Float64Array;

/**
 * Compile several trees into one generated function x -> [e_0(x), e_1(x), ...], with common
 * subexpressions computed once.
 */
export function compileJS(exprs: readonly Expr[], variables: readonly string[], env: NumericEnv = {}): Vector {
  for (const e of exprs) {
    const reason = notNumericReason(e, variables, { symbols: env.symbols });
    if (reason) throw new NotNumericError(reason);
  }
  const src = generateSource(exprs, variables, env.symbols ?? {});
  const factory = new Function('erf', src) as (erf: (x: number) => number) => Vector;
  return factory(erf);
}

export function generateSource(exprs: readonly Expr[], variables: readonly string[], symbols: Readonly<Record<string, number>>): string {
  const lit = (v: number) => {
    if (!Number.isFinite(v)) throw new NotNumericError(`the number ${v} is not finite`);
    return v < 0 ? `(${String(v)})` : String(v);
  };
  const varIndex = new Map(variables.map((v, i) => [v, i] as const));
  // Equal subtrees get one id (a key of the node's kind and its children's ids, so the work
  // is linear in the number of distinct nodes, shared subtrees included); ids are given in
  // post-order, children first, without recursion.
  const idOf = new Map<Expr, number>();
  const idByKey = new Map<string, number>();
  const nodes: Expr[] = [];
  const kidIds: number[][] = [];
  const intern = (root: Expr) => postOrder(root, (x) => idOf.has(x), (e, kids) => {
    const ids = kids.map((c) => idOf.get(c)!);
    const head = e.k === 'num' ? `n${Object.is(e.v, -0) ? 0 : e.v}` : e.k === 'sym' ? `s${e.name}` : e.k === 'call' ? `c${e.fn}:${e.d?.join('.') ?? ''}` : e.k;
    const key = `${head}(${ids.join(',')})`;
    let id = idByKey.get(key);
    if (id === undefined) {
      id = nodes.length;
      idByKey.set(key, id);
      nodes.push(e);
      kidIds.push(ids);
    }
    idOf.set(e, id);
  });
  exprs.forEach(intern);
  // How often each distinct node is used by distinct parents and outputs.
  const uses = new Array<number>(nodes.length).fill(0);
  for (const ids of kidIds) for (const c of ids) uses[c]++;
  for (const e of exprs) uses[idOf.get(e)!]++;
  // The base of a short power product (b * b * b) is read more than once.
  nodes.forEach((e, id) => { if (e.k === 'pow' && e.exp.k === 'num' && Number.isInteger(e.exp.v) && Math.abs(e.exp.v) >= 2 && Math.abs(e.exp.v) <= 4) uses[kidIds[id][0]]++; });
  const usedFns = new Set<string>();
  const lines: string[] = [];
  const code: string[] = new Array(nodes.length);
  let temps = 0;
  for (let id = 0; id < nodes.length; id++) {
    const e = nodes[id], k = kidIds[id].map((c) => code[c]);
    let c: string;
    switch (e.k) {
      case 'num': c = lit(e.v); break;
      case 'sym': {
        const i = varIndex.get(e.name);
        c = i !== undefined ? `x${i}` : lit(Object.hasOwn(symbols, e.name) ? symbols[e.name] : CONSTANTS[e.name]);
        break;
      }
      case 'neg': c = `(-${k[0]})`; break;
      case 'add': c = `(${k.join(' + ')})`; break;
      case 'mul': c = `(${k.join(' * ')})`; break;
      case 'pow': {
        const b = k[0];
        if (e.exp.k === 'num' && Number.isInteger(e.exp.v) && Math.abs(e.exp.v) <= 4 && e.exp.v !== 0) {
          const p = Math.abs(e.exp.v);
          const prod = Array(p).fill(b).join(' * ');
          c = e.exp.v > 0 ? `(${prod})` : `(1 / (${prod}))`;
        } else if (e.exp.k === 'num' && e.exp.v === 0.5) c = `Math.sqrt(${b})`;
        else c = `Math.pow(${b}, ${k[1]})`;
        break;
      }
      case 'call': {
        if (!Object.hasOwn(FUNCTIONS, e.fn) || e.d) throw new NotNumericError(`${e.fn} is an unknown function`);
        usedFns.add(e.fn);
        c = `F_${e.fn}(${k.join(', ')})`;
        break;
      }
    }
    if (uses[id] > 1 && e.k !== 'num' && e.k !== 'sym' && e.k !== 'neg') {
      const name = `t${temps++}`;
      lines.push(`const ${name} = ${c};`);
      c = name;
    }
    code[id] = c;
  }
  const outs = exprs.map((e, i) => `out[${i}] = ${code[idOf.get(e)!]};`);
  const pre = [...usedFns].map((f) => `const F_${f} = (a, b) => ${FUNCTIONS[f].js};`);
  const load = variables.map((_, i) => `const x${i} = +x[${i}];`);
  return `"use strict";\n${pre.join('\n')}\nreturn function generated(x, out) {\n` +
    `if (out === undefined) out = new Float64Array(${exprs.length});\n` +
    `${load.join('\n')}\n${lines.join('\n')}\n${outs.join('\n')}\nreturn out;\n};`;
}

// ---------------------------------------------------------------------------------------
// Linear algebra

/** Determinant by LU with partial pivoting. */
export function luDet(m: ReadonlyArray<ArrayLike<number>>): number {
  const n = m.length;
  const a = m.map((r) => Array.from(r));
  let det = 1;
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(a[i][k]) > Math.abs(a[p][k])) p = i;
    if (a[p][k] === 0) return 0;
    if (!Number.isFinite(a[p][k])) return NaN;
    if (p !== k) { [a[p], a[k]] = [a[k], a[p]]; det = -det; }
    det *= a[k][k];
    for (let i = k + 1; i < n; i++) {
      const f = a[i][k] / a[k][k];
      if (f === 0) continue;
      for (let j = k; j < n; j++) a[i][j] -= f * a[k][j];
    }
  }
  return det;
}

/** Solve A x = b (partial pivoting); null when singular (a pivot of at most `tiny` in size). */
export function solve(A: ReadonlyArray<ArrayLike<number>>, b: ArrayLike<number>, tiny = 1e-300): number[] | null {
  const n = A.length;
  const a = A.map((r, i) => [...Array.from(r), b[i]]);
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(a[i][k]) > Math.abs(a[p][k])) p = i;
    if (!(Math.abs(a[p][k]) > tiny)) return null;
    [a[p], a[k]] = [a[k], a[p]];
    for (let i = k + 1; i < n; i++) {
      const f = a[i][k] / a[k][k];
      for (let j = k; j <= n; j++) a[i][j] -= f * a[k][j];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = a[i][n];
    for (let j = i + 1; j < n; j++) s -= a[i][j] * x[j];
    x[i] = s / a[i][i];
  }
  return x;
}

// ---------------------------------------------------------------------------------------
// Random points and test functions

/** A small seeded PRNG (mulberry32), so that checks are reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomPoint(domain: ReadonlyArray<readonly [number, number]>, rand: () => number): number[] {
  return domain.map(([lo, hi]) => lo + (hi - lo) * rand());
}

/**
 * A random smooth ridge function standing in for an unknown function in checks:
 * f(u) = A sin(B.u + C) + D.u + E, with every derivative exact.
 */
export function testFunction(arity: number, rand: () => number): UnknownImpl {
  const A = 0.5 + rand(), C = rand() * 2, E = rand() - 0.5;
  const B = Array.from({ length: arity }, () => 0.3 + rand());
  const D = Array.from({ length: arity }, () => rand() - 0.5);
  return (args, d) => {
    let s = C;
    for (let i = 0; i < args.length; i++) s += B[i] * args[i];
    const m = d.length;
    let coef = A;
    for (const i of d) coef *= B[i] ?? 0;
    const trig = [Math.sin(s), Math.cos(s), -Math.sin(s), -Math.cos(s)][m % 4];
    let v = coef * trig;
    if (m === 0) { v += E; for (let i = 0; i < args.length; i++) v += D[i] * args[i]; }
    if (m === 1) v += D[d[0]] ?? 0;
    return v;
  };
}
