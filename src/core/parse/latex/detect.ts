/**
 * Finding LaTeX math in a Markdown note, and the statements in it.
 *
 * Math: display math $$ … $$ and \[ … \] (also indented, inside lists and quotes) and inline
 * math $ … $ and \( … \). Front matter, code fences, inline code, HTML comments and wiki
 * links ([[…]]) are blanked first (same length, so that offsets stay document offsets).
 *
 * Statements: a formula's rows (\\ at the top level, or the rows of an aligned / gathered /
 * cases / array environment, with what precedes the environment as a row of its own) are
 * cut into segments at top-level commas, semicolons, \quad gaps and \text{…}; a segment is
 * cut into sides at its top-level relations (=, :=, \in, <, \le, \mapsto, \to, :).
 */
import { scanMarkdown } from '../markdown';
import { Item, ItemReader, LatexNames, newNames } from './expr';
import { KNode, Span, blank } from './tree';

export interface MathSegment {
  readonly display: boolean;
  /** Document offsets of the content (between the delimiters) and of the whole formula. */
  readonly start: number;
  readonly end: number;
  readonly outerStart: number;
  readonly outerEnd: number;
  /** The content, with blockquote markers blanked. */
  readonly content: string;
}

const BLANK_SPANS = [
  /<!--[\s\S]*?-->/g,
  /\[\[[^\]\n]*\]\]/g, // wiki links (their text is a link target, not math)
];

/** The note with everything that is not prose or math blanked. */
export function maskMarkdown(text: string): string {
  const scan = scanMarkdown(text);
  const lines = [...scan.lines];
  for (let i = 0; i < lines.length; i++) if (scan.inCode[i]) lines[i] = blank(lines[i]);
  let masked = lines.join('\n');
  // keep the original line endings' lengths (\r\n)
  if (text.includes('\r\n')) masked = rejoinCRLF(text, masked);
  // inline code: a run of backticks up to the same run, within a paragraph
  masked = masked.replace(/(`+)(?:(?!\n[ \t]*\n)[\s\S])+?\1(?!`)/g, (m) => blank(m));
  for (const re of BLANK_SPANS) masked = masked.replace(re, (m) => blank(m));
  return masked;
}

function rejoinCRLF(original: string, masked: string): string {
  // masked was joined with \n; put each \r back where the original had one
  let out = '';
  let j = 0;
  for (let i = 0; i < original.length; i++) {
    if (original[i] === '\r' && original[i + 1] === '\n') { out += '\r'; continue; }
    out += masked[j++] ?? '';
  }
  return out;
}

/** Math segments of a (masked) note, in document order. */
export function findMath(masked: string): MathSegment[] {
  const out: MathSegment[] = [];
  const n = masked.length;
  let i = 0;
  const push = (display: boolean, outerStart: number, start: number, end: number, outerEnd: number) => {
    let content = masked.slice(start, end);
    if (display && content.includes('\n')) content = content.replace(/\n([ \t]*>)+/g, (m) => '\n' + blank(m.slice(1)));
    out.push({ display, start, end, outerStart, outerEnd, content });
  };
  while (i < n) {
    const c = masked[i];
    if (c === '\\' && i + 1 < n) {
      const d = masked[i + 1];
      if (d === '[' || d === '(') {
        const close = masked.indexOf(d === '[' ? '\\]' : '\\)', i + 2);
        if (close > 0 && (d === '[' || !/\n[ \t]*\n/.test(masked.slice(i, close)))) {
          push(d === '[', i, i + 2, close, close + 2);
          i = close + 2;
          continue;
        }
      }
      i += 2; // an escaped character (\$ is not a delimiter)
      continue;
    }
    if (c === '$') {
      if (masked[i + 1] === '$') {
        const close = masked.indexOf('$$', i + 2);
        if (close < 0) { i += 2; continue; }
        push(true, i, i + 2, close, close + 2);
        i = close + 2;
        continue;
      }
      // inline $…$: the opening $ is followed by a non-space, the closing one preceded by a
      // non-space and not followed by a digit (so "$5 and $10" is not math), within a paragraph
      if (/\S/.test(masked[i + 1] ?? ' ')) {
        let j = i + 1;
        for (; j < n; j++) {
          if (masked[j] === '\\') { j++; continue; }
          if (masked[j] === '\n' && /^\n[ \t]*\n/.test(masked.slice(j, j + 80))) { j = n; break; }
          if (masked[j] === '$' && masked[j + 1] === '$') { j = n; break; } // display math starts: no closing $
          if (masked[j] === '$' && /\S/.test(masked[j - 1]) && !/\d/.test(masked[j + 1] ?? '')) break;
        }
        if (j < n) { push(false, i, i + 1, j, j + 1); i = j + 1; continue; }
      }
    }
    i++;
  }
  return out;
}

/** Offsets -> LSP positions. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') this.starts.push(i + 1);
  }
  position(offset: number): { line: number; character: number } {
    let lo = 0, hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid; else hi = mid - 1;
    }
    return { line: lo, character: offset - this.starts[lo] };
  }
}

// ---------------------------------------------------------------------------------------
// Statements

/** A run of items with its source span. */
export interface Part {
  readonly items: readonly Item[];
  readonly span: Span;
}

export interface Statement {
  /** The sides between top-level relations. */
  readonly sides: readonly Part[];
  /** rels[i] is the relation between sides[i] and sides[i + 1] ('=', '\in', '<', '\mapsto', ':', ...). */
  readonly rels: readonly string[];
  readonly span: Span;
  /** A row that ends before an environment (f(x, y) = \begin{cases}…): its rows follow. */
  readonly beforeSystem: boolean;
}

/** Relations that define (:= is read as =). */
export const DEFINE = new Set(['=', ':=', '\\coloneqq', '\\coloneq', '\\triangleq', '\\doteq', '\\equiv', '\\eqqcolon']);

const partOf = (items: readonly Item[], fallback: number): Part => ({
  items, span: items.length ? [items[0].s[0], items[items.length - 1].s[1]] : [fallback, fallback],
});

/** Rows of a formula: top-level \\ and the rows of system environments. */
function rows(reader: ItemReader, items: readonly Item[], out: Array<{ items: Item[]; beforeSystem: boolean }>): void {
  let cur: Item[] = [];
  const flush = (beforeSystem: boolean) => { if (cur.length) out.push({ items: cur, beforeSystem }); cur = []; };
  for (const it of items) {
    if (it.t === 'cr') { flush(false); continue; }
    if (it.t === 'system') {
      flush(true);
      for (const r of it.rows) rows(reader, reader.items(r, it.from ?? it.s[0]), out);
      continue;
    }
    cur.push(it);
  }
  flush(false);
}

/** The statements of a formula. `names` collects the identifiers' LaTeX (see expr.ts). */
export function statementsOf(nodes: readonly KNode[], src: string, names: LatexNames = newNames()): Statement[] {
  const reader = new ItemReader({ src, names });
  const top = reader.items(nodes, 0);
  const rowList: Array<{ items: Item[]; beforeSystem: boolean }> = [];
  rows(reader, top, rowList);
  const out: Statement[] = [];
  for (const row of rowList) {
    // segments: cut at top-level , ; \quad and \text{…}; a comma-cut piece without a relation
    // belongs to the piece before it (f(x, y) = x + y, x - y)
    const pieces: Array<{ items: Item[]; after: 'comma' | 'gap' | 'text' | 'start' }> = [];
    let cur: Item[] = [];
    let after: 'comma' | 'gap' | 'text' | 'start' = 'start';
    let depth = 0;
    const flush = (next: typeof after) => { pieces.push({ items: cur, after }); cur = []; after = next; };
    for (const it of row.items) {
      if (it.t === 'open') depth++;
      else if (it.t === 'close') depth = Math.max(0, depth - 1);
      if (depth === 0 && it.t === 'punct' && (it.ch === ',' || it.ch === ';')) { flush('comma'); cur.push(it); continue; }
      if (depth === 0 && it.t === 'gap') { flush('gap'); continue; }
      if (depth === 0 && it.t === 'text') { flush('text'); continue; }
      cur.push(it);
    }
    flush('start');
    // a comma-cut piece without a relation joins the piece before it (f(x, y) = x + y, x - y),
    // or, at the start, the piece after it (x, y \in [0, 1])
    const segs: Item[][] = [];
    let pending: Item[] = [];
    for (const p of pieces) {
      if (p.after !== 'start' && isEquationNumber(p.after === 'comma' ? p.items.slice(1) : p.items, src)) continue;
      const hasRel = p.items.some((x) => x.t === 'rel');
      const body = p.after === 'comma' ? p.items.slice(1) : p.items;
      if (!hasRel && p.after !== 'text') {
        if (segs.length && pending.length === 0) segs[segs.length - 1].push(...p.items);
        else pending.push(...(pending.length ? p.items : body));
        continue;
      }
      if (body.length || pending.length) segs.push([...pending, ...(pending.length ? p.items : body)]);
      pending = [];
    }
    if (pending.length) segs.push(pending);
    for (let seg of segs) {
      // trailing punctuation (a sentence's full stop or comma)
      while (seg.length && seg[seg.length - 1].t === 'punct') seg = seg.slice(0, -1);
      if (!seg.some((x) => x.t === 'rel') && !row.beforeSystem) continue;
      const sides: Part[] = [];
      const rels: string[] = [];
      let cur: Item[] = [];
      let depth = 0;
      let at = seg[0]?.s[0] ?? 0;
      for (const x of seg) {
        if (x.t === 'open') depth++;
        else if (x.t === 'close') depth = Math.max(0, depth - 1);
        if (depth === 0 && x.t === 'rel') { sides.push(partOf(cur, at)); rels.push(x.rel); cur = []; at = x.s[1]; continue; }
        cur.push(x);
      }
      sides.push(partOf(cur, at));
      const merged = mergeColonEquals(sides, rels);
      if (!merged.sides.length) continue;
      out.push({ sides: merged.sides, rels: merged.rels, span: [seg[0].s[0], seg[seg.length - 1].s[1]], beforeSystem: row.beforeSystem });
    }
  }
  return out;
}

/** A hand-written equation number: (1), (2.3). */
function isEquationNumber(items: readonly Item[], src: string): boolean {
  if (!items.length) return false;
  const text = src.slice(items[0].s[0], items[items.length - 1].s[1]).replace(/\\(left|right)/g, '').replace(/\s+/g, '');
  return /^\(\d+(\.\d+)*[a-z]?\)$/.test(text);
}

/** `a : = b` (a colon, then =) is a definition a := b. */
function mergeColonEquals(sides: Part[], rels: string[]): { sides: Part[]; rels: string[] } {
  const S: Part[] = [sides[0]];
  const R: string[] = [];
  for (let i = 0; i < rels.length; i++) {
    const next = sides[i + 1];
    if (rels[i] === ':' && next.items.length === 0 && rels[i + 1] === '=') { R.push(':='); i++; S.push(sides[i + 1]); continue; }
    R.push(rels[i]);
    S.push(next);
  }
  return { sides: S, rels: R };
}
