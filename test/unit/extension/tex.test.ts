import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { texToSvg } from '../../../src/extension/tex/mathjaxSvg';
import { TexRenderer, svgDataUri, themeColour } from '../../../src/extension/tex/texRenderer';
import { workerTexBackend } from '../../../src/extension/tex/workerBackend';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('typeset math for hovers (MathJax SVG, budget, cache)', () => {
  it('texToSvg: a standalone SVG in the given colour, sized in pixels; TeX errors throw', () => {
    const svg = texToSvg('\\det J = e^{s(x)}', '#cccccc');
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="[\d.]+px" height="[\d.]+px"/);
    assert.doesNotMatch(svg, /currentColor/);
    assert.match(svg, /fill="#cccccc"|stroke="#cccccc"/);
    assert.throws(() => texToSvg('\\frac{', '#000000'), /Missing close brace/);
    assert.throws(() => texToSvg('\\notamacro x', '#000000'), /Undefined control sequence/);
    // A colour that is not a hex colour cannot inject markup.
    assert.doesNotMatch(texToSvg('x', '"/><script>'), /script/);
  });

  it('colours per theme kind differ for light, dark and both high contrasts', () => {
    const cs = [1, 2, 3, 4].map(themeColour);
    assert.equal(new Set(cs).size, 4);
    assert.equal(themeColour(3), '#ffffff');
    assert.equal(themeColour(4), '#000000');
  });

  it('svgDataUri is base64 of the UTF-8 text', () => {
    const uri = svgDataUri('<svg>θ</svg>');
    assert.ok(uri.startsWith('data:image/svg+xml;base64,'));
    assert.equal(Buffer.from(uri.split(',')[1], 'base64').toString('utf8'), '<svg>θ</svg>');
  });

  it('the renderer caches by TeX and colour, and renders each once', async () => {
    const calls: string[] = [];
    const r = new TexRenderer(async (tex, colour) => { calls.push(`${tex}|${colour}`); return `<svg>${tex}</svg>`; });
    assert.equal(await r.render('x', '#000', 100), '<svg>x</svg>');
    assert.equal(await r.render('x', '#000', 100), '<svg>x</svg>');
    assert.equal(await r.render('x', '#fff', 100), '<svg>x</svg>');
    assert.deepEqual(calls, ['x|#000', 'x|#fff']);
    assert.equal(r.started, 2);
  });

  it('a render past its budget answers null at once and fills the cache when it finishes', async () => {
    // the backend finishes only when the test says so: no wall-clock margins to miss on a busy machine
    let finish: () => void = () => undefined;
    const r = new TexRenderer((tex) => new Promise<string>((done) => { finish = () => done(`<svg>${tex}</svg>`); }));
    assert.equal(await r.render('slow', '#000', 20), null, 'did not wait for the backend');
    finish();
    await sleep(0);
    assert.equal(await r.render('slow', '#000', 0), '<svg>slow</svg>', 'the finished render is in the cache');
    assert.equal(r.started, 1);
  });

  it('while the backend is still loading, a render answers null at once (not after the budget), and the image comes for the next hover', async () => {
    let loaded = false;
    const backend = Object.assign(async (tex: string) => { await sleep(80); return `<svg>${tex}</svg>`; }, { ready: () => loaded });
    const r = new TexRenderer(backend);
    // the timers the renderer sets, by the delay asked for (no clock read: the delay says whether it waits)
    const delays: number[] = [];
    const realTimeout = globalThis.setTimeout;
    globalThis.setTimeout = ((fn: () => void, ms?: number) => { delays.push(ms ?? 0); return realTimeout(fn, ms); }) as typeof setTimeout;
    let first: string | null;
    try { first = await r.render('first', '#000', 5_000); } finally { globalThis.setTimeout = realTimeout; }
    assert.equal(first, null);
    // (the backend's own sleep(80) is among them; the renderer's race timer comes last)
    assert.equal(delays[delays.length - 1], 0, `the hover did not wait out its budget: timers ${delays}`);
    assert.ok(!delays.includes(5_000));
    loaded = true;
    // loaded: the budget is waited for as before
    assert.equal(await r.render('second', '#000', 5_000), '<svg>second</svg>');
    assert.equal(await r.render('first', '#000', 0), '<svg>first</svg>', 'the first render finished into the cache');
    assert.equal(r.started, 2);
  });

  it('a failure answers null, is remembered with its reason, and is not retried', async () => {
    let n = 0;
    const r = new TexRenderer(async () => { n++; throw new Error('bad TeX'); });
    assert.equal(await r.render('\\bad', '#000', 100), null);
    assert.equal(r.failure('\\bad', '#000'), 'bad TeX');
    assert.equal(await r.render('\\bad', '#000', 100), null);
    assert.equal(n, 1);
  });

  it('the cache is an LRU of bounded size', async () => {
    const r = new TexRenderer(async (tex) => tex, 2);
    await r.render('a', 'c', 50); await r.render('b', 'c', 50); await r.render('a', 'c', 50); await r.render('c', 'c', 50);
    assert.equal(r.started, 3);
    await r.render('a', 'c', 50); // still cached: it was used after b
    assert.equal(r.started, 3);
    await r.render('b', 'c', 50); // evicted
    assert.equal(r.started, 4);
  });

  it('the worker backend: warm starts the worker, ready turns true once MathJax has loaded', async function () {
    this.timeout(30000);
    const backend = workerTexBackend(path.join(__dirname, '../../../src/extension/tex/texWorker.js'));
    try {
      assert.equal(backend.ready(), false);
      backend.warm();
      for (const until = Date.now() + 25_000; !backend.ready() && Date.now() < until;) await sleep(20);
      assert.equal(backend.ready(), true);
      assert.match(await backend('x^2', '#000000'), /^<svg/);
    } finally {
      backend.dispose();
    }
    assert.equal(backend.ready(), false, 'stopped');
  });

  it('the worker backend typesets in a worker thread and reports TeX errors', async function () {
    this.timeout(30000);
    const backend = workerTexBackend(path.join(__dirname, '../../../src/extension/tex/texWorker.js'));
    try {
      const svg = await backend('J = \\begin{pmatrix} 1 & 0 \\\\ 0 & 2 \\end{pmatrix}', '#3b3b3b');
      assert.match(svg, /^<svg/);
      assert.match(svg, /#3b3b3b/);
      await assert.rejects(backend('\\frac{', '#000000'), /Missing close brace/);
    } finally {
      backend.dispose();
    }
  });
});
