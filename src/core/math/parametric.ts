/**
 * Invertibility of a map with symbolic constants (a, R, l_1 that the note never gives a value).
 *
 * The numeric search needs numbers, but the structural proofs (injectivity.ts, reductions.ts)
 * need only signs, and interval arithmetic can carry a constant as a range. So the proofs run
 * once per case of the constants' signs:
 * - a constant the note bounds (`assume: a > 0`, `assume: 0 < k <= 1`) keeps that range;
 * - any other runs once as positive and once as negative (ranges (0, inf) and (-inf, 0)),
 *   and its value 0 is looked at on its own: substituted, det J is 0 identically there (then
 *   f is not injective at that value: constant rank theorem, f being C^1), or the cases of
 *   the other constants are proven there too.
 * A proof in every case is a proof for every value: verdict 'invertible'. Proofs for every
 * nonzero value with det J = 0 at the zeros give the condition ("invertible exactly when
 * b != 0"), and some cases proven give the cases; both keep the verdict 'unknown', since the
 * answer depends on values the note does not give. Each case's own proof is in reasonDetail.
 */
import { Expr, num, substitute } from './expr';
import { budgetFor, provenAnalytic, provenSign, SymbolRange, withSymbolRanges } from './interval';
import { InjectivityProof, MapContext, proveInjective } from './injectivity';
import { Assumption } from '../model';
import type { Invertibility } from '../report';

/** At most this many constants are split by sign (2^k cases each proof). */
const MAX_SPLIT = 3;

export interface ParametricAnswer {
  readonly invertibility: Invertibility;
  /** The first case's proof (its steps give the inverse, the same formula in every case). */
  readonly proof: InjectivityProof | null;
  /** The ranges under which `proof` holds. */
  readonly ranges: Readonly<Record<string, SymbolRange>>;
  /** Every value of the constants is settled (proven, or det J = 0 identically at the exceptions). */
  readonly complete: boolean;
}

interface Case { readonly ranges: Record<string, SymbolRange>; readonly words: string[] }

/**
 * The verdict of a map whose only obstacle to the usual check is symbolic constants, or null
 * when no case is proven (the caller then says why in its own words).
 */
export function parametricInvertibility(ctx: MapContext, symbols: readonly string[], assumptions: readonly Assumption[]): ParametricAnswer | null {
  if (!symbols.length) return null;
  const bounded = boundsFrom(symbols, assumptions);
  const unbounded = symbols.filter((s) => !bounded.has(s));
  if (unbounded.length > MAX_SPLIT) return null;
  const fixed: Record<string, SymbolRange> = {};
  const fixedWords: string[] = [];
  for (const [s, b] of bounded) { fixed[s] = b.range; fixedWords.push(b.text); }

  // Split as few constants as needed: the assumed ranges alone, then each constant by sign,
  // then pairs, …; the first split whose every case is proven settles it (the Hénon map's a
  // does not matter, its b does). Otherwise the smallest split with a proven case is said.
  type Outcome = { c: Case; proof: InjectivityProof | null; why: string };
  const run = (split: readonly string[]): Outcome[] => signCases(split, fixed, fixedWords).map((c) => {
    if (Date.now() > ctx.deadline) return { c, proof: null, why: 'the time budget ran out' };
    const attempt = withSymbolRanges(c.ranges, () => proveInjective(ctx));
    return { c, proof: attempt.proof, why: attempt.proof ? '' : attempt.why };
  });
  let split: readonly string[] = [], outcomes: Outcome[] | null = null, partial: { split: readonly string[]; outcomes: Outcome[] } | null = null;
  for (const candidate of subsetsBySize(unbounded, bounded.size > 0)) {
    const o = run(candidate);
    if (o.every((x) => x.proof)) { split = candidate; outcomes = o; break; }
    if (!partial && o.some((x) => x.proof)) partial = { split: candidate, outcomes: o };
    if (Date.now() > ctx.deadline) break;
  }
  if (!outcomes) {
    if (!partial) return null;
    ({ split, outcomes } = partial);
  }
  const proven = outcomes.filter((o) => o.proof);
  const caseText = (o: (typeof outcomes)[number]) => o.c.words.join(', ') || 'every value';
  const detail = outcomes.map((o) => `${caseText(o)}: ${o.proof ? o.proof.reason : `not proven (${o.why})`}`).join('; ');
  const first = proven[0];
  const answer = (inv: Omit<Invertibility, 'witness' | 'certainty'> & Partial<Invertibility>, complete = true): ParametricAnswer => ({
    invertibility: { certainty: 'proof', witness: null, ...inv, reasonDetail: `${inv.reason}. ${detail}` },
    proof: first.proof, ranges: first.c.ranges, complete,
  });
  // a != 0 as assumed: both signs are still cases, the value 0 is not
  const nonzeroAssumed = assumptions.flatMap((a) => { const name = nonzeroName(a); return name === null ? [] : [{ name, text: a.text }]; });
  const assumedNonzero = new Set(nonzeroAssumed.map((a) => a.name));
  const assumedWords = [...fixedWords, ...nonzeroAssumed.filter((a) => split.includes(a.name)).map((a) => a.text)];
  const assumedText = assumedWords.length ? ` (with ${assumedWords.join(', ')} as assumed)` : '';

  if (proven.length < outcomes.length) {
    const settled = proven.map(caseText);
    return answer({
      verdict: 'unknown', certainty: 'numerical', locallyInvertible: null,
      reason: `invertible for ${settled.join(' and for ')} (proof); not settled for ${outcomes.filter((o) => !o.proof).map(caseText).join(' or ')}`,
    }, false);
  }
  if (!split.length) {
    const det = ctx.det;
    const strict = det !== null && withSymbolRanges(fixed, () => provenSign(det, ctx.variables, ctx.domain, budgetFor([det], ctx.deadline)));
    return answer({
      verdict: 'invertible', locallyInvertible: strict === 'pos' || strict === 'neg' ? true : first.proof!.weak ? null : true,
      reason: `with ${fixedWords.join(', ')} as assumed: ${first.proof!.reason}`,
    });
  }
  // Every sign case is proven: the zeros.
  const singularAt: string[] = [];
  const unsettledAt: string[] = [];
  const zeros = split.filter((s) => !assumedNonzero.has(s));
  for (const s of zeros) {
    const at0 = new Map([[s, num(0)]]);
    const det0 = ctx.det ? substitute(ctx.det, at0) : null;
    if (det0 && det0.k === 'num' && det0.v === 0) { singularAt.push(s); continue; }
    const ctx0: MapContext = {
      ...ctx,
      components: ctx.components.map((e) => substitute(e, at0)),
      jacobian: ctx.jacobian.map((r) => r.map((e) => substitute(e, at0))),
      det: det0,
      freeSymbols: ctx.freeSymbols?.filter((x) => x !== s),
    };
    const others = split.filter((x) => x !== s);
    const ok = Date.now() <= ctx.deadline && signCases(others, fixed, fixedWords)
      .every((c) => Date.now() <= ctx.deadline && withSymbolRanges(c.ranges, () => proveInjective(ctx0)).proof);
    if (!ok) unsettledAt.push(s);
  }
  const names = split.join(', ');
  if (!singularAt.length && !unsettledAt.length) {
    return answer({
      verdict: 'invertible', locallyInvertible: null,
      reason: zeros.length
        ? `for every value of ${names}${assumedText}: a proof for each sign of ${names} and for ${zeros.map((s) => `${s} = 0`).join(', ')}`
        : `with ${assumedWords.join(', ')} as assumed: a proof for each sign of ${names}`,
    });
  }
  const nonzero = singularAt.map((s) => `${s} != 0`).join(' and ');
  // At a zero where det J vanishes identically, f is not injective when it is C^1 there.
  const c1 = singularAt.length > 0 && !unsettledAt.length && singularAt.every((s) => {
    const comps = ctx.components.map((e) => substitute(e, new Map([[s, num(0)]])));
    const jac = ctx.jacobian.flat().map((e) => substitute(e, new Map([[s, num(0)]])));
    return withSymbolRanges(fixed, () => provenAnalytic([...comps, ...jac], ctx.variables, ctx.domain, budgetFor([...comps, ...jac], ctx.deadline)));
  });
  const why = singularAt.length ? `det J = 0 identically at ${singularAt.map((s) => `${s} = 0`).join(' and at ')}` : '';
  const open = unsettledAt.length ? `not settled at ${unsettledAt.map((s) => `${s} = 0`).join(' or ')}` : '';
  return answer({
    verdict: 'unknown', locallyInvertible: null,
    reason: singularAt.length
      ? `invertible ${c1 ? 'exactly ' : ''}when ${nonzero}${assumedText} (proof for each sign; ${[why, open].filter(Boolean).join('; ')})`
      : `invertible for ${names} != 0${assumedText} (proof for each sign); ${open}`,
  }, !unsettledAt.length);
}

/** Subsets of `names` by size, smallest first (the empty one only when assumed ranges alone may prove it). */
function* subsetsBySize(names: readonly string[], withEmpty: boolean): Iterable<string[]> {
  if (withEmpty) yield [];
  for (let k = 1; k <= names.length; k++) {
    const pick = (from: number, chosen: string[]): string[][] => (chosen.length === k ? [chosen]
      : names.slice(from).flatMap((n, i) => pick(from + i + 1, [...chosen, n])));
    yield* pick(0, []);
  }
}

/** Every combination of signs of `split`, each with the fixed ranges. */
function signCases(split: readonly string[], fixed: Readonly<Record<string, SymbolRange>>, fixedWords: readonly string[]): Case[] {
  let cases: Case[] = [{ ranges: { ...fixed }, words: [...fixedWords] }];
  for (const s of split) {
    cases = cases.flatMap((c) => [
      { ranges: { ...c.ranges, [s]: { lo: 0, hi: Infinity, pos: true } }, words: [...c.words, `${s} > 0`] },
      { ranges: { ...c.ranges, [s]: { lo: -Infinity, hi: 0, neg: true } }, words: [...c.words, `${s} < 0`] },
    ]);
  }
  return cases;
}

/**
 * Ranges of symbols from the assumptions that compare a symbol with a number (a > 0,
 * 0 < k, k <= 1, a != 0 is not a range); several about one symbol intersect.
 */
export function boundsFrom(symbols: readonly string[], assumptions: readonly Assumption[]): Map<string, { range: SymbolRange; text: string }> {
  const out = new Map<string, { lo: number; hi: number; loOpen: boolean; hiOpen: boolean; texts: string[] }>();
  for (const a of assumptions) {
    let name: string | null = null, value: number | null = null, rel = a.rel;
    if (a.lhs.k === 'sym' && symbols.includes(a.lhs.name)) { name = a.lhs.name; value = numberOf(a.rhs); }
    else if (a.rhs.k === 'sym' && symbols.includes(a.rhs.name)) {
      name = a.rhs.name; value = numberOf(a.lhs);
      rel = rel === '>' ? '<' : rel === '<' ? '>' : rel === '>=' ? '<=' : rel === '<=' ? '>=' : rel;
    }
    if (name === null || value === null || rel === '!=') continue;
    const b = out.get(name) ?? { lo: -Infinity, hi: Infinity, loOpen: true, hiOpen: true, texts: [] };
    if ((rel === '>' || rel === '>=') && value >= b.lo) { b.loOpen = value > b.lo ? rel === '>' : b.loOpen || rel === '>'; b.lo = value; }
    if ((rel === '<' || rel === '<=') && value <= b.hi) { b.hiOpen = value < b.hi ? rel === '<' : b.hiOpen || rel === '<'; b.hi = value; }
    b.texts.push(a.text);
    out.set(name, b);
  }
  const ranges = new Map<string, { range: SymbolRange; text: string }>();
  for (const [name, b] of out) {
    if (b.lo > b.hi) continue;
    ranges.set(name, {
      range: { lo: b.lo, hi: b.hi, ...(b.lo === 0 && b.loOpen ? { pos: true } : {}), ...(b.hi === 0 && b.hiOpen ? { neg: true } : {}) },
      text: b.texts.join(', '),
    });
  }
  return ranges;
}

/** The constant c of an assumption `c != 0` (either side), else null. */
function nonzeroName(a: Assumption): string | null {
  if (a.rel !== '!=') return null;
  if (a.lhs.k === 'sym' && numberOf(a.rhs) === 0) return a.lhs.name;
  if (a.rhs.k === 'sym' && numberOf(a.lhs) === 0) return a.rhs.name;
  return null;
}

function numberOf(e: Expr): number | null {
  if (e.k === 'num') return e.v;
  if (e.k === 'neg' && e.arg.k === 'num') return -e.arg.v;
  return null;
}
