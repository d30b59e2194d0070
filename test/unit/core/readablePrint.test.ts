/**
 * det J in one line as a person writes it (the CodeLens, the status bar): superscript powers,
 * factors side by side, Greek letters and subscript digits, a true minus sign, √ and |·|. The
 * report's mathjs form stays the one to copy; the readable one is given only where it is
 * printed from the very tree of the det J shown.
 */
import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../../src/core/document';
import { toReadable } from '../../../src/core/math/print';
import { parsePlainExpr } from '../../../src/core/parse/plainExpr';
import { codeLensTitle, statusText } from '../../../src/extension/views/texts';

describe('readable one-line forms', () => {
  const cases: Array<[string, string]> = [
    ['r^2*sin(theta)', 'r² sin(θ)'],
    ['4*(x^2 + y^2)', '4(x² + y²)'],
    ['l1*l2*sin(theta2)', 'l₁l₂ sin(θ₂)'],
    ['-2*x*y', '−2xy'],
    ['3*x^2*y - y^3', '3x²y − y³'],
    ['sqrt(x^2 + y^2)', '√(x² + y²)'],
    ['2*sqrt(x)', '2√x'],
    ['(x + 1)*(x - 1)', '(x + 1)(x − 1)'],
    ['1/(1 + x^2)', '1/(1 + x²)'],
    ['x/(2*y*z)', 'x/(2yz)'],
    ['exp(2*x) - 1', 'exp(2x) − 1'],
    ['sech(u)^2*tanh(v)', 'sech(u)² tanh(v)'],
    ['x^(1/3)', 'x^(1/3)'],
    ['pi*r^2', 'πr²'],
    ['theta_1*x_1', 'θ₁x₁'],
    ['a*b*rate', 'ab rate'],
    ['2*3^x', '2·3^x'],
  ];
  for (const [mathjs, readable] of cases) {
    it(`${mathjs} reads ${readable}`, () => assert.equal(toReadable(parsePlainExpr(mathjs)), readable));
  }

  it("the user's own names: the LaTeX a note writes them in, in plain text", () => {
    assert.equal(toReadable(parsePlainExpr('z1tod^2*k'), { z1tod: 'z_{1:d}' }), 'z_{1:d}² k');
  });

  it('reports carry it beside the mathjs form, and the lens and the status bar show it', () => {
    const note = [
      '```transform', 'sph(r, theta, phi) = (r sin(theta) cos(phi), r sin(theta) sin(phi), r cos(theta))', 'domain: r in [0.1, 2], theta in [0.1, 3], phi in [-3, 3]', '```', '',
      '$$ a(\\theta_1, \\theta_2) = (l_1 \\cos\\theta_1 + l_2 \\cos(\\theta_1 + \\theta_2), l_1 \\sin\\theta_1 + l_2 \\sin(\\theta_1 + \\theta_2)) $$', '',
    ].join('\n');
    const [sph, arm] = analyzeDocument(note, 'markdown', 'maps.md').transforms;
    assert.equal(sph.det, 'r^2*sin(theta)');
    assert.equal(sph.detText, 'r² sin(θ)');
    assert.equal(codeLensTitle(sph), 'Preview · det J = r² sin(θ)');
    assert.equal(statusText(sph), '$(symbol-operator) sph: det J = r² sin(θ)');
    assert.equal(arm.detText, 'l₁l₂ sin(θ₂)');
  });

  it('no readable form where det J is numeric only', () => {
    // a dense 10 x 10 block whose entries all depend on a variable: far too many terms to expand
    const v = Array.from({ length: 10 }, (_, i) => `x${i + 1}`);
    const comps = v.map((x, i) => v.map((u, j) => `${(i * 3 + j * 5) % 7 - 3} ${u}`).join(' + ') + ` + ${x}^3`);
    const t = analyzeDocument(['```transform', `f(${v.join(', ')}) = (${comps.join(', ')})`, '```', ''].join('\n'), 'markdown', 'big.md').transforms[0];
    assert.equal(t.detSymbolic, false);
    assert.equal(t.detText, undefined);
    assert.equal(codeLensTitle(t), 'Preview · det J numeric only');
  });
});
