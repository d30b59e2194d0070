/**
 * Reading code of any shape without recursion: a walk over the syntax tree with an explicit
 * stack (a long sum or a chain of conditionals is a tree thousands of levels deep), and
 * brackets nested past the limit blanked before the compiler's parser, which recurses per
 * bracket, sees them.
 */
import type * as TS from 'typescript';
import { MAX_BRACKET_NESTING } from '../../limits';
import type { TypeScriptApi } from './loader';

/** Visit `root` and its descendants in source order. `visit` returns 'skip' to leave a node's children out, 'stop' to end the walk. */
export function walk(ts: TypeScriptApi, root: TS.Node, visit: (n: TS.Node) => 'skip' | 'stop' | void): void {
  const stack: TS.Node[] = [root];
  const kids: TS.Node[] = [];
  while (stack.length) {
    const n = stack.pop()!;
    const r = visit(n);
    if (r === 'stop') return;
    if (r === 'skip') continue;
    kids.length = 0;
    ts.forEachChild(n, (c) => { kids.push(c); });
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
}

/**
 * Code with brackets nested deeper than MAX_BRACKET_NESTING, blanked from the first bracket
 * past the limit to its match (same length, line breaks kept), and where each such place
 * starts. Strings and comments are skipped (a template's `${ }` with its text: a rough but
 * linear cut). TypeScript 5.9's JSDoc scanner never returns on a word that ends in a dash at
 * the end of a comment (a JSDoc comment whose text ends in "x-"; an open comment at the end of
 * the file ends two characters early, so "x-0" and a line break there too): a block comment
 * left open is closed (the two closing characters appended), and a dash right before a
 * comment's end is read as a space; every position of the text is kept. Linear.
 */
export function blankDeepNesting(text: string): { text: string; deep: number[] } {
  const deep: number[] = [];
  const spans: Array<[number, number]> = [];
  let depth = 0, from = -1, open = false;
  const dashes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'" || c === '`') {
      for (i++; i < text.length && text[i] !== c && !(c !== '`' && text[i] === '\n'); i++) if (text[i] === '\\') i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '/') { const e = text.indexOf('\n', i); i = e < 0 ? text.length : e; continue; }
    if (c === '/' && text[i + 1] === '*') {
      const e = text.indexOf('*/', i + 2);
      open = e < 0;
      const last = open ? text.length - 1 : e - 1;
      if (last >= i + 2 && text[last] === '-') dashes.push(last);
      i = e < 0 ? text.length : e + 1;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') {
      depth++;
      if (depth === MAX_BRACKET_NESTING + 1 && from < 0) { from = i; deep.push(i); }
    } else if (c === ')' || c === ']' || c === '}') {
      if (depth > 0) depth--;
      if (from >= 0 && depth === MAX_BRACKET_NESTING) { spans.push([from, i + 1]); from = -1; }
    }
  }
  if (from >= 0) spans.push([from, text.length]);
  const close = open ? '*/' : '';
  // the dashes are in comments, never in the blanked spans (which skip comments)
  let source = text;
  if (dashes.length) {
    let out = '', at = 0;
    for (const d of dashes) { out += `${text.slice(at, d)} `; at = d + 1; }
    source = out + text.slice(at);
  }
  if (!spans.length) return { text: source + close, deep };
  let out = '', at = 0;
  for (const [a, b] of spans) { out += source.slice(at, a) + source.slice(a, b).replace(/[^\r\n]/g, ' '); at = b; }
  return { text: out + source.slice(at) + close, deep };
}
