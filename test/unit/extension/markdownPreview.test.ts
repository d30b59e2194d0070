import * as assert from 'node:assert/strict';
import MarkdownIt = require('markdown-it');
import { analyzeDocument } from '../../../src/core/document';
import { createEngineOptions } from '../../../src/core/engine';
import { gridSvg } from '../../../src/extension/markdown/gridSvg';
import { AsyncBlockReports, BlockReport, DEFAULT_PREVIEW_SETTINGS, PreviewSettings, analyzeBlock, inProcessReports, katexHtml, transformPreviewPlugin } from '../../../src/extension/markdown/previewPlugin';

const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;
const block = (...lines: string[]) => ['```transform', ...lines, '```', ''].join('\n');
const md = (settings: Partial<PreviewSettings> = {}) => transformPreviewPlugin(new MarkdownIt(), () => ({ ...DEFAULT_PREVIEW_SETTINGS, ...settings }));

describe('the Markdown preview plugin (```transform blocks)', () => {
  const polar = block('polar(r, theta) = (r cos(theta), r sin(theta))', 'domain: r in [0.1, 2], theta in [-3, 3]');

  it('shows the definition, J and det J in KaTeX, and an SVG grid with one path per grid line', () => {
    const html = md({ lines: 12 }).render(`# Note\n\n${polar}`);
    // the definition and J as display math; det J as inline math in display style (it wraps)
    assert.equal(count(html, /<div class="jl-math"><span class="katex-display">/g), 2);
    assert.equal(count(html, /<div class="jl-math jl-wrap"><span class="katex">/g), 1);
    assert.match(html, /<annotation encoding="application\/x-tex">\\operatorname\{polar\}\(r, \\theta\) = \\begin\{pmatrix\}/);
    assert.match(html, /<annotation encoding="application\/x-tex">\\displaystyle \\det J = r<\/annotation>/);
    assert.equal(count(html, /<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" class="jacobian-lens-grid"/g), 1);
    assert.equal(count(html, /class="jl-line"/g), 2 * 13);
    // the cells, a 12 x 12 grid's squares, gathered in one path per colour and shade
    const cells = html.match(/<path class="jl-cell" d="[^"]*"/g) ?? [];
    assert.ok(cells.length >= 2 && cells.length <= 24, `${cells.length} cell paths`);
    assert.ok(count(cells.join(''), /M/g) > 100);
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

  it('the picture is small: cells in whole pixels, all wound the same way (where cells overlap at a fold they fill, never cancel)', () => {
    const fold = analyzeDocument(block('g(x, y) = (x + 2 y^2, 3 y + x^3 / 2)'), 'markdown', 'n.md', createEngineOptions()).transforms[0];
    const { svg } = gridSvg(fold, { lines: 12 });
    assert.ok(svg.length < 30_000, `${svg.length} characters`);
    assert.ok(count(svg, /class="jl-fold"/g) > 0, 'the map folds');
    const areas: number[] = [];
    for (const [, d] of svg.matchAll(/<path class="jl-cell" d="([^"]*)"/g)) {
      for (const sub of d.split('Z').filter(Boolean)) {
        const nums = sub.replace(/^M/, '').split(/l| /).map(Number);
        assert.ok(nums.every(Number.isInteger), sub);
        // the points from the relative steps, and the polygon's signed area
        const pts: number[][] = [[nums[0], nums[1]]];
        for (let i = 2; i + 1 < nums.length; i += 2) { const [x, y] = pts[pts.length - 1]; pts.push([x + nums[i], y + nums[i + 1]]); }
        areas.push(pts.reduce((a, [x, y], i) => { const [u, v] = pts[(i + 1) % pts.length]; return a + x * v - u * y; }, 0));
      }
    }
    const [wound, against] = [areas.filter((a) => a < 0).length, areas.filter((a) => a > 0).length].sort((a, b) => b - a);
    assert.deepEqual([wound > 100, against], [true, 0]);
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
    assert.match(md().render(block('# only a comment')), /defines no map/);
  });

  it('KaTeX trust is off: \\href and \\url are not links', () => {
    for (const t of ['\\href{javascript:alert(1)}{x}', '\\url{https://example.com}', '\\htmlClass{x}{y}']) {
      const html = katexHtml(t);
      assert.doesNotMatch(html, /<a |href=|class="x"/, t);
    }
  });

  it('a one-variable map gets formulas but no grid', () => {
    const html = md().render(block('g(x) = x^3'));
    assert.equal(count(html, /<div class="jl-math[^"]*"><span class="katex/g), 3);
    assert.doesNotMatch(html, /jacobian-lens-grid/);
  });

  it('analyses a block once per content and settings, also when lines are inserted above it (cache)', () => {
    let analyses = 0;
    const reports = inProcessReports((c, x) => { analyses++; return analyzeBlock(c, x); });
    let settings: PreviewSettings = DEFAULT_PREVIEW_SETTINGS;
    const m = transformPreviewPlugin(new MarkdownIt(), () => settings, { reports });
    const a = m.render(polar);
    assert.equal(analyses, 1);
    assert.equal(m.render(polar), a);
    const moved = m.render(`# Title\n\nA paragraph.\n\n${polar}`);
    assert.equal(analyses, 1, 'the same content further down is not analysed again');
    assert.match(moved, /<div class="jacobian-lens-block code-line" data-line="4">/, 'but placed at its new line');
    settings = { ...settings, lines: 4 };
    assert.equal(count(m.render(polar), /class="jl-line"/g), 2 * 5, 'drawn again for the new grid setting');
    assert.equal(analyses, 1, 'the picture changed, the analysis did not');
    settings = { ...settings, defaultDomain: [-1, 1] };
    m.render(polar);
    assert.equal(analyses, 2, 'a setting the analysis reads analyses again');
  });
});

describe('the Markdown preview never analyses on the host: reports from the worker', () => {
  const polar = block('polar(r, theta) = (r cos(theta), r sin(theta))', 'domain: r in [0.1, 2], theta in [-3, 3]');
  const shear = block('shear(x, y) = (x + 2 y, y)');
  /** An analyzer whose answers the test releases, and a count of refresh requests. */
  function worker() {
    const asked: Array<{ text: string; answer: (r: BlockReport) => void; fail: (e: Error) => void }> = [];
    let refreshed = 0;
    const reports = new AsyncBlockReports(
      (text) => new Promise<BlockReport>((answer, fail) => asked.push({ text, answer, fail })),
      () => { refreshed++; }, () => 'config', 64, 0);
    const answer = async (i: number) => {
      const before = refreshed;
      asked[i].answer(analyzeBlock(asked[i].text.replace(/^```transform\n|```\n$/g, ''), DEFAULT_PREVIEW_SETTINGS));
      // the refresh is a 0 ms timer set once the answer's callbacks ran: wait for it rather than a fixed
      // few ms, which a pause of the machine (GC, load) can outlast
      for (let k = 0; k < 200 && refreshed === before; k++) await new Promise((r) => setTimeout(r, 5));
    };
    return { asked, reports, answer, refreshed: () => refreshed };
  }

  it('shows a short placeholder with the source, asks one block at a time in document order, and refreshes when reports arrive', async () => {
    const w = worker();
    const m = transformPreviewPlugin(new MarkdownIt(), () => DEFAULT_PREVIEW_SETTINGS, { reports: w.reports, refresh: () => undefined });
    const note = `${polar}\ntext\n\n${shear}`;
    const first = m.render(note);
    assert.equal(count(first, /jl-pending/g), 2);
    assert.doesNotMatch(first, /katex/);
    assert.match(first, /<div class="jacobian-lens-block jl-pending code-line" data-line="0">.*analysing/);
    assert.match(first, /polar\(r, theta\) = \(r cos\(theta\)/, 'the source is shown meanwhile');
    assert.equal(w.asked.length, 1, 'one request at a time');
    assert.match(w.asked[0].text, /polar/, 'the top of the note first');
    m.render(note);
    assert.equal(w.asked.length, 1, 'a block already asked for is not asked again');
    await w.answer(0);
    assert.equal(w.refreshed(), 1);
    assert.equal(w.asked.length, 2);
    const second = m.render(note);
    assert.equal(count(second, /jl-pending/g), 1);
    assert.match(second, /\\det J = r<\/annotation>/);
    await w.answer(1);
    const third = m.render(note);
    assert.equal(count(third, /jl-pending/g), 0);
    assert.match(third, /\\det J = 1<\/annotation>/);
    assert.equal(w.asked.length, 2);
  });

  it('a failed request is an error box at the block, not asked again', async () => {
    const w = worker();
    const m = transformPreviewPlugin(new MarkdownIt(), () => DEFAULT_PREVIEW_SETTINGS, { reports: w.reports, refresh: () => undefined });
    m.render(`text\n\n${shear}`);
    w.asked[0].fail(new Error('the analysis took longer than 30 s'));
    await new Promise((r) => setTimeout(r, 5));
    const html = m.render(`text\n\n${shear}`);
    assert.match(html, /Jacobian Lens:<\/strong> line 3: this block could not be analysed: the analysis took longer than 30 s/);
    assert.equal(w.asked.length, 1);
  });

  it('one render draws new blocks for a bounded time and leaves the rest pending, asking for a refresh', () => {
    let clock = 0, refreshes = 0;
    const ready = inProcessReports();
    // every report is ready; a block not drawn before takes 10 ms of the (fake) clock
    const seen = new Set<string>();
    const reports = { get: (c: string, s: PreviewSettings) => { if (!seen.has(c)) { seen.add(c); clock += 10; } return ready.get(c, s); } };
    const m = transformPreviewPlugin(new MarkdownIt(), () => DEFAULT_PREVIEW_SETTINGS, { reports, refresh: () => { refreshes++; }, renderBudgetMs: 30, now: () => clock });
    const note = [polar, shear, block('s(x, y) = (2 x, y)'), block('t(x, y) = (x, 3 y)')].join('\n');
    const first = m.render(note);
    assert.equal(count(first, /jl-pending/g), 2);
    assert.equal(refreshes, 1);
    const second = m.render(note);
    assert.equal(count(second, /jl-pending/g), 0, 'drawn blocks are kept; the next render draws the rest');
    assert.equal(refreshes, 1);
  });
});
