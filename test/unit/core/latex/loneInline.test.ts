import * as assert from 'node:assert/strict';
import { analyzeNote, componentsAre, detIs, md } from '../../helpers/latex';

/**
 * Notes rendered where `$$` is awkward (GitHub READMEs, notebooks) often write an equation as
 * `$…$` on a paragraph of its own: displayed as the author means it. Such a formula is read as
 * display math (runs, sections, systems over consecutive formulas with a word between), while
 * inline math inside a sentence stays prose.
 */
describe('LaTeX: an inline formula that is a paragraph of its own is display math', () => {
  it('a kicked step written as two lone $…$ paragraphs with "and" between is one map', () => {
    const r = analyzeNote(md(
      '# A kicked rotor',
      '',
      'The step is',
      '',
      '$u_{k+1} = u_k + h\\cos w_k$',
      '',
      'and',
      '',
      '$w_{k+1} = w_k + u_{k+1},$',
      '',
      'iterated from a grid of starting points.',
    ));
    assert.deepEqual(r.diagnostics.map((d) => d.message), []);
    assert.equal(r.transforms.length, 1);
    const [t] = r.transforms;
    assert.deepEqual(t.variables, ['u_k', 'w_k']);
    componentsAre(t, ['u_k + h*cos(w_k)', 'w_k + u_k + h*cos(w_k)'], { h: 0.7 });
    detIs(t, () => 1, [[0.3, 0.4], [-1, 2]], { h: 0.7 });
  });

  it('lone $…$ paragraphs one after the other are a run', () => {
    const r = analyzeNote(md('The map of the plane:', '', '$a_{n+1} = 1 - c a_n^2 + b_n$', '', '$b_{n+1} = d a_n$', '', 'with constants $c$, $d$.'));
    assert.equal(r.transforms.length, 1);
    assert.deepEqual(r.transforms[0].variables, ['a_n', 'b_n']);
    detIs(r.transforms[0], () => -0.5, [[0.3, 0.4]], { c: 1.2, d: 0.5 });
  });

  it('inline formulas inside sentences stay prose; a lone value says nothing', () => {
    const a = analyzeNote(md('Take $u_{k+1} = u_k + h\\cos w_k$ for the first coordinate, and leave $w$ alone.'));
    assert.deepEqual([a.transforms.length, a.diagnostics.length], [0, 0]);
    const b = analyzeNote(md('We fix', '', '$h = 0.1$', '', 'throughout.'));
    assert.deepEqual([b.transforms.length, b.diagnostics.length], [0, 0]);
  });
});
