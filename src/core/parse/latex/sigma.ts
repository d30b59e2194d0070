/**
 * σ before parentheses, \sigma(y - x): the sigmoid, or the constant σ times the parenthesis?
 * (expr.ts reads it as the sigmoid and marks the formula; decide.ts settles it per map here.)
 *
 *  - σ is a number when the note gives it a value (`\sigma = 10`) or compares it
 *    (`\sigma > 0`, `\sigma \neq 0`);
 *  - else σ is a function when the note says so: it defines it (`\sigma(t) = …`), names it in
 *    words ("sigmoid", "logistic"), writes `\sigma(\cdot)`, `\sigma'` or `\sigma^{-1}`, or applies
 *    it to vectors (a bold name inside: a neural layer `\sigma(\mathbf{W}\mathbf{x} + \mathbf{b})`);
 *  - else it is a guess by the form, said in the map's `assumed`: in a field (`\dot x = \sigma(y - x)`,
 *    the Lorenz system) or a system of equations without a head, the constant σ; in a map, the sigmoid.
 */
import { Expr, mapExpr, mul, sym } from '../../math/expr';
import type { Definitions } from './definitions';
import type { Formula, Reading } from './reading';

/** The mark expr.ts leaves in a formula's `names.ops` when it reads \sigma( ) as the sigmoid. */
export const SIGMA_CALL = 'sigma()';

export type SigmaReading = 'function' | 'constant';

// each pattern is anchored on \sigma and reads a bounded stretch after it: linear
const NUMBER = /\\sigma\s*(?:>|<|≥|≤|≠|\\[gl]eq?(?![a-z])|\\[gl]t(?![a-z])|\\neq?(?![a-z]))/;
const FUNCTION = [
  /\bsigmoid|\blogistic/i,
  /\\sigma\s*(?:\\left\s*)?\(\s*\\cdot\s*(?:\\right\s*)?\)/,
  /\\sigma\s*(?:'|\^\s*\{?\s*(?:-\s*1|\\prime))/,
  /\\sigma\s*(?:\\left\s*)?\([^()$]{0,80}\\(?:mathbf|boldsymbol|bm|vec)(?![a-z])/,
  /\\sigma\s*(?:\\left\s*)?\([^()$=]{0,40}(?:\\right\s*)?\)\s*(?:=|:=|\\coloneqq)/,
];

/** What the note says σ is, or null when it does not say. */
export function sigmaInNote(reading: Reading, defs: Definitions): SigmaReading | null {
  if (!said.has(reading)) said.set(reading, sigmaOf(reading, defs));
  return said.get(reading)!;
}

const said = new WeakMap<Reading, SigmaReading | null>();

function sigmaOf(reading: Reading, defs: Definitions): SigmaReading | null {
  if (defs.parameterNames.has('sigma') || NUMBER.test(reading.text)) return 'constant';
  if (defs.helpers.some((h) => h.name === 'sigma') || FUNCTION.some((re) => re.test(reading.text))) return 'function';
  return null;
}

/**
 * A map's components with \sigma( ) read as the note says, else by the guess for its form;
 * `assumed` says the guess.
 */
export function readSigma(raw: readonly Expr[], formulas: readonly Formula[], said: SigmaReading | null, constantForm: boolean): { raw: readonly Expr[]; assumed?: string } {
  if (!formulas.some((f) => f.names.ops.has(SIGMA_CALL))) return { raw };
  const as: SigmaReading = said ?? (constantForm ? 'constant' : 'function');
  const out = as === 'function' ? raw : raw.map((e) => mapExpr(e, (x) => (x.k === 'call' && x.fn === 'sigmoid' && !x.d && x.args.length === 1 ? mul(sym('sigma'), x.args[0]) : x)));
  if (said) return { raw: out };
  return {
    raw: out,
    assumed: as === 'constant'
      ? 'σ(…) read as the constant σ times (…), as in the Lorenz system (a note that calls σ the sigmoid, or writes σ(·), reads it as the sigmoid)'
      : 'σ(…) read as the sigmoid 1/(1 + e^(-u)) (a note that gives σ a value, σ = 10, or writes σ > 0, reads it as a constant times (…))',
  };
}
