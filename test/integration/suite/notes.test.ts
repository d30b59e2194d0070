import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { hoverText, openFixture, positionOf, waitFor } from './util';

/** The titles of the Preview lenses of `doc`, once there are some. */
const previewLenses = (doc: vscode.TextDocument, what: string): Promise<string[]> => waitFor(async () => {
  const ls = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 100);
  const t = ls.map((l) => l.command?.title ?? '').filter((x) => x.startsWith('Preview'));
  return t.length ? t : undefined;
}, what);

describe('notes: an unprimed system in a real-style note', function () {
  this.timeout(120_000);

  it('gets a hover that says the chosen inputs, a CodeLens with det J, and the quick fix that writes the choice', async () => {
    const editor = await openFixture('notes-arm.md');
    const doc = editor.document;
    const at = positionOf(doc, 'x &= l_1', 0);
    const hover = await waitFor(async () => { const h = await hoverText(doc.uri, at); return /det J/.test(h) ? h : undefined; }, 'a hover on the arm');
    assert.match(hover, /Jacobian Lens/);
    assert.match(hover, /inputs θ1, θ2; l1, l2 taken as constants/);
    assert.match(hover, /```text\s*det J = [^\n]*sin\(theta2\)/);
    const lenses = await previewLenses(doc, 'a CodeLens on the arm');
    assert.equal(lenses.length, 1);
    assert.match(lenses[0], /^Preview · det J = l₁l₂ sin\(θ₂\)$/);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, new vscode.Range(at, at));
    const fix = actions.find((a) => a.title.startsWith('Say the inputs'));
    assert.ok(fix?.edit, JSON.stringify(actions.map((a) => a.title)));
    assert.ok(fix.edit.get(doc.uri).some((e) => e.newText.includes('<!-- jacobian: inputs \\theta_1, \\theta_2; constants l_1, l_2 -->')));
  });

  it('offers the quick fix on the information of a system whose inputs are undecided, and applying it makes the map', async () => {
    const editor = await openFixture('notes-undecided.md');
    const doc = editor.document;
    const at = positionOf(doc, 'h\\sin t', 0);
    const info = await waitFor(async () => vscode.languages.getDiagnostics(doc.uri).find((d) => d.code === 'inputs'), 'the information on the undecided system');
    assert.equal(info.severity, vscode.DiagnosticSeverity.Information);
    // polled: the first request can meet an analysis that a newer one replaces
    const fix = await waitFor(async () => {
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, new vscode.Range(at, at));
      return actions.find((a) => a.title.startsWith('Say the inputs in the note') && a.edit);
    }, 'the quick fix on the information');
    const edits = fix.edit!.get(doc.uri);
    assert.deepEqual(edits.map((e) => [e.range.start.line, e.newText]), [[4, '<!-- jacobian: inputs s, t; constants h, k -->\n']]);
    try {
      assert.ok(await vscode.workspace.applyEdit(fix.edit!));
      const lenses = await previewLenses(doc, 'a CodeLens once the inputs are said');
      assert.equal(lenses.length, 1);
      await waitFor(async () => (vscode.languages.getDiagnostics(doc.uri).some((d) => d.code === 'inputs') ? undefined : true), 'the information gone');
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });
});
