/**
 * Quick fix on a LaTeX system whose inputs the reader chose (a map's `inputChoice`) or could not
 * choose (an information diagnostic with `inputChoice`, the best guess filled in): write the
 * choice into the note as a `<!-- jacobian: inputs …; constants … -->` comment right before the
 * formula, so that the note itself says it (docs/latex.md, "Directives").
 */
import * as vscode from 'vscode';
import { fromVsPosition } from '../adapters';
import type { DocumentIndex } from '../documentIndex';
import { transformAt } from '../../core/lookup';
import { InputChoice, containsPosition } from '../../core/model';

export class InputsQuickFix implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly index: Pick<DocumentIndex, 'get'>) {}

  async provideCodeActions(doc: vscode.TextDocument, range: vscode.Range | vscode.Selection, _ctx: vscode.CodeActionContext, token: vscode.CancellationToken): Promise<vscode.CodeAction[]> {
    const report = await this.index.get(doc);
    if (!report || token.isCancellationRequested) return [];
    const at = fromVsPosition(range.start);
    const t = transformAt(report, at);
    if (t?.inputChoice) return [action(doc, `Say the inputs of ${t.name} in the note: ${t.inputChoice.directive}`, t.inputChoice)];
    // a system with undecided inputs: its information diagnostic carries the guess
    const undecided = report.diagnostics.find((d) => d.inputChoice && containsPosition(d.range, at));
    return undecided?.inputChoice ? [action(doc, `Say the inputs in the note: ${undecided.inputChoice.directive}`, undecided.inputChoice, true)] : [];
  }
}

function action(doc: vscode.TextDocument, title: string, choice: InputChoice, preferred = false): vscode.CodeAction {
  const a = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
  const edit = new vscode.WorkspaceEdit();
  edit.insert(doc.uri, new vscode.Position(choice.at.line, choice.at.character), `${choice.directive}\n`);
  a.edit = edit;
  if (preferred) a.isPreferred = true;
  return a;
}

export function registerInputsQuickFix(index: DocumentIndex, selector: vscode.DocumentSelector): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider(selector, new InputsQuickFix(index), { providedCodeActionKinds: InputsQuickFix.kinds });
}
