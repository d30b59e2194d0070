import * as assert from 'node:assert/strict';
import { size } from '../../../../src/core/math/expr';
import { parsePlainExpr } from '../../../../src/core/parse/plainExpr';
import type { TransformReport } from '../../../../src/core/report';
import { analyzeNote, componentsAre, detIs, md } from '../../helpers/latex';

/** Each component equals the reader's form at a few points and is no longer than it (node count). */
function readsAs(t: TransformReport, forms: readonly string[], symbols: Record<string, number> = {}): void {
  componentsAre(t, forms, symbols);
  t.components.forEach((c, i) => assert.ok(size(parsePlainExpr(c)) <= size(parsePlainExpr(forms[i])), `${c} is longer than ${forms[i]}`));
}

/** Forms found in notes written by others: read as a careful reader does, printed as a person writes them. */
describe('LaTeX: forms of notes by other people, and their results as a reader writes them', () => {
  it('a complex map expanded collects like terms (x y + y x is 2 x y): z^3 is (x^3 - 3 x y^2, 3 x^2 y - y^3)', () => {
    const r = analyzeNote(md('Put $z = x + iy$.', '', '$$c(z) = z^3$$', '', '$$h(z) = (z + 1)(z - 1)$$'));
    const [c, h] = r.transforms;
    readsAs(c, ['x^3 - 3*x*y^2', '3*x^2*y - y^3']);
    readsAs(h, ['x^2 - y^2 - 1', '2*x*y']);
  });

  it('a radius given by its square, put in: r^2 reads x^2 + y^2, never sqrt(x^2 + y^2)^2', () => {
    const r = analyzeNote(md('Let $r^2 = u^2 + v^2$. The radial warp', '', '$$u_d = u (1 + a r^2 + b r^4), \\quad v_d = v (1 + a r^2 + b r^4)$$'));
    assert.equal(r.transforms.length, 1);
    const s = '(u^2 + v^2)';
    readsAs(r.transforms[0], [`u*(1 + a*${s} + b*${s}^2)`, `v*(1 + a*${s} + b*${s}^2)`], { a: 0.3, b: 0.2 });
    assert.ok(!r.transforms[0].components.join().includes('sqrt'), r.transforms[0].components.join());
  });

  it('w = z^2 and its restatement u = x^2 - y^2, v = 2xy in the same note are one map', () => {
    const r = analyzeNote(md('Write $z = x + iy$ and consider', '', '$$w = z^2.$$', '', 'In real terms,', '', '$$u = x^2 - y^2, \\qquad v = 2xy.$$'));
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.transforms.length, 1, r.transforms.map((t) => t.components.join()).join(' | '));
    assert.deepEqual(r.transforms[0].variables, ['x', 'y']);
    assert.equal(r.transforms[0].range.start.line, 2);
    detIs(r.transforms[0], (x, y) => 4 * (x * x + y * y), [[0.3, 0.6]]);
  });

  it('an inline polar map and the same system in an align block: one map, the display one', () => {
    const r = analyzeNote(md(
      'The polar map sends $(r, \\theta)$ to $x = r\\cos\\theta$, $y = r\\sin\\theta$. Written out:',
      '',
      '$$\\begin{aligned} x &= r \\cos\\theta \\\\ y &= r \\sin\\theta \\end{aligned}$$',
    ));
    assert.equal(r.transforms.length, 1);
    assert.equal(r.transforms[0].range.start.line, 2);
    assert.equal(r.transforms[0].name, 'f');
    detIs(r.transforms[0], (rr) => rr, [[0.7, 0.3]]);
  });

  it('two different maps of the same variables stay two (a map and its square)', () => {
    const r = analyzeNote(md('$$u = x + y, \\quad v = x - y$$', '', 'and', '', '$$p = x y, \\quad q = x - y$$'));
    assert.equal(r.transforms.length, 2);
  });

  it('a cases component inside a system without a head: a piecewise map of the names left', () => {
    const r = analyzeNote(md('$$u = s + t, \\quad v = \\begin{cases} s - t & s > t \\\\ 0 & \\text{otherwise} \\end{cases}$$'));
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.transforms.length, 1);
    const [t] = r.transforms;
    assert.deepEqual(t.variables, ['s', 't']);
    assert.equal(t.pieces?.length, 2);
    const [a, b] = t.pieces!;
    assert.deepEqual([a.det, b.det].map((d) => parsePlainExpr(d)), [parsePlainExpr('-2'), parsePlainExpr('0')]);
  });

  it('a rotation by α, undecided before: x, y are the inputs (each times a function of α), α a constant', () => {
    for (const shift of ['', ' + a']) {
      const r = analyzeNote(md(`$$u = x\\cos\\alpha - y\\sin\\alpha${shift}, \\quad v = x\\sin\\alpha + y\\cos\\alpha$$`));
      assert.deepEqual(r.diagnostics, [], shift);
      assert.equal(r.transforms.length, 1, shift);
      assert.deepEqual(r.transforms[0].variables, ['x', 'y'], shift);
      detIs(r.transforms[0], () => 1, [[0.3, 0.6]], { alpha: 0.4, ...(shift ? { a: 1 } : {}) });
    }
    // a shifted circle is still a question: (r, α) or (r, s)?
    const q = analyzeNote(md('$$u = r\\cos\\alpha + s, \\quad v = r\\sin\\alpha - s$$'));
    assert.equal(q.transforms.length, 0);
    assert.ok(q.diagnostics.some((d) => /are the inputs is not clear/.test(d.message)));
  });

  it('u + iv = e^x(\\cos y + i\\sin y): a map written in its real and imaginary parts', () => {
    const r = analyzeNote(md('The exponential in parts:', '', '$$u + iv = e^x(\\cos y + i \\sin y)$$'));
    assert.equal(r.transforms.length, 1);
    assert.deepEqual(r.transforms[0].variables, ['x', 'y']);
    detIs(r.transforms[0], (x) => Math.exp(2 * x), [[0.3, 0.6]]);
    // Euler's formula has no names on its left: not a map
    assert.equal(analyzeNote('$$e^{i\\theta} = \\cos\\theta + i\\sin\\theta$$').transforms.length, 0);
  });

  it('an inline map of one variable applied as Y = g(X), or in a note on a change of variables, is a map of R^1', () => {
    const applied = analyzeNote('Let $g(x) = e^x$ and $Y = g(X)$.');
    assert.deepEqual(applied.transforms.map((t) => t.variables), [['x']]);
    detIs(applied.transforms[0], (x) => Math.exp(x), [[0.3]]);
    const topic = analyzeNote(md('# A change of variables in one dimension', '', 'The map $h(t) = t^3 + t$ is increasing.'));
    assert.deepEqual(topic.transforms.map((t) => t.variables), [['t']]);
    // elsewhere an inline function of one variable is a mention, and one called inside a formula a helper
    assert.equal(analyzeNote('The map $h(t) = t^3 + t$ is increasing.').transforms.length, 0);
    assert.equal(analyzeNote(md('# A change of variables', '', 'With $s(t) = \\tanh t$,', '', "$$x' = x + s(y), \\quad y' = y$$")).transforms.length, 1);
  });

  it('a loss, a cost or an energy of one variable is a number to minimise, not a map of R^1, inline or displayed', () => {
    const note = (s: string) => md('# A change of variables, and a fit', '', s);
    for (const s of [
      'The fit minimises $L(\\theta) = \\frac12\\|y - X\\theta\\|^2$ over $\\theta$.',
      '$$ \\mathcal{L}(w) = \\lVert w \\rVert^2 + \\lambda w $$',
      '$$ E(t) = \\frac{1}{2} m v(t)^2 $$',
      '$$ \\ell(x) = \\log(1 + e^{x}) $$',
      '$$ g(r) = \\|r\\|^2 $$',
    ]) {
      const r = analyzeNote(note(s));
      assert.deepEqual([r.transforms.map((t) => t.name), r.diagnostics], [[], []], s);
    }
    // in a note on a change of variables, an inline function is a map when the words before it say so
    const flows = analyzeNote(md('# Flows and the change of variables', '',
      'The softplus $\\zeta(x) = \\log(1 + e^x)$ keeps scales positive, the activation is $\\sigma(a) = \\frac{1}{1 + e^{-a}}$',
      'and the step size decays as $\\eta(t) = \\eta_0 e^{-\\lambda t}$; the exponential map $g(x) = e^x$ is the simplest flow.'));
    assert.deepEqual(flows.transforms.map((t) => t.name), ['g']);
    // the same names applied as a change of variables (Y = L(X)), and an ordinary 1-D map, are maps
    assert.equal(analyzeNote(note('$$ L(x) = x^3 + x, \\quad Y = L(X) $$')).transforms.length, 1);
    assert.equal(analyzeNote(note('$$ h(x) = \\frac{1}{1 + e^{-x}} $$')).transforms.length, 1);
  });
});
