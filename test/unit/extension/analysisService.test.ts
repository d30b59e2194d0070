import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { AnalysisService, AnalysisTimeout } from '../../../src/extension/analysisService';

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
});
