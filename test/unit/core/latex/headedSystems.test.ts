import * as assert from 'node:assert/strict';
import { analyzeNote, componentsAre, detIs, md } from '../../helpers/latex';

describe('LaTeX: a system under a vector name, braces after a function, primed names that are not updates', () => {
  it('reads \\mathbf{w} = \\left\\{ array \\right. and \\mathbf{w} = \\begin{cases} … \\end{cases} as the system of their rows, without a diagnostic', () => {
    const r = analyzeNote(md(
      'The layer, written as one vector:',
      '$$',
      '\\mathbf{w} = \\left\\{ \\begin{array}{ll} w_1 = p \\\\ w_2 = q\\, e^{\\sin p} + p^3 \\end{array} \\right.',
      '$$',
      'and a shear, the same way:',
      '$$ \\mathbf{h} = \\begin{cases} h_1 = a + b^2 \\\\ h_2 = 3 b \\end{cases} $$',
    ));
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.transforms.map((t) => t.variables), [['p', 'q'], ['a', 'b']]);
    componentsAre(r.transforms[0], ['p', 'q exp(sin(p)) + p^3']);
    detIs(r.transforms[0], (p) => Math.exp(Math.sin(p)), [[0.3, -0.2], [1.1, 0.5]]);
    detIs(r.transforms[1], () => 3, [[0.3, -0.2]]);
  });

  it('reads the blocks of a coupling layer under a bold head (index ranges)', () => {
    const r = analyzeNote(md(
      '$$ \\mathbf{v} = \\left\\{ \\begin{array}{ll} v_{1:k} = u_{1:k} \\\\ v_{k+1:N} = u_{k+1:N} + m(u_{1:k}) \\end{array} \\right. $$',
    ));
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.transforms.map((t) => t.variables), [['u_1tok', 'u_k1toN']]);
    assert.equal(r.transforms[0].invertibility.verdict, 'invertible');
  });

  it('braces after a function that hold more than its parenthesized argument only group: \\exp{(2p) + p^2} is exp(2p) + p^2', () => {
    const r = analyzeNote(md(
      '$$ w_1 = p, \\quad w_2 = q\\, \\exp{(2p) + p^2} $$',
      '',
      'and braces around the whole argument stay its argument:',
      '',
      '$$ s_1 = \\exp{(a + b)}, \\quad s_2 = \\sin{b} $$',
    ));
    assert.equal(r.transforms.length, 2);
    componentsAre(r.transforms[0], ['p', 'q exp(2 p) + p^2']);
    detIs(r.transforms[0], (p) => Math.exp(2 * p), [[0.3, -0.2], [1.1, 0.5]]);
    componentsAre(r.transforms[1], ['exp(a + b)', 'sin(b)']);
  });

  it('a primed name whose formula does not use its unprimed name is not read as an update of it (no map with det J = 0)', () => {
    const r = analyzeNote(md(
      'Going back:',
      '$$\\begin{align*}',
      "u'_{1:k} &= v _{1:k} \\\\",
      "u' _{k+1:N} &= (v _{k+1:N} - b(v _{1:k})) \\odot \\exp(-a(v _{1:k}))",
      '\\end{align*}$$',
    ));
    for (const t of r.transforms) assert.ok(t.variables.every((v) => !/^u_/.test(v)), `read as a map of ${t.variables.join(', ')}: ${t.components.join(', ')}`);
    assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning'), []);
  });
});
