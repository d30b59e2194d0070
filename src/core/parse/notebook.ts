/**
 * Jupyter notebooks (.ipynb, nbformat 4, and 3's worksheets): the markdown cells are read as
 * one Markdown note, in order, so that a parameter or a helper stated in one cell applies to a
 * map in a later one, and a primed system may go on in the next cell, as a reader takes them.
 * Each cell's math is found in that cell alone (an unclosed $$ or ``` never reaches into the
 * next one); everything found is placed by cell: `cell` is the index among all the notebook's
 * cells (as VS Code's NotebookCell.index), and ranges are lines and characters of that cell's
 * source. Code cells are not read (code is never run, nor parsed here).
 */
import { InputChoice, ParseResult, Position, Problem, Range, Transform, pos, range } from '../model';
import { LatexOptions, MathSegment, parseLatexRegions } from './latex';
import { markdownMath } from './markdownMath';
import { splitLines } from './markdown';

export type CellKind = 'markdown' | 'code' | 'raw';

export interface NotebookCell {
  readonly kind: CellKind;
  readonly source: string;
}

/** The cells of a notebook file, or the reason it cannot be read (at its place in the file). */
export function readNotebook(text: string): { cells: NotebookCell[] } | { problem: Problem } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { problem: { message: `this notebook is not valid JSON (${(e as Error).message.split('\n')[0]})`, range: jsonErrorRange(text, (e as Error).message), severity: 'error', code: 'parse' } };
  }
  const nb = json as { cells?: unknown; worksheets?: Array<{ cells?: unknown }> } | null;
  const raw = Array.isArray(nb?.cells) ? nb!.cells : Array.isArray(nb?.worksheets) && Array.isArray(nb!.worksheets[0]?.cells) ? nb!.worksheets[0].cells : null;
  if (!raw) {
    return { problem: { message: 'this file has no notebook cells (an .ipynb file is a JSON object with a "cells" list)', range: range(pos(0, 0), pos(0, 1)), severity: 'error', code: 'parse' } };
  }
  const cells = (raw as unknown[]).map((c): NotebookCell => {
    const cell = (c ?? {}) as { cell_type?: unknown; source?: unknown; input?: unknown };
    const kind: CellKind = cell.cell_type === 'markdown' ? 'markdown' : cell.cell_type === 'raw' ? 'raw' : 'code';
    const src = cell.source ?? cell.input;
    return { kind, source: Array.isArray(src) ? src.filter((x) => typeof x === 'string').join('') : typeof src === 'string' ? src : '' };
  });
  return { cells };
}

/** Where JSON.parse stopped: "at position N" or "line L column C" in its message. */
function jsonErrorRange(text: string, message: string): Range {
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) { const p = pos(Number(lc[1]) - 1, Number(lc[2]) - 1); return range(p, { ...p, character: p.character + 1 }); }
  const at = /at position (\d+)/.exec(message);
  const offset = at ? Math.min(Number(at[1]), text.length) : 0;
  const before = text.slice(0, offset).split('\n');
  const p = pos(before.length - 1, before[before.length - 1].length);
  return range(p, { ...p, character: p.character + 1 });
}

/** Markdown cells joined into one text (a blank line between two), with the way back to each cell. */
interface Joined {
  readonly text: string;
  /** Per markdown cell: its index among all cells, its first line and first offset in the joined text, and its lines. */
  readonly parts: ReadonlyArray<{ readonly cell: number; readonly line: number; readonly offset: number; readonly lines: number; readonly text: string }>;
}

function join(cells: readonly NotebookCell[]): Joined {
  const parts: Array<Joined['parts'][number]> = [];
  const chunks: string[] = [];
  let line = 0, offset = 0;
  cells.forEach((c, cell) => {
    if (c.kind !== 'markdown') return;
    const text = c.source.replace(/\r\n?/g, '\n');
    const lines = splitLines(text).length;
    parts.push({ cell, line, offset, lines, text });
    chunks.push(text, '\n\n');
    line += lines + 1;
    offset += text.length + 2;
  });
  return { text: chunks.join(''), parts };
}

/** The notebook's transforms and problems, each with its cell and ranges in that cell. */
export function parseNotebook(text: string, opts: LatexOptions, fences: (text: string, opts: LatexOptions) => ParseResult): ParseResult {
  const nb = readNotebook(text);
  if ('problem' in nb) return { transforms: [], problems: [nb.problem] };
  const joined = join(nb.cells);
  const transforms: Transform[] = [];
  const problems: Problem[] = [];
  const regions: MathSegment[] = [];
  for (const part of joined.parts) {
    // ```transform blocks: one cell's own
    const r = fences(part.text, opts);
    transforms.push(...r.transforms.map((t) => ({ ...t, cell: part.cell })));
    problems.push(...r.problems.map((p) => ({ ...p, cell: part.cell })));
    const shift = (s: MathSegment): MathSegment => ({ ...s, start: s.start + part.offset, end: s.end + part.offset, outerStart: s.outerStart + part.offset, outerEnd: s.outerEnd + part.offset });
    regions.push(...markdownMath(part.text).map(shift));
  }
  // LaTeX: the cells together (definitions in one cell apply to maps in later ones)
  // (places said in messages are a cell's lines, as the editor and the CLI show them)
  const latex = parseLatexRegions(joined.text, regions, opts, { lineName: (line) => {
    const part = partAt(joined, line);
    return `cell ${part.cell + 1}, line ${line - part.line + 1}`;
  } });
  const place = (r: Range) => toCell(joined, r);
  // the directive a quick fix writes goes in the cell of the item, at a line of that cell (else none)
  const choiceIn = (c: InputChoice | undefined, cell: number): { inputChoice?: InputChoice } => {
    if (!c) return {};
    const part = partAt(joined, c.at.line);
    return { inputChoice: part.cell === cell ? { ...c, at: pos(c.at.line - part.line, 0) } : undefined };
  };
  for (const t of latex.transforms) {
    // a system over two cells belongs to the cell of its name; its range is the part in that cell
    const part = partAt(joined, t.nameRange.start.line);
    transforms.push({ ...t, cell: part.cell, nameRange: toCell(joined, t.nameRange, part).range, range: toCell(joined, t.range, part).range, ...choiceIn(t.inputChoice, part.cell) });
  }
  for (const p of latex.problems) {
    const at = place(p.range);
    const related = p.related?.map((x) => ({ ...x, at: place(x.range) })).filter((x) => x.at.cell === at.cell).map(({ at: a, ...x }) => ({ ...x, range: a.range }));
    problems.push({ ...p, cell: at.cell, range: at.range, ...(p.related ? { related } : {}), ...choiceIn(p.inputChoice, at.cell) });
  }
  return { transforms, problems };
}

/** The markdown cell holding a joined-text line. */
function partAt(joined: Joined, line: number): Joined['parts'][number] {
  const parts = joined.parts;
  let k = 0;
  while (k + 1 < parts.length && parts[k + 1].line <= line) k++;
  return parts[k];
}

/** A joined-text range -> a cell (by default the one where it starts) and the part of the range in it, in the cell's lines. */
function toCell(joined: Joined, r: Range, part = partAt(joined, r.start.line)): { cell: number; range: Range } {
  const lastLine = part.lines - 1;
  const lastChar = part.text.length - part.text.lastIndexOf('\n') - 1;
  const local = (p: Position): Position => {
    const line = p.line - part.line;
    if (line < 0) return pos(0, 0);
    if (line > lastLine) return pos(lastLine, lastChar);
    return pos(line, p.character);
  };
  return { cell: part.cell, range: range(local(r.start), local(r.end)) };
}
