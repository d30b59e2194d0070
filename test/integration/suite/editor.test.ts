/**
 * Editor integration in a real VS Code: the typeset hover and its command links, det J at a
 * point, the CodeLens and its setting, the status bar, "Insert J and det J as LaTeX" and
 * "Copy det J", the settings, the grammar contribution, and the built-in Markdown preview
 * with the ```transform plugin.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateApi, closeAllEditors, fixtureUri, hoverText, moveCursor, openFixture, positionOf, waitFor } from './util';

const NOTES = 'editor-notes.md';
const PREVIEW = 'editor-preview.md';

/** Set a jacobianLens setting for the workspace (undefined removes it). */
async function setting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('jacobianLens').update(key, value, vscode.ConfigurationTarget.Workspace);
}

async function hovers(uri: vscode.Uri, pos: vscode.Position): Promise<vscode.MarkdownString[]> {
  const hs = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, pos);
  return hs.flatMap((h) => h.contents.filter((c): c is vscode.MarkdownString => typeof c !== 'string' && 'value' in c));
}

/** Our hover's Markdown at `pos` (the one that says "Jacobian Lens"), or undefined. */
async function ourHover(uri: vscode.Uri, pos: vscode.Position): Promise<vscode.MarkdownString | undefined> {
  return (await hovers(uri, pos)).find((m) => m.value.includes('**Jacobian Lens**'));
}

async function lensTitles(uri: vscode.Uri): Promise<string[]> {
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100);
  return lenses.map((l) => l.command?.title ?? '').filter((t) => t.startsWith('Preview'));
}

describe('editor integration', function () {
  this.timeout(120_000);

  afterEach(async () => {
    for (const k of ['hover.mode', 'codeLens.enabled', 'statusBar.enabled', 'languages', 'gridDensity', 'defaultDomain', 'markdownPreview.enabled']) await setting(k, undefined);
    await closeAllEditors();
  });

  it('hover: J and det J as an SVG image in the theme\'s colour, the plain formula, and links to Preview and Check Invertibility', async () => {
    const editor = await openFixture(NOTES);
    const doc = editor.document;
    const pos = positionOf(doc, 'polar(r, theta) =', 2);
    // The first hover may miss the typesetting budget while the TeX worker starts; the image is cached for the next.
    const md = await waitFor(async () => { const m = await ourHover(doc.uri, pos); return m && m.value.includes('data:image/svg+xml') ? m : undefined; }, 'a hover with an image');
    const image = /!\[J and det J\]\(data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)\)/.exec(md.value);
    assert.ok(image, md.value);
    const svg = Buffer.from(image[1], 'base64').toString('utf8');
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    const colour = { [vscode.ColorThemeKind.Light]: '#3b3b3b', [vscode.ColorThemeKind.Dark]: '#cccccc', [vscode.ColorThemeKind.HighContrast]: '#ffffff', [vscode.ColorThemeKind.HighContrastLight]: '#000000' }[vscode.window.activeColorTheme.kind];
    assert.ok(svg.includes(colour), `the SVG is drawn in ${colour}`);
    assert.match(md.value, /```text\ndet J = r\n/);
    assert.match(md.value, /det J at the centre of the domain \\\(1\\\.05, 0\\\) = 1\\\.05/);
    const links = [...md.value.matchAll(/\]\(command:([\w.]+)\?([^ )]+)/g)];
    // Preview and Check always; the full-argument and add-domain links where they apply, all of them trusted
    assert.deepEqual(links.map((l) => l[1]).filter((c) => c === 'jacobianLens.preview' || c === 'jacobianLens.checkInvertibility'), ['jacobianLens.preview', 'jacobianLens.checkInvertibility']);
    for (const l of links) assert.ok((md.isTrusted as { enabledCommands: string[] }).enabledCommands.includes(l[1]), l[1]);
    assert.deepEqual(md.isTrusted, { enabledCommands: ['jacobianLens.preview', 'jacobianLens.checkInvertibility', 'jacobianLens.showInvertibilityArgument', 'jacobianLens.addDomain'] });
    // The Preview link opens the panel on polar.
    const api = await activateApi();
    const preview = links.find((l) => l[1] === 'jacobianLens.preview')!;
    await vscode.commands.executeCommand(preview[1], ...JSON.parse(decodeURIComponent(preview[2])));
    await waitFor(() => api.preview.shown?.report.name === 'polar', 'the panel on polar');
  });

  it('hover over polar(1, 0.5) in the text gives det J at that point', async () => {
    const editor = await openFixture(NOTES);
    const text = await hoverText(editor.document.uri, positionOf(editor.document, 'polar(1, 0.5)', 3));
    assert.match(text, /det J at \\\(1, 0\\\.5\\\) = 1\n/);
  });

  it('setting hover.mode: plain has no image, off has no hover', async () => {
    const editor = await openFixture(NOTES);
    const pos = positionOf(editor.document, 'polar(r, theta) =', 2);
    await setting('hover.mode', 'plain');
    const plain = await ourHover(editor.document.uri, pos);
    assert.ok(plain);
    assert.doesNotMatch(plain.value, /data:image/);
    await setting('hover.mode', 'off');
    assert.equal(await ourHover(editor.document.uri, pos), undefined);
  });

  it('CodeLens "Preview · det J = …" above each transform, cut when long; the setting turns it off', async () => {
    const editor = await openFixture(NOTES);
    const titles = await waitFor(async () => { const t = await lensTitles(editor.document.uri); return t.length === 3 ? t : undefined; }, 'three lenses');
    assert.equal(titles[0], 'Preview · det J = r');
    assert.equal(titles[1], 'Preview · det J = exp(s(x))');
    assert.ok(titles[2].endsWith('…') && titles[2].length === 'Preview · det J = '.length + 40, titles[2]);
    await setting('codeLens.enabled', false);
    assert.deepEqual(await lensTitles(editor.document.uri), []);
  });

  it('the status bar shows det J of the transform at the cursor; its setting hides it', async () => {
    const api = await activateApi();
    const editor = await openFixture(NOTES);
    moveCursor(editor, positionOf(editor.document, 'coupling(x, y) ='));
    await waitFor(() => api.statusBar.current?.text === '$(symbol-operator) coupling: det J = exp(s(x))', 'det J of coupling in the status bar');
    moveCursor(editor, positionOf(editor.document, '# Notes'));
    await waitFor(() => api.statusBar.current === undefined, 'the status bar item hidden away from transforms');
    moveCursor(editor, positionOf(editor.document, 'polar(r, theta) ='));
    await waitFor(() => api.statusBar.current?.text === '$(symbol-operator) polar: det J = r', 'det J of polar');
    await setting('statusBar.enabled', false);
    await waitFor(() => api.statusBar.current === undefined, 'hidden by the setting');
  });

  it('"Insert J and det J as LaTeX" adds a display block after the fence; "Copy det J" copies LaTeX or plain', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: '# Scratch\n\n```transform\nc(x, y) = (x, y exp(s(x)) + t(x))\n```\nafter\n' });
    const editor = await vscode.window.showTextDocument(doc);
    const api = await activateApi();
    await api.index.get(doc);
    moveCursor(editor, new vscode.Position(3, 2));
    assert.equal(await vscode.commands.executeCommand('jacobianLens.insertLatex'), true);
    const lines = doc.getText().split('\n');
    assert.deepEqual(lines.slice(4, 6), ['```', '$$']);
    assert.match(lines[6], /^J_\{c\} = \\begin\{pmatrix\}/);
    assert.match(lines[7], /^\\det J_\{c\} = \\exp\\left\(s\\left\(x\\right\)\\right\)$/);
    assert.equal(lines[8], '$$');
    assert.equal(lines[9], 'after');
    // The note still reads one transform, with no new problems.
    const report = await api.index.get(doc);
    assert.equal(report?.transforms.length, 1);
    assert.deepEqual(report?.diagnostics, []);

    assert.equal(await vscode.commands.executeCommand('jacobianLens.copyDet', 'plain'), 'exp(s(x))');
    assert.equal(await vscode.env.clipboard.readText(), 'exp(s(x))');
    assert.equal(await vscode.commands.executeCommand('jacobianLens.copyDet', 'latex'), '\\exp\\left(s\\left(x\\right)\\right)');
    assert.equal(await vscode.env.clipboard.readText(), '\\exp\\left(s\\left(x\\right)\\right)');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('setting languages: Markdown left out is not read', async () => {
    const api = await activateApi();
    const editor = await openFixture(NOTES);
    await setting('languages', ['typescript', 'javascript']);
    assert.equal(await api.index.get(editor.document), undefined);
    assert.equal(await ourHover(editor.document.uri, positionOf(editor.document, 'polar(r, theta) =', 2)), undefined);
    assert.deepEqual(await lensTitles(editor.document.uri), []);
    await setting('languages', undefined);
    assert.equal((await api.index.get(editor.document))?.transforms.length, 3);
  });

  it('setting defaultDomain: a map without a domain line gets it', async () => {
    const api = await activateApi();
    const editor = await openFixture(NOTES);
    await setting('defaultDomain', [-1, 3]);
    const report = await waitFor(async () => { const r = await api.index.get(editor.document); return r?.transforms[1].domain[0][1] === 3 ? r : undefined; }, 'the new default domain');
    assert.deepEqual(report.transforms[1].domain, [[-1, 3], [-1, 3]]);
    // polar keeps its own.
    assert.deepEqual(report.transforms[0].domain, [[0.1, 2], [-3, 3]]);
  });

  it('setting gridDensity: the panel starts from it', async () => {
    const api = await activateApi();
    const editor = await openFixture(NOTES);
    await setting('gridDensity', 20);
    moveCursor(editor, positionOf(editor.document, 'polar(r, theta) ='));
    await vscode.commands.executeCommand('jacobianLens.preview');
    await waitFor(() => api.preview.shown?.defaults?.lines === 20, 'the panel told gridDensity 20');
    await setting('gridDensity', 6);
    await waitFor(() => api.preview.shown?.defaults?.lines === 6, 'the panel told gridDensity 6');
  });

  it('TypeScript maps get the same hover image, CodeLens and status bar (no special case per language)', async () => {
    const api = await activateApi();
    const editor = await openFixture('editor-maps.ts');
    const doc = editor.document;
    const md = await waitFor(async () => { const m = await ourHover(doc.uri, positionOf(doc, 'x + 2 * y')); return m && m.value.includes('data:image/svg+xml') ? m : undefined; }, 'a hover with an image over shear');
    assert.match(md.value, /`shear\(x, y\)`/);
    assert.match(md.value, /```text\ndet J = 1\n/);
    const titles = await waitFor(async () => { const t = await lensTitles(doc.uri); return t.length === 2 ? t : undefined; }, 'two lenses in the .ts file');
    assert.deepEqual(titles, ['Preview · det J = r', 'Preview · det J = 1']);
    moveCursor(editor, positionOf(doc, 'x + 2 * y'));
    await waitFor(() => api.statusBar.current?.text === '$(symbol-operator) shear: det J = 1', 'det J of shear in the status bar');
  });

  it('the manifest: the grammar injection, the preview plugin and styles, untrusted workspaces, the web entry', () => {
    const ext = vscode.extensions.getExtension('jacobian-lens.jacobian-lens');
    const pkg = ext!.packageJSON as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    assert.deepEqual(pkg.contributes.grammars.map((g: { scopeName: string }) => g.scopeName), ['markdown.jacobian-lens.transform.codeblock', 'source.jacobian-transform']);
    assert.deepEqual(pkg.contributes.grammars[0].injectTo, ['text.html.markdown']);
    assert.equal(pkg.contributes['markdown.markdownItPlugins'], true);
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, true);
    assert.equal(pkg.browser, './dist/web/extension.js');
  });

  it('the Markdown preview: markdown.api.render runs the plugin (KaTeX, the grid SVG, an error box); the setting turns it off', async () => {
    const text = Buffer.from(await vscode.workspace.fs.readFile(fixtureUri(PREVIEW))).toString('utf8');
    // blocks are analysed in the worker: a render shows them pending until their reports are there
    const render = () => waitFor(async () => {
      const h = await vscode.commands.executeCommand<string>('markdown.api.render', text);
      return h.includes('jl-pending') ? undefined : h;
    }, 'a render with every block analysed');
    const html = await render();
    assert.equal((html.match(/class="jacobian-lens-grid"/g) ?? []).length, 2);
    assert.equal((html.match(/class="jl-line"/g) ?? []).length, 2 * 2 * 13);
    assert.match(html, /<annotation encoding="application\/x-tex">(\\displaystyle )?\\det J = r<\/annotation>/);
    assert.match(html, /<div class="jl-error" role="note"><strong>Jacobian Lens:<\/strong> line 19: /);
    assert.match(html, /<p[^>]*>The end\.<\/p>/);
    await setting('gridDensity', 4);
    const sparse = await render();
    assert.equal((sparse.match(/class="jl-line"/g) ?? []).length, 2 * 2 * 5);
    await setting('markdownPreview.enabled', false);
    const off = await vscode.commands.executeCommand<string>('markdown.api.render', text);
    assert.doesNotMatch(off, /jacobian-lens-grid/);
    assert.match(off, /<code [^>]*class="[^"]*language-transform[^"]*"[^>]*>polar\(r, theta\)/);
  });

  it('markdown.showPreview opens the preview of a note with transforms', async () => {
    await openFixture(PREVIEW);
    await vscode.commands.executeCommand('markdown.showPreview', fixtureUri(PREVIEW));
    await waitFor(() => vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(t.input.viewType)), 'the Markdown preview tab');
  });
});
