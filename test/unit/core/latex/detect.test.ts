import * as assert from 'node:assert/strict';
import { findNoteMath } from '../../../../src/core/parse/latex/detect';
import { analyzeNote, md } from '../../helpers/latex';

describe('LaTeX in notes: where the math is', () => {
  it('```math and MyST ```{math} fences are display math (MyST options left out)', () => {
    const text = md('Text', '```math', 'u = 1', '```', '', '```{math}', ':label: eq-w', 'w = 2', '```', '```python', 'x = 3', '```');
    const segs = findNoteMath(text);
    assert.deepEqual(segs.map((s) => [s.display, s.content.trim()]), [[true, 'u = 1'], [true, 'w = 2']]);
    for (const s of segs) assert.equal(text.slice(s.start, s.end), s.content);
  });

  it('display environments written without $$ are display math; eqnarray and multline are read', () => {
    const text = md(
      'Notebook style:',
      '\\begin{eqnarray}',
      "m' &=& m + n \\\\",
      "n' &=& n",
      '\\end{eqnarray}',
      '$$ \\begin{align*} a = 1 \\end{align*} $$',
    );
    const segs = findNoteMath(text);
    assert.equal(segs.length, 2);
    const r = analyzeNote(text);
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.transforms.map((t) => t.variables), [['m', 'n']]);
    assert.equal(r.transforms[0].det, '1');
  });

  it('consecutive ```math fences are one run: a system split over them is one map', () => {
    const r = analyzeNote(md('```math', "c' = c + d^2", '```', '```math', "d' = 3 d", '```'));
    assert.deepEqual(r.transforms.map((t) => t.variables), [['c', 'd']]);
    assert.equal(r.transforms[0].det, '3');
  });
});
