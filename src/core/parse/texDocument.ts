/**
 * A LaTeX document (.tex): where its math is, with exact source offsets, and the macros it
 * defines. What the LaTeX front end then reads is the same as in a Markdown note.
 *
 * Math: the environments equation, equation*, align, align*, gather, gather*, multline,
 * multline*, alignat, flalign, eqnarray (starred too), displaymath and math, and \[ \], $$ $$,
 * $ $, \( \). `%` comments, verbatim-like environments (verbatim, lstlisting, minted, comment),
 * \verb and \iffalse … \fi are blanked first (same length, so offsets stay document offsets).
 * \input and \include are not followed: a document is read on its own.
 *
 * Macros: \newcommand, \renewcommand, \providecommand (with a number of arguments and an
 * optional first argument's default), \DeclareMathOperator, \def (with or without numbered
 * arguments) and \let outside math are handed to KaTeX as definitions in document order, so
 * that a formula after them reads \R or \jac{f} as KaTeX would typeset it; KaTeX bounds every
 * expansion (maxExpand). Definitions inside a formula are KaTeX's own business, as in notes.
 *
 * Every scan here moves forward only, and each search for a closing delimiter that fails is
 * remembered, so the whole is linear in the document's length. The scan loads no LaTeX
 * parser (the extension host uses it); `parseTexDocument` (latex/index.ts) reads the maps.
 */
import type { MacroDefinition, MathSegment } from './latex';
import { blank, blankTopLevelBreaks } from './latex/regions';

export interface TexScan {
  /** The document with comments and verbatim text blanked (same length). */
  readonly masked: string;
  readonly regions: MathSegment[];
  readonly definitions: MacroDefinition[];
}

/** Environments whose text is not LaTeX to read. */
const VERBATIM = new Set(['verbatim', 'verbatim*', 'Verbatim', 'BVerbatim', 'LVerbatim', 'lstlisting', 'minted', 'comment', 'filecontents', 'filecontents*', 'alltt']);

/**
 * Display math environments and how their text reaches KaTeX: 'whole' (KaTeX reads the
 * environment itself: rows, & columns), 'inner' (the body between \begin and \end), or the
 * name of a KaTeX environment of the same meaning (flalign and eqnarray read as align).
 */
const MATH_ENVS: ReadonlyMap<string, 'whole' | 'inner' | 'inline' | string> = new Map([
  ['equation', 'inner'], ['equation*', 'inner'], ['displaymath', 'inner'], ['math', 'inline'],
  ['multline', 'inner'], ['multline*', 'inner'],
  ['align', 'whole'], ['align*', 'whole'], ['gather', 'whole'], ['gather*', 'whole'],
  ['alignat', 'whole'], ['alignat*', 'whole'],
  ['flalign', 'align'], ['flalign*', 'align*'], ['eqnarray', 'align'], ['eqnarray*', 'align*'],
]);

/**
 * Environments of math mode that MathJax also sets when they stand bare in a Markdown page
 * (outside $$): read there as display math of their own, like align.
 */
const BARE_IN_MARKDOWN = new Set(['aligned', 'aligned*', 'gathered', 'alignedat', 'split']);

/** Commands of display math that only lay out the page: blanked before KaTeX reads the formula. */
const LAYOUT = /\\(?:intertext|shortintertext)\s*\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}|\\displaybreak(?:\s*\[\s*\d\s*\])?|\\(?:qedhere|allowbreak|linebreak|pagebreak|nopagebreak)\b/g;

const DEFINERS = new Set(['newcommand', 'renewcommand', 'providecommand', 'DeclareRobustCommand', 'DeclareMathOperator', 'def', 'gdef', 'edef', 'xdef', 'let']);

/** Longest macro definition read (a bound, not a LaTeX limit). */
const MAX_DEFINITION = 4000;

/** Comments, verbatim environments, \verb and \iffalse … \fi blanked, same length. */
export function maskTex(text: string): string {
  const out: string[] = [];
  let copied = 0;
  const blankTo = (from: number, to: number) => { out.push(text.slice(copied, from), blank(text.slice(from, to))); copied = to; };
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text[i];
    if (c === '%') {
      let j = text.indexOf('\n', i);
      if (j < 0) j = n;
      blankTo(i, j);
      i = j;
      continue;
    }
    if (c !== '\\') { i++; continue; }
    const name = /^[A-Za-z@]+\*?/.exec(text.slice(i + 1, i + 40))?.[0];
    if (!name) { i += 2; continue; }
    const after = i + 1 + name.length;
    if (name === 'verb' || name === 'verb*') {
      const delim = text[after];
      const close = delim && !/[\sA-Za-z]/.test(delim) ? text.indexOf(delim, after + 1) : -1;
      const eol = text.indexOf('\n', after);
      if (close > 0 && (eol < 0 || close < eol)) { blankTo(i, close + 1); i = close + 1; continue; }
    } else if (name === 'iffalse') {
      const m = /\\fi(?![A-Za-z@])/g;
      m.lastIndex = after;
      const end = m.exec(text) ? m.lastIndex : n;
      blankTo(i, end);
      i = end;
      continue;
    } else if (name === 'begin') {
      const env = /^\s*\{([^{}\n]{1,40})\}/.exec(text.slice(after, after + 48));
      if (env && VERBATIM.has(env[1].trim())) {
        const endTag = `\\end{${env[1].trim()}}`;
        const close = text.indexOf(endTag, after + env[0].length);
        const end = close < 0 ? n : close + endTag.length;
        blankTo(i, end);
        i = end;
        continue;
      }
    }
    i = after;
  }
  out.push(text.slice(copied));
  return out.join('');
}

/** The math regions and macro definitions of a .tex document. */
export function scanTex(text: string): TexScan {
  const masked = maskTex(text);
  const n = masked.length;
  const regions: MathSegment[] = [];
  const definitions: MacroDefinition[] = [];
  // closing delimiters not found after some offset (so a later search for them is skipped)
  const missing = new Map<string, number>();
  const find = (delim: string, from: number): number => {
    const miss = missing.get(delim);
    if (miss !== undefined && miss <= from) return -1;
    const at = masked.indexOf(delim, from);
    if (at < 0) missing.set(delim, from);
    return at;
  };
  const push = (display: boolean, outerStart: number, start: number, end: number, outerEnd: number) => {
    regions.push(region(display, outerStart, start, end, outerEnd, masked.slice(start, end)));
  };
  let i = 0;
  while (i < n) {
    const c = masked[i];
    if (c === '$') {
      if (masked[i + 1] === '$') {
        const close = find('$$', i + 2);
        if (close < 0) { i += 2; continue; }
        push(true, i, i + 2, close, close + 2);
        i = close + 2;
        continue;
      }
      const close = inlineClose(masked, i + 1);
      if (close > 0) { push(false, i, i + 1, close, close + 1); i = close + 1; continue; }
      i++;
      continue;
    }
    if (c !== '\\') { i++; continue; }
    const d = masked[i + 1];
    if (d === '[' || d === '(') {
      const close = find(d === '[' ? '\\]' : '\\)', i + 2);
      if (close > 0 && (d === '[' || !/\n[ \t]*\n/.test(masked.slice(i, close)))) {
        push(d === '[', i, i + 2, close, close + 2);
        i = close + 2;
        continue;
      }
      i += 2;
      continue;
    }
    const name = /^[A-Za-z@]+/.exec(masked.slice(i + 1, i + 40))?.[0];
    if (!name) { i += 2; continue; }
    const after = i + 1 + name.length;
    if (name === 'begin') {
      const m = /^\s*\{([A-Za-z]+\*?)\}/.exec(masked.slice(after, after + 24));
      const how = m && MATH_ENVS.get(m[1]);
      if (m && how) {
        const endTag = `\\end{${m[1]}}`;
        const bodyStart = after + m[0].length;
        const close = find(endTag, bodyStart);
        if (close >= 0) {
          regions.push(environment(masked, m[1], how, i, bodyStart, close, close + endTag.length));
          i = close + endTag.length;
          continue;
        }
      }
      i = after;
      continue;
    }
    if (DEFINERS.has(name)) {
      const def = readDefinition(masked, i, name);
      if (def) { definitions.push(def.definition); i = def.end; continue; }
    }
    i = after;
  }

  return { masked, regions, definitions };
}

const region = (display: boolean, outerStart: number, start: number, end: number, outerEnd: number, content: string): MathSegment =>
  ({ display, outerStart, start, end, outerEnd, content: display ? content.replace(LAYOUT, blank) : content });

/** The region of a math environment: \begin at outerStart, its body [bodyStart, close), \end{…} ending at outerEnd. */
function environment(s: string, env: string, how: string, outerStart: number, bodyStart: number, close: number, outerEnd: number): MathSegment {
  if (how === 'inline') return region(false, outerStart, bodyStart, close, outerEnd, s.slice(bodyStart, close));
  if (how === 'inner') {
    let body = s.slice(bodyStart, close);
    // multline is one equation set over several lines: its line breaks are not rows
    if (env.startsWith('multline')) body = blankTopLevelBreaks(body);
    return region(true, outerStart, bodyStart, close, outerEnd, body);
  }
  let whole = s.slice(outerStart, outerEnd);
  if (how !== 'whole') {
    // \begin{eqnarray} -> \begin{align}    (padded: offsets stay those of the document)
    const head = `\\begin{${env}}`, tail = `\\end{${env}}`;
    whole = `\\begin{${how}}`.padEnd(head.length) + whole.slice(head.length, whole.length - tail.length) + `\\end{${how}}`.padEnd(tail.length);
  }
  return region(true, outerStart, outerStart, outerEnd, outerEnd, whole);
}

/**
 * Display math environments written bare in a (masked) Markdown document: \begin{align} …
 * \end{align} outside $$, as Jupyter, MyST and R Markdown render them (and \begin{aligned},
 * which MathJax sets outside $$ too).
 */
export function mathEnvironments(s: string): MathSegment[] {
  const out: MathSegment[] = [];
  const missing = new Set<string>();
  const begin = /\\begin\s*\{([A-Za-z]+\*?)\}/g;
  for (let m; (m = begin.exec(s));) {
    const how = MATH_ENVS.get(m[1]) ?? (BARE_IN_MARKDOWN.has(m[1]) ? 'whole' : undefined);
    if (!how || how === 'inline' || missing.has(m[1])) continue;
    const endTag = `\\end{${m[1]}}`;
    const close = s.indexOf(endTag, begin.lastIndex);
    if (close < 0) { missing.add(m[1]); continue; }
    out.push(environment(s, m[1], how, m.index, begin.lastIndex, close, close + endTag.length));
    begin.lastIndex = close + endTag.length;
  }
  return out;
}

/** The closing $ of inline math opened just before `from`, within the paragraph; -1 if none. */
function inlineClose(s: string, from: number): number {
  for (let j = from; j < s.length; j++) {
    const c = s[j];
    if (c === '\\') { j++; continue; }
    if (c === '$') return j > from ? j : -1;
    if (c === '\n' && /^\n[ \t]*\n/.test(s.slice(j, j + 80))) return -1;
  }
  return -1;
}

/** The end (exclusive) of the brace group opening at `at`, or -1 (unbalanced, or longer than the bound). */
function groupEnd(s: string, at: number): number {
  if (s[at] !== '{') return -1;
  let depth = 0;
  const limit = Math.min(s.length, at + MAX_DEFINITION);
  for (let j = at; j < limit; j++) {
    const c = s[j];
    if (c === '\\') { j++; continue; }
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return j + 1;
  }
  return -1;
}

const skipSpace = (s: string, j: number): number => { while (j < s.length && /\s/.test(s[j])) j++; return j; };

/**
 * A macro definition starting at `at` (`\newcommand…`), as KaTeX source that defines it
 * globally, and where it ends; null when it is not one we read.
 */
function readDefinition(s: string, at: number, command: string): { definition: MacroDefinition; end: number } | null {
  let j = at + 1 + command.length;
  const star = s[j] === '*';
  if (star) j++;
  j = skipSpace(s, j);
  // the macro: \name or {\name}
  let name: string | undefined;
  if (s[j] === '{') {
    const m = /^\{\s*(\\[A-Za-z@]+|\\.)\s*\}/.exec(s.slice(j, j + 60));
    if (!m) return null;
    name = m[1];
    j += m[0].length;
  } else {
    name = /^\\[A-Za-z@]+|^\\./.exec(s.slice(j, j + 60))?.[0];
    if (!name) return null;
    j += name.length;
  }
  const done = (source: string, body: string, end: number) => ({ definition: { offset: at, name: name!, body, source }, end });
  if (command === 'let') {
    const m = /^\s*=?\s*(\\[A-Za-z@]+|\\.|[^\s\\])/.exec(s.slice(j, j + 60));
    return m ? done(`\\let${name}${m[1]}`, m[1], j + m[0].length) : null;
  }
  if (command === 'def' || command === 'gdef' || command === 'edef' || command === 'xdef') {
    // parameter text up to the body: #1#2, or delimited (#1,#2)
    const open = s.indexOf('{', j);
    if (open < 0 || open - j > 40 || /[}\n%]/.test(s.slice(j, open))) return null;
    const end = groupEnd(s, open);
    if (end < 0) return null;
    const kind = command === 'edef' || command === 'xdef' ? '\\xdef' : '\\gdef';
    return done(`${kind}${name}${s.slice(j, open)}${s.slice(open, end)}`, s.slice(open + 1, end - 1), end);
  }
  if (command === 'DeclareMathOperator') {
    j = skipSpace(s, j);
    const end = groupEnd(s, j);
    if (end < 0) return null;
    const text = s.slice(j + 1, end - 1);
    return done(`\\gdef${name}{\\operatorname${star ? '*' : ''}{${text}}}`, text, end);
  }
  // \newcommand{\name}[n][default]{body}
  j = skipSpace(s, j);
  let args = 0;
  let optional: string | null = null;
  const count = /^\[\s*(\d)\s*\]/.exec(s.slice(j, j + 12));
  if (count) {
    args = Number(count[1]);
    j = skipSpace(s, j + count[0].length);
    if (s[j] === '[') {
      const close = s.indexOf(']', j);
      if (close < 0 || close - j > 200) return null;
      optional = s.slice(j + 1, close);
      j = skipSpace(s, close + 1);
    }
  }
  const end = groupEnd(s, j);
  if (end < 0) return null;
  const body = s.slice(j, end);
  const params = (from: number) => Array.from({ length: Math.max(0, args - from + 1) }, (_, k) => `#${k + from}`).join('');
  const define = command === 'providecommand' ? '\\providecommand' : null;
  if (optional === null || args === 0) {
    return done(define ? `${define}{${name}}[${args}]${body}` : `\\gdef${name}${params(1)}${body}`, body.slice(1, -1), end);
  }
  // an optional first argument: \name[x]{y} or \name{y} (the default)
  const inner = `${name}@jl@opt`;
  return done(`\\gdef${name}{\\@ifnextchar[{${inner}}{${inner}[${optional}]}}\\gdef${inner}[#1]${params(2)}${body}`, body.slice(1, -1), end);
}
