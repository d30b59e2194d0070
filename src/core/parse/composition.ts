/**
 * How the line-oriented front ends write a composition (src/core/compose.ts builds it):
 *
 *     F = d ∘ R ∘ c          also d o R o c (when d, R and c are maps), f_3 ∘ … ∘ f_1
 *     F(x, y) = d(R(c(x, y)))
 *
 * Readers return layer names outermost first, as written, with their offsets in the text;
 * they return null when the text is not in their form.
 */
import { IDENT } from './statements';

export interface NameSpan {
  readonly name: string;
  readonly from: number;
  readonly to: number;
}

export interface Chain {
  /** Outermost first, as written (d, R, c for d ∘ R ∘ c). */
  readonly names: readonly NameSpan[];
  /** '∘' always means composition; 'o' only when every name is a map. */
  readonly op: '∘' | 'o';
}

export class ChainError extends Error {
  constructor(message: string, readonly from: number, readonly to: number) { super(message); }
}

const ELLIPSIS = new Set(['…', '...', '⋯', '\\dots', '\\cdots', '\\ldots']);

/**
 * `d ∘ R ∘ c`, `d o R o c`, `f_3 ∘ … ∘ f_1`. Throws ChainError for an ellipsis between names
 * that do not share a stem with an index.
 */
export function readChain(text: string): Chain | null {
  const op: '∘' | 'o' | null = text.includes('∘') ? '∘' : /\so\s/.test(text) ? 'o' : null;
  if (!op) return null;
  const parts: NameSpan[] = [];
  const sep = op === '∘' ? /∘/g : /\so\s/g;
  let start = 0;
  const push = (end: number) => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const name = raw.trim();
    parts.push({ name, from: start + lead, to: start + lead + name.length });
  };
  for (let m = sep.exec(text); m; m = sep.exec(text)) {
    push(m.index + (op === 'o' ? 1 : 0));
    start = m.index + m[0].length - (op === 'o' ? 1 : 0);
  }
  push(text.length);
  if (parts.length < 2 || !parts.every((p) => IDENT.test(p.name) || ELLIPSIS.has(p.name))) return null;
  if (ELLIPSIS.has(parts[0].name) || ELLIPSIS.has(parts[parts.length - 1].name)) return null;
  const names: NameSpan[] = [];
  for (let i = 0; i < parts.length; i++) {
    if (!ELLIPSIS.has(parts[i].name)) { names.push(parts[i]); continue; }
    if (ELLIPSIS.has(parts[i + 1].name)) throw new ChainError('two ellipses in a row', parts[i].from, parts[i + 1].to);
    names.push(...between(parts[i - 1], parts[i + 1], parts[i]));
  }
  return { names, op };
}

/** A stem and its index, f_3 -> [f_3, f_, 3] (as a match: the digits at the end, found from the end: linear). */
const INDEXED = { exec(name: string): [string, string, string] | null {
  let i = name.length;
  while (i > 0 && name.charCodeAt(i - 1) >= 48 && name.charCodeAt(i - 1) <= 57) i--;
  return i < name.length ? [name, name.slice(0, i), name.slice(i)] : null;
} };

/** The names strictly between f_3 and f_1 (f_2), at the ellipsis' place. */
function between(a: NameSpan, b: NameSpan, at: NameSpan): NameSpan[] {
  const ma = INDEXED.exec(a.name), mb = INDEXED.exec(b.name);
  if (!ma || !mb || ma[1] !== mb[1]) {
    throw new ChainError(`an ellipsis needs indexed names of one stem on both sides, as f_3 ∘ … ∘ f_1 (here ${a.name} and ${b.name})`, a.from, b.to);
  }
  const i = Number(ma[2]), j = Number(mb[2]);
  if (Math.abs(i - j) > 64) throw new ChainError(`${a.name} ∘ … ∘ ${b.name} has more than 64 layers`, a.from, b.to);
  const step = i > j ? -1 : 1;
  const out: NameSpan[] = [];
  for (let k = i + step; k !== j; k += step) out.push({ name: `${ma[1]}${k}`, from: at.from, to: at.to });
  return out;
}

/**
 * `d(R(c(x, y)))`: the called names outermost first, when the innermost call's arguments are
 * exactly `params` in order; null otherwise.
 */
export function readCallChain(text: string, params: readonly string[]): NameSpan[] | null {
  const names: NameSpan[] = [];
  let i = 0;
  const head = /[A-Za-z_][A-Za-z0-9_]*/y;
  for (;;) {
    while (text[i] === ' ') i++;
    head.lastIndex = i;
    const m = head.exec(text);
    if (!m) break;
    let j = i + m[0].length;
    while (text[j] === ' ') j++;
    if (text[j] !== '(') break;
    names.push({ name: m[0], from: i, to: i + m[0].length });
    i = j + 1;
  }
  if (!names.length) return null;
  // the innermost arguments, then one closing parenthesis per name
  const close = text.indexOf(')', i);
  if (close < 0) return null;
  const args = text.slice(i, close).split(',').map((s) => s.trim());
  if (args.length !== params.length || !args.every((a, k) => a === params[k])) return null;
  const rest = text.slice(close).replace(/\s+/g, '');
  return rest === ')'.repeat(names.length) ? names : null;
}
