import * as assert from 'node:assert/strict';
import { analyzeNote, md } from '../../helpers/latex';

/** Notation of real notes that is no formula of a map: no map and no error. */
describe('LaTeX: frames written as prescripts, sets, equations to solve and factorizations stay quiet', () => {
  it('a point carried into the base frame, {}^{0}R_e, is no error (was "a superscript needs something to raise")', () => {
    const r = analyzeNote(md(
      'The gripper tip in the base frame:',
      '',
      '$$\\mathbf{q}_g = \\mathbf{q}_h + {}^{0}R_h \\, \\mathbf{c}$$',
      '',
      'with ${}_{B}\\mathbf{v}$ the velocity seen from frame B.',
    ));
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.transforms.map((t) => t.name), []);
  });

  it('the image of a linear map written as a set, \\{M w : w \\in V\\}, or with \\mid, is no error', () => {
    const r = analyzeNote(md(
      'For $L(\\mathbf{w}) = M\\mathbf{w}$ the range is',
      '',
      '$$\\mathrm{ran}(L) = \\{M\\mathbf{w} : \\mathbf{w} \\in \\mathbb{R}^k\\}$$',
      '',
      '$$\\ker(L) = \\left\\{ \\mathbf{w} \\mid M\\mathbf{w} = 0 \\right\\}$$',
    ));
    assert.deepEqual(r.diagnostics, []);
    assert.ok(r.transforms.every((t) => t.name !== 'ran' && t.name !== 'ker'), r.transforms.map((t) => t.name).join());
  });

  it('an equation to solve for the joints, \\mathbf{g}(\\mathbf{q}) = \\mathbf{p}_d, or a constant pair is no map (was a map with det J = 0)', () => {
    const r = analyzeNote(md(
      'Inverse kinematics looks for the joint angles that reach the target:',
      '',
      '$$\\mathbf{g}(\\mathbf{q}) = \\mathbf{p}_d$$',
      '',
      'and the corner is $C(s, t) = (2, 5)$.',
    ));
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.transforms.map((t) => t.name), []);
  });

  it('a matrix factorization, M = Q R(D + \\mathrm{diag}(v)), is no map of v (was a map with det J = det J)', () => {
    const r = analyzeNote(md(
      'The weight is kept factored,',
      '',
      '$$M = Q R(D + \\mathrm{diag}(v))$$',
      '',
      'with $Q$ a permutation and $R$ unit lower triangular.',
    ));
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.transforms.map((t) => t.name), []);
  });
});
