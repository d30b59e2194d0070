/**
 * The LaTeX front end: maps f: R^n -> R^n written in LaTeX math, in Markdown notes or in the
 * math regions of any document.
 *
 *     detect (detect.ts)  the math of a note: $$ … $$, \[ … \], $ … $, \( … \)
 *     read (reading.ts)   KaTeX's tree (tree.ts) -> statements, sides read as Expr (expr.ts)
 *     recognize           every recognizer of RECOGNIZERS on every slice (recognizers/)
 *     decide (decide.ts)  what is a map: transforms and problems
 *
 * docs/latex.md describes the forms read and the rules in prose.
 */
import { ParseResult } from '../../model';
import { Definitions, definitionsOf } from './definitions';
import { MathSegment, findMath, maskMarkdown } from './detect';
import { SliceFindings, decide } from './decide';
import { Declined, Finding, Recognizer, Slice } from './recognizer';
import { Reading, RegionContext } from './reading';
import { RECOGNIZERS } from './recognizers';
import { markdownMath } from '../markdownMath';
import { scanTex } from '../texDocument';
import type { ReadBudget } from '../../limits';

export type { MathSegment } from './detect';
export type { MacroDefinition, RegionContext } from './reading';

export interface LatexOptions {
  readonly defaultDomain?: readonly [number, number];
  /** The recognizers to run (default: all of RECOGNIZERS, in order); tests run one alone. */
  readonly recognizers?: readonly Recognizer[];
  /** The document's reading budget: the formulas past it are not read (the place is kept in it). */
  readonly budget?: ReadBudget;
}

/** Shares of the time budget for the reader's steps: parsing the formulas, recognizing the forms, deciding the maps (the last). */
const SHARE = { parse: 0.5, recognize: 0.75 } as const;

/** The maps in the $ … $, $$ … $$, \\( … \\) and \\[ … \\] math of a note (parse/markdownMath.ts reads every Markdown flavour). */
export function parseLatexMarkdown(text: string, opts: LatexOptions = {}): ParseResult {
  return parseLatexRegions(text, findMath(maskMarkdown(text)), opts);
}

/** The LaTeX maps of a Markdown document (any of the flavours markdownMath.ts finds). */
export function parseMarkdownMath(text: string, opts: LatexOptions = {}): ParseResult {
  const regions = markdownMath(text);
  // no math, no maps (and no reading to set up)
  return regions.length ? parseLatexRegions(text, regions, opts) : { transforms: [], problems: [] };
}

/** The maps of a .tex document (where its math and macros are: texDocument.ts). */
export function parseTexDocument(text: string, opts: LatexOptions = {}): ParseResult {
  const scan = scanTex(text);
  return parseLatexRegions(text, scan.regions, opts, { gaps: scan.masked, definitions: scan.definitions, texComments: true });
}

/**
 * The maps in the math regions of any document (a .tex file, a notebook's cells): `regions`
 * are in document order, with document offsets (`start`/`end` of the content between the
 * delimiters, `outerStart`/`outerEnd` of the whole formula, `content` = the text between, and
 * `display` for display math). Display regions with only white space between them form one run
 * of blocks (a system may be split over them). Ranges in the result are positions in `text`.
 * `context`: what the document's reader adds (a .tex file's blanked comments and preamble macros).
 */
export function parseLatexRegions(text: string, regions: readonly MathSegment[], opts: LatexOptions = {}, context: RegionContext = {}): ParseResult {
  const r = recognizeRegions(text, regions, opts.recognizers ?? RECOGNIZERS, context, opts.budget);
  return decide(r.reading, r.defs, r.declined, r.slices, opts);
}

/** What the recognizers find in the math regions, before anything is decided (for tests). */
export function recognizeRegions(text: string, regions: readonly MathSegment[], recognizers: readonly Recognizer[], context: RegionContext = {}, budget?: ReadBudget): {
  reading: Reading; defs: Definitions; declined: Declined[]; slices: SliceFindings[];
} {
  const reading = new Reading(text, regions, context, budget && { of: budget, share: SHARE.parse });
  const { defs, declined } = definitionsOf(reading);
  const slices: Slice[] = [
    ...reading.runs().map((formulas) => ({ run: formulas[0].run, formulas, inline: false })),
    // inline paragraphs: distinct negative runs, never equal to a display run
    ...reading.inlineParagraphs().map((formulas, i) => ({ run: -2 - i, formulas, inline: true })),
  ].sort((a, b) => a.formulas[0].seg.start - b.formulas[0].seg.start);
  const found: SliceFindings[] = [];
  for (const slice of slices) {
    if (budget && !budget.allows(SHARE.recognize)) { budget.stopAt(reading.place(slice.formulas[0].seg.outerStart)); break; }
    const findings: Finding[] = [];
    for (const r of recognizers) if (!slice.inline || r.inline) findings.push(...r.recognize(slice, reading, defs));
    found.push({ slice, findings });
  }
  return { reading, defs, declined, slices: found };
}
