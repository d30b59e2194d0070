import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { builtinModules } from 'node:module';
import { pathToFileURL } from 'node:url';
import MarkdownIt = require('markdown-it');

const root = path.join(__dirname, '../../../..');
const bundle = path.join(root, 'dist/notebook/renderer.js');

/** A document that records the elements appended to its head. */
function fakeDocument() {
  interface El { tag: string; children: El[]; classes: string[]; rel?: string; href?: string; content?: El; append(...n: El[]): void; classList: { add(c: string): void } }
  const el = (tag: string): El => {
    const e: El = { tag, children: [], classes: [], append: (...n) => { e.children.push(...n); }, classList: { add: (c) => { e.classes.push(c); } } };
    if (tag === 'template') e.content = el('#fragment');
    return e;
  };
  return { createElement: el, head: el('head') };
}

/** The renderer's activate with a fake notebook renderer context: the markdown-it instance it extended. */
async function activateWith(activate: (ctx: unknown) => Promise<void>): Promise<InstanceType<typeof MarkdownIt>> {
  const md = new MarkdownIt();
  await activate({
    getRenderer: async (id: string) => (id === 'vscode.markdown-it-renderer' ? { extendMarkdownIt: (f: (md: unknown) => unknown) => { f(md); } } : undefined),
  });
  return md;
}

const CELL = 'A shear:\n\n```transform\nshear(x, y) = (x + 2 y, y)\n```\n';

describe('the notebook renderer (markdown cells show ```transform blocks)', () => {
  const g = globalThis as unknown as { document?: unknown; RENDERER_URL?: string };
  afterEach(() => { delete g.document; delete g.RENDERER_URL; });

  it('package.json contributes it as an extension of VS Code\'s markdown-it renderer, and it is built', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    const [r] = pkg.contributes.notebookRenderer;
    assert.deepEqual(r.entrypoint, { extends: 'vscode.markdown-it-renderer', path: './dist/notebook/renderer.js' });
    assert.ok(fs.existsSync(bundle), 'dist/notebook/renderer.js is missing: run npm run build first');
  });

  it('extends markdown-it so that a cell renders its block as the preview does, and adds the styles for the shadow roots', async () => {
    const { activate } = require('../../../src/extension/notebook/renderer') as typeof import('../../../src/extension/notebook/renderer');
    const doc = fakeDocument();
    g.document = doc;
    g.RENDERER_URL = 'https://ext.example/dist/notebook/renderer.js';
    const md = await activateWith(activate as never);
    const html = md.render(CELL);
    assert.match(html, /<div class="jacobian-lens-block code-line" data-line="2">/);
    assert.match(html, /\\det J = 1/);
    assert.match(html, /class="jacobian-lens-grid"/);
    const [template, pageLink] = doc.head.children;
    assert.deepEqual(template.classes, ['markdown-style']);
    assert.deepEqual(template.content!.children.map((l) => l.href), ['https://ext.example/dist/webview/katex/katex.min.css', 'https://ext.example/media/markdown-preview.css']);
    assert.equal(pageLink.href, 'https://ext.example/dist/webview/katex/katex.min.css');
    for (const f of ['dist/webview/katex/katex.min.css', 'media/markdown-preview.css']) assert.ok(fs.existsSync(path.join(root, f)), f);
  });

  it('says so when the markdown renderer is missing', async () => {
    const { activate } = require('../../../src/extension/notebook/renderer') as typeof import('../../../src/extension/notebook/renderer');
    await assert.rejects(activate({ getRenderer: async () => undefined }), /markdown renderer/);
  });

  it('the bundle is an ES module that needs no Node built-in and nothing beside it, and works as built', async function () {
    this.timeout(20000);
    const src = fs.readFileSync(bundle, 'utf8');
    const builtins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
    const named = [...src.matchAll(/\b(?:require\(|from)\s*["']([^"']+)["']/g)].map((m) => m[1]).filter((m) => builtins.includes(m));
    assert.deepEqual(named, []);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jl-renderer-'));
    try {
      // alone in an empty folder: an import of anything beside it would fail
      const copy = path.join(dir, 'renderer.mjs');
      fs.writeFileSync(copy, src);
      const mod = await (new Function('u', 'return import(u)') as (u: string) => Promise<{ activate: (ctx: unknown) => Promise<void> }>)(pathToFileURL(copy).href);
      g.document = fakeDocument();
      const html = (await activateWith(mod.activate)).render(CELL);
      assert.match(html, /jacobian-lens-block/);
      assert.match(html, /\\det J = 1/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
