import * as assert from 'node:assert/strict';
import { analyzeNote, detIs, md } from '../../helpers/latex';

/** "Uniform when $a = b$": one name set equal to another the map uses is a special case, not a value. */
describe('LaTeX: a special case a = b below a map gives no value', () => {
  it('a stretch by factors p and q with "equal when $p = q$" below keeps both: det J = p q (was q²)', () => {
    const r = analyzeNote(md(
      'Stretching the axes:',
      '',
      "$$\\begin{pmatrix} u' \\\\ v' \\end{pmatrix} = \\begin{pmatrix} p & 0 \\\\ 0 & q \\end{pmatrix} \\begin{pmatrix} u \\\\ v \\end{pmatrix}$$",
      '',
      '- the same in both directions: $p = q$',
      '- different: $p \\neq q$',
    ));
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.transforms.length, 1);
    detIs(r.transforms[0], () => 0.5 * 3, [[0.2, 1.1]], { p: 0.5, q: 3 });
  });

  it('a value in other names still counts: "where $\\gamma = 1/\\sqrt{1 - w^2}$"', () => {
    const r = analyzeNote(md("$$s' = \\gamma (s - w\\, t), \\quad t' = \\gamma (t - w\\, s)$$", '', 'where $\\gamma = 1/\\sqrt{1 - w^2}$.'));
    const t = r.transforms[0];
    assert.deepEqual(t.variables, ['s', 't']);
    // γ²(1 - w²) = 1
    detIs(t, () => 1, [[0.3, 0.9]], { w: 0.6 });
  });
});
