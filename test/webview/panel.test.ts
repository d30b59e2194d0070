/**
 * The panel's page in headless Chromium: what it draws (pixel checks against known maps),
 * how it behaves (messages, CSP, state, export, interaction). See harness.ts.
 */
import * as assert from 'node:assert/strict';
import { Browsers, Panel, block, dist, hex, pixel, runsAlongRow, subjectOf, THEMES, Theme } from './harness';

interface ViewT { cx: number; cy: number; scale: number }
interface Box { x: number; y: number; width: number; height: number }
const LEGEND = 58, GAP = 8;

/** The pane rectangles for a canvas, as webview/lib/render.ts lays them out. */
function panes(width: number, height: number, mode: 'overlay' | 'side'): { input?: Box; output: Box } {
  const h = height - LEGEND;
  if (mode === 'overlay') return { output: { x: 0, y: 0, width, height: h } };
  const w = Math.floor((width - GAP) / 2);
  return { input: { x: 0, y: 0, width: w, height: h }, output: { x: w + GAP, y: 0, width: width - w - GAP, height: h } };
}

const toPx = (v: ViewT, b: Box, x: number, y: number): [number, number] => [b.x + b.width / 2 + (x - v.cx) * v.scale, b.y + b.height / 2 - (y - v.cy) * v.scale];
const toWorld = (v: ViewT, b: Box, px: number, py: number): [number, number] => [v.cx + (px - b.x - b.width / 2) / v.scale, v.cy - (py - b.y - b.height / 2) / v.scale];

async function views(p: Panel): Promise<{ input: ViewT; output: ViewT; options: Record<string, unknown> }> {
  const s = await p.state() as { current: string; views: Array<[string, { input: ViewT; output: ViewT }]> };
  const o = s.views.find(([k]) => k === s.current)![1];
  return { input: o.input, output: o.output, options: o as unknown as Record<string, unknown> };
}

async function setOverlay(p: Panel, name: string, on: boolean): Promise<void> {
  const open = await p.page.evaluate(() => (document.querySelector('details.options') as HTMLDetailsElement).open);
  if (!open) await p.page.click('details.options > summary');
  const box = p.page.locator(`input[data-overlay=${name}]`);
  if ((await box.isChecked()) !== on) await box.click();
}

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const diffs = (xs: number[]) => xs.slice(1).map((x, i) => x - xs[i]);

describe('the preview panel in Chromium', function () {
  this.timeout(120000);
  const browsers = new Browsers();
  before(async function () {
    if (!Browsers.available()) {
      throw new Error('Chromium is missing: the webview tests run the panel in Debian\'s Chromium. Install it with `apt-get install -y chromium`.');
    }
    await browsers.start();
  });
  after(() => browsers.stop());

  let panel: Panel;
  const open = async (theme: Theme = 'light') => { panel = await browsers.open({ theme }); return panel; };
  afterEach(async function () {
    if (panel) {
      if (this.currentTest?.state === 'failed') await panel.screenshot(`failed-${this.currentTest.title.replace(/\W+/g, '-')}`);
      const errors = panel.errors;
      await panel.page.context().close();
      if (this.currentTest?.state === 'passed') assert.deepEqual(errors, [], 'the page logged no errors');
    }
  });

  it('draws polar coordinates in a worker, under its CSP, with no violation', async () => {
    const p = await open();
    await p.show(subjectOf(block('polar(r, theta) = (r cos(theta), r sin(theta))\ndomain: r in [0.1, 2], theta in [-3, 3]')));
    const status = await p.page.textContent('.status');
    assert.match(status!, /det J on the cells: 0\.1\d* … 1\.9\d*/);
    assert.doesNotMatch(status!, /on the page/, 'the picture was computed in the worker');
    assert.deepEqual(await p.page.evaluate(() => (window as unknown as { __cspViolations: unknown[] }).__cspViolations), []);
    const katex = await p.page.locator('.formula .katex').count();
    assert.ok(katex >= 3, 'f, J and det J are typeset');
    await p.screenshot('polar-light');
  });

  it('draws the report it is made with at once, asks for the picture before typesetting the formulas, and does not redraw the same report posted again', async () => {
    const subject = subjectOf(block('polar(r, theta) = (r cos(theta), r sin(theta))\ndomain: r in [0.1, 2], theta in [-3, 3]'));
    panel = await browsers.open({ initial: { type: 'update', subject } });
    const p = panel;
    // no message posted: the page's own first report is drawn
    const drawn = await p.waitForPicture(0);
    assert.match((await p.page.locator('canvas.picture').getAttribute('aria-label')) ?? '', /The picture of polar: .*det J from 0\.1/);
    assert.ok(await p.page.locator('.formula[data-label="det J"] .katex').count(), 'det J is typeset');
    const order = await p.page.evaluate(() => ['picture requested', 'formulas typeset'].map((n) => performance.getEntriesByName(n, 'mark')[0]?.startTime ?? -1));
    assert.ok(order[0] >= 0 && order[1] >= 0, `both marks set: ${order.join(', ')}`);
    assert.ok(order[0] <= order[1], `the picture was asked for (${order[0]} ms) before the formulas were typeset (${order[1]} ms)`);
    // the host's answer to `ready` (the same report) is not drawn again; another report is
    await p.post({ type: 'update', subject });
    await p.page.waitForTimeout(800);
    assert.equal(await p.pictureVersion(), drawn, 'the same report is not drawn twice');
    // after an error, the same report clears it
    await p.post({ type: 'error', message: 'a problem', where: 'note.md:2' });
    await p.show(subject);
    assert.equal(await p.page.locator('.banner').isHidden(), true, 'the error is gone');
    await p.show(subjectOf(block('g(x, y) = (2 x, y)')));
    assert.match((await p.page.locator('canvas.picture').getAttribute('aria-label')) ?? '', /The picture of g/);
    await p.show(subject);
    assert.match((await p.page.locator('canvas.picture').getAttribute('aria-label')) ?? '', /The picture of polar/);
  });

  it('draws its first picture on the page while its worker is still starting, and the next ones too', async () => {
    const subject = subjectOf(block('polar(r, theta) = (r cos(theta), r sin(theta))\ndomain: r in [0.1, 2], theta in [-3, 3]'));
    panel = await browsers.open({ initial: { type: 'update', subject }, hold: ['worker.js'] });
    const p = panel;
    // the worker's script never comes: the picture cannot have been computed there
    const drawn = await p.waitForPicture(0);
    assert.match((await p.page.locator('canvas.picture').getAttribute('aria-label')) ?? '', /The picture of polar: .*det J from 0\.1/);
    await p.click('button[data-action=zoom-in]');
    assert.ok(await p.pictureVersion() > drawn, 'a zoom is drawn too');
    assert.doesNotMatch((await p.page.textContent('.status')) ?? '', /no worker/, 'a worker still starting is not a failed one');
  });

  it('draws its first picture before KaTeX is loaded, and typesets the formulas when it is', async () => {
    const subject = subjectOf(block('polar(r, theta) = (r cos(theta), r sin(theta))\ndomain: r in [0.1, 2], theta in [-3, 3]'));
    panel = await browsers.open({ initial: { type: 'update', subject }, hold: ['typeset.js'] });
    const p = panel;
    await p.waitForPicture(0);
    assert.match((await p.page.locator('canvas.picture').getAttribute('aria-label')) ?? '', /The picture of polar/);
    assert.equal(await p.page.locator('.formula').count() > 0, true, 'the formula rows are in place');
    assert.equal(await p.page.locator('.katex').count(), 0, 'nothing typeset: KaTeX is not in the page\'s own script');
    // KaTeX comes (the held script served now): the same rows are typeset
    await p.page.unroute('**/webview/typeset.js');
    await p.page.evaluate(() => {
      const s = document.createElement('script');
      s.src = document.body.dataset.typeset!;
      s.nonce = document.querySelector<HTMLScriptElement>('script[nonce]')!.nonce;
      document.head.append(s);
    });
    await p.page.locator('.formula[data-label="det J"] .katex').first().waitFor({ timeout: 20000 });
  });

  it('says the assumed domain where the verdict depends on it (polar), not for a linear map', async () => {
    const p = await open();
    await p.show(subjectOf(block('polar(r, theta) = (r cos(theta), r sin(theta))')));
    const note = await p.page.textContent('.domain-note');
    assert.match(note!, /No domain given: r, theta in \[-2, 2\] assumed\. The verdict/);
    assert.equal(await p.page.locator('.domain-note button').count(), 1, 'the Add a domain button');
    await p.show(subjectOf(block('f(x, y) = (2 x + y, x - 3 y)')));
    await p.page.waitForFunction(() => document.querySelector('header h1')?.textContent?.startsWith('f('));
    assert.equal(await p.page.locator('.domain-note').count(), 0);
  });

  it('(2x, y): vertical lines are twice as far apart in the output as in the input', async () => {
    const p = await open();
    await p.show(subjectOf(block('f(x, y) = (2 x, y)')));
    await setOverlay(p, 'ellipses', false);
    await p.click('button[data-value=side]');
    const img = await p.pixels();
    const v = await views(p);
    const b = panes(img.width, img.height, 'side');
    const line = hex(THEMES.light.vars['charts-foreground']);
    const isLine = (c: number[]) => dist(c, line) < 70;
    // A row between two horizontal grid lines (at y = 0 and y = 1/3).
    const rowIn = Math.round(toPx(v.input, b.input!, 0, 1 / 6)[1]), rowOut = Math.round(toPx(v.output, b.output, 0, 1 / 6)[1]);
    const inLines = runsAlongRow(img, rowIn, b.input!.x + 2, b.input!.x + b.input!.width - 2, isLine);
    const outLines = runsAlongRow(img, rowOut, b.output.x + 2, b.output.x + b.output.width - 2, isLine);
    assert.equal(inLines.length, 13, `13 vertical lines in the input, found ${inLines}`);
    assert.equal(outLines.length, 13, `13 vertical lines in the output, found ${outLines}`);
    const ratio = median(diffs(outLines)) / median(diffs(inLines));
    assert.ok(Math.abs(ratio - 2) < 0.05, `spacing ratio ${ratio}`);
    // And they sit where they should: x = 2u for the lines u = -2, -5/3, ..., 2.
    outLines.forEach((px, i) => {
      const [x] = toWorld(v.output, b.output, px + 0.5, rowOut);
      assert.ok(Math.abs(x - 2 * (-2 + i / 3)) < 1.5 / v.output.scale, `line ${i} at x = ${x}`);
    });
    assert.equal(v.input.scale, v.output.scale, 'side by side, both panes share one scale');
    await p.screenshot('double-x-side');
  });

  it('(x, y^2): the fold is drawn on the image of y = 0, and flipped cells are hatched', async () => {
    const p = await open();
    await p.show(subjectOf(block('f(x, y) = (x, y^2)')));
    const img = await p.pixels();
    const v = await views(p);
    const b = panes(img.width, img.height, 'overlay').output;
    const fold = hex(THEMES.light.vars['charts-purple']);
    const ys: number[] = [], xs: number[] = [];
    for (let py = b.y + 20; py < b.y + b.height - 20; py++) for (let px = b.x + 40; px < b.x + b.width; px++) {
      if (dist(pixel(img, px, py), fold) < 40) { const [x, y] = toWorld(v.output, b, px + 0.5, py + 0.5); xs.push(x); ys.push(y); }
    }
    assert.ok(ys.length > 100, `fold pixels: ${ys.length}`);
    for (const y of ys) assert.ok(Math.abs(y) <= 3 / v.output.scale, `a fold pixel at y = ${y}`);
    assert.ok(Math.min(...xs) < -1.9 && Math.max(...xs) > 1.9, 'the fold spans the image of y = 0, x from -2 to 2');
    await p.screenshot('fold-x-ysquared');
    // The sheet from y < 0 has det J < 0: hatched over the image (which both sheets cover).
    await setOverlay(p, 'flips', false);
    await p.page.waitForTimeout(50);
    const plain = await p.pixels();
    let changed = 0, outside = 0;
    for (let py = b.y; py < b.y + b.height; py++) for (let px = b.x; px < b.x + b.width; px += 2) {
      if (dist(pixel(img, px, py), pixel(plain, px, py)) > 20) {
        const [x, y] = toWorld(v.output, b, px + 0.5, py + 0.5);
        if (Math.abs(x) <= 2.05 && y >= -0.05 && y <= 4.05) changed++; else outside++;
      }
    }
    assert.ok(changed > 2000, `hatched pixels in the image: ${changed}, elsewhere: ${outside}`);
    assert.equal(outside, 0, 'no hatching outside the image');
  });

  it('colours contraction and expansion in their two hues ((x, y e^x))', async () => {
    const p = await open('dark');
    await p.show(subjectOf(block('f(x, y) = (x, y exp(x))')));
    await setOverlay(p, 'ellipses', false);
    await p.click('button[data-value=side]');
    const img = await p.pixels();
    const v = await views(p);
    const b = panes(img.width, img.height, 'side').input!;
    const bg = hex(THEMES.dark.vars['editor-background']);
    const at = (x: number, y: number) => { const [px, py] = toPx(v.input, b, x, y); return pixel(img, px, py); };
    const left = at(-1.5, 0.5), right = at(1.5, 0.5);
    const blue = hex(THEMES.dark.vars['charts-blue']), orange = hex(THEMES.dark.vars['charts-orange']);
    assert.ok(dist(left, blue) < dist(left, orange) && left[2] > left[0] + 60, `contraction at x = -1.5 is blue: ${left}`);
    assert.ok(dist(right, orange) < dist(right, blue) && right[0] > right[2] + 60, `expansion at x = 1.5 is orange: ${right}`);
    const mid = at(1 / 6, 0.5);
    assert.ok(dist(mid, bg) < dist(right, bg) / 2, `near det J = 1 the cell is close to neutral: ${mid}`);
    await p.screenshot('hues-dark-side');
  });

  it('shows malformed messages as errors in place, and recovers', async () => {
    const p = await open();
    await p.post({ type: 'update', subject: { uri: 'file:///a.md', fileName: 'a.md', report: { name: 'f' } } });
    assert.match((await p.page.textContent('#app'))!, /could not show this: .*malformed report.*variables/);
    await p.post(42);
    assert.match((await p.page.textContent('#app'))!, /not an object/);
    await p.post({ type: 'teleport' });
    assert.match((await p.page.textContent('#app'))!, /unknown message "teleport"/);
    const logs = (await p.posted()).filter((m) => m.type === 'log' && m.level === 'error');
    assert.ok(logs.length >= 3, 'each one is logged for the host');
    await p.show(subjectOf(block('f(x, y) = (x + y, x - y)')));
    assert.match((await p.page.textContent('.status'))!, /det J on the cells: −2 … −2/);
  });

  it('keeps the last picture and shows a definition error above it', async () => {
    const p = await open();
    await p.show(subjectOf(block('f(x, y) = (x + y, x - y)')));
    const before = await p.pixels();
    await p.post({ type: 'error', message: 'expected ")"', where: 'note.md:2' });
    assert.ok(await p.page.isVisible('.banner'));
    assert.match((await p.page.textContent('.banner'))!, /expected "\)".*note\.md:2.*last valid definition/);
    const after = await p.pixels();
    assert.deepEqual(after.data, before.data, 'the picture stays');
  });

  it('blocks inline script and eval (CSP)', async () => {
    const p = await open();
    const ran = await p.page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inlineRan = true';
      document.body.append(s);
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
    });
    assert.equal(ran, false, 'an inline script did not run');
    await p.page.waitForFunction(() => (window as unknown as { __cspViolations: Array<{ directive: string }> }).__cspViolations.some((v) => v.directive.startsWith('script-src')));
    // eval from a task of the page's own (not from the test's evaluation, which DevTools lets through).
    const evalResult = await p.page.evaluate(() => new Promise<string>((resolve) => setTimeout(() => {
      try { resolve(String((0, eval)('1 + 1'))); } catch (e) { resolve(`blocked: ${(e as Error).name}`); }
    }, 0)));
    assert.match(evalResult, /^blocked: EvalError/);
    p.errors.length = 0; // the browser reports the refused script on the console
  });

  it('keeps the view through a small edit, fits a new transform, and restores it after a reload', async () => {
    const p = await open();
    await p.show(subjectOf(block('f(x, y) = (2 x, y)')));
    const fitted = (await views(p)).output;
    const [cx, cy] = [380, 300];
    await p.redraw(async () => { await p.page.mouse.move(cx, cy + 260); await p.page.mouse.wheel(0, -300); });
    const zoomed = (await views(p)).output;
    assert.ok(zoomed.scale > fitted.scale * 1.2, 'the wheel zoomed in');
    await p.show(subjectOf(block('f(x, y) = (2.5 x, y + 0.1 x)')));
    assert.deepEqual((await views(p)).output, zoomed, 'same name and variables: the view stays');
    await p.show(subjectOf(block('g(u, v) = (u, v)')));
    assert.notDeepEqual((await views(p)).output, zoomed, 'another transform is fitted');
    await p.page.reload();
    await p.page.waitForFunction(() => (window as unknown as { __posted: Array<{ type: string }> }).__posted.some((m) => m.type === 'ready'));
    await p.show(subjectOf(block('f(x, y) = (2.5 x, y + 0.1 x)')));
    assert.deepEqual((await views(p)).output, zoomed, 'after a reload the view comes back from the webview state');
  });

  it('pans by dragging and fits again with Fit', async () => {
    const p = await open();
    await p.show(subjectOf(block('f(x, y) = (x^2 - y^2, 2 x y)\ndomain: x in [0.25, 2], y in [-2, 2]')));
    const box = (await p.page.locator('canvas.picture').boundingBox())!;
    const start = (await views(p)).output;
    await p.redraw(async () => {
      await p.page.mouse.move(box.x + 300, box.y + 200);
      await p.page.mouse.down();
      await p.page.mouse.move(box.x + 360, box.y + 240, { steps: 4 });
      await p.page.mouse.up();
    });
    const moved = (await views(p)).output;
    assert.ok(Math.abs((start.cx - moved.cx) * start.scale - 60) < 1, 'dragged 60 px right');
    assert.ok(Math.abs((moved.cy - start.cy) * start.scale - 40) < 1, 'dragged 40 px down');
    await p.click('button[data-action=fit]');
    const refit = (await views(p)).output;
    assert.ok(Math.abs(refit.cx - start.cx) < 1e-9 && Math.abs(refit.scale - start.scale) < 1e-9);
    await p.click('button[data-action=zoom-in]');
    assert.ok(Math.abs((await views(p)).output.scale / start.scale - 1.25) < 1e-9);
    await p.screenshot('complex-square-light');
  });

  it('reads out z, f(z), J, det J under the pointer, and both preimages of a folded point', async () => {
    const p = await open();
    await p.show(subjectOf(block('f(x, y) = (x, y^2)')));
    const img = await p.pixels();
    const v = await views(p);
    const b = panes(img.width, img.height, 'overlay').output;
    const box = (await p.page.locator('canvas.picture').boundingBox())!;
    const [px, py] = toPx(v.output, b, 0.5, 1.21);
    await p.page.mouse.move(box.x + px, box.y + py);
    const text = (await p.page.textContent('.readout'))!;
    assert.match(text, /2 preimages in the domain/);
    assert.match(text, /det J = /);
    assert.match(text, /J = \[\[1, 0\], \[0, −?2\.2/);
  });

  it('draws the seed\'s coupling layer with labelled, editable stand-ins for s and t', async () => {
    const p = await open();
    await p.show(subjectOf(block('coupling(z1, z2) = (z1, z2 exp(s(z1)) + t(z1))')));
    assert.match((await p.page.textContent('.standins'))!, /s, t are unknown functions/);
    assert.equal(await p.page.inputValue('input[data-standin=s]'), 'tanh(u)/2');
    assert.match((await p.page.textContent('.status'))!, /det J on the cells: 0\.6\d* … 1\.6\d*/);
    await p.screenshot('coupling-light');
    await p.redraw(() => p.page.fill('input[data-standin=s]', 'log(2)'));
    assert.match((await p.page.textContent('.status'))!, /det J on the cells: 2 … 2/, 'with s = log 2, det J = 2 everywhere');
    await p.redraw(() => p.page.fill('input[data-standin=t]', 'sin(u'));
    assert.match((await p.page.textContent('.standins'))!, /not used: expected "\)"/);
    assert.equal(await p.page.inputValue('input[data-standin=t]'), 'sin(u', 'the user\'s text stays in the field');
  });

  it('asks for the values of a note system\'s symbolic constants, with a default, and redraws with the user\'s value', async () => {
    const note = '# Stretched polar\n\n$$\nx = a r\\cos\\theta, \\quad y = b r\\sin\\theta\n$$\n\nfor $r > 0$ and $0 \\le \\theta < 2\\pi$.\n';
    const subject = subjectOf(note);
    assert.deepEqual([...subject.report.freeSymbols].sort(), ['a', 'b'], 'a and b are symbolic constants of the map');
    const p = await open();
    await p.show(subject);
    assert.match((await p.page.textContent('.standins'))!, /a, b have no value/);
    assert.equal(await p.page.inputValue('input[data-symbol=a]'), '1', 'a default value, not a refusal');
    assert.equal(await p.page.inputValue('input[data-symbol=b]'), '1');
    const range = async (): Promise<[number, number]> => {
      const m = /det J on the cells: (-?[\d.]+) … (-?[\d.]+)/.exec((await p.page.textContent('.status'))!);
      assert.ok(m, 'the status gives det J on the cells');
      return [Number(m[1]), Number(m[2])];
    };
    const [, hi1] = await range();
    assert.ok(hi1 > 1 && hi1 <= 2.01, `det J = a b r with a = b = 1 on r in (0, 2]: ${hi1}`);
    await p.redraw(async () => { await p.page.fill('input[data-symbol=a]', '3'); await p.page.press('input[data-symbol=a]', 'Tab'); });
    const [, hi3] = await range();
    assert.ok(Math.abs(hi3 / hi1 - 3) < 0.02, `with a = 3, det J is three times larger: ${hi1} -> ${hi3}`);
  });

  it('slices a 3-D map with a slider for the third coordinate', async () => {
    const p = await open('dark');
    await p.show(subjectOf(block('spherical(r, theta, phi) = (r sin(theta) cos(phi), r sin(theta) sin(phi), r cos(theta))\ndomain: r in [0.1, 2], theta in [0.1, 3], phi in [-3, 3]')));
    await p.screenshot('spherical-dark');
    const before = await p.pixels();
    await p.redraw(() => p.page.evaluate(() => {
      const s = document.querySelector('input[data-slice=phi]') as HTMLInputElement;
      s.value = '1.2';
      s.dispatchEvent(new Event('input', { bubbles: true }));
    }));
    const o = (await views(p)).options as { base: number[] };
    assert.ok(Math.abs(o.base[2] - 1.2) < 0.02);
    const after = await p.pixels();
    assert.notDeepEqual(after.data, before.data, 'the picture follows the slider');
    await p.screenshot('spherical-dark-phi-1.2');
  });

  it('pushes N(0, I) through a map: the heat map and its integrated mass', async () => {
    const p = await open();
    await p.show(subjectOf(block('polar(r, theta) = (r cos(theta), r sin(theta))\ndomain: r in [0.1, 2], theta in [-3, 3]')));
    await p.click('button[data-value=density]');
    const m = /∫ p_X dx = ([\d.]+), N\(0, I\) mass of the domain ([\d.]+)/.exec((await p.page.textContent('.status'))!);
    assert.ok(m, 'the mass is shown');
    assert.ok(Math.abs(Number(m[1]) - Number(m[2])) < 0.005, `${m[1]} vs ${m[2]}`);
    await p.screenshot('polar-density');
  });

  it('draws a 1-D map as a graph with stretched intervals, and its density', async () => {
    const p = await open();
    await p.show(subjectOf(block('g(x) = (x^3 - x)\ndomain: x in [-1.5, 1.5]')));
    assert.match((await p.page.textContent('.status'))!, /det J on the intervals/);
    await p.click('button[data-value=density]');
    const m = /∫ p_X dx = ([\d.]+), N\(0, I\) mass of the domain ([\d.]+)/.exec((await p.page.textContent('.status'))!);
    assert.ok(m && Math.abs(Number(m[1]) - Number(m[2])) < 0.005, 'the mass is shown and right');
    await p.screenshot('cubic-density');
  });

  it('exports PNG and SVG through the host', async () => {
    const p = await open();
    await p.show(subjectOf(block('f(x, y) = (x, y^2)')));
    await p.page.click('button[data-action=export-png]');
    await p.page.click('button[data-action=export-svg]');
    const ex = (await p.posted()).filter((m) => m.type === 'export') as Array<{ format: string; data: string; suggestedName: string }>;
    assert.equal(ex.length, 2);
    assert.equal(ex[0].format, 'png');
    assert.equal(ex[0].suggestedName, 'f-volume.png');
    assert.deepEqual([...Buffer.from(ex[0].data, 'base64').subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.equal(ex[1].format, 'svg');
    assert.match(ex[1].data, /^<\?xml[^]*<svg [^]*<\/svg>\s*$/);
    assert.ok(ex[1].data.includes(`stroke="rgb(${hex(THEMES.light.vars['charts-purple']).join(', ')})"`), 'the fold is in the SVG');
    await p.post({ type: 'exported', format: 'png', path: 'pictures/f.png' });
    assert.match((await p.page.textContent('.status'))!, /Saved PNG to pictures\/f\.png/);
  });

  it('follows the theme: light, dark and high contrast backgrounds', async () => {
    const p = await open();
    await p.show(subjectOf(block('f(x, y) = (x, y)')));
    const corner = async () => { const img = await p.pixels(); return pixel(img, img.width - 3, img.height - 3).slice(0, 3); };
    assert.deepEqual(await corner(), hex(THEMES.light.vars['editor-background']));
    for (const t of ['dark', 'high-contrast'] as const) {
      await p.setTheme(t);
      await p.page.waitForTimeout(100);
      assert.deepEqual(await corner(), hex(THEMES[t].vars['editor-background']), t);
    }
    await p.screenshot('identity-high-contrast');
  });

  it('marks witness points on the picture', async () => {
    const p = await open();
    await p.show(subjectOf(block('f(x, y) = (exp(x) cos(y), exp(x) sin(y))\ndomain: x in [-1, 1], y in [-4, 4]')));
    const before = await p.pixels();
    await p.post({ type: 'mark', points: [{ at: [0, -Math.PI], label: 'a: f(a) = (-1, 0)' }, { at: [0, Math.PI], label: 'b: f(b) = f(a)' }] });
    const img = await p.pixels();
    const v = await views(p);
    const b = panes(img.width, img.height, 'overlay').output;
    const [px, py] = toPx(v.output, b, -1, 0);
    const red = hex(THEMES.light.vars['charts-red']);
    assert.ok(dist(pixel(img, px, py), red) < 40, 'a marker at f(a) = f(b) = (-1, 0)');
    assert.ok(dist(pixel(before, px, py), red) > 100);
    await p.screenshot('witness-marks');
  });
});
