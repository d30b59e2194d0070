/**
 * Logical statements out of source lines, with a position for every character, and the
 * bracket-aware splitting that the line-oriented front ends share.
 */
import { Position, Range, pos, range } from '../model';

export interface SourceLine {
  readonly text: string;
  /** Document line and the column of text[0] in it. */
  readonly line: number;
  readonly col: number;
}

export interface Stmt {
  readonly text: string;
  /** Position of each character of `text` (and one past the end). */
  readonly positions: readonly Position[];
}

export function stmtRange(s: Stmt, from = 0, to = s.text.length): Range {
  const a = Math.max(0, Math.min(from, s.text.length));
  const b = Math.max(a, Math.min(to, s.text.length));
  const start = s.positions[a];
  // The end is one past the last character of the span, on the last character's line.
  const last = s.positions[Math.max(a, b - 1)];
  return range(start, b > a ? pos(last.line, last.character + 1) : start);
}

export function slice(s: Stmt, from: number, to = s.text.length): Stmt {
  return { text: s.text.slice(from, to), positions: s.positions.slice(from, to + 1) };
}

/** Trim white space, keeping positions. */
export function trim(s: Stmt): Stmt {
  let a = 0, b = s.text.length;
  while (a < b && /\s/.test(s.text[a])) a++;
  while (b > a && /\s/.test(s.text[b - 1])) b--;
  return slice(s, a, b);
}

const OPEN = '([{', CLOSE = ')]}';

/** Bracket depth at the end of `text` (negative when there are more closers). */
export function bracketDepth(text: string): number {
  let d = 0;
  for (const ch of text) {
    if (OPEN.includes(ch)) d++;
    else if (CLOSE.includes(ch)) d--;
  }
  return d;
}

/**
 * Join physical lines into statements: a statement continues while brackets are open or
 * the line ends with an operator or a comma; `;` outside brackets separates statements on one
 * line. `#` starts a comment.
 */
/** The length of `text` without its trailing semicolons and white space (a loop: linear). */
function withoutTrailingSemicolons(text: string): number {
  let n = text.length;
  while (n > 0 && (text[n - 1] === ';' || /\s/.test(text[n - 1]))) n--;
  return n;
}

/** The lines whose parts `;` separates like commas. */
const LISTS = /^(?:domain|assume)(?:\s*:|\s+(?=[A-Za-z\\(\d.+-]))/i;

export function statements(lines: readonly SourceLine[], comment = '#'): Stmt[] {
  const out: Stmt[] = [];
  let text = '';
  let positions: Position[] = [];
  // kept as lines are added, so that a statement over many lines is read in linear time
  let depth = 0, tail = '', lastChars = '';
  const flush = () => {
    const s = trim({ text, positions: [...positions, positions.length ? pos(positions[positions.length - 1].line, positions[positions.length - 1].character + 1) : pos(0, 0)] });
    // `c = cos(a); s = sin(a)`: definitions on one line separated by `;` (outside brackets,
    // where `[1, 2; 3, 4]` separates rows); a trailing `;` ends the statement. In a domain or
    // assume line, `;` separates its parts as a comma does (`domain: x in [0, 1]; y in [0, 2]`).
    const parts = !s.text.includes(';') ? [[0, s.text.length] as [number, number]] : LISTS.test(s.text) ? [[0, withoutTrailingSemicolons(s.text)] as [number, number]] : splitTopLevel(s.text, ';');
    for (const [a, b] of parts) {
      const part = trim(slice(s, a, b));
      if (part.text) out.push(LISTS.test(part.text) ? { text: part.text.replace(/;/g, ','), positions: part.positions } : part);
    }
    text = '';
    positions = [];
    depth = 0;
    tail = '';
    lastChars = '';
  };
  for (const l of lines) {
    let body = l.text;
    const c = comment ? body.indexOf(comment) : -1;
    if (c >= 0) body = body.slice(0, c);
    const added = text ? ' ' + body : body;
    if (text) positions.push(pos(l.line, l.col));
    text += added;
    for (let i = 0; i < body.length; i++) positions.push(pos(l.line, l.col + i));
    depth += bracketDepth(body);
    // the last two characters of the statement so far without its trailing white space (for ->
    // and the operators a line may end with), from the last two characters before this line
    const t = added.trimEnd();
    if (t) lastChars = (tail + t).slice(-2);
    tail = (tail + added).slice(-2);
    const continues = depth > 0 || /[,+\-*/^=(\[]$/.test(lastChars) || /(->|↦|→)$/.test(lastChars);
    if (!continues) flush();
  }
  if (text.trim()) flush();
  return out;
}

/** Split at top-level occurrences of `sep` (outside brackets). Returns [start, end) spans. */
export function splitTopLevel(text: string, sep = ','): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let depth = 0, start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (OPEN.includes(ch)) depth++;
    else if (CLOSE.includes(ch)) depth--;
    else if (depth === 0 && text.startsWith(sep, i)) { spans.push([start, i]); start = i + sep.length; i += sep.length - 1; }
  }
  spans.push([start, text.length]);
  return spans;
}

/** Index of the bracket matching the one at `open`, or -1. */
export function matchingBracket(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (OPEN.includes(text[i])) depth++;
    else if (CLOSE.includes(text[i])) { depth--; if (depth === 0) return i; }
  }
  return -1;
}

/**
 * If `s` is a bracketed tuple `( a, b, ... )` or `[ a, b ]` with a top-level comma, its items;
 * otherwise null (a single expression).
 */
export function tupleItems(s: Stmt): Stmt[] | null {
  const t = s.text;
  if (!(t.startsWith('(') || t.startsWith('['))) return null;
  const close = matchingBracket(t, 0);
  if (close !== t.length - 1) return null;
  const inner = slice(s, 1, close);
  const spans = splitTopLevel(inner.text);
  if (spans.length < 2) return t.startsWith('[') ? [trim(inner)] : null;
  return spans.map(([a, b]) => trim(slice(inner, a, b)));
}

export const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
