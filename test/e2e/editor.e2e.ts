/**
 * Editor integration as a person sees it, in the real workbench on test/fixtures/workspace:
 * the typeset hover (an SVG image of J and det J), the CodeLens, the ```transform grammar's
 * colours, and the built-in Markdown preview with KaTeX and the warped grid. Screenshots go
 * to artifacts/e2e/editor-*.png.
 */
import * as assert from 'node:assert/strict';
import { openWorkbench, Workbench } from './workbench';

describe('editor integration in the workbench', function () {
  let wb: Workbench;

  before(async function () {
    this.timeout(240_000); // code-server may be installed on first use
    wb = await openWorkbench('test/fixtures/workspace');
  });

  after(async () => { await wb?.close(); });

  it('the hover shows J and det J typeset as an image, the plain formula, and the command links', async () => {
    await wb.openFile('editor-notes.md', 'polar(r, theta) =');
    const image = wb.page.locator('.monaco-hover:not(.hidden) img[src^="data:image/svg+xml"]').first();
    let text = '';
    // The first hover may come before the TeX worker has typeset the formulas: hover again.
    for (let attempt = 0; attempt < 6; attempt++) {
      text = await wb.hover('polar(r, theta) =', /det J/);
      if (await image.count()) break;
      await wb.page.keyboard.press('Escape');
      await wb.page.waitForTimeout(1000);
    }
    await image.waitFor({ timeout: 10_000 });
    const size = await image.evaluate((img: HTMLImageElement) => ({ w: img.naturalWidth, h: img.naturalHeight, complete: img.complete }));
    assert.ok(size.complete && size.w > 80 && size.h > 30, `the image is drawn (${JSON.stringify(size)})`);
    assert.match(text, /det J =\s*r\s/);
    assert.match(text, /det J at the centre of the domain \(1\.05, 0\) = 1\.05/);
    assert.match(text, /Preview/);
    assert.match(text, /Check Invertibility/);
    await wb.screenshot('editor-hover');
    await wb.screenshot('editor-hover-widget', wb.page.locator('.monaco-hover:not(.hidden)').first());
    await wb.page.keyboard.press('Escape');
  });

  it('a CodeLens "Preview · det J = r" sits above polar', async () => {
    const lens = wb.page.locator('.codelens-decoration', { hasText: 'Preview · det J = r' }).first();
    await lens.waitFor({ timeout: 30_000 });
    assert.match(await lens.innerText(), /^Preview · det J = r$/);
  });

  it('the ```transform block is highlighted: domain, numbers and functions differ from variables', async () => {
    const colours = await wb.page.locator('.editor-instance .view-line', { hasText: 'domain: r in' }).first().evaluate((line) => {
      const out: Record<string, string> = {};
      for (const span of Array.from(line.querySelectorAll('span > span'))) {
        const t = (span.textContent ?? '').replace(/\u00a0/g, ' ').trim();
        if (t) out[t] = getComputedStyle(span).color;
      }
      return out;
    });
    const fn = await wb.page.locator('.editor-instance .view-line', { hasText: 'polar(r, theta) =' }).first().evaluate((line) => {
      const spans = Array.from(line.querySelectorAll('span > span'));
      const of = (t: string) => spans.find((s) => (s.textContent ?? '').replace(/\u00a0/g, ' ').trim() === t);
      return { polar: of('polar') ? getComputedStyle(of('polar')!).color : null, cos: of('cos') ? getComputedStyle(of('cos')!).color : null };
    });
    assert.ok(colours.domain && colours['0.1'] && colours.r, JSON.stringify(colours));
    assert.notEqual(colours.domain, colours.r, 'domain is a keyword');
    assert.notEqual(colours['0.1'], colours.r, 'numbers are coloured');
    assert.ok(fn.polar && fn.cos, JSON.stringify(fn));
    assert.notEqual(fn.polar, colours.r, 'the map\'s name is a function name');
    await wb.screenshot('editor-grammar', wb.page.locator('.editor-instance').first());
  });

  it('the Markdown preview shows each ```transform block with KaTeX and the warped grid, and an error box in place', async () => {
    await wb.openFile('editor-preview.md', 'A note in the Markdown preview');
    await wb.runCommand('Markdown: Open Preview to the Side');
    const preview = await wb.webview(/Preview\]? editor-preview\.md/);
    await preview.locator('svg.jacobian-lens-grid').first().waitFor({ timeout: 60_000 });
    assert.equal(await preview.locator('svg.jacobian-lens-grid').count(), 2);
    assert.equal(await preview.locator('.jl-math .katex').count(), 6);
    assert.equal(await preview.locator('svg.jacobian-lens-grid path.jl-line').count(), 2 * 2 * 13);
    assert.match(await preview.locator('.jl-error').first().innerText(), /Jacobian Lens: line 19: /);
    // KaTeX's CSS is loaded (markdown.previewStyles): its fonts lay out the formulas.
    const katexFont = await preview.locator('.jl-math .katex').first().evaluate((el) => getComputedStyle(el).fontFamily);
    assert.match(katexFont, /KaTeX_Main/);
    await wb.screenshot('editor-markdown-preview');
    await wb.screenshot('editor-markdown-preview-webview', wb.page.locator('iframe.webview.ready').first());
  });
});
