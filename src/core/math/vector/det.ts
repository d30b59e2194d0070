/**
 * det J and tr J from the structure of the Jacobian's matrix form (jacobian.ts), for any n:
 *
 *   a I + diag(d)                      det = Π (a + d_i)         (a^n, Π d_i)
 *   D + c u r^T  (D = a I + diag(d))   det = det D (1 + c r^T D^{-1} u)   matrix determinant lemma
 *   D + Σ_k c_k u_k r_k^T  (k ≤ 3)     det = det D det(I_k + [c_j r_i^T D^{-1} u_j])
 *   c M_1 M_2 …  (square factors)      det = c^n Π det M_i        (det diag(s) = Π s_i, det I = 1)
 *   a I_n + c A K B  (A n×m, B m×n)    det = a^{n-m} det(a I_m + c K B A)   Sylvester's identity
 *                                      (K any m×m factor: diag(h'), or J_h of an unknown h)
 *
 * Π over a vector's entries simplifies as the block engine's does: Π exp(u_i) = exp(Σ u_i),
 * Π (c v_i) = c^n Π v_i. Anything else is 'general' (no closed form for symbolic n).
 */
import type { MatrixKind } from '../../model';
import { Dim, SCALAR, Shape, dimsOf, matrixOf } from './shape';
import { Factor, Lin, factorMatrix, linearize, normalize } from './jacobian';
import { T, T_ONE, mentions, sAdd, sMul, tNum, tr } from './typed';

export type Form =
  | 'scaled identity' | 'diagonal' | 'rank-one update' | 'low-rank update' | 'linear' | 'product' | 'low-rank product' | 'general';

export interface DetAnalysis {
  readonly form: Form;
  /** How det J was obtained, in words. */
  readonly rule: string;
  readonly det: T | null;
  readonly trace: T | null;
}

export interface SizeNames {
  /** A size as a number of the formula: dim(x), 3, or m. */
  readonly sizeT: (d: Dim) => T;
  /** The kind of a matrix name, when the note says it (a rotation, unit lower triangular, …). */
  readonly kind?: (name: string) => MatrixKind | undefined;
}

/** det of a matrix of a known kind: rotations 1, reflections -1, unit triangular 1, strictly triangular 0. */
const KIND_DET: Partial<Record<MatrixKind, number>> = {
  rotation: 1, reflection: -1, 'unit-lower': 1, 'unit-upper': 1, 'strict-lower': 0, 'strict-upper': 0,
};

/** Kinds whose determinant is ±1 (log|det| = 0). */
export const UNIT_MODULUS: ReadonlySet<MatrixKind> = new Set(['rotation', 'reflection', 'orthogonal', 'permutation', 'unit-lower', 'unit-upper']);

interface RankOne { readonly c: T; readonly u: T; readonly r: readonly T[] }

const powT = (base: T, exp: T): T => (exp.op === 'num' && exp.v === 1 ? base : exp.op === 'num' && exp.v === 0 ? T_ONE : { op: 'pow', base, exp, s: SCALAR });
const sub1 = (n: T, k = 1): T => (n.op === 'num' ? tNum(n.v - k) : sAdd(n, tNum(-k)));

/** Π_i v_i, simplified by structure. */
export function prodOf(v: T, n: T): T {
  switch (v.op) {
    case 'had': return sMul(...v.args.map((a) => prodOf(a, n)));
    case 'mul': {
      const scal = v.args.filter((a) => a.s.k === 'scalar');
      const vec = v.args.filter((a) => a.s.k !== 'scalar');
      if (scal.length && vec.length === 1) return sMul(powT(sMul(...scal), n), prodOf(vec[0], n));
      break;
    }
    case 'call':
      if (v.fn === 'exp' && !v.d && v.args.length === 1) return { op: 'call', fn: 'exp', args: [sumOf(v.args[0], n)], s: SCALAR };
      break;
    case 'pow':
      if (v.exp.s.k === 'scalar') return powT(prodOf(v.base, n), v.exp);
      break;
    case 'neg': return sMul(powT(tNum(-1), n), prodOf(v.a, n));
    case 'num': return powT(v, n);
  }
  if (v.s.k === 'scalar') return powT(v, n);
  return { op: 'red', fn: 'prod', a: v, s: SCALAR };
}

/** Σ_i v_i, simplified by structure. */
export function sumOf(v: T, n: T): T {
  if (v.s.k === 'scalar') return sMul(v, n);
  switch (v.op) {
    case 'add': return sAdd(...v.args.map((a) => sumOf(a, n)));
    case 'neg': return sMul(tNum(-1), sumOf(v.a, n));
    case 'mul': {
      const scal = v.args.filter((a) => a.s.k === 'scalar');
      const vec = v.args.filter((a) => a.s.k !== 'scalar');
      if (scal.length && vec.length === 1) return sMul(...scal, sumOf(vec[0], n));
      break;
    }
  }
  return { op: 'red', fn: 'sum', a: v, s: SCALAR };
}

/** r^T u as a number: the row chain applied to a column. */
const rowTimes = (r: readonly T[], u: T): T => ({ op: 'mul', args: [...r, u], s: SCALAR });

const vecScale = (c: T, v: T): T => (c.op === 'num' && c.v === 1 ? v : { op: 'mul', args: [c, v], s: v.s });

/** a + d (a number added to every entry), as a vector. */
const plusScalar = (a: T | null, d: T): T => (a ? { op: 'add', args: [a, d], s: d.s } : d);

/**
 * det J and tr J for a map of one vector variable whose size is `n` (its shape `xs`).
 * `lin` is the Jacobian's matrix form.
 */
export function analyzeLin(lin: Lin, xs: Shape, names: SizeNames): DetAnalysis {
  const n = names.sizeT(dimsOf(xs)[0]);
  // J = M, one matrix written as a sum (I - 2 v v^T / ‖v‖^2): its terms
  if (lin.length === 1 && lin[0].f.length === 1 && lin[0].f[0].k === 'mat' && lin[0].c.op === 'num' && lin[0].c.v === 1) {
    const parts = lin[0].f[0].m.op === 'sym' || lin[0].f[0].m.op === 'call' ? null : linearize(lin[0].f[0].m);
    if (parts && parts.length > 1) return analyzeLin(normalize(parts), xs, names);
  }
  const idParts: T[] = [];
  const diagParts: T[] = [];
  const ranks: RankOne[] = [];
  const mats: Array<{ c: T; f: readonly Factor[] }> = [];
  let general = false;
  for (const t of lin) {
    const f = t.f;
    if (f.length === 0) { idParts.push(t.c); continue; }
    if (f.length === 1 && f[0].k === 'diag') { diagParts.push(vecScale(t.c, f[0].v)); continue; }
    if (f.some((x) => x.k === 'opaque')) {
      // the Jacobian of an unknown function between two constant matrices (A ∂h(B x + b) B, a
      // Sylvester flow with h not said to be elementwise): Sylvester's identity holds for any middle factor
      if (f.length >= 3 && f[0].k === 'mat' && f[f.length - 1].k === 'mat' && f.every((x) => x.k === 'mat' || x.k === 'diag' || x.k === 'opaque')) mats.push(t);
      else general = true;
      continue;
    }
    if (f[0].k === 'col' && f[1]?.k === 'row' && f.slice(2).every((x) => x.k === 'mat' || x.k === 'diag')) {
      ranks.push({ c: t.c, u: f[0].v, r: [tr(f[1].v, { k: 'row', n: dimsOf(f[1].v.s)[0] }), ...f.slice(2).map(factorMatrix)] });
      continue;
    }
    if (f.every((x) => x.k === 'mat' || x.k === 'diag')) { mats.push(t); continue; }
    general = true;
  }
  const a = idParts.length ? sAdd(...idParts) : null;
  const d = diagParts.length ? (diagParts.length === 1 ? diagParts[0] : { op: 'add' as const, args: diagParts, s: diagParts[0].s }) : null;
  const trDiag = sAdd(...(a ? [sMul(a, n)] : []), ...(d ? [sumOf(d, n)] : []));
  const traceOf = (): T | null => {
    if (general) return null;
    const parts = [trDiag, ...ranks.map((k) => sMul(k.c, rowTimes(k.r, k.u)))];
    for (const m of mats) parts.push(sMul(m.c, { op: 'red', fn: 'trace', a: productMatrix(m.f), s: SCALAR }));
    return sAdd(...parts);
  };
  const result = (form: Form, rule: string, det: T | null): DetAnalysis => ({ form, rule, det, trace: traceOf() });
  if (general) return result('general', 'no structure that gives det J for every n was found', null);

  if (!mats.length) {
    const detD = d ? prodOf(plusScalar(a, d), n) : a ? powT(a, n) : tNum(0);
    if (!ranks.length) {
      if (!d) return result(a ? 'scaled identity' : 'linear', a ? 'J is a multiple of the identity' : 'J = 0', detD);
      return result('diagonal', 'J is diagonal: det J is the product of its diagonal', detD);
    }
    if (!a && !d) return result('general', 'J is a sum of rank-one terms without a diagonal part', null);
    if (ranks.length === 1) {
      const [k] = ranks;
      if (!d) {
        // a I + c u r^T: a^{n-1} (a + c r^T u)
        return result('rank-one update', 'J is a multiple of the identity plus a rank-one term: det J by the matrix determinant lemma',
          sMul(powT(a!, sub1(n)), sAdd(a!, sMul(k.c, rowTimes(k.r, k.u)))));
      }
      const inv: T = { op: 'pow', base: plusScalar(a, d), exp: tNum(-1), s: d.s };
      const dinvU: T = { op: 'had', args: [inv, k.u], s: d.s };
      return result('rank-one update', 'J is diagonal plus a rank-one term: det J by the matrix determinant lemma',
        sMul(detD, sAdd(T_ONE, sMul(k.c, rowTimes(k.r, dinvU)))));
    }
    if (ranks.length <= 3 && !d) {
      // a^{n-k} det(a I_k + [c_j r_i^T u_j])
      const K = ranks.map((ri, i) => ranks.map((kj, j) => sAdd(i === j ? a! : tNum(0), sMul(kj.c, rowTimes(ri.r, kj.u)))));
      return result('low-rank update', `J is a multiple of the identity plus ${ranks.length} rank-one terms: det J by the matrix determinant lemma (a ${ranks.length}×${ranks.length} determinant)`,
        sMul(powT(a!, sub1(n, ranks.length)), smallDet(K)));
    }
    return result('general', 'J has more rank-one terms than the lemma is used for', null);
  }

  if (mats.length === 1 && !ranks.length && !d) {
    const m = mats[0];
    const facs = m.f.map(factorMatrix);
    const square = facs.every((x) => x.s.k === 'matrix' && same(x.s.r, x.s.c) && same(x.s.r, dimsOf(xs)[0]));
    if (!a) {
      if (square && !m.f.some((x) => x.k === 'opaque')) {
        const det = sMul(powT(m.c, n), ...facs.map((x) => detOf(x, n, names)));
        return result(facs.length > 1 ? 'product' : 'linear', facs.length > 1 ? 'J is a product of square matrices: det J is the product of their determinants' : 'J is a constant matrix', det);
      }
      return result('general', 'J is a product of matrices that are not square', { op: 'red', fn: 'det', a: productMatrix(m.f, m.c), s: SCALAR });
    }
    // a I_n + c A K B with A: n×m, B: m×n (m another size): Sylvester's identity
    const first = facs[0], lastF = facs[facs.length - 1];
    if (facs.length >= 2 && first.s.k === 'matrix' && lastF.s.k === 'matrix' && m.f[0].k === 'mat' && m.f[m.f.length - 1].k === 'mat') {
      const mDim = first.s.c;
      const rotated = [...facs.slice(1), first];
      const inner: T = { op: 'mul', args: [...(m.c.op === 'num' && m.c.v === 1 ? [] : [m.c]), ...rotated], s: matrixOf(mDim, mDim) };
      const eye: T = { op: 'eye', name: 'I', s: matrixOf(mDim, mDim) };
      const sum: T = { op: 'add', args: [a.op === 'num' && a.v === 1 ? eye : { op: 'mul', args: [a, eye], s: eye.s }, inner], s: eye.s };
      const mT = names.sizeT(mDim);
      const scaleT = a.op === 'num' && a.v === 1 ? T_ONE : same(mDim, dimsOf(xs)[0]) ? T_ONE : powT(a, sAdd(n, sMul(tNum(-1), mT)));
      return result('low-rank product', 'J is the identity plus a low-rank product A K B: det J = det(I + K B A) by Sylvester\'s identity',
        sMul(scaleT, { op: 'red', fn: 'det', a: sum, s: SCALAR }));
    }
  }
  // no closed form for any n: det of the matrix as written
  return result('general', 'J has no structure that gives det J for every n', null);
}

/** det of a constant square matrix, by structure. */
export function detOf(m: T, n: T, names?: SizeNames): T {
  switch (m.op) {
    case 'sym': {
      const k = names?.kind?.(m.name);
      if (k && KIND_DET[k] !== undefined) return tNum(KIND_DET[k]!);
      break;
    }
    case 'add': {
      const tri = triangularDiagonal(m, names);
      if (tri) return prodOf(tri, n);
      const parts = linearize(m);
      const sq = m.s.k === 'matrix' ? m.s : null;
      if (parts && sq && names) {
        const inner = analyzeLin(normalize(parts), { k: 'vector', n: sq.r }, names);
        if (inner.det) return inner.det;
      }
      break;
    }
    case 'eye': return T_ONE;
    case 'diag': return prodOf(m.a, n);
    case 'pow': return m.exp.s.k === 'scalar' ? powT(detOf(m.base, n), m.exp) : { op: 'red', fn: 'det', a: m, s: SCALAR };
    case 'tr': return detOf(m.a, n);
    case 'neg': return sMul(powT(tNum(-1), n), detOf(m.a, n));
    case 'mul': {
      const scal = m.args.filter((a) => a.s.k === 'scalar');
      const chain = m.args.filter((a) => a.s.k !== 'scalar');
      if (chain.every((x) => x.s.k === 'matrix' && same(x.s.r, x.s.c))) return sMul(powT(sMul(...scal), n), ...chain.map((x) => detOf(x, n, names)));
      break;
    }
  }
  return { op: 'red', fn: 'det', a: m, s: SCALAR };
}

const same = (a: Dim, b: Dim) => a === b;

/**
 * U + diag(s) with U strictly upper triangular (and unit or strict triangular terms of the
 * same side, multiples of I, diagonal matrices): triangular, so det is the product of the
 * diagonal, which this returns (null when the sum is not of that form).
 */
function triangularDiagonal(m: Extract<T, { op: 'add' }>, names?: SizeNames): T | null {
  const diag: T[] = [];
  let ones = 0;
  let side: 'lower' | 'upper' | null = null;
  let triangular = false;
  for (const a of m.args) {
    if (a.op === 'diag') { diag.push(a.a); continue; }
    if (a.op === 'eye') { ones++; continue; }
    const k = a.op === 'sym' ? names?.kind?.(a.name) : undefined;
    if (!k || !/^(unit|strict)-/.test(k)) return null;
    const sd = k.endsWith('lower') ? 'lower' : 'upper';
    if (side && side !== sd) return null;
    side = sd;
    triangular = true;
    if (k.startsWith('unit')) ones++;
  }
  if (!triangular || !diag.length) return null;
  const d = diag.length === 1 ? diag[0] : { op: 'add' as const, args: diag, s: diag[0].s };
  return ones ? { op: 'add', args: [tNum(ones), d], s: d.s } : d;
}

/** The matrix a factor list stands for. */
function productMatrix(f: readonly Factor[], c: T = T_ONE): T {
  const facs = f.map(factorMatrix);
  const first = facs[0], lastF = facs[facs.length - 1];
  const s: Shape = matrixOf(dimsOf(first.s)[0], dimsOf(lastF.s)[1]);
  const args = c.op === 'num' && c.v === 1 ? facs : [c, ...facs];
  return args.length === 1 ? args[0] : { op: 'mul', args, s };
}

/** det of a small matrix of numbers (trees) by cofactors. */
function smallDet(K: readonly (readonly T[])[]): T {
  const k = K.length;
  if (k === 1) return K[0][0];
  const terms: T[] = [];
  for (let j = 0; j < k; j++) {
    const minor = K.slice(1).map((row) => row.filter((_, c) => c !== j));
    const t = sMul(K[0][j], smallDet(minor));
    terms.push(j % 2 ? sMul(tNum(-1), t) : t);
  }
  return sAdd(...terms);
}

/** Does the map's Jacobian depend on the point (a constant J is an affine map)? */
export function constantLin(lin: Lin, x: string): boolean {
  const dep = (t: T) => mentions(t, x);
  return lin.every((t) => !dep(t.c) && t.f.every((f) => (f.k === 'opaque' ? true : !dep(f.k === 'mat' ? f.m : f.v))));
}
