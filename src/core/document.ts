/**
 * A document -> transforms and problems (front ends by language), and -> FileReport.
 */
import { DEFAULT_DOMAIN, ParseResult, Problem, Range, Transform, pos, range } from './model';
import { scanMarkdown, stripIndent } from './parse/markdown';
import { parseTransformBlock } from './parse/transformBlock';
import { parseMarkdownMath, parseTexDocument } from './parse/latex';
import { parseNotebook } from './parse/notebook';
import { parseTypeScript } from './parse/typescript';
import { SourceLine } from './parse/statements';
import { AnalyzeOptions, analyzeTransform } from './analyze';
import { analyzeComposition } from './compose';
import type { DiagnosticReport, FileReport, TransformReport } from './report';
import { ReportCache } from './cache';
import { oneLineReasons } from './format';
import { ParseBudget, ReadBudget, describeFailure, failureCode } from './limits';
import type { LanguageKind } from './languages';

export { languageOfFile, languageOfId } from './languages';
export type { LanguageKind } from './languages';

export interface ParseOptions {
  readonly defaultDomain?: readonly [number, number];
  /** The document's file name: decides the dialect of code (.tsx/.jsx allow JSX, .js/.mjs/.cjs are JavaScript). */
  readonly fileName?: string;
  /** Code: how to read the workspace's files that relative imports name (none: imports are not followed). */
  readonly readFile?: (path: string) => string | null;
  /** Code: functions of one number are maps too (otherwise only with a `@transform` tag). */
  readonly codeOneDimensional?: boolean;
  /** How much of the document is read (time and/or definitions); none: all of it. */
  readonly parseBudget?: ParseBudget;
}

/** What a front end is given: the options and the document's reading budget (checked in its loops). */
export type FrontEndOptions = ParseOptions & { readonly budget?: ReadBudget };

export type FrontEnd = (text: string, opts: FrontEndOptions) => ParseResult;

export const byStart = (a: { cell?: number; range: { start: { line: number; character: number } } }, b: typeof a) =>
  (a.cell ?? 0) - (b.cell ?? 0) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;

/** ```transform blocks of a Markdown document. */
export function parseTransformFences(text: string, opts: FrontEndOptions = {}): ParseResult {
  const scan = scanMarkdown(text);
  const transforms: Transform[] = [];
  const problems: Problem[] = [];
  const blocks: SourceLine[][] = [];
  for (const f of scan.fences) {
    if (f.lang !== 'transform') continue;
    if (opts.budget && !opts.budget.take()) { opts.budget.stopAt(pos(f.openLine, f.indent)); break; }
    if (f.closeLine === null) {
      const line = scan.lines[f.openLine];
      problems.push({
        message: 'this ```transform block is never closed: add a line with ``` after the definition',
        range: range(pos(f.openLine, f.indent), pos(f.openLine, line.length)), severity: 'error', code: 'parse',
      });
    }
    const lines: SourceLine[] = [];
    for (let i = f.contentStart; i < f.contentEnd; i++) {
      const { text: t, removed } = stripIndent(scan.lines[i], f.indent);
      lines.push({ text: t, line: i, col: removed });
    }
    blocks.push(lines);
  }
  const defaultDomain = opts.defaultDomain ?? DEFAULT_DOMAIN;
  // a block that fails as a whole (it should not: lines and maps are isolated inside) is an error at its fence
  const guarded = (i: number, read: () => ParseResult & { unresolved?: boolean }): ParseResult & { unresolved?: boolean } => {
    try {
      return read();
    } catch (e) {
      const at = blocks[i][0] ? blocks[i][0].line - 1 : 0;
      return { transforms: [], problems: [{ message: describeFailure('This ```transform block', e), range: range(pos(at, 0), pos(at, scan.lines[at]?.length ?? 0)), severity: 'error', code: failureCode(e) }] };
    }
  };
  const results = blocks.map((lines, i) => guarded(i, () => parseTransformBlock(lines, { defaultDomain })));
  // compositions of maps from other blocks: those blocks again, with the document's maps
  results.forEach((r, i) => {
    if (!r.unresolved) return;
    const others = results.flatMap((o, j) => (j === i ? [] : o.transforms.filter((t) => !t.composition)));
    const outside = (name: string, line: number) => {
      const named = others.filter((t) => t.name === name);
      return [...named].reverse().find((t) => t.range.start.line < line) ?? named[0];
    };
    results[i] = guarded(i, () => parseTransformBlock(blocks[i], { defaultDomain, outside }));
  });
  for (const r of results) {
    transforms.push(...r.transforms);
    problems.push(...r.problems);
  }
  return { transforms, problems };
}

/** Front ends per language; each adds its transforms and problems. */
const FRONT_ENDS: Readonly<Record<LanguageKind, readonly FrontEnd[]>> = {
  markdown: [parseTransformFences, parseMarkdownMath],
  latex: [parseTexDocument],
  // the markdown cells, read together; placed by cell (read whole: a cut in the cells joined is no place in one cell)
  notebook: [(text, { budget: _whole, ...opts }) => parseNotebook(text, opts, parseTransformFences)],
  // The compiler is loaded on the first code document only (parse/typescript/loader.ts).
  typescript: [parseTypeScript],
  javascript: [parseTypeScript],
};

export function parseDocument(text: string, kind: LanguageKind, opts: ParseOptions = {}): ParseResult {
  const transforms: Transform[] = [];
  const problems: Problem[] = [];
  const what = kind === 'markdown' ? 'note' : kind === 'latex' ? 'document' : kind === 'notebook' ? 'notebook' : 'code';
  // one budget for the whole document, shared by its front ends
  const budget = opts.parseBudget ? new ReadBudget(opts.parseBudget) : undefined;
  for (const fe of FRONT_ENDS[kind]) {
    // Each front end isolates its definitions; this is the last line of defence, so that one
    // front end's failure never loses what the others read.
    try {
      const r = fe(text, { ...opts, budget });
      transforms.push(...r.transforms);
      problems.push(...r.problems);
    } catch (e) {
      problems.push({ message: describeFailure(`This ${what}`, e, 'read'), range: range(pos(0, 0), pos(0, 0)), severity: 'error', code: failureCode(e) });
    }
  }
  const stop = budget?.stoppedAt;
  if (!stop) return { transforms: transforms.sort(byStart), problems: problems.sort(byStart) };
  // the document up to the first place not read, and there one information
  const read = (x: { cell?: number; range: Range }) => budget!.reads({ ...x.range.start, cell: x.cell });
  const at = pos(stop.line, stop.character);
  const said: Problem = {
    message: budget!.reason(`this ${what}`), range: range(at, pos(stop.line, (text.split('\n', stop.line + 1)[stop.line] ?? '').length)),
    severity: 'info', code: 'budget', ...(stop.cell !== undefined ? { cell: stop.cell } : {}),
  };
  return { transforms: transforms.filter(read).sort(byStart), problems: [...problems.filter(read), said].sort(byStart) };
}

export interface DocumentAnalysis extends FileReport {
  readonly transforms: TransformReport[];
}

/** A limit for a whole document (the CLI's per-file time limit). */
export interface DocumentLimits {
  /**
   * Date.now() after which no further map is started: each one not reached is an entry at its
   * definition that says so (code 'timeout'), and those before it are reported as usual.
   */
  readonly stopAt?: number;
}

export function analyzeDocument(
  text: string, kind: LanguageKind, file: string, opts: ParseOptions & AnalyzeOptions & DocumentLimits = {}, cache?: ReportCache,
): DocumentAnalysis {
  return analyzeParsed(parseDocument(text, kind, { ...opts, fileName: opts.fileName ?? file }), file, opts, cache);
}

/** What a front end read -> FileReport (for callers that pick the front end, such as the Markdown preview's ```transform blocks). */
export function analyzeParsed(parsed: ParseResult, file: string, opts: AnalyzeOptions & DocumentLimits = {}, cache?: ReportCache): DocumentAnalysis {
  const transforms: TransformReport[] = [];
  const diagnostics: DiagnosticReport[] = parsed.problems.map((p) => ({ ...p }));
  // without the caller's cache, one for this document: a map written twice is analysed once
  // (a document of one map needs none: its key, the whole transform as JSON, costs time)
  const reports = cache ?? (parsed.transforms.length > 1 ? new ReportCache(parsed.transforms.length) : undefined);
  const { stopAt, ...analysis } = opts;
  for (const t of parsed.transforms) {
    if (stopAt !== undefined && Date.now() >= stopAt) {
      diagnostics.push(notReached(t));
      continue;
    }
    const r = analyzeOne(t, analysis, reports);
    if ('report' in r) transforms.push(r.report);
    else diagnostics.push(r.failure);
  }
  if (diagnostics.length > parsed.problems.length) diagnostics.sort(byStart);
  return { file, transforms, diagnostics };
}

/** The entry of a map not analysed because the document's time limit came first. */
const notReached = (t: Transform): DiagnosticReport => ({
  message: `${t.name} was not analysed: the time limit for this file was reached before it (the maps before it are answered). ` +
    'Give it more time (the CLI\'s --timeout) or split the file.',
  range: t.range, severity: 'error', code: 'timeout', ...(t.cell !== undefined ? { cell: t.cell } : {}),
});

/**
 * One transform analysed on its own: whatever fails inside it (a stack overflow, a formula
 * too large, an internal error) becomes an error at its definition, and the others are
 * reported as usual.
 */
export function analyzeOne(t: Transform, opts: AnalyzeOptions = {}, cache?: ReportCache): { report: TransformReport } | { failure: DiagnosticReport } {
  // every verdict's reason in one line, the whole argument beside it (reasonDetail)
  const analyze = (x: Transform) => oneLineReasons(x.composition ? analyzeComposition(x, opts) : analyzeTransform(x, opts));
  try {
    if (!cache) return { report: analyze(t) };
    const { invertibility: _inv, ...plainOptions } = opts;
    const key = ReportCache.key(t, plainOptions);
    const hit = cache.get(key, t);
    if (hit) return { report: hit };
    const r = analyze(t);
    cache.set(key, r);
    return { report: r };
  } catch (e) {
    return { failure: { message: describeFailure(t.name, e), range: t.range, severity: 'error', code: failureCode(e), ...(t.cell !== undefined ? { cell: t.cell } : {}) } };
  }
}
