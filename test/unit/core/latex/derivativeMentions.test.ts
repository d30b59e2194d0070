import * as assert from 'node:assert/strict';
import { analyzeNote, detIs, md } from '../../helpers/latex';

/* A derivative written at a point, g'(s_0), speaks of the map g: it does not use g as a helper. */
describe('LaTeX: a one-variable map whose derivative the note writes at a point', () => {
  it('g(s) = (3s - 1)/(s + 2) displayed, then g\'(s_0) = … and "where g\'(s_0) ≠ 0": still the map g, det J = g\'(s)', () => {
    const r = analyzeNote(md(
      'A fractional linear map of the line:',
      '',
      '$$ g(s) = \\frac{3s - 1}{s + 2} $$',
      '',
      'Its derivative at a point is',
      '',
      '$$ g\'(s_0) = \\frac{7}{(s_0 + 2)^2} $$',
      '',
      'so the map is conformal wherever $g\'(s_0) \\neq 0$.',
    ));
    assert.deepEqual(r.diagnostics.map((d) => d.message), []);
    assert.deepEqual(r.transforms.map((t) => t.variables), [['s']]);
    detIs(r.transforms[0], (s) => 7 / (s + 2) ** 2, [[0.2], [1.3], [-0.7]]);
  });

  it('a function the note calls inside another formula stays a helper there: no map of its own', () => {
    const r = analyzeNote(md('$$ h(s) = s^2 + 1 $$', '', '$$ u = h(x) + y, \\quad v = y $$'));
    assert.deepEqual(r.transforms.map((t) => t.variables), [['x', 'y']]);
  });
});
