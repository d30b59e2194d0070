import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { builtinModules } from 'node:module';

const root = path.join(__dirname, '../../../..');

describe('the web extension bundle (vscode.dev)', () => {
  const file = path.join(root, 'dist/web/extension.js');
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { browser?: string };

  it('package.json points `browser` at it, and it is built (npm run build)', () => {
    assert.equal(pkg.browser, './dist/web/extension.js');
    assert.ok(fs.existsSync(file), 'dist/web/extension.js is missing: run npm run build first');
  });

  it('requires nothing but `vscode`: no Node built-ins (worker_threads, fs, …), no files beside it', () => {
    const src = fs.readFileSync(file, 'utf8');
    const required = new Set([...src.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]));
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    const bad = [...required].filter((m) => builtins.has(m) || m.startsWith('node:'));
    assert.deepEqual(bad, []);
    assert.deepEqual([...required].filter((m) => m !== 'vscode'), []);
  });

  it('exports activate and deactivate', () => {
    const src = fs.readFileSync(file, 'utf8');
    assert.match(src, /activate: \(\) => activate/);
    assert.match(src, /deactivate: \(\) => deactivate/);
  });
});

describe('the web extension bundle runs without Node (a worker-like sandbox and the fake API)', () => {
  it('activates, analyses Markdown and TypeScript in process, and hovers with typeset math', async function () {
    this.timeout(30000);
    const vm = require('node:vm') as typeof import('node:vm');
    const { installFakeVscode, Position } = require('../helpers/fakeVscode') as typeof import('../helpers/fakeVscode');
    const fake = installFakeVscode();
    fake.reset();
    const src = fs.readFileSync(path.join(root, 'dist/web/extension.js'), 'utf8');
    const module = { exports: {} as Record<string, unknown> };
    // What a web worker has; no process, Buffer or Node require.
    const sandbox = {
      module, exports: module.exports, require: (m: string) => { if (m === 'vscode') return fake.api; throw new Error(`require(${m}) in the web bundle`); },
      setTimeout, clearTimeout, setInterval, clearInterval, queueMicrotask, console, performance, TextEncoder, TextDecoder, URL, atob, btoa, crypto: globalThis.crypto,
    };
    vm.runInNewContext(src, sandbox, { filename: 'dist/web/extension.js' });
    const context = { subscriptions: [] as Array<{ dispose(): unknown }>, extensionUri: fake.api.Uri.file('/ext') };
    const api = (module.exports.activate as (c: unknown) => { extendMarkdownIt<T>(md: T): T })(context);
    assert.equal(typeof api.extendMarkdownIt, 'function');
    const d = fake.openEditor('/w/web.md', '```transform\npolar(r, theta) = (r cos(theta), r sin(theta))\n```\n', 1);
    const provider = fake.hoverProviders.at(-1)!;
    // The first hover may miss the budget while MathJax loads; the image is cached for the next one.
    let value = '';
    for (let i = 0; i < 5 && !value.includes('data:image/svg+xml'); i++) {
      const h = await provider.provideHover(d, new Position(1, 2), { isCancellationRequested: false });
      value = (h!.contents as { value: string }).value;
    }
    assert.match(value, /!\[J and det J\]\(data:image\/svg\+xml;base64,/);
    assert.match(value, /```text\ndet J = r\n/);
    // TypeScript too: the compiler is bundled in and loads on the first code document.
    const ts = fake.openEditor('/w/maps.ts', 'export function shear(x: number, y: number): [number, number] {\n  return [x + 2 * y, y];\n}\n', 1, 'typescript');
    const th = await provider.provideHover(ts, new Position(1, 4), { isCancellationRequested: false });
    assert.match((th!.contents as { value: string }).value, /`shear\(x, y\)`[\s\S]*```text\ndet J = 1\n/);
    context.subscriptions.forEach((s) => s.dispose());
  });
});
