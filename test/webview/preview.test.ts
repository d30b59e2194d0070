/**
 * The built-in Markdown preview's HTML for ```transform blocks, laid out by Chromium with
 * KaTeX's stylesheet and the preview's: a long det J wraps to the column instead of scrolling.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { mapsHtml } from '../../src/extension/markdown/previewPlugin';
import { Browsers, ROOT, block, reportsOf } from './harness';

describe('the Markdown preview in Chromium', function () {
  this.timeout(120000);
  const browsers = new Browsers();
  before(async function () {
    if (!Browsers.available()) throw new Error('Chromium is missing: apt-get install -y chromium');
    await browsers.start();
  });
  after(() => browsers.stop());

  it('a det J wider than the column wraps after its + and - signs: nothing scrolls, nothing is cut', async () => {
    const [t] = reportsOf(block('h(x, y, z) = (x + y^2 z + sin(y), y + z^2 x + cos(z), z + x^2 y + sin(x))'));
    assert.ok(t.detSymbolic && t.latex.det.length > 80, t.latex.det);
    const css = fs.readFileSync(path.join(ROOT, 'media', 'markdown-preview.css'), 'utf8');
    const page = await browsers.page(`<div class="jacobian-lens-block">${mapsHtml([t], { lines: 6 })}</div>`, { css, width: 480 });
    try {
      const det = page.locator('.jl-wrap').filter({ has: page.locator('annotation', { hasText: '\\det J' }) });
      assert.equal(await det.count(), 1);
      const m = await det.evaluate((el) => {
        const k = el.querySelector('.katex-html')!;
        const tops = new Set(Array.from(k.querySelectorAll(':scope > .katex-base')).map((b) => Math.round(b.getBoundingClientRect().top)));
        return { scroll: el.scrollWidth, client: el.clientWidth, lines: tops.size, right: Math.max(...Array.from(k.querySelectorAll(':scope > .katex-base')).map((b) => b.getBoundingClientRect().right)), box: el.getBoundingClientRect().right };
      });
      assert.ok(m.scroll <= m.client + 1, `det J scrolls: ${m.scroll} > ${m.client}`);
      assert.ok(m.lines >= 2, `det J is on ${m.lines} line(s)`);
      assert.ok(m.right <= m.box + 1, 'no part of det J is outside its box');
    } finally {
      await page.context().close();
    }
  });

  it('a J entry that is one long product breaks between its factors; every formula line fits the column', async () => {
    const [t] = reportsOf(block('p(x, y) = (x*(y^2 + 3*y + 3)^3*(y^3 - y + 7)^2*(y^4 + y + 11)^3*(y^2 + 17*y - 13)*(y^5 - 2*y + 19), y)'));
    const css = fs.readFileSync(path.join(ROOT, 'media', 'markdown-preview.css'), 'utf8');
    const page = await browsers.page(`<div class="jacobian-lens-block">${mapsHtml([t], { lines: 6 })}</div>`, { css, width: 420 });
    try {
      const lines = page.locator('.jl-wrap');
      assert.ok(await lines.count() >= 2, 'J entries and det J on lines of their own');
      for (const el of await lines.all()) {
        const m = await el.evaluate((e) => ({ scroll: e.scrollWidth, client: e.clientWidth, text: e.querySelector('annotation')?.textContent ?? '' }));
        assert.ok(m.scroll <= m.client + 1, `${m.text.slice(0, 60)} scrolls: ${m.scroll} > ${m.client}`);
      }
    } finally {
      await page.context().close();
    }
  });
});
