/**
 * The composition root shared by the Node and the web entries: builds the services and
 * registers each feature. The entries differ only in how analysis and TeX run (worker
 * threads in Node, in process on the web).
 */
import * as vscode from 'vscode';
import type { Analyzer } from './analysisService';
import { DocumentIndex } from './documentIndex';
import { registerDiagnostics } from './features/diagnostics';
import { registerHover, PREVIEW_COMMAND } from './features/hover';
import { registerCodeLenses } from './features/codeLens';
import { registerInputsQuickFix } from './features/inputsQuickFix';
import { DetStatusBar } from './features/statusBar';
import { registerInvertibilityCommands } from './commands/invertibility';
import { registerLatexCommands } from './commands/latex';
import { registerReadableCommands } from './commands/readable';
import { PreviewManager } from './panel/previewManager';
import { TexBackend, TexRenderer } from './tex/texRenderer';
import { AsyncBlockReports, DEFAULT_PREVIEW_SETTINGS, blockPreviewPlugin } from './markdown/previewBlocks';
import { engineConfig, gridDensity, markdownPreviewEnabled } from './config';
import { SUPPORTED_LANGUAGES } from './config';
import { Milestones, clockTime } from './milestones';

export const SELECTOR: vscode.DocumentSelector = SUPPORTED_LANGUAGES.map((language) => ({ language }));

/** What tests (and other extensions) can reach; `extendMarkdownIt` is VS Code's hook for the Markdown preview. */
export interface JacobianLensApi {
  readonly index: DocumentIndex;
  readonly preview: PreviewManager;
  readonly statusBar: DetStatusBar;
  readonly tex: TexRenderer;
  extendMarkdownIt<T>(md: T): T;
}

export interface Platform {
  readonly analyzer: (log: (m: string) => void) => Analyzer;
  readonly texBackend: (log: (m: string) => void) => TexBackend & { dispose?(): void };
}

export function activateWith(context: vscode.ExtensionContext, platform: Platform): JacobianLensApi {
  const activating = Date.now();
  const output = vscode.window.createOutputChannel('Jacobian Lens', { log: true });
  const log = (m: string) => output.info(m);
  const firsts = new Milestones(log, activating);
  const service = platform.analyzer(log);
  const texBackend = platform.texBackend(log);
  // the workers load their heavy parts (mathjs, KaTeX, MathJax) now, while the editor opens the file
  service.warm?.();
  const tex = new TexRenderer(texBackend);
  const index = new DocumentIndex(service, log);
  // MathJax's load (seconds of CPU on a busy machine) starts with the first report that has a
  // transform (the hover typesets its formulas ahead), not at activation: the extension also
  // activates when a window opens on a folder of notes, before any is open, and the first hover
  // (plain text while MathJax loads) and the panel's first picture need only the analysis
  const preview = new PreviewManager(context.extensionUri, index, log, firsts);
  const statusBar = new DetStatusBar(index);
  // The Markdown preview's blocks are analysed (and typeset and drawn) by the same worker as
  // the editor's documents, sharing its cache of transform reports, one at a time; the preview
  // is refreshed as they arrive. The host only looks them up.
  const previewReports = new AsyncBlockReports(
    (text, s) => service.analyze({ text, kind: 'markdown', file: 'preview.md', config: engineConfig(), previewLines: s.lines }),
    () => { void vscode.commands.executeCommand('markdown.preview.refresh'); },
    () => JSON.stringify(engineConfig()),
  );

  context.subscriptions.push(
    output,
    { dispose: () => { previewReports.dispose(); service.dispose(); texBackend.dispose?.(); } },
    index,
    preview,
    statusBar,
    index.onDidUpdate((uri) => { firsts.mark('report', `${uri.path.split('/').pop()}, ${index.peek(uri)?.transforms.length ?? 0} transforms`); }),
    registerHover(index, SELECTOR, tex, firsts),
    registerCodeLenses(index, SELECTOR),
    registerInputsQuickFix(index, SELECTOR),
    registerDiagnostics(index),
    registerInvertibilityCommands({ index, service, preview, log, showLog: () => output.show(true) }),
    registerLatexCommands(index),
    registerReadableCommands({ index, log, showLog: () => output.show(true) }, SELECTOR),
    vscode.commands.registerCommand(PREVIEW_COMMAND, async (uri?: string, line?: number, character?: number) => {
      if (typeof uri === 'string' && typeof line === 'number') {
        await preview.show(vscode.Uri.parse(uri), new vscode.Position(line, character ?? 0));
      } else {
        await preview.show();
      }
    }),
  );
  // performance.now(): the time since the extension host started (Node) or its worker (web)
  log(`activated in ${Date.now() - activating} ms at ${clockTime(Date.now())}, ${Math.round(performance.now() - (Date.now() - activating))} ms after the extension host started`);
  return {
    index, preview, statusBar, tex,
    extendMarkdownIt<T>(md: T): T {
      blockPreviewPlugin(md as never, () => {
        const c = engineConfig();
        return { enabled: markdownPreviewEnabled(), lines: gridDensity(), defaultDomain: c.defaultDomain ?? [-2, 2], budgetMs: c.budgetMs ?? DEFAULT_PREVIEW_SETTINGS.budgetMs };
      }, { reports: previewReports, refresh: () => { void vscode.commands.executeCommand('markdown.preview.refresh'); } });
      return md;
    },
  };
}
