import * as assert from 'node:assert/strict';
import { call, equal, sym } from '../../../../src/core/math/expr';
import { parsePlainExpr } from '../../../../src/core/parse/plainExpr';
import { analyzeNote, md } from '../../helpers/latex';

/**
 * `g(u; c)`: a semicolon in a call's parentheses puts the parameters after the arguments
 * (a conditioner in a flow, a family of densities). Both are arguments of the function.
 */
describe('LaTeX: arguments with parameters after a semicolon', () => {
  it('a coupling step written v_2 = g(u_2; c(u_1)) beside v_1 = u_1 is a map of u_1, u_2 (was an error at the semicolon)', () => {
    const r = analyzeNote(md(
      'The second half moves by an invertible g whose parameters come from the first half:',
      '',
      '$$v_1 = u_1$$',
      '$$v_2 = g(u_2; c(u_1))$$',
    ));
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.transforms.length, 1);
    const t = r.transforms[0];
    assert.deepEqual(t.variables, ['u1', 'u2']);
    assert.ok(equal(parsePlainExpr(t.components[1]), call('g', sym('u2'), call('c', sym('u1')))), t.components[1]);
  });

  it('an inverse applied with parameters, w_k = g^{-1}(v_k; c_k(v_{1:k-1})), is notation we do not compute: no error', () => {
    const r = analyzeNote(md(
      'Each coordinate is recovered in turn:',
      '',
      '$$w_k = g^{-1}(v_k; c_k(v_{1:k-1}))$$',
      '',
      'and a density of a family, $q(s; m, \\lambda) = \\lambda e^{-\\lambda (s - m)}$, stays a density.',
    ));
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.transforms.map((t) => t.name), []);
  });
});
