import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../../src/core/document';
import { createEngineOptions } from '../../../src/core/engine';
import { lineAfterDefinition } from '../../../src/core/lookup';
import { detAt, pointCallAt, pointDet } from '../../../src/core/pointEval';
import type { TransformReport } from '../../../src/core/report';
import {
  codeLensTitle, copyForm, detTex, hoverMarkdown, hoverTex, jacobianTex, latexBlock, pointHoverMarkdown, pointLine, statusText, statusTooltip,
} from '../../../src/extension/views/texts';

const engine = createEngineOptions();
const fence = (...lines: string[]) => ['```transform', ...lines, '```', ''].join('\n');
const reportOf = (text: string): TransformReport[] => analyzeDocument(text, 'markdown', 'note.md', engine).transforms;
const one = (text: string): TransformReport => { const ts = reportOf(text); assert.equal(ts.length, 1); return ts[0]; };

describe('editor views: what hovers, lenses, the status bar and the LaTeX commands say', () => {
  const polar = one(fence('polar(r, theta) = (r cos(theta), r sin(theta))', 'domain: r in [0.1, 2], theta in [-3, 3]'));
  const coupling = one(fence('c(x, y) = (x, y exp(s(x)) + t(x))'));

  it('TeX for J and det J comes from the report\'s LaTeX', () => {
    assert.equal(jacobianTex(polar), 'J = \\begin{pmatrix} \\cos \\theta & -r \\sin \\theta \\\\ \\sin \\theta & r \\cos \\theta \\end{pmatrix}');
    assert.equal(detTex(polar), '\\det J = r');
    assert.match(hoverTex(polar), /^\\begin\{aligned\} J &= \\begin\{pmatrix\}.*\\\\\[6pt\] \\det J &= r \\end\{aligned\}$/);
    assert.equal(detTex({ ...polar, detSymbolic: false }), '\\det J \\text{: numeric only}');
  });

  it('the hover: image, the verdict in one line, det J at the centre, links with the definition as arguments, then one plain block', () => {
    const md = hoverMarkdown(polar, { uri: 'file:///w/n.md', image: 'data:image/svg+xml;base64,AAAA', point: pointDet(polar, null) });
    assert.match(md, /!\[J and det J\]\(data:image\/svg\+xml;base64,AAAA\)/);
    // the plain formulas once, in one block to copy
    assert.match(md, /```text\ndet J = r\nJ = \[ cos\(theta\)/);
    assert.equal(md.match(/```text/g)?.length, 1);
    // Centre of [0.1, 2] × [-3, 3] is (1.05, 0): det J = r = 1.05.
    assert.match(md, /det J at the centre of the domain \\\(1\\\.05, 0\\\) = 1\\\.05/);
    const links = [...md.matchAll(/\]\(command:([\w.]+)\?([^ )]+)/g)];
    assert.deepEqual(links.map((l) => l[1]).filter((c) => c !== 'jacobianLens.showInvertibilityArgument'), ['jacobianLens.preview', 'jacobianLens.checkInvertibility']);
    for (const l of links) assert.deepEqual(JSON.parse(decodeURIComponent(l[2])), ['file:///w/n.md', 1, 0]);
    // What fits without scrolling comes first: the image, the verdict, det J at a point, the links; then the plain formulas.
    const at = (x: string) => md.indexOf(x);
    assert.ok(at('![J and det J]') < at('**Invertibility:**') && at('**Invertibility:**') < at('det J at the centre') && at('det J at the centre') < at('[Preview]') && at('[Preview]') < at('```text'), md);
  });

  it('the hover without an image says why, and escapes notes', () => {
    const md = hoverMarkdown({ ...polar, notes: ['a *note* <b>'] }, { uri: 'u', image: null, imageNote: 'still being prepared', point: { kind: 'unavailable', reason: 'x' } });
    assert.doesNotMatch(md, /!\[/);
    assert.match(md, /_still being prepared_/);
    assert.match(md, /_a \\\*note\\\* \\<b\\>_/);
  });

  it('a fence inside a formula cannot close the plain code block', () => {
    const md = hoverMarkdown({ ...polar, det: 'a ``` b' }, { uri: 'u', image: null, point: { kind: 'unavailable', reason: 'x' } });
    assert.match(md, /````text\ndet J = a ``` b\n/);
  });

  it('det J at a point in the text, outside the domain, or not evaluable', () => {
    const call = pointCallAt('see polar(1, 0.5) here', 8, ['polar']);
    assert.deepEqual(call, { name: 'polar', point: [1, 0.5], start: 4, end: 17 });
    assert.equal(pointCallAt('see polar(1, 0.5) here', 2, ['polar']), null);
    assert.equal(pointCallAt('see other(1, 0.5)', 8, ['polar']), null);
    const p = pointDet(polar, call);
    assert.deepEqual(p, { kind: 'value', point: [1, 0.5], det: 1, source: 'text' });
    assert.equal(pointLine(p), 'det J at (1, 0.5) = 1');
    assert.deepEqual(pointDet(polar, pointCallAt('polar(5, 0)', 1, ['polar'])), { kind: 'outside', point: [5, 0] });
    assert.equal(pointDet(coupling, null).kind, 'unavailable');
    // A call with the wrong number of arguments falls back to the centre.
    assert.equal((pointDet(polar, pointCallAt('polar(1)', 1, ['polar'])) as { source: string }).source, 'centre');
    const md = pointHoverMarkdown(polar, { uri: 'u', point: p });
    assert.match(md, /det J at \\\(1, 0\\\.5\\\) = 1/);
  });

  it('det J at a point: LU of J when there is no closed form', () => {
    const z = [1.3, 0.4];
    assert.ok(Math.abs(detAt({ ...polar, trees: { ...polar.trees, det: null } }, z)! - 1.3) < 1e-12);
  });

  it('CodeLens titles: det J, cut with an ellipsis when long, or "numeric only"', () => {
    assert.equal(codeLensTitle(polar), 'Preview · det J = r');
    const long = { det: 'x'.repeat(100), detSymbolic: true };
    const title = codeLensTitle(long, 40);
    assert.equal(title, `Preview · det J = ${'x'.repeat(39)}…`);
    assert.equal(codeLensTitle({ det: 'det([[...]])', detSymbolic: false }), 'Preview · det J numeric only');
  });

  it('the status bar text and tooltip', () => {
    assert.equal(statusText(polar), '$(symbol-operator) polar: det J = r');
    assert.match(statusTooltip(polar), /^polar\(r, theta\): det J = r\n/);
    // without a closed form the tooltip says so instead of showing det([[…]]) of the whole J
    const numeric = statusTooltip({ ...polar, det: 'det([[cos(theta), -r sin(theta)], [sin(theta), r cos(theta)]])', detSymbolic: false });
    assert.match(numeric, /^polar\(r, theta\): det J has no closed form \(evaluated numerically\)\n/);
    assert.doesNotMatch(numeric, /det\(\[\[/);
    assert.equal(statusText({ name: 'g', det: 'x'.repeat(50), detSymbolic: true }, 10), `$(symbol-operator) g: det J = ${'x'.repeat(9)}…`);
  });

  it('copy forms: LaTeX and plain', () => {
    assert.equal(copyForm(coupling, 'plain'), 'exp(s(x))');
    assert.equal(copyForm(coupling, 'latex'), coupling.latex.det);
    assert.match(coupling.latex.det, /e\^\{s\(x\)\}|\\exp/);
  });

  it('the LaTeX block to insert: display math in notes, a comment in code; a note stays free of new problems', () => {
    const block = latexBlock(polar, 'markdown');
    assert.equal(block, '$$\nJ_{\\operatorname{polar}} = \\begin{pmatrix} \\cos \\theta & -r \\sin \\theta \\\\ \\sin \\theta & r \\cos \\theta \\end{pmatrix}, \\qquad\n\\det J_{\\operatorname{polar}} = r\n$$\n');
    assert.match(latexBlock(polar, 'code'), /^\/\*\n \* \$\$\n \* J_/);
    const note = fence('polar(r, theta) = (r cos(theta), r sin(theta))');
    const after = analyzeDocument(`${note}${block}`, 'markdown', 'n.md', engine);
    assert.equal(after.transforms.length, 1);
    assert.deepEqual(after.diagnostics, []);
  });

  it('the LaTeX block for a paper: align* at the equals signs, equation* for one line; the paper reads on as before', () => {
    const block = latexBlock(polar, 'paper');
    assert.equal(block, '\\begin{align*}\n  J_{\\operatorname{polar}} &= \\begin{pmatrix} \\cos \\theta & -r \\sin \\theta \\\\ \\sin \\theta & r \\cos \\theta \\end{pmatrix}, \\\\\n  \\det J_{\\operatorname{polar}} &= r\n\\end{align*}\n');
    const cube = one(fence('g(x) = x^3'));
    assert.equal(latexBlock(cube, 'paper'), `\\begin{equation*}\n  \\det J_{g} = ${cube.latex.det}\n\\end{equation*}\n`);
    assert.match(latexBlock({ ...polar, detSymbolic: false }, 'paper'), /^\\begin\{equation\*\}\n  J_\{\\operatorname\{polar\}\} = \\begin\{pmatrix\}/);
    const paper = '\\begin{equation}\n  p(r, \\theta) = \\left( r\\cos\\theta, r\\sin\\theta \\right)\n\\end{equation}\n';
    const after = analyzeDocument(`${paper}${block}`, 'latex', 'p.tex', engine);
    assert.deepEqual(after.transforms.map((t) => t.name), ['p']);
    assert.deepEqual(after.diagnostics, []);
  });

  it('the line after a definition: after its fence, after its display math, else the next line', () => {
    const text = ['# t', '```transform', 'polar(r, theta) = (r cos(theta), r sin(theta))', 'domain: r in [0.1, 2]', '```', 'after'].join('\n');
    const t = one(text);
    assert.equal(lineAfterDefinition(text, 'markdown', t.range), 5);
    const latex = ['$$', 'g(x, y) = \\left( x e^{y}, y \\right)', '$$', 'after'].join('\n');
    const g = one(latex);
    assert.equal(lineAfterDefinition(latex, 'markdown', g.range), 3);
    assert.equal(lineAfterDefinition('x', 'typescript', { start: { line: 2, character: 0 }, end: { line: 7, character: 1 } }), 8);
  });
});
