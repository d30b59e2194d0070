/** A status bar item with det J of the transform at the cursor (setting jacobianLens.statusBar.enabled). */
import * as vscode from 'vscode';
import { transformAt } from '../../core/lookup';
import { fromVsPosition } from '../adapters';
import { SECTION, statusBarEnabled } from '../config';
import { DocumentIndex } from '../documentIndex';
import { PREVIEW_COMMAND, statusText, statusTooltip } from '../views/texts';

export class DetStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('jacobianLens.det', vscode.StatusBarAlignment.Right, 100);
  private readonly subs: vscode.Disposable[];
  /** What the item shows now, or undefined when it is hidden (for tests, through the API). */
  current: { readonly text: string; readonly tooltip: string } | undefined;

  constructor(private readonly index: DocumentIndex) {
    this.item.name = 'Jacobian Lens: det J';
    this.item.command = PREVIEW_COMMAND;
    this.subs = [
      this.item,
      vscode.window.onDidChangeTextEditorSelection((e) => { if (e.textEditor === vscode.window.activeTextEditor) this.refresh(); }),
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
      index.onDidUpdate((uri) => { if (vscode.window.activeTextEditor?.document.uri.toString() === uri.toString()) this.refresh(); }),
      vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration(SECTION)) this.refresh(); }),
    ];
    this.refresh();
  }

  /** Show det J of the transform at (or just above) the active editor's cursor; hide otherwise. */
  refresh(): void {
    const editor = vscode.window.activeTextEditor;
    const report = editor && statusBarEnabled() && DocumentIndex.accepts(editor.document) ? this.index.peek(editor.document.uri) : undefined;
    const t = editor && report ? transformAt(report, fromVsPosition(editor.selection.active), 3) : undefined;
    if (!t) { this.current = undefined; this.item.hide(); return; }
    this.current = { text: statusText(t), tooltip: statusTooltip(t) };
    this.item.text = this.current.text;
    this.item.tooltip = this.current.tooltip;
    this.item.show();
  }

  dispose(): void { vscode.Disposable.from(...this.subs).dispose(); }
}
