import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openFixture, positionOf, waitFor } from './util';

describe('diagnostics', () => {
  it('a broken definition gets an error at the place where it breaks', async () => {
    const editor = await openFixture('broken.md');
    const doc = editor.document;
    const errors = await waitFor(() => {
      const ds = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'Jacobian Lens' && d.severity === vscode.DiagnosticSeverity.Error);
      return ds.length ? ds : undefined;
    }, 'an error diagnostic on broken.md');
    assert.equal(errors.length, 1);
    const at = positionOf(doc, '+* y', 1);
    assert.deepEqual([errors[0].range.start.line, errors[0].range.start.character], [at.line, at.character]);
    assert.equal(doc.getText(errors[0].range), '*');
    assert.match(errors[0].message, /missing/);
  });

  it('an edit that repairs the definition clears the error', async () => {
    const editor = await openFixture('broken.md');
    const doc = editor.document;
    const start = positionOf(doc, '+* y', 1);
    await editor.edit((e) => e.delete(new vscode.Range(start, start.translate(0, 1))));
    await waitFor(() => !vscode.languages.getDiagnostics(doc.uri).some((d) => d.source === 'Jacobian Lens'), 'the error to go');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
