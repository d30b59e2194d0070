// Bundles: the extension (Node, `vscode` external), its analysis and TeX workers, the web
// extension (browser: vscode.dev), the notebook renderer (the notebook's webview), the CLI, the benchmark, the TypeScript compiler
// (dist/typescript.js, loaded by the worker and the CLI on the first code document only), and
// the webview page and its worker (browser). KaTeX's CSS and fonts are copied next to the
// page so that the webview loads nothing remote.
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync, rmSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

// `require('typescript')` (src/core/parse/typescript/loader.ts) stays a lazy require of the
// compiler's own bundle beside the caller, so that it is loaded once and only when needed.
const lazyTypeScript = {
  name: 'lazy-typescript',
  setup(build) {
    build.onResolve({ filter: /^typescript$/ }, () => ({ path: './typescript.js', external: true }));
  },
};

const node = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  external: ['vscode'],
  plugins: [lazyTypeScript],
};

const builds = [
  { ...node, entryPoints: { extension: 'src/extension/extension.ts' }, outdir: 'dist' },
  { ...node, entryPoints: { worker: 'src/extension/worker.ts' }, outdir: 'dist' },
  { ...node, entryPoints: { texWorker: 'src/extension/tex/texWorker.ts' }, outdir: 'dist' },
  // The web extension: the extension host is a web worker; no Node built-ins (a unit test checks).
  {
    // The TypeScript compiler is bundled in (a web extension is one file; it still loads on the first code document only).
    ...node, platform: 'browser', target: 'es2022', mainFields: ['browser', 'module', 'main'], plugins: [],
    entryPoints: { extension: 'src/extension/web/extension.ts' }, outdir: 'dist/web',
  },
  { ...node, entryPoints: { cli: 'src/cli/bin.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
  // the CLI's analysis worker: the CLI itself stays small, so that starting it is quick
  { ...node, entryPoints: { cliWorker: 'src/cli/cliWorker.ts' }, outdir: 'dist' },
  { ...node, entryPoints: { bench: 'bench/bench.ts' }, outdir: 'dist' },
  { ...node, entryPoints: { benchPreview: 'bench/preview.ts', fuzz: 'bench/fuzz.ts' }, outdir: 'dist' },
  { ...node, plugins: [], sourcemap: false, entryPoints: { typescript: 'node_modules/typescript/lib/typescript.js' }, outdir: 'dist' },
  // The notebook renderer (an ES module in the notebook's webview; the TypeScript compiler stays out: it is never loaded there).
  {
    ...node, platform: 'browser', target: 'es2022', format: 'esm', mainFields: ['browser', 'module', 'main'], sourcemap: false, minify: true,
    define: { RENDERER_URL: 'import.meta.url' }, entryPoints: { renderer: 'src/extension/notebook/renderer.ts' }, outdir: 'dist/notebook',
  },
  // The page, its worker (started from a blob of dist/webview/worker.js: see webview/computeClient.ts)
  // and KaTeX for its formulas (loaded by the page after its first picture: see webview/panel.ts).
  {
    bundle: true, platform: 'browser', target: 'es2022', format: 'iife', sourcemap: !production, minify: production,
    logLevel: 'warning', entryPoints: { panel: 'webview/panel.ts', worker: 'webview/worker.ts', typeset: 'webview/typeset.ts' }, outdir: 'dist/webview',
  },
];

rmSync('dist', { recursive: true, force: true, maxRetries: 3 });
mkdirSync('dist/webview/katex', { recursive: true });
cpSync('node_modules/katex/dist/katex.min.css', 'dist/webview/katex/katex.min.css');
cpSync('node_modules/katex/dist/fonts', 'dist/webview/katex/fonts', { recursive: true });
cpSync('webview/panel.css', 'dist/webview/panel.css');

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
