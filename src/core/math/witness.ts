/**
 * Counterexamples to injectivity, found numerically and checked before they are reported:
 * sampling, bucketing of images, Newton (Levenberg-Marquardt) refinement of f(b) = f(a),
 * folds located by bisection of det J, and an interval Newton (Krawczyk) test that proves
 * an exact partner b* of a (f(b*) = f(a)) within a tiny radius of the reported b.
 */
import { Expr, children, dependsOn, mul, sub, sym } from './expr';
import { diff } from './diff';
import { Box, Enclosure, Interval, down, evalInterval, up } from './interval';
import { NotNumericError, compileClosure, compileJS, notNumericReason, randomPoint, rng, solve } from './numeric';

/** f, J and det J at points, compiled once. */
export interface NumericMap {
  readonly n: number;
  readonly domain: Box;
  /** f at x (into `out` when given). */
  f(x: ArrayLike<number>, out?: Float64Array): Float64Array;
  J(x: ArrayLike<number>): number[][];
  det(x: ArrayLike<number>): number;
  /**
   * f, J (row-major) and det J at x, written into out ([f..., J..., det], n + n^2 + 1
   * numbers) without allocating: what the searches call in their loops.
   */
  all(x: ArrayLike<number>, out: Float64Array): void;
  /** det J at the point x enclosed by interval arithmetic, when det J has a closed form. */
  detEnclosure(x: readonly number[]): Enclosure | null;
  /** f's components at the point x enclosed by interval arithmetic (their signs proven where they can be). */
  enclosures(x: readonly number[]): Enclosure[];
  /** How far the computed f(x) may be from the true one, per component (interval widths). */
  uncertainty(x: readonly number[]): number[];
}

/**
 * Compile f, J (and det J when it has a closed form; LU otherwise). Generated JS where the
 * host allows it, closures elsewhere (a webview's CSP).
 */
export function numericMap(components: readonly Expr[], jacobian: readonly (readonly Expr[])[], det: Expr | null,
  variables: readonly string[], domain: Box): NumericMap {
  const n = variables.length, nn = n * n;
  const flatJ = jacobian.flat();
  const exprs = det ? [...components, ...flatJ, det] : [...components, ...flatJ];
  for (const e of exprs) {
    const reason = notNumericReason(e, variables);
    if (reason) throw new NotNumericError(reason);
  }
  // Each function is compiled on its first call: many callers use only f (a witness's image)
  // or only the sampling's f, J and det J, and compiling is most of a small map's cost here.
  let fv: ((x: ArrayLike<number>, out?: Float64Array) => Float64Array) | undefined;
  let allv: ((x: ArrayLike<number>, out: Float64Array) => void) | undefined;
  const compileF = () => {
    try {
      return compileJS(components, variables);
    } catch (e) {
      if (e instanceof NotNumericError) throw e;
      // Code generation not allowed here: closures.
      const fs = components.map((c) => compileClosure(c, variables));
      return (x: ArrayLike<number>, out?: Float64Array) => { const o = out ?? new Float64Array(n); for (let i = 0; i < n; i++) o[i] = fs[i](x); return o; };
    }
  };
  const compileAll = () => {
    try {
      const every = compileJS(exprs, variables);
      return (x: ArrayLike<number>, out: Float64Array) => { every(x, out); };
    } catch (e) {
      if (e instanceof NotNumericError) throw e;
      const es = exprs.map((c) => compileClosure(c, variables));
      return (x: ArrayLike<number>, out: Float64Array) => { for (let i = 0; i < es.length; i++) out[i] = es[i](x); };
    }
  };
  const lu = new Float64Array(nn);
  const all = (x: ArrayLike<number>, out: Float64Array) => {
    (allv ??= compileAll())(x, out);
    if (!det) out[n + nn] = luDetFlat(out, n, n, lu);
  };
  const buf = new Float64Array(n + nn + 1);
  const J = (x: ArrayLike<number>) => {
    all(x, buf);
    return Array.from({ length: n }, (_, i) => Array.from(buf.subarray(n + i * n, n + (i + 1) * n)));
  };
  const enclosures = (x: readonly number[]) => components.map((c) => evalInterval(c, variables, pointBox(x)));
  const detEnclosure = (x: readonly number[]) => (det ? evalInterval(det, variables, pointBox(x)) : null);
  const uncertainty = (x: readonly number[]) => enclosures(x).map((e) => (e.defined ? e.hi - e.lo : Infinity));
  return { n, domain, f: (x, out) => (fv ??= compileF())(x, out), J, det: (x) => { all(x, buf); return buf[n + nn]; }, all, enclosures, detEnclosure, uncertainty };
}

/** det of the n x n matrix stored row-major at a[offset..], by LU with partial pivoting in `scratch`. */
export function luDetFlat(a: ArrayLike<number>, offset: number, n: number, scratch: Float64Array): number {
  for (let i = 0; i < n * n; i++) scratch[i] = a[offset + i];
  let det = 1;
  for (let k = 0; k < n; k++) {
    let p = k, best = Math.abs(scratch[k * n + k]);
    for (let i = k + 1; i < n; i++) { const v = Math.abs(scratch[i * n + k]); if (v > best) { best = v; p = i; } }
    const pivot = scratch[p * n + k];
    if (pivot === 0) return 0;
    if (!Number.isFinite(pivot)) return NaN;
    if (p !== k) {
      for (let j = 0; j < n; j++) { const t = scratch[k * n + j]; scratch[k * n + j] = scratch[p * n + j]; scratch[p * n + j] = t; }
      det = -det;
    }
    det *= pivot;
    for (let i = k + 1; i < n; i++) {
      const f = scratch[i * n + k] / pivot;
      if (f === 0) continue;
      for (let j = k; j < n; j++) scratch[i * n + j] -= f * scratch[k * n + j];
    }
  }
  return det;
}

/** Largest |coordinate| sampled in an unbounded domain. */
export const SAMPLING_BOUND = 1e3;

/** The box that numeric searches sample: the domain, with unbounded sides cut at +-SAMPLING_BOUND. */
export const samplingBox = (box: Box): Box => box.map(([a, b]) => [
  Number.isFinite(a) ? a : Math.min(-SAMPLING_BOUND, b - SAMPLING_BOUND),
  Number.isFinite(b) ? b : Math.max(SAMPLING_BOUND, a + SAMPLING_BOUND),
] as const);

// ---------------------------------------------------------------------------------------
// Small vector helpers (box-normalised distances: each coordinate over its interval's width)

export const widthsOf = (box: Box): number[] => box.map(([a, b]) => (b > a ? b - a : 1));
export const clampTo = (box: Box, x: ArrayLike<number>): number[] => Array.from(x, (v, i) => Math.min(box[i][1], Math.max(box[i][0], v)));
export const inBox = (box: Box, x: ArrayLike<number>): boolean => box.every(([a, b], i) => x[i] >= a && x[i] <= b);
export function normDist(a: ArrayLike<number>, b: ArrayLike<number>, w: readonly number[]): number {
  let m = 0;
  for (let i = 0; i < w.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]) / w[i]);
  return m;
}
export const maxAbs = (v: ArrayLike<number>): number => { let m = 0; for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i])); return m; };
const allFinite = (v: ArrayLike<number>): boolean => { for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i])) return false; return true; };

// ---------------------------------------------------------------------------------------
// Newton for f(x) = target

export interface SolveResult { readonly x: number[]; readonly residual: number }

/**
 * Damped Newton (Levenberg-Marquardt when J is singular) for f(x) = target from `start`,
 * kept inside the box. The residual is the max-norm of f(x) - target over max(1, |target|).
 */
export function solveFor(map: NumericMap, target: ArrayLike<number>, start: ArrayLike<number>, maxIter = 40): SolveResult | null {
  const n = map.n, nn = n * n;
  const scale = Math.max(1, maxAbs(target));
  let x = clampTo(map.domain, start);
  const buf = new Float64Array(n + nn + 1), trial = new Float64Array(n);
  const resid = (y: ArrayLike<number>) => { let m = 0; for (let i = 0; i < n; i++) m = Math.max(m, Math.abs(y[i] - target[i])); return m / scale; };
  map.all(x, buf);
  if (!allFinite(buf.subarray(0, n))) return null;
  let r = resid(buf);
  const F = new Array<number>(n);
  const J: number[][] = Array.from({ length: n }, () => new Array<number>(n));
  const xn = new Array<number>(n);
  for (let it = 0; it < maxIter && r > 1e-15; it++) {
    let finite = true;
    for (let i = 0; i < n; i++) {
      F[i] = buf[i] - target[i];
      for (let k = 0; k < n; k++) { const v = buf[n + i * n + k]; J[i][k] = v; if (!Number.isFinite(v)) finite = false; }
    }
    if (!finite) break;
    const step = solve(J, F) ?? leastSquaresStep(J, F);
    if (!step || !allFinite(step)) break;
    let t = 1, moved = false;
    while (t > 1e-4) {
      for (let i = 0; i < n; i++) xn[i] = Math.min(map.domain[i][1], Math.max(map.domain[i][0], x[i] - t * step[i]));
      map.f(xn, trial);
      if (allFinite(trial)) {
        const rn = resid(trial);
        if (rn < r) { x = xn.slice(); r = rn; moved = true; break; }
      }
      t /= 2;
    }
    if (!moved) break;
    map.all(x, buf);
  }
  return { x, residual: r };
}

/** (J^T J + mu I)^-1 J^T F: a minimum-norm-like step where J is singular. */
function leastSquaresStep(J: number[][], F: number[]): number[] | null {
  const n = J.length;
  const JtJ = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, k) => J.reduce((s, row) => s + row[i] * row[k], 0)));
  const tr = JtJ.reduce((s, row, i) => s + row[i], 0);
  const mu = 1e-12 * tr + 1e-300;
  for (let i = 0; i < n; i++) JtJ[i][i] += mu;
  const JtF = Array.from({ length: n }, (_, i) => J.reduce((s, row, k) => s + row[i] * F[k], 0));
  return solve(JtJ, JtF);
}

/** A unit vector v with |J v| small: inverse iteration on J^T J. */
export function nullVector(J: number[][]): number[] {
  const n = J.length;
  const JtJ = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, k) => J.reduce((s, row) => s + row[i] * row[k], 0)));
  const tr = JtJ.reduce((s, row, i) => s + row[i], 0);
  for (let i = 0; i < n; i++) JtJ[i][i] += 1e-13 * tr + 1e-300;
  let v = Array.from({ length: n }, (_, i) => 1 / Math.sqrt(n) + 0.01 * i);
  for (let it = 0; it < 12; it++) {
    const w = solve(JtJ, v);
    if (!w) break;
    const norm = Math.hypot(...w);
    if (!(norm > 0) || !Number.isFinite(norm)) break;
    v = w.map((c) => c / norm);
  }
  return v;
}

// ---------------------------------------------------------------------------------------
// Samples

export interface Samples {
  readonly count: number;
  /** count * n coordinates; images likewise (NaN rows for points where f is not finite). */
  readonly X: Float64Array;
  readonly Y: Float64Array;
  /** count * n^2: J at each sample, row-major. */
  readonly J: Float64Array;
  readonly det: Float64Array;
}

export function sampleMap(map: NumericMap, count: number, rand: () => number): Samples {
  const n = map.n, nn = n * n;
  const X = new Float64Array(count * n), Y = new Float64Array(count * n), JJ = new Float64Array(count * nn), D = new Float64Array(count);
  const box = map.domain;
  const out = new Float64Array(n + nn + 1);
  for (let s = 0; s < count; s++) {
    // n = 1: an even grid (endpoints included); otherwise uniform random points, a quarter
    // of them on a face of the box (maps often collapse a face: polar coordinates at r = 0).
    const x = X.subarray(s * n, (s + 1) * n);
    if (n === 1) x[0] = box[0][0] + (box[0][1] - box[0][0]) * (s / Math.max(1, count - 1));
    else for (let k = 0; k < n; k++) x[k] = box[k][0] + (box[k][1] - box[k][0]) * rand();
    if (n > 1 && s % 4 === 3) { const k = Math.floor(rand() * n); x[k] = rand() < 0.5 ? box[k][0] : box[k][1]; }
    map.all(x, out);
    let finite = true;
    for (let k = 0; k < n; k++) if (!Number.isFinite(out[k])) { finite = false; break; }
    for (let k = 0; k < n; k++) Y[s * n + k] = finite ? out[k] : NaN;
    JJ.set(out.subarray(n, n + nn), s * nn);
    D[s] = out[n + nn];
  }
  return { count, X, Y, J: JJ, det: D };
}

export const row = (A: Float64Array, i: number, n: number): Float64Array => A.subarray(i * n, (i + 1) * n);

// ---------------------------------------------------------------------------------------
// Collisions

export interface Collision { readonly a: number[]; readonly b: number[]; readonly residual: number }

export interface SearchOptions {
  readonly deadline: number;
  /** Smallest box-normalised distance between a and b. */
  readonly separation?: number;
  /** Largest residual |f(a) - f(b)| / max(1, |f(a)|) accepted. */
  readonly tolerance?: number;
  readonly candidates?: number;
}

export const WITNESS_TOLERANCE = 1e-11;
export const MIN_SEPARATION = 1e-3;

/** Refine a candidate pair: b from `start` with f(b) = f(a), accepted when far from a. */
export function refinePair(map: NumericMap, a: ArrayLike<number>, start: ArrayLike<number>, opts: { separation?: number; tolerance?: number } = {}): Collision | null {
  const w = widthsOf(map.domain);
  const target = map.f(a);
  if (!allFinite(target)) return null;
  const s = solveFor(map, target, start);
  if (!s || s.residual > (opts.tolerance ?? WITNESS_TOLERANCE)) return null;
  if (normDist(a, s.x, w) < (opts.separation ?? MIN_SEPARATION)) return null;
  // Coordinates of b within rounding of a's are made equal (the collision may then be exact).
  const snapped = s.x.map((v, k) => (Math.abs(v - a[k]) <= 1e-9 * w[k] ? a[k] : v));
  const fs = map.f(snapped);
  const rs = maxAbs(Array.from(fs, (v, k) => v - target[k])) / Math.max(1, maxAbs(target));
  const hit = rs <= s.residual ? { a: Array.from(a), b: snapped, residual: rs } : { a: Array.from(a), b: s.x, residual: s.residual };
  return credible(map, hit) ? hit : null;
}

/**
 * Can the computed near-collision be trusted? Floating point can hide a difference
 * (e^60 + y^3/100 loses y; x^1001 rounds to 0 at both points), so:
 * - a component computed as 0 where its enclosure proves it is not 0 has underflowed, and its
 *   equality says nothing (x exp(-700/x^2) is 0 in doubles on both sides of 0, < 0 on one, > 0 on the other);
 * - with d = |f(a) - f(b)| plus the uncertainty of both values (interval widths), a true partner
 *   of a lies within |J(b)^-1| d of b by Newton's method; that distance must be a tiny fraction
 *   of the box. J(b) is inverted without a floor on its pivots (a badly scaled J such as
 *   [[1e304, 1], [1, 0]] is not singular: its inverse's large entries are what say that d
 *   hides a difference). Where J(b) is exactly singular (a collapsed face, det J = 0
 *   identically) Newton says nothing and the residual test stands alone.
 */
function credible(map: NumericMap, c: Collision): boolean {
  const n = map.n, w = widthsOf(map.domain);
  const ea = map.enclosures(c.a), eb = map.enclosures(c.b);
  const fa = map.f(c.a), fb = map.f(c.b);
  // a value computed as 0 that is proven not 0 has underflowed: its equality with the other says nothing
  if (ea.some((e, i) => fa[i] === 0 && provenNonzero(e)) || eb.some((e, i) => fb[i] === 0 && provenNonzero(e))) return false;
  const J = map.J(c.b);
  const inv: number[][] = [];
  for (let k = 0; k < n; k++) {
    const col = solve(J, Array.from({ length: n }, (_, i) => (i === k ? 1 : 0)), 0);
    if (!col || !col.every(Number.isFinite)) return true;
    inv.push(col);
  }
  const width = (e: Enclosure) => (e.defined ? e.hi - e.lo : Infinity);
  const d = Array.from(fa, (v, i) => Math.abs(v - fb[i]) + width(ea[i]) + width(eb[i]));
  // |J^-1 d| per coordinate, over the box width (inv[k] is column k of J^-1).
  let far = 0;
  for (let r = 0; r < n; r++) {
    let sum = 0;
    for (let k = 0; k < n; k++) sum += Math.abs(inv[k][r]) * d[k];
    far = Math.max(far, sum / w[r]);
  }
  return far <= 1e-6;
}

const provenNonzero = (e: Enclosure | null): boolean => !!e && e.defined && (e.pos || e.neg);

/** The neighbour offsets (-1, 0, 1)^m of a cell, flat, for m = 0 … 3, in lexicographic order; CENTRE[m] is (0, …, 0)'s index. */
const OFFSETS: readonly Int32Array[] = [0, 1, 2, 3].map((m) => {
  const out = new Int32Array(Math.pow(3, m) * m);
  for (let o = 0; o < Math.pow(3, m); o++) for (let d = 0, r = o; d < m; d++) { out[o * m + m - 1 - d] = (r % 3) - 1; r = Math.floor(r / 3); }
  return out;
});
const CENTRE = [0, 1, 4, 13];

/**
 * Near-equal images of far-apart samples (a grid of cells over the normalised images),
 * best candidates refined by Newton.
 */
export function findCollision(map: NumericMap, S: Samples, opts: SearchOptions): Collision | null {
  const n = map.n, N = S.count;
  const w = widthsOf(map.domain);
  const valid: number[] = [];
  for (let i = 0; i < N; i++) if (Number.isFinite(S.Y[i * n])) valid.push(i);
  if (valid.length < 2) return null;
  // Far apart: several sample spacings.
  const sep = opts.separation ?? Math.max(0.05, 3 / Math.pow(valid.length, 1 / n));
  // Robust scale per image coordinate: the 2%..98% spread.
  const lo: number[] = [], sc: number[] = [];
  for (let k = 0; k < n; k++) {
    const vs = Float64Array.from(valid, (i) => S.Y[i * n + k]).sort();
    const a = vs[Math.floor(0.02 * (vs.length - 1))], b = vs[Math.ceil(0.98 * (vs.length - 1))];
    lo.push(vs[0]);
    sc.push(b > a ? b - a : Math.max(1e-12, Math.abs(a)));
  }
  const m = Math.min(n, 3);
  const h = 1.5 / Math.pow(valid.length, 1 / n);
  // Cells of side h over the first (up to) three normalised image coordinates, keyed by a
  // hash of their integer coordinates (a shared key only adds comparisons). Flat arrays, each
  // cell's samples in index order: this loop is the check's hot path.
  const cell = new Int32Array(N * m);
  const keyOf = (i: number, o: number) => {
    let k = 0;
    for (let d = 0; d < m; d++) k = (Math.imul(k, 0x9e3779b1) + (cell[i * m + d] + OFFSETS[m][o * m + d]) * 0x85ebca6b) | 0;
    return k;
  };
  const slotOf = new Map<number, number>();
  const slot = new Int32Array(valid.length);
  for (let v = 0; v < valid.length; v++) {
    const i = valid[v];
    for (let d = 0; d < m; d++) cell[i * m + d] = Math.max(-1e6, Math.min(1e6, Math.floor((S.Y[i * n + d] - lo[d]) / sc[d] / h)));
    const key = keyOf(i, CENTRE[m]);
    let c = slotOf.get(key);
    if (c === undefined) { c = slotOf.size; slotOf.set(key, c); }
    slot[v] = c;
  }
  // start[c] .. start[c + 1]: the samples of cell c, in index order
  const start = new Int32Array(slotOf.size + 1);
  for (let v = 0; v < valid.length; v++) start[slot[v] + 1]++;
  for (let c = 0; c < slotOf.size; c++) start[c + 1] += start[c];
  const members = new Int32Array(valid.length);
  const fill = start.slice(0, slotOf.size);
  for (let v = 0; v < valid.length; v++) members[fill[slot[v]]++] = valid[v];
  const K = opts.candidates ?? 24;
  const best: Array<{ i: number; j: number; d: number }> = [];
  let worst = Infinity;
  const Y = S.Y, X = S.X;
  const offsets = Math.pow(3, m);
  // The work is bounded by counts (reproducible answers); the deadline only cuts extras.
  let comparisons = 0;
  for (let v = 0; v < valid.length; v++) {
    if (comparisons > 1e6) break;
    const i = valid[v];
    for (let o = 0; o < offsets; o++) {
      const c = slotOf.get(keyOf(i, o));
      if (c === undefined) continue;
      for (let t = start[c], end = start[c + 1]; t < end; t++) {
        const j = members[t];
        if (j <= i) continue;
        comparisons++;
        let dy = 0;
        for (let k = 0; k < n; k++) dy = Math.max(dy, Math.abs(Y[i * n + k] - Y[j * n + k]) / sc[k]);
        if (dy > h || dy >= worst) continue;
        let dx = 0;
        for (let k = 0; k < n; k++) dx = Math.max(dx, Math.abs(X[i * n + k] - X[j * n + k]) / w[k]);
        if (dx < sep) continue;
        let at = best.length;
        while (at > 0 && best[at - 1].d > dy) at--;
        best.splice(at, 0, { i, j, d: dy });
        if (best.length > K) best.pop();
        if (best.length === K) worst = best[K - 1].d;
      }
    }
  }
  for (const [k, c] of best.entries()) {
    if (k >= 8 && Date.now() > opts.deadline) break;
    const a = row(S.X, c.i, n), b = row(S.X, c.j, n);
    const hit = refinePair(map, a, b, { separation: sep / 4 }) ?? refinePair(map, b, a, { separation: sep / 4 });
    if (hit) return hit;
  }
  return null;
}

// ---------------------------------------------------------------------------------------
// Folds

/** A point of the segment p..q where det J changes sign (bisection), given det(p) > 0 > det(q). */
export function locateFold(map: NumericMap, p: readonly number[], q: readonly number[]): number[] {
  let lo = 0, hi = 1;
  const at = (t: number) => p.map((v, i) => v + t * (q[i] - v));
  for (let it = 0; it < 60; it++) {
    const mid = (lo + hi) / 2;
    const d = map.det(at(mid));
    if (d === 0) return at(mid);
    if (d > 0) lo = mid; else hi = mid;
  }
  return at((lo + hi) / 2);
}

/** A collision straddling the fold at p: a = p + t v, b from p - t v, v a kernel direction of J(p). */
export function foldCollision(map: NumericMap, p: readonly number[], deadline: number): Collision | null {
  const w = widthsOf(map.domain);
  const v = nullVector(map.J(p));
  const scale = Math.max(...w);
  for (const [k, t] of [0.05, 0.02, 0.1, 0.01, 0.2, 0.005, 0.3].entries()) {
    if (k >= 3 && Date.now() > deadline) break;
    const a = clampTo(map.domain, p.map((c, i) => c + t * scale * v[i]));
    const b0 = clampTo(map.domain, p.map((c, i) => c - t * scale * v[i]));
    const hit = refinePair(map, a, b0) ?? refinePair(map, b0, a);
    if (hit) return hit;
  }
  return null;
}

/**
 * The indices i < count of the `k` smallest key(i), smallest first, equal keys in index order
 * (a stable sort's first k), NaN keys left out: one pass, each key read once.
 */
export function smallestIndices(count: number, k: number, key: (i: number) => number): number[] {
  const idx: number[] = [], val: number[] = [];
  for (let i = 0; i < count; i++) {
    const v = key(i);
    if (Number.isNaN(v) || (idx.length >= k && v >= val[idx.length - 1])) continue;
    let at = idx.length;
    while (at > 0 && val[at - 1] > v) at--;
    idx.splice(at, 0, i);
    val.splice(at, 0, v);
    if (idx.length > k) { idx.pop(); val.pop(); }
  }
  return idx;
}

/**
 * A zero of det J in the box (where det J does not change sign, e.g. 3x^2 or (x-1)^2):
 * min-norm Newton steps on det from the samples with the smallest |det|. Returns the point
 * when |det| / |grad det| there is below a tiny fraction of the box.
 */
export function findDetZero(map: NumericMap, S: Samples, deadline: number): number[] | null {
  const n = map.n, w = widthsOf(map.domain);
  const order = smallestIndices(S.count, 6, (i) => (Number.isFinite(S.det[i]) ? Math.abs(S.det[i]) : NaN));
  for (const [k, s] of order.entries()) {
    if (k >= 2 && Date.now() > deadline) break;
    let x = Array.from(row(S.X, s, n));
    for (let it = 0; it < 80; it++) {
      const d = map.det(x);
      // (a 0 that is proven not 0 is an underflow: exp(-700/x^2) (1 + 1400/x^2) at x = 0.9)
      if (d === 0) { if (provenNonzero(map.detEnclosure(x))) break; return x; }
      if (!Number.isFinite(d)) break;
      const g = x.map((_, k) => {
        const hk = 1e-6 * w[k];
        const xp = [...x], xm = [...x];
        xp[k] += hk; xm[k] -= hk;
        return (map.det(xp) - map.det(xm)) / (2 * hk);
      });
      const g2 = g.reduce((a, c) => a + c * c, 0);
      if (!(g2 > 0)) break;
      const dist = Math.abs(d) / Math.sqrt(g2);
      if (dist < 1e-9 * Math.max(...w)) return x;
      const xn = clampTo(map.domain, x.map((v, k) => v - (d * g[k]) / g2));
      if (normDist(xn, x, w) < 1e-15) break;
      x = xn;
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------
// Certification

/**
 * f(a) = f(b) exactly: every component's enclosure at a and at b is the same single number
 * (all the arithmetic was exact, as in 0 * cos(t) at r = 0).
 */
export function exactCollision(components: readonly Expr[], variables: readonly string[], a: readonly number[], b: readonly number[]): boolean {
  return components.every((c) => {
    const x = evalInterval(c, variables, pointBox(a)), y = evalInterval(c, variables, pointBox(b));
    return x.defined && y.defined && x.lo === x.hi && y.lo === y.hi && x.lo === y.lo;
  });
}

// An exact partner of a near the reported b

const pointBox = (x: readonly number[]): Box => x.map((v) => [v, v] as const);
const mag = (i: Interval) => Math.max(Math.abs(i.lo), Math.abs(i.hi));

/** c * [lo, hi], rounded outward. */
function scaleIv(c: number, x: Interval): Interval {
  const p = c * x.lo, q = c * x.hi;
  return { lo: down(Math.min(p, q)), hi: up(Math.max(p, q)) };
}
const addIv = (x: Interval, y: Interval): Interval => ({ lo: down(x.lo + y.lo), hi: up(x.hi + y.hi) });

/**
 * Krawczyk's test: is there exactly one b* within radius r of b (max-norm) with
 * f(b*) = f(a), for some small r? Returns r, or null when the test does not succeed
 * (singular J at b, b on the boundary of the box, ...). Rounding is outward throughout.
 */
export function certifyPartner(components: readonly Expr[], jacobian: readonly (readonly Expr[])[], variables: readonly string[],
  domain: Box, a: readonly number[], b: readonly number[]): number | null {
  const n = variables.length;
  const Y = components.map((c) => evalInterval(c, variables, pointBox(a)));
  const Fb = components.map((c) => evalInterval(c, variables, pointBox(b)));
  if (![...Y, ...Fb].every((e) => e.defined && Number.isFinite(e.lo) && Number.isFinite(e.hi))) return null;
  const Jb = jacobian.map((r) => r.map((e) => {
    const x = evalInterval(e, variables, pointBox(b));
    return (x.lo + x.hi) / 2;
  }));
  const C: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let k = 0; k < n; k++) {
    const col = solve(Jb, Array.from({ length: n }, (_, i) => (i === k ? 1 : 0)));
    if (!col || !col.every(Number.isFinite)) return null;
    col.forEach((v, i) => { C[i][k] = v; });
  }
  const R = Fb.map((f, i) => ({ lo: down(f.lo - Y[i].hi), hi: up(f.hi - Y[i].lo) }));
  const z = C.map((row) => row.reduce<Interval>((s, c, j) => addIv(s, scaleIv(c, R[j])), { lo: 0, hi: 0 }));
  const delta = Math.max(...z.map(mag));
  const sepa = Math.max(...a.map((v, i) => Math.abs(v - b[i])));
  const scale = Math.max(1, maxAbs(b));
  for (const factor of [4, 100, 1e4]) {
    const r = Math.max(delta * factor, 1e-13 * scale);
    // Only a near-exact witness is certified: b* must be within 1e-6 max(1, |b|) of b.
    if (r * 4 > sepa || r > 1e-6 * scale) return null;
    const X: Box = b.map((v, i) => [down(v - r), up(v + r)] as const);
    if (!X.every(([l, h], i) => l >= domain[i][0] && h <= domain[i][1])) return null;
    const JX = jacobian.map((row) => row.map((e) => evalInterval(e, variables, X)));
    if (!JX.every((row) => row.every((e) => e.defined && Number.isFinite(e.lo) && Number.isFinite(e.hi)))) return null;
    let ok = true;
    for (let i = 0; i < n && ok; i++) {
      // S_i = sum_k |(I - C JX)_ik|
      let S = 0;
      for (let k = 0; k < n; k++) {
        let m: Interval = { lo: i === k ? 1 : 0, hi: i === k ? 1 : 0 };
        for (let j = 0; j < n; j++) {
          const p = scaleIv(-C[i][j], JX[j][k]);
          m = addIv(m, p);
        }
        S = up(S + mag(m));
      }
      const spread = up(r * S);
      const Klo = down(down(b[i] - z[i].hi) - spread), Khi = up(up(b[i] - z[i].lo) + spread);
      ok = Klo > X[i][0] && Khi < X[i][1];
    }
    if (ok) return r;
  }
  return null;
}

// ---------------------------------------------------------------------------------------
// Periodic in a variable

const TRIG = new Set(['sin', 'cos', 'tan', 'sec', 'csc', 'cot']);

/**
 * Does v enter e only through sin, cos, tan (and their reciprocals) of k v + (terms without v),
 * k an integer? Then e(z + 2π e_v) = e(z) exactly.
 */
export function periodicIn(e: Expr, v: string): boolean {
  if (e.k === 'sym') return e.name !== v;
  if (e.k === 'call' && TRIG.has(e.fn) && !e.d && e.args.length === 1 && dependsOn(e.args[0], v)) {
    const k = diff(e.args[0], v);
    return k.k === 'num' && Number.isInteger(k.v) && k.v !== 0 && !dependsOn(sub(e.args[0], mul(k, sym(v))), v);
  }
  return children(e).every((c) => periodicIn(c, v));
}

/**
 * Two points of the box 2π apart in a variable that f depends on only periodically (every
 * occurrence inside sin/cos of an integer multiple), where that variable's range is longer
 * than 2π: f(a) = f(b) by the structure, checked numerically; null when there is none.
 */
export function periodicWitness(f: readonly Expr[], vars: readonly string[], map: NumericMap, seed: number): { v: string; a: number[]; b: number[]; image: number[] } | null {
  const box = map.domain, rand = rng(seed);
  for (let j = 0; j < vars.length; j++) {
    const [lo, hi] = box[j];
    if (!(hi - lo >= 2 * Math.PI) || !f.some((c) => dependsOn(c, vars[j])) || !f.every((c) => periodicIn(c, vars[j]))) continue;
    const mid = lo + (hi - lo) / 2;
    // the other coordinates at the centre, else at a few seeded points (f may be undefined at the centre)
    const starts = [box.map(([a, b]) => a + (b - a) / 2), ...Array.from({ length: 5 }, () => randomPoint(box, rand))];
    for (const s of starts) {
      const a = s.map((x, k) => (k === j ? mid - Math.PI : x)), b = s.map((x, k) => (k === j ? mid + Math.PI : x));
      const fa = Array.from(map.f(a)), fb = Array.from(map.f(b));
      const scale = Math.max(1, ...fa.map(Math.abs));
      if (fa.every(Number.isFinite) && fa.every((x, i) => Math.abs(x - fb[i]) <= 1e-9 * scale)) return { v: vars[j], a, b, image: fa };
    }
  }
  return null;
}
