/**
 * Stepping through a flow in the real workbench: examples/realnvp-flow.md's f = c_2 ∘ P ∘ c_1
 * (coupling layers with stand-in networks and the swap between them) in the preview panel,
 * one layer at a time, with a screenshot of each step in artifacts/e2e/.
 */
import * as assert from 'node:assert/strict';
import { useWorkbench, Workbench } from './workbench';

describe('the workbench on a flow (examples/realnvp-flow.md)', function () {
  const workbench = useWorkbench('examples');
  let wb: Workbench;
  beforeEach(() => { wb = workbench(); });

  it('the preview steps through the layers of f = c_2 ∘ P ∘ c_1, the mass staying 1 after each', async () => {
    await wb.openFile('realnvp-flow.md', 'f = c_2 \\circ P \\circ c_1');
    await wb.clickText('f = c_2 \\circ P');
    await wb.runCommand('Jacobian Lens: Preview Transform');
    const panel = await wb.webview('Jacobian Lens: f');
    const step = panel.locator('.flow input[data-flow=step]');
    await step.waitFor({ timeout: 60_000 });
    const label = () => panel.locator('.flow output[data-flow=label]').first().innerText();
    const summary = () => panel.locator('.flow [data-flow=summary]').first().innerText();
    assert.equal(await step.inputValue(), '3');
    assert.equal(await label(), 'after c2 ∘ P ∘ c1');
    await panel.locator('button[data-value=density]').first().click();
    const shots: string[] = [];
    const layers = ['c1', 'P', 'c2'];
    for (let k = 3; k >= 0; k--) {
      if (k < 3) await panel.locator('.flow button[data-action=flow-back]').first().click();
      // the step's own summary (its layer, or the base), once its density is computed
      const prefix = k === 0 ? 'no layer applied' : `${layers[k - 1]}: log|det J|`;
      let s = '';
      for (let i = 0; i < 240 && !(s.startsWith(prefix) && s.includes('mass')); i++) {
        await new Promise((r) => setTimeout(r, 250));
        s = await summary();
      }
      assert.equal(await step.inputValue(), String(k));
      assert.match(s, /mass 1\.000\d* = 1 within the quadrature error/, `step ${k}: ${s}`);
      shots.push(await wb.screenshot(`flow-step-${k}`, wb.page.locator('iframe.webview.ready').first()));
    }
    assert.equal(await label(), 'the base density');
    assert.equal(shots.length, 4);
  });
});
