/**
 * The first hover in a fresh window: it answers from the part of the note analysed so far
 * (the definition under the mouse), not after the whole note, and in plain text while the
 * typeset image is not ready. The real DocumentIndex and hover provider against the fake API,
 * with an analyzer the test holds back.
 */
import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../../src/core/document';
import { createEngineOptions } from '../../../src/core/engine';
import type { FileReport } from '../../../src/core/report';
import type { AnalysisRequest } from '../../../src/extension/analysisService';
import { MarkdownString, Position, installFakeVscode } from '../helpers/fakeVscode';

const fake = installFakeVscode();
const hover = require('../../../src/extension/features/hover') as typeof import('../../../src/extension/features/hover');
const { DocumentIndex } = require('../../../src/extension/documentIndex') as typeof import('../../../src/extension/documentIndex');
const { TexRenderer } = require('../../../src/extension/tex/texRenderer') as typeof import('../../../src/extension/tex/texRenderer');

const NOTE = ['```transform', 'polar(r, theta) = (r cos(theta), r sin(theta))', '```', '', '```transform', 'shear(x, y) = (x + 3 y, y)', '```', ''].join('\n');
const token = { isCancellationRequested: false };
const turns = async (n: number) => { for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r)); };

describe('the first hover (a fake API, an analysis held back)', function () {
  this.timeout(60_000);
  let release: () => void = () => undefined;
  let partials = 0;
  // the first definition is published at once (as the worker does), the whole note when the test says
  const analyzer = {
    analyze: (req: AnalysisRequest) => new Promise<FileReport>((resolve) => {
      const full = analyzeDocument(req.text, req.kind, req.file, createEngineOptions(req.config));
      setImmediate(() => { partials++; req.onPartial?.({ ...full, transforms: full.transforms.slice(0, 1) }); });
      release = () => resolve(full);
    }),
    dispose: () => undefined,
  };
  // MathJax still loading: nothing typeset arrives
  const backend = Object.assign(() => new Promise<string>(() => undefined), { ready: () => false });
  let index: InstanceType<typeof DocumentIndex>;
  let provider: { dispose(): void };
  beforeEach(() => {
    fake.reset();
    partials = 0;
    index = new DocumentIndex(analyzer, () => undefined);
    provider = hover.registerHover(index as never, [], new TexRenderer(backend));
  });
  afterEach(() => { release(); provider.dispose(); index.dispose(); });

  it('answers over the first definition from the partial report, in plain text, before the rest of the note is analysed', async () => {
    const d = fake.openEditor('/w/first.md', NOTE, 1);
    let released = false;
    const first = fake.hoverProviders.at(-1)!.provideHover(d, new Position(1, 2), token).then((h) => ({ h, beforeTheRest: !released }));
    const second = fake.hoverProviders.at(-1)!.provideHover(d, new Position(5, 2), token).then((h) => ({ h, beforeTheRest: !released }));
    // the rest of the note is held back until the hover over polar is answered (or, if it
    // waits for the rest, until a generous safety release, and the assertion below fails)
    const safety = setTimeout(() => { released = true; release(); }, 30_000);
    const a = await first;
    clearTimeout(safety);
    assert.equal(partials, 1, 'the partial report came');
    assert.ok(a.beforeTheRest, 'the hover over polar did not wait for shear');
    released = true;
    release();
    const b = await second;
    const md = (a.h!.contents as MarkdownString).value;
    assert.match(md, /```text\ndet J = r\n/);
    assert.doesNotMatch(md, /data:image\/svg\+xml/, 'no image yet');
    assert.match(md, /still being prepared/);
    assert.ok(!b.beforeTheRest, 'shear, not in the partial report, waited for the whole report');
    assert.match((b.h!.contents as MarkdownString).value, /det J = 1\b/);
  });

  it('what is known of an older version is not used for the current one', async () => {
    const d = fake.openEditor('/w/edit.md', NOTE, 1);
    const whole = index.get(d as never);
    await turns(5);
    release();
    assert.equal((await whole)?.transforms.length, 2);
    assert.equal(index.current(d as never)?.transforms.length, 2, 'the whole report of this version');
    d.getText = () => NOTE.replace('r cos(theta)', '2 r cos(theta)');
    d.version++;
    assert.equal(index.current(d as never), undefined, 'nothing of the new version is known');
    const next = index.get(d as never);
    assert.equal(index.current(d as never), undefined, 'its analysis has begun: the old report is still not its');
    await turns(5);
    assert.deepEqual(index.current(d as never)?.transforms.map((t) => t.name), ['polar'], 'its partial report');
    release();
    await next;
  });
});
