import * as assert from 'node:assert/strict';
import MarkdownIt = require('markdown-it');
import { analyzeDocument } from '../../../src/core/document';
import { createEngineOptions } from '../../../src/core/engine';
import { gridSvg } from '../../../src/extension/markdown/gridSvg';
import { DEFAULT_PREVIEW_SETTINGS, PreviewSettings, katexHtml, renderTransformBlock, transformPreviewPlugin } from '../../../src/extension/markdown/previewPlugin';

const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;
const block = (...lines: string[]) => ['```transform', ...lines, '```', ''].join('\n');
const md = (settings: Partial<PreviewSettings> = {}) => transformPreviewPlugin(new MarkdownIt(), () => ({ ...DEFAULT_PREVIEW_SETTINGS, ...settings }));

describe('the Markdown preview plugin (```transform blocks)', () => {
  const polar = block('polar(r, theta) = (r cos(theta), r sin(theta))', 'domain: r in [0.1, 2], theta in [-3, 3]');

  it('shows the definition, J and det J in KaTeX, and an SVG grid with one path per grid line', () => {
    const html = md({ lines: 12 }).render(`# Note\n\n${polar}`);
    assert.equal(count(html, /<div class="jl-math"><span class="katex-display">/g), 3);
    assert.match(html, /<annotation encoding="application\/x-tex">\\operatorname\{polar\}\(r, \\theta\) = \\begin\{pmatrix\}/);
    assert.match(html, /<annotation encoding="application\/x-tex">\\det J = r<\/annotation>/);
    assert.equal(count(html, /<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" class="jacobian-lens-grid"/g), 1);
    assert.equal(count(html, /class="jl-line"/g), 2 * 13);
    assert.ok(count(html, /class="jl-cell"/g) > 100);
    assert.doesNotMatch(html, /<pre>/, 'the source is replaced');
    assert.match(html, /<div class="jacobian-lens-block code-line" data-line="2">/);
  });

  it('the grid density setting changes the number of grid lines', () => {
    assert.equal(count(md({ lines: 4 }).render(polar), /class="jl-line"/g), 2 * 5);
  });

  it('contraction and expansion get their hues: polar contracts for r < 1 and expands for r > 1', () => {
    const t = analyzeDocument(polar, 'markdown', 'n.md', createEngineOptions()).transforms[0];
    const { svg } = gridSvg(t, { lines: 6 });
    assert.ok(count(svg, /fill="#3794ff"/g) > 0 && count(svg, /fill="#e8912d"/g) > 0);
    // A flip is hatched: (x, -y) flips everywhere.
    const flip = analyzeDocument(block('m(x, y) = (x, -y)'), 'markdown', 'n.md', createEngineOptions()).transforms[0];
    assert.ok(count(gridSvg(flip, { lines: 4 }).svg, /class="jl-flip"/g) > 0);
  });

  it('unknown functions are drawn with stand-ins that the caption names', () => {
    const html = md().render(block('c(x, y) = (x, y exp(s(x)) + t(x))'));
    assert.match(html, /drawn with s\(u\) = /);
    assert.match(html, /\\det J = e\^\{s\(x\)\}|\\det J = \\exp/);
  });

  it('other fences and the setting turned off keep the source', () => {
    const html = md().render('```js\nconst a = 1;\n```\n');
    assert.equal(html, '<pre><code class="language-js">const a = 1;\n</code></pre>\n');
    const off = md({ enabled: false }).render(polar);
    assert.match(off, /<pre><code class="language-transform">polar\(r, theta\)/);
    assert.doesNotMatch(off, /katex/);
  });

  it('errors are a readable box in place, with the document line, and user text escaped', () => {
    const html = md().render(`text\n\n${block('f(x, y) = (x, <b>y')}\nafter\n`);
    assert.match(html, /<div class="jl-error" role="note"><strong>Jacobian Lens:<\/strong> line 4: /);
    assert.doesNotMatch(html, /<b>y/);
    assert.match(html, /<p>after<\/p>/);
    const none = renderTransformBlock('# only a comment\n', DEFAULT_PREVIEW_SETTINGS);
    assert.match(none, /defines no map/);
  });

  it('KaTeX trust is off: \\href and \\url are not links', () => {
    for (const t of ['\\href{javascript:alert(1)}{x}', '\\url{https://example.com}', '\\htmlClass{x}{y}']) {
      const html = katexHtml(t);
      assert.doesNotMatch(html, /<a |href=|class="x"/, t);
    }
  });

  it('a one-variable map gets formulas but no grid', () => {
    const html = md().render(block('g(x) = x^3'));
    assert.equal(count(html, /katex-display/g), 3);
    assert.doesNotMatch(html, /jacobian-lens-grid/);
  });

  it('renders a block once per content and settings (cache)', () => {
    const m = md();
    const t0 = Date.now();
    const a = m.render(polar);
    const first = Date.now() - t0;
    const t1 = Date.now();
    const b = m.render(polar);
    assert.equal(a, b);
    assert.ok(Date.now() - t1 <= Math.max(5, first / 5), `cached render took ${Date.now() - t1} ms, first ${first} ms`);
  });
});
