import * as assert from 'node:assert/strict';
import { analyzeNote, componentsAre, detIs, md } from '../../helpers/latex';

/**
 * A right side written wholly in parentheses (`u = \left(u + 2v\right)`, often before a
 * remainder: `\phi = \left(\phi + w\right) \bmod 2\pi`) is the value of one name, grouped:
 * an equation of a system like any other, not a tuple of one entry.
 */
describe('LaTeX: a value wholly in parentheses is an equation of a system', () => {
  it('a linear system with parenthesized right sides', () => {
    const r = analyzeNote(md('$$ u = \\left(3a - b\\right), \\quad v = (a + b) $$'));
    assert.equal(r.transforms.length, 1);
    componentsAre(r.transforms[0], ['3*a - b', 'a + b']);
    detIs(r.transforms[0], () => 4, [[0.1, 0.2]]);
  });

  it('a state update on a torus, each value in parentheses and reduced mod 2π', () => {
    const r = analyzeNote(md(
      '### Update',
      '$$',
      '\\phi = \\left(\\phi + w + c\\cos\\phi\\right) \\bmod 2\\pi',
      '$$',
      '$$',
      'w = \\left(w + c\\cos\\phi\\right) \\bmod 2\\pi',
      '$$',
    ));
    assert.deepEqual(r.diagnostics.filter((d) => d.severity !== 'info').map((d) => d.message), []);
    assert.equal(r.transforms.length, 1);
    assert.deepEqual(r.transforms[0].variables, ['phi', 'w']);
    // the wrap does not change J where it is smooth: det J = 1 (area-preserving)
    detIs(r.transforms[0], () => 1, [[0.3, 0.2], [1.1, -0.5]], { c: 0.6 });
  });
});
