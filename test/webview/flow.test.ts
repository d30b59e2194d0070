/**
 * Stepping through a flow in the panel's page (headless Chromium): the layer slider and its
 * buttons, the picture after each layer, the colours of one layer or of the running total,
 * the mass after each step, the base density. Screenshots go to artifacts/webview/.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Browsers, Panel, reportsOf, subjectOf } from './harness';
import { FLOW_NOTE } from '../unit/helpers/flows';


const text = (p: Panel, sel: string) => p.page.locator(sel).first().innerText();

describe('stepping through a flow in the panel (Chromium)', function () {
  this.timeout(120000);
  const b = new Browsers();
  before(async function () { if (!Browsers.available()) this.skip(); await b.start(); });
  after(() => b.stop());

  it('steps layer by layer: the label, the picture, the mass after each step stays 1; colours by one layer or the running total', async () => {
    const p = await b.open({ theme: 'light' });
    await p.show(subjectOf(FLOW_NOTE, 3));
    assert.equal(await p.page.locator('.flow input[data-flow=step]').inputValue(), '3');
    assert.equal(await text(p, '.flow output[data-flow=label]'), 'after d ∘ R ∘ c');
    const pictures: string[] = [];
    for (const [k, label] of [[2, 'after R ∘ c'], [1, 'after c'], [0, 'the base density']] as const) {
      await p.click('.flow button[data-action=flow-back]');
      assert.equal(await p.page.locator('.flow input[data-flow=step]').inputValue(), String(k));
      assert.equal(await text(p, '.flow output[data-flow=label]'), label);
      const summary = await text(p, '.flow [data-flow=summary]');
      assert.match(summary, /mass 1\.0000\d = 1 within the quadrature error ±\d\.\de-\d/, `step ${k}: ${summary}`);
      pictures.push(Buffer.from((await p.pixels()).data).toString('base64'));
    }
    assert.equal(new Set(pictures).size, 3, 'each step draws another picture');
    assert.match(await text(p, '.flow [data-flow=summary]'), /^no layer applied/);
    await p.click('.flow button[data-action=flow-next]');
    await p.click('.flow button[data-action=flow-next]');
    assert.match(await text(p, '.flow [data-flow=summary]'), /^R: log\|det J\| 0 · running total \(c \+ R\): -0\.\d+ … 0\.\d+/);
    await p.click('.flow button[data-value=layer]');
    await p.screenshot('flow-step-2-layer');
    await p.click('.flow button[data-value=total]');
    await p.screenshot('flow-step-2-total');
    await p.click('button[data-value=density]');
    await p.click('button[data-value=uniform]');
    const summary = await text(p, '.flow [data-flow=summary]');
    assert.match(summary, /mass 1\.0000\d = 1 within the quadrature error/, summary);
    assert.match(await text(p, '.status'), /uniform density: mass 1/);
    await p.screenshot('flow-step-2-density-uniform');
    // the choices persist with the transform's view
    const s = await p.state() as { current: string; views: Array<[string, Record<string, unknown>]> };
    const o = s.views.find(([k]) => k === s.current)![1];
    assert.deepEqual([o.step, o.colourBy, o.baseDensity], [2, 'total', 'uniform']);
    assert.deepEqual(p.errors, []);
  });

  /** Every step of the flow on screen: its label, its summary (the mass stays 1), its picture; base densities N(0, I) and uniform. */
  async function walk(p: Panel, layers: readonly string[]): Promise<void> {
    const K = layers.length;
    assert.equal(await p.page.locator('.flow input[data-flow=step]').getAttribute('max'), String(K));
    const pictures = new Set<string>();
    for (let k = K; k >= 0; k--) {
      if (k < K) await p.click('.flow button[data-action=flow-back]');
      assert.equal(await text(p, '.flow output[data-flow=label]'), k === 0 ? 'the base density' : `after ${layers.slice(0, k).reverse().join(' ∘ ')}`);
      const summary = await text(p, '.flow [data-flow=summary]');
      assert.match(summary, /mass 1\.000\d\d = 1 within the quadrature error ±\d\.\de-\d/, `step ${k}: ${summary}`);
      if (k > 0) assert.ok(summary.startsWith(`${layers[k - 1]}: log|det J| `) && summary.includes(`running total (${layers.slice(0, k).join(' + ')})`), summary);
      pictures.add(Buffer.from((await p.pixels()).data).toString('base64'));
    }
    assert.equal(pictures.size, K + 1, 'each step draws another picture');
    for (let k = 1; k <= K; k++) await p.click('.flow button[data-action=flow-next]');
    await p.click('.flow button[data-value=layer]');
    const layer = Buffer.from((await p.pixels()).data).toString('base64');
    await p.click('.flow button[data-value=total]');
    assert.notEqual(Buffer.from((await p.pixels()).data).toString('base64'), layer, 'the last layer alone and the running total colour the cells differently');
    await p.click('button[data-value=density]');
    for (const base of ['uniform', 'normal']) {
      await p.click(`button[data-value=${base}]`);
      assert.match(await text(p, '.flow [data-flow=summary]'), /mass 1\.000\d\d = 1 within the quadrature error/, base);
    }
  }

  it('a note\'s own three layers (a helper of one variable applied to each coordinate, the flow\'s own domain): every step, colours, mass, base density', async () => {
    const note = [
      'A shear, a swap and an activation $h(t) = t + \\tfrac12 \\tanh t$:',
      '$$ c(x, y) = \\left(x, \\; y + \\frac{x^2}{4}\\right) $$', 'then', '$$ R(u, v) = (v, u) $$', 'and the flow',
      '$$ F \\coloneqq h \\circ R \\circ c, \\qquad x \\in [-1.5, 1.5], \\; y \\in [-1, 1] $$',
    ].join('\n');
    const i = reportsOf(note).findIndex((t) => t.name === 'F');
    const p = await b.open({ theme: 'dark' });
    await p.show(subjectOf(note, i));
    await walk(p, ['c', 'R', 'h']);
    await p.screenshot('flow-note-three-layers-dark');
    assert.deepEqual(p.errors, []);
  });

  it('the seed\'s flow (examples/realnvp-flow.md: coupling, swap, coupling with unknown networks drawn with stand-ins): every step, colours, mass, base density', async () => {
    const note = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'examples', 'realnvp-flow.md'), 'utf8');
    const i = reportsOf(note).findIndex((t) => t.name === 'f');
    const p = await b.open({ theme: 'light' });
    await p.show(subjectOf(note, i));
    await walk(p, ['c1', 'P', 'c2']);
    await p.screenshot('flow-realnvp-light');
    assert.deepEqual(p.errors, []);
  });
});
