/**
 * The statements in a formula (where the math is in a note: `regions.ts`, re-exported here).
 *
 * Statements: a formula's rows (\\ at the top level, or the rows of an aligned / gathered /
 * cases / array environment, with what precedes the environment as a row of its own) are
 * cut into segments at top-level commas, semicolons, \quad gaps and \text{…}; a segment is
 * cut into sides at its top-level relations (=, :=, \in, <, \le, \mapsto, \to, :).
 */
import { Item, ItemReader, LatexNames, newNames } from './expr';
import { KNode, Span } from './tree';

export { LineIndex, findMath, maskMarkdown } from './regions';
export type { MathSegment } from './regions';

// ---------------------------------------------------------------------------------------
// Statements

/** A run of items with its source span. */
export interface Part {
  readonly items: readonly Item[];
  readonly span: Span;
}

export interface Statement {
  /** The sides between top-level relations. */
  readonly sides: readonly Part[];
  /** rels[i] is the relation between sides[i] and sides[i + 1] ('=', '\in', '<', '\mapsto', ':', ...). */
  readonly rels: readonly string[];
  readonly span: Span;
  /** A row that ends before an environment (f(x, y) = \begin{cases}…): its rows follow. */
  readonly beforeSystem: boolean;
  /**
   * Which part of its formula the statement is in: environments joined by an equivalence
   * (`\begin{cases}…\end{cases} \Leftrightarrow \begin{cases}…\end{cases}`, a map and its
   * inverse) are parts 0, 1, …, each a system of its own.
   */
  readonly part: number;
}

/**
 * Equivalences and implications between environments: a map and its inverse written as
 * systems (⇔), or one derived from the other (⇓, ⇒).
 */
const EQUIVALENCE = new Set(['\\Leftrightarrow', '\\Longleftrightarrow', '\\iff', '⇔', '⟺',
  '\\Downarrow', '\\Uparrow', '\\Rightarrow', '\\Longrightarrow', '⇓', '⇑', '⇒', '⟹']);

/** Relations that define (:= is read as =). */
export const DEFINE = new Set(['=', ':=', '\\coloneqq', '\\coloneq', '\\triangleq', '\\doteq', '\\equiv', '\\eqqcolon']);

const partOf = (items: readonly Item[], fallback: number): Part => ({
  items, span: items.length ? [items[0].s[0], items[items.length - 1].s[1]] : [fallback, fallback],
});

/** Rows of a formula: top-level \\ and the rows of system environments. */
function rows(reader: ItemReader, items: readonly Item[], out: Array<{ items: Item[]; beforeSystem: boolean; part: number }>, part = { n: 0 }): void {
  let cur: Item[] = [];
  let afterSystem = false;
  const flush = (beforeSystem: boolean) => { if (cur.length) out.push({ items: cur, beforeSystem, part: part.n }); cur = []; };
  for (const it of items) {
    if (it.t === 'cr') { flush(false); afterSystem = false; continue; }
    if (it.t === 'system') {
      // \{ \begin{array}… without \left: the brace of the rows, as \left\{ is
      if (cur.length && cur[cur.length - 1].t === 'open' && (cur[cur.length - 1] as { d: string }).d === '{') cur.pop();
      flush(true);
      for (const r of it.rows) rows(reader, cellsJoined(reader, r, it.from ?? it.s[0]), out, part);
      afterSystem = true;
      continue;
    }
    // an environment, ⇔, an environment: the second is a part of its own
    if (afterSystem && !cur.length && it.t === 'rel' && EQUIVALENCE.has(it.rel)) { part.n++; continue; }
    if (afterSystem && !cur.length && it.t === 'gap') continue;
    afterSystem = false;
    cur.push(it);
  }
  flush(false);
}

/**
 * A row's cells as one run of items. A cell starts an equation of its own, after one already
 * written in the row, when it holds a relation after its start (`x = r\cos\theta & y = r\sin\theta`
 * in gather, where & aligns nothing) or is a left side whose next cell starts with a relation
 * (aligned's pairs `u &= x + y & v &= x - y`): a gap is put before it, as a \quad would be.
 * Otherwise cells continue one another (`u &= x + y`, `f(x) = x^2 & x > 0` a piece and its condition).
 */
function cellsJoined(reader: ItemReader, cells: readonly (readonly KNode[])[], from: number): Item[] {
  const items: Item[][] = [];
  let cursor = from;
  for (const c of cells) {
    const xs = reader.items(c, cursor);
    items.push(xs);
    if (xs.length) cursor = xs[xs.length - 1].s[1];
  }
  const hasRel = (xs: readonly Item[]) => xs.some((x) => x.t === 'rel');
  const startsRel = (xs: readonly Item[] | undefined) => !!xs?.length && xs[0].t === 'rel';
  const out: Item[] = [];
  let equation = false;
  for (let i = 0; i < items.length; i++) {
    const xs = items[i];
    if (!xs.length) continue;
    const own = !startsRel(xs) && (hasRel(xs) || (!hasRel(xs) && startsRel(items[i + 1])));
    if (own && equation) { out.push({ t: 'gap', s: [xs[0].s[0], xs[0].s[0]] }); equation = false; }
    equation ||= hasRel(xs);
    out.push(...xs);
  }
  return out;
}

/** The statements of a formula. `names` collects the identifiers' LaTeX (see expr.ts). */
/**
 * Equations on separate source lines of one row, with no `\\` between them (`x_{n+1} = 1 - a x_n^2 + y_n`
 * newline `y_{n+1} = b x_n` in a cases block, a separator lost to Markdown): each line that holds a
 * relation after its start is an equation of its own, as a reader sees them. A line without a
 * relation, or one that starts with one (`&= …`, a chain) or with an operator (`+ c`), continues
 * the line before.
 */
function lineBreaksAsGaps(items: readonly Item[], src: string): readonly Item[] {
  const lines: Item[][] = [];
  let depth = 0;
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    const broken = i > 0 && depth === 0 && src.slice(items[i - 1].s[1], it.s[0]).includes('\n');
    if (it.t === 'open') depth++;
    else if (it.t === 'close') depth = Math.max(0, depth - 1);
    if (!lines.length || !broken) { (lines[lines.length - 1] ?? (lines[0] = [])).push(it); continue; }
    lines.push([it]);
  }
  if (lines.length < 2) return items;
  const out: Item[] = [];
  let relations = 0;
  for (const line of lines) {
    const own = line[0].t !== 'rel' && line[0].t !== 'op' && line.some((x) => x.t === 'rel');
    if (own && out.length && relations > 0) out.push({ t: 'gap', s: [line[0].s[0], line[0].s[0]] });
    if (own) relations = 0;
    relations += line.filter((x) => x.t === 'rel').length;
    out.push(...line);
  }
  return out;
}

export function statementsOf(nodes: readonly KNode[], src: string, names: LatexNames = newNames()): Statement[] {
  const reader = new ItemReader({ src, names });
  const top = reader.items(nodes, 0);
  const rowList: Array<{ items: Item[]; beforeSystem: boolean; part: number }> = [];
  rows(reader, top, rowList);
  const out: Statement[] = [];
  for (const row of rowList) {
    // segments: cut at top-level , ; \quad and \text{…}; a comma-cut piece without a relation
    // belongs to the piece before it (f(x, y) = x + y, x - y)
    const pieces: Array<{ items: Item[]; after: 'comma' | 'gap' | 'text' | 'start' }> = [];
    let cur: Item[] = [];
    let after: 'comma' | 'gap' | 'text' | 'start' = 'start';
    let depth = 0;
    const flush = (next: typeof after) => { pieces.push({ items: cur, after }); cur = []; after = next; };
    for (const it of lineBreaksAsGaps(row.items, src)) {
      if (it.t === 'open') depth++;
      else if (it.t === 'close') depth = Math.max(0, depth - 1);
      if (depth === 0 && it.t === 'punct' && (it.ch === ',' || it.ch === ';')) { flush('comma'); cur.push(it); continue; }
      if (depth === 0 && it.t === 'gap') { flush('gap'); continue; }
      if (depth === 0 && it.t === 'text') { flush('text'); continue; }
      cur.push(it);
    }
    flush('start');
    // a comma-cut piece without a relation joins the piece before it (f(x, y) = x + y, x - y),
    // or, at the start, the piece after it (x, y \in [0, 1])
    const segs: Item[][] = [];
    let pending: Item[] = [];
    for (const p of pieces) {
      if (p.after !== 'start' && isEquationNumber(p.after === 'comma' ? p.items.slice(1) : p.items, src)) continue;
      const hasRel = p.items.some((x) => x.t === 'rel');
      const body = p.after === 'comma' ? p.items.slice(1) : p.items;
      if (!hasRel && p.after !== 'text') {
        if (segs.length && pending.length === 0) segs[segs.length - 1].push(...p.items);
        else pending.push(...(pending.length ? p.items : body));
        continue;
      }
      if (body.length || pending.length) segs.push([...pending, ...(pending.length ? p.items : body)]);
      pending = [];
    }
    if (pending.length) segs.push(pending);
    for (let seg of segs) {
      // trailing punctuation (a sentence's full stop or comma)
      while (seg.length && seg[seg.length - 1].t === 'punct') seg = seg.slice(0, -1);
      if (!seg.some((x) => x.t === 'rel') && !row.beforeSystem) continue;
      const sides: Part[] = [];
      const rels: string[] = [];
      let cur: Item[] = [];
      let depth = 0;
      let at = seg[0]?.s[0] ?? 0;
      for (const x of seg) {
        if (x.t === 'open') depth++;
        else if (x.t === 'close') depth = Math.max(0, depth - 1);
        if (depth === 0 && x.t === 'rel') { sides.push(partOf(cur, at)); rels.push(x.rel); cur = []; at = x.s[1]; continue; }
        cur.push(x);
      }
      sides.push(partOf(cur, at));
      const merged = mergeColonEquals(sides, rels);
      if (!merged.sides.length) continue;
      out.push({ sides: merged.sides, rels: merged.rels, span: [seg[0].s[0], seg[seg.length - 1].s[1]], beforeSystem: row.beforeSystem, part: row.part });
    }
  }
  return out;
}

/** A hand-written equation number: (1), (2.3). */
function isEquationNumber(items: readonly Item[], src: string): boolean {
  if (!items.length) return false;
  const text = src.slice(items[0].s[0], items[items.length - 1].s[1]).replace(/\\(left|right)/g, '').replace(/\s+/g, '');
  return /^\(\d+(\.\d+)*[a-z]?\)$/.test(text);
}

/** `a : = b` (a colon, then =) is a definition a := b. */
function mergeColonEquals(sides: Part[], rels: string[]): { sides: Part[]; rels: string[] } {
  const S: Part[] = [sides[0]];
  const R: string[] = [];
  for (let i = 0; i < rels.length; i++) {
    const next = sides[i + 1];
    if (rels[i] === ':' && next.items.length === 0 && rels[i + 1] === '=') { R.push(':='); i++; S.push(sides[i + 1]); continue; }
    R.push(rels[i]);
    S.push(next);
  }
  return { sides: S, rels: R };
}
