/**
 * The packaged extension (`npm run package`) holds every file package.json points at and the
 * files those load beside them: the files `vsce` would put in the .vsix (after .vscodeignore).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { listFiles, PackageManager } from '@vscode/vsce';

const root = path.resolve(__dirname, '../../../..');

describe('the packaged extension', () => {
  it('holds the entries, the notebook renderer, the grammars and the styles they load', async function () {
    this.timeout(20_000);
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    const c = pkg.contributes;
    const needed: string[] = [
      pkg.main, pkg.browser,
      ...c.notebookRenderer.map((r: { entrypoint: { path: string } }) => r.entrypoint.path),
      ...c.grammars.map((g: { path: string }) => g.path),
      // loaded beside the bundles: the analysis workers, the compiler, the panel's page, the styles
      'dist/worker.js', 'dist/texWorker.js', 'dist/typescript.js', 'dist/cli.js', 'dist/cliWorker.js',
      'dist/webview/panel.js', 'dist/webview/typeset.js', 'dist/webview/katex/katex.min.css', 'media/markdown-preview.css',
    ].map((p) => path.posix.normalize(p));
    for (const p of needed) assert.ok(fs.existsSync(path.join(root, p)), `${p} is built (npm run build)`);
    const files = new Set((await listFiles({ cwd: root, packageManager: PackageManager.None })).map((f) => path.posix.normalize(f)));
    assert.deepEqual(needed.filter((p) => !files.has(p)), [], 'missing from the .vsix: see .vscodeignore');
    assert.ok([...files].some((f) => f.startsWith('dist/webview/katex/fonts/')), 'KaTeX fonts');
    assert.ok(![...files].some((f) => f.startsWith('src/') || f.startsWith('test/') || f.startsWith('node_modules/')), 'no sources, tests or node_modules');
  });

  it('declares the settings read for a document (engineConfig) as resource-scoped, so a folder\'s settings apply to its files', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    const props = pkg.contributes.configuration.properties as Record<string, { scope?: string }>;
    // src/extension/config.ts's engineConfig reads these with the document as scope; VS Code
    // warns ("Accessing a window scoped configuration for a resource") unless they say so
    for (const key of ['symbolicBudgetMs', 'defaultDomain', 'code.oneDimensional', 'parseBudgetMs', 'invertibilityBudgetMs']) {
      assert.equal(props[`jacobianLens.${key}`]?.scope, 'resource', key);
    }
  });
});
