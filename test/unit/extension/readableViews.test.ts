/**
 * Readable results in the views: the swirl in the code's own names (hover, Insert LaTeX, CLI),
 * one-line verdicts with the whole argument one click away, a wide J one entry a line in the
 * Markdown preview, typeset formulas scaled to the hover, and the commands behind the links
 * (Show the Invertibility Argument, Add a Domain and its quick fix).
 */
import * as assert from 'node:assert/strict';
import MarkdownIt = require('markdown-it');
import { analyzeDocument } from '../../../src/core/document';
import { createEngineOptions } from '../../../src/core/engine';
import { REASON_LINE, WRAP_SCALE_FLOOR, matrixTexFit, texWidth, wrappingTex } from '../../../src/core/format';
import type { TransformReport } from '../../../src/core/report';
import { DEFAULT_PREVIEW_SETTINGS, transformPreviewPlugin } from '../../../src/extension/markdown/previewPlugin';
import { fitSvg } from '../../../src/extension/tex/texRenderer';
import { hoverMarkdown, hoverTex, latexBlock } from '../../../src/extension/views/texts';
import { Position, Range, installFakeVscode } from '../helpers/fakeVscode';
import { FakeIndex } from '../helpers/fakeIndex';
import { run, tempFiles } from '../helpers/cli';

const fake = installFakeVscode();
// Loaded after the fake is installed: the module imports `vscode`.
const readable = require('../../../src/extension/commands/readable') as typeof import('../../../src/extension/commands/readable');

const engine = createEngineOptions();
const SWIRL = [
  'export function swirl(x: number, y: number): [number, number] {',
  '  const angle = 0.5 * Math.exp(-(x * x + y * y));',
  '  const c = Math.cos(angle);',
  '  const s = Math.sin(angle);',
  '  return [c * x - s * y, s * x + c * y];',
  '}',
  '',
].join('\n');
const swirl = (): TransformReport => analyzeDocument(SWIRL, 'typescript', 'swirl.ts', engine).transforms[0];
const POLAR = ['# Polar', '', '```transform', 'polar(r, theta) = (r cos(theta), r sin(theta))', '```', ''].join('\n');

describe('readable results in the views', () => {
  it('the swirl\'s hover: J in c, s, angle with "where" lines; typeset first, then the one-line verdict, then one plain block', () => {
    const t = swirl();
    assert.ok(t.where);
    const md = hoverMarkdown(t, { uri: 'file:///w/swirl.ts', image: 'data:image/svg+xml;base64,AAAA', point: { kind: 'unavailable', reason: 'x' } });
    const block = /```text\n([^`]*)```/.exec(md)![1];
    assert.equal(md.match(/```text/g)?.length, 1, 'one plain block');
    assert.match(block, /^J = \[.*\bangle\b.*\bc\b/m);
    assert.match(block, /^where angle = 0\.5\*exp\(-\(x\^2 \+ y\^2\)\)$/m);
    assert.match(block, /^ +c = cos\(angle\)$/m);
    assert.match(block, /^ +s = sin\(angle\)$/m);
    // every J line is short: no 250-character entries
    for (const line of block.split('\n')) assert.ok(line.length <= 80, line);
    const verdict = /\*\*Invertibility:\*\* (.*?)(?: · \[full argument\]|\n)/.exec(md)![1];
    assert.ok(verdict.replace(/\\/g, '').length <= REASON_LINE + 40, verdict);
    assert.ok(md.indexOf('![J and det J]') < md.indexOf('**Invertibility:**') && md.indexOf('**Invertibility:**') < md.indexOf('```text'));
    // the default domain is said, with the link that writes it
    assert.match(md, /No domain given: x, y in \\\[\\-2, 2\\\] assumed/);
    assert.match(md, /\[Add a domain\]\(command:jacobianLens\.addDomain\?/);
    // typeset: the same names, and the where rows
    const tex = hoverTex(t);
    assert.match(tex, /\\text\{where \}/);
    assert.match(tex, /\\operatorname\{angle\}|\\mathrm\{angle\}|angle/);
    // Insert LaTeX: aligned rows with the where lines
    const insert = latexBlock(t, 'code');
    assert.match(insert, /\\begin\{aligned\}/);
    assert.match(insert, /\\text\{where \}/);
  });

  it('the hover links the full argument when the reason was cut, and not when it was not', () => {
    const t = analyzeDocument(POLAR, 'markdown', 'p.md', engine).transforms[0];
    assert.ok(t.invertibility.reasonDetail);
    const md = hoverMarkdown(t, { uri: 'file:///w/p.md', image: null, point: { kind: 'unavailable', reason: 'x' } });
    assert.match(md, /\[full argument\]\(command:jacobianLens\.showInvertibilityArgument\?/);
    assert.doesNotMatch(md, /Krawczyk/, 'the long argument is not in the hover');
    const given = analyzeDocument(['```transform', 'f(x, y) = (2 x + y, y)', 'domain: x in [0, 1], y in [0, 1]', '```'].join('\n'), 'markdown', 'g.md', engine).transforms[0];
    const short = hoverMarkdown(given, { uri: 'file:///w/g.md', image: null, point: { kind: 'unavailable', reason: 'x' } });
    assert.equal(given.invertibility.reasonDetail, undefined, given.invertibility.reason);
    assert.doesNotMatch(short, /full argument|Add a domain|No domain given/);
  });

  // made at the suite's level: its before/after hooks only run there (inside a test, files went to the working directory)
  const tmp = tempFiles('jl-readable-');
  it('CLI: the readable J with where lines; the argument only with --detail; check keeps one line per map', () => {
    const f = tmp.file('swirl.ts', SWIRL);
    const p = tmp.file('polar.md', POLAR);
    const plain = run(['analyze', f, p]).out;
    assert.match(plain, /^ {6}J {10}\[\[.*angle/m);
    assert.match(plain, /^ {6}where {6}\w+ = /m);
    assert.match(plain, /assumed: no domain given for x, y/);
    assert.doesNotMatch(plain, /argument/);
    assert.doesNotMatch(plain, /Krawczyk/);
    assert.match(run(['analyze', p, '--detail']).out, /^ {6}argument {3}.*Krawczyk/m);
    const check = run(['check', p]).out.trim().split('\n');
    assert.equal(check.length, 1);
    assert.match(check[0], /not-invertible \(proof\): .*…; f\(/);
    const json = JSON.parse(run(['analyze', f, '--json']).out)[0].transforms[0];
    assert.ok(json.where.defs.some((d: { name: string }) => d.name === 'angle'));
  });

  it('the Markdown preview writes a wide J one entry a line, a narrow one as a matrix', () => {
    const wide = ['```transform', 'w(x, y) = (x^7 y^3 + x^5 y^4 + x^3 y^6 + x y^8 + x^9 y + x, y^7 x^3 + y^5 x^4 + y^3 x^6 + y x^8 + y^9 x + y)', '```', ''].join('\n');
    const html = transformPreviewPlugin(new MarkdownIt(), () => DEFAULT_PREVIEW_SETTINGS).render(wide);
    assert.match(html, /<annotation encoding="application\/x-tex">J = \\begin\{pmatrix\} J_\{11\} &amp; J_\{12\}/);
    // each long entry a line of its own that wraps (inline math in display style), not display math that scrolls
    assert.match(html, /<div class="jl-math jl-wrap"[^>]*><span class="katex">.*?<annotation encoding="application\/x-tex">\\displaystyle J_\{22\} = /s);
    assert.equal(matrixTexFit('J', [['\\cos\\theta', '-r \\sin\\theta'], ['\\sin\\theta', 'r \\cos\\theta']]), 'J = \\begin{pmatrix} \\cos\\theta & -r \\sin\\theta \\\\ \\sin\\theta & r \\cos\\theta \\end{pmatrix}');
    // short entries stay in place
    // x, its script 2, the spaced +, sin, the brackets, y and its script 1
    assert.ok(Math.abs(texWidth('x^{2} + \\sin\\left(y_{1}\\right)') - 9.2) < 1e-9);
    assert.match(matrixTexFit('J', [['1', 'x'.repeat(90)], ['0', '1']]), /\\begin\{pmatrix\} 1 & J_\{12\} \\\\ 0 & 1 \\end\{pmatrix\} \\\\ J_\{12\} &= x+ \\end\{aligned\}$/);
  });

  it('the Markdown preview breaks a long product between its factors and sets an unbreakable fraction smaller, to a floor', () => {
    const doc = ['```transform', 'p(x, y) = (x*(y^2 + 3*y + 3)^3*(y^3 - y + 7)^2*(y^4 + y + 11)^3*(y^2 + 17*y - 13)*(y^5 - 2*y + 19), y)', '```', ''].join('\n');
    const html = transformPreviewPlugin(new MarkdownIt(), () => DEFAULT_PREVIEW_SETTINGS).render(doc);
    // J_11 is one long product: it may break between its bracketed factors
    const j11 = /<annotation encoding="application\/x-tex">\\displaystyle J_\{11\} = ([^<]*)</.exec(html);
    assert.ok(j11, html.slice(0, 2000));
    assert.ok((j11[1].match(/\\allowbreak/g) ?? []).length >= 3, j11[1]);
    // no formula of the block is display math wider than the column
    for (const m of html.matchAll(/<div class="jl-math"><span class="katex-display">.*?<annotation encoding="application\/x-tex">([^<]*)</gs)) {
      if (!/^p\(x, y\)/.test(m[1])) assert.ok(texWidth(m[1]) <= 60, m[1]);
    }
    const long = `\\frac{${'x + '.repeat(40)}1}{y}`;
    const frac = wrappingTex(long);
    assert.ok(frac.scale >= WRAP_SCALE_FLOOR && frac.scale < 100, String(frac.scale));
    assert.deepEqual(wrappingTex('x^{2} + \\sin\\left(y\\right)'), { tex: 'x^{2} + \\sin\\left(y\\right)', scale: 100 });
    // a long sum breaks after its + and -: no smaller type
    assert.equal(wrappingTex(Array.from({ length: 30 }, (_, i) => `x_{${i}}`).join(' + ')).scale, 100);
  });

  it('a typeset formula wider than the hover is scaled to fit, keeping its proportions; a narrow one is left alone', () => {
    const wide = '<svg xmlns="http://www.w3.org/2000/svg" width="120ex" height="6ex" viewBox="0 0 1 1"><g/></svg>';
    const out = fitSvg(wide, 480);
    assert.match(out, /^<svg [^>]*width="480px"[^>]*height="24\.0px"/);
    assert.ok(out.endsWith('<g/></svg>'));
    const narrow = '<svg width="20ex" height="6ex"><g/></svg>';
    assert.equal(fitSvg(narrow, 480), narrow);
  });
});

describe('Add a Domain and Show the Invertibility Argument (a fake API)', () => {
  const index = new FakeIndex();
  const logs: string[] = [];
  let shown = 0;
  before(() => { readable.registerReadableCommands({ index: index as never, log: (m) => logs.push(m), showLog: () => { shown++; } }, []); });
  beforeEach(() => { fake.reset(); logs.length = 0; shown = 0; });
  const call = (id: string, ...args: unknown[]) => (fake.commands.get(id) as unknown as (...a: unknown[]) => Promise<unknown>)(...args);

  it('the quick fix writes the assumed domain under the block and selects the intervals', async () => {
    const d = fake.openEditor('/w/polar.md', POLAR, 3);
    const actions = await fake.codeActionProviders[0].provideCodeActions(d, new Range(3, 2, 3, 2));
    assert.equal(actions.length, 1);
    assert.match(actions[0].title, /^Add a domain for polar\(r, theta\)/);
    assert.equal(actions[0].kind, 'quickfix');
    const cmd = actions[0].command!;
    assert.equal(await call(cmd.command, ...cmd.arguments!), true);
    const lines = d.getText().split('\n');
    assert.equal(lines[4], 'domain: r in [-2, 2], theta in [-2, 2]');
    assert.equal(lines[5], '```');
    const sel = fake.lastSelection!;
    assert.deepEqual([sel.start.line, sel.start.character, sel.end.line, sel.end.character], [4, 8, 4, lines[4].length]);
    // read back: the domain is given now, so nothing more is offered
    const after = analyzeDocument(d.getText(), 'markdown', 'p.md').transforms[0];
    assert.equal(after.domainDefault, undefined);
    assert.equal((await fake.codeActionProviders[0].provideCodeActions(d, new Range(3, 2, 3, 2))).length, 0);
    assert.equal(await call(cmd.command, ...cmd.arguments!), false);
    assert.match(fake.shown.at(-1)!.message, /has a domain for every variable/);
  });

  it('a linear map without a domain: its verdict and det J do not depend on the box, so neither the hover nor a quick fix mentions it', async () => {
    const text = ['```transform', 'f(x, y) = (2 x + y, x - 3 y)', '```', ''].join('\n');
    const d = fake.openEditor('/w/linear.md', text, 1);
    assert.equal((await fake.codeActionProviders[0].provideCodeActions(d, new Range(1, 2, 1, 2))).length, 0);
    const t = analyzeDocument(text, 'markdown', 'linear.md', engine).transforms[0];
    assert.deepEqual(t.domainDefault, ['x', 'y']);
    const md = hoverMarkdown(t, { uri: 'file:///w/linear.md', image: null, point: { kind: 'unavailable', reason: 'x' } });
    assert.doesNotMatch(md, /No domain given|Add a domain/);
    // the command itself still writes the box when asked
    assert.equal(await call('jacobianLens.addDomain', 'file:///w/linear.md', 1, 0), true);
  });

  it('the argument command logs the one line, then the whole argument and the witness', async () => {
    fake.openEditor('/w/polar.md', POLAR, 3);
    await call('jacobianLens.showInvertibilityArgument', 'file:///w/polar.md', 3, 0);
    assert.equal(shown, 1);
    assert.match(logs[0], /^polar\(r, theta\): not-invertible \(proof\): det J > 0 at .*…$/);
    assert.match(logs[1], /^ {2}argument: .*Krawczyk/);
    assert.match(logs[2], /^ {2}witness: f\(/);
  });

  it('without a transform at the cursor, both say what to do', async () => {
    fake.openEditor('/w/empty.md', '# nothing here\n', 0);
    await call('jacobianLens.showInvertibilityArgument');
    assert.equal(await call('jacobianLens.addDomain'), false);
    assert.equal(fake.shown.length, 2);
    assert.ok(fake.shown.every((s) => /put the cursor on a transform/.test(s.message)));
    void Position;
  });
});
