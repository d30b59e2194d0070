import * as assert from 'node:assert/strict';
import { analyzeNote, componentsAre, detIs, md } from '../../helpers/latex';

/* Maps written with columns: a column of names equal to a column, a matrix times a column, a scalar times a column. */
describe('LaTeX maps written as columns and matrix products', () => {
  it('a matrix with given entries times a column of inputs, plus a column: affine map, det J = det of the matrix', () => {
    const r = analyzeNote(md('$$',
      "\\begin{bmatrix} p' \\\\ q' \\end{bmatrix} = \\begin{bmatrix} 3 & -1 \\\\ 2 & 5 \\end{bmatrix} \\begin{bmatrix} p \\\\ q \\end{bmatrix} + \\begin{bmatrix} 4 \\\\ -2 \\end{bmatrix}.",
      '$$'));
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.transforms.length, 1);
    componentsAre(r.transforms[0], ['3 p - q + 4', '2 p + 5 q - 2']);
    detIs(r.transforms[0], () => 17, [[0.3, -0.8]]);
  });

  it('a rotation matrix in a symbolic angle acting on a column of primed outputs: det J = 1, no warning', () => {
    const r = analyzeNote(md('$$',
      "\\begin{pmatrix} a' \\\\ b' \\end{pmatrix} = \\begin{pmatrix} \\cos\\alpha & -\\sin\\alpha \\\\ \\sin\\alpha & \\cos\\alpha \\end{pmatrix} \\begin{pmatrix} a \\\\ b \\end{pmatrix}",
      '$$'));
    assert.deepEqual(r.diagnostics.filter((d) => d.severity !== 'info'), []);
    assert.equal(r.transforms.length, 1);
    assert.deepEqual(r.transforms[0].variables, ['a', 'b']);
    detIs(r.transforms[0], () => 1, [[0.3, -0.8], [1.1, 0.4]], { alpha: 0.7 });
  });

  it('a column of unprimed names equal to a column, or to a scalar times a column: a system, inputs inferred', () => {
    const a = analyzeNote('$$ \\begin{pmatrix} m \\\\ n \\end{pmatrix} = \\begin{pmatrix} s + t^3 \\\\ t \\end{pmatrix} $$');
    assert.equal(a.transforms.length, 1);
    assert.deepEqual(a.transforms[0].variables, ['s', 't']);
    detIs(a.transforms[0], () => 1, [[0.5, 0.2]]);
    const b = analyzeNote('$$ \\begin{pmatrix} m \\\\ n \\end{pmatrix} = \\rho \\begin{pmatrix} \\cos\\varphi \\\\ \\sin\\varphi \\end{pmatrix} $$');
    assert.equal(b.transforms.length, 1);
    assert.deepEqual(b.transforms[0].variables, ['rho', 'varphi']);
    detIs(b.transforms[0], (rho) => rho, [[0.5, 0.2], [1.5, -2]]);
  });

  it('a tuple of names equal to a tuple: (m, n) = (s + t, s - t)', () => {
    const r = analyzeNote('$$ (m, n) = (s + t, s - t) $$');
    assert.equal(r.transforms.length, 1);
    detIs(r.transforms[0], () => -2, [[0.5, 0.2]]);
  });

  it('products of constant matrices and columns, and a matrix as a result, are values: no map, no diagnostic', () => {
    const r = analyzeNote(md(
      '$$ \\begin{pmatrix} m \\\\ n \\end{pmatrix} = \\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix} \\begin{pmatrix} 5 \\\\ 6 \\end{pmatrix} $$',
      '',
      '$$ M = \\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix} \\begin{pmatrix} s & 0 \\\\ 0 & t \\end{pmatrix} $$',
      '',
      '$$ (m, n) = (1, 2) $$'));
    assert.equal(r.transforms.length, 0);
    assert.deepEqual(r.diagnostics, []);
  });

  it('sizes that do not match are not a map and not an error', () => {
    const r = analyzeNote('$$ \\begin{pmatrix} m \\\\ n \\end{pmatrix} = \\begin{pmatrix} 1 & 2 & 3 \\\\ 3 & 4 & 5 \\end{pmatrix} \\begin{pmatrix} s \\\\ t \\end{pmatrix} $$');
    assert.equal(r.transforms.length, 0);
    assert.ok(r.diagnostics.every((d) => d.severity === 'info'), JSON.stringify(r.diagnostics));
  });
});
