/**
 * A vector field dz/dt = f(z) in the panel's page (headless Chromium): arrows coloured by the
 * divergence tr J, its range in the status line, f and tr J under the pointer; a field that
 * keeps volume has no coloured arrow. Screenshots go to artifacts/webview/.
 */
import * as assert from 'node:assert/strict';
import { Browsers, RGBA, block, hex, subjectOf } from './harness';
import { THEMES } from './harness';

const LIGHT = THEMES.light.vars;
/** A pixel nearer the contraction (blue) or the expansion (orange) hue than the other and than grey. */
function hue(c: RGBA): 'blue' | 'orange' | null {
  const blue = hex(LIGHT['charts-blue']), orange = hex(LIGHT['charts-orange']);
  const chroma = Math.max(c[0], c[1], c[2]) - Math.min(c[0], c[1], c[2]);
  if (chroma < 60) return null;
  const d = (h: readonly number[]) => Math.hypot(c[0] - h[0], c[1] - h[1], c[2] - h[2]);
  return d(blue) < d(orange) ? 'blue' : 'orange';
}

function hues(img: { width: number; height: number; data: Uint8Array }, x0: number, x1: number): { blue: number; orange: number } {
  const out = { blue: 0, orange: 0 };
  for (let y = 0; y < img.height - 70; y++) {
    for (let x = x0; x < x1; x++) {
      const i = 4 * (y * img.width + x);
      const h = hue([img.data[i], img.data[i + 1], img.data[i + 2], img.data[i + 3]]);
      if (h) out[h]++;
    }
  }
  return out;
}

describe('vector fields in the panel (Chromium)', function () {
  this.timeout(120000);
  const b = new Browsers();
  before(async function () { if (!Browsers.available()) this.skip(); await b.start(); });
  after(() => b.stop());

  it('draws arrows coloured by tr J = 1 + x: contraction on the left, expansion on the right; f and tr J under the pointer', async () => {
    const p = await b.open({ theme: 'light' });
    await p.show(subjectOf(block('dx/dt = -y + x\ndy/dt = x + x y\ndomain: x in [-3, 3], y in [-3, 3]')));
    const status = (await p.page.textContent('.status'))!;
    // the arrows fill the view (wider than the domain): tr J = 1 + x over a range of x symmetric about 0
    const m = /tr J on the arrows: (−?[\d.]+) … (−?[\d.]+)/.exec(status);
    assert.ok(m, status);
    const [lo, hi] = [m[1], m[2]].map((x) => Number(x.replace('−', '-')));
    assert.ok(lo <= -2 && hi >= 4 && Math.abs((lo + hi) / 2 - 1) < 0.3, status);
    assert.match((await p.page.locator('canvas.picture').getAttribute('aria-label'))!, /vector field/);
    const img = await p.pixels();
    const left = hues(img, 0, Math.floor(img.width / 4)), right = hues(img, Math.floor((3 * img.width) / 4), img.width);
    assert.ok(left.blue > 3 * left.orange && left.blue > 50, `left: ${JSON.stringify(left)}`);
    assert.ok(right.orange > 3 * right.blue && right.orange > 50, `right: ${JSON.stringify(right)}`);
    const box = (await p.page.locator('canvas.picture').boundingBox())!;
    await p.page.mouse.move(box.x + box.width / 2, box.y + (box.height - 58) / 2);
    const text = (await p.page.textContent('.readout'))!;
    assert.match(text, /tr J = /);
    assert.match(text, /d log p\/dt = /);
    await p.screenshot('field-divergence-light');
    assert.deepEqual(p.errors, []);
  });

  it('shows only what applies to a field: no view, picture or base density to choose, no grid overlays or projection; a map keeps them', async () => {
    const p = await b.open({ theme: 'light' });
    const controls = async () => ({
      groups: await p.page.locator('.toolbar [role=radiogroup]').evaluateAll((es) => es.map((e) => e.getAttribute('aria-label'))),
      overlays: await p.page.locator('.options [data-overlay]').evaluateAll((es) => es.map((e) => e.getAttribute('data-overlay'))),
      legends: await p.page.locator('.options legend').allTextContents(),
      toolbar: (await p.page.textContent('.toolbar'))!,
    });
    await p.show(subjectOf(block('dx/dt = -y + x\ndy/dt = x + x y\ndz/dt = -z\ndomain: x in [-3, 3], y in [-3, 3]')));
    const field = await controls();
    assert.deepEqual(field.groups, [], JSON.stringify(field));
    assert.deepEqual(field.overlays, ['axes']);
    assert.deepEqual(field.legends, ['Show', 'Arrows', 'Domain']);
    assert.match(field.toolbar, /Arrows coloured by tr J/);
    assert.match(field.toolbar, /Fit/);
    await p.show(subjectOf(block('f(x, y, z) = (x + y^2, y, z)')));
    const map = await controls();
    assert.deepEqual(map.groups, ['View', 'Picture']);
    assert.ok(map.overlays.includes('grid') && map.overlays.includes('cells'), JSON.stringify(map));
    assert.ok(map.legends.includes('Projection of the output') && map.legends.includes('Grid density'), JSON.stringify(map));
    assert.deepEqual(p.errors, []);
  });

  it('a rotation field keeps volume: tr J = 0 on every arrow, none coloured', async () => {
    const p = await b.open({ theme: 'light' });
    await p.show(subjectOf(block('A = [[0, -1], [1, 0]]\ndz/dt = A z')));
    assert.match((await p.page.textContent('.status'))!, /tr J on the arrows: 0 … 0/);
    const img = await p.pixels();
    const all = hues(img, 0, img.width);
    assert.ok(all.blue + all.orange < 20, JSON.stringify(all));
    await p.screenshot('field-rotation-light');
    assert.deepEqual(p.errors, []);
  });
});
