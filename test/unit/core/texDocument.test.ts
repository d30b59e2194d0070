import * as assert from 'node:assert/strict';
import { analyzeDocument, languageOfFile, languageOfId } from '../../../src/core/document';
import { lineAfterDefinition } from '../../../src/core/lookup';
import { maskTex, scanTex } from '../../../src/core/parse/texDocument';
import type { TransformReport } from '../../../src/core/report';
import { detAt, valuesAt } from '../helpers/maps';

const tex = (...lines: string[]) => lines.join('\n');
const analyze = (text: string) => analyzeDocument(text, 'latex', 'paper.tex');



/** The text a range covers. */
function covered(text: string, r: TransformReport['range']): string {
  const lines = text.split('\n');
  if (r.start.line === r.end.line) return lines[r.start.line].slice(r.start.character, r.end.character);
  return [lines[r.start.line].slice(r.start.character), ...lines.slice(r.start.line + 1, r.end.line), lines[r.end.line].slice(0, r.end.character)].join('\n');
}

describe('LaTeX documents (.tex): finding math', () => {
  it('is chosen by extension and by VS Code language id', () => {
    assert.equal(languageOfFile('paper.tex'), 'latex');
    assert.equal(languageOfFile('notes/Paper.TEX'), 'latex');
    assert.equal(languageOfId('latex'), 'latex');
  });

  it('finds every display environment, \\[ \\], $$ $$, $ $ and \\( \\), with exact offsets', () => {
    const text = tex(
      'Inline $a = 1$ and \\(b = 2\\) and \\begin{math}c = 3\\end{math}.',
      '\\[ d = 4 \\]',
      '$$ e = 5 $$',
      '\\begin{equation} g = 6 \\end{equation}',
      '\\begin{equation*} h = 7 \\end{equation*}',
      '\\begin{align} i &= 8 \\end{align}',
      '\\begin{align*} j &= 9 \\end{align*}',
      '\\begin{gather} k = 10 \\end{gather}',
      '\\begin{gather*} l = 11 \\end{gather*}',
      '\\begin{multline} m = 12 \\end{multline}',
      '\\begin{multline*} n = 13 \\end{multline*}',
      '\\begin{alignat}{2} o &= 14 \\end{alignat}',
      '\\begin{flalign} p &= 15 \\end{flalign}',
      '\\begin{eqnarray} q &=& 16 \\end{eqnarray}',
      '\\begin{displaymath} r = 17 \\end{displaymath}',
    );
    const { regions } = scanTex(text);
    assert.equal(regions.length, 17);
    assert.deepEqual(regions.map((r) => r.display), [false, false, false, ...new Array(14).fill(true)]);
    for (const r of regions) {
      assert.equal(r.content.length, r.end - r.start, 'content keeps the source length');
      assert.match(r.content, /\d+/);
      const n = /\d+/.exec(r.content)![0];
      assert.equal(text.slice(r.start, r.end).includes(n), true);
    }
    // whole environments go to KaTeX (align reads its own rows); flalign and eqnarray as align
    assert.match(regions.find((r) => r.content.includes('j &='))!.content, /^\\begin\{align\*\}/);
    assert.match(regions.find((r) => r.content.includes('q &=&'))!.content, /^\\begin\{align\} +\n?/);
    assert.equal(text.slice(regions[3].start, regions[3].end), ' d = 4 ');
  });

  it('ignores % comments, verbatim environments, \\verb and \\iffalse … \\fi, but not \\%', () => {
    const text = tex(
      '% $$ a(x, y) = (y, x) $$',
      'Cost: 5\\% % and $$ b(x, y) = (y, x) $$',
      '\\begin{verbatim}', '$$ c(x, y) = (y, x) $$', '\\end{verbatim}',
      '\\begin{lstlisting}', '\\[ d(x, y) = (y, x) \\]', '\\end{lstlisting}',
      '\\verb|$e(x, y) = (y, x)$| and \\verb+$$+',
      '\\iffalse', '\\[ g(x, y) = (y, x) \\]', '\\fi',
      '\\[ h(x, y) = (y, x) % not the end \\]', '\\]',
    );
    const masked = maskTex(text);
    assert.equal(masked.length, text.length);
    assert.ok(masked.includes('5\\%'));
    const r = analyze(text);
    assert.deepEqual(r.transforms.map((t) => t.name), ['h']);
    assert.deepEqual(r.diagnostics, []);
  });

  it('reads a map in each environment a paper uses, with ranges on the source', () => {
    const text = tex(
      '\\documentclass{article}',
      '\\usepackage{amsmath}',
      '\\begin{document}',
      'Polar coordinates:',
      '\\begin{equation}\\label{eq:polar}',
      '  P(r, \\theta) = \\left( r\\cos\\theta, r\\sin\\theta \\right)',
      '\\end{equation}',
      'A shear, split over two lines,',
      '\\begin{multline*}',
      '  S(x, y) = \\bigl( x + 2y, \\\\',
      '  y \\bigr)',
      '\\end{multline*}',
      'and a coupling layer',
      '\\begin{align}',
      "  z_1' &= z_1, \\nonumber \\\\",
      "  z_2' &= z_2 \\exp(z_1) + z_1^2. \\label{eq:coupling}",
      '\\end{align}',
      'Inline: $Q(u, v) = (u + v, u - v)$.',
      '\\end{document}',
    );
    const r = analyze(text);
    assert.deepEqual(r.diagnostics, []);
    const [P, S, C, Q] = r.transforms;
    assert.deepEqual(r.transforms.map((t) => t.name), ['P', 'S', 'f', 'Q']);
    assert.deepEqual(P.variables, ['r', 'theta']);
    detAt(P, [1.5, 0.3], 1.5);
    assert.equal(covered(text, P.nameRange), 'P(r, \\theta)');
    assert.equal(P.range.start.line, 5);
    valuesAt(S, [1, 2], [5, 2]);
    assert.deepEqual(C.variables, ['z1', 'z2']);
    detAt(C, [0.4, -1], Math.exp(0.4));
    assert.equal(C.range.start.line, 13, 'from \\begin{align}');
    assert.equal(C.range.end.line, 15);
    detAt(Q, [1, 2], -2);
    assert.equal(covered(text, Q.range), 'Q(u, v) = (u + v, u - v)');
  });

  it('expands \\newcommand, \\renewcommand, \\DeclareMathOperator and \\def from the preamble', () => {
    const text = tex(
      '\\newcommand{\\R}{\\mathbb{R}}',
      '\\newcommand{\\bx}{\\mathbf{x}}',
      '\\newcommand\\half[1]{\\frac{#1}{2}}',
      '\\newcommand{\\sq}[2][2]{#2^{#1}}',
      '\\renewcommand{\\vec}[1]{\\mathbf{#1}}',
      '\\DeclareMathOperator{\\sech}{sech}',
      '\\DeclareMathOperator*{\\argmax}{arg\\,max}',
      '\\def\\twice#1{2 #1}',
      '\\def\\pair#1#2{\\left(#1, #2\\right)}',
      '\\def\\scale{3}',
      '\\let\\eps\\varepsilon',
      '\\begin{document}',
      '\\begin{equation}',
      '  F(x, y) = \\pair{\\half{x} + \\twice{y}}{\\sq{x} + \\sq[3]{y} \\cdot \\scale}',
      '\\end{equation}',
      '\\[ G(a, b) = \\left( \\tanh(a) + b, \\sech(b) \\right) \\]',
      '\\end{document}',
    );
    const r = analyze(text);
    assert.deepEqual(r.diagnostics, []);
    const [F, G] = r.transforms;
    assert.equal(F.name, 'F');
    valuesAt(F, [2, 0.5], [1 + 1, 4 + 0.125 * 3]);
    // J = [[1/2, 2], [2x, 9y^2]]: det = 9y^2/2 - 4x
    detAt(F, [2, 0.5], 9 * 0.25 / 2 - 8);
    assert.equal(covered(text, F.nameRange), 'F(x, y)');
    assert.equal(G.name, 'G');
    valuesAt(G, [0.3, 0.7], [Math.tanh(0.3) + 0.7, 1 / Math.cosh(0.7)]);
  });

  it('applies a definition to the formulas after it, and a later one replaces it', () => {
    const text = tex(
      '\\newcommand{\\k}{2}',
      '\\[ A(x, y) = (\\k x, y) \\]',
      '\\renewcommand{\\k}{5}',
      '\\[ B(x, y) = (\\k x, y) \\]',
    );
    const [A, B] = analyze(text).transforms;
    detAt(A, [1, 1], 2);
    detAt(B, [1, 1], 5);
  });

  it('reads a formula whose relation is a user macro', () => {
    const text = tex('\\newcommand{\\is}{=}', '\\[ T(x, y) \\is (y, x) \\]');
    const r = analyze(text);
    assert.deepEqual(r.transforms.map((t) => t.name), ['T']);
    detAt(r.transforms[0], [1, 2], -1);
  });

  it('survives runaway macros (bounded expansion) and malformed definitions', function () {
    this.timeout(10000);
    const text = tex(
      '\\def\\loop{\\loop\\loop}',
      '\\newcommand{\\broken}[1]{#1',
      '\\newcommand',
      '\\def\\x',
      '\\[ L(x, y) = (\\loop, y) \\]',
      '\\[ M(x, y) = (y, x) \\]',
    );
    const r = analyze(text);
    assert.ok(r.transforms.some((t) => t.name === 'M'), 'the formula after the bad definitions is still read');
    assert.ok(!r.transforms.some((t) => t.name === 'L'));
  });

  it('does not follow \\input or \\include', () => {
    const r = analyze(tex('\\input{sections/maps}', '\\include{appendix}', '\\[ N(x, y) = (x, -y) \\]'));
    assert.deepEqual(r.transforms.map((t) => t.name), ['N']);
    assert.deepEqual(r.diagnostics, []);
  });

  it('gives ordinary mathematics no diagnostic', () => {
    const text = tex(
      '\\begin{align*}',
      '  p_X(x) &= p_Z(z) \\left| \\det \\frac{\\partial f}{\\partial z} \\right|^{-1}, \\\\',
      '  \\mathcal{L} &= \\sum_{i=1}^N \\log p(x_i)',
      '\\end{align*}',
      'where $x \\in \\mathbb{R}^d$ and $5 < 7$; it costs \\$5 and \\$10.',
    );
    const r = analyze(text);
    assert.deepEqual(r.transforms, []);
    assert.deepEqual(r.diagnostics, []);
  });

  it('points a syntax error in a map at its place', () => {
    const text = tex('intro', '\\begin{equation}', '  f(x, y) = \\left( x^{2, y \\right)', '\\end{equation}');
    const r = analyze(text);
    assert.equal(r.transforms.length, 0);
    assert.equal(r.diagnostics.length, 1);
    assert.equal(r.diagnostics[0].severity, 'error');
    assert.equal(r.diagnostics[0].range.start.line, 2);
  });

  it('scans in linear time: unclosed delimiters many times over', function () {
    this.timeout(20000);
    const n = 20000;
    const text = ['$$ a', '\\[', '\\begin{equation}', '\\(', '$x', '\\newcommand{\\q}{', '{'].map((s) => s.repeat(n)).join('\n') + '\n\\[ W(x, y) = (y, x) \\]';
    const r = analyze(text);
    assert.ok(r.transforms.length <= 1);
  });

  it('inserts J and det J after the environment that holds the map', () => {
    const text = tex('\\begin{align}', "  u' &= u + v, \\\\", "  v' &= v", '\\end{align}', 'Text.');
    const [t] = analyze(text).transforms;
    assert.equal(lineAfterDefinition(text, 'latex', t.range), 4);
  });
});

describe('LaTeX documents (.tex): the note\'s word on a formula is a % comment', () => {
  // (r, α) polar with a shift s, or (r, s) with the angle fixed: the note must say which
  const rotation = (before: string[]) => tex('A shifted circle:', ...before, '\\begin{equation}', '\\begin{split}',
    'u &= r \\cos\\alpha + s, \\\\', 'v &= r \\sin\\alpha - s.', '\\end{split}', '\\end{equation}');

  it('an undecided system suggests a % jacobian: line (LaTeX has no <!-- -->), and its quick fix writes one', () => {
    const r = analyze(rotation([]));
    const info = r.diagnostics.find((d) => /which 2 are the inputs is not clear/.test(d.message));
    assert.ok(info, JSON.stringify(r.diagnostics.map((d) => d.message)));
    assert.match(info.message, /for example % jacobian: inputs /);
    assert.ok(!info.message.includes('<!--'), info.message);
  });

  it('% jacobian: inputs …; constants … right before the formula says the inputs', () => {
    const r = analyze(rotation(['% jacobian: inputs r, \\alpha; constants s']));
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.transforms.length, 1);
    assert.deepEqual(r.transforms[0].variables, ['r', 'alpha']);
    detAt(r.transforms[0], [0.3, -0.4], 0.3);
  });
});
