/** Conversions between core data and the VS Code API. */
import * as vscode from 'vscode';
import type { Position, Range, Severity } from '../core/model';

export const toVsRange = (r: Range): vscode.Range =>
  new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);

export const fromVsPosition = (p: vscode.Position): Position => ({ line: p.line, character: p.character });

export const toVsSeverity = (s: Severity): vscode.DiagnosticSeverity =>
  s === 'error' ? vscode.DiagnosticSeverity.Error : s === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information;
