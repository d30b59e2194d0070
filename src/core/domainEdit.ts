/**
 * The edit that writes a transform's assumed (default) domain into its definition, for the
 * user to change: a `domain:` line in a ```transform block, `x \in [a, b]` in display math
 * after the map (or beside an inline map), the `@transform domain` tag of a code function.
 * Each is the form the front end reads back as that map's domain.
 */
import type { LanguageKind } from './languages';
import { formatNumber } from './format';
import { LineIndex } from './parse/latex/regions';
import { markdownMath } from './parse/markdownMath';
import { scanTex } from './parse/texDocument';
import type { TransformReport } from './report';

export interface DomainInsertion {
  /** Where the text goes (0-based, as in LSP), and what to select after it: the bounds to edit. */
  readonly line: number;
  readonly character: number;
  readonly text: string;
  readonly select: { readonly from: number; readonly to: number };
}

type Report = Pick<TransformReport, 'notation' | 'range' | 'variables' | 'domain' | 'domainDefault' | 'latex'>;

/** The default intervals, grouped: [["x, y", "[-2, 2]"]] (names as `name(i)` gives them). */
function groups(t: Report, name: (i: number) => string): Array<[string, string]> {
  const by = new Map<string, string[]>();
  t.variables.forEach((v, i) => {
    if (!t.domainDefault?.includes(v)) return;
    const [a, b] = t.domain[i];
    const k = `[${formatNumber(a)}, ${formatNumber(b)}]`;
    by.set(k, [...(by.get(k) ?? []), name(i)]);
  });
  return [...by].map(([k, names]) => [names.join(', '), k]);
}

/** The insertion, or null when every variable has a domain (or the place cannot be found). */
export function domainInsertion(text: string, kind: LanguageKind, t: Report): DomainInsertion | null {
  if (!t.domainDefault?.length) return null;
  const lines = text.split('\n');
  const at = (line: number, character: number, before: string, body: string, after: string): DomainInsertion =>
    ({ line, character, text: before + body + after, select: { from: before.length, to: before.length + body.length } });
  if (t.notation === 'transform') {
    const body = groups(t, (i) => t.variables[i]).map(([v, k]) => v.split(', ').map((x) => `${x} in ${k}`).join(', ')).join(', ');
    return at(t.range.end.line + 1, 0, 'domain: ', body, '\n');
  }
  if (t.notation === 'latex') {
    const body = groups(t, (i) => t.latex.variables[i]).map(([v, k]) => `${v} \\in ${k}`).join(', \\quad ');
    const index = new LineIndex(text);
    const end = lines.slice(0, t.range.end.line).reduce((n, l) => n + l.length + 1, 0) + t.range.end.character;
    const math = (kind === 'latex' ? scanTex(text).regions : markdownMath(text)).find((m) => m.display && m.outerStart <= end && end <= m.outerEnd);
    if (math) {
      const line = index.position(Math.max(math.outerStart, math.outerEnd - 1)).line + 1;
      return kind === 'latex' ? at(line, 0, '\\[ ', body, ' \\]\n') : at(line, 0, '\n$$\n', body, '\n$$\n');
    }
    // an inline map: its paragraph's inline domains, on the next line of the paragraph
    return at(t.range.end.line + 1, 0, 'with $', body.replace(/, \\quad /g, '$, $'), '$.\n');
  }
  return codeInsertion(lines, t, at);
}

/** `@transform domain …` in the function's JSDoc: added to the tag, to the comment, or as a new comment. */
function codeInsertion(lines: readonly string[], t: Report, at: (line: number, character: number, before: string, body: string, after: string) => DomainInsertion): DomainInsertion | null {
  const intervals = groups(t, (i) => t.variables[i]).map(([v, k]) => v.split(', ').map((x) => `${x} in ${k}`).join(', ')).join(', ');
  const start = t.range.start.line;
  const indent = /^\s*/.exec(lines[start] ?? '')![0];
  // the JSDoc that ends just above the definition (or on its first line)
  let close = -1;
  for (let l = start; l >= Math.max(0, start - 1); l--) {
    if (/\*\/\s*$/.test(lines[l] ?? '') && (l < start || /^\s*\/\*\*/.test(lines[l]))) { close = l; break; }
  }
  if (close < 0) return at(start, 0, `${indent}/** @transform domain `, intervals, ' */\n');
  let open = close;
  while (open > 0 && !/\/\*\*/.test(lines[open])) open--;
  if (!/\/\*\*/.test(lines[open])) return null;
  // a tag already: the intervals go at its end
  for (let l = open; l <= close; l++) {
    const line = lines[l];
    const tag = line.indexOf('@transform');
    if (tag < 0) continue;
    const endComment = line.indexOf('*/', tag);
    const end = (endComment < 0 ? line : line.slice(0, endComment)).trimEnd().length;
    return /\bdomain\b/.test(line.slice(tag, end)) ? at(l, end, ', ', intervals, '') : at(l, end, ' domain ', intervals, '');
  }
  const pad = /^\s*/.exec(lines[open])![0];
  // a one-line comment: the tag on a line of its own before its end
  if (open === close) {
    let end = lines[close].lastIndexOf('*/');
    while (end > 0 && lines[close][end - 1] === ' ') end--;
    return at(close, end, `\n${pad} * @transform domain `, intervals, `\n${pad}`);
  }
  return at(close, 0, `${pad} * @transform domain `, intervals, '\n');
}
