/**
 * Is f injective on its domain box? A verdict with its reason: a proof, or two points with
 * the same image (checked), never a bare yes.
 *
 * 1. det J = 0 identically: not injective (proof). Linear maps get an exact kernel vector
 *    and witness; otherwise the constant rank theorem (f C^1, rank J < n on an open set)
 *    or, when J is structurally singular, invariance of domain.
 * 2. Structural proofs (injectivity.ts): block triangular maps solved block by block with
 *    each block strictly monotone or affine with a nonzero determinant; ridge maps
 *    (planar flows). Sign facts come from interval arithmetic, never from samples.
 * 3. Numeric search (maps without unknown functions or symbolic constants):
 *    - det J takes both signs (signs certified by interval arithmetic at the two points):
 *      a C^1 map on a connected open set whose Jacobian determinant takes both signs is not
 *      injective (an injective continuous map of an open connected set has constant local
 *      degree, which equals sign det J where det J != 0). The fold is located by bisection.
 *    - a collision: samples bucketed by image, near-equal images of far-apart points refined
 *      by Newton, verified (|f(a) - f(b)| <= 1e-11 max(1, |f(a)|), a and b apart, both in the
 *      domain), and certified by Krawczyk's test where possible (certainty 'proof').
 *    - nothing found: 'invertible' with certainty 'numerical'.
 * locallyInvertible: det J != 0 on the closed box (interval proof, or no zero found by a
 * Newton search on det J), false where det J vanishes or changes sign, null if unknown.
 */
import { Expr, isConstant, symbolsOf } from './expr';
import { Algebra, AlgebraError, Budget, BudgetExceeded } from './poly';
import { Q, Q0, qMul, qRowReduce, qToNumber, bgcd } from './rational';
import { budgetFor, certainSignAt, provenAnalytic, withSymbolRanges } from './interval';
import { parametricInvertibility } from './parametric';
import type { Assumption } from '../model';
import { InjectivityProof, MapContext, MapInput, intervalText, proveInjective } from './injectivity';
import { checkedAffineInverse, symbolicInverse } from './inverse';
import { provenSignWithSquares } from './logDet';
import { provePairExclusion } from './pairExclusion';
import { NotNumericError, compileClosure, notNumericReason, rng } from './numeric';
import {
  Collision, NumericMap, Samples, certifyPartner, exactCollision, findCollision, findDetZero, foldCollision, locateFold, nullVector,
  numericMap, periodicWitness, refinePair, row, sampleMap, samplingBox, widthsOf,
} from './witness';
import { toMathjs } from './print';
import type { Invertibility, TransformReport, Witness } from '../report';

export interface InvertibilityOptions {
  /** Time for the whole check of one transform, in milliseconds (default 400). */
  readonly budgetMs?: number;
  /** Seed for the samples (reproducible answers). */
  readonly seed?: number;
  /** Number of sample points for the numeric search (default by dimension). */
  readonly samples?: number;
  /**
   * Date.now() by which the check must end (the map's analysis gives what is left of its
   * budget, at least a floor: analyze.ts): every timed step stops by it, and the check's own
   * budget only cuts optional extra work before it. Without it, a hard deadline of 5× the
   * budget, at least 2 s.
   */
  readonly deadline?: number;
  /** false: no short path for affine maps (affineAnswer; tests compare it with the general path). */
  readonly shortcuts?: boolean;
}

export const DEFAULT_INVERTIBILITY_BUDGET_MS = 400;

/** What the check needs of a transform and its report (and the note's facts about its symbolic constants). */
export type InvertibilityInput = MapInput & { readonly assumptions?: readonly Assumption[] };

export interface InvertibilityAnswer {
  readonly invertibility: Invertibility;
  /** f^-1 in the same variable names (image coordinates), when a closed form was found and checked. */
  readonly inverse: Expr[] | null;
}

const fmtNum = (v: number) => (Number.isInteger(v) ? String(v) : Number(v.toPrecision(6)).toString());
/** Six significant digits; numerical noise around 0 (-3.5e-9 from a root search) prints as 0. */
/** A point as a reader writes it: (0.5, -1) in the plane, a bare number on the line. */
const fmtPoint = (p: readonly number[]) => {
  const xs = p.map((v) => fmtNum(Math.abs(v) < 1e-7 ? 0 : v));
  return xs.length === 1 ? xs[0] : `(${xs.join(', ')})`;
};

export function checkInvertibility(input: InvertibilityInput, opts: InvertibilityOptions = {}): InvertibilityAnswer {
  // The work is bounded by counts (samples, boxes, candidates), so that answers do not depend
  // on the machine's load; the budget only cuts optional extra work, and a generous hard
  // deadline stops interval bisection on pathological expressions.
  const budget = opts.budgetMs ?? DEFAULT_INVERTIBILITY_BUDGET_MS;
  const start = Date.now();
  const hardDeadline = Math.min(start + Math.max(2000, 5 * budget), opts.deadline ?? Infinity);
  const deadline = Math.min(start + budget, hardDeadline);
  const vars = input.variables, box = input.domain;
  const ctx: MapContext = { ...input, deadline: hardDeadline };
  const notNumeric = [...input.components, ...input.jacobian.flat()].map((e) => notNumericReason(e, vars)).find((r) => r) ?? null;

  // 1. det J = 0 identically
  if (!input.blocks || (input.det && input.det.k === 'num' && input.det.v === 0)) return singular(input, ctx, notNumeric, opts, deadline);

  const detSign = input.det ? provenSignWithSquares(input.det, vars, box, budgetFor([input.det], hardDeadline)) : null;
  const detStrict = detSign === 'pos' || detSign === 'neg';
  const detText = detStrict ? `det J = ${toMathjs(input.det!)} ${detSign === 'pos' ? '>' : '<'} 0 on the domain` : null;

  // 2. structural proofs; first an affine map (constant J, det J a nonzero number) with its exact
  // inverse: the block triangular proof's own reason and inverse, without its interval work
  const affine = detStrict && !notNumeric && opts.shortcuts !== false ? affineAnswer(input, opts) : null;
  if (affine) return affine;
  const attempt = proveInjective(ctx);
  if (attempt.proof) return proven(input, attempt.proof, detStrict, notNumeric, opts, deadline);

  // 3. numeric search (with symbolic constants: the structural proofs once per sign of each)
  if (notNumeric) {
    if (input.freeSymbols?.length && !input.unknownFunctions?.length) {
      const p = parametricInvertibility(ctx, input.freeSymbols, input.assumptions ?? []);
      // an affine map has an exact condition of its own (det J != 0): the cases replace it only when they settle every value
      const affineMap = input.structure === 'linear' && input.det !== null;
      if (p && (!affineMap || p.complete)) {
        const steps = p.proof?.steps;
        const inverse = p.proof?.inverse ? [...p.proof.inverse] : steps
          ? withSymbolRanges(p.ranges, () => symbolicInverse({
            variables: input.variables, domain: input.domain, components: input.components, jacobian: input.jacobian,
            steps, freeSymbols: input.freeSymbols, seed: opts.seed, budgetMs: inverseMs(opts),
          }))
          : null;
        return answer(p.invertibility, inverse);
      }
    }
    const consts = input.freeSymbols?.length ? `the symbolic constant${input.freeSymbols.length > 1 ? 's' : ''} ${input.freeSymbols.join(', ')}` : '';
    // affine with a constant det J != 0 whatever the constants: a bijection for each of their values (where f is defined)
    if (input.structure === 'linear' && input.det?.k === 'num' && input.det.v !== 0 && Number.isFinite(input.det.v) && consts) {
      const any = input.freeSymbols!.length > 1 ? `any ${input.freeSymbols!.join(', ')}` : `any ${input.freeSymbols![0]}`;
      return answer({
        verdict: 'invertible', certainty: 'proof', witness: null, locallyInvertible: true,
        reason: `f is affine with det J = ${toMathjs(input.det)} != 0 for ${any}, so f is a bijection onto its image`,
      });
    }
    const affine = input.structure === 'linear' && input.det && consts
      ? `invertible exactly when det J = ${toMathjs(input.det)} != 0 (f is affine; ${consts} without a value)`
      : null;
    return answer({
      verdict: 'unknown', certainty: 'numerical', witness: null, locallyInvertible: detStrict ? true : null,
      reason: affine ?? `no structural proof (${attempt.why})${detText ? `; ${detText}, so f is locally invertible` : ''}; no numeric search: ${notNumeric}`,
    });
  }
  let map: NumericMap;
  try {
    map = numericMap(input.components, input.jacobian, input.det, vars, samplingBox(box));
  } catch (e) {
    if (!(e instanceof NotNumericError)) throw e;
    return answer({ verdict: 'unknown', certainty: 'numerical', witness: null, locallyInvertible: detStrict ? true : null, reason: `no structural proof (${attempt.why}); ${e.message}` });
  }
  // periodic in a variable whose range is longer than a period: the pair is there by structure, no search
  const periodic = detStrict ? periodicWitness(input.components, vars, map, opts.seed ?? 20260101) : null;
  if (periodic) {
    const { v, a, b, image } = periodic;
    return answer({
      verdict: 'not-invertible', certainty: 'proof', locallyInvertible: true, witness: { a, b, image },
      reason: `${detText} (locally invertible), but not injective: f is 2π-periodic in ${v} (${v} enters only through sin and cos of integer multiples of it) ` +
        `and ${v} ranges over ${intervalText(input, box[vars.indexOf(v)])}, longer than 2π, so f(a) = f(b) for the witness a and b = a + 2π in ${v}`,
    });
  }
  const n = vars.length;
  const N = opts.samples ?? (n === 1 ? 1001 : n === 2 ? 3000 : 4000);
  const seed = opts.seed ?? 20260101;
  // With n > 1 the samples are one seeded sequence, so the first k of N are the same k points:
  // a prefix is scanned first, and when it holds certified samples of both signs of det J (a
  // fold) its scan is the whole scan's; all N are drawn only when the search needs them.
  const prefix = n > 1 && N > SIGN_PREFIX ? SIGN_PREFIX : N;
  let S = sampleMap(map, prefix, rng(seed));
  let scan = scanSigns(input, map, S);
  if (prefix < N && !(scan.pos >= 0 && scan.neg >= 0)) {
    S = sampleMap(map, N, rng(seed));
    scan = scanSigns(input, map, S);
  }
  const allSamples = () => (S.count < N ? (S = sampleMap(map, N, rng(seed))) : S);
  let { pos, neg } = scan;
  const { finite, posNum, negNum } = scan;
  const signsCertified = (pos >= 0 || posNum < 0) && (neg >= 0 || negNum < 0);
  if (pos < 0) pos = posNum;
  if (neg < 0) neg = negNum;
  if (finite === 0) {
    return answer({ verdict: 'unknown', certainty: 'numerical', witness: null, locallyInvertible: null, reason: `no structural proof (${attempt.why}); f or J cannot be evaluated at any sample point of the domain` });
  }

  if (pos >= 0 && neg >= 0) {
    const p = Array.from(row(S.X, pos, n)), q = Array.from(row(S.X, neg, n));
    const fold = locateFold(map, p, q);
    const c1 = signsCertified && provenAnalytic([...input.components, ...input.jacobian.flat()], vars, box, budgetFor([...input.components, ...input.jacobian.flat()], ctx.deadline));
    const hit = foldCollision(map, fold, deadline) ?? findCollision(map, allSamples(), { deadline });
    const w = hit ? verified(input, map, hit) : null;
    const signs = `det J > 0 at ${fmtPoint(p)} and < 0 at ${fmtPoint(q)}; it vanishes at ${fmtPoint(fold)} on the segment between them (a fold)`;
    if (!c1 && !w) {
      return answer({
        verdict: 'unknown', certainty: 'numerical', witness: null, locallyInvertible: false, fold,
        reason: `${signs}, but f is not proven C^1 on the whole domain, so the sign change proves nothing, and no two points with the same image were found`,
      });
    }
    const theorem = 'a C^1 map on a connected open set whose Jacobian determinant takes both signs is not injective (its local degree would have to be constant)';
    return answer({
      verdict: 'not-invertible', certainty: c1 || w?.certified ? 'proof' : 'numerical', locallyInvertible: false, fold,
      witness: w?.witness ?? null,
      reason: c1 ? `${signs}; ${theorem}${w ? `; ${w.text}` : ''}` : `${signs}; ${w!.text}`,
    });
  }

  const hit = findCollision(map, S, { deadline });
  const zero = detStrict ? null : findDetZero(map, S, deadline);
  const locally = detStrict ? true : zero ? false : finite === S.count || pos >= 0 || neg >= 0 ? true : null;
  const detWords = detText ?? (zero ? `det J = 0 at ${fmtPoint(zero)}` : pos >= 0 || neg >= 0 ? `det J ${pos >= 0 ? '> 0' : '< 0'} at all ${finite} samples` : 'det J is numerically 0 at the samples');
  if (hit) {
    const w = verified(input, map, hit);
    return answer({
      verdict: 'not-invertible', certainty: w.certified ? 'proof' : 'numerical', locallyInvertible: locally, witness: w.witness,
      reason: locally ? `${detWords} (locally invertible), but not injective: ${w.text}` : `${detWords} (not locally invertible there); not injective: ${w.text}`,
    });
  }
  if (pos < 0 && neg < 0) {
    return answer({ verdict: 'unknown', certainty: 'numerical', witness: null, locallyInvertible: false, reason: `no structural proof (${attempt.why}); ${detWords}, and no collision was found` });
  }
  // No collision among the samples: try to prove it. With f continuous and det J of one strict
  // sign on the box (a local homeomorphism), injectivity on the boundary is enough.
  const pairProof = detStrict && !attempt.discontinuous
    ? provePairExclusion(ctx, { maxPairs: n === 2 ? 2000 : 300, deadline: Math.min(deadline, hardDeadline) }).proof
    : null;
  if (pairProof) return proven(input, pairProof, detStrict, notNumeric, opts, deadline);
  const undefinedAt = S.count - finite;
  return answer({
    verdict: 'invertible', certainty: 'numerical', witness: null, locallyInvertible: locally,
    reason: `numerical evidence, no proof (${attempt.why}): ${detWords}, and no two of ${S.count} samples have the same image (near-equal images refined by Newton)` +
      (undefinedAt ? `; f or det J is not defined at ${undefinedAt} of the samples` : ''),
  });
}

const answer = (invertibility: Invertibility, inverse: Expr[] | null = null): InvertibilityAnswer => ({ invertibility, inverse });

/** Samples scanned first for both signs of det J (n > 1). */
const SIGN_PREFIX = 256;

/**
 * Signs of det J at interior samples: numeric (LU scale-aware), then certified by interval
 * arithmetic on the closed form at a few representatives of each sign (the first eight of each).
 */
function scanSigns(input: InvertibilityInput, map: NumericMap, S: Samples) {
  const n = input.variables.length;
  const certify = (x: number[], s: number) => input.det !== null && certainSignAt(input.det, input.variables, x) === s;
  let pos = -1, neg = -1, finite = 0, posTries = 0, negTries = 0, posNum = -1, negNum = -1;
  const interior = (i: number) => {
    for (let k = 0; k < n; k++) { const v = S.X[i * n + k]; if (!(v > map.domain[k][0] && v < map.domain[k][1])) return false; }
    return true;
  };
  for (let i = 0; i < S.count; i++) {
    if (!Number.isFinite(S.det[i])) continue;
    finite++;
    if (!interior(i)) continue;
    const s = numericSign(S, i, n);
    if (s > 0 && posNum < 0) posNum = i;
    if (s < 0 && negNum < 0) negNum = i;
    if (s > 0 && pos < 0 && posTries++ < 8 && certify(Array.from(row(S.X, i, n)), 1)) pos = i;
    if (s < 0 && neg < 0 && negTries++ < 8 && certify(Array.from(row(S.X, i, n)), -1)) neg = i;
  }
  return { pos, neg, finite, posNum, negNum };
}

/** Time for a closed-form inverse: 200 ms, or what is left before the check's deadline. */
const inverseMs = (opts: InvertibilityOptions): number => Math.max(1, Math.min(200, (opts.deadline ?? Infinity) - Date.now()));

/** The sign of det J at sample i, when it is clear of rounding (relative to Hadamard's bound). */
function numericSign(S: Samples, i: number, n: number): number {
  const d = S.det[i], J = S.J, base = i * n * n;
  let hadamard = 1;
  for (let r = 0; r < n; r++) {
    let m = 0, sq = 0;
    for (let k = 0; k < n; k++) m = Math.max(m, Math.abs(J[base + r * n + k]));
    if (m > 0 && Number.isFinite(m)) for (let k = 0; k < n; k++) { const v = J[base + r * n + k] / m; sq += v * v; }
    hadamard *= m * Math.sqrt(sq);   // the row's length, without overflow
  }
  return Math.abs(d) > 1e-10 * hadamard ? Math.sign(d) : 0;
}


type Verified = { witness: Witness; certified: boolean; text: string };

/**
 * A collision as a witness, with its check and, where possible, a certificate. Krawczyk's
 * test needs a small box around the partner inside the domain: a pair on the boundary is
 * moved inward (a little towards the centre, the partner re-solved) and tried again.
 */
function verified(input: InvertibilityInput, map: NumericMap, c: Collision): Verified {
  const first = certified(input, c);
  if (first.certified) return first;
  const centre = map.domain.map(([a, b]) => (a + b) / 2);
  const interior = (x: readonly number[]) => x.every((v, k) => v > map.domain[k][0] && v < map.domain[k][1]);
  for (const t of [1e-3, 1e-2, 5e-2]) {
    for (const [p, q] of [[c.a, c.b], [c.b, c.a]]) {
      const hit = refinePair(map, p.map((v, k) => v + t * (centre[k] - v)), q);
      if (!hit || !interior(hit.a) || !interior(hit.b)) continue;
      const v = certified(input, hit);
      if (v.certified) return v;
    }
  }
  return first;
}

function certified(input: InvertibilityInput, c: Collision): Verified {
  const { components: f, jacobian: J, variables: vars, domain: box } = input;
  const exact = exactCollision(f, vars, c.a, c.b);
  const rb = exact ? null : certifyPartner(f, J, vars, box, c.a, c.b);
  const ra = rb === null ? certifyPartner(f, J, vars, box, c.b, c.a) : null;
  const map = numericMap(f, J, null, vars, samplingBox(box));
  const image = Array.from(map.f(c.a));
  const witness: Witness = { a: c.a, b: c.b, image };
  const base = `the witness a, b has f(a) = f(b) up to ${c.residual.toExponential(1)} max(1, |f(a)|) (Newton-refined)`;
  if (exact) return { witness, certified: true, text: `f(a) = f(b) exactly for the witness a, b (exact arithmetic at both points)` };
  if (rb !== null) return { witness, certified: true, text: `${base}; an exact b* with f(b*) = f(a) lies within ${rb.toExponential(1)} of b (Krawczyk's interval Newton test)` };
  if (ra !== null) return { witness, certified: true, text: `${base}; an exact a* with f(a*) = f(b) lies within ${ra.toExponential(1)} of a (Krawczyk's interval Newton test)` };
  return { witness, certified: false, text: base };
}

function proven(input: InvertibilityInput, proof: InjectivityProof, detStrict: boolean, notNumeric: string | null,
  opts: InvertibilityOptions, deadline: number): InvertibilityAnswer {
  let locally: boolean | null = detStrict || !proof.weak ? true : null;
  let extra = '';
  if (locally === null && !notNumeric) {
    const map = numericMap(input.components, input.jacobian, input.det, input.variables, samplingBox(input.domain));
    const S = sampleMap(map, input.variables.length === 1 ? 1001 : 1500, rng(opts.seed ?? 20260101));
    const zero = findDetZero(map, S, deadline);
    locally = !zero;
    if (zero) extra = `; det J = 0 at ${fmtPoint(zero)}, so the inverse is not differentiable there, but f is injective`;
  }
  const inverse = proof.inverse ? [...proof.inverse] : proof.steps
    ? symbolicInverse({
      variables: input.variables, domain: input.domain, components: input.components, jacobian: input.jacobian,
      steps: proof.steps, freeSymbols: input.freeSymbols, seed: opts.seed, budgetMs: inverseMs(opts),
    })
    : null;
  return answer({ verdict: 'invertible', certainty: 'proof', reason: proof.reason + extra, locallyInvertible: locally, witness: null }, inverse);
}

/**
 * An affine map written as a polynomial (numbers, variables, + - * and whole powers; constants
 * such as sqrt(3) or 2^-1) with a constant J whose blocks are at most 4 x 4 and det J a number
 * clear of 0: proveInjective would give the block triangular proof (f is continuous, each
 * block's determinant a constant whose sign its enclosure decides), whose reason for a
 * linear structure is the one below, and proven() the exact inverse. Null otherwise, and when
 * the exact inverse does not apply or fails its check: the general path then. The same
 * answer as that path, with less work (test/unit/core/affineShortPath.test.ts compares them).
 */
export function affineAnswer(input: InvertibilityInput, opts: InvertibilityOptions): InvertibilityAnswer | null {
  const { variables: vars, jacobian: J, det } = input;
  if (input.structure !== 'linear' || !det || input.freeSymbols?.length || input.unknownFunctions?.length || !input.blocks?.every((b) => b.rows.length <= 4)) return null;
  const varSet = new Set(vars);
  if (!input.components.every((c) => writtenAffine(c, varSet))) return null;
  // each entry a constant: a number, or a constant form of a value clear of 0 (its sign is never in doubt)
  const value = (e: Expr) => (e.k === 'num' ? e.v : writtenAffine(e, varSet) && !dependsOnAny(e, varSet) ? constantValue(e) : NaN);
  const values = J.map((r) => r.map(value));
  if (!values.every((r, i) => r.every((v, j) => Number.isFinite(v) && (J[i][j].k === 'num' || Math.abs(v) > 1e-9)))) return null;
  // det J (26/63) clear of rounding against the entries' scale (Hadamard's bound), so every block's determinant is too
  const hadamard = values.reduce((p, r) => p * Math.hypot(...r), 1);
  if (!(Math.abs(value(det)) > 1e-6 * hadamard)) return null;
  const inverse = checkedAffineInverse({
    variables: vars, domain: input.domain, components: input.components, jacobian: J, freeSymbols: input.freeSymbols, seed: opts.seed, budgetMs: inverseMs(opts),
  });
  if (!inverse) return null;
  return answer({
    verdict: 'invertible', certainty: 'proof', witness: null, locallyInvertible: true,
    reason: `f is affine (J is constant) with det J = ${toMathjs(det)} != 0, so f is a bijection onto its image`,
  }, inverse);
}

/** Numbers, variables, sums, products, whole powers; constants: powers of positive numbers, sqrt and cbrt of numbers >= 0. */
function writtenAffine(e: Expr, vars: ReadonlySet<string>): boolean {
  switch (e.k) {
    case 'num': return Number.isFinite(e.v);
    case 'sym': return vars.has(e.name);
    case 'neg': return writtenAffine(e.arg, vars);
    case 'add': case 'mul': return e.args.every((a) => writtenAffine(a, vars));
    case 'pow':
      if (e.exp.k !== 'num' || !writtenAffine(e.base, vars)) return false;
      return (Number.isInteger(e.exp.v) && e.exp.v >= 0) || (!dependsOnAny(e.base, vars) && constantValue(e.base) > 0);
    case 'call':
      return (e.fn === 'sqrt' || e.fn === 'cbrt') && !e.d && e.args.length === 1 && writtenAffine(e.args[0], vars) && !dependsOnAny(e.args[0], vars) && constantValue(e.args[0]) >= 0;
    default: return false;
  }
}

const dependsOnAny = (e: Expr, vars: ReadonlySet<string>): boolean => [...symbolsOf(e)].some((s) => vars.has(s));

/** The value of a constant form (no variables: writtenAffine's constants), by the numeric closures. */
const constantValue = (e: Expr): number => compileClosure(e, [])([]);

// ---------------------------------------------------------------------------------------
// det J = 0 identically

function singular(input: InvertibilityInput, ctx: MapContext, notNumeric: string | null, opts: InvertibilityOptions, deadline: number): InvertibilityAnswer {
  const { variables: vars, domain: box } = input;
  const structural = !input.blocks;
  const head = structural
    ? 'J is structurally singular (no matching of components to variables): some set of variables enters fewer components than its size'
    : `det J = 0 identically`;
  // A constant J: exact kernel and witness.
  const K = constantKernel(input.jacobian, vars);
  if (K && !notNumeric) {
    const sbox = samplingBox(box);
    const w = widthsOf(sbox);
    const mid = sbox.map(([a, b]) => (a + b) / 2);
    const lambda = 0.25 * Math.min(...K.map((k, i) => (k !== 0 ? w[i] / Math.abs(k) : Infinity)));
    const a = mid.map((v, i) => v - (lambda * K[i]) / 2), b = a.map((v, i) => v + lambda * K[i]);
    const map = numericMap(input.components, input.jacobian, null, vars, samplingBox(box));
    return answer({
      verdict: 'not-invertible', certainty: 'proof', locallyInvertible: false,
      witness: { a, b, image: Array.from(map.f(a)) },
      reason: `${head} (J is constant); kernel spanned by k = ${fmtPoint(K)}, so f(z + t k) = f(z) (witness: a and b = a + ${fmtNum(lambda)} k)`,
    });
  }
  const c1 = !notNumeric && provenAnalytic([...input.components, ...input.jacobian.flat()], vars, box, budgetFor([...input.components, ...input.jacobian.flat()], ctx.deadline));
  let hit: Collision | null = null;
  const map = notNumeric ? null : numericMap(input.components, input.jacobian, null, vars, samplingBox(box));
  if (map) {
    const S: Samples = sampleMap(map, 400, rng(opts.seed ?? 20260101));
    for (let i = 0; i < Math.min(S.count, 20) && !hit && (i < 5 || Date.now() < deadline); i++) {
      const p = Array.from(row(S.X, i, vars.length));
      const v = nullVector(map.J(p));
      for (const t of [0.05, 0.15, 0.01]) {
        const s = Math.max(...widthsOf(map.domain)) * t;
        hit = refinePair(map, p.map((c, k) => c + s * v[k]), p.map((c, k) => c - s * v[k]));
        if (hit) break;
      }
    }
    hit ??= findCollision(map, S, { deadline });
  }
  const w = hit && map ? verified(input, map, hit) : null;
  const theorem = structural
    ? 'fixing the other variables, f maps an open set of R^k into fewer than k varying coordinates, which no continuous injective map does (invariance of domain)'
    : 'a C^1 map whose Jacobian is singular on an open set is not injective (constant rank theorem at a point of maximal rank)';
  const proofOk = structural || c1 || !!w?.certified;
  if (!proofOk && !w) {
    return answer({ verdict: 'unknown', certainty: 'numerical', witness: null, locallyInvertible: false, reason: `${head}, but f is not proven C^1 on the domain and no collision was found${notNumeric ? ` (${notNumeric})` : ''}` });
  }
  return answer({
    verdict: 'not-invertible', certainty: proofOk ? 'proof' : 'numerical', locallyInvertible: false, witness: w?.witness ?? null,
    reason: `${head}; ${theorem}${structural && input.unknownFunctions?.length ? ` (assuming ${input.unknownFunctions.join(', ')} continuous)` : ''}${w ? `; ${w.text}` : ''}`,
  });
}

/**
 * A kernel vector of a constant J: exact (small integers) when the entries are rational,
 * else a numeric null vector; null when J is not constant.
 */
function constantKernel(J: readonly (readonly Expr[])[], vars: readonly string[]): number[] | null {
  const n = vars.length;
  const varSet = new Set(vars);
  if (!J.every((r) => r.every((e) => isConstant(e, varSet)))) return null;
  const alg = new Algebra({ variables: vars, budget: Budget.ms(500) });
  const Qm: Q[][] = [];
  try {
    for (const r of J) {
      const qr: Q[] = [];
      for (const e of r) {
        const c = alg.isConst(alg.fromExpr(e));
        if (!c) return numericKernel(J, vars);
        qr.push(c);
      }
      Qm.push(qr);
    }
  } catch (e) {
    if (e instanceof BudgetExceeded || e instanceof AlgebraError) return null;
    throw e;
  }
  // Row reduction over Q.
  const m = Qm.map((r) => [...r]);
  const pivotCol = qRowReduce(m, n);
  const free = [...Array(n).keys()].find((c) => !pivotCol.includes(c));
  if (free === undefined) return null;
  const k: Q[] = new Array(n).fill(Q0);
  k[free] = { n: 1n, d: 1n };
  pivotCol.forEach((c, i) => { k[c] = qMul({ n: -1n, d: 1n }, m[i][free]); });
  // Scale to coprime integers.
  const lcm = k.reduce((l, q) => (l * q.d) / bgcd(l, q.d), 1n);
  const ints = k.map((q) => (q.n * lcm) / q.d);
  let g = ints.reduce((a, b) => bgcd(a, b), 0n) || 1n;
  if ((ints.find((v) => v !== 0n) ?? 1n) < 0n) g = -g;
  return ints.map((v) => qToNumber({ n: v / g, d: 1n }));
}

function numericKernel(J: readonly (readonly Expr[])[], vars: readonly string[]): number[] | null {
  try {
    const M = J.map((r) => r.map((e) => {
      const v = numericMap([e], [[e]], null, vars, vars.map(() => [0, 0] as const)).f(vars.map(() => 0))[0];
      if (!Number.isFinite(v)) throw new NotNumericError('not finite');
      return v;
    }));
    return nullVector(M);
  } catch (e) {
    if (e instanceof NotNumericError) return null;
    throw e;
  }
}

/** The domain as written (t's, before its open ends were moved inwards for the checks), for the reasons' text. */
function writtenDomain(t: unknown, r: Omit<TransformReport, 'invertibility'>): Pick<MapInput, 'written'> {
  const domain = (t as { domain?: MapInput['domain'] } | null)?.domain;
  return r.domainOpen && domain?.length === r.domain.length ? { written: { domain, open: r.domainOpen } } : {};
}

/** The check of an analysed transform: the hook for analyzeTransform (engine.ts puts it in). */
export function createInvertibilityCheck(opts: InvertibilityOptions = {}): (t: unknown, r: Omit<TransformReport, 'invertibility'>, limits?: { deadline: number }) => InvertibilityAnswer {
  return (t, r, limits) => checkInvertibility({
    variables: r.variables, domain: r.domain, components: r.trees.components, jacobian: r.trees.jacobian, det: r.trees.det,
    blocks: r.blocks, structure: r.structure, freeSymbols: r.freeSymbols, unknownFunctions: r.unknownFunctions,
    assumptions: (t as { assumptions?: readonly Assumption[] } | null)?.assumptions,
    ...writtenDomain(t, r),
  }, limits ? { ...opts, deadline: limits.deadline } : opts);
}
