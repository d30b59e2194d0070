import * as assert from 'node:assert/strict';
import { analyzeNote, md } from '../../helpers/latex';

/** Vector equations that are relations of data or numbers of a vector, not maps: quiet. */
describe('LaTeX: residuals and losses are not maps', () => {
  it('r = y - Xw with the note fitting w (arg min over w) is quiet (was a map of w)', () => {
    const r = analyzeNote(md(
      '$$\\mathbf{r} = \\mathbf{y} - \\mathbf{X}\\mathbf{w}$$',
      '',
      '$$\\hat{\\mathbf{w}} = \\arg\\min_{\\mathbf{w}} \\|\\mathbf{r}\\|^2$$',
    ));
    assert.deepEqual(r.transforms, []);
    assert.deepEqual(r.diagnostics, []);
  });

  it('X stated n × d acting on w: not a map of w into its own space', () => {
    const r = analyzeNote(md('Let $X \\in \\mathbb{R}^{n \\times d}$.', '', '$$\\mathbf{r} = \\mathbf{y} - X\\mathbf{w}$$'));
    assert.deepEqual(r.transforms, []);
    assert.deepEqual(r.diagnostics, []);
  });

  it('a loss of a vector, L(w) = ½‖r‖² + λ‖w‖², and E = ‖r‖² are numbers: quiet (was an information)', () => {
    const r = analyzeNote(md('The loss is $L(\\mathbf{w}) = \\tfrac12 \\|\\mathbf{r}\\|^2 + \\lambda \\|\\mathbf{w}\\|^2$.', '', 'The error $E = \\|r\\|^2$ of $r = y - Xw$.'));
    assert.deepEqual(r.transforms, []);
    assert.deepEqual(r.diagnostics, []);
  });

  it('z = Wx + b (no fitting of x, no stated sizes) stays a layer', () => {
    const r = analyzeNote('$$\\mathbf{z} = \\mathbf{W}\\mathbf{x} + \\mathbf{b}$$');
    assert.equal(r.transforms.length, 1);
  });
});
