/**
 * A proof of injectivity on the domain box by interval arithmetic, for maps without the
 * structure the proofs in injectivity.ts need (polar and elliptic coordinates, inversions,
 * warps), when det J is already proven of one strict sign on the closed box (so f is a local
 * homeomorphism).
 *
 * Then f is injective as soon as it is injective on the boundary of the box (degree theory,
 * below), and that is shown on pairs (A, B) of boxes of the boundary faces, each settled in
 * one of two ways:
 * - their images are apart: the interval enclosures of f over A and over B are disjoint in
 *   some coordinate, so f(a) != f(b) for a in A, b in B;
 * - f is injective on the smallest box H holding both: every matrix in the interval Jacobian
 *   J(H) is regular. For a, b in H, f(a) - f(b) = M (a - b), where row k of M is the
 *   gradient of f_k at some point of the segment [a, b] (mean value theorem; f is C^1 on H),
 *   so M lies in J(H) and f(a) = f(b) forces a = b.
 * A pair neither settles is split (the larger of the two boxes), until every pair is settled
 * or the budget (pairs, time) runs out; then there is no proof and the caller goes on with its
 * numeric search. Regularity of an interval matrix: with R an approximate inverse of its
 * midpoint, ||I - R M||_inf < 1 for the whole interval matrix M (computed with outward
 * rounding), so R M, and with it M, is nonsingular.
 *
 * Why the boundary is enough: f(∂D) is then an embedded sphere S; the degree of f is constant
 * on each component of R^n \ S and 0 on the unbounded one. Every preimage of a point off S is
 * interior with local index sign(det J), all equal, so a point has as many preimages as |degree|:
 * none outside S, at most one inside. A point y of S has one boundary preimage; an interior one
 * q would map a neighbourhood of q onto a neighbourhood of y (inverse function theorem), which
 * meets the unbounded component, whose points have no preimages: impossible.
 */
import { Box, Enclosure, Interval, down, evalInterval, up } from './interval';
import type { MapContext, ProofAttempt } from './injectivity';

export interface PairBudget {
  /** Most pairs examined. */
  readonly maxPairs: number;
  /** Date.now() past which the proof gives up. */
  readonly deadline: number;
}

interface Cell {
  readonly box: Box;
  /** Enclosure of f over the box, computed on first use. */
  image?: readonly Interval[] | null;
  /** Enclosure of J over the box (null: not finite and continuous there), computed on first use. */
  jacobian?: readonly (readonly Enclosure[])[] | null;
  /** The two halves, once split. */
  kids?: readonly [Cell, Cell];
}

/** Largest dimension the proof is tried in (the pair count grows quickly with it). */
const MAX_DIM = 3;

/**
 * For a map known to be locally injective (det J of one strict sign on the closed box): the
 * pairs are of boxes of the domain's faces. Then f(∂D) is an embedded sphere; the degree of f is 0 outside it and, with every
 * local index equal to sign(det J), the number of preimages of a point inside it is at most
 * 1; a point of f(∂D) with a preimage in the interior would have a neighbourhood of images,
 * some outside, a contradiction. So f is injective on D.
 */
export function provePairExclusion(ctx: MapContext, budget: PairBudget): ProofAttempt {
  const { variables: vars, domain, components: f, jacobian: J } = ctx;
  const n = vars.length;
  if (n < 2 || n > MAX_DIM) return { proof: null, why: `the interval pair test is tried for 2 or 3 variables` };
  if (!domain.every(([a, b]) => Number.isFinite(a) && Number.isFinite(b) && b > a)) {
    return { proof: null, why: 'the domain is not a bounded box' };
  }
  const widths = domain.map(([a, b]) => b - a);
  /** The box's largest side, relative to the domain's side in that direction. */
  const size = (b: Box) => Math.max(...b.map(([lo, hi], k) => (hi - lo) / widths[k]));
  // Enclosure of f over a cell: the natural one intersected with the mean value form
  // f(c) + J(box) (box - c), which is far tighter on small boxes.
  const imageOf = (c: Cell): readonly Interval[] | null => {
    if (c.image === undefined) {
      const natural = f.map((e) => evalInterval(e, vars, c.box));
      if (!natural.every((x) => x.defined)) return (c.image = null);
      const centre = c.box.map(([lo, hi]) => lo + (hi - lo) / 2);
      const point: Box = centre.map((v) => [v, v] as const);
      const Jb = jacobianOf(c);
      c.image = natural.map((x, k) => {
        const fc = evalInterval(f[k], vars, point);
        if (!Jb || !fc.defined) return x;
        let lo = fc.lo, hi = fc.hi;
        for (let j = 0; j < n; j++) {
          const d = Jb[k][j], a = c.box[j][0] - centre[j], b = c.box[j][1] - centre[j];
          const ps = [d.lo * a, d.lo * b, d.hi * a, d.hi * b];
          lo = down(lo + down(Math.min(...ps)));
          hi = up(hi + up(Math.max(...ps)));
        }
        return { lo: Math.max(lo, x.lo), hi: Math.min(hi, x.hi) };
      });
    }
    return c.image;
  };
  const split = (c: Cell): readonly [Cell, Cell] => {
    if (!c.kids) {
      // Split where the image is most sensitive: the side j with the largest sum over k of
      // |∂f_k/∂x_j| · width_j (the widest relative side when J is not finite there).
      const Jc = jacobianOf(c);
      const weight = (j: number) => (c.box[j][1] - c.box[j][0]) *
        (Jc ? Jc.reduce((s, row) => s + Math.max(Math.abs(row[j].lo), Math.abs(row[j].hi)), 0) : 1 / widths[j]);
      let k = 0;
      for (let i = 1; i < n; i++) if (weight(i) > weight(k)) k = i;
      const [lo, hi] = c.box[k], mid = lo + (hi - lo) / 2;
      const half = (a: number, b: number): Cell => ({ box: c.box.map((iv, i) => (i === k ? [a, b] as const : iv)) });
      c.kids = [half(lo, mid), half(mid, hi)];
    }
    return c.kids;
  };
  const apart = (a: Cell, b: Cell): boolean => {
    const fa = imageOf(a), fb = imageOf(b);
    if (!fa || !fb) return false;
    return fa.some((x, k) => x.hi < fb[k].lo || fb[k].hi < x.lo);
  };
  const hull = (a: Box, b: Box): Box => a.map(([lo, hi], k) => [Math.min(lo, b[k][0]), Math.max(hi, b[k][1])] as const);
  // J over a box, when it is continuous there (the mean value theorem needs f C^1; f itself
  // is continuous on the whole box, which the caller has proven).
  const jacobianOn = (h: Box): readonly (readonly Enclosure[])[] | null => {
    const Jh = J.map((row) => row.map((e) => evalInterval(e, vars, h)));
    return Jh.every((row) => row.every((x) => x.defined && x.continuous !== false && Number.isFinite(x.lo) && Number.isFinite(x.hi))) ? Jh : null;
  };
  function jacobianOf(c: Cell) {
    if (c.jacobian === undefined) c.jacobian = jacobianOn(c.box);
    return c.jacobian;
  }
  const regularOn = (h: Box): boolean => { const Jh = jacobianOn(h); return !!Jh && regularIntervalMatrix(Jh); };

  // J regular on the whole box: injective at once (f(a) - f(b) = M (a - b), M regular).
  const whole = jacobianOn(domain);
  if (whole && regularIntervalMatrix(whole)) {
    return { proof: { rule: 'interval-pairs', steps: null, weak: false,
      reason: 'every matrix of the interval Jacobian over the domain is regular, so f(a) - f(b) = M (a - b) with M regular: f is injective' } };
  }
  // The cells are the 2n faces of the box (one side of width 0).
  const cells: Cell[] = domain.flatMap((_, k) => [0, 1].map((end) => ({ box: domain.map((iv, i) => (i === k ? [iv[end], iv[end]] as const : iv)) })));
  const stack: Array<[Cell, Cell]> = [];
  cells.forEach((a, i) => cells.slice(i).forEach((b) => stack.push([a, b])));
  let pairs = 0, smallest = 1;
  while (stack.length) {
    if (++pairs > budget.maxPairs || ((pairs & 63) === 0 && Date.now() > budget.deadline)) {
      return { proof: null, why: `the interval pair test did not settle every pair of boxes within its budget` };
    }
    const [a, b] = stack.pop()!;
    if (a === b) {
      const Ja = jacobianOf(a);
      if (Ja && regularIntervalMatrix(Ja)) continue;
      const [a1, a2] = split(a);
      smallest = Math.min(smallest, size(a1.box));
      stack.push([a1, a2], [a1, a1], [a2, a2]);
      continue;
    }
    if (apart(a, b) || regularOn(hull(a.box, b.box))) continue;
    const big = size(a.box) >= size(b.box) ? a : b, other = big === a ? b : a;
    const [k1, k2] = split(big);
    smallest = Math.min(smallest, size(k1.box));
    stack.push([k1, other], [k2, other]);
  }
  const boxes = `interval arithmetic, ${pairs} pairs of boxes down to 1/${Math.round(1 / smallest)} of the domain`;
  const how = 'far boxes have disjoint images; two near ones lie in a box where every matrix of the interval Jacobian is regular, so f(a) - f(b) = M (a - b) with M regular';
  const reason = `f is locally injective (det J of one sign) and injective on the boundary of the domain (${boxes}: ${how}); ` +
    'a local homeomorphism of a closed box that is injective on its boundary is injective (degree theory)';
  return { proof: { rule: 'interval-pairs', reason, steps: null, weak: false } };
}

/**
 * Is every real matrix in the interval matrix M nonsingular? A sufficient test: with R the
 * inverse of M's midpoint (floating point), the interval matrix I - R M has infinity norm < 1
 * (computed with outward rounding).
 */
export function regularIntervalMatrix(M: readonly (readonly Enclosure[])[]): boolean {
  const n = M.length;
  if (!M.every((row) => row.every((x) => x.defined && Number.isFinite(x.lo) && Number.isFinite(x.hi)))) return false;
  const mid = M.map((row) => row.map((x) => x.lo + (x.hi - x.lo) / 2));
  const R = inverse(mid);
  if (!R) return false;
  let norm = 0;
  for (let i = 0; i < n; i++) {
    let rowSum = 0;
    for (let j = 0; j < n; j++) {
      // (R M)_ij as an interval: sum over k of R_ik * [lo, hi]_kj, rounded outward.
      let lo = 0, hi = 0;
      for (let k = 0; k < n; k++) {
        const r = R[i][k], x = M[k][j];
        const p = r * x.lo, q = r * x.hi;
        lo = down(lo + down(Math.min(p, q)));
        hi = up(hi + up(Math.max(p, q)));
      }
      const d = i === j ? 1 : 0;
      // entry of I - R M: [d - hi, d - lo]
      rowSum = up(rowSum + Math.max(Math.abs(up(d - lo)), Math.abs(down(d - hi))));
    }
    norm = Math.max(norm, rowSum);
  }
  return norm < 1;
}

/** Gauss-Jordan inverse with partial pivoting, or null when (numerically) singular. */
function inverse(A: readonly (readonly number[])[]): number[][] | null {
  const n = A.length;
  const M = A.map((row, i) => [...row, ...A.map((_, j) => (i === j ? 1 : 0))]);
  const scale = Math.max(...A.flat().map(Math.abs));
  if (!(scale > 0) || !Number.isFinite(scale)) return null;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
    if (Math.abs(M[p][c]) <= 1e-12 * scale) return null;
    [M[c], M[p]] = [M[p], M[c]];
    const piv = M[c][c];
    for (let k = 0; k < 2 * n; k++) M[c][k] /= piv;
    for (let r = 0; r < n; r++) {
      if (r === c || M[r][c] === 0) continue;
      const m = M[r][c];
      for (let k = 0; k < 2 * n; k++) M[r][k] -= m * M[c][k];
    }
  }
  return M.map((row) => row.slice(n));
}
