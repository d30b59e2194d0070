/**
 * First-use latency as a person meets it, in a fresh workbench on examples/: the time from
 * opening a note to the first hover that shows det J (and to the typeset image in it), and
 * from "Preview Transform" to the panel's formulas and first picture. The figures, with the
 * machine's load, go to artifacts/latency.json (and the extension's log, which says where the
 * time went, to artifacts/latency-extension.log); the test asserts what was shown, never how
 * fast (timings depend on the machine).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { useWorkbench, Workbench } from './workbench';
import { ARTIFACTS } from '../vscode/env';

const clock = (t: number): string => new Date(t).toISOString().slice(11, 23);

describe('latency of the first hover and the first picture (fresh window)', function () {
  const workbench = useWorkbench('examples');
  let wb: Workbench;
  const figures: Record<string, unknown> = {};
  beforeEach(() => { wb = workbench(); });

  after(() => {
    if (!Object.keys(figures).length) return;
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const load = os.loadavg();
    fs.writeFileSync(path.join(ARTIFACTS, 'latency.json'), `${JSON.stringify({
      measuredAt: new Date().toISOString(), cpus: os.cpus().length,
      loadAverage: { '1min': load[0], '5min': load[1], '15min': load[2] }, ...figures,
    }, null, 2)}\n`);
  });

  it('opening a note: the first hover with det J, then its typeset image', async () => {
    const started = Date.now();
    await wb.openFile('coordinates.md', 'polar(r, theta) =');
    const opened = Date.now();
    const hover = wb.page.locator('.monaco-hover:not(.hidden)', { hasText: /det J/ }).first();
    const image = wb.page.locator('.monaco-hover:not(.hidden) img[src^="data:image/svg+xml"]').first();
    let shown = 0, typeset = 0, text = '';
    // Hover and wait, as a person would (VS Code shows "Loading…" while the extension answers),
    // and hover again (moving away and back) until det J shows, then until its image does. Each
    // wait is a few seconds: on a loaded machine the workbench takes more than a second to show
    // a hover the extension has answered, and moving away would cancel it.
    const WAIT_MS = 5_000;
    for (const until = Date.now() + 120_000; Date.now() < until && !typeset;) {
      const line = wb.page.locator('.editor-instance .view-line', { hasText: 'polar(r, theta) =' }).first();
      const b = await line.boundingBox();
      if (!b) { await wb.page.waitForTimeout(100); continue; }
      // Away (above the line: the hover opens below it) and back.
      await wb.page.keyboard.press('Escape');
      await wb.page.mouse.move(b.x + 20, Math.max(0, b.y - 60));
      await wb.page.mouse.move(b.x + 20, b.y + b.height / 2, { steps: 2 });
      try {
        await hover.waitFor({ timeout: WAIT_MS });
        if (!shown) { shown = Date.now(); text = await hover.innerText(); }
        if (await image.count()) typeset = Date.now();
        else await wb.page.waitForTimeout(300);
      } catch { /* not yet: hover again */ }
    }
    assert.ok(shown, 'a hover with det J was shown');
    assert.match(text, /det J/);
    assert.ok(typeset, 'the typeset image came');
    figures.fileOpenToFirstHoverMs = shown - opened;
    figures.fileOpenToTypesetHoverMs = typeset - opened;
    figures.quickOpenToFirstHoverMs = shown - started;
    // wall-clock times (UTC), to line up with the extension's log ("first use: … at hh:mm:ss.mmm")
    figures.clock = { ...(figures.clock as object), quickOpen: clock(started), opened: clock(opened), firstHover: clock(shown), typesetHover: clock(typeset) };
    await wb.page.keyboard.press('Escape');
  });

  it('"Preview Transform": the formulas, then the first picture', async () => {
    await wb.clickText('polar(r, theta)');
    const started = Date.now();
    await wb.runCommand('Jacobian Lens: Preview Transform');
    const panel = await wb.webview('Jacobian Lens: polar');
    await panel.locator('.formula[data-label="det J"] .katex').first().waitFor({ timeout: 60_000 });
    const formulas = Date.now();
    await panel.locator('canvas.picture[aria-label*="det J from"]').waitFor({ timeout: 60_000 });
    const picture = Date.now();
    assert.match((await panel.locator('canvas.picture').getAttribute('aria-label')) ?? '', /The picture of polar/);
    figures.commandToPanelFormulasMs = formulas - started;
    figures.commandToFirstPictureMs = picture - started;
    figures.clock = { ...(figures.clock as object), command: clock(started), panelFormulas: clock(formulas), firstPicture: clock(picture) };
    // The extension's own log beside the figures: activation, the workers' start, slow analyses.
    const logs = path.join(path.dirname(wb.folder), 'user-data', 'logs');
    const own = fs.existsSync(logs) ? (fs.readdirSync(logs, { recursive: true }) as string[]).filter((f) => f.endsWith('Jacobian Lens.log')) : [];
    if (own.length) {
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      fs.writeFileSync(path.join(ARTIFACTS, 'latency-extension.log'), own.map((f) => fs.readFileSync(path.join(logs, f), 'utf8')).join('\n'));
    }
  });
});
