import * as assert from 'node:assert/strict';
import { analyzeNote, detIs, md } from '../../helpers/latex';

/** Choosing the inputs of a system without a head: signs of constants, marked outputs, values elsewhere, relations. */
describe('LaTeX: the inputs of a system, as a careful reader picks them', () => {
  it('"link lengths $l_1, l_2 > 0$" before an arm: the angles are the inputs, not the lengths (was a map of l1, l2)', () => {
    const r = analyzeNote(md(
      'A two-link arm with link lengths $l_1, l_2 > 0$ and joint angles $\\theta_1, \\theta_2$:',
      '',
      '$$\\begin{aligned} x &= l_1 \\cos\\theta_1 + l_2 \\cos(\\theta_1 + \\theta_2) \\\\ y &= l_1 \\sin\\theta_1 + l_2 \\sin(\\theta_1 + \\theta_2) \\end{aligned}$$',
    ));
    assert.equal(r.transforms.length, 1);
    assert.deepEqual(r.transforms[0].variables, ['theta1', 'theta2']);
    detIs(r.transforms[0], (_a: number, b: number) => 2 * 3 * Math.sin(b), [[0.3, 0.7]], { l1: 2, l2: 3 });
  });

  it('outputs marked like their inputs (x_d, y_d of x, y) with r^2 = x^2 + y^2 given before: barrel distortion', () => {
    const r = analyzeNote(md(
      'With $r^2 = x^2 + y^2$,',
      '',
      '$$x_d = x (1 + k_1 r^2), \\quad y_d = y (1 + k_1 r^2)$$',
    ));
    assert.equal(r.transforms.length, 1);
    assert.deepEqual(r.transforms[0].variables, ['x', 'y']);
    // det = (1 + k s)(1 + 3 k s), s = x^2 + y^2
    detIs(r.transforms[0], (x: number, y: number) => { const s = x * x + y * y; return (1 + 0.5 * s) * (1 + 1.5 * s); }, [[0.3, 0.7]], { k1: 0.5 });
  });

  it('$x = 3$ elsewhere in the note does not stop x = r\\cos\\theta from being an output', () => {
    const r = analyzeNote(md('Take $x = 3$ for now.', '', 'With $x = r\\cos\\theta$, $y = r\\sin\\theta$ the area element is $r$.'));
    assert.equal(r.transforms.length, 1);
    assert.deepEqual(r.transforms[0].variables, ['r', 'theta']);
  });

  it('an output kept as is (z = z) beside a scale b before fractions: the carried coordinate is an input, b a constant', () => {
    const r = analyzeNote(md(
      'Two-centre coordinates of space:',
      '',
      '$$\\begin{aligned} x &= b \\frac{\\sinh\\eta}{\\cosh\\eta + \\cos\\xi} \\\\ y &= b \\frac{\\sin\\xi}{\\cosh\\eta + \\cos\\xi} \\\\ z &= z \\end{aligned}$$',
    ));
    assert.equal(r.transforms.length, 1);
    assert.deepEqual(r.transforms[0].variables, ['eta', 'xi', 'z']);
    // det J = b^2 / (cosh η + cos ξ)^2 (z carried over), b = 2
    detIs(r.transforms[0], (e: number, x: number) => 4 / (Math.cosh(e) + Math.cos(x)) ** 2, [[0.3, 0.7, 0.1], [1.1, -0.4, 2]], { b: 2 });
  });

  it('the order of the inputs the prose states, a bare tuple or a domain, wins over the order of appearance', () => {
    const bare = analyzeNote(md('A shear of the state $(p, q)$:', '', '$$ u = q + p^2, \\quad v = 2p $$'));
    assert.deepEqual(bare.transforms.map((t) => t.variables), [['p', 'q']]);
    detIs(bare.transforms[0], () => -2, [[0.3, 0.7]]);
    const domain = analyzeNote(md('For $(r, \\theta) \\in (0, 1) \\times (0, \\pi)$,', '', '$$ u = \\theta r^2, \\quad v = r \\cos\\theta $$'));
    assert.deepEqual(domain.transforms.map((t) => t.variables), [['r', 'theta']]);
    detIs(domain.transforms[0], (r, t) => -r * r * (2 * t * Math.sin(t) + Math.cos(t)), [[0.3, 0.7]]);
    // no tuple stated: the order of appearance
    const plain = analyzeNote('$$ u = q + p^2, \\quad v = 2p $$');
    assert.deepEqual(plain.transforms.map((t) => t.variables), [['q', 'p']]);
  });

  it('the Cauchy–Riemann equations u_x = v_y, u_y = -v_x are relations, not a map', () => {
    const r = analyzeNote('They satisfy $u_x = v_y$, $u_y = -v_x$ everywhere.');
    assert.deepEqual(r.transforms, []);
    assert.deepEqual(r.diagnostics, []);
  });
});
