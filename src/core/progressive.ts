/**
 * A document's definitions analysed in the order the reader needs them: those on screen
 * first (the editor's visible line ranges, in the order given), then the others by their
 * distance from the first visible range. Between two definitions the analysis checks
 * whether it was cancelled (a newer request for the same document) and publishes what it
 * has so far, so that a note with thousands of maps shows its first results quickly and
 * fills in the rest. No `vscode`.
 */
import { analyzeOne, byStart, type DocumentAnalysis } from './document';
import type { AnalyzeOptions } from './analyze';
import type { ParseResult } from './model';
import type { ReportCache } from './cache';
import type { DiagnosticReport, TransformReport } from './report';
import type { Transform } from './model';

/** Lines first to last, inclusive, 0-based (an editor's visible range). */
export interface LineRange { readonly start: number; readonly end: number }

export interface Progress {
  /** The lines on screen, most important first; none: document order. */
  readonly visible?: readonly LineRange[];
  /** Checked between definitions: true stops the analysis (the result is then null). */
  readonly cancelled?: () => boolean;
  /**
   * What is known so far, in document order; called after the first definition (a hover on it
   * need not wait for the rest), after the visible ones and then every `partialEveryMs`.
   */
  readonly partial?: (r: DocumentAnalysis, remaining: number) => void;
  readonly partialEveryMs?: number;
  /** Milliseconds since some origin (tests pass a counter). */
  readonly now?: () => number;
}

/** The order in which to analyse `transforms` (indices): on screen first, then nearest to the first visible range. */
export function analysisOrder(transforms: readonly Pick<Transform, 'range' | 'cell'>[], visible: readonly LineRange[] = []): number[] {
  const ranges = visible.filter((r) => Number.isFinite(r.start) && Number.isFinite(r.end) && r.start <= r.end);
  // a notebook's ranges are in its cells: no screen order there
  if (!ranges.length || transforms.some((t) => t.cell !== undefined)) return transforms.map((_, i) => i);
  const rank = transforms.map((t) => {
    const { start, end } = t.range;
    const shown = ranges.findIndex((r) => start.line <= r.end && end.line >= r.start);
    if (shown >= 0) return [shown, start.line] as const;
    const first = ranges[0];
    return [ranges.length, end.line < first.start ? first.start - end.line : start.line - first.end] as const;
  });
  return transforms.map((_, i) => i).sort((a, b) => rank[a][0] - rank[b][0] || rank[a][1] - rank[b][1] || a - b);
}

/** Like analyzeParsed, in screen order, cancellable (then only how many were analysed), publishing partial results. */
export function analyzeProgressively(parsed: ParseResult, file: string, opts: AnalyzeOptions, cache: ReportCache | undefined, progress: Progress): { report: DocumentAnalysis; analysed: number } | { cancelled: true; analysed: number } {
  const order = analysisOrder(parsed.transforms, progress.visible);
  const shown = progress.visible?.length ? order.filter((i) => {
    const t = parsed.transforms[i];
    return progress.visible!.some((r) => t.range.start.line <= r.end && t.range.end.line >= r.start);
  }).length : 0;
  const now = progress.now ?? Date.now;
  const every = progress.partialEveryMs ?? 250;
  const done: Array<{ report: TransformReport } | { failure: DiagnosticReport } | undefined> = new Array(parsed.transforms.length);
  const assemble = (): DocumentAnalysis => {
    const transforms: TransformReport[] = [];
    const diagnostics: DiagnosticReport[] = parsed.problems.map((p) => ({ ...p }));
    for (const r of done) if (r) { if ('report' in r) transforms.push(r.report); else diagnostics.push(r.failure); }
    if (diagnostics.length > parsed.problems.length) diagnostics.sort(byStart);
    return { file, transforms, diagnostics };
  };
  let last = now();
  for (let k = 0; k < order.length; k++) {
    if (progress.cancelled?.()) return { cancelled: true, analysed: k };
    done[order[k]] = analyzeOne(parsed.transforms[order[k]], opts, cache);
    const remaining = order.length - k - 1;
    if (remaining && progress.partial && (k === 0 || k + 1 === shown || now() - last >= every)) {
      progress.partial(assemble(), remaining);
      last = now();
    }
  }
  return { report: assemble(), analysed: order.length };
}
