/**
 * "Insert J and det J as LaTeX" (a display block below the definition) and "Copy det J"
 * (LaTeX or plain). Both act on the transform at the cursor, or on the one given as
 * arguments (uri, line, character), as command links and tests do.
 */
import * as vscode from 'vscode';
import { languageOfId } from '../../core/languages';
import { signature } from '../../core/format';
import { lineAfterDefinition, transformAt } from '../../core/lookup';
import type { TransformReport } from '../../core/report';
import { fromVsPosition } from '../adapters';
import { DocumentIndex } from '../documentIndex';
import { copyForm, latexBlock } from '../views/texts';

export const INSERT_LATEX_COMMAND = 'jacobianLens.insertLatex';
export const COPY_DET_COMMAND = 'jacobianLens.copyDet';

/** The transform at the active editor's cursor (or the only one in the file); says why when there is none. */
async function transformHere(index: DocumentIndex, what: string): Promise<{ editor: vscode.TextEditor; t: TransformReport } | undefined> {
  const editor = vscode.window.activeTextEditor;
  const report = editor && DocumentIndex.accepts(editor.document) ? await index.get(editor.document) : undefined;
  const t = editor && report ? transformAt(report, fromVsPosition(editor.selection.active), 3) ?? (report.transforms.length === 1 ? report.transforms[0] : undefined) : undefined;
  if (!editor || !t) {
    void vscode.window.showInformationMessage(`Jacobian Lens: put the cursor on a transform to ${what}.`);
    return undefined;
  }
  return { editor, t };
}

export function registerLatexCommands(index: DocumentIndex): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(INSERT_LATEX_COMMAND, async (): Promise<boolean> => {
      const here = await transformHere(index, 'insert its J and det J');
      if (!here) return false;
      const { editor, t } = here;
      const doc = editor.document;
      const kind = languageOfId(doc.languageId) ?? 'markdown';
      const line = lineAfterDefinition(doc.getText(), kind, t.range);
      const text = latexBlock(t, kind === 'latex' ? 'paper' : kind === 'markdown' || kind === 'notebook' ? 'markdown' : 'code');
      // Past the last line (a file without a final newline): at its end, on a new line.
      const past = line >= doc.lineCount;
      const at = past ? doc.lineAt(doc.lineCount - 1).range.end : new vscode.Position(line, 0);
      const prefix = past ? '\n' : '';
      return editor.edit((b) => b.insert(at, prefix + text));
    }),
    vscode.commands.registerCommand(COPY_DET_COMMAND, async (form?: unknown): Promise<string | undefined> => {
      const here = await transformHere(index, 'copy its det J');
      if (!here) return undefined;
      const { t } = here;
      let chosen: 'latex' | 'plain' | undefined = form === 'latex' || form === 'plain' ? form : undefined;
      if (!chosen) {
        const pick = await vscode.window.showQuickPick([
          { label: 'LaTeX', description: copyForm(t, 'latex'), form: 'latex' as const },
          { label: 'Plain', description: copyForm(t, 'plain'), form: 'plain' as const },
        ], { placeHolder: `Copy det J of ${signature(t)} as` });
        if (!pick) return undefined;
        chosen = pick.form;
      }
      const text = copyForm(t, chosen);
      await vscode.env.clipboard.writeText(text);
      vscode.window.setStatusBarMessage(`Jacobian Lens: copied det J (${chosen === 'latex' ? 'LaTeX' : 'plain'})`, 3000);
      return text;
    }),
  );
}
