import * as assert from 'node:assert/strict';
import { analyzeNote, detIs, md } from '../../helpers/latex';

/** Cells of one row (`&`) that hold equations of their own: gather's & aligns nothing, aligned's pairs. */
describe('LaTeX: equations in the cells of one row', () => {
  it('gather* with & between two equations is two equations (was no map, silently)', () => {
    const r = analyzeNote(md(
      'Polar coordinates:',
      '',
      '$$\\begin{gather*}',
      'x = r\\cos\\theta & y = r\\sin\\theta',
      '\\end{gather*}$$',
    ));
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.transforms.length, 1);
    assert.deepEqual(r.transforms[0].variables, ['r', 'theta']);
    detIs(r.transforms[0], (rr: number) => rr, [[0.7, 0.3], [1.5, -2]]);
  });

  it('three equations in one gather row inside \\[ \\] (spherical coordinates)', () => {
    const r = analyzeNote(md(
      '\\[',
      '\\begin{gather}',
      'x = \\rho\\sin\\theta\\cos\\phi & y = \\rho\\sin\\theta\\sin\\phi & z = \\rho\\cos\\theta',
      '\\end{gather}',
      '\\]',
    ));
    assert.equal(r.transforms.length, 1);
    assert.deepEqual(r.transforms[0].variables, ['rho', 'theta', 'phi']);
    detIs(r.transforms[0], (p: number, t: number) => p * p * Math.sin(t), [[0.7, 0.3, 1], [1.5, 2, -1]]);
  });

  it("aligned's pairs u &= … & v &= … in one row are two equations", () => {
    const r = analyzeNote(md(
      '$$\\begin{aligned} u &= x + y & v &= x - y \\end{aligned}$$',
    ));
    assert.equal(r.transforms.length, 1);
    assert.deepEqual(r.transforms[0].variables, ['x', 'y']);
    detIs(r.transforms[0], () => -2, [[0.7, 0.3]]);
  });

  it('a piece and its condition stay one row of a cases map', () => {
    const r = analyzeNote(md(
      '$$ g(u) = \\begin{cases} u^2 & u > 0 \\\\ -u & u \\le 0 \\end{cases} $$',
    ));
    assert.equal(r.transforms.length, 1);
    assert.equal(r.transforms[0].pieces?.length, 2);
  });
});
