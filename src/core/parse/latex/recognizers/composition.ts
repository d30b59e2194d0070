/**
 * composition: a flow F = f_K ∘ … ∘ f_1 of maps the note defines.
 *
 *     F = d \circ R \circ c                     layers c, R, d (c applied first)
 *     F_\theta := f_3 \circ f_2 \circ f_1       any name, := as =
 *     F = f_K \circ \dots \circ f_1             an ellipsis between indexed names (K: a
 *                                               parameter of the note, else the last of
 *                                               f_1, f_2, … the note defines)
 *     F(x, y) = d \circ R \circ c(x, y)         applied to F's variables
 *     F(x) = d(R(c(x)))                         nested calls of F's variables (x may stand
 *                                               for all the first layer's variables)
 *
 * The recognizer only reads the chain; which names are maps is known after every other
 * form is read, so `composeFound` (called last by decide.ts) builds the compositions: a
 * chain with ∘ whose layers the note does not define at all is mathematics about flows
 * (z_K = f_K ∘ … ∘ f_1(z_0)), kept quiet; one with some layers undefined is a warning at
 * the missing name; nested calls are a composition only when every name is a map (they
 * replace the one-variable reading of F(x) = d(R(c(x))) then).
 */
import { Expr } from '../../../math/expr';
import { ComposeError, composeTransform } from '../../../compose';
import { CompositionLayer, Range, Severity, Transform, rangeKey } from '../../../model';
import { ChainError, readChain } from '../../composition';
import { DEFINE, Statement } from '../detect';
import type { Item } from '../expr';
import type { Definitions } from '../definitions';
import { CompositionFinding, Declined, Finding, Recognizer, Slice, declined } from '../recognizer';
import { domainIn } from '../domains';
import { Formula, Located, Reading, docSpan } from '../reading';
import type { Span } from '../tree';
import type { SliceFindings } from '../decide';

const CIRC = new Set(['\\circ', '∘']);
const ELLIPSIS = new Set(['\\dots', '\\cdots', '\\ldots', '\\dotsb', '\\dotso', '...', '…', '⋯']);

export const composition: Recognizer = {
  name: 'composition',
  scope: 'statement',
  inline: true,
  *recognize(slice: Slice, reading: Reading): Iterable<Finding> {
    for (const f of slice.formulas) {
      for (const st of f.statements) {
        if (!DEFINE.has(st.rels[0] ?? '') || st.sides.length !== 2) continue;
        const lhs = reading.lhs(f, st.sides[0]);
        if (lhs?.k !== 'name' && lhs?.k !== 'head') continue;
        const params = lhs.k === 'head' ? lhs.params : null;
        const items = st.sides[1].items.filter((x) => x.t !== 'gap');
        const chain = circChain(reading, f, items, params) ?? (params ? callChain(reading, f, st, items, params) : null);
        if (!chain) continue;
        const dots = chain.layers.map((l) => l.name === '…');
        const stray = dots.findIndex((d, i) => d && (i === 0 || i === dots.length - 1 || dots[i + 1]));
        if (stray >= 0) {
          yield declined('composition.ellipsis', 'an ellipsis in a composition stands between two layers of one stem, as f_K \\circ \\dots \\circ f_1', chain.layers[stray].at, 'warning', st);
          continue;
        }
        yield {
          kind: 'composition', form: 'composition', name: lhs.name, nameAt: { f, span: st.sides[0].span },
          params, layers: chain.layers, op: chain.op, statement: st, rhs: { f, span: st.sides[1].span }, formula: f, run: slice.run,
        };
      }
    }
  },
  examples: [
    { note: '$$ c(x, y) = (x, y + x^2) $$\n$$ R(u, v) = (v, u) $$\n$$ F = R \\circ c $$', composes: ['c', 'R'] },
    { note: '$$ c(x, y) = (x, y + x^2) $$\n$$ R(u, v) = (v, u) $$\n$$ F(x, y) = R(c(x, y)) $$', composes: ['c', 'R'] },
    { note: '$$ F = f_3 \\circ \\dots \\circ f_1 $$', composes: ['f1', '…', 'f3'] },
    { note: '$$ F = f_3 \\circ \\dots $$', declines: 'ellipsis' },
  ],
};

/** A layer's name: one identifier, or letters written together (perm); null otherwise. */
function nameOf(items: readonly Item[]): string | null {
  if (!items.length || items.some((x) => x.t !== 'id' || x.primes)) return null;
  if (items.length === 1) return (items[0] as { name: string }).name;
  for (let i = 1; i < items.length; i++) if (items[i - 1].s[1] !== items[i].s[0] || !/^[A-Za-z]$/.test((items[i] as { name: string }).name)) return null;
  return items.map((x) => (x as { name: string }).name).join('');
}

/** The names of `params` as an argument list `( x , y )`, at the end of `items`: the index where it starts, or -1. */
function appliedTo(items: readonly Item[], params: readonly string[]): number {
  const want = params.length * 2 + 1;
  if (items.length < want + 1) return -1;
  const tail = items.slice(items.length - want);
  if (tail[0].t !== 'open' || tail[tail.length - 1].t !== 'close') return -1;
  for (let i = 0; i < params.length; i++) {
    const it = tail[1 + 2 * i];
    if (it.t !== 'id' || it.name !== params[i]) return -1;
    if (i < params.length - 1 && (tail[2 + 2 * i].t !== 'punct' || (tail[2 + 2 * i] as { ch: string }).ch !== ',')) return -1;
  }
  return items.length - want;
}

/** `d \circ R \circ c`, possibly applied to F's variables: layers outermost first ('…' for an ellipsis). */
function circChain(reading: Reading, f: Formula, items: readonly Item[], params: readonly string[] | null): { layers: CompositionFinding['layers']; op: 'circ' } | null {
  const isCirc = (x: Item) => x.t === 'bad' && CIRC.has(reading.written(f, x.s));
  if (!items.some(isCirc)) return null;
  let body = items;
  if (params) {
    const k = appliedTo(items, params);
    if (k < 0) return null;
    body = items.slice(0, k);
  }
  const layers: Array<{ name: string; at: Located }> = [];
  let start = 0;
  // each part's source runs from the ∘ before it to the ∘ after it (KaTeX gives \dots no width)
  let from = body.length ? body[0].s[0] : 0;
  for (let i = 0; i <= body.length; i++) {
    if (i < body.length && !isCirc(body[i])) continue;
    const to = i < body.length ? body[i].s[0] : body[body.length - 1].s[1];
    let raw = f.seg.content.slice(from, to);
    // a last \\dots has no width either: read it from the source
    if (i === body.length && !raw.trim()) raw = /^\s*(\\[lc]?dots[bo]?|\.\.\.|…|⋯)/.exec(f.seg.content.slice(from))?.[0] ?? raw;
    const lead = raw.length - raw.trimStart().length;
    const span: Span = [from + lead, from + lead + raw.trim().length];
    const name = nameOf(body.slice(start, i)) ?? (ELLIPSIS.has(raw.trim()) ? '…' : null);
    if (!name) return null;
    layers.push({ name, at: { f, span } });
    start = i + 1;
    if (i < body.length) from = body[i].s[1];
  }
  return layers.length >= 2 ? { layers, op: 'circ' } : null;
}

/** `d(R(c(x, y)))` with the innermost arguments F's variables: layers outermost first. */
function callChain(reading: Reading, f: Formula, st: Statement, items: readonly Item[], params: readonly string[]): { layers: CompositionFinding['layers']; op: 'call' } | null {
  const v = reading.value(f, st.sides[1]);
  if (v.k !== 'expr') return null;
  const names: string[] = [];
  let e: Expr = v.e;
  while (e.k === 'call' && !e.d && e.args.length === 1 && e.args[0].k === 'call') { names.push(e.fn); e = e.args[0]; }
  if (e.k !== 'call' || e.d) return null;
  names.push(e.fn);
  if (names.length < 2 || e.args.length !== params.length || !e.args.every((a, i) => a.k === 'sym' && a.name === params[i])) return null;
  // where each name is written: the identifiers just before an opening parenthesis, in order
  const spans: Span[] = [];
  for (let i = 0; i + 1 < items.length && spans.length < names.length; i++) if (items[i].t === 'id' && items[i + 1].t === 'open') spans.push(items[i].s);
  if (spans.length !== names.length) return null;
  return { layers: names.map((name, i) => ({ name, at: { f, span: spans[i] } })), op: 'call' };
}

type Say = (message: string, span: Span, severity: Severity, code: string) => void;

/** What decide.ts lends the compositions. */
export interface ComposeContext {
  /** A helper of one variable as a map R -> R (the nearest before `offset`, else the first), or undefined. */
  readonly oneVariable: (name: string, offset: number) => Transform | undefined;
  readonly defaultDomain: readonly [number, number];
}

/**
 * decide.ts's last step: the compositions among the findings, built from the maps decided
 * (`transforms`, which it extends in place; a later composition may compose an earlier one).
 */
export function composeFound(reading: Reading, defs: Definitions, slices: readonly SliceFindings[], transforms: Transform[], say: Say, ctx: ComposeContext): void {
  // the maps by name and by statement: each composition looks its layers up, it does not scan every map
  const index = new MapIndex(transforms);
  for (const { slice, findings } of slices) {
    // formulas that hold no map: their intervals may be the composition's domain
    const busy = new Set(findings.flatMap((x) => (x.kind === 'candidate' ? x.formulas : x.kind === 'composition' ? [x.formula] : [])));
    const free = slice.formulas.filter((f) => !busy.has(f));
    for (const c of findings) {
      if (c.kind !== 'composition') continue;
      const where = docSpan({ f: c.formula, span: c.statement.span });
      const range = reading.range(where[0], where[1]);
      // the one-variable reading of F(x) = d(R(c(x))) (explicit's), replaced when this stands
      const replaced = index.at(c.name, range);
      const maps: Maps = { has: (name) => !!index.nearest(name, 0, replaced), nearest: (name, offset) => index.nearest(name, offset, replaced) };
      let names: Array<{ name: string; at: Located }>;
      try {
        names = expand(c.layers, maps, defs);
      } catch (e) {
        if (!(e instanceof ChainError)) throw e;
        // an ellipsis nobody can count is prose unless some layer is a map
        if (c.layers.some((l) => maps.has(l.name))) say(e.message, docSpan(c.rhs), 'warning', 'compose');
        continue;
      }
      // a layer: a map of the note, else a helper of one variable (h(t) = t + \tanh(t)/2)
      const found = names.map((l) => {
        const t = maps.nearest(l.name, where[0]);
        return t ? { l, t, helper: false } : { l, t: ctx.oneVariable(l.name, where[0]), helper: true };
      });
      const missing = found.filter((x) => !x.t);
      // nested calls of helpers alone (K(x) = h(h(x))) stay a helper's value unless F is a map already
      if (!missing.length && c.op === 'call' && found.every((x) => x.helper || x.t!.variables.length === 1) && !replaced.length) continue;
      if (missing.length) {
        // some layers are maps: say which are not; none: mathematics about flows
        if (c.op === 'circ' && missing.length < found.length) {
          const m = missing[0].l;
          say(`${m.name} is not a map defined in this note, so ${c.name} = ${chainText(names)} is not composed: define it, as ${m.name}(x, y) = (…, …)`, docSpan(m.at), 'warning', 'compose');
        }
        continue;
      }
      const layers: CompositionLayer[] = [];
      for (const { l, t } of found.reverse()) {
        if (t!.composition) layers.push(...t!.composition.layers); else layers.push({ name: l.name, transform: t! });
      }
      const n = Math.max(...layers.map((l) => l.transform.variables.length));
      try {
        const t = composeTransform({
          name: c.name, layers, variables: c.params && c.params.length === n ? c.params : undefined,
          range, nameRange: reading.range(...docSpan(c.nameAt)), notation: 'latex',
        });
        const display = c.formula.names.display.get(c.name);
        let out: Transform = display && !(t.display && c.name in t.display) ? { ...t, display: { ...t.display, [c.name]: display } } : t;
        // its own domain: intervals in its formula, or in a formula of its run that holds no map
        const declined: Declined[] = [];
        const own = domainIn(reading, [c.formula, ...free], out.variables, ctx.defaultDomain, declined);
        for (const d of declined) say(d.message, d.span, d.severity, 'domain');
        if (own.given.some((g) => g)) {
          out = {
            ...out,
            domain: own.domain.map((iv, i) => (own.given[i] ? iv : out.domain[i])),
            domainGiven: own.given.map((g, i) => g || out.domainGiven[i]),
            domainOpen: own.open.map((o, i) => (own.given[i] ? o : out.domainOpen?.[i] ?? [false, false])),
          };
        }
        for (const r of replaced) index.remove(r);
        index.add(out);
      } catch (e) {
        if (!(e instanceof ComposeError)) throw e;
        say(e.message, docSpan(c.rhs), 'error', 'compose');
      }
    }
  }
  // the maps in their order, those replaced left out, the compositions after them
  transforms.length = 0;
  for (const t of index.inOrder()) transforms.push(t);
}

/** The maps a composition may use (every map but the reading it replaces), by name. */
interface Maps {
  readonly has: (name: string) => boolean;
  /** The map named `name` defined nearest before `offset` (else the first one after it). */
  readonly nearest: (name: string, offset: number) => Transform | undefined;
}

/**
 * The maps decided so far, by name (each name's in document order) and by statement (name and
 * range), in the order they were added: a note composing thousands of times looks each layer
 * up by bisection instead of scanning every map.
 */
class MapIndex {
  private readonly named = new Map<string, Transform[]>();
  private readonly placed = new Map<string, Transform[]>();
  private readonly order = new Set<Transform>();

  constructor(all: readonly Transform[]) { for (const t of all) this.add(t); }

  add(t: Transform): void {
    this.order.add(t);
    const same = this.named.get(t.name) ?? [];
    this.named.set(t.name, same);
    // after the ones at or before its place: equal places keep the order they were added in
    const k = offsetOf(t);
    let lo = 0, hi = same.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (offsetOf(same[mid]) <= k) lo = mid + 1; else hi = mid; }
    same.splice(lo, 0, t);
    const key = placeKey(t.name, t.range);
    const here = this.placed.get(key);
    if (here) here.push(t); else this.placed.set(key, [t]);
  }

  remove(t: Transform): void {
    this.order.delete(t);
    const same = this.named.get(t.name) ?? [];
    same.splice(same.indexOf(t), 1);
    const key = placeKey(t.name, t.range);
    this.placed.set(key, (this.placed.get(key) ?? []).filter((x) => x !== t));
  }

  /** The maps named `name` at `range` (a reading of the same statement). */
  at(name: string, range: Range): readonly Transform[] {
    return this.placed.get(placeKey(name, range)) ?? [];
  }

  /** The map named `name` nearest before `offset`, else the first one after it; never one of `skip`. */
  nearest(name: string, offset: number, skip: readonly Transform[]): Transform | undefined {
    const same = this.named.get(name) ?? [];
    let lo = 0, hi = same.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (offsetOf(same[mid]) < offset) lo = mid + 1; else hi = mid; }
    for (let i = lo - 1; i >= 0; i--) if (!skip.includes(same[i])) return same[i];
    return same.find((t) => !skip.includes(t));
  }

  inOrder(): Iterable<Transform> { return this.order; }
}

const placeKey = (name: string, r: Range): string => `${name}@${rangeKey(r)}`;

/** The chain as written, outermost first. */
const chainText = (names: ReadonlyArray<{ name: string }>): string => names.map((l) => l.name).join(' ∘ ');

const offsetOf = (t: Transform): number => t.range.start.line * 1e6 + t.range.start.character;

/**
 * Ellipses expanded: f_3 ∘ … ∘ f_1 gives f3, f2, f1; f_K ∘ … ∘ f_1 reads K from the note's
 * parameters, else from the maps it defines (f1, f2, … up to the last one in a row).
 */
function expand(layers: CompositionFinding['layers'], maps: Maps, defs: Definitions): Array<{ name: string; at: Located }> {
  const named = layers.map((l, i) => {
    const m = /^(.+?)_([A-Za-z])$/.exec(l.name);
    const nextToEllipsis = layers[i - 1]?.name === '…' || layers[i + 1]?.name === '…';
    if (!m || !nextToEllipsis) return l;
    const k = countOf(m[1], m[2], maps, defs);
    return k === null ? l : { name: `${m[1]}${k}`, at: l.at };
  });
  if (!named.some((l) => l.name === '…')) return named;
  // the ellipsis logic of the line-oriented front ends, on the names laid out as text
  let text = '';
  const at: Array<{ from: number; l: { name: string; at: Located } }> = [];
  for (const l of named) {
    if (text) text += ' ∘ ';
    at.push({ from: text.length, l });
    text += l.name;
  }
  const place = (from: number) => { let j = 0; while (j + 1 < at.length && at[j + 1].from <= from) j++; return at[j].l.at; };
  const chain = readChain(text);
  return chain ? chain.names.map((n) => ({ name: n.name, at: place(n.from) })) : named;
}

/** K in f_K: the note's parameter K when it is a whole number, else the last of stem1, stem2, … defined. */
function countOf(stem: string, symbol: string, maps: Maps, defs: Definitions): number | null {
  const p = defs.params.find((x) => x.name === symbol);
  if (p) return p.value.k === 'num' && Number.isInteger(p.value.v) && p.value.v >= 1 ? p.value.v : null;
  let k = 0;
  while (k < 64 && maps.has(`${stem}${k + 1}`)) k++;
  return k >= 1 ? k : null;
}
