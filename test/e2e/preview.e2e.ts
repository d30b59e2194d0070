/**
 * A person's session with examples/coordinates.md in the real workbench: hover a transform
 * and read det J, run "Jacobian Lens: Preview Transform" from the command palette, read the
 * formulas inside the webview and check that the warped grid was drawn. Screenshots go to
 * artifacts/e2e/.
 */
import * as assert from 'node:assert/strict';
import { useWorkbench, Workbench } from './workbench';

describe('the workbench on examples/', function () {
  const workbench = useWorkbench('examples');
  let wb: Workbench;
  beforeEach(() => { wb = workbench(); });

  it('hovering polar shows det J = r', async () => {
    await wb.openFile('coordinates.md', 'polar(r, theta) =');
    const text = await wb.hover('polar(r, theta)', /det J/);
    assert.match(text, /Jacobian Lens/);
    assert.match(text, /det J =\s*r\s/);
    assert.match(text, /Invertibility/);
    await wb.screenshot('1-hover-det-J');
    await wb.page.keyboard.press('Escape');
  });

  it('"Preview Transform" from the palette opens the panel with the formulas and the warped grid', async () => {
    await wb.clickText('polar(r, theta)');
    await wb.runCommand('Jacobian Lens: Preview Transform');
    const panel = await wb.webview('Jacobian Lens: polar');
    const tex = (label: string) => panel.locator(`.formula[data-label="${label}"] annotation[encoding="application/x-tex"]`).first().textContent();
    await panel.locator('.formula[data-label="det J"] .katex').first().waitFor({ timeout: 30_000 });
    assert.match((await tex('map')) ?? '', /\\operatorname\{polar\}|polar/);
    assert.match((await tex('det J')) ?? '', /\\det J = r\s*$/);
    assert.match((await tex('Jacobian')) ?? '', /\\cos/);
    // The picture: drawn when the canvas describes its det J range; then its pixels vary.
    const canvas = panel.locator('canvas.picture');
    await panel.locator('canvas.picture[aria-label*="det J from"]').waitFor({ timeout: 60_000 });
    assert.match((await canvas.getAttribute('aria-label')) ?? '', /The picture of polar: the image of a grid, cells coloured by log\|det J\|; det J from 0\.1\d* to (1\.9\d*|2)\.$/);
    const colours = await canvas.evaluate((c: HTMLCanvasElement) => {
      const ctx = c.getContext('2d');
      if (!ctx || c.width === 0 || c.height === 0) return 0;
      const { data } = ctx.getImageData(0, 0, c.width, c.height);
      const seen = new Set<number>();
      for (let i = 0; i < data.length; i += 4 * 97) seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
      return seen.size;
    });
    assert.ok(colours > 20, `the canvas shows a picture (${colours} colours sampled)`);
    await wb.screenshot('2-preview-panel');
    await wb.screenshot('3-preview-webview-only', wb.page.locator('iframe.webview.ready').first());
  });

  it('"Check Invertibility" from the palette gives its verdict in a notification', async () => {
    await wb.clickText('square(x, y)');
    await wb.runCommand('Jacobian Lens: Check Invertibility');
    const messages = await wb.notifications(/square\(x, y\)/);
    assert.ok(messages.some((m) => /^square\(x, y\) (is invertible|looks invertible)/.test(m)), messages.join('\n'));
    await wb.screenshot('4-invertibility-notification');
  });
});
