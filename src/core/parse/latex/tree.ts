/**
 * The LaTeX syntax tree: KaTeX's own parser (`katex.__parse`), the grammar that renders the
 * note's formulas in the preview, so a formula we read is one that renders and vice versa.
 *
 * KaTeX puts source locations on leaf tokens only (and on brace groups); composite nodes
 * (supsub, leftright, op, font, ...) carry none. `spanOf` recovers a node's span from its
 * descendants, ignoring locations that point into macro expansions (another lexer's input).
 * Nodes are typed loosely: we read a few fields of a few node types (see expr.ts).
 */
import katex from 'katex';
import { blank } from './regions';

/** Same-length blanking (`regions.ts`). */
export { blank };

export interface KLoc { readonly start: number; readonly end: number; readonly lexer?: { readonly input?: string } }

/** A KaTeX parse node (a discriminated union on `type` in KaTeX; read loosely here). */
export interface KNode {
  readonly type: string;
  readonly loc?: KLoc | null;
  readonly [field: string]: unknown;
}

export type Span = readonly [number, number];

export class LatexSyntaxError extends Error {
  constructor(message: string, readonly offset: number, readonly length = 1) {
    super(message);
  }
}

interface KatexParseError extends Error { position?: number; length?: number; rawMessage?: string }

type ParseFn = (src: string, settings: Record<string, unknown>) => KNode[];
const katexParse = (katex as unknown as { __parse: ParseFn }).__parse;

/** Commands that only number or label equations: blanked (same length) before parsing. */
const LABELS = /\\(?:label|tag\*?|eqref|ref)\s*\{[^{}]*\}|\\(?:nonumber|notag)\b/g;

/**
 * Environments KaTeX lacks, read as one it has with the same rows (same length, so offsets
 * stay): eqnarray's `a &=& b` rows and flalign's are aligned (also inside $$ … $$; a .tex
 * document's own environments are renamed by texDocument.ts before they get here).
 */
const ENV_ALIAS: Record<string, string> = { 'eqnarray': 'aligned', 'eqnarray*': 'aligned', 'flalign': 'aligned', 'flalign*': 'aligned' };
const ENV_ALIASES = /\\(?:begin|end)\s*\{(eqnarray\*?|flalign\*?)\}/g;

/**
 * Plain TeX matrices that MathJax renders and KaTeX does not know (`\pmatrix{a & b \\ c & d}`,
 * common in notes written for MathJax: Obsidian, Jupyter): read as the environments they draw.
 */
const PLAIN_TEX_MATRICES: Readonly<Record<string, string>> = {
  '\\pmatrix': '\\begin{pmatrix}#1\\end{pmatrix}', '\\matrix': '\\begin{matrix}#1\\end{matrix}',
};

/**
 * Parse LaTeX math. `macros` is shared by the formulas of one document (\newcommand and
 * \def in one formula apply to the later ones, as in the preview). Throws LatexSyntaxError.
 */
export function parseLatex(src: string, macros: Record<string, unknown> = {}): KNode[] {
  for (const [name, body] of Object.entries(PLAIN_TEX_MATRICES)) if (!(name in macros)) macros[name] = body;
  const text = src.replace(LABELS, blank).replace(ENV_ALIASES, (m, name: string) => m.replace(`{${name}}`, `{${ENV_ALIAS[name]}}`.padEnd(name.length + 2)));
  try {
    return katexParse(text, {
      displayMode: true, throwOnError: true, strict: 'ignore', trust: false, globalGroup: true,
      maxExpand: 500, macros,
    });
  } catch (e) {
    const err = e as KatexParseError;
    if (err?.name !== 'ParseError' && typeof err?.rawMessage !== 'string') throw e;
    const at = typeof err.position === 'number' ? Math.max(0, Math.min(src.length - 1, err.position)) : 0;
    let len = typeof err.length === 'number' && err.length > 0 ? err.length : 1;
    while (len > 1 && /\s/.test(src[at + len - 1] ?? '')) len--;
    throw new LatexSyntaxError(humanizeKatex(err.rawMessage ?? err.message), at, len);
  }
}

function humanizeKatex(msg: string): string {
  let m: RegExpExecArray | null;
  if ((m = /^Undefined control sequence: (\S+)/.exec(msg))) return `${m[1]} is not a command KaTeX knows`;
  if (/^Unexpected end of input in a macro argument, expected '\}'/.test(msg)) return 'a closing brace } is missing';
  if ((m = /^Expected '(.*?)', got '(.*?)'/.exec(msg))) return `expected ${m[1]} here, found ${m[2] === 'EOF' ? 'the end of the formula' : m[2]}`;
  if (/^Double superscript/.test(msg)) return 'two superscripts in a row: group them with braces, x^{a b}';
  if (/^Double subscript/.test(msg)) return 'two subscripts in a row: group them with braces, x_{a b}';
  return msg.charAt(0).toLowerCase() + msg.slice(1);
}

/**
 * The node's own location when it points into `src` (not into a macro's expansion, which
 * KaTeX lexes from the macro's own text). `src` is the string given to parseLatex: labels
 * are blanked in place, so the lexer's input has the same length and the same offsets.
 */
export function ownSpan(n: KNode, src: string): Span | null {
  const l = n.loc;
  if (!l || typeof l.start !== 'number' || typeof l.end !== 'number') return null;
  const input = l.lexer?.input;
  if (typeof input === 'string' && (input.length !== src.length || input.slice(l.start, l.end) !== src.slice(l.start, l.end))) return null;
  if (l.end < l.start) return null;
  // KaTeX's control-word tokens include the space after them (\pm )
  let a = l.start, b = l.end;
  while (b > a + 1 && /\s/.test(src[b - 1])) b--;
  while (a < b - 1 && /\s/.test(src[a])) a++;
  return [a, b];
}

/** Child nodes in source order (the fields KaTeX uses for its node types). */
export function childNodes(n: KNode): KNode[] {
  const out: KNode[] = [];
  const add = (v: unknown) => {
    if (Array.isArray(v)) { for (const x of v) add(x); return; }
    if (v && typeof v === 'object' && typeof (v as KNode).type === 'string') out.push(v as KNode);
  };
  switch (n.type) {
    case 'supsub': add(n.base); add(n.sub); add(n.sup); break;
    case 'genfrac': add(n.numer); add(n.denom); break;
    case 'sqrt': add(n.index); add(n.body); break;
    case 'accent': add(n.base); break;
    case 'array': add(n.body); break;
    default: add(n.body);
  }
  return out;
}

/** A node's span: its own location, else the union of its descendants' spans. */
export function spanOf(n: KNode | readonly KNode[], src: string): Span | null {
  if (Array.isArray(n)) {
    let lo = Infinity, hi = -Infinity;
    for (const c of n as readonly KNode[]) {
      const s = spanOf(c, src);
      if (s) { lo = Math.min(lo, s[0]); hi = Math.max(hi, s[1]); }
    }
    return lo <= hi ? [lo, hi] : null;
  }
  const node = n as KNode;
  return ownSpan(node, src) ?? spanOf(childNodes(node), src);
}

/** The source text of a node (trimmed), or null when it has no span. */
export function sourceOf(n: KNode | readonly KNode[], src: string): string | null {
  const s = spanOf(n, src);
  return s ? src.slice(s[0], s[1]).trim() : null;
}

/** Unwrap nodes that only style their content (\displaystyle, \color, \boxed, \mathord, ...). */
export function unwrapStyle(n: KNode): KNode[] | null {
  switch (n.type) {
    case 'styling': case 'sizing': case 'color': case 'mclass': case 'enclose': case 'htmlmathml':
    case 'html': case 'tag': case 'lap': case 'hbox':
      return Array.isArray(n.body) ? (n.body as KNode[]) : n.body ? [n.body as KNode] : [];
    default: return null;
  }
}
