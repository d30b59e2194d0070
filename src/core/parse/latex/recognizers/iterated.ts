/**
 * iterated: a map written as one step of an iteration, the outputs indexed k + 1 and the
 * inputs k (any one letter: n, k, t, i), as notes on dynamical systems write them:
 *
 *     x_{n+1} = 1 - a x_n^2 + y_n, \quad y_{n+1} = b x_n      the Hénon map: variables x_n, y_n
 *     p_{n+1} = p_n + K \sin\theta_n, \quad
 *     \theta_{n+1} = \theta_n + p_{n+1}                      the standard map: p_{n+1} replaced
 *     x_{k+1} = x_k + h v_k, \quad v_{k+1} = v_k - h x_{k+1}  a symplectic Euler step
 *     (x_{n+1}, y_{n+1}) = (x_n + y_n, x_n + 2y_n) \bmod 1    a tuple (or column) of outputs: one equation each
 *
 * The equations of one formula, or of a run of consecutive display blocks, or of one
 * paragraph's inline math. Two coordinates at least, or one recurrence x_{n+1} = g(x_n) that the
 * prose around calls a map or an iteration (`oneDimensional`; else a_{n+1} = … a_n is a sequence), one index letter, each output's own name with index k
 * used somewhere on the right sides, and every right side using some input. An output used on
 * a later right side is replaced by its formula: the step is the composition the note writes;
 * an output used before it is defined (an implicit step) is not a map. Other names are
 * constants (given in the note, or symbolic).
 */
import { CONSTANTS, Expr, substitute, symbolsOf } from '../../../math/expr';
import { Definitions } from '../definitions';
import { Candidate, Finding, Recognizer, RecognizerExample, Slice } from '../recognizer';
import { Formula, Reading } from '../reading';
import { Statement } from '../detect';

const EXAMPLES: RecognizerExample[] = [
  { note: '$$ u_{k+1} = u_k + v_k, \\quad v_{k+1} = 2 v_k $$', reads: { variables: ['u_k', 'v_k'], components: ['u_k + v_k', '2 * v_k'] } },
  { note: '$$ a_{n+1} = a_n + d $$', ignores: true },
  { note: 'The iteration of the quadratic map:\n\n$$ w_{k+1} = c w_k (1 - w_k) $$', reads: { variables: ['w_k'], components: ['c * w_k * (1 - w_k)'] } },
];

/** A name written with the index k + 1 (x_{n+1}), as the reader displays it: base and index letter. */
const NEXT = /^(.+?)_\{\s*([A-Za-z])\s*\+\s*1\s*\}$/;
/** Equations in one step at most (a note's maps are small). */
const MAX_EQUATIONS = 16;

interface Step { readonly f: Formula; readonly st: Statement; readonly out: string; readonly input: string; readonly e: Expr; readonly display: string }

export const iterated: Recognizer = {
  name: 'iterated',
  scope: 'run',
  inline: true,
  *recognize(slice: Slice, reading: Reading, defs: Definitions): Iterable<Finding> {
    const own = [...stepsIn(slice, slice.formulas, reading, defs)];
    if (own.length || slice.inline) { yield* own; return; }
    // none alone: the run with the next one of its section (a word between, "and"), when that
    // one alone is none either (the standard map's p_{n+1} = …, "and", θ_{n+1} = θ_n + p_{n+1})
    const next = runsOf(reading).get(slice.run + 1);
    if (!next || next[0].section !== slice.formulas[0].section || next[0].section < 0) return;
    if ([...stepsIn(slice, next, reading, defs)].length) return;
    yield* stepsIn(slice, [...slice.formulas, ...next], reading, defs);
  },
  examples: EXAMPLES,
};

/** The display formulas of each run by its number (Reading.runs, indexed once per note). */
function runsOf(reading: Reading): ReadonlyMap<number, readonly Formula[]> {
  let known = RUNS.get(reading);
  if (!known) RUNS.set(reading, known = new Map(reading.runs().map((fs) => [fs[0].run, fs] as const)));
  return known;
}
const RUNS = new WeakMap<Reading, ReadonlyMap<number, readonly Formula[]>>();

/** The maps of the steps written in `formulas`. */
function* stepsIn(slice: Slice, formulas: readonly Formula[], reading: Reading, defs: Definitions): Iterable<Finding> {
  const eqs = stepsOf(formulas, reading);
  if (!eqs) return;
  // the equations of one formula belong together, and formulas join when one uses the
  // other's names (two maps in consecutive displays stay two)
  const parent = eqs.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const names = eqs.map((x) => symbolsOf(x.e));
  eqs.forEach((a, i) => eqs.forEach((b, j) => {
    if (i < j && (a.f === b.f || names[i].has(b.input) || names[i].has(b.out) || names[j].has(a.input) || names[j].has(a.out))) parent[find(i)] = find(j);
  }));
  const groups = new Map<number, Step[]>();
  eqs.forEach((x, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), x]));
  for (const g of groups.values()) {
    const c = candidate(slice, g, defs, reading);
    if (c) yield c;
  }
}

/** The equations x_{k+1} = … of the slice (one index letter), or null when there are none or too many. */
function stepsOf(formulas: readonly Formula[], reading: Reading): Step[] | null {
  const eqs: Step[] = [];
  let index: string | null = null;
  for (const { f, st, lhs } of reading.definitions(formulas)) {
    // x_{n+1} = …, or a tuple (x_{n+1}, y_{n+1}) = (…, …) (a column too) of as many entries
    const outs = lhs?.k === 'name' ? [lhs.name] : lhs?.k === 'names' ? lhs.names : null;
    if (!outs) continue;
    const displays = outs.map((x) => f.names.display.get(x) ?? x);
    const ms = displays.map((d) => NEXT.exec(d));
    // the reader names x_{n+1} "x_n1": the input x_n is the same name without the 1
    if (ms.some((m, k) => !m || !outs[k].endsWith('1'))) continue;
    const letters = new Set(ms.map((m) => m![2]));
    if (letters.size !== 1 || (index !== null && !letters.has(index))) return null;
    index = ms[0]![2];
    const v = reading.value(f, st.sides[st.sides.length - 1]);
    const es = v.k === 'expr' && outs.length === 1 ? [v.e] : v.k === 'tuple' && v.items.length === outs.length && outs.length > 1 ? v.items.map((x) => x.e) : null;
    if (!es) return null;
    for (const [k, out] of outs.entries()) {
      if (eqs.length >= MAX_EQUATIONS || eqs.some((x) => x.out === out)) return null;
      eqs.push({ f, st, out, input: out.slice(0, -1), e: es[k], display: displays[k] });
    }
  }
  return eqs.length ? eqs : null;
}

function candidate(slice: Slice, eqs: readonly Step[], defs: Definitions, reading: Reading): Candidate | null {
  if (eqs.length < 2 && !oneDimensional(eqs[0].f, eqs[0].display, eqs[0].input, [eqs[0].e], reading)) return null;
  const inputs = eqs.map((x) => x.input);
  if (new Set(inputs).size !== inputs.length) return null;
  // outputs used later are replaced by their formulas (in order); one used earlier: implicit
  const done = new Map<string, Expr>();
  const raw: Expr[] = [];
  const used = new Set<string>();
  for (const [i, x] of eqs.entries()) {
    const syms = symbolsOf(x.e);
    if (eqs.slice(i).some((y) => syms.has(y.out))) return null;
    const e = substitute(x.e, done);
    const own = symbolsOf(e);
    if (!inputs.some((v) => own.has(v))) return null;
    for (const v of inputs) if (own.has(v)) used.add(v);
    done.set(x.out, e);
    raw.push(e);
  }
  if (used.size !== inputs.length) return null;
  // the other names are constants (given in the note, or symbolic): said with the inputs
  const defined = new Set(defs.locals.map((l) => l.name));
  const constants = [...new Set(raw.flatMap((e) => [...symbolsOf(e)]))]
    .filter((x) => !inputs.includes(x) && !defs.parameterNames.has(x) && !defined.has(x) && !Object.hasOwn(CONSTANTS, x));
  return {
    kind: 'candidate', form: 'iterated', name: null, nameAt: { f: eqs[0].f, span: eqs[0].st.sides[0].span },
    variables: inputs, raw, outputs: eqs.map((x) => x.display),
    parts: eqs.map((x) => ({ f: x.f, span: x.st.span })), claims: [...new Set(eqs.map((x) => x.st))],
    formulas: [...new Set(eqs.map((x) => x.f))], run: slice.run, lenient: true,
    choice: { inputs, constants, why: eqs.length > 1 ? 'the previous step of each output' : 'the previous step' },
  };
}

/**
 * Words by which the prose next to a recurrence calls it a map of its own values. "Each / every /
 * per iteration" counts an algorithm's steps ("the step size decays at every iteration"), not a map.
 */
const DYNAMICS = /\b(?:maps?|mapping|(?<!\b(?:each|every|per|an?)\s{1,3})iterations?|iterat(?:e|es|ed|ing)|recurrences?|dynamics|dynamical|orbits?)\b/i;

/**
 * One recurrence x_{n+1} = g(x_n) is a map R -> R only where a careful reader would call it
 * one: the step index only in the subscripts of x (no n alone, `a_n + 1/n^2`; no other name
 * indexed by it, `s_n + a_n`, `a_{n-1}`: a sequence or a sum), and the prose of its paragraph
 * or the one before speaking of a map, an iteration or dynamics. `exprs`: what the step
 * computes from (its value; a piecewise step's values and conditions, cases.ts).
 */
export function oneDimensional(f: Formula, display: string, input: string, exprs: readonly Expr[], reading: Reading): boolean {
  const index = NEXT.exec(display)?.[2];
  if (!index) return false;
  // the index as a letter of its own in a name's subscripts (one scan of what follows the first _)
  const letter = new RegExp(`(?<![A-Za-z])${index}(?![A-Za-z])`);
  const byIndex = (d: string): boolean => d.includes('_') && letter.test(d.slice(d.indexOf('_') + 1));
  const names = new Set<string>();
  for (const e of exprs) symbolsOf(e, names);
  if (!names.has(input)) return false;
  for (const s of names) {
    if (s === input) continue;
    if (s === index || byIndex(f.names.display.get(s) ?? s)) return false;
  }
  const { before, after } = reading.proseAround(f);
  // after it: its own paragraph only (the next one speaks of the next formula)
  const rest = reading.text.slice(after[0], after[1]);
  const blank = /\n[ \t>]*\n/.exec(rest);
  return DYNAMICS.test(reading.text.slice(before[0], before[1])) || DYNAMICS.test(blank ? rest.slice(0, blank.index) : rest);
}

/** The input x_n of an output x_{n+1} (the reader's name and the LaTeX it displays), else null. */
export function previousStep(name: string, display: string): string | null {
  return NEXT.test(display) && name.endsWith('1') ? name.slice(0, -1) : null;
}
