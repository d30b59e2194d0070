import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateApi, closeAllEditors, fixtureUri, moveCursor, openFixture, positionOf, runDismissing, waitFor } from './util';

interface ContributedCommand { command: string; title: string }

const invertibilityWarnings = (uri: vscode.Uri) =>
  vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Jacobian Lens' && d.code === 'not-invertible');

describe('commands', () => {
  afterEach(closeAllEditors);

  it('every contributed command is registered', async () => {
    await activateApi();
    const ext = vscode.extensions.getExtension('jacobian-lens.jacobian-lens');
    const contributed = (ext?.packageJSON as { contributes: { commands: ContributedCommand[] } }).contributes.commands.map((c) => c.command);
    assert.deepEqual(contributed.sort(), [
      'jacobianLens.addDomain', 'jacobianLens.checkInvertibility', 'jacobianLens.checkInvertibilityInFile', 'jacobianLens.checkInvertibilityInWorkspace', 'jacobianLens.copyDet', 'jacobianLens.insertLatex', 'jacobianLens.preview',
      'jacobianLens.showInvertibilityArgument',
    ]);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(contributed.filter((c) => !registered.has(c)), []);
  });

  it('Preview Transform opens the panel on the transform at the cursor and follows the cursor', async () => {
    const api = await activateApi();
    const editor = await openFixture('transforms.md');
    moveCursor(editor, positionOf(editor.document, 'polar(r, theta)', 3));
    await vscode.commands.executeCommand('jacobianLens.preview');
    assert.ok(api.preview.isOpen, 'the panel is open');
    assert.equal(api.preview.shown?.report.name, 'polar');
    assert.equal(api.preview.shown?.uri, editor.document.uri.toString());
    const tab = await waitFor(() => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.label === 'Jacobian Lens: polar'), 'the panel tab "Jacobian Lens: polar"');
    assert.match((tab.input as vscode.TabInputWebview).viewType, /jacobianLens\.preview/);
    await vscode.window.showTextDocument(editor.document, vscode.ViewColumn.One);
    moveCursor(vscode.window.activeTextEditor!, positionOf(editor.document, 'shear(x, y)', 1));
    await waitFor(() => api.preview.shown?.report.name === 'shear', 'the panel to follow the cursor to shear');
    assert.equal(api.preview.shown?.report.det, '1');
  });

  it('Preview Transform on a file with no transform: the panel says so, its title drops the old name, and coming back redraws', async () => {
    const api = await activateApi();
    const editor = await openFixture('transforms.md');
    moveCursor(editor, positionOf(editor.document, 'polar(r, theta)', 3));
    await vscode.commands.executeCommand('jacobianLens.preview');
    await waitFor(() => api.preview.shown?.report.name === 'polar', 'the panel on polar');
    const readme = await openFixture('README.md');
    await vscode.commands.executeCommand('jacobianLens.preview', readme.document.uri.toString(), 0, 0);
    await waitFor(() => api.preview.shown === undefined, 'the panel to show nothing');
    await waitFor(() => vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.input instanceof vscode.TabInputWebview && t.label === 'Jacobian Lens'), 'the panel tab titled "Jacobian Lens"');
    await vscode.commands.executeCommand('jacobianLens.preview', editor.document.uri.toString(), positionOf(editor.document, 'polar(r, theta)', 3).line, 3);
    await waitFor(() => api.preview.shown?.report.name === 'polar', 'the panel back on polar');
  });

  it('Check Invertibility at the cursor warns on the fold, with the witness', async () => {
    const editor = await openFixture('transforms.md');
    moveCursor(editor, positionOf(editor.document, 'fold(x, y)', 1));
    await runDismissing('jacobianLens.checkInvertibility');
    const [warning, ...rest] = invertibilityWarnings(editor.document.uri);
    assert.equal(rest.length, 0);
    assert.ok(warning, 'a not-invertible warning');
    assert.equal(warning.severity, vscode.DiagnosticSeverity.Warning);
    assert.deepEqual([warning.range.start.line, warning.range.start.character], [positionOf(editor.document, 'fold(x, y)').line, 0]);
    assert.match(warning.message, /fold\(x, y\)/);
    assert.ok(warning.relatedInformation?.some((r) => /witness a = /.test(r.message)), 'the witness is in the related information');
  });

  it('Check Invertibility in File checks every transform: only the fold is not invertible', async () => {
    const editor = await openFixture('transforms.md');
    moveCursor(editor, new vscode.Position(0, 0));
    await runDismissing('jacobianLens.checkInvertibilityInFile');
    const warnings = invertibilityWarnings(editor.document.uri);
    assert.deepEqual(warnings.map((w) => editor.document.getText(w.range)), ['fold']);
  });

  it('Check Invertibility in Workspace reads files that are not open', async () => {
    await activateApi();
    const square = fixtureUri('square.md');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === square.toString()), 'square.md is not open');
    await runDismissing('jacobianLens.checkInvertibilityInWorkspace');
    const warnings = await waitFor(() => invertibilityWarnings(square).length ? invertibilityWarnings(square) : undefined, 'a warning on square.md');
    assert.equal(warnings.length, 1);
    assert.match(warnings[0].message, /square\(x, y\)/);
    // a LaTeX paper is read too; a notebook is opened and its warnings land in the cell
    const paper = await waitFor(() => invertibilityWarnings(fixtureUri('formats-paper.tex')).length ? invertibilityWarnings(fixtureUri('formats-paper.tex')) : undefined, 'warnings on the .tex paper');
    // the fold (polar is injective on r in [0.5, 2], the domain its sentence gives)
    assert.equal(paper.length, 1);
    const nb = vscode.workspace.notebookDocuments.find((n) => n.uri.path.endsWith('/formats-notebook.ipynb'));
    assert.ok(nb, 'the notebook was opened');
    const fold = nb.cellAt(4).document;
    assert.deepEqual(invertibilityWarnings(fold.uri).map((w) => fold.getText(w.range)), ['K(x, y)']);
  });
});
