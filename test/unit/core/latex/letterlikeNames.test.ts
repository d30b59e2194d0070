import * as assert from 'node:assert/strict';
import { analyzeNote, componentsAre, detIs, md } from '../../helpers/latex';

/* \ell and \hbar are symbols KaTeX gives as textord, not letters; notes use them as names. */
describe('letter-like symbols (\\ell, \\hbar) are names', () => {
  it('a two-link arm with lengths \\ell_1, \\ell_2 is a map of the angles, the lengths constants', () => {
    const r = analyzeNote(md(
      'A planar arm with links of length $\\ell_1$ and $\\ell_2$:',
      '$$ p_x = \\ell_1\\cos\\phi_1 + \\ell_2\\cos(\\phi_1 + \\phi_2), \\qquad p_y = \\ell_1\\sin\\phi_1 + \\ell_2\\sin(\\phi_1 + \\phi_2) $$',
    ));
    assert.equal(r.diagnostics.length, 0, r.diagnostics.map((p) => p.message).join('; '));
    assert.equal(r.transforms.length, 1);
    const [t] = r.transforms;
    assert.deepEqual(t.variables, ['phi1', 'phi2']);
    componentsAre(t, ['ell1*cos(phi1) + ell2*cos(phi1 + phi2)', 'ell1*sin(phi1) + ell2*sin(phi1 + phi2)'], { ell1: 0.7, ell2: 1.9 });
    detIs(t, (_a, b) => 0.7 * 1.9 * Math.sin(b), [[0.2, 0.9], [-1.1, 0.4]], { ell1: 0.7, ell2: 1.9 });
  });

  it('a column with \\ell in its entries gives no error', () => {
    const r = analyzeNote(md(
      '$$ \\mathbf{g}(\\mathbf{s}) = \\begin{pmatrix} \\ell\\, s_1 \\cos s_2 \\\\ \\ell\\, s_1 \\sin s_2 \\end{pmatrix} $$',
    ));
    assert.equal(r.diagnostics.length, 0, r.diagnostics.map((p) => p.message).join('; '));
    assert.equal(r.transforms.length, 1);
    detIs(r.transforms[0], (s1) => 2.5 * 2.5 * s1, [[0.6, 0.3], [1.4, -0.8]], { ell: 2.5 });
  });

  it('\\hbar is a typical constant: a system in it is a map of the other names', () => {
    const r = analyzeNote('$$ u = \\hbar\\, k_1 + k_2, \\qquad w = k_1 k_2 $$');
    assert.equal(r.diagnostics.length, 0, r.diagnostics.map((p) => p.message).join('; '));
    assert.equal(r.transforms.length, 1);
    assert.deepEqual(r.transforms[0].variables, ['k1', 'k2']);
    detIs(r.transforms[0], (k1, k2) => 1.3 * k1 - k2, [[0.5, 0.2], [-0.7, 1.1]], { hbar: 1.3 });
  });
});
