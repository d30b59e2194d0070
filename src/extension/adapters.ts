/** Conversions between core data and the VS Code API. */
import * as vscode from 'vscode';
import type { Position, Range, Severity } from '../core/model';
import type { DiagnosticReport } from '../core/report';

export const toVsRange = (r: Range): vscode.Range =>
  new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);

export const fromVsPosition = (p: vscode.Position): Position => ({ line: p.line, character: p.character });

export const toVsSeverity = (s: Severity): vscode.DiagnosticSeverity =>
  s === 'error' ? vscode.DiagnosticSeverity.Error : s === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information;

/** A report's diagnostic in VS Code's terms; related information points into the same document. */
export function toVsDiagnostic(d: DiagnosticReport, uri: vscode.Uri): vscode.Diagnostic {
  const diag = new vscode.Diagnostic(toVsRange(d.range), d.message, toVsSeverity(d.severity));
  diag.source = 'Jacobian Lens';
  diag.code = d.code;
  if (d.related?.length) {
    diag.relatedInformation = d.related.map((r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(uri, toVsRange(r.range)), r.message));
  }
  return diag;
}
