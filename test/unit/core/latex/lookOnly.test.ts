import * as assert from 'node:assert/strict';
import { analyzeNote, componentsAre, detIs, md } from '../../helpers/latex';

/** Markup that changes only the look, and probability notation next to maps: read as a reader reads them. */
describe('LaTeX: colour switches, annotation columns and conditional bars', () => {
  it('a colour switch before a braced piece that starts with an operator highlights it: a ⊙ b, not an error', () => {
    const r = analyzeNote(md(
      '$$',
      '\\begin{aligned}',
      'm &= a \\color{red}{\\odot e^{b}} \\\\',
      'n &= b \\textcolor{blue}{+ a}',
      '\\end{aligned}',
      '$$',
    ));
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.transforms.length, 1);
    assert.deepEqual(r.transforms[0].variables, ['a', 'b']);
    // J = [[e^b, a e^b], [1, 1]]
    detIs(r.transforms[0], (a, b) => Math.exp(b) - a * Math.exp(b), [[0.4, 0.7], [-1.1, 0.2]]);
  });

  it('braces and boxes that label or mark a piece are read as the piece: \\underbrace, \\overbrace, \\boxed, \\cancel, \\colorbox', () => {
    const r = analyzeNote(md(
      '$$',
      'h(p, q) = \\left( 2\\underbrace{p + q^2}_{\\text{shifted}}, \\; \\overbrace{p\\, q}^{\\text{product}} + \\boxed{q} + \\cancel{0} + \\colorbox{yellow}{$p$} \\right)',
      '$$',
    ));
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.transforms.length, 1);
    // the brace groups: 2(p + q^2), not 2p + q^2; J = [[2, 4q], [q + 1, p + 1]]
    componentsAre(r.transforms[0], ['2*(p + q^2)', 'p*q + q + p']);
    detIs(r.transforms[0], (p, q) => 2 * (p + 1) - 4 * q * (q + 1), [[0.4, 0.7], [-1.1, 0.2]]);
  });

  it('a word in \\text before a parenthesis names a function; a divergence D(p ‖ q) is quiet', () => {
    const r = analyzeNote(md(
      '$$ h(p, q) = \\left(\\text{Gate}(p) + q, \\; q\\right) $$',
      '',
      '$$ V(G) = -\\log 4 + 2 \\cdot \\text{JS}(p_{\\text{data}} \\| p_G) $$',
    ));
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.transforms.map((t) => t.variables), [['p', 'q']]);
    assert.match(r.transforms[0].det ?? '', /Gate'\(p\)/);
  });

  it('a network layer with a highlighted mask is ordinary math: no error', () => {
    const r = analyzeNote(md(
      '$$',
      '\\mathbf{o} = \\tanh((\\mathbf{A} \\color{red}{\\odot \\mathbf{M}}) \\mathbf{o}_{\\text{prev}} + \\mathbf{c})',
      '$$',
    ));
    assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning'), []);
  });

  it('a column of small-type notes beside aligned equations is a comment, not part of the formula', () => {
    const r = analyzeNote(md(
      '$$',
      '\\begin{aligned}',
      'm &= a + b^3 & \\scriptstyle{\\text{; the cubic part}} \\\\',
      'n &= a - b & \\scriptstyle{\\text{; a shear}}',
      '\\end{aligned}',
      '$$',
    ));
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.transforms.length, 1);
    detIs(r.transforms[0], (_a, b) => -3 * b * b - 1, [[0.5, 0.9]]);
  });

  it('a value defined as a conditional probability p(a | b) is quiet; an absolute value still reads', () => {
    for (const note of [
      '$$ \\hat{w}_j = p(w_j \\vert w_{1:j-1}) $$',
      '$$ r_k = q(s_k \\mid s_{k-1}, c) $$',
    ]) {
      const r = analyzeNote(note);
      assert.deepEqual(r.diagnostics, [], note);
      assert.equal(r.transforms.length, 0, note);
    }
    const abs = analyzeNote('$$ m = a\\,|b|, \\quad n = b $$');
    assert.equal(abs.transforms.length, 1);
    detIs(abs.transforms[0], (_a, b) => Math.abs(b), [[0.3, -0.8], [1.2, 0.5]]);
  });

  it('a bar left open at the start of a formula is still a syntax error in a map', () => {
    const r = analyzeNote('$$ f(a, b) = (|a + b, a - b) $$');
    assert.equal(r.transforms.length, 0);
    assert.ok(r.diagnostics.some((d) => /never closed/.test(d.message)), JSON.stringify(r.diagnostics));
  });
});

describe('LaTeX: function names written without a backslash', () => {
  it('ln(u) and r cos θ written as plain letters are the functions a reader sees', () => {
    const r = analyzeNote(md(
      '$$ m = \\sqrt{-2\\,ln(a)}, \\quad n = 2\\pi\\, b $$',
      '',
      'Then',
      '',
      '$$ p = m\\,cos\\theta, \\quad q = m\\,sin\\theta $$',
    ));
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.transforms.length, 2);
    const [first, second] = r.transforms;
    assert.deepEqual(first.variables, ['a', 'b']);
    // dm/da = -1/(a sqrt(-2 ln a)), dn/db = 2π
    detIs(first, (a) => -2 * Math.PI / (a * Math.sqrt(-2 * Math.log(a))), [[0.3, 0.5], [0.7, 0.1]]);
    assert.deepEqual(second.variables, ['m', 'theta']);
    detIs(second, (m) => m, [[0.3, 0.5], [1.7, 2.1]]);
  });

  it('two letters l n before nothing stay a product of names', () => {
    const r = analyzeNote('$$ p = a\\,ln, \\quad q = b $$');
    assert.ok(r.diagnostics.every((d) => d.severity === 'info'));
  });
});

describe('LaTeX: a letter before a parenthesized sum', () => {
  it('a constant-like letter (a, b, c, k) before a sum is a factor: the linear coupling x + a(y - x)', () => {
    const r = analyzeNote("$$ p' = p + a(q - p), \\quad q' = q + b(p - q) $$");
    assert.deepEqual(r.diagnostics, []);
    const [t] = r.transforms;
    assert.deepEqual(t.variables, ['p', 'q']);
    detIs(t, () => 1 - 0.3 - 0.6, [[0.4, 1.2], [2, -1]], { a: 0.3, b: 0.6 });
  });

  it('any one letter set apart from the sum by a space is a factor; written against it, a function', () => {
    const spaced = analyzeNote("$$ p' = p + w (p - q), \\quad q' = q $$");
    detIs(spaced.transforms[0], () => 1 + 0.5, [[0.4, 1.2]], { w: 0.5 });
    const call = analyzeNote("$$ p' = p + w(p - q), \\quad q' = q $$");
    // w(p - q) is an unknown function: det J = 1 + w'(p - q)
    assert.match(call.transforms[0].det, /w'/);
  });

  it('a coupling function applied to a block stays a function', () => {
    const r = analyzeNote("$$ p' = p, \\quad q' = q + t(p) $$");
    assert.match(JSON.stringify(r.transforms[0].components), /t\(p\)/);
  });
});
