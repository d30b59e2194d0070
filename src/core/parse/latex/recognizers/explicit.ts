/**
 * explicit: a head and its components in one statement.
 *
 *     f(x, y) = \left( x + y, \; x - y \right)      reads f with variables x, y
 *     f(x, y) = (u, v) = (x + y, x - y)             a chain: u, v are the outputs' names
 *     w = T(z) = \frac{az + b}{cz + d}              a chain naming the value first: T, output w (inline when called a map)
 *     f(\mathbf{x}) = (x_1 + x_2, x_1 - x_2)        one vector variable by its coordinates
 *     f(x) = x^3 (display math, f never called)     a 1-D map (called: a helper; applied, Y = f(X), a map)
 *     $g(x) = e^x$ (inline), Y = g(X)               a 1-D map (also "the map $g(x) = e^x$" in a note on a change of variables)
 *     L(\theta) = \frac12\|y - X\theta\|^2           quiet: a loss (by its name, or a norm), not a 1-D map
 *     f(x, y) = (x, y, x y)                         declined: 2 variables, 3 components
 *
 * Any brackets, pmatrix / bmatrix column vectors and (…)^\top rows are tuples. Free symbols
 * are allowed (symbolic constants, with a warning). `f(x, y) = (u, v)` with output names is a
 * head for `named`, not a map here.
 */
import { Expr, symbolsOf } from '../../../math/expr';
import { Finding, Recognizer, Slice, declined } from '../recognizer';
import { Formula, Reading, Value, hasPrime, isChainHead } from '../reading';
import { DEFINE, Part } from '../detect';
import { readableName } from '../../../format';

export const explicit: Recognizer = {
  name: 'explicit',
  scope: 'statement',
  inline: true,
  *recognize(slice: Slice, reading: Reading): Iterable<Finding> {
    // f(x, y) = (…, …), possibly a chain f(x, y) = (u, v) = (…, …)
    for (const { f, st, lhs: first } of reading.definitions(slice.formulas)) {
      // w = T(z) = \frac{az + b}{cz + d}: a chain that names the value first, then the map's head
      const chain = st.sides.length === 3 && DEFINE.has(st.rels[1] ?? '') ? reading.lhs(f, st.sides[1]) : null;
      const lhs = isChainHead(first, chain) ? chain : first;
      if (lhs?.k !== 'head') continue;
      const headSide = st.sides[lhs === first ? 0 : 1];
      const rhs = st.sides[st.sides.length - 1];
      let v = reading.value(f, rhs);
      const n = lhs.params.length;
      // f(x) = x^3 in display math is a 1-D map when nothing in the note calls f (as in
      // ```transform blocks) but to apply it, Y = f(X); a function the note uses is a helper, a density (p(x), f_Y(y))
      // is not a map (density.ts says so, and decide.ts drops this reading). Inline, only when
      // the note applies it so or speaks of a change of variables.
      // A chain inline is a map when the words right before call it one ("the Möbius transformation $w = T(z) = …$").
      const inline = slice.inline && !(lhs !== first && calledAMap(reading, f));
      if (v.k === 'expr' && n === 1 && symbolsOf(v.e).has(lhs.params[0]) && oneVariableMap(reading, f, lhs.name, inline, reading.written(f, rhs.span))) {
        v = { k: 'tuple', items: [{ e: v.e, span: rhs.span }], bracketed: true };
      }
      const written = reading.written(f, headSide.span);
      if (v.k === 'error') {
        // f(z) = [\tanh z_1, \tanh z_2, \vdots, \tanh z_M]: entries left to dots, a family of any size: not computed, quiet
        // (\mathbf{x} / \|\mathbf{x}\|)^\top \mathbf{A} (…): vector notation the vector recognizer did not make a map of (a number): quiet
        if (v.bracketed && lhs === first && !v.err.vectorNotation && !/\\(?:[vcld]|varv)?dots/.test(reading.written(f, rhs.span))) yield declined('explicit.syntax', `${written} = (…): ${v.err.message}`, { f, span: v.err.span }, 'error', st);
        continue;
      }
      if (v.k !== 'tuple') continue;
      if (v.items.length === 1 && !v.bracketed) continue;
      // f(x, y) = (u, v): outputs named below (but (y, x) is a map)
      if (reading.isNamesTuple(v) && v.items.some((x) => !lhs.params.includes((x.e as { name: string }).name))) continue;
      // f(\mathbf{x}) = (x_1 + x_2, x_1 - x_2): one vector variable, written by its coordinates
      const coords = n === 1 ? coordinates(lhs.params[0], v.items.map((x) => x.e)) : null;
      if (v.items.length !== n && !coords) {
        if ((v.items.length >= 2 || n >= 2) && lhs === first) {
          // a curve, a surface or a projection is ordinary math, not a mistake: an information
          yield declined('explicit.arity', arityNote(written, n, v.items.length), { f, span: rhs.span }, 'info', st);
        }
        continue;
      }
      if (v.items.some((x) => hasPrime(x.e))) {
        // a chain is read only where it is plainly a map: a near miss there says nothing
        if (lhs === first) yield declined('explicit.primed-output', 'a primed name (an output) on the right side', { f, span: rhs.span }, 'error', st);
        continue;
      }
      // one variable: a map only when the component uses it (f(x) = (x^3)); else a helper
      if (n === 1 && !coords && !symbolsOf(v.items[0].e).has(lhs.params[0])) continue;
      const outputs = lhs !== first ? (outputNames(reading, f, st.sides[0]) ?? [reading.written(f, st.sides[0].span)])
        : st.sides.length > 2 ? outputNames(reading, f, st.sides[1]) : null;
      yield {
        kind: 'candidate', form: 'explicit', name: lhs.name, nameAt: { f, span: headSide.span }, variables: coords ?? lhs.params,
        raw: v.items.map((x) => x.e), outputs: outputs ?? [], parts: [{ f, span: st.span }], claims: [st], formulas: [f], run: slice.run, lenient: true,
      };
    }
  },
  examples: [
    { note: '$$ g(u, v) = \\left( u + v, \\; u v \\right) $$', reads: { variables: ['u', 'v'], components: ['u + v', 'u * v'] } },
    { note: '$$ g(u, v) = (u, v, u + v) $$', declines: 'arity' },
  ],
};

/** Usual names of a quantity to minimise or conserve (a loss L, ℓ, a cost J, an energy E, a risk R, a potential U, V, a Hamiltonian H). */
const OBJECTIVE = /^(?:L|ell|J|E|R|U|V|H|loss|cost|risk|energy|objective)(?:_?[A-Za-z0-9]+)?$/;
/** A norm in the written right side: ‖y - Xθ‖². */
const NORM = /\\\||\\[lr]?Vert\b/;

/**
 * A definition of one variable read as a map of R^1 (see above). A loss, a cost or an energy
 * (by its usual name, or a norm on the right: L(θ) = ½‖y - Xθ‖²) is a number to minimise, not a
 * change of variables, unless the note applies it as one (Y = L(X)).
 */
function oneVariableMap(reading: Reading, f: Formula, name: string, inline: boolean, right: string): boolean {
  const { applied, other } = reading.appliedNames();
  if (other.has(name)) return false;
  if ((OBJECTIVE.test(name) || NORM.test(right)) && !applied.has(name)) return false;
  return !inline || applied.has(name) || (reading.aboutChangeOfVariables() && calledAMap(reading, f)) || namedAMapAfter(reading, f);
}

/** The words right after an inline formula say it is a map: "if $f(z) = \frac{az + b}{cz + d}$ is a Möbius transformation". */
const NAMED_A_MAP_AFTER = /^\s*(?:is|be)\s+(?:a|an|the)\s+(?:[^\s.,;:$]{1,30}\s+){0,2}(?:map|mapping|transformation|bijection|diffeomorphism)\b/i;

function namedAMapAfter(reading: Reading, f: Formula): boolean {
  const end = f.seg.outerEnd;
  return NAMED_A_MAP_AFTER.test(reading.text.slice(end, end + 80));
}

/** The words right before an inline formula call it a map: "the exponential map $g(x) = e^x$". */
const CALLED_A_MAP = /\b(?:map|mapping|transformation|transform|bijection|diffeomorphism|substitution)\s*(?:is\s*|:\s*)?$/i;

function calledAMap(reading: Reading, f: Formula): boolean {
  const start = f.seg.outerStart;
  return CALLED_A_MAP.test(reading.text.slice(Math.max(0, start - 60), start));
}

function outputNames(reading: Reading, f: Formula, p: Part): string[] | null {
  const v: Value = reading.value(f, p);
  if (v.k !== 'tuple') return null;
  return v.items.map((x) => reading.written(f, x.span));
}

/**
 * The coordinates x1…xn (or x0…x(n-1)) of a vector variable x when n components use them and
 * not x itself; else null.
 */
function coordinates(x: string, comps: readonly Expr[]): string[] | null {
  const n = comps.length;
  if (n < 2) return null;
  const used = new Set<string>();
  for (const c of comps) symbolsOf(c, used);
  if (used.has(x)) return null;
  const indexed = [...used].map((s) => new RegExp(`^${x}(\\d+)$`).exec(s)).filter((m): m is RegExpExecArray => !!m).map((m) => Number(m[1]));
  if (!indexed.length) return null;
  const base = Math.min(...indexed) === 0 ? 0 : 1;
  if (indexed.some((k) => k < base || k >= base + n)) return null;
  return Array.from({ length: n }, (_, k) => `${x}${k + base}`);
}

/** What a head with n variables and m components is, said as an information (J is m x n, no det J). */
export function arityNote(written: string, n: number, m: number, after = ''): string {
  return `${readableName(written).replace(/,(?=\S)/g, ', ')}${after} has ${n} variable${n === 1 ? '' : 's'} but ${m} component${m === 1 ? '' : 's'} (R^${n} → R^${m}): ` +
    `its J is ${m} × ${n}, with no det J; Jacobian Lens analyses maps R^n → R^n, one component per variable`;
}
