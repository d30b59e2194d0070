/**
 * A Jupyter notebook in the workbench: its rendered markdown cells show a ```transform block
 * as the Markdown preview does (KaTeX and the warped grid), through the notebook renderer
 * that extends VS Code's markdown-it renderer. Screenshot: artifacts/e2e/notebook-transform.png.
 */
import * as assert from 'node:assert/strict';
import { useWorkbench } from './workbench';

describe('a notebook in the workbench', function () {
  const workbench = useWorkbench('test/fixtures/workspace');

  it('a rendered markdown cell shows its ```transform block with KaTeX and the warped grid', async function () {
    this.timeout(300_000); // a loaded machine may take a minute to register the notebook type
    const { page, screenshot } = workbench();
    // from the Explorer (Quick Open's file search may still be indexing a fresh workspace)
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'formats-notebook.ipynb' }).first().dblclick();
    const notebook = page.locator('.notebook-editor').first();
    try {
      await notebook.waitFor({ timeout: 15_000 });
    } catch {
      // opened as JSON text: the workbench had not yet read the notebook types of its built-in
      // extensions (ipynb's jupyter-notebook) when the file was opened. Reopen it as a notebook;
      // on a loaded machine the picker may still offer only the text editor, so ask again until
      // the notebook type is registered.
      const input = page.locator('.quick-input-widget .quick-input-box input').first();
      const jupyter = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Jupyter Notebook' }).first();
      const deadline = Date.now() + 75_000;
      for (;;) {
        await page.keyboard.press('F1');
        await input.fill('>Reopen Editor With');
        await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Reopen Editor With...' }).first().click();
        try {
          await jupyter.click({ timeout: 8_000 });
          break;
        } catch (e) {
          if (Date.now() > deadline) throw e;
          await page.keyboard.press('Escape');
          await page.waitForTimeout(3_000);
        }
      }
      await notebook.waitFor({ timeout: 60_000 });
    }
    // markdown cells are rendered in the notebook's webview, each in a shadow root (CSS locators pierce it)
    const cells = page.frameLocator('.notebook-editor iframe.webview.ready').first().frameLocator('iframe#active-frame');
    const block = cells.locator('.jacobian-lens-block').first();
    await block.waitFor({ timeout: 90_000 });
    assert.equal(await cells.locator('.jacobian-lens-block').count(), 1);
    assert.equal(await block.locator('.jl-math .katex').count(), 3, 'the definition, J and det J, typeset');
    assert.match((await block.locator('.jl-math annotation').nth(2).textContent()) ?? '', /\\det J = 1/);
    assert.equal(await block.locator('svg.jacobian-lens-grid path.jl-line').count(), 2 * 13);
    // KaTeX's stylesheet reached the shadow root: the formula is laid out, not raw MathML text
    const katexFont = await block.locator('.katex .mord').first().evaluate((el) => getComputedStyle(el).fontFamily);
    assert.match(katexFont, /KaTeX/);
    // the cell's other markdown stays as it was
    await cells.locator('text=and a block:').first().waitFor({ timeout: 10_000 });
    await block.scrollIntoViewIfNeeded();
    await screenshot('notebook-transform', notebook);
    await screenshot('notebook-transform-block', block);
  });
});
