import * as assert from 'node:assert/strict';
import { analyzeNote, detIs, md } from '../../helpers/latex';

/** Equations on separate source lines with no `\\` between them: one equation per line. */
describe('LaTeX: equations on their own source lines without a row separator', () => {
  it('a step in a cases block with the \\\\ lost is read as two equations (was no map)', () => {
    const r = analyzeNote(md(
      'The step of the model:',
      '',
      '$$',
      '\\begin{cases}',
      'u_{k+1} = u_k + v_k',
      'v_{k+1} = c\\, u_k',
      '\\end{cases}',
      '$$',
    ));
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.transforms.length, 1);
    const t = r.transforms[0];
    assert.deepEqual(t.variables, ['u_k', 'v_k']);
    detIs(t, () => -0.7, [[0.3, 1.2], [-1, 0.4]], { c: 0.7 });
  });

  it('a line that starts with an operator or a relation continues the equation before it', () => {
    const r = analyzeNote(md(
      '$$',
      'g(a, b) = (a + b',
      '  + a b, a - b)',
      '$$',
      '',
      '$$',
      'h(s, t) = (s t, s)',
      '  = (t s, s)',
      '$$',
    ));
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.transforms.map((t) => t.name), ['g', 'h']);
    detIs(r.transforms[0], (a: number, b: number) => -(1 + b) - (1 + a), [[0.3, 0.8]]);
  });
});
