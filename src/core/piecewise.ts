/**
 * Piecewise maps (model.ts `Transform.pieces`): each piece is analysed like a map of its
 * own (J, structure, det J, every simplified form checked), the share of the domain where
 * each applies is measured at random points, and the report carries them all: `pieces`
 * in order, and at the top level the piece that holds on most of the domain. The same for
 * every front end: code branches and LaTeX `cases` build the same Pieces.
 */
import { DEFAULT_BUDGET_MS, type AnalyzeOptions } from './analyze';
import type { Piece, Transform } from './model';
import type { Invertibility, PieceReport, TransformReport } from './report';
import { Condition, FALSE, TRUE, and, conditionExprs, conditionToLatex, conditionToMathjs, not, or, pieceSelector } from './math/condition';
import { evalInterval } from './math/interval';
import { testEnvironment } from './math/check';
import { NotNumericError, compileClosure, luDet, randomPoint, rng } from './math/numeric';
import { sub as minus, symbolsOf } from './math/expr';
import type { Expr } from './math/expr';

const usesSymbol = (e: Expr, name: string) => symbolsOf(e).has(name);

/** Pieces analysed at most; past this the rest are named in a note (their points are left blank). */
export const MAX_PIECES = 12;
const SAMPLES = 400;

type Analyze = (t: Transform, opts: AnalyzeOptions) => TransformReport;

export function analyzePiecewise(t: Transform, opts: AnalyzeOptions, analyzeMap: Analyze): TransformReport {
  const all = t.pieces ?? [];
  const notes: string[] = [];
  let measured = measureShares(t, all);
  // Past the cap: the pieces that apply somewhere on the domain first, in their order.
  let pieces = all;
  if (all.length > MAX_PIECES) {
    const order = all.map((_, i) => i);
    const keep = measured ? [...order.filter((i) => measured!.share[i] > 0), ...order.filter((i) => measured!.share[i] === 0)].slice(0, MAX_PIECES).sort((a, b) => a - b) : order.slice(0, MAX_PIECES);
    pieces = keep.map((i) => all[i]);
    if (measured) measured = { share: keep.map((i) => measured!.share[i]), uncovered: measured.uncovered, points: keep.map((i) => measured!.points[i]), positive: keep.map((i) => measured!.positive[i]) };
    notes.push(`${all.length} pieces: ${MAX_PIECES} are analysed (those that apply on the domain first), the other ${all.length - MAX_PIECES} are left out.`);
  }
  const shares = measured;
  // as the conditions read on this domain: x > -1e9 or x > -5 on [-2, 2] holds everywhere, so it goes
  // (a piece that applies nowhere keeps its condition: "false" would say less)
  const shown = new Map(pieces.map((p) => {
    const c = onDomain(p.condition, t.variables, t.domain);
    return [p, c.k === 'bool' && !c.v ? p.condition : c];
  }));
  const text = (p: Piece) => conditionToMathjs(shown.get(p)!);
  // the main piece: the largest share, preferring pieces with no constant component and a
  // det J that is not 0 where they apply (a clamp or a saturated branch, `asin(min(z, 1))`,
  // is where the map stops being the map)
  const degenerate = pieces.map((p, i) => p.components.some((c) => !t.variables.some((v) => usesSymbol(c, v))) || flatWhereItApplies(t, p, shares?.points[i] ?? []));
  let main = 0;
  if (shares) {
    // about equal shares (a split at 0, `v > 1e-3 ? cbrt(v) : …`): the piece of positive inputs,
    // where colour channels, radii and most inputs live
    const tie = (i: number, j: number) => Math.abs(shares.share[i] - shares.share[j]) < TIE && shares.positive[i] !== shares.positive[j];
    const better = (i: number, j: number) => (degenerate[i] !== degenerate[j] && shares.share[i] > 0 && shares.share[j] > 0 ? !degenerate[i]
      : tie(i, j) && degenerate[i] === degenerate[j] ? shares.positive[i] > shares.positive[j] : shares.share[i] > shares.share[j]);
    for (let i = 1; i < pieces.length; i++) if (better(i, main)) main = i;
    const reached = shares.share.filter((s) => s > 0).length;
    if (shares.uncovered > 0) notes.push(`On about ${percent(shares.uncovered)} of the domain no piece applies: f is not defined there.`);
    if (pieces.length > 1) notes.push(`A piecewise map of ${all.length} pieces (${reached} of them on this domain): J and det J are given per piece; the top level shows the piece ${shown.get(pieces[main])!.k === 'bool' ? 'that applies everywhere on it' : `where ${text(pieces[main])}, on about ${percent(shares.share[main])} of the domain`}${passedOver(shares.share, degenerate, main)}.`);
    else if (shown.get(pieces[0])!.k !== 'bool') notes.push(`f is defined where ${text(pieces[0])}.`);
  } else notes.push('The conditions of the pieces cannot be evaluated at points: the first piece is shown at the top level.');

  // One budget for the whole map: the main piece first, with all of it; then the others, most of
  // the domain first, each with an equal part of what is left (a piece past it gets its J and
  // det J unsimplified, said in a note), and only what a piece's report shows.
  const budgetMs = opts.budgetMs ?? DEFAULT_BUDGET_MS;
  const deadline = Date.now() + budgetMs;
  const { invertibility: check, ...plain } = opts;
  const sub = (p: Piece): Transform => ({ ...t, components: p.components, pieces: undefined });
  const top = analyzeMap(sub(pieces[main]), check ? { ...plain, invertibility: check } : plain);
  const reports: Array<TransformReport | null> = pieces.map((_, i) => (i === main ? top : null));
  const rest = pieces.map((_, i) => i).filter((i) => i !== main).sort((a, b) => (shares ? shares.share[b] - shares.share[a] : 0) || a - b);
  let cut = 0;
  rest.forEach((i, k) => {
    const left = deadline - Date.now();
    const r = analyzeMap(sub(pieces[i]), { ...plain, pieceOnly: true, budgetMs: Math.max(1, Math.min(budgetMs, left / (rest.length - k))) });
    if (left <= 0 || r.timings.overBudget) cut++;
    reports[i] = r;
  });
  if (cut) notes.push(`The map's time budget (${budgetMs} ms for all its pieces) ran out: ${cut} of the other pieces ${cut === 1 ? 'has its' : 'have their'} J and det J not fully simplified.`);
  const done = reports as TransformReport[];

  const only = shares !== null && shares.share[main] === 1;
  const invertibility = only ? top.invertibility : acrossPieces(t, pieces, main, top.invertibility, shares?.share ?? null);
  const pieceReports: PieceReport[] = pieces.map((p, i) => {
    const r = done[i];
    return {
      condition: text(p),
      conditionLatex: conditionToLatex(shown.get(p)!, { names: t.display ?? {} }),
      ...(p.written !== undefined ? { written: p.written } : {}),
      ...(p.range ? { range: p.range } : {}),
      components: r.components,
      jacobian: r.jacobian,
      det: r.det,
      detLatex: r.detLatex,
      detChecked: r.detChecked,
      detSymbolic: r.detSymbolic,
      structure: r.structure,
      share: shares ? shares.share[i] : null,
      latex: { components: r.latex.components, jacobian: r.latex.jacobian },
    };
  });
  const sum = (k: 'jacobianMs' | 'detMs' | 'simplifyMs' | 'totalMs') => done.reduce((s, r) => s + r.timings[k], 0);
  return {
    ...top,
    invertibility,
    // an inverse of one piece is not the inverse of the map
    inverse: only ? top.inverse : null,
    pieces: pieceReports,
    mainPiece: main,
    notes: [...notes, ...top.notes],
    timings: {
      jacobianMs: sum('jacobianMs'), detMs: sum('detMs'), simplifyMs: sum('simplifyMs'), invertibilityMs: top.timings.invertibilityMs, totalMs: sum('totalMs'),
      ...(top.timings.invertibilityLimitMs === undefined ? {} : { invertibilityLimitMs: top.timings.invertibilityLimitMs }),
      ...(cut || done.some((r) => r.timings.overBudget) ? { overBudget: true } : {}),
    },
    trees: {
      ...top.trees,
      inverse: only ? top.trees.inverse : null,
      pieces: pieces.map((p, i) => ({ condition: p.condition, components: [...p.components], jacobian: done[i].trees.jacobian, det: done[i].trees.det })),
    },
  };
}

/**
 * c with each comparison that the domain box decides replaced by true or false (interval
 * arithmetic on a - b): what the condition says on the domain, for printing. Comparisons with
 * symbolic constants, or that the box does not decide, stay.
 */
export function onDomain(c: Condition, variables: readonly string[], box: ReadonlyArray<readonly [number, number]>): Condition {
  switch (c.k) {
    case 'bool': return c;
    case 'not': return not(onDomain(c.arg, variables, box));
    case 'and': return and(...c.args.map((a) => onDomain(a, variables, box)));
    case 'or': return or(...c.args.map((a) => onDomain(a, variables, box)));
    case 'cmp': {
      if (c.op === '==' || c.op === '!=') return c;
      const d = evalInterval(minus(c.a, c.b), variables, box);
      if (!d.defined) return c;
      // a - b > 0 everywhere, or <= 0 everywhere, …
      const holds = c.op === '>' ? d.pos : c.op === '>=' ? d.nonneg : c.op === '<' ? d.neg : d.nonpos;
      const fails = c.op === '>' ? d.nonpos : c.op === '>=' ? d.neg : c.op === '<' ? d.nonneg : d.pos;
      return holds ? TRUE : fails ? FALSE : c;
    }
  }
}

const percent = (x: number) => `${x >= 0.995 || x < 0.01 ? Math.round(x * 1000) / 10 : Math.round(x * 100)}%`;

/**
 * The share of random domain points where each piece applies (the first piece whose
 * condition holds), and where none does; null when a condition cannot be evaluated.
 * Symbolic constants and unknown functions take the checks' stand-in values.
 */
function measureShares(t: Transform, pieces: readonly Piece[]): { share: number[]; uncovered: number; points: number[][][]; positive: number[] } | null {
  const conditions = pieces.map((p) => p.condition);
  let select: (x: ArrayLike<number>) => number;
  try {
    const env = testEnvironment(conditions.flatMap(conditionExprs), { variables: t.variables, domain: t.domain, freeSymbols: t.freeSymbols });
    select = pieceSelector(conditions, t.variables, env);
  } catch (e) {
    if (e instanceof NotNumericError) return null;
    throw e;
  }
  const counts = new Array<number>(pieces.length).fill(0);
  const points = pieces.map((): number[][] => []);
  let none = 0;
  const rand = rng(4242);
  for (let k = 0; k < SAMPLES; k++) {
    const x = randomPoint(t.domain, rand);
    const i = select(x);
    if (i < 0) none++;
    else {
      counts[i]++;
      if (points[i].length < FLAT_POINTS) points[i].push(x);
    }
  }
  // the same on the positive part of the domain (each interval from max(lo, 0))
  const positivePart = t.domain.map(([lo, hi]): [number, number] => (hi > 0 ? [Math.max(lo, 0), hi] : [lo, hi]));
  const positive = new Array<number>(pieces.length).fill(0);
  for (let k = 0; k < SAMPLES / 2; k++) {
    const i = select(randomPoint(positivePart, rand));
    if (i >= 0) positive[i] += 2 / SAMPLES;
  }
  return { share: counts.map((c) => c / SAMPLES), uncovered: none / SAMPLES, points, positive };
}

/** Shares closer than this are a tie, broken by the positive part of the domain. */
const TIE = 0.1;

/** Why a larger piece is not the one shown: it is flat (a clamp), said once. */
function passedOver(share: readonly number[], degenerate: readonly boolean[], main: number): string {
  const larger = share.map((s, i) => i).filter((i) => share[i] > share[main] && degenerate[i]);
  if (!larger.length) return '';
  return ` (not piece ${larger.map((i) => i + 1).join(', ')}, on more of the domain: there a component is constant or det J = 0, a clamp or a saturated branch)`;
}

/** Points of a piece at which its det J is tried (central differences). */
const FLAT_POINTS = 6;

/**
 * Whether det J of a piece is 0 at every point tried where the piece applies (at least two
 * points where it is finite): a clamp `asin(min(z, 1))` keeps the variables in the formula
 * but flattens the map there.
 */
function flatWhereItApplies(t: Transform, p: Piece, at: readonly number[][]): boolean {
  if (at.length < 2 || p.components.length !== t.variables.length) return false;
  let f: Array<(x: ArrayLike<number>) => number>;
  try {
    const env = testEnvironment(p.components, { variables: t.variables, domain: t.domain, freeSymbols: t.freeSymbols });
    f = p.components.map((c) => compileClosure(c, t.variables, env));
  } catch (e) {
    if (e instanceof NotNumericError) return false;
    throw e;
  }
  let finite = 0;
  for (const x of at) {
    const J = f.map(() => new Array<number>(x.length).fill(0));
    let scale = 1;
    for (let j = 0; j < x.length; j++) {
      const h = 1e-6 * Math.max(1, Math.abs(x[j]));
      const up = [...x], down = [...x];
      up[j] += h; down[j] -= h;
      f.forEach((fi, i) => { J[i][j] = (fi(up) - fi(down)) / (2 * h); });
    }
    for (const row of J) scale *= Math.max(1, Math.hypot(...row));
    const d = luDet(J);
    if (!Number.isFinite(d) || !Number.isFinite(scale)) continue;
    if (Math.abs(d) > 1e-7 * scale) return false;
    finite++;
  }
  return finite >= 2;
}

/**
 * Invertibility of a map with several pieces on the domain: a counterexample of the main
 * piece stands when both its points lie in that piece (checked with the conditions, which
 * must then have no symbolic constants); otherwise the answer is unknown, said in words.
 */
function acrossPieces(t: Transform, pieces: readonly Piece[], main: number, inv: Invertibility, shares: number[] | null): Invertibility {
  const w = inv.witness;
  // one piece where f is defined: injective on the box is injective on part of it
  if (pieces.length === 1 && inv.verdict === 'invertible') return { ...inv, reason: `${inv.reason} (f is defined on part of the box only)` };
  if (inv.verdict === 'not-invertible' && w) {
    try {
      const select = pieceSelector(pieces.map((p) => p.condition), t.variables);
      if (select(w.a) === main && select(w.b) === main) return inv;
    } catch (e) {
      if (!(e instanceof NotNumericError)) throw e;
    }
  }
  const reached = shares ? shares.filter((s) => s > 0).length : pieces.length;
  return {
    verdict: 'unknown', certainty: 'numerical', witness: null, locallyInvertible: null,
    reason: `a piecewise map (${reached} piece${reached === 1 ? '' : 's'} on the domain): J and det J are given per piece; invertibility across pieces is not analysed`,
  };
}
