/** "Preview · det J = …" above each transform (setting jacobianLens.codeLens.enabled). */
import * as vscode from 'vscode';
import { mainPieceLabel, signature } from '../../core/format';
import { toVsRange } from '../adapters';
import { codeLensEnabled, SECTION } from '../config';
import type { DocumentIndex } from '../documentIndex';
import { codeLensTitle, PREVIEW_COMMAND } from '../views/texts';

export class TransformCodeLenses implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.emitter.event;
  private readonly subs: vscode.Disposable[];

  constructor(private readonly index: DocumentIndex) {
    this.subs = [
      this.emitter,
      index.onDidUpdate(() => this.emitter.fire()),
      vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration(SECTION)) this.emitter.fire(); }),
    ];
  }

  async provideCodeLenses(doc: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    if (!codeLensEnabled()) return [];
    const report = await this.index.get(doc);
    if (!report || token.isCancellationRequested) return [];
    return report.transforms.map((t) => new vscode.CodeLens(toVsRange(t.nameRange), {
      title: codeLensTitle(t),
      tooltip: `Open the preview of ${signature(t)}; det J = ${t.det}${mainPieceLabel(t) ? ` on ${mainPieceLabel(t)}` : ''}`,
      command: PREVIEW_COMMAND,
      arguments: [doc.uri.toString(), t.nameRange.start.line, t.nameRange.start.character],
    }));
  }

  dispose(): void { vscode.Disposable.from(...this.subs).dispose(); }
}

export function registerCodeLenses(index: DocumentIndex, selector: vscode.DocumentSelector): vscode.Disposable {
  const provider = new TransformCodeLenses(index);
  return vscode.Disposable.from(provider, vscode.languages.registerCodeLensProvider(selector, provider));
}
