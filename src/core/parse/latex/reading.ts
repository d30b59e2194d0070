/**
 * One reading of a note's math, shared by every recognizer: the formulas (statements cut at
 * rows, commas, gaps and relations) and memoised readers of their sides (`value`, `lhs`).
 * A recognizer asks, never stores: the reading is built once per note and only caches.
 */
import { CONSTANTS, Expr, add, call, callsOf, children, mul, neg, symbolsOf } from '../../math/expr';
import { isKnownFunction } from '../../math/functions';
import { Position, Range } from '../../model';
import { constantValue } from '../resolve';
import { DEFINE, LineIndex, MathSegment, Part, Statement, statementsOf } from './detect';
import { Item, ItemReader, LatexExprError, LatexExprParser, LatexNames, PRIME, newNames, splitItems } from './expr';
import { KNode, LatexSyntaxError, Span, childNodes, parseLatex } from './tree';
import { LimitError, MAX_NESTING, ReadBudget, describeFailure, tooDeep } from '../../limits';

export interface Formula {
  readonly seg: MathSegment;
  readonly names: LatexNames;
  readonly statements: readonly Statement[];
  /** Index of the run of consecutive display blocks (inline formulas: -1). */
  readonly run: number;
  /**
   * Index of the section: runs with at most a sentence between them ("where", "and the second
   * coordinate is"), so a system or a definition written around prose stays together (inline: -1).
   */
  readonly section: number;
}

/** A side of a statement, read. */
export type Value =
  | { readonly k: 'expr'; readonly e: Expr }
  | {
    readonly k: 'tuple'; readonly items: ReadonlyArray<{ readonly e: Expr; readonly span: Span }>; readonly bracketed: boolean;
    /** A matrix times a column of plain names (`M \begin{pmatrix} x \\ y \end{pmatrix}`): those names, the vector it acts on. */
    readonly acted?: readonly string[];
  }
  | { readonly k: 'matrix' }
  | { readonly k: 'empty' }
  | { readonly k: 'error'; readonly err: LatexExprError; readonly bracketed: boolean };

/** The name of a map applied to a column: a capital (T, R_alpha, Phi) or f, g, h, φ, ψ, with a subscript. */
const MAP_LETTER = /^(?:[A-Z]|Gamma|Delta|Theta|Lambda|Xi|Pi|Sigma|Upsilon|Phi|Psi|Omega|[fgh]|phi|varphi|psi)(?:_\w+)?$/;

/** A left side, read as names. */
export type Lhs =
  | { readonly k: 'head'; readonly name: string; readonly params: string[] }
  | { readonly k: 'primed'; readonly base: string }
  | { readonly k: 'name'; readonly name: string }
  | { readonly k: 'names'; readonly names: string[] }
  /** (x', y') or a column of primed names. */
  | { readonly k: 'primedNames'; readonly bases: string[] };

/** A span inside a formula. */
export interface Located { readonly f: Formula; readonly span: Span }

/** Document offsets of a span inside a formula. */
export const docSpan = (l: Located): Span => [l.f.seg.start + l.span[0], l.f.seg.start + l.span[1]];

/**
 * A formula KaTeX could not parse: detection hands it on as it is. `limit`: it parsed but is
 * past a stated limit or failed inside (too deep): an error at the formula whatever it looks like.
 */
export interface Unreadable { readonly seg: MathSegment; readonly error: LatexSyntaxError; readonly limit?: boolean }

/**
 * What a document's own reader adds to its math regions (a .tex file: src/core/parse/texDocument.ts).
 * `gaps`: the text that tells whether two display formulas are consecutive, only white space
 * between them (default: the document; a .tex file's has its comments blanked).
 * `definitions`: macros defined outside the math, in document order, each applying to the formulas after it.
 */
export interface RegionContext {
  readonly gaps?: string;
  /** A .tex file: comments are `%` lines (the note's directives and the quick fix's), not `<!-- -->`. */
  readonly texComments?: boolean;
  readonly definitions?: readonly MacroDefinition[];
  /** How a line of `text` (0-based) is named in messages (a notebook's "cell 3, line 2"); else "line N", 1-based. */
  readonly lineName?: (line: number) => string;
}

export interface MacroDefinition {
  readonly offset: number;
  /** The macro (\\R). */
  readonly name: string;
  /** What it stands for, as written. */
  readonly body: string;
  /** The definition as KaTeX reads it (\\gdef\\R{\\mathbb{R}}). */
  readonly source: string;
}

/** Formulas worth reading: something is defined, constrained (a > 0, a \\neq 0: assumptions) or mapped in them. */
const READ = /=|\\coloneqq?|\\equiv|\\triangleq|\\doteq|≔|\\in\b|<|>|\\[lg]e|\\[lg]t\b|\\ne|[≤≥≠]|\\mapsto|\\(re)?newcommand|\\g?def|\\let/;
/** The first \newcommand name of each definition (bounded, linear). */
const NEWCOMMAND = /\\(?:re)?newcommand\s*(?:\{\s*)?(\\[A-Za-z]+)/g;

/** The depth of KaTeX's tree, without recursion. */
function treeDepth(nodes: readonly KNode[]): number {
  let max = 0;
  const stack: Array<[KNode, number]> = nodes.map((n) => [n, 1]);
  while (stack.length) {
    const [n, d] = stack.pop()!;
    if (d > max) max = d;
    for (const c of childNodes(n)) stack.push([c, d + 1]);
  }
  return max;
}

/** Words of a note about a change of variables. */
const CHANGE_OF_VARIABLES = /\bchange[- ]of[- ]variables?\b|\bpush[- ]?forward\b|\btransformation of (?:a |the )?random\b/i;

export class Reading {
  readonly lines: LineIndex;
  readonly formulas: Formula[] = [];
  /** Formulas that do not parse (display math only matters: see decide.ts). */
  readonly unreadable: Unreadable[] = [];
  /** The text that separates formulas (a .tex file's has its comments blanked). */
  private gaps: string;
  private readonly values = new WeakMap<Part, Value>();
  private called: Set<string> | null = null;

  /**
   * Read the math `segments` of `text` (document offsets), in document order. Consecutive
   * display segments with only white space between them form one run.
   */
  /**
   * `budget`: the document's reading budget, of which parsing the formulas may use `share` of
   * the time (past it, the formulas from that one on are not read); none: every formula is read.
   */
  /** A .tex file's comments (`%`) carry the directives. */
  readonly texComments: boolean;

  /** The line at a document offset as messages name it ("line 14"; in a notebook "cell 3, line 2"). */
  lineAt(offset: number): string {
    const line = this.place(offset).line;
    return this.lineName ? this.lineName(line) : `line ${line + 1}`;
  }

  private readonly lineName?: (line: number) => string;

  constructor(readonly text: string, segments: readonly MathSegment[], context: RegionContext = {}, budget?: { readonly of: ReadBudget; readonly share: number }) {
    this.lines = new LineIndex(text);
    this.lineName = context.lineName;
    this.texComments = context.texComments === true;
    const macros: Record<string, unknown> = {};
    const gaps = context.gaps ?? text;
    const definitions = context.definitions ?? [];
    // user macros that stand for a relation (\\defeq): formulas using them are worth reading
    const relations = definitions.filter((d) => READ.test(d.body)).map((d) => d.name);
    let next = 0;
    let run = -1;
    let prevDisplay: MathSegment | null = null;
    let section = -1, lastDisplayEnd = -1;
    this.gaps = gaps;
    for (const written of segments) {
      // `$…$` on a paragraph of its own is displayed as its author means it (a README, a notebook)
      const seg = !written.display && aloneInParagraph(gaps, written) ? { ...written, display: true } : written;
      for (; next < definitions.length && definitions[next].offset < seg.outerStart; next++) {
        try { parseLatex(definitions[next].source, macros); } catch (e) { if (!(e instanceof LatexSyntaxError)) throw e; }
      }
      if (seg.display) {
        const adjacent = prevDisplay && /^\s*$/.test(gaps.slice(prevDisplay.outerEnd, seg.outerStart));
        if (!adjacent) run++;
        if (!adjacent && (lastDisplayEnd < 0 || !this.sentenceBetween(lastDisplayEnd, seg.outerStart))) section++;
        prevDisplay = seg;
        lastDisplayEnd = seg.outerEnd;
      } else if (!/^\s*$/.test(seg.content)) {
        prevDisplay = null;
      }
      if (!READ.test(seg.content) && !relations.some((n) => seg.content.includes(n))) continue;
      if (budget && !budget.of.take(budget.share)) { budget.of.stopAt(this.place(seg.outerStart)); break; }
      const names = newNames();
      // a formula may \newcommand what an earlier one defined: the later definition wins
      for (const m of seg.content.matchAll(NEWCOMMAND)) delete macros[m[1]];
      try {
        const nodes = parseLatex(seg.content, macros);
        // the readers recurse on KaTeX's tree: deeper formulas are said, not read
        if (treeDepth(nodes) > 2 * MAX_NESTING) throw new LimitError(tooDeep('this formula', null));
        const statements = statementsOf(nodes, seg.content, names);
        this.formulas.push({ seg, names, statements, run: seg.display ? run : -1, section: seg.display ? section : -1 });
      } catch (e) {
        if (e instanceof LatexSyntaxError) this.unreadable.push({ seg, error: e });
        // one formula that cannot be read (too deep, an internal error) is said there; the others are read
        else this.unreadable.push({ seg, error: new LatexSyntaxError(describeFailure('This formula', e, 'read'), 0, seg.content.length), limit: true });
      }
    }
  }

  /** The place of a document offset (a line and a character). */
  place(a: number): Position {
    return this.lines.position(a);
  }

  range(a: number, b: number): Range {
    return { start: this.lines.position(a), end: this.lines.position(Math.max(a, b)) };
  }

  /** The display formulas by run, in document order. */
  runs(): Formula[][] {
    const runs = new Map<number, Formula[]>();
    for (const f of this.formulas) if (f.run >= 0) { const r = runs.get(f.run) ?? []; r.push(f); runs.set(f.run, r); }
    return [...runs.values()];
  }

  /** Inline formulas grouped by paragraph (no blank line and no heading between them). */
  inlineParagraphs(): Formula[][] {
    const groups: Formula[][] = [];
    let prev: Formula | null = null;
    for (const f of this.formulas) {
      if (f.run >= 0) continue;
      if (prev && !/\n[ \t>]*(?:\n|#{1,6}[ \t])/.test(this.text.slice(prev.seg.outerEnd, f.seg.outerStart))) groups[groups.length - 1].push(f);
      else groups.push([f]);
      prev = f;
    }
    return groups;
  }

  /**
   * At most one short paragraph of prose between the offsets `a` < `b` ("and", "where the
   * second coordinate is"): no heading, rule, list of items or second paragraph.
   */
  sentenceBetween(a: number, b: number): boolean {
    if (b < a) return false;
    const gap = this.gaps.slice(a, b);
    if (gap.length > 600) return false;
    const prose = gap.trim();
    // a heading (Markdown's, or a LaTeX paper's \section) closes a section
    return prose.length <= 240 && !/\n[ \t>]*\n[ \t>]*\S/.test(prose) && !/^[ \t>]*(#|---|\*\*\*|```|\\(?:part|chapter|(?:sub){0,2}section|(?:sub)?paragraph)\b)/m.test(prose);
  }

  /**
   * The prose next to the formulas from `first` to `last` (document offsets, at most 400
   * characters each way): the paragraph after the last one (up to a heading, a display or a
   * second paragraph), and the paragraph before the first one. Where a note says what its
   * formula's names are: "for $r > 0$", "where $\mu_i$ is a function of $x_{1:i-1}$".
   */
  proseAround(first: Formula, last: Formula = first): { readonly before: Span; readonly after: Span } {
    const a = last.seg.outerEnd;
    const after = this.text.slice(a, Math.min(this.text.length, a + 400));
    const stop = /\n[ \t>]*\n[ \t>]*(?:#|\$\$|\\\[|```)|\$\$|\\\[/.exec(after);
    const b = first.seg.outerStart, from = Math.max(0, b - 400);
    const before = this.text.slice(from, b).trimEnd();
    const cut = Math.max(before.lastIndexOf('\n\n'), before.lastIndexOf('$$'), before.lastIndexOf('\\]'), before.lastIndexOf('#'));
    return { before: [cut >= 0 ? from + cut + 2 : from, from + before.length], after: [a, a + (stop ? stop.index : after.length)] };
  }

  /**
   * Whether a definition written in `f` at document offset `at` is in scope of a map written
   * in the formulas `fs`: above the map, or below it in the map's own formulas, its section
   * (runs with at most a sentence between) or the prose next to it (its where-clause). A value
   * given later, past that (a later section), is not the map's.
   */
  inScope(fs: readonly Formula[], f: Formula | undefined, at: number): boolean {
    if (!fs.length || at < Math.min(...fs.map((g) => g.seg.outerStart))) return true;
    if (!f) return false;
    if (fs.includes(f) || (f.section >= 0 && fs.some((g) => g.section === f.section))) return true;
    // an inline map: its own paragraph ("… with $a = 2$, for …")
    const last = fs.reduce((a, b) => (b.seg.outerEnd > a.seg.outerEnd ? b : a));
    if (!last.seg.display && !f.seg.display && f.seg.outerStart - last.seg.outerEnd < 400 &&
      !/\n[ \t>]*(?:\n|#{1,6}[ \t])/.test(this.text.slice(last.seg.outerEnd, f.seg.outerStart))) return true;
    // and the display right after it when its sentence hands over to it ("the map $y = Ax + b$, with" and the display of A and b)
    if (!last.seg.display && f.seg.display && f.seg.outerStart - last.seg.outerEnd < 400 && this.formulaAfter(last) === f &&
      /(?:\b(?:with|where|for|given by)|:)\s*$/i.test(this.text.slice(last.seg.outerEnd, f.seg.outerStart)) &&
      !/\n[ \t>]*#{1,6}[ \t]/.test(this.text.slice(last.seg.outerEnd, f.seg.outerStart))) return true;
    const displays = fs.filter((g) => g.seg.display);
    if (!displays.length) return false;
    // the prose right after the map, or after the last display of its section ("with $c = 3$" closing it)
    const end = this.lastOfSection(displays[displays.length - 1]);
    return this.inlineAround(displays).includes(f) || (end !== displays[displays.length - 1] && this.inlineAround([end]).includes(f));
  }

  /** The formula right after `f` in the note, or undefined (indexed once per note). */
  formulaAfter(f: Formula): Formula | undefined {
    if (!this.nextOf) {
      this.nextOf = new Map();
      const sorted = [...this.formulas].sort((a, b) => a.seg.outerStart - b.seg.outerStart);
      sorted.forEach((g, i) => { if (i + 1 < sorted.length) this.nextOf!.set(g, sorted[i + 1]); });
    }
    return this.nextOf.get(f);
  }
  private nextOf: Map<Formula, Formula> | null = null;

  /**
   * The inline formulas next to the last display of the section of the display formulas `fs`,
   * when that display is a later one (none otherwise): the prose that closes the section.
   */
  inlineAfterSection(fs: readonly Formula[]): Formula[] {
    const last = fs.reduce((a, b) => (b.seg.outerEnd > a.seg.outerEnd ? b : a));
    const end = this.lastOfSection(last);
    return end === last || fs.includes(end) ? [] : this.inlineAround([end]);
  }

  /** The last display formula of `f`'s section (indexed once per note). */
  private lastOfSection(f: Formula): Formula {
    if (!this.sectionEnds) {
      this.sectionEnds = new Map();
      for (const g of this.formulas) if (g.section >= 0) this.sectionEnds.set(g.section, g);
    }
    return this.sectionEnds.get(f.section) ?? f;
  }
  private sectionEnds: Map<number, Formula> | null = null;

  /** The inline formulas in the prose next to the display formulas `fs` (proseAround). */
  inlineAround(fs: readonly Formula[]): Formula[] {
    const first = fs.reduce((a, b) => (b.seg.outerStart < a.seg.outerStart ? b : a)), last = fs.reduce((a, b) => (b.seg.outerEnd > a.seg.outerEnd ? b : a));
    const { before, after } = this.proseAround(first, last);
    return [...this.inlineWithin(before), ...this.inlineWithin(after)];
  }

  /** The inline formulas inside the span `[a, b]` (document offsets), found by bisection: the formulas are in document order. */
  private inlineWithin([a, b]: Span): Formula[] {
    let lo = 0, hi = this.formulas.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (this.formulas[mid].seg.outerStart < a) lo = mid + 1; else hi = mid; }
    const out: Formula[] = [];
    for (let i = lo; i < this.formulas.length && this.formulas[i].seg.outerStart < b; i++) {
      const f = this.formulas[i];
      if (!f.seg.display && f.seg.outerEnd <= b) out.push(f);
    }
    return out;
  }

  written(f: Formula, span: Span): string {
    return f.seg.content.slice(span[0], span[1]).trim();
  }

  // -------------------------------------------------------------------------------------
  // Sides

  value(f: Formula, p: Part): Value {
    const hit = this.values.get(p);
    if (hit) return hit;
    const v = this.computeValue(f, p);
    this.values.set(p, v);
    return v;
  }

  parser(f: Formula, items: readonly Item[], span: Span): LatexExprParser {
    return new LatexExprParser({ src: f.seg.content, names: f.names }, items, { primes: true }, span);
  }

  reader(f: Formula): ItemReader {
    return new ItemReader({ src: f.seg.content, names: f.names });
  }

  private computeValue(f: Formula, p: Part): Value {
    return this.valueOfItems(f, p.items.filter((x) => x.t !== 'gap'), p.span);
  }

  private valueOfItems(f: Formula, written: readonly Item[], span: Span): Value {
    let items = written;
    // (2x + y, x + y) \bmod 1, a column \pmod{2\pi}: a tuple reduced modulo a constant is each
    // entry reduced (a torus); a single value's remainder is the parser's (`trailingModulus`)
    const mod = items.some((x) => x.t === 'bad' && x.mod) ? this.parser(f, items, span).trailingModulus() : null;
    if (mod) {
      const head = this.valueOfItems(f, mod.head, [mod.head[0].s[0], mod.head[mod.head.length - 1].s[1]]);
      if (head.k === 'tuple' && head.bracketed) return { ...head, items: head.items.map((x) => ({ e: call('rem', x.e, mod.m), span: x.span })) };
    }
    // (…)^T, (…)^\top: a transposed row is the same tuple
    const last = items[items.length - 1];
    if (items.length >= 2 && last.t === 'sup' && TRANSPOSE.test(this.written(f, last.s).replace(/^\^/, '').replace(/\\[!,;:]/g, ''))) items = items.slice(0, -1);
    if (!items.length) return { k: 'empty' };
    const only = items.length === 1 ? items[0] : null;
    const bracketed = !!only && (only.t === 'group' && only.kind === 'paren' || only.t === 'matrix') ||
      (items[0].t === 'open' && items[items.length - 1].t === 'close');
    // \{B v : v \in V\}, \{x \mid x > 0\}: a set, which is no tuple (and no error)
    const setBody = only?.t === 'group' && only.kind === 'paren' && only.left === '{' ? this.reader(f).items(only.body, only.from ?? only.s[0])
      : items[0].t === 'open' && items[0].d === '{' && items[items.length - 1].t === 'close' ? items.slice(1, -1) : null;
    const such = setBody?.find((x) => x.t === 'rel' && (x.rel === ':' || x.rel === '\\mid'));
    if (such) return { k: 'error', err: new LatexExprError('{… : …}: a set, not a formula of a map', such.s, 'unsupported'), bracketed: false };
    // \{f(0), f(1), f(2)\}: a set listed, no tuple of components
    const listed = setBody?.find((x) => x.t === 'punct' && x.ch === ',');
    if (listed && splitItems(setBody!, (x) => x.t === 'punct' && x.ch === ',').length > 1) return { k: 'error', err: new LatexExprError('{a, b, …}: a set, not a formula of a map', listed.s, 'unsupported'), bracketed: false };
    try {
      const product = !only && items.some((x) => x.t === 'matrix') ? this.matrixProduct(f, items) : null;
      if (product) return product;
      if (only?.t === 'matrix') {
        // a column vector (n x 1) or a row vector (1 x n); anything else is a matrix
        const cells = only.cells;
        const vector = cells.length >= 1 && cells.every((r) => r.length === 1) ? cells.map((r) => r[0]) : cells.length === 1 && cells[0].length > 1 ? cells[0] : null;
        if (!vector) return { k: 'matrix' };
        // each cell is read from where the one before it ended
        let at = only.from ?? only.s[0];
        return { k: 'tuple', bracketed: true, items: vector.map((c) => { const x = this.cell(f, c, at); at = x.span[1]; return x; }) };
      }
      if (only?.t === 'group' && only.kind === 'paren' && (only.left === '(' || only.left === '[') && only.right === (only.left === '(' ? ')' : ']')) {
        return this.list(f, this.reader(f).items(only.body, only.from ?? only.s[0]), only.s, true);
      }
      if (items[0].t === 'open' && items[items.length - 1].t === 'close' && closesFirst(items)) {
        return this.list(f, items.slice(1, -1), [items[0].s[1], items[items.length - 1].s[0]], true);
      }
      return this.list(f, items, span, false);
    } catch (e) {
      if (e instanceof LatexExprError) return { k: 'error', err: e, bracketed };
      throw e;
    }
  }

  /**
   * A side written with matrices and columns: `R \begin{pmatrix} x \\ y \end{pmatrix}`,
   * `\begin{bmatrix} a & b \\ c & d \end{bmatrix}\begin{bmatrix} x \\ y \end{bmatrix} + \begin{bmatrix} 1 \\ 0 \end{bmatrix}`,
   * `r \begin{pmatrix} \cos\theta \\ \sin\theta \end{pmatrix}`: terms joined by + and -, each
   * a scalar factor (before the matrices) times a product of matrices with every entry written.
   * A column (or row) as the result is a tuple of its entries; a matrix, or sizes that do not
   * match, is a matrix value (not a map); null when the side is not of this form.
   */
  private matrixProduct(f: Formula, items: readonly Item[]): Value | null {
    const body = items[items.length - 1].t === 'punct' ? items.slice(0, -1) : items;
    const terms: Array<{ sign: 1 | -1; items: Item[] }> = [];
    let cur: Item[] = [], sign: 1 | -1 = 1;
    for (const it of body) {
      if (it.t === 'op' && (it.op === '+' || it.op === '-')) {
        if (cur.length) terms.push({ sign, items: cur });
        else if (terms.length) return null; // `+ -`
        cur = [];
        sign = it.op === '-' ? -1 : 1;
        continue;
      }
      cur.push(it);
    }
    if (!cur.length) return null;
    terms.push({ sign, items: cur });
    let total = null as Expr[][] | null;
    let acted: string[] | undefined;
    for (const t of terms) {
      const first = t.items.findIndex((x) => x.t === 'matrix');
      if (first < 0) return null;
      const tail = t.items.slice(first);
      // after the first matrix: matrices only (a \cdot between them is the same product)
      if (!tail.every((x) => x.t === 'matrix' || (x.t === 'op' && x.op === '*'))) return null;
      const scalarItems = t.items.slice(0, first).filter((x, k, all) => !(k === all.length - 1 && x.t === 'op' && x.op === '*'));
      let m: Expr[][] | null = null;
      for (const it of tail) {
        if (it.t !== 'matrix') continue;
        let at = it.from ?? it.s[0];
        const next: Expr[][] = it.cells.map((row) => row.map((c) => { const x = this.cell(f, c, at); at = x.span[1]; return x.e; }));
        if (!next.length || next.some((r) => r.length !== next[0].length)) return { k: 'matrix' };
        if (!m) { m = next; continue; }
        if (m[0].length !== next.length) return { k: 'matrix' };
        // the column of plain names the first term's matrices act on
        if (!total && it === tail[tail.length - 1] && next.every((r) => r.length === 1 && r[0].k === 'sym')) acted = next.map((r) => (r[0] as { name: string }).name);
        const left: Expr[][] = m;
        m = left.map((row) => next[0].map((_, j) => add(...row.map((a, k) => mul(a, next[k][j])))));
      }
      if (!m) return null;
      const span: Span = scalarItems.length ? [scalarItems[0].s[0], scalarItems[scalarItems.length - 1].s[1]] : [0, 0];
      const scalar = scalarItems.length ? this.parser(f, scalarItems, span).parseAll() : null;
      // \mathbf{M} \begin{bmatrix} x \\ y \\ 1 \end{bmatrix}: a bold capital before a column is a
      // matrix the note does not write out here, not a number that scales each entry
      const matrixName = scalar ? [...symbolsOf(scalar)].find((s) => f.names.vectors.has(s) && /^[A-Z]/.test(s)) : undefined;
      if (matrixName) {
        throw new LatexExprError(`${f.names.display.get(matrixName)} times a column: its entries are not written here, so this map is not read (write the components, or the entries in place)`, span, 'unreadable');
      }
      const scaled = m.map((row) => row.map((e) => {
        const v = scalar ? mul(scalar, e) : e;
        return t.sign < 0 ? neg(v) : v;
      }));
      if (total && (total.length !== scaled.length || total[0].length !== scaled[0].length)) return { k: 'matrix' };
      total = total ? total.map((row, i) => row.map((e, j) => add(e, scaled[i][j]))) : scaled;
    }
    if (!total) return null;
    const vector = total.every((r) => r.length === 1) ? total.map((r) => r[0]) : total.length === 1 ? total[0] : null;
    if (!vector) return { k: 'matrix' };
    const span: Span = [body[0].s[0], body[body.length - 1].s[1]];
    return { k: 'tuple', bracketed: true, items: vector.map((e) => ({ e, span })), ...(acted ? { acted } : {}) };
  }

  private cell(f: Formula, nodes: readonly KNode[], at: number): { e: Expr; span: Span } {
    const items = this.reader(f).items(nodes, at);
    const span: Span = items.length ? [items[0].s[0], items[items.length - 1].s[1]] : [at, at];
    return { e: this.parser(f, items, span).parseAll(), span };
  }

  private list(f: Formula, items: readonly Item[], span: Span, bracketed: boolean): Value {
    const parts = splitTop(items);
    if (parts.length === 1 && !bracketed) return { k: 'expr', e: this.parser(f, items, span).parseAll() };
    const out = parts.map((q) => {
      const s: Span = q.length ? [q[0].s[0], q[q.length - 1].s[1]] : span;
      if (!q.length) throw new LatexExprError('an empty component between commas', s);
      return { e: this.parser(f, q, s).parseAll(), span: s };
    });
    return { k: 'tuple', items: out, bracketed };
  }

  /** Each definition `lhs = … = rhs` (a defining sign first, two sides or more) of the formulas, with its left side read. */
  *definitions(formulas: readonly Formula[]): Iterable<{ readonly f: Formula; readonly st: Statement; readonly lhs: Lhs | null }> {
    for (const f of formulas) {
      for (const st of f.statements) {
        if (DEFINE.has(st.rels[0] ?? '') && st.sides.length >= 2) yield { f, st, lhs: this.lhs(f, st.sides[0]) };
      }
    }
  }

  lhs(f: Formula, p: Part): Lhs | null {
    const word = this.wordHead(f, p) ?? this.columnHead(f, p);
    if (word) return word;
    const v = this.value(f, p);
    const asName = (e: Expr): string | null => (e.k === 'sym' && !e.name.endsWith(PRIME) ? e.name : null);
    if (v.k === 'expr') {
      const e = v.e;
      if (e.k === 'sym') return e.name.endsWith(PRIME) ? { k: 'primed', base: e.name.replace(/'+$/, '') } : { k: 'name', name: e.name };
      // \sin\theta = \theta - \theta^3/6 + …, e^x = 1 + x + …, \tanh x = …: an identity or an expansion
      // of a function everybody knows, never a definition of it (nor a map)
      if (e.k === 'call' && !e.d && e.args.length === 1 && isKnownFunction(e.fn)) return null;
      if (e.k === 'call' && !e.d) {
        const params = e.args.map(asName);
        if (params.every((x): x is string => x !== null) && new Set(params).size === params.length) return { k: 'head', name: e.fn, params };
      }
      return null;
    }
    if (v.k === 'tuple') {
      const names = v.items.map((x) => asName(x.e));
      if (names.every((x): x is string => x !== null) && new Set(names).size === names.length) return { k: 'names', names };
      const primed = v.items.map((x) => (x.e.k === 'sym' && x.e.name.endsWith(PRIME) ? x.e.name.replace(/'+$/, '') : null));
      if (primed.every((x): x is string => x !== null) && new Set(primed).size === primed.length) return { k: 'primedNames', bases: primed };
    }
    return null;
  }

  /**
   * polar(r, \theta) on a left side: letters written together before parentheses name a
   * map or a helper (LaTeX would set them as a product; nobody means p·o·l·a·r(r, θ) there).
   */
  private wordHead(f: Formula, p: Part): Lhs | null {
    const items = p.items.filter((x) => x.t !== 'gap');
    let k = 0, name = '';
    // \sigma(x, y) = …: a map named like a known one-argument function (σ is the sigmoid elsewhere)
    const first = items[0];
    const known = !!first && first.t === 'id' && !first.primes && (first.name === 'sigma' || isKnownFunction(first.name));
    if (known) { name = first.name; k = 1; }
    while (!known && k < items.length) {
      const it = items[k];
      if (it.t !== 'id' || it.primes || !/^[A-Za-z]$/.test(it.name) || (k > 0 && items[k - 1].s[1] !== it.s[0])) break;
      name += it.name;
      k++;
    }
    if ((k < 2 && !known) || k >= items.length || items[k - 1].s[1] !== items[k].s[0]) return null;
    const rest = items.slice(k);
    let inner: readonly Item[] | null = null;
    const g = rest[0];
    if (rest.length === 1 && g.t === 'group' && g.kind === 'paren' && g.left === '(') inner = this.reader(f).items(g.body, g.from ?? g.s[0]);
    else if (g.t === 'open' && g.d === '(' && rest[rest.length - 1].t === 'close' && closesFirst(rest)) inner = rest.slice(1, -1);
    if (!inner) return null;
    const params: string[] = [];
    for (const q of splitTop(inner)) {
      if (q.length !== 1 || q[0].t !== 'id' || q[0].primes) return null;
      params.push(q[0].name);
    }
    if (new Set(params).size !== params.length || (known && params.length < 2)) return null;
    if (!known) f.names.display.set(name, `\\operatorname{${name}}`);
    return { k: 'head', name, params };
  }

  /**
   * T \begin{pmatrix} x \\ y \end{pmatrix} or f\left(\begin{bmatrix} x \\ y \end{bmatrix}\right) on a left
   * side: a map applied to a column of distinct plain names, as linear algebra notes write it.
   * The map's name is a capital (T, R_\alpha, Φ) or f, g, h, φ, ψ: \lambda \begin{pmatrix} x \\ y
   * \end{pmatrix} = … is an eigenvalue equation, a number times the column.
   */
  private columnHead(f: Formula, p: Part): Lhs | null {
    const items = p.items.filter((x) => x.t !== 'gap');
    const head = items[0];
    if (!head || head.t !== 'id' || head.primes || !MAP_LETTER.test(head.name)) return null;
    let rest = items.slice(1);
    const g = rest[0];
    if (rest.length === 1 && g.t === 'group' && g.kind === 'paren' && g.left === '(') rest = this.reader(f).items(g.body, g.from ?? g.s[0]).filter((x) => x.t !== 'gap');
    else if (g?.t === 'open' && g.d === '(' && rest[rest.length - 1].t === 'close' && closesFirst(rest)) rest = rest.slice(1, -1);
    const m = rest.length === 1 ? rest[0] : null;
    if (!m || m.t !== 'matrix' || m.cells.length < 2 || m.cells.some((r) => r.length !== 1)) return null;
    let at = m.from ?? m.s[0];
    const params: string[] = [];
    for (const row of m.cells) {
      const x = this.cell(f, row[0], at);
      at = x.span[1];
      if (x.e.k !== 'sym' || x.e.name.endsWith(PRIME) || params.includes(x.e.name)) return null;
      params.push(x.e.name);
    }
    return { k: 'head', name: head.name, params };
  }

  /** A tuple of distinct plain names: (u, v). */
  isNamesTuple(v: Value): v is Extract<Value, { k: 'tuple' }> {
    return v.k === 'tuple' && v.items.length >= 1 && v.items.every((x) => x.e.k === 'sym' && !x.e.name.endsWith(PRIME)) &&
      new Set(v.items.map((x) => (x.e as { name: string }).name)).size === v.items.length;
  }

  /** Functions the note calls anywhere but on the left side of their own definition. */
  calledNames(): ReadonlySet<string> {
    if (this.called) return this.called;
    const out = new Set<string>();
    for (const f of this.formulas) {
      for (const st of f.statements) {
        const defines = DEFINE.has(st.rels[0] ?? '') && this.lhs(f, st.sides[0])?.k === 'head';
        st.sides.forEach((side, i) => {
          if (defines && i === 0) return;
          const v = this.value(f, side);
          if (v.k === 'expr') callsOf(v.e, out);
          else if (v.k === 'tuple') for (const x of v.items) callsOf(x.e, out);
        });
      }
    }
    return (this.called = out);
  }

  /**
   * Functions the note applies as a change of variables, `Y = g(X)`: a call of one name that is
   * a whole right side with a name on the left; and the note's functions called in any other way.
   */
  appliedNames(): { readonly applied: ReadonlySet<string>; readonly other: ReadonlySet<string> } {
    if (this.applied) return this.applied;
    const applied = new Set<string>(), other = new Set<string>();
    for (const f of this.formulas) {
      for (const st of f.statements) {
        const lhs = DEFINE.has(st.rels[0] ?? '') ? this.lhs(f, st.sides[0]) : null;
        st.sides.forEach((side, i) => {
          if (lhs?.k === 'head' && i === 0) return;
          // w = T(z) = …: T's head in a chain that names its value first, no use of T
          if (i === 1 && st.sides.length === 3 && DEFINE.has(st.rels[1] ?? '') && (lhs?.k === 'name' || lhs?.k === 'names') && isChainHead(lhs, this.lhs(f, side))) return;
          const v = this.value(f, side);
          if (v.k === 'expr' && i === 1 && st.sides.length === 2 && lhs?.k === 'name' && v.e.k === 'call' && !v.e.d && v.e.args.length === 1 && v.e.args[0].k === 'sym') {
            applied.add(v.e.fn);
            for (const a of v.e.args) usesOf(a, other);
          } else if (v.k === 'expr') usesOf(v.e, other);
          else if (v.k === 'tuple') for (const x of v.items) usesOf(x.e, other);
        });
      }
    }
    return (this.applied = { applied, other });
  }
  private applied: { readonly applied: ReadonlySet<string>; readonly other: ReadonlySet<string> } | null = null;

  /** The note's prose speaks of a change of variables (a transformation of a random variable, a pushforward). */
  aboutChangeOfVariables(): boolean {
    return (this.changeOfVariables ??= CHANGE_OF_VARIABLES.test(this.text));
  }
  private changeOfVariables: boolean | undefined;

  constant(f: Formula, p: Part): number | null {
    const v = this.value(f, p);
    return v.k === 'expr' ? constantValue(v.e) : null;
  }
}

/**
 * The functions a formula uses, its derivatives left out: `f'(z_0)` speaks of the map f (its
 * derivative at a point), it does not use f as a helper.
 */
function usesOf(e: Expr, out: Set<string>): Set<string> {
  if (e.k === 'call' && !e.d?.length) out.add(e.fn);
  for (const c of children(e)) usesOf(c, out);
  return out;
}

/**
 * An inline formula that is a paragraph of its own: only white space (and blockquote markers)
 * between it and a blank line or the start of the note before it, and a blank line or the end
 * of the note after it (bounded looks on each side: linear).
 */
function aloneInParagraph(text: string, seg: MathSegment): boolean {
  const from = Math.max(0, seg.outerStart - 160);
  const before = text.slice(from, seg.outerStart);
  if (!(from === 0 ? /(?:^|\n[ \t>]*\n)[ \t>]*$/ : /\n[ \t>]*\n[ \t>]*$/).test(before)) return false;
  const after = text.slice(seg.outerEnd, seg.outerEnd + 160);
  return /^[ \t]*(?:\n[ \t>]*(?:\n|$)|$)/.test(after);
}

/**
 * The head in the middle of a chain that names the value first, `w = T(z) = …`, `(u, v) = F(x, y) = …`
 * (recognizers/explicit.ts); not `c = c(y) = …`, a function's value named by its own letter.
 */
export function isChainHead(first: Lhs | null, middle: Lhs | null): middle is Extract<Lhs, { k: 'head' }> {
  return middle?.k === 'head' && (first?.k === 'names' || (first?.k === 'name' && first.name !== middle.name));
}

const TRANSPOSE = /^\{?\s*(T|\\top|\\intercal|\\mathsf\{T\}|\\mathrm\{T\}|\\mathsf T|\\mathrm T)\s*\}?$/;

export function hasPrime(e: Expr): boolean {
  for (const s of symbolsOf(e)) if (s.endsWith(PRIME)) return true;
  return false;
}

/** A name as the note writes it, primes kept: u_1tok' is shown u_{1:k}'. */
export function shownName(f: Formula, name: string): string {
  const base = name.replace(/'+$/, '');
  return `${f.names.display.get(base) ?? base}${name.slice(base.length)}`;
}

/** Symbols only constants, the given parameters and `bound` names; calls known functions (and any when `anyCalls`). */
export function isConstant(e: Expr, params: ReadonlySet<string>, bound: ReadonlySet<string>, anyCalls = false): boolean {
  for (const s of symbolsOf(e)) if (!(s in CONSTANTS) && !params.has(s) && !bound.has(s)) return false;
  if (!anyCalls) for (const c of callsOf(e)) if (!isKnownFunction(c)) return false;
  return true;
}

/** Split items at top-level commas. */
export function splitTop(items: readonly Item[]): Item[][] {
  return splitItems(items, (it) => it.t === 'punct' && it.ch === ',');
}

/** The first item is an open bracket whose match is the last item. */
export function closesFirst(items: readonly Item[]): boolean {
  let depth = 0;
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    if (it.t === 'open') depth++;
    else if (it.t === 'close') { depth--; if (depth === 0) return i === items.length - 1; }
  }
  return false;
}

/**
 * Equations of systems may be mathematics the extension does not compute (θ' = θ - η∇L(θ)):
 * that is a warning; a malformed formula is an error.
 */
export const errorSeverity = (e: LatexExprError): 'error' | 'warning' | 'info' => (e.kind === 'unreadable' ? 'info' : e.kind === 'unsupported' ? 'warning' : 'error');
