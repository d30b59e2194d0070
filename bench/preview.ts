/**
 * `npm run bench:preview`: the longest synchronous step of the Markdown preview on the
 * extension host, for a heavy note (the examples' ```transform blocks) and a note of 500
 * maps. The preview is driven as VS Code drives it: markdown-it renders the note, blocks
 * are analysed by the analysis worker (dist/worker.js), and every refresh the plugin asks
 * for renders the note again, until no block is pending. Printed per note: the longest
 * render, the number of renders, when the first block and the last block were shown, the
 * size of the rendered HTML; and,
 * for comparison, one render that analyses in process (what the preview did before).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import MarkdownIt = require('markdown-it');
import { AnalysisService } from '../src/extension/analysisService';
import { AsyncBlockReports, DEFAULT_PREVIEW_SETTINGS, inProcessReports, transformPreviewPlugin } from '../src/extension/markdown/previewPlugin';

const root = path.resolve(__dirname, '..');

/** The ```transform blocks of the examples, with their prose. */
function heavyNote(): string {
  const dir = path.join(root, 'examples');
  return fs.readdirSync(dir).filter((f) => f.endsWith('.md')).sort().map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).join('\n\n');
}

/** 500 small maps, all different (no cache shares their work), of two and three variables. */
function manyMaps(count = 500): string {
  const out: string[] = ['# Five hundred maps', ''];
  for (let i = 1; i <= count; i++) {
    const a = (i % 7) + 1, b = (i % 5) + 2;
    const def = i % 3 === 0
      ? `m${i}(x, y, z) = (x + ${a} y, y + sin(${b} z), z * exp(x / ${a}))`
      : i % 3 === 1
        ? `m${i}(r, t) = (${a} r cos(t), ${b} r sin(t))\ndomain: r in [0.1, ${a}], t in [-3, 3]`
        : `m${i}(x, y) = (x + ${a} y^2, ${b} y + x^3 / ${a})`;
    out.push(`Map ${i}.`, '', '```transform', def, '```', '');
  }
  return out.join('\n');
}

/**
 * The processor time this thread has run, in ms (Linux: /proc/thread-self/schedstat, in ns),
 * or NaN where that is not available. A render's own processor time is what it blocks the
 * host for; its wall-clock time also holds the time other processes on a loaded machine took.
 */
function threadCpuMs(): number {
  try {
    return Number(fs.readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return NaN;
  }
}

/**
 * Watches the host thread's event loop with a 1 ms timer: the longest gap between two turns,
 * in wall-clock time and in this thread's processor time (the latter is the longest
 * synchronous step, renders and taking the worker's answers alike, whatever the load).
 */
function loopProbe(): { stop: () => { wallMs: number; cpuMs: number }; exclude: (wallMs: number, cpuMs: number) => void } {
  let wallMs = 0, cpuMs = 0, stopped = false, exWall = 0, exCpu = 0;
  let lastWall = performance.now(), lastCpu = threadCpuMs();
  const tick = () => {
    if (stopped) return;
    const w = performance.now(), c = threadCpuMs();
    const gapWall = w - lastWall - exWall, gapCpu = c - lastCpu - exCpu;
    wallMs = Math.max(wallMs, gapWall);
    cpuMs = Math.max(cpuMs, gapCpu);
    if (process.env.JL_TRACE && gapCpu > 30) console.log(`step of ${gapCpu.toFixed(1)} ms (processor), ${gapWall.toFixed(1)} ms (wall), ending at ${w.toFixed(0)} ms`);
    lastWall = w; lastCpu = c; exWall = 0; exCpu = 0;
    setTimeout(tick, 1);
  };
  setTimeout(tick, 1);
  return {
    stop: () => { stopped = true; return { wallMs, cpuMs }; },
    // the bench's own work in a turn (counting blocks in the HTML) is not the preview's
    exclude: (w, c) => { exWall += w; exCpu += c; },
  };
}

interface Figures { renders: number; longestMs: number; longestCpuMs: number; over50: number; loopWallMs: number; loopCpuMs: number; firstShownMs: number; allShownMs: number; blocks: number; htmlChars: number }

async function drive(note: string): Promise<Figures> {
  const service = new AnalysisService(path.join(root, 'dist/worker.js'));
  let wake: (() => void) | undefined;
  const refresh = () => { const w = wake; wake = undefined; w?.(); };
  const reports = new AsyncBlockReports((text, s) => service.analyze({ text, kind: 'markdown', file: 'preview.md', config: {}, previewLines: s.lines }), refresh);
  const md = transformPreviewPlugin(new MarkdownIt(), () => DEFAULT_PREVIEW_SETTINGS, { reports, refresh });
  plainRender(note); // markdown-it's own first run (the preview's is long warm)
  const probe = loopProbe();
  const start = performance.now();
  const f: Figures = { renders: 0, longestMs: 0, longestCpuMs: 0, over50: 0, loopWallMs: NaN, loopCpuMs: NaN, firstShownMs: NaN, allShownMs: NaN, blocks: 0, htmlChars: 0 };
  for (;;) {
    const asked = new Promise<void>((resolve) => { wake = resolve; });
    const t = performance.now();
    const c = threadCpuMs();
    const html = md.render(note);
    const cpu = threadCpuMs() - c;
    const ms = performance.now() - t;
    f.renders++;
    f.longestMs = Math.max(f.longestMs, ms);
    f.longestCpuMs = Math.max(f.longestCpuMs, cpu);
    if (ms > 50) f.over50++;
    const countWall = performance.now(), countCpu = threadCpuMs();
    const pending = (html.match(/jl-pending/g) ?? []).length;
    const blocks = (html.match(/class="jacobian-lens-block/g) ?? []).length;
    probe.exclude(performance.now() - countWall, threadCpuMs() - countCpu);
    f.blocks = blocks;
    f.htmlChars = html.length;
    if (Number.isNaN(f.firstShownMs) && pending < blocks) f.firstShownMs = performance.now() - start;
    if (process.env.JL_TRACE) console.log(`render ${f.renders}: ${ms.toFixed(1)} ms (${cpu.toFixed(1)} ms processor), ${pending} of ${blocks} pending, at ${(performance.now() - start).toFixed(0)} ms, ending at ${performance.now().toFixed(0)} ms`);
    if (pending === 0) { f.allShownMs = performance.now() - start; break; }
    await asked;
  }
  const loop = probe.stop();
  f.loopWallMs = loop.wallMs;
  f.loopCpuMs = loop.cpuMs;
  service.dispose();
  return f;
}

/** One render analysing every block in process (the preview before the worker did it), with the old 300 ms budget per block. */
function inProcess(note: string): number {
  const md = transformPreviewPlugin(new MarkdownIt(), () => DEFAULT_PREVIEW_SETTINGS, { reports: inProcessReports() });
  const t = performance.now();
  md.render(note);
  return performance.now() - t;
}

/** The same note rendered by markdown-it without the plugin (the best of three), for scale. */
function plainRender(note: string): number {
  const md = new MarkdownIt();
  let best = Infinity;
  for (let i = 0; i < 3; i++) { const t = performance.now(); md.render(note); best = Math.min(best, performance.now() - t); }
  return best;
}

async function main(): Promise<void> {
  for (const [name, note] of [['heavy note (the examples)', heavyNote()], ['500 maps', manyMaps()]] as const) {
    const f = await drive(note);
    const before = inProcess(note);
    console.log(`${name}: ${f.blocks} blocks, ${(note.length / 1000).toFixed(0)} kB`);
    console.log(`  longest synchronous render ${f.longestMs.toFixed(1)} ms of wall-clock time (${f.over50} of ${f.renders} renders over 50 ms), ${f.longestCpuMs.toFixed(1)} ms of the host thread's processor time (load ${os.loadavg()[0].toFixed(1)})`);
    console.log(`  the longest synchronous step of any kind (renders, taking the worker's answers): ${f.loopCpuMs.toFixed(1)} ms of processor time, ${f.loopWallMs.toFixed(1)} ms of wall-clock time; rendered ${f.renders} times; first block shown after ${f.firstShownMs.toFixed(0)} ms, all after ${(f.allShownMs / 1000).toFixed(1)} s`);
    console.log(`  the rendered HTML: ${(f.htmlChars / 1e6).toFixed(1)} MB, ${(f.htmlChars / f.blocks / 1000).toFixed(1)} kB a block`);
    console.log(`  analysing in process instead: one render of ${(before / 1000).toFixed(1)} s; markdown-it alone (no plugin): ${plainRender(note).toFixed(1)} ms`);
  }
}

void main().catch((e) => { console.error(e); process.exit(1); });
