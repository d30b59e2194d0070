/**
 * trajectory: a function of one variable written in terms of its own value at the start
 * (a solution of a differential equation, y(t) = y_0 e^{-\lambda t}) is a path through time,
 * not a map of a space to itself, and says so (a not-a-map finding: decide.ts keeps its
 * statement quiet, so no other form reads it as a 1-D map).
 *
 *     y(t) = y_0 e^{-\lambda t}                  its own initial value y_0: quiet
 *     N(t) = N_0 2^{t/T}, \theta(t) = \theta_0 \cos(\omega t)   the same
 *     \phi_t(x_0) = x_0 e^{\lambda t}            the flow map of x_0 (a map of the initial value): read
 *     g(x) = x_0 + x                             not its own start (g_0 is not used): read
 *
 * Only a scalar right side: `y(t) = \left(y_0 + t\right)` as a bracketed tuple is a map as written.
 */
import { symbolsOf } from '../../../math/expr';
import { Finding, Recognizer, Slice } from '../recognizer';
import { Reading } from '../reading';

export const trajectory: Recognizer = {
  name: 'trajectory',
  scope: 'statement',
  inline: true,
  *recognize(slice: Slice, reading: Reading): Iterable<Finding> {
    for (const { f, st, lhs } of reading.definitions(slice.formulas)) {
      if (lhs?.k !== 'head' || lhs.params.length !== 1) continue;
      const v = reading.value(f, st.sides[st.sides.length - 1]);
      if (v.k !== 'expr') continue;
      const names = symbolsOf(v.e);
      // y_0 (read y0) beside y(t): the value at the start of the very function defined, used with its argument
      if (!names.has(`${lhs.name}0`) || !names.has(lhs.params[0]) || lhs.params[0] === `${lhs.name}0`) continue;
      yield { kind: 'not-a-map', form: 'trajectory', what: 'trajectory', statements: [st] };
    }
  },
  examples: [
    { note: '$$ y(t) = y_0 e^{-\\lambda t} $$', silences: 'trajectory' },
    { note: '$$ \\theta(t) = \\theta_0 \\cos(\\omega t) $$', silences: 'trajectory' },
    { note: '$$ h(z) = z^3 + z_0 $$', ignores: true },
  ],
};
