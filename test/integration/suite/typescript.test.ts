import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateApi, closeAllEditors, hoverText, moveCursor, openFixture, positionOf, waitFor } from './util';

describe('maps in TypeScript', () => {
  afterEach(closeAllEditors);

  it('hover over the name or the body of a function carries det J', async () => {
    const editor = await openFixture('ts-maps.ts');
    const doc = editor.document;
    const onName = await hoverText(doc.uri, positionOf(doc, 'polar(r: number', 2));
    assert.match(onName, /Jacobian Lens/);
    assert.match(onName, /```text\s*det J = r\s/);
    const inBody = await hoverText(doc.uri, positionOf(doc, 'Math.cos(theta)', 5));
    assert.match(inBody, /```text\s*det J = r\s/);
    const coupling = await hoverText(doc.uri, positionOf(doc, 'coupling = ', 3));
    assert.match(coupling, /```text\s*det J = exp\(s\(z1\)\)\s/);
    assert.match(coupling, /s, t are unknown functions/);
    const elsewhere = await hoverText(doc.uri, positionOf(doc, 'fetch(url)', 1));
    assert.doesNotMatch(elsewhere, /det J/);
  });

  it('a CodeLens "Preview · det J = …" above each map, and det J in the status bar at the cursor', async () => {
    const api = await activateApi();
    const editor = await openFixture('ts-maps.ts');
    const uri = editor.document.uri;
    const titles = await waitFor(async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100);
      const t = lenses.map((l) => l.command?.title ?? '').filter((x) => x.startsWith('Preview'));
      return t.length === 2 ? t : undefined;
    }, 'two lenses on ts-maps.ts');
    assert.deepEqual(titles, ['Preview · det J = r', 'Preview · det J = exp(s(z₁))']);
    moveCursor(editor, positionOf(editor.document, 'z2 * Math.exp', 1));
    await waitFor(() => api.statusBar.current?.text === '$(symbol-operator) coupling: det J = exp(s(z₁))', 'det J of coupling in the status bar');
  });

  it('Preview Transform opens the panel on the map at the cursor', async () => {
    const api = await activateApi();
    const editor = await openFixture('ts-maps.ts');
    moveCursor(editor, positionOf(editor.document, 'z2 * Math.exp', 1));
    await vscode.commands.executeCommand('jacobianLens.preview');
    assert.ok(api.preview.isOpen, 'the panel is open');
    await waitFor(() => api.preview.shown?.report.name === 'coupling', 'the panel to show coupling');
    assert.equal(api.preview.shown?.report.notation, 'typescript');
    assert.equal(api.preview.shown?.uri, editor.document.uri.toString());
    await waitFor(() => vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.input instanceof vscode.TabInputWebview && t.label === 'Jacobian Lens: coupling'), 'the panel tab "Jacobian Lens: coupling"');
  });

  it('a map that cannot be analysed gets information at the loop, saying so', async () => {
    const editor = await openFixture('ts-maps.ts');
    const doc = editor.document;
    const [w, ...rest] = await waitFor(() => {
      const ds = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'Jacobian Lens');
      return ds.length ? ds : undefined;
    }, 'a Jacobian Lens diagnostic on ts-maps.ts');
    assert.equal(rest.length, 0);
    assert.equal(w.severity, vscode.DiagnosticSeverity.Information);
    assert.match(w.message, /^looped\(x, y\) cannot be analysed as a map R\^2 -> R\^2: a loop whose number of steps depends on the inputs/);
    const at = positionOf(doc, 'for (let i');
    assert.deepEqual([w.range.start.line, w.range.start.character], [at.line, at.character]);
    const hover = await hoverText(doc.uri, at.translate(0, 2));
    assert.doesNotMatch(hover, /det J/, 'no transform is shown for looped');
  });

  it('a map whose helpers are imported from another file of the workspace: the helpers are read (never run)', async () => {
    const editor = await openFixture('projection-map.ts');
    const doc = editor.document;
    const hover = await waitFor(async () => {
      const h = await hoverText(doc.uri, positionOf(doc, 'sinusoid(lambda', 2));
      return /det J/.test(h) ? h : undefined;
    }, 'a hover with det J on sinusoid');
    // The source writes HALF = 0.5, so det J may be printed as 0.5*cos(phi) or cos(phi)/2.
    assert.match(hover, /```text\s*det J = (cos\(phi\)\/2|0\.5\s*\*\s*cos\(phi\))\s/, 'HALF = 0.5 and cos = Math.cos come from projection-helpers.ts');
    assert.doesNotMatch(hover, /Assumed/, 'nothing had to be assumed');
  });
});

