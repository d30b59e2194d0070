import * as assert from 'node:assert/strict';
import { analyzeDocument, languageOfId } from '../../../src/core/document';
import { createEngineOptions } from '../../../src/core/engine';
import type { FileReport } from '../../../src/core/report';
import { FakeDocument, MarkdownString, Position, Uri, installFakeVscode } from '../helpers/fakeVscode';

const fake = installFakeVscode();
// Loaded after the fake is installed: these modules import `vscode`.
const hover = require('../../../src/extension/features/hover') as typeof import('../../../src/extension/features/hover');
const lenses = require('../../../src/extension/features/codeLens') as typeof import('../../../src/extension/features/codeLens');
const status = require('../../../src/extension/features/statusBar') as typeof import('../../../src/extension/features/statusBar');
const latex = require('../../../src/extension/commands/latex') as typeof import('../../../src/extension/commands/latex');
const { DocumentIndex } = require('../../../src/extension/documentIndex') as typeof import('../../../src/extension/documentIndex');
const { TexRenderer } = require('../../../src/extension/tex/texRenderer') as typeof import('../../../src/extension/tex/texRenderer');

const engine = createEngineOptions();
const POLAR = ['# Polar', '', '```transform', 'polar(r, theta) = (r cos(theta), r sin(theta))', 'domain: r in [0.1, 2], theta in [-3, 3]', '```', '', 'At polar(1, 0.5) the area grows by r.', ''].join('\n');
const token = { isCancellationRequested: false };

/** The document index, analysing in process. */
class FakeIndex {
  private readonly reports = new Map<string, FileReport>();
  private readonly listeners: Array<(u: Uri) => void> = [];
  async get(d: FakeDocument): Promise<FileReport | undefined> {
    if (!DocumentIndex.accepts(d as never)) return undefined;
    const r = analyzeDocument(d.getText(), languageOfId(d.languageId)!, d.uri.fsPath, engine);
    this.reports.set(d.uri.toString(), r);
    this.listeners.forEach((l) => l(d.uri));
    return r;
  }
  reportAt(d: FakeDocument): Promise<FileReport | undefined> { return this.get(d); }
  peek(u: Uri): FileReport | undefined { return this.reports.get(u.toString()); }
  onDidUpdate = (l: (u: Uri) => void) => { this.listeners.push(l); return { dispose: () => undefined }; };
}

describe('editor features in VS Code (a fake API)', () => {
  const index = new FakeIndex();
  const texCalls: string[] = [];
  const tex = new TexRenderer(async (t, colour) => { texCalls.push(colour); return `<svg xmlns="http://www.w3.org/2000/svg"><!-- ${t.length} --></svg>`; });
  let bar: InstanceType<typeof status.DetStatusBar>;

  before(() => {
    hover.registerHover(index as never, [], tex);
    lenses.registerCodeLenses(index as never, []);
    latex.registerLatexCommands(index as never);
    bar = new status.DetStatusBar(index as never);
  });
  beforeEach(() => { fake.reset(); texCalls.length = 0; });

  const hoverAt = async (d: FakeDocument, line: number, character: number) => fake.hoverProviders[0].provideHover(d, new Position(line, character), token);

  it('hover over a transform: an SVG image, the plain formula, det J at the centre, and links trusted for its own commands only', async () => {
    const d = fake.openEditor('/w/polar.md', POLAR, 3);
    const h = await hoverAt(d, 3, 2);
    assert.ok(h);
    const md = h!.contents as MarkdownString;
    assert.match(md.value, /!\[J and det J\]\(data:image\/svg\+xml;base64,/);
    assert.match(md.value, /```text\ndet J = r\n/);
    assert.match(md.value, /det J at the centre of the domain/);
    assert.match(md.value, /\(command:jacobianLens\.preview\?/);
    assert.match(md.value, /\(command:jacobianLens\.checkInvertibility\?/);
    assert.deepEqual(md.isTrusted, { enabledCommands: ['jacobianLens.preview', 'jacobianLens.checkInvertibility', 'jacobianLens.showInvertibilityArgument', 'jacobianLens.addDomain'] });
    assert.deepEqual(texCalls, ['#3b3b3b']);
  });

  it('the image follows the theme kind', async () => {
    const d = fake.openEditor('/w/polar.md', POLAR, 3);
    fake.themeKind = 2;
    await hoverAt(d, 3, 2);
    fake.themeKind = 3;
    await hoverAt(d, 3, 2);
    assert.deepEqual(texCalls, ['#cccccc', '#ffffff']);
  });

  it('hover over polar(1, 0.5) in the text: det J at that point', async () => {
    const d = fake.openEditor('/w/polar.md', POLAR, 7);
    const h = await hoverAt(d, 7, 6);
    assert.ok(h);
    assert.match((h!.contents as MarkdownString).value, /det J at \\\(1, 0\\\.5\\\) = 1\n/);
    assert.equal(h!.range!.start.character, 3);
    assert.equal(await hoverAt(d, 7, 30), undefined);
  });

  it('setting hover.mode: plain shows no image, off shows no hover', async () => {
    const d = fake.openEditor('/w/polar.md', POLAR, 3);
    fake.settings.set('jacobianLens.hover.mode', 'plain');
    const h = await hoverAt(d, 3, 2);
    assert.doesNotMatch((h!.contents as MarkdownString).value, /!\[/);
    assert.match((h!.contents as MarkdownString).value, /det J = r/);
    assert.equal(texCalls.length, 0);
    fake.settings.set('jacobianLens.hover.mode', 'off');
    assert.equal(await hoverAt(d, 3, 2), undefined);
  });

  it('the same hover for TypeScript reports (no special case per language)', async () => {
    const d = fake.openEditor('/w/polar.md', POLAR, 3);
    d.languageId = 'typescript';
    // The TypeScript front end may not exist yet; the hover only reads the index's report.
    const report = analyzeDocument(POLAR, 'markdown', 'x', engine);
    const idx = { get: async () => report, reportAt: async () => report, peek: () => report, onDidUpdate: () => ({ dispose: () => undefined }) };
    const before = fake.hoverProviders.length;
    hover.registerHover(idx as never, [], tex);
    const h = await fake.hoverProviders[before].provideHover(d, new Position(3, 2), token);
    assert.match((h!.contents as MarkdownString).value, /`polar\(r, theta\)`/);
  });

  it('CodeLens: "Preview · det J = r" on the definition, opening the preview there; the setting turns it off', async () => {
    const d = fake.openEditor('/w/polar.md', POLAR, 0);
    const ls = await fake.codeLensProviders[0].provideCodeLenses(d, token);
    assert.equal(ls.length, 1);
    assert.equal(ls[0].command!.title, 'Preview · det J = r');
    assert.equal(ls[0].command!.command, 'jacobianLens.preview');
    assert.deepEqual(ls[0].command!.arguments, [d.uri.toString(), 3, 0]);
    assert.equal(ls[0].range.start.line, 3);
    fake.settings.set('jacobianLens.codeLens.enabled', false);
    assert.deepEqual(await fake.codeLensProviders[0].provideCodeLenses(d, token), []);
  });

  it('the status bar shows det J at the cursor, hides elsewhere, and its setting hides it', async () => {
    const d = fake.openEditor('/w/polar.md', POLAR, 4);
    await index.get(d);
    bar.refresh();
    assert.deepEqual(bar.current?.text, '$(symbol-operator) polar: det J = r');
    const item = fake.statusBarItems[0];
    assert.equal(item.visible, true);
    assert.equal(item.text, '$(symbol-operator) polar: det J = r');
    assert.equal(item.command, 'jacobianLens.preview');
    fake.activeTextEditor!.selection = { active: new Position(0, 0) };
    fake.selectionListeners.fire({});
    assert.equal(bar.current, undefined);
    assert.equal(item.visible, false);
    fake.activeTextEditor!.selection = { active: new Position(3, 0) };
    fake.set('jacobianLens.statusBar.enabled', false);
    assert.equal(item.visible, false);
    fake.set('jacobianLens.statusBar.enabled', true);
    assert.equal(item.visible, true);
  });

  it('"Insert J and det J as LaTeX" puts a display block after the closing fence', async () => {
    const d = fake.openEditor('/w/polar.md', POLAR, 3);
    assert.equal(await fake.commands.get(latex.INSERT_LATEX_COMMAND)!(), true);
    assert.equal(fake.inserts.length, 1);
    assert.equal(fake.inserts[0].at.line, 6);
    const lines = d.getText().split('\n');
    assert.equal(lines[5], '```');
    assert.equal(lines[6], '$$');
    assert.match(lines[7], /^J_\{\\operatorname\{polar\}\} = \\begin\{pmatrix\}/);
    assert.equal(lines[8], '\\det J_{\\operatorname{polar}} = r');
    assert.equal(lines[9], '$$');
    // The note still has one transform and no problems.
    const after = analyzeDocument(d.getText(), 'markdown', 'n', engine);
    assert.equal(after.transforms.length, 1);
    assert.deepEqual(after.diagnostics, []);
  });

  it('"Insert …" at the end of a file without a final newline', async () => {
    const d = fake.openEditor('/w/g.md', '$$ g(x, y) = \\left( x e^{y}, y \\right) $$', 0);
    await fake.commands.get(latex.INSERT_LATEX_COMMAND)!();
    assert.match(d.getText(), /\\right\) \$\$\n\$\$\nJ_\{g\}/);
  });

  it('"Copy det J": LaTeX or plain, given or picked; nothing without a transform', async () => {
    fake.openEditor('/w/c.md', '```transform\nc(x, y) = (x, y exp(s(x)) + t(x))\n```\n', 1);
    const copy = fake.commands.get(latex.COPY_DET_COMMAND)! as unknown as (form?: string) => Promise<string | undefined>;
    assert.equal(await copy('plain'), 'exp(s(x))');
    assert.equal(fake.clipboard, 'exp(s(x))');
    fake.pick = (labels) => labels.indexOf('LaTeX');
    const l = await copy();
    assert.equal(fake.clipboard, l);
    assert.equal(l, "\\exp\\left(s\\left(x\\right)\\right)");
    assert.notEqual(l, 'exp(s(x))');
    fake.openEditor('/w/none.md', 'no maps here\n', 0);
    fake.clipboard = 'kept';
    assert.equal(await copy('plain'), undefined);
    assert.equal(fake.clipboard, 'kept');
    assert.match(fake.shown.at(-1)!.message, /put the cursor on a transform/);
  });

  it('formulas are typeset ahead of the first hover when a file is analysed (rendered mode only)', async () => {
    const before = tex.started;
    const d = fake.openEditor('/w/ahead.md', '```transform\nahead(x, y) = (x + y^3, y)\n```\n', 1);
    await index.get(d);
    assert.equal(tex.started, before + 1);
    texCalls.length = 0;
    const h = await hoverAt(d, 1, 2);
    assert.match((h!.contents as MarkdownString).value, /!\[J and det J\]/);
    assert.deepEqual(texCalls, [], 'the hover found the image in the cache');
    fake.settings.set('jacobianLens.hover.mode', 'plain');
    await index.get(fake.openEditor('/w/ahead2.md', '```transform\nahead2(x, y) = (x, 2 y)\n```\n', 1));
    assert.equal(tex.started, before + 1);
  });

  it('setting languages: a language left out is not read (no hover, lens or report)', async () => {
    const d = fake.openEditor('/w/polar.md', POLAR, 3);
    assert.equal(DocumentIndex.accepts(d as never), true);
    fake.settings.set('jacobianLens.languages', ['typescript']);
    assert.equal(DocumentIndex.accepts(d as never), false);
    assert.equal(await hoverAt(d, 3, 2), undefined);
    assert.deepEqual(await fake.codeLensProviders[0].provideCodeLenses(d, token), []);
    // Unknown ids in the setting are ignored.
    fake.settings.set('jacobianLens.languages', ['markdown', 'python']);
    assert.equal(DocumentIndex.accepts(d as never), true);
  });
});
