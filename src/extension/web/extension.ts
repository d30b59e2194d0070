/**
 * The web entry (vscode.dev, github.dev): the extension host is a web worker without
 * Node's worker_threads, so analysis and TeX typesetting run in process (analysis keeps its
 * symbolic budget; the hover's TeX keeps its time budget and cache). Nothing else differs.
 */
import * as vscode from 'vscode';
import { analyzeDocument } from '../../core/document';
import { createEngineOptions } from '../../core/engine';
import { ReportCache } from '../../core/cache';
import type { Analyzer } from '../analysisService';
import { activateWith, JacobianLensApi } from '../activate';
import { texToSvg } from '../tex/mathjaxSvg';
import { mapsHtml } from '../markdown/previewPlugin';

/** Analysis in process, one document at a time, yielding to the event loop before each. */
export function inProcessAnalyzer(): Analyzer {
  const cache = new ReportCache(512);
  let disposed = false;
  return {
    async analyze(req) {
      await new Promise((r) => setTimeout(r, 0));
      if (disposed) throw new Error('the analysis service is stopped');
      const report = analyzeDocument(req.text, req.kind, req.file, createEngineOptions(req.config), cache);
      return req.previewLines === undefined ? report : { ...report, drawn: mapsHtml(report.transforms, { lines: req.previewLines }) };
    },
    dispose() { disposed = true; },
  };
}

export function activate(context: vscode.ExtensionContext): JacobianLensApi {
  return activateWith(context, {
    analyzer: () => inProcessAnalyzer(),
    texBackend: () => async (tex, colour) => texToSvg(tex, colour),
  });
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
