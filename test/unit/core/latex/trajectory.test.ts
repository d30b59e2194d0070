/**
 * A function of one variable in terms of its own value at the start (y(t) = y_0 e^{-λt}: the
 * solution of a differential equation) is a path, not a 1-D map: no transform, no diagnostic.
 * The flow map of the initial value (φ_t(x_0) = x_0 e^{λt}) and functions that do not use
 * their own start are still read.
 */
import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../../../src/core/document';

const read = (body: string) => analyzeDocument(`# A note\n\n${body}\n`, 'markdown', 'paths.md');

describe('LaTeX notes: trajectories are not maps', () => {
  it('y(t) = y_0 e^{-kt}, N(t) = N_0 2^{t/T}, θ(t) = θ_0 cos(ωt), inline or displayed, stay quiet', () => {
    for (const d of [
      '$$ y(t) = y_0 e^{-k t} $$',
      'The population doubles: $N(t) = N_0 2^{t/T}$.',
      'A small swing is $$ \\theta(t) = \\theta_0 \\cos(\\omega t) $$',
      '$$ x(s) = x_{0} + v s $$',
    ]) {
      const a = read(d);
      assert.deepEqual(a.transforms.map((t) => t.name), [], d);
      assert.deepEqual(a.diagnostics, [], d);
    }
  });

  it('the flow map of the initial value, a function that does not use its own start, and one of two variables are read', () => {
    for (const [d, vars] of [
      ['$$ \\phi_t(x_0) = x_0 e^{\\lambda t} $$', ['x0']],
      ['$$ g(x) = x_0 + x^3 $$', ['x']],
      ['$$ y(t, s) = (y_0 + t, \\; s) $$', ['t', 's']],
    ] as const) {
      const a = read(d);
      assert.deepEqual(a.transforms.map((t) => t.variables), [vars], d);
    }
  });
});
