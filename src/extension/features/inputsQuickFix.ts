/**
 * Quick fix on a LaTeX map whose inputs the reader chose (report `inputChoice`): write the
 * choice into the note as a `<!-- jacobian: inputs …; constants … -->` comment right before the
 * formula, so that the note itself says it (docs/latex.md, "Inputs").
 */
import * as vscode from 'vscode';
import { fromVsPosition } from '../adapters';
import type { DocumentIndex } from '../documentIndex';
import { transformAt } from '../../core/lookup';

export class InputsQuickFix implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly index: Pick<DocumentIndex, 'get'>) {}

  async provideCodeActions(doc: vscode.TextDocument, range: vscode.Range | vscode.Selection, _ctx: vscode.CodeActionContext, token: vscode.CancellationToken): Promise<vscode.CodeAction[]> {
    const report = await this.index.get(doc);
    if (!report || token.isCancellationRequested) return [];
    const t = transformAt(report, fromVsPosition(range.start));
    const choice = t?.inputChoice;
    if (!t || !choice) return [];
    const action = new vscode.CodeAction(`Say the inputs of ${t.name} in the note: ${choice.directive}`, vscode.CodeActionKind.QuickFix);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(choice.at.line, choice.at.character), `${choice.directive}\n`);
    action.edit = edit;
    return [action];
  }
}

export function registerInputsQuickFix(index: DocumentIndex, selector: vscode.DocumentSelector): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider(selector, new InputsQuickFix(index), { providedCodeActionKinds: InputsQuickFix.kinds });
}
