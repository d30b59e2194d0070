import * as assert from 'node:assert/strict';
import { analyzeNote } from '../../helpers/latex';

/* The prose may name a formula's matrix kind ("Householder: z' = H z"); the identity is never that matrix. */
describe('LaTeX vectors: a kind named in the prose and the identity', () => {
  for (const formula of [
    '(\\mathbf{I} - 2\\mathbf{v}\\mathbf{v}^\\top / \\|\\mathbf{v}\\|^2)\\mathbf{x}',
    '\\left(\\mathbf{I} - \\frac{2\\mathbf{v}\\mathbf{v}^\\top}{\\|\\mathbf{v}\\|^2}\\right)\\mathbf{x}',
  ]) {
    it(`"Householder:" before ${formula}: the rank-one update with det J = -1, I is the identity`, () => {
      const r = analyzeNote(`A Householder reflection: $R(\\mathbf{x}) = ${formula}$.`);
      assert.equal(r.transforms.length, 1);
      const t = r.transforms[0];
      assert.equal(Number(t.det), -1, t.det);
      assert.ok(!(t.assumed ?? []).some((a) => /\bI\b/.test(a)), `assumed: ${t.assumed}`);
    });
  }

  it('a bare matrix named Householder in the prose still gets its kind: det J = -1', () => {
    const r = analyzeNote("Householder: $\\mathbf{z}' = \\mathbf{H}\\mathbf{z}$.");
    assert.equal(r.transforms.length, 1);
    assert.equal(Number(r.transforms[0].det), -1, r.transforms[0].det);
  });
});
