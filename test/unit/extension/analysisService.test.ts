import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { AnalysisCancelled, AnalysisResourceLimit, AnalysisService, AnalysisTimeout } from '../../../src/extension/analysisService';
import type { FileReport } from '../../../src/core/report';

const WORKER = path.resolve(__dirname, '../../../../dist/worker.js');

describe('analysis in a worker thread', () => {
  let service: AnalysisService;
  beforeEach(() => { service = new AnalysisService(WORKER); });
  afterEach(() => service.dispose());

  it('returns the same report as the core', async () => {
    const r = await service.analyze({ text: '```transform\np(r, theta) = (r cos(theta), r sin(theta))\n```\n', kind: 'markdown', file: 'a.md', config: {} });
    assert.equal(r.transforms[0].det, 'r');
  });

  it('answers several requests in order', async () => {
    const texts = ['(2 x, y)', '(x, 3 y)', '(x + y, x - y)'].map((c) => `\`\`\`transform\nf(x, y) = ${c}\n\`\`\`\n`);
    const dets = await Promise.all(texts.map((text) => service.analyze({ text, kind: 'markdown', file: 'a.md', config: {} })));
    assert.deepEqual(dets.map((r) => r.transforms[0].det), ['2', '3', '-2']);
  });

  it('a Markdown preview request also gets its block typeset and drawn in the worker', async () => {
    const text = '```transform\np(r, theta) = (r cos(theta), r sin(theta))\n```\n';
    const r = await service.analyze({ text, kind: 'markdown', file: 'preview.md', config: {}, previewLines: 4 });
    assert.match(r.drawn ?? '', /<annotation encoding="application\/x-tex">(\\displaystyle )?\\det J = r<\/annotation>/);
    assert.equal((r.drawn?.match(/class="jl-line"/g) ?? []).length, 2 * 5);
    assert.equal((await service.analyze({ text, kind: 'markdown', file: 'a.md', config: {} })).drawn, undefined, 'an editor request is not drawn');
  });

  it('restarts the worker when a request outlives its deadline, and keeps working', async () => {
    const heavy = '```transform\n' + Array.from({ length: 30 }, (_, i) => `f${i}(x, y) = ((x + y)^30 + sin(x)^${i}, (x - y)^30 + cos(y))`).join('\n') + '\n```\n';
    const late = service.analyze({ text: heavy, kind: 'markdown', file: 'h.md', config: { budgetMs: 5000 } }, 1);
    // another document's request waits behind the heavy one: the restart asks the new worker, it is not failed
    const other = service.analyze({ text: '```transform\ng(x, y) = (x, 5 y)\n```\n', kind: 'markdown', file: 'b.md', config: {} });
    await assert.rejects(late, AnalysisTimeout);
    const r = await service.analyze({ text: '```transform\nf(x, y) = (2 x, y)\n```\n', kind: 'markdown', file: 'a.md', config: {} });
    assert.equal(r.transforms[0].det, '2');
    assert.equal((await other).transforms[0].det, '5');
  });

  /** A note of n maps, one ```transform block each; map i on line 3 i + 1. */
  const many = (n: number, heavy = false) => Array.from({ length: n }, (_, i) =>
    `\`\`\`transform\nf${i}(x, y) = (${heavy ? `(x + ${i + 1} y)^6 * sin(y)^3` : `x + ${i + 1} y`}, ${i + 2} y)\n\`\`\``).join('\n');

  it('analyses the definitions on screen first and sends partial reports as the rest fill in', async () => {
    const partials: FileReport[] = [];
    const r = await service.analyze({ text: many(30), kind: 'markdown', file: 'long.md', config: {}, key: 'long.md', visible: [{ start: 60, end: 64 }], onPartial: (p) => partials.push(p) });
    assert.ok(partials.length >= 2);
    assert.deepEqual(partials[0].transforms.map((t) => t.name), ['f20'], 'the first partial report: the first definition on screen');
    assert.deepEqual(partials[1].transforms.map((t) => t.name), ['f20', 'f21'], 'then what is on screen');
    assert.equal(r.transforms.length, 30);
    assert.deepEqual(r.transforms.map((t) => t.det), Array.from({ length: 30 }, (_, i) => String(i + 2)));
  });

  it('a newer request for the same document cancels the running one, which stops between definitions', async () => {
    const logs: string[] = [];
    const logged = new AnalysisService(WORKER, (m) => logs.push(m));
    try {
      let working: () => void = () => undefined;
      const started = new Promise<void>((resolve) => { working = resolve; });
      const first = logged.analyze({ text: many(200, true), kind: 'markdown', file: 'n.md', config: {}, key: 'n.md', onPartial: () => working() });
      const outcome = first.then(() => 'answered', (e: Error) => e);
      // once the worker has sent its first partial report, the same document again
      await started;
      const second = await logged.analyze({ text: many(2), kind: 'markdown', file: 'n.md', config: {}, key: 'n.md' });
      const e = await outcome;
      assert.ok(e instanceof AnalysisCancelled, String(e));
      assert.equal(second.transforms.length, 2);
      const stopped = logs.map((m) => /cancelled after (\d+) of 200 definitions/.exec(m)).find((m) => m);
      assert.ok(stopped, logs.join('\n'));
      assert.ok(Number(stopped[1]) < 200);
    } finally { logged.dispose(); }
  });

  it('a worker that hits its memory limit fails that request with a clear message, is restarted, and the others are retried', async function () {
    this.timeout(120_000);
    const small = new AnalysisService(WORKER, () => undefined, { maxOldGenerationSizeMb: 32 });
    try {
      const big = small.analyze({ text: many(3000, true), kind: 'markdown', file: 'big.md', config: {} }, 110_000);
      const waiting = small.analyze({ text: '```transform\ng(x, y) = (x, 5 y)\n```\n', kind: 'markdown', file: 'b.md', config: {} }, 110_000);
      await assert.rejects(big, (e: Error) => e instanceof AnalysisResourceLimit && /more than the 32 MB of memory/.test(e.message) && /split the document/.test(e.message));
      assert.equal((await waiting).transforms[0].det, '5');
      assert.equal((await small.analyze({ text: '```transform\nh(x, y) = (3 x, y)\n```\n', kind: 'markdown', file: 'c.md', config: {} })).transforms[0].det, '3');
    } finally { small.dispose(); }
  });
});
