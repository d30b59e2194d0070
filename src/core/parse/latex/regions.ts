/**
 * Where the math is in a Markdown note: display math $$ … $$ and \[ … \] (also indented,
 * inside lists and quotes) and inline math $ … $ and \( … \). Front matter, code fences,
 * inline code, HTML comments and wiki links ([[…]]) are blanked first (same length, so that
 * offsets stay document offsets). Plain text scanning without the LaTeX parser, so that the
 * extension host can find a definition's math without loading KaTeX (`detect.ts` reads the
 * statements in it).
 */
import { scanMarkdown } from '../markdown';

/** Same-length blanking, so that offsets stay those of the source. */
export const blank = (s: string): string => s.replace(/[^\n]/g, ' ');

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

/** `\\` outside braces and nested environments blanked (same length). */
export function blankTopLevelBreaks(body: string): string {
  let depth = 0;
  let out = '';
  for (let j = 0; j < body.length; j++) {
    const c = body[j];
    if (c === '\\') {
      const word = /^\\(begin|end)\b/.exec(body.slice(j, j + 7))?.[1];
      if (word) depth += word === 'begin' ? 1 : -1;
      if (body[j + 1] === '\\' && depth === 0) { out += '  '; j++; continue; }
      out += c + (body[j + 1] ?? '');
      j++;
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}') depth = Math.max(0, depth - 1);
    out += c;
  }
  return out;
}

/**
 * `$$\begin{multline} … \end{multline}$$` (MathJax sets it; KaTeX has no multline): one equation
 * set over several lines, read as its body without the environment and its line breaks (same length).
 */
function multlineAsOne(content: string): string {
  const head = /^\s*\\begin\{(multline\*?)\}/.exec(content.slice(0, 64));
  if (!head) return content;
  const tail = `\\end{${head[1]}}`;
  const close = content.trimEnd().length - tail.length;
  if (close < head[0].length || content.slice(close, close + tail.length) !== tail) return content;
  return blank(head[0]) + blankTopLevelBreaks(content.slice(head[0].length, close)) + blank(content.slice(close));
}

/** Math segments of a (masked) note, in document order. */
export function findMath(masked: string): MathSegment[] {
  const out: MathSegment[] = [];
  const n = masked.length;
  let i = 0;
  const push = (display: boolean, outerStart: number, start: number, end: number, outerEnd: number) => {
    let content = masked.slice(start, end);
    if (display && content.includes('\n')) content = content.replace(/\n([ \t]*>)+/g, (m) => '\n' + blank(m.slice(1)));
    if (display) content = multlineAsOne(content);
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
