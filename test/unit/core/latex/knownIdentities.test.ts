import * as assert from 'node:assert/strict';
import { analyzeNote, detIs, md } from '../../helpers/latex';

/**
 * A left side that is a function everybody knows applied to one name (`\sin\theta = …`,
 * `e^x = …`, `\tanh x = …`) is an identity or an expansion of that function: never a
 * definition of it (it would replace the function in every map of the note) and never a map.
 */
describe('LaTeX: identities and expansions of known functions define nothing', () => {
  it('a Taylor expansion of sin beside spherical coordinates leaves their sin alone (det J = r² sin θ)', () => {
    const r = analyzeNote(md(
      '$$',
      '\\begin{aligned}',
      'x &= r \\sin\\theta \\cos\\phi, \\\\',
      'y &= r \\sin\\theta \\sin\\phi, \\\\',
      'z &= r \\cos\\theta',
      '\\end{aligned}',
      '$$',
      '',
      'For small angles,',
      '$$',
      '\\sin\\theta = \\theta - \\frac{\\theta^3}{6} + O(\\theta^5).',
      '$$',
    ));
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.transforms.length, 1);
    const [t] = r.transforms;
    assert.deepEqual(t.variables, ['r', 'theta', 'phi']);
    detIs(t, (rr, th) => rr * rr * Math.sin(th), [[0.7, 0.3, 1], [1.9, 2, -2]]);
  });

  it('an expansion of e^x leaves the exponential of a flow alone', () => {
    const r = analyzeNote(md(
      '$$ e^{x} = 1 + x + \\frac{x^2}{2} + O(x^3) $$',
      '',
      'The layer is',
      '',
      '$$ g(u, v) = (u e^{v}, v) $$',
    ));
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.transforms.length, 1);
    detIs(r.transforms[0], (_u, v) => Math.exp(v), [[0.3, 1.2], [-1, -0.5]]);
  });

  it('identities of tanh, log and cosh² − sinh² are neither maps nor diagnostics', () => {
    const r = analyzeNote(md(
      '$$ \\tanh x = \\frac{e^x - e^{-x}}{e^x + e^{-x}} $$',
      '',
      '$$ \\log(1 + x) = x - \\frac{x^2}{2} + \\frac{x^3}{3} - \\dots $$',
      '',
      '$$ \\cosh^2 x - \\sinh^2 x = 1 $$',
    ));
    assert.deepEqual(r.transforms.map((t) => t.name), []);
    assert.deepEqual(r.diagnostics, []);
  });
});
