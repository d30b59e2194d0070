/**
 * The math of a Markdown document in the flavours people write it in: CommonMark with
 * $…$ / $$…$$ / \[…\] / \(…\) (GitHub, Quarto, R Markdown, MDX with remark-math, Jupyter),
 * plus what these flavours add:
 *  - math fences: ```math (GitHub, GitLab) and MyST's ```{math} and :::{math} directives,
 *    whose option lines (`:label: polar`) are skipped and whose blank-line-separated
 *    paragraphs are separate equations (as Sphinx sets them);
 *  - MyST's inline role {math}`…`;
 *  - bare amsmath environments (\begin{align} … \end{align} outside $$), which Jupyter,
 *    MyST (amsmath), R Markdown and Quarto render as display math;
 *  - labels after the math ($$ … $$ (label) in MyST, {#eq-label} in Quarto) are prose and
 *    stay out of the formula.
 * Only where the math is (no LaTeX parser is loaded here); `parseMarkdownMath` (latex/index.ts)
 * reads the maps in it.
 */
import type { MathSegment } from './latex';
import { findMath, maskMarkdown } from './latex/regions';
import { scanMarkdown, splitLines } from './markdown';
import { mathEnvironments } from './texDocument';

const MAYBE_MATH = /[$\\]|math/i;
let scans = 0;
/** How many texts markdownMath has scanned (for tests: a text without math is not). */
export const markdownMathScans = (): number => scans;

/** The math regions of a Markdown document, in document order. */
export function markdownMath(text: string): MathSegment[] {
  // every delimiter below has a $ or a backslash, or the word math (fences, roles): a note
  // without any (a ```transform block alone) has no math to look for
  if (!MAYBE_MATH.test(text)) return [];
  scans++;
  const masked = maskMarkdown(text);
  const lines = splitLines(text);
  const starts = lineStarts(text);
  const found: MathSegment[] = [...findMath(masked), ...mathFences(text, lines, starts), ...mystRoles(text, masked)];
  // bare environments count where no other math is (\begin{aligned} inside $$ is that formula's)
  found.push(...mathEnvironments(masked));
  found.sort((a, b) => a.outerStart - b.outerStart || b.outerEnd - a.outerEnd);
  const out: MathSegment[] = [];
  let end = 0;
  for (const seg of found) {
    if (seg.outerStart < end) continue;
    out.push(seg);
    end = seg.outerEnd;
  }
  return out;
}

function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') out.push(i + 1);
  return out;
}

/** Option lines at the top of a MyST directive (`:label: polar`), and a YAML option block (--- … ---). */
const OPTION = /^\s*:[\w-]+:/;

/** Display math from the body lines [first, end) of a math fence: one region per paragraph. */
function fenceBody(text: string, lines: readonly string[], starts: readonly number[], first: number, end: number, out: MathSegment[]): void {
  let k = first;
  if (lines[k]?.trim() === '---') {
    let close = k + 1;
    while (close < end && lines[close].trim() !== '---') close++;
    if (close < end) k = close + 1;
  }
  while (k < end && OPTION.test(lines[k])) k++;
  const from = out.length;
  while (k < end) {
    while (k < end && !lines[k].trim()) k++;
    if (k >= end) break;
    let last = k;
    while (last + 1 < end && lines[last + 1].trim()) last++;
    const start = starts[k], stop = starts[last] + lines[last].length;
    out.push({ display: true, start, end: stop, outerStart: start, outerEnd: stop, content: text.slice(start, stop) });
    k = last + 1;
  }
  // the fence lines belong to the formula: two fences with only white space between are consecutive blocks
  if (out.length > from && first > 0) {
    out[from] = { ...out[from], outerStart: starts[first - 1] };
    const closeEnd = end < lines.length ? starts[end] + lines[end].length : text.length;
    out[out.length - 1] = { ...out[out.length - 1], outerEnd: closeEnd };
  }
}

/** ```math, ```{math} and :::{math} fences. */
function mathFences(text: string, lines: readonly string[], starts: readonly number[]): MathSegment[] {
  const out: MathSegment[] = [];
  const scan = scanMarkdown(text);
  for (const f of scan.fences) if (f.lang === 'math' && f.closeLine !== null) fenceBody(text, lines, starts, f.contentStart, f.contentEnd, out);
  // MyST colon fences (not code: scanMarkdown leaves them to the prose)
  for (let i = 0; i < lines.length; i++) {
    if (scan.inCode[i]) continue;
    const m = /^\s*(:{3,})\{math\}\s*$/.exec(lines[i]);
    if (!m) continue;
    let close = i + 1;
    const closing = new RegExp(`^\\s*:{${m[1].length},}\\s*$`);
    while (close < lines.length && !closing.test(lines[close])) close++;
    if (close >= lines.length) break; // never closed: neither is any later one of this length
    fenceBody(text, lines, starts, i + 1, close, out);
    i = close;
  }
  return out;
}

/** MyST's inline role {math}`…` (its backticks are inline code, which the masked text blanks). */
function mystRoles(text: string, masked: string): MathSegment[] {
  const out: MathSegment[] = [];
  // the masked text blanks inline code, backticks included: the role's name stays, the original has the rest
  const role = /\{math\}/g;
  for (let m; (m = role.exec(masked));) {
    const open = m.index + m[0].length;
    const ticks = /^`+/.exec(text.slice(open, open + 16))?.[0];
    if (!ticks || masked[open] !== ' ') continue;
    const start = open + ticks.length;
    const close = text.indexOf(ticks, start);
    if (close < 0) break; // no closing backticks anywhere after this one
    if (/\n[ \t]*\n/.test(text.slice(start, close))) continue;
    out.push({ display: false, start, end: close, outerStart: m.index, outerEnd: close + ticks.length, content: text.slice(start, close) });
    role.lastIndex = close + ticks.length;
  }
  return out;
}
