import * as assert from 'node:assert/strict';
import { analyzeNote, detIs, md } from '../../helpers/latex';

/** Forms found by writing notes as people do (test/fixtures/notes), each on its own. */
describe('LaTeX forms of real notes: joint densities, restatements, scalars, step indices, matrices on columns', () => {
  it('a joint density by its letter is quiet, also in probability notation that is not read; a tuple is still a map', () => {
    for (const note of [
      '$$ p_\\theta(\\mathbf{x}, \\mathbf{z}) = p_\\theta(\\mathbf{x} \\mid \\mathbf{z})\\, p(\\mathbf{z}) $$',
      '$$ q(a, b) = a b \\, e^{-a - b} $$',
    ]) {
      const r = analyzeNote(note);
      assert.deepEqual([r.transforms, r.diagnostics], [[], []], note);
    }
    assert.deepEqual(analyzeNote('$$ p(a, b) = (a + b, a - b) $$').transforms.map((t) => t.variables), [['a', 'b']]);
  });

  it('equations that only restate their inputs are no map; one that changes something is', () => {
    const r = analyzeNote(md('The other coordinates, $y\' = y$ and $z\' = z$, are untouched.', '', '$$ p = q, \\quad s = s $$'));
    assert.deepEqual([r.transforms, r.diagnostics], [[], []]);
    const t = analyzeNote('$$ y\' = y, \\quad z\' = z + y^2 $$').transforms;
    assert.deepEqual(t.map((x) => x.variables), [['y', 'z']]);
  });

  it('a plain name given a norm or an inner product of vectors is a scalar: no map, nothing said', () => {
    for (const note of ['$$ r = \\|\\mathbf{z} - \\mathbf{z}_0\\| $$', '$$ s = \\mathbf{w}^\\top \\mathbf{z} $$']) {
      const r = analyzeNote(note);
      assert.deepEqual([r.transforms, r.diagnostics], [[], []], note);
    }
  });

  it('an iterated map with a step index has the previous step as inputs', () => {
    const r = analyzeNote('$$ u_{k+1} = u_k + h\\,w_k, \\qquad w_{k+1} = w_k - h \\sin u_k $$');
    assert.deepEqual(r.diagnostics, []);
    const [t] = r.transforms;
    assert.deepEqual(t.variables, ['u_k', 'w_k']);
    detIs(t, (u) => 1 + 0.1 * 0.1 * Math.cos(u), [[0.3, 0.8], [2, -1]], { h: 0.1 });
    assert.match(t.assumed![0], /inputs u_k, w_k; h taken as constant/);
  });

  it('a matrix given by entries with names in them acts on (x, y, 1)^T written as a row with a transpose', () => {
    const r = analyzeNote(md(
      '$$ M = \\begin{bmatrix} a & -b & p \\\\ b & a & q \\\\ 0 & 0 & 1 \\end{bmatrix} $$',
      '',
      'moves points as',
      '',
      '$$ (x\', y\', 1)^\\top = M (x, y, 1)^\\top $$',
    ));
    assert.deepEqual(r.diagnostics, []);
    const [t] = r.transforms;
    assert.deepEqual(t.variables, ['x', 'y']);
    detIs(t, () => 0.6 ** 2 + 0.8 ** 2, [[0.3, 0.8]], { a: 0.6, b: 0.8, p: 1, q: 2 });
  });

  it('matrices times a column of plain names: those names are the inputs', () => {
    const r = analyzeNote('$$ \\begin{pmatrix} u \\\\ v \\end{pmatrix} = \\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix} \\begin{pmatrix} x \\\\ y \\end{pmatrix} $$');
    assert.deepEqual(r.diagnostics, []);
    const [t] = r.transforms;
    assert.deepEqual(t.variables, ['x', 'y']);
    detIs(t, () => 2 * 5 - 3 * 0.5, [[0.3, 0.8]], { a: 2, b: 3, c: 0.5, d: 5 });
    assert.match(t.assumed![0], /the column the matrix acts on/);
  });
});
