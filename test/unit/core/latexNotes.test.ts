import * as assert from 'node:assert/strict';
import katex from 'katex';
import { analyzeDocument, parseDocument } from '../../../src/core/document';
import { parseLatexMarkdown } from '../../../src/core/parse/latex';
import { findMath, maskMarkdown } from '../../../src/core/parse/latex/detect';
import { compileClosure } from '../../../src/core/math/numeric';
import { parsePlainExpr } from '../../../src/core/parse/plainExpr';
import { toMathjs } from '../../../src/core/math/print';
import type { TransformReport } from '../../../src/core/report';

const md = (...lines: string[]) => lines.join('\n');

function analyze(text: string) {
  return analyzeDocument(text, 'markdown', 'note.md');
}

/** The only transform of a note, with no diagnostics. */
function only(text: string): TransformReport {
  const r = analyze(text);
  assert.deepEqual(r.diagnostics, [], JSON.stringify(r.diagnostics));
  assert.equal(r.transforms.length, 1, `transforms: ${r.transforms.map((t) => t.name).join(', ')}`);
  return r.transforms[0];
}

/** det J (mathjs syntax) against a reference function at a few points. */
function detIs(t: TransformReport, ref: (...x: number[]) => number, points: number[][]): void {
  const f = compileClosure(parsePlainExpr(t.det), t.variables);
  for (const p of points) {
    const v = f(p), r = ref(...p);
    assert.ok(Math.abs(v - r) <= 1e-9 * Math.max(1, Math.abs(r)), `det ${t.det} at ${p}: ${v}, expected ${r}`);
  }
}

const renders = (tex: string) => katex.renderToString(tex, { throwOnError: true, trust: false, displayMode: true });

describe('LaTeX in Markdown: finding math', () => {
  it('finds $$ … $$, \\[ … \\], $ … $ and \\( … \\), indented too', () => {
    const text = md('Text $a = 1$ and \\(b = 2\\).', '', '$$', 'x = 1', '$$', '', '- item', '  \\[', '  y = 2', '  \\]', '', '$$ z = 3 $$');
    const segs = findMath(maskMarkdown(text));
    assert.deepEqual(segs.map((s) => [s.display, s.content.trim()]), [[false, 'a = 1'], [false, 'b = 2'], [true, 'x = 1'], [true, 'y = 2'], [true, 'z = 3']]);
    for (const s of segs) assert.equal(text.slice(s.start, s.end), s.content);
  });

  it('skips front matter, code fences, inline code, HTML comments, wiki links and prices', () => {
    const text = md('---', 'title: $f(x, y) = (x, y)$', '---', '```', '$$ g(x, y) = (x, y) $$', '```', '`$$ h(x, y) = (x, y) $$`',
      '<!-- $$ k(x, y) = (x, y) $$ -->', '[[a note about $m(x, y) = (x, y)$]]', 'It costs $5 and $10.', '$$ p(x, y) = (y, x) $$');
    const segs = findMath(maskMarkdown(text));
    assert.deepEqual(segs.map((s) => s.content.trim()), ['p(x, y) = (y, x)']);
    // a lone backtick does not hide the math of later paragraphs
    assert.equal(findMath(maskMarkdown(md('it`s', '', '$$ x = 1 $$', '', 'and ` here'))).length, 1);
    const t = only(text);
    assert.equal(t.name, 'p');
  });
});

describe('LaTeX in Markdown: maps', () => {
  it('f(x, y) = \\left( …, … \\right), with the user\'s names in LaTeX', () => {
    const t = only(md('$$', 'f(r, \\theta) = \\left( r\\cos\\theta, \\; r\\sin\\theta \\right)', '$$'));
    assert.equal(t.name, 'f');
    assert.deepEqual(t.variables, ['r', 'theta']);
    assert.equal(t.notation, 'latex');
    detIs(t, (r) => r, [[1, 2], [0.5, -1]]);
    assert.deepEqual(t.latex.variables, ['r', '\\theta']);
    assert.ok(t.latex.jacobian.flat().some((s) => s.includes('\\theta')), JSON.stringify(t.latex.jacobian));
    for (const s of [...t.latex.jacobian.flat(), t.latex.det, t.detLatex, ...t.latex.components]) renders(s);
  });

  it('a multi-letter name before parentheses, \\operatorname and \\mathrm names', () => {
    for (const [head, tex] of [['polar', '\\operatorname{polar}'], ['\\operatorname{polar}', '\\operatorname{polar}'], ['\\mathrm{polar}', '\\mathrm{polar}']]) {
      const t = only(md('$$', `${head}(r, \\phi) = (r\\cos\\phi, r\\sin\\phi)`, '$$'));
      assert.equal(t.name, 'polar');
      assert.equal(t.latex.name, tex);
    }
  });

  it('pmatrix, bmatrix and column vectors, with a full stop after them', () => {
    for (const env of ['pmatrix', 'bmatrix', 'Bmatrix']) {
      const t = only(md('\\[', `g(x, y) = \\begin{${env}} x^2 - y^2 \\\\ 2xy \\end{${env}}.`, '\\]'));
      assert.deepEqual(t.components, ['x^2 - y^2', '2*x*y']);
      detIs(t, (x, y) => 4 * (x * x + y * y), [[1, 2], [-0.5, 0.3]]);
    }
    const t = only(md('$$', 'g(x, y) = \\left( \\begin{array}{c} x + y \\\\ x - y \\end{array} \\right)', '$$'));
    assert.equal(t.det, '-2');
  });

  it('systems in aligned, cases, gathered, array and \\\\-separated lines', () => {
    const forms = [
      md('$$', '\\begin{aligned}', "x' &= x \\cos\\alpha - y \\sin\\alpha \\\\", "y' &= x \\sin\\alpha + y\\cos\\alpha", '\\end{aligned}', '$$'),
      md('$$', "\\begin{cases} x' = x \\cos\\alpha - y \\sin\\alpha \\\\ y' = x \\sin\\alpha + y\\cos\\alpha \\end{cases}", '$$'),
      md('$$', "\\begin{gathered} x' = x \\cos\\alpha - y \\sin\\alpha \\\\ y' = x \\sin\\alpha + y\\cos\\alpha \\end{gathered}", '$$'),
      md('$$', "\\left\\{ \\begin{array}{l} x' = x \\cos\\alpha - y \\sin\\alpha \\\\ y' = x \\sin\\alpha + y\\cos\\alpha \\end{array} \\right.", '$$'),
      md('$$', "x' = x \\cos\\alpha - y \\sin\\alpha \\\\", "y' = x \\sin\\alpha + y\\cos\\alpha", '$$'),
      md('$$', "x' = x \\cos\\alpha - y \\sin\\alpha, \\quad y' = x \\sin\\alpha + y\\cos\\alpha", '$$'),
    ];
    for (const f of forms) {
      const t = only(`${f}\nwith $\\alpha = 0.3$.\n`);
      assert.deepEqual(t.variables, ['x', 'y'], f);
      assert.deepEqual(t.components, ['x*cos(0.3) - y*sin(0.3)', 'x*sin(0.3) + y*cos(0.3)'], f);
      assert.deepEqual(t.parameters, { alpha: '0.3' });
      detIs(t, () => 1, [[1, 2]]);
    }
  });

  it('a system split over consecutive display blocks; separate systems stay separate', () => {
    const split = md('\\[', "z_1' = z_1", '\\]', '\\[', "z_2' = z_2 + z_1^2", '\\]');
    const t = only(split);
    assert.deepEqual(t.variables, ['z1', 'z2']);
    assert.deepEqual(t.components, ['z1', 'z2 + z1^2']);
    const two = parseLatexMarkdown(md('$$', "p' = 2p + q \\\\ q' = q", '$$', '', '$$', "s' = s^3 + s \\\\ t' = -t", '$$'));
    assert.deepEqual(two.transforms.map((x) => x.variables), [['p', 'q'], ['s', 't']]);
  });

  it('maps without a name are f, or f_1, f_2, … when there are several or f is taken', () => {
    const names = (text: string) => parseLatexMarkdown(text).transforms.map((t) => t.name);
    assert.deepEqual(names(md("$$ x' = 2x $$")), ['f']);
    assert.deepEqual(names(md("$$ x' = 2x $$", 'and', "$$ y' = 3y $$")), ['f_1', 'f_2']);
    assert.deepEqual(names(md('$$ f(x, y) = (y, x) $$', 'and', "$$ y' = 3y $$")), ['f', 'f_1']);
  });

  it('a later partial system restates equations of the system above it; the rest carries over', () => {
    const text = md('$$', "u' = u + v^2 \\\\ v' = 3v", '$$', 'Now double instead:', '$$', "v' = 2v", '$$');
    const r = parseLatexMarkdown(text);
    assert.deepEqual(r.transforms.map((x) => x.components.map(toMathjs)), [['u + v^2', '3*v'], ['u + v^2', '2*v']]);
  });

  it('column vectors of primed names, transposed rows, align*, equation numbers, blockquotes', () => {
    const text = md(
      '$$', "\\begin{pmatrix} x' \\\\ y' \\end{pmatrix} = \\begin{pmatrix} x + y \\\\ x - y^3 \\end{pmatrix}", '$$', '',
      '$$', "(u', v') = (u v, v) \\qquad (3)", '$$', '',
      '$$', 'f(x, y) = \\left( x^2, \\; y \\right)^\\top, \\quad (4)', '$$', '',
      '$$', '\\begin{align*}', "a' &= a + b \\\\", "b' &= b \\tag{5}", '\\end{align*}', '$$', '',
      '> $$', '> h(x, y) = (y, x)', '> $$',
    );
    const r = analyze(text);
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.transforms.map((t) => t.components), [['x + y', 'x - y^3'], ['u*v', 'v'], ['x^2', 'y'], ['a + b', 'b'], ['y', 'x']]);
  });

  it('the note\'s own macros (\\newcommand, also redefined later), line breaks inside a tuple, \\operatorname{sgn}', () => {
    const text = md('$$ \\newcommand{\\e}{\\mathrm{e}} $$', '', '$$ f(x, y) = \\left( \\e^{x}, \\\\ y \\right) $$', '',
      '$$ \\newcommand{\\e}{\\mathrm{e}} g(x, y) = (x, \\operatorname{sgn}(x) y) $$');
    const r = analyze(text);
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.transforms.map((t) => t.components), [['exp(x)', 'y'], ['x', 'y*sign(x)']]);
  });

  it('one vector variable written by its coordinates: f(\\mathbf{x}) = (x_1 …, x_2 …)', () => {
    const t = only(md('$$ f(\\mathbf{x}) = \\begin{pmatrix} x_1 + x_2^2 \\\\ x_1 - x_2 \\end{pmatrix} $$'));
    assert.deepEqual(t.variables, ['x1', 'x2']);
    assert.deepEqual(t.latex.variables, ['x_1', 'x_2']);
    detIs(t, (a, b) => -(2 * b + 1), [[0.3, 0.7]]);
    assert.deepEqual(only(md('$$ g(\\mathbf{z}) = (z_0 e^{z_1}, z_1) $$')).variables, ['z0', 'z1']);
  });

  it('Unicode Greek letters and operators', () => {
    const t = only(md('$$ f(r, θ) = (r \\cos θ, r · \\sin θ − 1) $$'));
    assert.deepEqual(t.variables, ['r', 'theta']);
    assert.deepEqual(t.latex.variables, ['r', 'θ']);
    detIs(t, (r) => r, [[1.5, 0.2]]);
  });

  it('a matrix product with written entries is read as the map it is (columns.test.ts has the forms)', () => {
    const text = md('$$', "\\begin{pmatrix} p' \\\\ q' \\end{pmatrix} = \\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix} \\begin{pmatrix} p \\\\ q \\end{pmatrix}", '$$');
    const r = analyze(text);
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.transforms.length, 1);
    assert.equal(Number(r.transforms[0].det), -2);
  });

  it('named outputs after a head: f(x, y):, f(x, y) = (u, v), (u, v) = f(x, y)', () => {
    const forms = [
      md('$$', 'T(x, y):\\quad u = x^2 - y^2, \\quad v = 2xy', '$$'),
      md('$$', 'T(x, y) = \\begin{cases} u = x^2 - y^2 \\\\ v = 2xy \\end{cases}', '$$'),
      md('$$', 'T(x, y) = (u, v)', '$$', '$$', '\\begin{aligned} u &= x^2 - y^2 \\\\ v &= 2xy \\end{aligned}', '$$'),
      md('$$', '(u, v) = T(x, y), \\qquad v = 2xy, \\quad u = x^2 - y^2', '$$'),
    ];
    for (const f of forms) {
      const t = only(f);
      assert.equal(t.name, 'T', f);
      assert.deepEqual(t.components, ['x^2 - y^2', '2*x*y'], f);
    }
  });

  it('\\mapsto maps, named with \\colon', () => {
    const t = only(md('$$', 'h\\colon (x, y) \\mapsto (x + y^3, y)', '$$'));
    assert.equal(t.name, 'h');
    assert.equal(t.det, '1');
  });

  it('a map named \\sigma(x, y) is a map; \\sigma(x) elsewhere stays the sigmoid', () => {
    const r = analyze(md('$$ \\sigma(x, y) = \\left( \\frac{1}{1+e^{-x}}, \\frac{1}{1+e^{-y}} \\right) $$', '', '$$ g(x, y) = (\\sigma(x), y) $$'));
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.transforms.map((t) => t.name), ['sigma', 'g']);
    detIs(r.transforms[0], (x, y) => { const s = (u: number) => 1 / (1 + Math.exp(-u)); return s(x) * (1 - s(x)) * s(y) * (1 - s(y)); }, [[0.3, -1.2], [1.5, 0.4]]);
    assert.equal(r.transforms[1].components[0], 'sigmoid(x)');
  });

  it('one variable: f(x) = \\left( x^3 \\right) is a map, so is a displayed f(x) = x^3 that nothing calls; a called one is a helper', () => {
    assert.equal(only(md('$$ f(x) = \\left( x^3 \\right) $$')).det, '3*x^2');
    const cube = only(md('$$ f(x) = x^{3}, \\quad x \\in [-1, 2] $$'));
    assert.equal(cube.det, '3*x^2');
    assert.deepEqual(cube.domain, [[-1, 2]]);
    assert.equal(analyze(md('Inline $f(x) = x^3$ is a mention.')).transforms.length, 0);
    assert.equal(analyze(md('$$ c(x) = 2 $$')).transforms.length, 0);
    const t = only(md('$$ g(x) = x^3 $$', '$$ F(x, y) = (g(x), y) $$'));
    assert.deepEqual(t.components, ['x^3', 'y']);
  });

  it('domains: x \\in [a, b], a \\le x < b, in the block or the next one', () => {
    const t = only(md('$$', 'f(r, \\theta) = (r\\cos\\theta, r\\sin\\theta), \\quad r \\in [0.5, 2], \\quad -\\pi < \\theta \\le \\pi', '$$'));
    assert.deepEqual(t.domain[0], [0.5, 2]);
    assert.ok(Math.abs(t.domain[1][1] - Math.PI) < 1e-15);
    const u = only(md('$$ f(x, y) = (x, y e^x) $$', '$$ x, y \\in \\left[0, 1\\right) $$'));
    assert.deepEqual(u.domain, [[0, 1], [0, 1]]);
  });
});

describe('LaTeX in Markdown: definitions and their scope', () => {
  it('uses parameters and helpers defined before the map, inline or displayed', () => {
    const t = only(md('Let $a = 0.5$ and \\( s(u) = \\tanh(a u) \\).', '$$ t(u) = u^2 $$', '$$ f(x, y) = (x, y e^{s(x)} + t(x)) $$'));
    assert.deepEqual(t.components, ['x', 'y*exp(tanh(0.5*x)) + x^2']);
    assert.deepEqual(t.unknownFunctions, []);
  });

  it('a name defined beside a map in terms of its variables (r = \\sqrt{x^2 + y^2}) is substituted, not a symbolic constant', () => {
    const t = only(md('$$ \\operatorname{radial}(x, y) = \\left( x \\, e^{-r}, \\; y \\, e^{-r} \\right), \\quad r = \\sqrt{x^2 + y^2} $$'));
    assert.deepEqual(t.freeSymbols, []);
    // det J of x g(r) with g = e^{-r}: g(r) (g(r) + r g'(r)) = e^{-2r} (1 - r)
    detIs(t, (x, y) => { const r = Math.hypot(x, y); return Math.exp(-2 * r) * (1 - r); }, [[0.3, 0.4], [1.2, -0.7]]);
  });

  it('a parameter defined below the map ("where a = 0.5") is used; a helper below it is not', () => {
    const r = analyze(md('$$ f(x, y) = (a x, y e^{s(x)}) $$', 'where $a = 2$ and $s(u) = \\log 3$.', '$$ g(x, y) = (x, y e^{s(x)}) $$'));
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.transforms.map((t) => t.components), [['2*x', 'y*exp(s(x))'], ['x', 'y*exp(log(3))']]);
    assert.deepEqual(r.transforms[0].unknownFunctions, ['s']);
    detIs(r.transforms[1], () => 3, [[0.1, 0.2]]);
  });

  it('undefined functions stay symbolic and differentiate by the chain rule', () => {
    const t = only(md('$$', "z_1' = z_1 \\\\ z_2' = z_2 \\exp(s(z_1)) + t(z_1)", '$$'));
    assert.deepEqual(t.unknownFunctions, ['s', 't']);
    assert.equal(t.det, 'exp(s(z1))');
    assert.ok(t.jacobian[1][0].includes("s'(z1)"));
    assert.equal(t.latex.det, '\\exp\\left(s\\left(z_1\\right)\\right)');
  });

  it('an explicit map with an undefined constant keeps it symbolic and says so (no diagnostic)', () => {
    const r = analyze(md('$$ f(x, y) = (k x, y) $$'));
    assert.equal(r.transforms.length, 1);
    assert.deepEqual(r.transforms[0].freeSymbols, ['k']);
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.transforms[0].assumed, ['k taken as symbolic constant (no value in the note)']);
  });
});

describe('LaTeX in Markdown: maps in inline math', () => {
  it('an explicit map in inline math, with the paragraph\'s inline domains and a parameter given later', () => {
    const t = only(md(
      'Elliptic coordinates $g(\\mu, \\nu) = (a \\cosh\\mu \\cos\\nu, a \\sinh\\mu \\sin\\nu)$ with $a = 2$,',
      'for $\\mu \\in [0, 1]$ and $0 \\le \\nu \\le \\pi$.',
    ));
    assert.equal(t.name, 'g');
    assert.deepEqual(t.variables, ['mu', 'nu']);
    assert.deepEqual(t.domain[0], [0, 1]);
    assert.ok(Math.abs(t.domain[1][1] - Math.PI) < 1e-15);
    detIs(t, (m, n) => 4 * (Math.sinh(m) ** 2 + Math.sin(n) ** 2), [[0.3, 1.1], [0.9, 2.5]]);
    const u = only('Log-polar: \\(h(u, v) = (e^{u}\\cos v, e^{u}\\sin v)\\).');
    detIs(u, (a) => Math.exp(2 * a), [[0.5, 1], [-1, 2]]);
  });

  it('inline domains of another paragraph do not apply; curves and mentions with the wrong arity say nothing', () => {
    const r = analyze(md(
      'The map $q(x, y) = (\\tanh x, \\tanh y)$ squeezes the plane.',
      '',
      'Elsewhere $x \\in [0, 1]$, and the circle $\\gamma(t) = (\\cos t, \\sin t)$ is a curve, $(x, y) \\mapsto x$ a projection.',
    ));
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.transforms.map((t) => t.name), ['q']);
    assert.deepEqual(r.transforms[0].domain[0], [-2, 2]);
  });
});

describe('det J of block triangular maps', () => {
  it('keeps the product of the diagonal blocks when it is no longer than the expanded form', () => {
    const t = only(md('$$ f(x, y) = (\\sinh x + y, y^3 + y) $$'));
    const e = parsePlainExpr(t.det);
    assert.equal(e.k, 'mul', `det J = ${t.det}`);
    detIs(t, (x, y) => Math.cosh(x) * (3 * y * y + 1), [[0.2, -0.7], [1.5, 0.4]]);
  });
});

describe('LaTeX in Markdown: what is not a map', () => {
  it('prose, density formulas, a displayed Jacobian, det formulas and wiki links', () => {
    const text = md(
      'For a map $f: \\mathbb{R}^n \\to \\mathbb{R}^n$ with $\\mathbf{x} = f(\\mathbf{z})$:',
      '$$ p_X(\\mathbf{x}) = p_Z(\\mathbf{z}) \\left| \\det \\left( \\frac{\\partial f(\\mathbf{z})}{\\partial \\mathbf{z}} \\right) \\right|^{-1} $$',
      '$$ p_X(x_1, x_2) = p_Z(z_1, z_2) \\cdot \\frac{1}{2} $$',
      '$$ \\mathbf{J} = \\begin{pmatrix} 1 & 0 \\\\ 0 & 2 \\end{pmatrix} $$',
      '$$ \\det(\\mathbf{J}) = 1 \\cdot 2 = 2 $$',
      '$$ d\\mathbf{x} = \\left| \\det(\\mathbf{J}) \\right| d\\mathbf{z} $$',
      '$$ \\mathbf{z}_A = z_1, \\quad \\mathbf{z}_B = z_2 $$',
      '$$ u = x + y, \\quad v = x - y $$',
      "$$ f'(x) = 2x $$",
      'See [[the note on $g(x, y) = (x, y)$]].',
    );
    const r = analyze(text);
    assert.deepEqual(r.transforms, []);
    assert.deepEqual(r.diagnostics, []);
  });

  it('a primed system that uses a name with no equation keeps it as a symbolic constant; one that uses no input is a value', () => {
    const t = only(md('$$ y\' = x y $$'));
    assert.deepEqual(t.variables, ['y']);
    assert.deepEqual(t.freeSymbols, ['x']);
    assert.deepEqual(t.assumed, ['x taken as symbolic constant (no value in the note)']);
    const r = analyze(md("$$ q' = \\frac{a - b}{c} $$"));
    assert.deepEqual([r.transforms, r.diagnostics], [[], []]);
  });
});

describe('LaTeX in Markdown: diagnostics at the exact place', () => {
  const lineOf = (text: string, d: { range: { start: { line: number; character: number }; end: { line: number; character: number } } }) =>
    text.split('\n')[d.range.start.line].slice(d.range.start.character, d.range.end.character);

  it('says what is wrong, where, and the rest of the note still works', () => {
    const text = md(
      '$$ f(x, y) = \\left( x + , y \\right) $$',
      '$$ g(x, y) = (x, y, x) $$',
      '$$ h(x, y) = (x \\pm y, y) $$',
      '$$ k(x, y) = \\frac{1}{ $$',
      "$$ u' = u^2 + \\sqrt{v} \\\\ v' = (v + 1 $$",
      '$$ s(u) = \\tanh(u $$',
      '$$ ok(x, y) = (y, x) $$',
    );
    const r = analyze(text);
    assert.deepEqual(r.transforms.map((t) => t.name), ['ok']);
    const got = r.diagnostics.map((d) => [d.range.start.line, lineOf(text, d), d.severity]);
    assert.deepEqual(got, [
      [0, '+', 'error'],
      [1, '(x, y, x)', 'info'],
      [2, '\\pm', 'error'],
      [3, '{', 'error'],
      [4, '(', 'error'],
      [5, '(', 'error'],
    ]);
    assert.match(r.diagnostics[0].message, /ends where a value is expected/);
    // a map R^2 -> R^3 (a surface) is ordinary math: an information, not an error
    assert.match(r.diagnostics[1].message, /2 variables but 3 components \(R\^2 → R\^3\): its J is 3 × 2/);
    assert.match(r.diagnostics[2].message, /\\pm is not supported/);
    assert.match(r.diagnostics[3].message, /closing brace/);
    assert.match(r.diagnostics[4].message, /never closed/);
  });

  it('a system equation with notation that is not computed (∇, \\sum) is a warning, a malformed one an error', () => {
    const r = analyze(md("$$ \\theta' = \\theta - \\eta \\nabla L(\\theta) $$", "$$ x' = x + $$"));
    assert.deepEqual(r.diagnostics.map((d) => d.severity), ['warning', 'error']);
    assert.match(r.diagnostics[0].message, /\\nabla is not a value/);
  });

  it('one bad equation in a primed system is the one problem: no spurious info, no map from the rest of its block', () => {
    const a = analyze(md("$$ x' = x + h y, \\quad y' = y - h \\sin(x') $$"));
    assert.deepEqual(a.transforms, []);
    assert.deepEqual(a.diagnostics.map((d) => d.message), ['a primed name (an output) on the right side']);
    const b = analyze(md('$$', "\\begin{aligned} u' &= u + \\frac{v}{} \\\\ v' &= v \\end{aligned}", '$$'));
    assert.deepEqual(b.transforms, []);
    assert.equal(b.diagnostics.filter((d) => d.severity === 'error').length, 1, JSON.stringify(b.diagnostics));
  });

  it('a KaTeX error in a formula that does not look like a map is a warning', () => {
    const r = analyze(md('$$ E = mc^2 \\qty(1) $$'));
    assert.equal(r.diagnostics.length, 1);
    assert.equal(r.diagnostics[0].severity, 'warning');
    assert.match(r.diagnostics[0].message, /\\qty is not a command KaTeX knows/);
  });

  it('CRLF line endings give the same places', () => {
    const lf = md('Text', '', '$$', "z_1' = z_1 \\\\", "z_2' = z_2 + \\frac{1}{", '$$', '', '$$ f(x, y) = (y, x) $$');
    const a = analyze(lf), b = analyze(lf.replace(/\n/g, '\r\n'));
    assert.deepEqual(b.diagnostics.map((d) => d.range), a.diagnostics.map((d) => d.range));
    assert.deepEqual(b.transforms.map((t) => [t.range, t.nameRange]), a.transforms.map((t) => [t.range, t.nameRange]));
    assert.equal(a.transforms.length, 1);
    assert.equal(a.diagnostics.length, 1);
  });

  it('never throws on broken or odd input', () => {
    const pieces = ['$$', '\\[', '\\]', '$', 'f(x, y) = ', '(', ')', "z'", '\\frac{', '}', '\\begin{aligned}', '\\end{aligned}', '&', '\\\\', '|', '\\left(', '\\right)', ',', '=', '\\mapsto', 'x', '\\odot', '\\mathbf{z}_A', '\n', ' ', '\\in [0, 1]', '\\sum_i', '\\sigma(', "'"];
    let seed = 7;
    const rand = () => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed / 2 ** 31; };
    for (let k = 0; k < 300; k++) {
      let text = '';
      const len = 1 + Math.floor(rand() * 30);
      for (let i = 0; i < len; i++) text += pieces[Math.floor(rand() * pieces.length)];
      assert.doesNotThrow(() => parseDocument(text, 'markdown'), text);
    }
  });
});
