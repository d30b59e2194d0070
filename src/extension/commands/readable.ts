/**
 * Two commands behind the one-line views: "Show Invertibility Argument" (the full argument
 * of the verdict, in the output channel) and "Add Domain" (the assumed default domain written
 * into the definition, selected for editing), and the quick fix that offers the latter where
 * a transform's domain was not given. Both take (uri, line, character) as hover and panel
 * links pass them, or act on the transform at the cursor.
 */
import * as vscode from 'vscode';
import { languageOfId } from '../../core/languages';
import { domainInsertion } from '../../core/domainEdit';
import { domainNote, signature } from '../../core/format';
import { argumentLines } from './invertibilityResults';
import { transformAt } from '../../core/lookup';
import type { TransformReport } from '../../core/report';
import { fromVsPosition } from '../adapters';
import { DocumentIndex } from '../documentIndex';
import { ARGUMENT_COMMAND, DOMAIN_COMMAND } from '../views/texts';

export interface ReadableCommandDeps {
  readonly index: DocumentIndex;
  readonly log: (message: string) => void;
  readonly showLog: () => void;
}

/** The document and transform a command link names, or the one at the active editor's cursor. */
async function target(index: DocumentIndex, uri?: unknown, line?: unknown, character?: unknown): Promise<{ doc: vscode.TextDocument; t: TransformReport } | undefined> {
  let doc: vscode.TextDocument | undefined, pos: vscode.Position | undefined;
  if (typeof uri === 'string' && typeof line === 'number') {
    doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
    pos = new vscode.Position(line, typeof character === 'number' ? character : 0);
  } else {
    const editor = vscode.window.activeTextEditor;
    doc = editor?.document;
    pos = editor?.selection.active;
  }
  if (!doc || !pos || !DocumentIndex.accepts(doc)) return undefined;
  const report = await index.get(doc);
  const t = report && (transformAt(report, fromVsPosition(pos), 3) ?? (report.transforms.length === 1 ? report.transforms[0] : undefined));
  return t ? { doc, t } : undefined;
}

/** Write the assumed domain into the definition and select it; false when there is nothing to add. */
export async function addDomain(doc: vscode.TextDocument, t: TransformReport): Promise<boolean> {
  const kind = languageOfId(doc.languageId);
  const ins = kind && domainInsertion(doc.getText(), kind, t);
  if (!ins) return false;
  const at = new vscode.Position(ins.line, ins.character);
  const edit = new vscode.WorkspaceEdit();
  edit.insert(doc.uri, at, ins.text);
  if (!(await vscode.workspace.applyEdit(edit))) return false;
  const start = doc.offsetAt(at);
  const editor = await vscode.window.showTextDocument(doc);
  editor.selection = new vscode.Selection(doc.positionAt(start + ins.select.from), doc.positionAt(start + ins.select.to));
  editor.revealRange(editor.selection);
  return true;
}

export function registerReadableCommands(deps: ReadableCommandDeps, selector: vscode.DocumentSelector): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(ARGUMENT_COMMAND, async (uri?: unknown, line?: unknown, character?: unknown) => {
      const here = await target(deps.index, uri, line, character);
      if (!here) { void vscode.window.showInformationMessage('Jacobian Lens: put the cursor on a transform to see its invertibility argument.'); return; }
      for (const l of argumentLines(here.t)) deps.log(l);
      deps.showLog();
    }),
    vscode.commands.registerCommand(DOMAIN_COMMAND, async (uri?: unknown, line?: unknown, character?: unknown): Promise<boolean> => {
      const here = await target(deps.index, uri, line, character);
      if (!here) { void vscode.window.showInformationMessage('Jacobian Lens: put the cursor on a transform to give it a domain.'); return false; }
      if (!here.t.domainDefault?.length) { void vscode.window.showInformationMessage(`Jacobian Lens: ${signature(here.t)} has a domain for every variable.`); return false; }
      return addDomain(here.doc, here.t);
    }),
    vscode.languages.registerCodeActionsProvider(selector, {
      async provideCodeActions(doc, range) {
        const report = await deps.index.get(doc);
        const t = report && transformAt(report, fromVsPosition(range.start));
        // offered where the hover and panel say the assumed box matters
        if (!t?.domainDefault?.length || !domainNote(t) || !(kind(doc) && domainInsertion(doc.getText(), kind(doc)!, t))) return [];
        const action = new vscode.CodeAction(`Add a domain for ${signature(t)} (the assumed ${t.domainDefault.join(', ')} intervals, to edit)`, vscode.CodeActionKind.QuickFix);
        action.command = { command: DOMAIN_COMMAND, title: action.title, arguments: [doc.uri.toString(), t.nameRange.start.line, t.nameRange.start.character] };
        return [action];
      },
    }, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
  );
}

const kind = (doc: vscode.TextDocument) => languageOfId(doc.languageId);
