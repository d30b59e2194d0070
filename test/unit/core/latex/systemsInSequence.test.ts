import * as assert from 'node:assert/strict';
import { analyzeNote, detIs, md } from '../../helpers/latex';

/*
 * Lecture notes define one coordinate system after another: x, y are the outputs of one map
 * and the inputs of the next. The first map's equations are not values for the second.
 */
describe('LaTeX: systems in sequence, outputs of one are the inputs of the next', () => {
  it('x, y defined by a system in (s, t), then a system of (x, y): both are maps', () => {
    const r = analyzeNote(md(
      '$$ \\begin{aligned} x &= s t \\\\ y &= s - t \\end{aligned} $$',
      '',
      'A second map:',
      '',
      '$$ \\begin{aligned} p &= x^2 - y^2 \\\\ q &= x y \\end{aligned} $$'));
    assert.deepEqual(r.transforms.map((t) => t.variables), [['s', 't'], ['x', 'y']]);
    detIs(r.transforms[1], (x, y) => 2 * x * x + 2 * y * y, [[0.4, 1.3], [-1.1, 0.6]]);
  });

  it('a definition of a value is still a value: gamma from v and c is not an input', () => {
    const r = analyzeNote(md(
      '$$ \\gamma = \\frac{1}{\\sqrt{1 - \\beta^2}}, \\quad \\beta = \\frac{v}{c} $$',
      '',
      "$$ t' = \\gamma (t - v x / c^2), \\quad x' = \\gamma (x - v t) $$"));
    assert.equal(r.transforms.length, 1);
    assert.deepEqual(r.transforms[0].variables, ['t', 'x']);
  });
});
