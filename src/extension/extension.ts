/**
 * The composition root: builds the services and registers each feature.
 */
import * as vscode from 'vscode';
import { AnalysisService } from './analysisService';
import { DocumentIndex } from './documentIndex';
import { registerDiagnostics } from './features/diagnostics';
import { registerHover, PREVIEW_COMMAND } from './features/hover';
import { registerInvertibilityCommands } from './commands/invertibility';
import { PreviewManager } from './panel/previewManager';

export const SELECTOR: vscode.DocumentSelector = [
  { language: 'markdown' }, { language: 'typescript' }, { language: 'typescriptreact' },
  { language: 'javascript' }, { language: 'javascriptreact' },
];

/** What tests (and other extensions) can reach. */
export interface JacobianLensApi {
  readonly index: DocumentIndex;
  readonly preview: PreviewManager;
}

export function activate(context: vscode.ExtensionContext): JacobianLensApi {
  const output = vscode.window.createOutputChannel('Jacobian Lens', { log: true });
  const log = (m: string) => output.info(m);
  const service = new AnalysisService(vscode.Uri.joinPath(context.extensionUri, 'dist', 'worker.js').fsPath, log);
  const index = new DocumentIndex(service, log);
  const preview = new PreviewManager(context.extensionUri, index, log);

  context.subscriptions.push(
    output,
    { dispose: () => service.dispose() },
    index,
    preview,
    registerHover(index, SELECTOR),
    registerDiagnostics(index),
    registerInvertibilityCommands({ index, service, preview, log, showLog: () => output.show(true) }),
    vscode.commands.registerCommand(PREVIEW_COMMAND, async (uri?: string, line?: number, character?: number) => {
      if (typeof uri === 'string' && typeof line === 'number') {
        await preview.show(vscode.Uri.parse(uri), new vscode.Position(line, character ?? 0));
      } else {
        await preview.show();
      }
    }),
  );
  return { index, preview };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
