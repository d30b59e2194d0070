/** Problems from the reports, in the Problems panel. */
import * as vscode from 'vscode';
import { toVsRange, toVsSeverity } from '../adapters';
import type { DocumentIndex } from '../documentIndex';

export function registerDiagnostics(index: DocumentIndex): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('jacobianLens');
  const sub = index.onDidUpdate((uri) => {
    const report = index.peek(uri);
    if (!report) { collection.delete(uri); return; }
    collection.set(uri, report.diagnostics.map((d) => {
      const diag = new vscode.Diagnostic(toVsRange(d.range), d.message, toVsSeverity(d.severity));
      diag.source = 'Jacobian Lens';
      diag.code = d.code;
      if (d.related?.length) {
        diag.relatedInformation = d.related.map((r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(uri, toVsRange(r.range)), r.message));
      }
      return diag;
    }));
  });
  return vscode.Disposable.from(collection, sub);
}
