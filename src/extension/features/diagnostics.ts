/** Problems from the reports, in the Problems panel. */
import * as vscode from 'vscode';
import { toVsDiagnostic } from '../adapters';
import type { DocumentIndex } from '../documentIndex';

export function registerDiagnostics(index: DocumentIndex): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('jacobianLens');
  const sub = index.onDidUpdate((uri) => {
    const report = index.peek(uri);
    if (!report) { collection.delete(uri); return; }
    collection.set(uri, report.diagnostics.map((d) => toVsDiagnostic(d, uri)));
  });
  return vscode.Disposable.from(collection, sub);
}
