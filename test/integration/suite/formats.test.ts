/**
 * The formats beyond Markdown and code in a real VS Code: a LaTeX paper (.tex), a Jupyter
 * notebook opened as a notebook (hover, lens, diagnostics and the panel in its markdown
 * cells) and a Quarto note.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateApi, closeAllEditors, fixtureUri, hoverText, moveCursor, openFixture, positionOf, runDismissing, waitFor } from './util';

async function lensTitles(uri: vscode.Uri): Promise<string[]> {
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100);
  return lenses.map((l) => l.command?.title ?? '').filter((t) => t.startsWith('Preview'));
}

const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Jacobian Lens');

describe('formats: LaTeX papers, notebooks, Quarto', function () {
  this.timeout(120_000);
  afterEach(closeAllEditors);

  it('a .tex paper: hover, lenses, the panel, the invertibility check and Insert J and det J as an align* block', async () => {
    const api = await activateApi();
    const editor = await openFixture('formats-paper.tex');
    const doc = editor.document;
    assert.equal(doc.languageId, 'latex');
    const report = await api.index.get(doc);
    assert.deepEqual(report?.transforms.map((t) => t.name), ['P', 'F', 'f']);
    assert.deepEqual(report?.diagnostics, [], 'the comment\'s math is not read, the rest reads cleanly');
    const hover = await hoverText(doc.uri, positionOf(doc, 'P(r, \\theta)', 1));
    assert.match(hover, /```text\s*det J = r\s/);
    // \sech from \DeclareMathOperator, \e from \newcommand
    assert.match(await hoverText(doc.uri, positionOf(doc, "z_2' &=", 1)), /```text\s*det J = exp\(sech\(z1\)\)\s/);
    assert.deepEqual(await lensTitles(doc.uri), ['Preview · det J = r', 'Preview · det J = 2x', 'Preview · det J = exp(sech(z₁))']);
    moveCursor(editor, positionOf(doc, 'F(x, y)', 1));
    await vscode.commands.executeCommand('jacobianLens.preview');
    await waitFor(() => api.preview.shown?.report.name === 'F', 'the panel on F');
    await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    await runDismissing('jacobianLens.checkInvertibilityInFile');
    const warnings = await waitFor(() => { const w = ours(doc.uri).filter((d) => d.code === 'not-invertible'); return w.length ? w : undefined; }, 'a not-invertible warning');
    // the fold is not injective; polar is, on r in [0.5, 2] read from the sentence after it, and so is the coupling layer
    assert.deepEqual(warnings.map((w) => w.range.start.line), [positionOf(doc, 'F(x, y)').line]);
    // Insert LaTeX below the equation of P: an align* block that the paper reads on without a new problem
    const e = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    moveCursor(e, positionOf(doc, 'P(r, \\theta)', 1));
    assert.equal(await vscode.commands.executeCommand('jacobianLens.insertLatex'), true);
    const end = positionOf(doc, '\\end{equation}\n').line;
    assert.equal(doc.lineAt(end + 1).text, '\\begin{align*}');
    assert.match(doc.lineAt(end + 3).text, /^  \\det J_\{P\} &= r$/);
    const after = await api.index.get(doc);
    assert.deepEqual(after?.transforms.map((t) => t.name), ['P', 'F', 'f']);
    assert.deepEqual(after?.diagnostics, []);
  });

  it('a notebook opened as a notebook: its markdown cells get hovers, lenses, diagnostics and the panel', async () => {
    const api = await activateApi();
    const nb = await vscode.workspace.openNotebookDocument(fixtureUri('formats-notebook.ipynb'));
    const editor = await vscode.window.showNotebookDocument(nb);
    assert.equal(nb.notebookType, 'jupyter-notebook');
    const cell = nb.cellAt(2).document;
    // a markdown cell has a text editor (and hovers) while it is edited: select it and edit it, as a user does
    editor.selections = [new vscode.NotebookRange(2, 3)];
    await vscode.commands.executeCommand('notebook.cell.edit');
    await waitFor(() => vscode.window.activeTextEditor?.document === cell, 'the markdown cell in edit mode');
    assert.equal(cell.uri.scheme, 'vscode-notebook-cell');
    const report = await waitFor(async () => { const r = await api.index.get(cell); return r?.transforms.length ? r : undefined; }, 'the report of the cell');
    // a = 2 comes from the first cell
    assert.deepEqual(report.transforms.map((t) => [t.name, t.parameters]), [['G', { a: '2' }], ['shear', {}]]);
    const hover = await hoverText(cell.uri, positionOf(cell, 'G(x, y)', 1));
    assert.match(hover, /Jacobian Lens/);
    assert.match(hover, /```text\s*det J = 1\s/);
    assert.deepEqual(await lensTitles(cell.uri), ['Preview · det J = 1', 'Preview · det J = 1']);
    const typo = nb.cellAt(3).document;
    const errors = await waitFor(() => { const d = ours(typo.uri); return d.length ? d : undefined; }, 'the diagnostic in the last cell');
    assert.equal(errors[0].severity, vscode.DiagnosticSeverity.Error);
    assert.equal(errors[0].range.start.line, 1);
    assert.deepEqual(ours(cell.uri), []);
    // the lens's command: the panel on the cell's map
    const at = positionOf(cell, 'G(x, y)');
    await vscode.commands.executeCommand('jacobianLens.preview', cell.uri.toString(), at.line, at.character);
    await waitFor(() => api.preview.shown?.report.name === 'G', 'the panel on G');
    assert.equal(api.preview.shown?.uri, cell.uri.toString());
  });

  it('a Quarto note (.qmd, language quarto) reads like Markdown', async () => {
    const editor = await openFixture('formats-note.qmd');
    assert.equal(editor.document.languageId, 'quarto');
    const hover = await hoverText(editor.document.uri, positionOf(editor.document, 'S(x, y)', 1));
    assert.match(hover, /```text\s*det J = 1\s/);
  });
});
