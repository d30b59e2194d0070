import * as assert from 'node:assert/strict';
import { analyzeNote, detIs, md } from '../../helpers/latex';

/** A bold capital before a column is a matrix, never a number scaling each entry. */
describe('LaTeX: a bold capital times a column', () => {
  it('a projective step with an unnamed matrix is no map (was (P a, P b, P) with det J = 0), and one information says why', () => {
    const r = analyzeNote(md('The camera acts projectively:', '',
      "$$\\begin{bmatrix} a' \\\\ b' \\\\ c' \\end{bmatrix} = \\mathbf{P}_{\\text{cam}} \\begin{bmatrix} a \\\\ b \\\\ 1 \\end{bmatrix}$$"));
    assert.equal(r.transforms.length, 0, r.transforms.map((t) => t.components.join(', ')).join(' | '));
    assert.deepEqual(r.diagnostics.map((d) => d.severity), ['info']);
    assert.match(r.diagnostics[0].message, /\\mathbf\{P\}_\{\\text\{cam\}\} times a column: its entries are not written here/);
  });

  it('a bold matrix with primed outputs: quiet of errors, and a lower-case scalar still scales the column', () => {
    const r = analyzeNote(md("$$\\begin{pmatrix} u' \\\\ v' \\end{pmatrix} = \\boldsymbol{W} \\begin{pmatrix} u \\\\ v \\end{pmatrix}$$"));
    assert.equal(r.transforms.length, 0);
    assert.ok(r.diagnostics.every((d) => d.severity === 'info'), JSON.stringify(r.diagnostics));
    const scaled = analyzeNote(md("$$\\begin{pmatrix} u' \\\\ v' \\end{pmatrix} = k \\begin{pmatrix} u + v \\\\ v \\end{pmatrix}$$"));
    assert.equal(scaled.transforms.length, 1);
    detIs(scaled.transforms[0], () => 0.7 * 0.7, [[0.3, -1.2], [1.5, 0.4]], { k: 0.7 });
  });
});
