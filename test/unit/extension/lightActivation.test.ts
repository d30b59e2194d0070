/**
 * The desktop extension's entry (what the extension host loads at activation) holds none of
 * the heavy parts: mathjs, KaTeX, MathJax and the TypeScript compiler load in the workers (or
 * on first use), never on the host's main thread. Bundled here as esbuild.config.mjs bundles
 * it, and the bundle's inputs read from esbuild's metafile.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { build } from 'esbuild';

const root = path.join(__dirname, '../../../..');

const HEAVY = ['node_modules/mathjs/', 'node_modules/katex/', 'node_modules/mathjax-full/', 'node_modules/typescript/', 'node_modules/typed-function/', 'node_modules/decimal.js/'];

async function inputsOf(entry: string): Promise<string[]> {
  const r = await build({
    absWorkingDir: root, entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', external: ['vscode'],
    write: false, metafile: true, logLevel: 'silent',
  });
  return Object.keys(r.metafile.inputs);
}

describe('activation stays light', function () {
  this.timeout(30_000);

  it('the extension entry bundles no mathjs, KaTeX, MathJax or TypeScript compiler', async () => {
    const inputs = await inputsOf('src/extension/extension.ts');
    assert.ok(inputs.some((f) => f.endsWith('src/extension/activate.ts')), 'the metafile lists the entry\'s modules');
    assert.deepEqual(inputs.filter((f) => HEAVY.some((h) => f.startsWith(h))).map((f) => f.split('/').slice(0, 2).join('/')).filter((f, i, a) => a.indexOf(f) === i), []);
  });

  it('a window on a folder of notes activates the extension before a note opens, so that the analysis worker is ready for it', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { activationEvents: string[] };
    for (const ext of ['md', 'qmd', 'tex']) assert.ok(manifest.activationEvents.includes(`workspaceContains:**/*.${ext}`), ext);
    // never in every window: no `*` or onStartupFinished
    assert.ok(!manifest.activationEvents.some((e) => e === '*' || e === 'onStartupFinished'));
  });

  it('the analysis worker does bundle them (the heavy parts moved there, not away)', async () => {
    const inputs = await inputsOf('src/extension/worker.ts');
    for (const h of ['node_modules/mathjs/', 'node_modules/katex/']) assert.ok(inputs.some((f) => f.startsWith(h)), h);
  });
});
