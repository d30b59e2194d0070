import * as assert from 'node:assert/strict';
import { analyzeNote, md } from '../../helpers/latex';

/** A general autoregressive flow with a primed output: z'_i = τ(z_i; h_i), h_i = c_i(z_{<i}). */
describe('LaTeX: an autoregressive family with a primed output', () => {
  it("z'_i = \\tau(z_i; h_i), h_i = c_i(z_{<i}) is a triangular family, det J = Π ∂τ/∂z_i (was a map of one z_i)", () => {
    const r = analyzeNote(md(
      'An autoregressive flow with transformer $\\tau$ and conditioner $c_i$:',
      '',
      "$$z'_i = \\tau(z_i; \\boldsymbol{h}_i), \\qquad \\boldsymbol{h}_i = c_i(\\mathbf{z}_{<i}).$$",
    ));
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.transforms.length, 1);
    const t = r.transforms[0];
    assert.ok(t.autoregressive, 'an autoregressive family');
    assert.equal(t.variables.length, 3);
    assert.equal(t.structure, 'triangular');
  });
});
