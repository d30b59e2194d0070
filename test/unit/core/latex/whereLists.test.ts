import * as assert from 'node:assert/strict';
import { analyzeNote, detIs, md } from '../../helpers/latex';

/** "where $\rho = \sqrt{p^2 + q^2}$" in the prose right after a map: a local name, put in. */
describe('LaTeX: a local name defined in the prose after the map', () => {
  // det of (p e^{-ρ}, q e^{-ρ}) with ρ = √(p² + q²): e^{-2ρ} (1 - ρ)
  const expected = (p: number, q: number) => Math.exp(-2 * Math.hypot(p, q)) * (1 - Math.hypot(p, q));
  const points = [[0.3, -0.4], [1.2, 0.5]];

  it('in a sentence after the map (no heading in the note): ρ is put in (was a symbolic constant, det J = e^{-2ρ})', () => {
    const r = analyzeNote(md('A radial damping:', '', '$$g(p, q) = (p\\, e^{-\\rho}, q\\, e^{-\\rho})$$', '', 'where $\\rho = \\sqrt{p^2 + q^2}$ is the distance to the origin.'));
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.transforms.length, 1);
    detIs(r.transforms[0], expected, points);
  });

  it('in a list of where-items after the map', () => {
    const r = analyzeNote(md('$$g(p, q) = (p\\, e^{-\\rho}, q\\, e^{-\\rho})$$', '', 'where:', '- $\\rho = \\sqrt{p^2 + q^2}$: the distance', '- $p, q$: the coordinates'));
    detIs(r.transforms[0], expected, points);
  });

  it('past a heading it is another subject: ρ stays a symbolic constant', () => {
    const r = analyzeNote(md('$$g(p, q) = (p\\, e^{-\\rho}, q\\, e^{-\\rho})$$', '', '## Next', '', 'Here $\\rho = \\sqrt{p^2 + q^2}$ again.'));
    assert.ok(r.transforms[0].freeSymbols.includes('rho'), r.transforms[0].freeSymbols.join());
  });
});
