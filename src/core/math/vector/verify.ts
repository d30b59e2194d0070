/**
 * Closed forms of vector maps are checked, not trusted: at n = 1 … 5 (or the map's own size)
 * the map is instantiated with random entries for every vector and matrix without given
 * entries, random values for symbolic numbers and smooth stand-ins for unknown functions;
 * its Jacobian (differentiated entry by entry) gives det J by LU and tr J by its diagonal,
 * which the closed form must match at random points.
 */
import { CONSTANTS, Expr, num, sym } from '../expr';
import { jacobian } from '../diff';
import { closeEnough, testEnvironment } from '../check';
import { NotNumericError, compileClosure, luDet, rng } from '../numeric';
import type { Elaborated } from './elaborate';
import type { MatrixKind } from '../../model';
import { Instance, InstanceError, instantiate } from './instance';
import { Dim } from './shape';
import type { T } from './typed';

export type Quantity = 'det' | 'trace';

export interface SizeCheck {
  /** Sizes (of the input) at which the closed form matched. */
  readonly passed: number[];
  /** The first size at which it did not, or null. */
  readonly failed: number | null;
}

/** The sizes a map is checked at: its own when fixed, else 1 … 5. */
export function sizesToCheck(el: Elaborated): number[] {
  const d = mainDim(el);
  return typeof d === 'number' ? [d] : [1, 2, 3, 4, 5];
}

export function mainDim(el: Elaborated): Dim {
  const v = el.variables.find((x) => x.s.k === 'vector');
  return v && v.s.k === 'vector' ? el.dims.resolve(v.s.n) : 1;
}

/**
 * An instance with random entries: `sizeOf` maps each size to a number (the input's to n,
 * others to small sizes), variables get coordinate symbols.
 */
export function randomInstance(el: Elaborated, n: number, rand: () => number, values?: ReadonlyMap<string, readonly (readonly Expr[])[]>): { inst: Instance; coords: string[] } {
  const main = mainDim(el);
  const others = [...el.dimNames.keys()].filter((d) => d !== main);
  const sizeOf = (d: Dim): number => {
    const x = el.dims.resolve(d);
    if (typeof x === 'number') return x;
    if (x === main) return n;
    const k = others.indexOf(x);
    return 1 + ((n + Math.max(0, k)) % 3);
  };
  const coords: string[] = [];
  const varEntries = new Map<string, Expr[][]>();
  for (const v of el.variables) {
    if (v.s.k === 'vector') {
      const rows = Array.from({ length: sizeOf(v.s.n) }, (_, i) => { const c = `__${v.name}_${i + 1}`; coords.push(c); return [sym(c)]; });
      varEntries.set(v.name, rows);
    } else coords.push(v.name);
  }
  const scalars = new Map<string, Expr>();
  const scalar = (name: string): Expr => {
    if (name in CONSTANTS || coords.includes(name)) return sym(name);
    let v = scalars.get(name);
    if (!v) { v = num(0.5 + rand()); scalars.set(name, v); }
    return v;
  };
  const cache = new Map<string, Expr[][]>();
  const entries = (name: string, r: number, c: number): Expr[][] => {
    const hit = varEntries.get(name) ?? cache.get(name);
    if (hit) return hit;
    const given = values?.get(name);
    const kind = el.kinds.get(name);
    const rows = given
      ? given.map((row) => row.map((e) => substituteScalars(e, scalar)))
      : kind && r === c ? randomOfKind(kind, r, rand).map((row) => row.map(num))
        : Array.from({ length: r }, () => Array.from({ length: c }, () => num(2 * rand() - 1)));
    cache.set(name, rows);
    return rows;
  };
  return { inst: { size: sizeOf, entries, scalar }, coords };
}

/** A random n×n matrix of a kind (a rotation, a permutation, unit lower triangular, …). */
export function randomOfKind(kind: MatrixKind, n: number, rand: () => number): number[][] {
  const m = Array.from({ length: n }, () => Array.from({ length: n }, () => 2 * rand() - 1));
  const orthogonal = () => {
    // Gram-Schmidt on random columns
    const q: number[][] = [];
    for (let j = 0; j < n; j++) {
      let v = m.map((row) => row[j]);
      for (const u of q) { const d = u.reduce((s, x, i) => s + x * v[i], 0); v = v.map((x, i) => x - d * u[i]); }
      const len = Math.hypot(...v) || 1;
      q.push(v.map((x) => x / len));
    }
    return Array.from({ length: n }, (_, i) => q.map((col) => col[i]));
  };
  switch (kind) {
    case 'orthogonal': return orthogonal();
    case 'rotation': { const q = orthogonal(); if (luDet(q) < 0) q.forEach((row) => { row[0] = -row[0]; }); return q; }
    case 'reflection': {
      const v = m.map((row) => row[0]);
      const vv = v.reduce((s, x) => s + x * x, 0) || 1;
      return v.map((a, i) => v.map((b, j) => (i === j ? 1 : 0) - (2 * a * b) / vv));
    }
    case 'permutation': {
      const p = [...Array(n).keys()];
      for (let i = n - 1; i > 0; i--) { const j = Math.floor(rand() * (i + 1)); [p[i], p[j]] = [p[j], p[i]]; }
      return p.map((k) => Array.from({ length: n }, (_, j) => (j === k ? 1 : 0)));
    }
    case 'diagonal': return m.map((row, i) => row.map((x, j) => (i === j ? x : 0)));
    default: {
      const lower = kind.endsWith('lower');
      const diag = kind.startsWith('unit') ? 1 : kind.startsWith('strict') ? 0 : null;
      return m.map((row, i) => row.map((x, j) => (i === j ? diag ?? x : (lower ? j < i : j > i) ? x : 0)));
    }
  }
}

function substituteScalars(e: Expr, scalar: (n: string) => Expr): Expr {
  switch (e.k) {
    case 'sym': return scalar(e.name);
    case 'num': return e;
    case 'neg': return { k: 'neg', arg: substituteScalars(e.arg, scalar) };
    case 'pow': return { k: 'pow', base: substituteScalars(e.base, scalar), exp: substituteScalars(e.exp, scalar) };
    case 'add': case 'mul': return { k: e.k, args: e.args.map((a) => substituteScalars(a, scalar)) };
    case 'call': return { ...e, args: e.args.map((a) => substituteScalars(a, scalar)) };
  }
}

/** Check `closed` (a number of the map: det J or tr J) against the instances' Jacobians. */
export function checkAtSizes(
  el: Elaborated, closed: T, what: Quantity, opts: { seed?: number; values?: ReadonlyMap<string, readonly (readonly Expr[])[]>; matrixFunctions?: Instance['matrixFunctions'] } = {},
): SizeCheck {
  const passed: number[] = [];
  for (const n of sizesToCheck(el)) {
    const v = checkOne(el, closed, what, n, opts);
    if (v === 'different') return { passed, failed: n };
    if (v === 'equal') passed.push(n);
  }
  return { passed, failed: null };
}

function checkOne(
  el: Elaborated, closed: T, what: Quantity, n: number, opts: { seed?: number; values?: ReadonlyMap<string, readonly (readonly Expr[])[]>; matrixFunctions?: Instance['matrixFunctions'] },
): 'equal' | 'different' | 'unchecked' {
  const rand = rng((opts.seed ?? 4242) + 31 * n);
  const { inst: base, coords } = randomInstance(el, n, rand, opts.values);
  const inst: Instance = { ...base, matrixFunctions: opts.matrixFunctions };
  let comps: Expr[], value: Expr;
  try {
    comps = el.components.flatMap((c) => {
      const v = instantiate(c, inst);
      return v.k === 's' ? [v.e] : v.rows.map((r) => r[0]);
    });
    const cv = instantiate(closed, inst);
    if (cv.k !== 's') return 'unchecked';
    value = cv.e;
  } catch (e) {
    if (e instanceof InstanceError) return 'unchecked';
    throw e;
  }
  if (comps.length !== coords.length) return 'unchecked';
  const J = jacobian(comps, coords);
  const env = testEnvironment([...J.flat(), value], { variables: coords, domain: coords.map(() => [-1, 1] as const), seed: opts.seed ?? 4242 });
  let entries: Array<Array<(x: ArrayLike<number>) => number>>, f: (x: ArrayLike<number>) => number;
  try {
    entries = J.map((row) => row.map((e) => compileClosure(e, coords, env)));
    f = compileClosure(value, coords, env);
  } catch (e) {
    if (e instanceof NotNumericError) return 'unchecked';
    throw e;
  }
  let ok = 0;
  for (let tries = 0; tries < 40 && ok < 5; tries++) {
    const x = coords.map(() => 2 * rand() - 1);
    const M = entries.map((row) => row.map((g) => g(x)));
    if (!M.every((row) => row.every(Number.isFinite))) continue;
    const ref = what === 'det' ? luDet(M) : M.reduce((s, row, i) => s + row[i], 0);
    if (!Number.isFinite(ref)) continue;
    const got = f(x);
    const scale = what === 'det' ? M.reduce((s, row) => s * Math.max(1e-300, ...row.map(Math.abs)), 1) : Math.max(1, ...M.map((row, i) => Math.abs(row[i])));
    if (!Number.isFinite(got) || !(closeEnough(got, ref, 1e-7) || Math.abs(got - ref) <= 1e-9 * scale)) return 'different';
    ok++;
  }
  return ok >= 3 ? 'equal' : 'unchecked';
}
