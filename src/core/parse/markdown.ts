/**
 * Markdown structure that the front ends need: front matter and fenced code blocks, with
 * their lines. Fences may be indented (inside list items).
 */

export interface Fence {
  /** The info string's first word, lower-cased ('transform', 'ts', ''). */
  readonly lang: string;
  readonly openLine: number;
  /** The closing fence's line, or null when the fence is never closed. */
  readonly closeLine: number | null;
  /** Columns of indentation of the opening fence (stripped from content lines). */
  readonly indent: number;
  /** Content lines are [contentStart, contentEnd). */
  readonly contentStart: number;
  readonly contentEnd: number;
}

export interface MarkdownScan {
  readonly lines: readonly string[];
  /** Lines [0, frontMatterEnd] are YAML front matter; -1 when there is none. */
  readonly frontMatterEnd: number;
  readonly fences: readonly Fence[];
  /** true for lines that belong to front matter or to any fenced block (fence lines included). */
  readonly inCode: readonly boolean[];
}

export const splitLines = (text: string): string[] => text.split(/\r?\n/);

const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);

/**
 * An opening fence: indentation, three or more backticks or tildes, an info string without
 * backticks; its first word is the language. (As /^(\s*)(`{3,}|~{3,})\s*([^`\s]*)[^`]*$/
 * would read it, in one pass: that expression backtracks on a long info string.)
 */
function fenceOpen(line: string): { indent: string; marker: string; lang: string } | null {
  let i = 0;
  while (isSpace(line[i])) i++;
  const ch = line[i];
  if (ch !== '`' && ch !== '~') return null;
  let j = i;
  while (line[j] === ch) j++;
  if (j - i < 3 || line.indexOf('`', j) >= 0) return null;
  let a = j;
  while (isSpace(line[a])) a++;
  let b = a;
  while (b < line.length && !isSpace(line[b])) b++;
  return { indent: line.slice(0, i), marker: line.slice(i, j), lang: line.slice(a, b) };
}

export function scanMarkdown(text: string): MarkdownScan {
  const lines = splitLines(text);
  const inCode = new Array<boolean>(lines.length).fill(false);
  let frontMatterEnd = -1;
  if (lines[0]?.trim() === '---') {
    for (let i = 1; i < lines.length; i++) {
      const t = lines[i].trim();
      if (t === '---' || t === '...') { frontMatterEnd = i; break; }
    }
    for (let i = 0; i <= frontMatterEnd; i++) inCode[i] = true;
  }
  const fences: Fence[] = [];
  for (let i = frontMatterEnd + 1; i < lines.length; i++) {
    const m = fenceOpen(lines[i]);
    if (!m) continue;
    const indent = m.indent.replace(/\t/g, '    ').length;
    const marker = m.marker;
    let close: number | null = null;
    for (let j = i + 1; j < lines.length; j++) {
      const t = lines[j].trim();
      if (t.length >= marker.length && t[0] === marker[0] && /^(`+|~+)$/.test(t)) { close = j; break; }
    }
    const end = close ?? lines.length;
    fences.push({ lang: m.lang.toLowerCase().replace(/^\{\.?|\}$/g, ''), openLine: i, closeLine: close, indent, contentStart: i + 1, contentEnd: end });
    for (let j = i; j <= Math.min(end, lines.length - 1); j++) inCode[j] = true;
    i = end;
  }
  return { lines, frontMatterEnd, fences, inCode };
}

/** Strip up to `indent` columns of leading white space (the fence's indentation). */
export function stripIndent(line: string, indent: number): { text: string; removed: number } {
  let removed = 0;
  while (removed < indent && removed < line.length && (line[removed] === ' ' || line[removed] === '\t')) removed++;
  return { text: line.slice(removed), removed };
}
