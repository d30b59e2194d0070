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

const FENCE = /^(\s*)(`{3,}|~{3,})\s*([^`\s]*)[^`]*$/;

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
    const m = FENCE.exec(lines[i]);
    if (!m) continue;
    const indent = m[1].replace(/\t/g, '    ').length;
    const marker = m[2];
    let close: number | null = null;
    for (let j = i + 1; j < lines.length; j++) {
      const t = lines[j].trim();
      if (t.length >= marker.length && t[0] === marker[0] && /^(`+|~+)$/.test(t)) { close = j; break; }
    }
    const end = close ?? lines.length;
    fences.push({ lang: m[3].toLowerCase().replace(/^\{\.?|\}$/g, ''), openLine: i, closeLine: close, indent, contentStart: i + 1, contentEnd: end });
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
