import * as assert from 'node:assert/strict';
import { analyzeNote, md } from '../../helpers/latex';

describe('LaTeX in notes: systems in the environments and fences people use', () => {
  it('eqnarray rows (a &=& b), inside $$ or bare, are a system', () => {
    for (const text of [
      md('Notebook style:', '\\begin{eqnarray}', "m' &=& m + n \\\\", "n' &=& n", '\\end{eqnarray}'),
      md('$$', '\\begin{eqnarray*}', "m' &=& m + n \\\\", "n' &=& n", '\\end{eqnarray*}', '$$'),
    ]) {
      const r = analyzeNote(text);
      assert.deepEqual(r.diagnostics, []);
      assert.deepEqual(r.transforms.map((t) => t.variables), [['m', 'n']]);
      assert.equal(r.transforms[0].det, '1');
    }
  });

  it('consecutive ```math fences are one run: a system split over them is one map', () => {
    const r = analyzeNote(md('```math', "c' = c + d^2", '```', '```math', "d' = 3 d", '```'));
    assert.deepEqual(r.transforms.map((t) => t.variables), [['c', 'd']]);
    assert.equal(r.transforms[0].det, '3');
  });
});
