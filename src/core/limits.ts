/**
 * What input may ask of the engine, and failures put in words. Every front end and the
 * analysis stop at the same stated limits with a message at the definition, and whatever
 * still goes wrong inside one definition (a stack overflow, a string too long, an internal
 * error) becomes a diagnostic there, never a lost file. No `vscode`.
 */
import type { Expr } from './math/expr';

/** Expression nesting (a root-to-leaf path of the tree, sums and products flattened) that front ends read. */
export const MAX_NESTING = 100;

/** Bracket nesting in source text (plain math, code) that front ends read before handing text to a parser. */
export const MAX_BRACKET_NESTING = 100;

/** Input beyond a stated limit; the message says which and what to do. */
export class LimitError extends Error {}

/** A lookup table without a prototype: `constructor`, `toString` and `__proto__` are ordinary keys (absent unless set). */
export function dict<T>(entries: Readonly<Record<string, T>> | Iterable<readonly [string, T]> = {}): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  const pairs = Symbol.iterator in entries ? entries as Iterable<readonly [string, T]> : Object.entries(entries);
  for (const [k, v] of pairs) out[k] = v;
  return out;
}

/** `r[k]` when `k` is r's own key (never a property inherited from Object.prototype). */
export const own = <T>(r: Readonly<Record<string, T>> | undefined, k: string): T | undefined =>
  r !== undefined && Object.prototype.hasOwnProperty.call(r, k) ? r[k] : undefined;

/** The depth of an expression tree, without recursion. */
export function exprDepth(e: Expr): number {
  let max = 0;
  const stack: Array<[Expr, number]> = [[e, 1]];
  while (stack.length) {
    const [x, d] = stack.pop()!;
    if (d > max) max = d;
    switch (x.k) {
      case 'add': case 'mul': case 'call': for (const a of x.args) stack.push([a, d + 1]); break;
      case 'pow': stack.push([x.base, d + 1], [x.exp, d + 1]); break;
      case 'neg': stack.push([x.arg, d + 1]); break;
      default: break;
    }
  }
  return max;
}

/** Throws LimitError when `e` nests deeper than MAX_NESTING. */
export function checkNesting(e: Expr, what = 'this expression'): void {
  const d = exprDepth(e);
  if (d > MAX_NESTING) throw new LimitError(tooDeep(what, d));
}

export const tooDeep = (what: string, depth: number | null, limit = MAX_NESTING): string =>
  `${what} nests ${depth === null ? 'more than ' + limit : depth} levels deep, more than the ${limit} levels Jacobian Lens reads: ` +
  'write it with fewer nested levels, or split the map into a composition of smaller maps';

/** Brackets ( [ { nested deeper than `limit` in `text`: the offset of the first bracket past it, or -1. Linear. */
export function deepBracket(text: string, limit = MAX_BRACKET_NESTING): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 40 || c === 91 || c === 123) { if (++depth > limit) return i; }
    else if (c === 41 || c === 93 || c === 125) { if (depth > 0) depth--; }
  }
  return -1;
}

export const isStackOverflow = (e: unknown): boolean => e instanceof RangeError && /call stack/i.test(e.message);
const isTooLarge = (e: unknown): boolean =>
  e instanceof RangeError && /invalid (string|array|typed array) length|allocation failed|out of memory|too large|BigInt/i.test(e.message);

/**
 * Why the analysis of one definition failed, in words a user can act on (no stack trace,
 * no internal names): `what` names the definition ("polar", "this block").
 */
export function describeFailure(what: string, e: unknown, done: 'analysed' | 'read' = 'analysed'): string {
  if (e instanceof LimitError) return `${what} could not be ${done}: ${e.message}`;
  if (isStackOverflow(e)) {
    return `${what} could not be ${done}: it nests too deeply (the ${done === 'read' ? 'parser' : 'analysis'} ran out of stack). ` +
      'Write it with fewer nested levels, or split the map into a composition of smaller maps';
  }
  if (isTooLarge(e)) {
    return `${what} could not be ${done}: a formula grew too large to hold (${(e as Error).message}). ` +
      'Split the map into smaller definitions';
  }
  const message = e instanceof Error ? e.message : String(e);
  return `${what} could not be ${done} because of an internal error (${message.split('\n')[0].slice(0, 160)}). ` +
    'The rest of the file is read as usual; please report this definition';
}

/** The diagnostic code of a failure: 'limit' for input past a stated limit, 'internal' otherwise. */
export const failureCode = (e: unknown): 'limit' | 'internal' =>
  e instanceof LimitError || isStackOverflow(e) || isTooLarge(e) ? 'limit' : 'internal';

/** The time reading one document may take by default, in milliseconds (the setting jacobianLens.parseBudgetMs). */
export const DEFAULT_PARSE_BUDGET_MS = 5000;

/**
 * How much of one document the front ends read: `ms` of the clock from the start of reading,
 * and/or `definitions`, the formulas, ```transform blocks and functions read (plain data: a
 * report cache may key on it). Past it, the rest of the document is not read and one
 * information says where reading stopped.
 */
export interface ParseBudget {
  readonly ms?: number;
  readonly definitions?: number;
}

/** A place in a document: a cell of a notebook, a line and a character. */
export interface Place { readonly cell?: number; readonly line: number; readonly character: number }

const before = (a: Place, b: Place): boolean =>
  (a.cell ?? 0) - (b.cell ?? 0) < 0 || ((a.cell ?? 0) === (b.cell ?? 0) && (a.line < b.line || (a.line === b.line && a.character < b.character)));

/**
 * One document's reading budget, checked inside the front ends' loops (per formula, block,
 * run of formulas, candidate map, function). A front end reads in steps (the LaTeX reader
 * parses every formula, then recognizes, then decides), so each step may use a `share` of the
 * time: what the first steps read can still be finished. The first place not read is kept.
 */
export class ReadBudget {
  private start: number;
  private read = 0;
  private stop: Place | null = null;

  constructor(readonly limit: ParseBudget = {}, private readonly clock: () => number = Date.now) {
    this.start = clock();
  }

  /** One more definition to read: false when the count or the time (up to `share` of it) is spent. */
  take(share = 1): boolean {
    if (this.limit.definitions !== undefined && this.read >= this.limit.definitions) return false;
    if (!this.allows(share)) return false;
    this.read++;
    return true;
  }

  /** Time left for a step that reads nothing new (up to `share` of the time). */
  allows(share = 1): boolean {
    return this.limit.ms === undefined || this.clock() - this.start <= share * this.limit.ms;
  }

  /** The budget's clock, for bounds of its own inside a front end (the time for reading imports). */
  now(): number {
    return this.clock();
  }

  /** `f` run outside the time budget (loading a compiler is no reading of the document). */
  excluding<T>(f: () => T): T {
    const t = this.clock();
    try { return f(); } finally { this.start += this.clock() - t; }
  }

  /** Reading stopped at `at`: nothing from there on is reported (the earliest such place counts). */
  stopAt(at: Place): void {
    if (!this.stop || before(at, this.stop)) this.stop = at;
  }

  /** The first place not read, or null when the whole document was read. */
  get stoppedAt(): Place | null { return this.stop; }

  /** How many definitions were read. */
  get definitionsRead(): number { return this.read; }

  /** Whether `at` lies before the place where reading stopped. */
  reads(at: Place): boolean { return !this.stop || before(at, this.stop); }

  /** Why reading stopped, and what to do, for the one information at the first place not read. */
  reason(what: string): string {
    const count = this.limit.definitions !== undefined && this.read >= this.limit.definitions;
    const why = count
      ? `it holds more than the ${this.limit.definitions} formulas and definitions the parse budget allows`
      : `reading it took longer than the parse budget of ${((this.limit.ms ?? 0) / 1000).toLocaleString('en-US')} s`;
    return `Jacobian Lens stopped reading ${what} here: ${why}. The maps above are shown; from here on nothing is read. ` +
      'Split it into smaller files, or raise the setting jacobianLens.parseBudgetMs';
  }
}
