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

/** The note with everything that is not prose or math blanked. */
export function maskMarkdown(text: string): string {
  const scan = scanMarkdown(text);
  const lines = [...scan.lines];
  for (let i = 0; i < lines.length; i++) if (scan.inCode[i]) lines[i] = blank(lines[i]);
  let masked = lines.join('\n');
  // keep the original line endings' lengths (\r\n)
  if (text.includes('\r\n')) masked = rejoinCRLF(text, masked);
  // inline code, then HTML comments, then wiki links (their text is a link target, not math),
  // each found by one pass over what the ones before left (regular expressions for them
  // backtrack on unclosed ones): a `<!--` inside a code span opens no comment
  masked = blankSpans(masked, inlineCode(masked));
  masked = blankSpans(masked, htmlComments(masked));
  return blankSpans(masked, wikiLinks(masked));
}

function blankSpans(text: string, spans: Array<[number, number]>): string {
  if (!spans.length) return text;
  spans.sort((a, b) => a[0] - b[0]);
  let out = '', at = 0;
  for (const [a, b] of spans) {
    if (b <= at) continue;
    const from = Math.max(a, at);
    out += text.slice(at, from) + blank(text.slice(from, b));
    at = b;
  }
  return out + text.slice(at);
}

/** Paragraph breaks (a line break, blanks, a line break): where each one that starts at or after i ends, or Infinity. Linear. */
function paragraphBreaks(text: string): (i: number) => { start: number; end: number } | null {
  const starts: number[] = [], ends: number[] = [];
  let next = -1;
  for (let i = text.length - 1; i >= 0; i--) {
    const c = text[i];
    if (c === '\n') {
      if (next >= 0) { starts.push(i); ends.push(next); }
      next = i;
    } else if (c !== ' ' && c !== '\t') next = -1;
  }
  starts.reverse(); ends.reverse();
  let k = 0;
  // queries come in increasing order of i
  return (i) => {
    while (k < starts.length && starts[k] < i) k++;
    return k < starts.length ? { start: starts[k], end: ends[k] } : null;
  };
}

/** Code spans: a run of backticks up to the next run of the same length, within a paragraph (CommonMark). */
function inlineCode(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const runs: Array<[number, number]> = [];
  for (let i = 0; i < text.length;) {
    if (text[i] !== '`') { i++; continue; }
    let j = i;
    while (text[j] === '`') j++;
    runs.push([i, j]);
    i = j;
  }
  const breakAfter = paragraphBreaks(text);
  // the next run of each length, by a pointer per length that only moves forward
  const byLength = new Map<number, number[]>();
  runs.forEach(([a, b], k) => { const l = byLength.get(b - a) ?? []; l.push(k); byLength.set(b - a, l); });
  const pointer = new Map<number, number>();
  for (let k = 0; k < runs.length; k++) {
    const [a, b] = runs[k];
    const len = b - a;
    const list = byLength.get(len)!;
    let p = pointer.get(len) ?? 0;
    while (p < list.length && list[p] <= k) p++;
    pointer.set(len, p);
    if (p >= list.length) continue;
    const close = runs[list[p]];
    const brk = breakAfter(a);
    if (brk && brk.end < close[0]) continue;
    out.push([a, close[1]]);
    // runs inside the span are code
    while (k + 1 < runs.length && runs[k + 1][0] < close[1]) k++;
  }
  return out;
}

/** HTML comments <!-- … -->; an unclosed one ends the search (no later one can close). */
function htmlComments(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = text.indexOf('<!--'); i >= 0; i = text.indexOf('<!--', i)) {
    const e = text.indexOf('-->', i + 4);
    if (e < 0) break;
    out.push([i, e + 3]);
    i = e + 3;
  }
  return out;
}

/** Wiki links [[…]] on one line, without ] inside. */
function wikiLinks(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = text.indexOf('[['); i >= 0; i = text.indexOf('[[', i)) {
    // the first ] or line break after [[ decides; any [[ before it ends there too
    let j = i + 2;
    while (j < text.length && text[j] !== ']' && text[j] !== '\n') j++;
    if (text[j] === ']' && text[j + 1] === ']') { out.push([i, j + 2]); i = j + 2; } else i = Math.max(j, i + 1);
  }
  return out;
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
  // Linear: each closing delimiter is searched for once (a later opener before it finds the
  // same one, none after a failed search), paragraph breaks are looked up, and an inline $
  // whose search failed fails for every opener it passed over.
  const closing = new Map<string, number>();
  const closeOf = (delim: string, from: number): number => {
    const known = closing.get(delim);
    if (known !== undefined && (known < 0 || known >= from)) return known;
    const at = masked.indexOf(delim, from);
    closing.set(delim, at);
    return at;
  };
  const breakAfter = paragraphBreaks(masked);
  let inlineFailsUntil = -1;
  while (i < n) {
    const c = masked[i];
    if (c === '\\' && i + 1 < n) {
      const d = masked[i + 1];
      if (d === '[' || d === '(') {
        const close = closeOf(d === '[' ? '\\]' : '\\)', i + 2);
        const brk = d === '(' && close > 0 ? breakAfter(i) : null;
        if (close > 0 && (d === '[' || !brk || brk.end >= close)) {
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
        const close = closeOf('$$', i + 2);
        if (close < 0) { i += 2; continue; }
        push(true, i, i + 2, close, close + 2);
        i = close + 2;
        continue;
      }
      // inline $…$: the opening $ is followed by a non-space, the closing one preceded by a
      // non-space and not followed by a digit (so "$5 and $10" is not math), within a paragraph
      if (i >= inlineFailsUntil && /\S/.test(masked[i + 1] ?? ' ')) {
        let j = i + 1;
        let stop = n;
        for (; j < n; j++) {
          if (masked[j] === '\\') { j++; continue; }
          if (masked[j] === '\n' && /^\n[ \t]*\n/.test(masked.slice(j, j + 80))) { stop = j; j = n; break; }
          if (masked[j] === '$' && masked[j + 1] === '$') { stop = j; j = n; break; } // display math starts: no closing $
          if (masked[j] === '$' && /\S/.test(masked[j - 1]) && !/\d/.test(masked[j + 1] ?? '')) break;
        }
        if (j < n) { push(false, i, i + 1, j, j + 1); i = j + 1; continue; }
        // every $ up to where this search stopped would stop there too
        inlineFailsUntil = stop;
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
