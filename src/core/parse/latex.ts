/**
 * The LaTeX front end: maps f: R^n -> R^n written as LaTeX display math in a Markdown note.
 *
 * What is a map (docs/latex.md says the same in prose):
 *  - `f(x, y) = (…, …)`, `f(x, y) = \begin{pmatrix} … \end{pmatrix}` (any bracket, column
 *    vectors), `f\colon (x, y) \mapsto (…, …)`: n components for n distinct variables. One
 *    variable: `f(x) = \left( x^3 \right)`, or `f(x) = x^3` in display math when the note never
 *    calls f (else f is a helper).
 *  - Primed systems `z_1' = …`, `z_2' = …` in one display block or in consecutive ones (only
 *    white space between them): the primed names are the outputs, the unprimed ones the
 *    inputs; a map when every right side uses only the inputs, parameters, constants and
 *    functions. A later partial system that restates some of the outputs of the last primed
 *    map (`z_2' = z_2 \cdot 2 + 3` after `z_1' = …, z_2' = …`) is that map with those
 *    equations replaced; the others carry over.
 *  - Named outputs `u = …`, `v = …` after a head `f(x, y)` (alone, with `:` or `=`, or as
 *    `f(x, y) = (u, v)` / `(u, v) = f(x, y)`) in the same run of display blocks.
 *  - Inline math holds explicit maps only (`$f(x, y) = (…, …)$`, `\mapsto`), with domains from
 *    the inline math of the same paragraph; a wrong arity there is a mention, not an error.
 * Definitions anywhere in the note's math, inline or display: parameters `a = 0.5` (a constant
 * value) and helpers `s(u) = \tanh(a u)`. A helper applies to the maps after it (and in the
 * same run of display blocks); before it, the function stays symbolic. A parameter takes its
 * latest value above the map, else the first one below ("where a = 0.5").
 * Domains: `x \in [a, b]` or `a < x < b` (\le) in the map's run of display blocks.
 */
import { CONSTANTS, Expr, callsOf, symbolsOf } from '../math/expr';
import { isKnownFunction } from '../math/functions';
import { DEFAULT_DOMAIN, FunctionDef, ParseResult, Problem, Range, Severity, Transform } from '../model';
import { Item, ItemReader, LatexExprError, LatexExprParser, LatexNames, PRIME, newNames } from './latexExpr';
import { DEFINE, LineIndex, MathSegment, Part, Statement, findMath, maskMarkdown, statementsOf } from './latexDetect';
import { KNode, LatexSyntaxError, Span, childNodes, parseLatex } from './latexTree';
import { Environment, ResolveError, constantValue, resolveComponents } from './resolve';
import { LimitError, MAX_NESTING, describeFailure, failureCode, tooDeep } from '../limits';

export interface LatexOptions {
  readonly defaultDomain?: readonly [number, number];
}

interface Formula {
  readonly seg: MathSegment;
  readonly names: LatexNames;
  readonly statements: readonly Statement[];
  /** Index of the run of consecutive display blocks (inline formulas: -1). */
  run: number;
}

type Value =
  | { readonly k: 'expr'; readonly e: Expr }
  | { readonly k: 'tuple'; readonly items: ReadonlyArray<{ readonly e: Expr; readonly span: Span }>; readonly bracketed: boolean }
  | { readonly k: 'matrix' }
  | { readonly k: 'empty' }
  | { readonly k: 'error'; readonly err: LatexExprError; readonly bracketed: boolean };

type Lhs =
  | { readonly k: 'head'; readonly name: string; readonly params: string[] }
  | { readonly k: 'primed'; readonly base: string }
  | { readonly k: 'name'; readonly name: string }
  | { readonly k: 'names'; readonly names: string[] }
  /** (x', y') or a column of primed names. */
  | { readonly k: 'primedNames'; readonly bases: string[] };

interface Located { readonly f: Formula; readonly span: Span }

interface Draft {
  readonly kind: 'explicit' | 'primed' | 'named';
  readonly name: string | null;
  readonly nameAt: Located;
  readonly variables: string[];
  readonly raw: Expr[];
  /** Output names as written. */
  readonly outputs: string[];
  readonly parts: Located[];
  readonly formulas: Formula[];
  readonly run: number;
  /** Free symbols allowed (symbolic constants, with a warning): explicit heads only. */
  readonly lenient: boolean;
}

interface PrimedEq { readonly f: Formula; readonly st: Statement; readonly base: string; readonly e: Expr }
interface ParamDef { readonly name: string; readonly value: Expr; readonly offset: number; readonly run: number }
interface HelperDef { readonly name: string; readonly def: FunctionDef; readonly offset: number; readonly run: number }
/** Names defined beside a map in terms of its variables: r = \\sqrt{x^2 + y^2}. */
interface LocalDef { readonly name: string; readonly value: Expr; readonly run: number; readonly f: Formula }
interface Definitions { readonly params: readonly ParamDef[]; readonly helpers: readonly HelperDef[]; readonly locals: readonly LocalDef[] }

/** The depth of KaTeX's tree, without recursion (the readers below recurse on it). */
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

const docSpan = (l: Located): Span => [l.f.seg.start + l.span[0], l.f.seg.start + l.span[1]];

export function parseLatexMarkdown(text: string, opts: LatexOptions = {}): ParseResult {
  return new LatexFrontEnd(text, opts).run();
}

class LatexFrontEnd {
  private readonly problems: Problem[] = [];
  private readonly lines: LineIndex;
  private readonly formulas: Formula[] = [];
  private readonly values = new WeakMap<Part, Value>();

  constructor(private readonly text: string, private readonly opts: LatexOptions) {
    this.lines = new LineIndex(text);
  }

  private range(a: number, b: number): Range {
    return { start: this.lines.position(a), end: this.lines.position(Math.max(a, b)) };
  }

  private problem(message: string, span: Span, severity: Severity = 'error', code = 'parse'): void {
    const [a, b] = span[1] > span[0] ? span : [span[0], span[0] + 1];
    const range = this.range(a, b);
    // one diagnostic per place (a named equation is both a definition and an output)
    if (this.problems.some((p) => p.severity === severity && JSON.stringify(p.range) === JSON.stringify(range))) return;
    this.problems.push({ message, range, severity, code });
  }

  run(): ParseResult {
    const masked = maskMarkdown(this.text);
    const macros: Record<string, unknown> = {};
    let run = -1;
    let prevDisplay: MathSegment | null = null;
    for (const seg of findMath(masked)) {
      if (seg.display) {
        const adjacent = prevDisplay && /^\s*$/.test(this.text.slice(prevDisplay.outerEnd, seg.outerStart));
        if (!adjacent) run++;
        prevDisplay = seg;
      } else if (!/^\s*$/.test(seg.content)) {
        prevDisplay = null;
      }
      if (!/=|\\in\b|<|\\le|\\mapsto|\\(re)?newcommand|\\g?def|\\let/.test(seg.content)) continue;
      const names = newNames();
      // a formula may \newcommand what an earlier one defined: the later definition wins
      for (const m of seg.content.matchAll(/\\(?:re)?newcommand\s*\{?\s*(\\[A-Za-z]+)/g)) delete macros[m[1]];
      let statements: Statement[];
      try {
        const nodes = parseLatex(seg.content, macros);
        if (treeDepth(nodes) > 2 * MAX_NESTING) throw new LimitError(tooDeep('this formula', null));
        statements = statementsOf(nodes, seg.content, names);
      } catch (e) {
        if (!(e instanceof LatexSyntaxError)) {
          // one formula that cannot be read (too deep, an internal error) is said there; the others are read
          this.problem(describeFailure('This formula', e, 'read'), [seg.start, seg.end], 'error', failureCode(e));
          continue;
        }
        if (seg.display && /=/.test(seg.content)) {
          // "end of input" errors point past the last character: point at the last one
          const last = seg.content.trimEnd().length - 1;
          const at = Math.max(0, Math.min(e.offset, last));
          // an error where the formula looks like a definition (a prime or a head f(x, y) before =,
          // a tuple after it), else a warning
          const maplike = /'\s*&?\s*=|[A-Za-z}]\s*(\\left\s*)?\([^()=]*\)\s*&?\s*=|=\s*(\\left\s*)?[([]|=\s*\\begin\s*\{[pbB]?matrix\}/.test(seg.content);
          this.problem(`this formula cannot be read (${e.message}), so no map or definition in it is used`,
            [seg.start + at, seg.start + Math.min(at + e.length, last + 1)], maplike ? 'error' : 'warning');
        }
        continue;
      }
      this.formulas.push({ seg, names, statements, run: seg.display ? run : -1 });
    }

    const defs = this.definitions();
    const { params } = defs;
    const drafts = this.maps(params);
    const transforms: Transform[] = [];
    // maps without a name are f, or f_1, f_2, … in order (never a name the note gives a map)
    const anonymous = drafts.filter((d) => !d.name).length;
    const taken = new Set(drafts.map((d) => d.name));
    let k = 0;
    const fresh = (): string => {
      if (anonymous === 1 && !taken.has('f')) return 'f';
      let n: string;
      do n = `f_${++k}`; while (taken.has(n));
      return n;
    };
    for (const d of drafts) {
      const name = d.name ?? fresh();
      try {
        const t = this.build(d, name, defs);
        if (t) transforms.push(t);
      } catch (e) {
        this.problem(describeFailure(name, e), docSpan(d.nameAt), 'error', failureCode(e));
      }
    }
    return { transforms, problems: this.problems };
  }

  // -------------------------------------------------------------------------------------
  // Sides

  private value(f: Formula, p: Part): Value {
    const hit = this.values.get(p);
    if (hit) return hit;
    const v = this.computeValue(f, p);
    this.values.set(p, v);
    return v;
  }

  private parser(f: Formula, items: readonly Item[], span: Span): LatexExprParser {
    return new LatexExprParser({ src: f.seg.content, names: f.names }, items, { primes: true }, span);
  }

  private computeValue(f: Formula, p: Part): Value {
    let items = p.items.filter((x) => x.t !== 'gap');
    // (…)^T, (…)^\top: a transposed row is the same tuple
    const last = items[items.length - 1];
    if (items.length >= 2 && last.t === 'sup' && TRANSPOSE.test(this.written(f, last.s).replace(/^\^/, ''))) items = items.slice(0, -1);
    if (!items.length) return { k: 'empty' };
    const only = items.length === 1 ? items[0] : null;
    const bracketed = !!only && (only.t === 'group' && only.kind === 'paren' || only.t === 'matrix') ||
      (items[0].t === 'open' && items[items.length - 1].t === 'close');
    try {
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
      return this.list(f, items, p.span, false);
    } catch (e) {
      if (e instanceof LatexExprError) return { k: 'error', err: e, bracketed };
      throw e;
    }
  }

  private reader(f: Formula): ItemReader {
    return new ItemReader({ src: f.seg.content, names: f.names });
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

  private lhs(f: Formula, p: Part): Lhs | null {
    const word = this.wordHead(f, p);
    if (word) return word;
    const v = this.value(f, p);
    const asName = (e: Expr): string | null => (e.k === 'sym' && !e.name.endsWith(PRIME) ? e.name : null);
    if (v.k === 'expr') {
      const e = v.e;
      if (e.k === 'sym') return e.name.endsWith(PRIME) ? { k: 'primed', base: e.name.replace(/'+$/, '') } : { k: 'name', name: e.name };
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

  private written(f: Formula, span: Span): string {
    return f.seg.content.slice(span[0], span[1]).trim();
  }

  // -------------------------------------------------------------------------------------
  // Definitions: parameters (constant values) and helpers

  private definitions(): Definitions {
    const candidates: Array<{ name: string; value: Expr; offset: number; run: number; f: Formula }> = [];
    const heads: Array<{ name: string; params: string[]; body: Expr; offset: number; run: number }> = [];
    for (const f of this.formulas) {
      for (const st of f.statements) {
        if (!DEFINE.has(st.rels[0] ?? '') || st.sides.length < 2) continue;
        const lhs = this.lhs(f, st.sides[0]);
        if (!lhs || (lhs.k !== 'name' && lhs.k !== 'head')) continue;
        const rhsPart = st.sides[st.sides.length - 1];
        const v = this.value(f, rhsPart);
        const offset = f.seg.start + st.span[0];
        if (v.k === 'error') {
          // A definition-like line with a malformed right side is worth a diagnostic; notation
          // that is not a formula (\det, \sum, \partial, …) is mathematics in prose: left alone.
          if (v.err.kind === 'syntax' && f.seg.display && !v.bracketed) {
            this.problem(`${this.written(f, st.sides[0].span)} = …: ${v.err.message}`, [f.seg.start + v.err.span[0], f.seg.start + v.err.span[1]]);
          }
          continue;
        }
        const e = v.k === 'expr' ? v.e : v.k === 'tuple' && v.items.length === 1 ? v.items[0].e : null;
        if (!e || hasPrime(e)) continue;
        if (lhs.k === 'name') candidates.push({ name: lhs.name, value: e, offset, run: f.run, f });
        else heads.push({ name: lhs.name, params: lhs.params, body: e, offset, run: f.run });
      }
    }
    // parameters: constant values, possibly in terms of other parameters (to a fixed point)
    const P = new Set<string>();
    for (let changed = true; changed;) {
      changed = false;
      for (const c of candidates) {
        if (P.has(c.name)) continue;
        if (isConstant(c.value, P, new Set())) { P.add(c.name); changed = true; }
      }
    }
    const params = candidates.filter((c) => P.has(c.name) && isConstant(c.value, P, new Set()));
    // r = \sqrt{x^2 + y^2} beside a map: a name for an expression in the map's variables
    const locals = candidates.filter((c) => !P.has(c.name) && !hasPrime(c.value));
    const helpers: HelperDef[] = heads
      .filter((h) => isConstant(h.body, P, new Set(h.params), true))
      .map((h) => ({ name: h.name, def: { params: h.params, body: h.body }, offset: h.offset, run: h.run }));
    return { params, helpers, locals };
  }

  private environment(d: Draft, { params, helpers, locals }: Definitions): Environment {
    const start = Math.min(...d.parts.map((p) => docSpan(p)[0]));
    const visible = (x: { offset: number; run: number }) => x.offset < start || (x.run >= 0 && x.run === d.run);
    const functions = new Map<string, FunctionDef>();
    for (const h of helpers) if (visible(h) && !d.variables.includes(h.name)) functions.set(h.name, h.def);
    const parameters = new Map<string, Expr>();
    for (const p of params) if (visible(p) && !d.variables.includes(p.name)) parameters.set(p.name, p.value);
    for (const p of params) if (!parameters.has(p.name) && !d.variables.includes(p.name)) parameters.set(p.name, p.value);
    // local names in the map's formulas (or its run of display blocks), in terms of its variables
    const known = new Set([...d.variables, ...parameters.keys(), ...locals.map((l) => l.name)]);
    for (const l of locals) {
      const near = d.formulas.includes(l.f) || (l.run >= 0 && l.run === d.run);
      if (!near || parameters.has(l.name) || d.variables.includes(l.name)) continue;
      const uses = symbolsOf(l.value);
      if (![...uses].some((u) => d.variables.includes(u)) || ![...uses].every((u) => known.has(u) || u in CONSTANTS)) continue;
      parameters.set(l.name, l.value);
    }
    return { parameters, functions };
  }

  // -------------------------------------------------------------------------------------
  // Maps

  private maps(params: readonly ParamDef[]): Draft[] {
    const drafts: Draft[] = [];
    const runs = new Map<number, Formula[]>();
    for (const f of this.formulas) if (f.run >= 0) { const r = runs.get(f.run) ?? []; r.push(f); runs.set(f.run, r); }
    const paramNames = new Set(params.map((p) => p.name));
    let lastPrimed: Draft | null = null;
    for (const [run, fs] of runs) {
      const found: Draft[] = [];
      this.explicitMaps(run, fs, found);
      this.namedMaps(run, fs, paramNames, found);
      for (const primed of this.primedMaps(run, fs, paramNames, () => lastPrimed)) { found.push(primed); lastPrimed = primed; }
      this.domains(fs, found);
      drafts.push(...found);
    }
    // Inline formulas: an explicit definition $f(x, y) = (…, …)$ stands on its own, with the
    // domains written inline in the same paragraph. Inline mentions that are not maps (a curve
    // $\gamma(t) = (\cos t, \sin t)$, say) are prose, not mistakes: no arity diagnostics.
    let inlineRun = -2;
    for (const para of this.inlineParagraphs()) {
      const found: Draft[] = [];
      this.explicitMaps(inlineRun--, para, found, true);
      this.domains(para, found);
      drafts.push(...found);
    }
    return drafts;
  }

  /** Inline formulas grouped by paragraph (no blank line between them). */
  private inlineParagraphs(): Formula[][] {
    const groups: Formula[][] = [];
    let prev: Formula | null = null;
    for (const f of this.formulas) {
      if (f.run >= 0) continue;
      if (prev && !/\n[ \t>]*\n/.test(this.text.slice(prev.seg.outerEnd, f.seg.outerStart))) groups[groups.length - 1].push(f);
      else groups.push([f]);
      prev = f;
    }
    return groups;
  }

  private explicitMaps(run: number, fs: readonly Formula[], out: Draft[], inline = false): void {
    for (const f of fs) {
      for (const st of f.statements) {
        // f(x, y) = (…, …), possibly a chain f(x, y) = (u, v) = (…, …)
        if (DEFINE.has(st.rels[0] ?? '') && st.sides.length >= 2) {
          const lhs = this.lhs(f, st.sides[0]);
          if (lhs?.k !== 'head') continue;
          const rhs = st.sides[st.sides.length - 1];
          let v = this.value(f, rhs);
          const n = lhs.params.length;
          // f(x) = x^3 in display math is a 1-D map when nothing in the note calls f (as in
          // ```transform blocks); a function the note uses is a helper
          if (v.k === 'expr' && n === 1 && !inline && symbolsOf(v.e).has(lhs.params[0]) && !this.calledNames().has(lhs.name)) {
            v = { k: 'tuple', items: [{ e: v.e, span: rhs.span }], bracketed: true };
          }
          const at: Located = { f, span: st.sides[0].span };
          if (v.k === 'error') {
            if (v.bracketed) this.problem(`${this.written(f, st.sides[0].span)} = (…): ${v.err.message}`, [f.seg.start + v.err.span[0], f.seg.start + v.err.span[1]]);
            continue;
          }
          if (v.k !== 'tuple') continue;
          if (v.items.length === 1 && !v.bracketed) continue;
          // f(x, y) = (u, v): outputs named below (but (y, x) is a map)
          if (this.isNamesTuple(v) && v.items.some((x) => !lhs.params.includes((x.e as { name: string }).name))) continue;
          // f(\mathbf{x}) = (x_1 + x_2, x_1 - x_2): one vector variable, written by its coordinates
          const coords = n === 1 ? coordinates(lhs.params[0], v.items.map((x) => x.e)) : null;
          if (v.items.length !== n && !coords) {
            if (!inline && (v.items.length >= 2 || n >= 2)) {
              this.problem(`${this.written(f, st.sides[0].span)} has ${n} variable${n === 1 ? '' : 's'} but ${v.items.length} component${v.items.length === 1 ? '' : 's'}: a map R^n → R^n needs one component per variable`,
                [f.seg.start + rhs.span[0], f.seg.start + rhs.span[1]], 'error', 'arity');
            }
            continue;
          }
          if (v.items.some((x) => hasPrime(x.e))) {
            if (!inline) this.problem('a primed name (an output) on the right side', [f.seg.start + rhs.span[0], f.seg.start + rhs.span[1]]);
            continue;
          }
          // one variable: a map only when the component uses it (f(x) = (x^3)); else a helper
          if (n === 1 && !coords && !symbolsOf(v.items[0].e).has(lhs.params[0])) continue;
          const outputs = st.sides.length > 2 ? this.outputNames(f, st.sides[1]) : null;
          out.push({
            kind: 'explicit', name: lhs.name, nameAt: at, variables: coords ?? lhs.params, raw: v.items.map((x) => x.e),
            outputs: outputs ?? [], parts: [{ f, span: st.span }], formulas: [f], run, lenient: true,
          });
          continue;
        }
        // (x, y) \mapsto (…, …), optionally named: f\colon (x, y) \mapsto (…)
        const m = st.rels.indexOf('\\mapsto');
        if (m >= 0) {
          const left = this.value(f, st.sides[m]);
          const right = this.value(f, st.sides[m + 1]);
          const vars = left.k === 'tuple' && this.isNamesTuple(left) ? left.items.map((x) => (x.e as { name: string }).name)
            : left.k === 'expr' && left.e.k === 'sym' && !left.e.name.endsWith(PRIME) ? [left.e.name] : null;
          if (!vars || new Set(vars).size !== vars.length) continue;
          if (right.k === 'error') { this.problem(`… \\mapsto …: ${right.err.message}`, [f.seg.start + right.err.span[0], f.seg.start + right.err.span[1]]); continue; }
          const comps = right.k === 'tuple' ? right.items.map((x) => x.e) : right.k === 'expr' ? [right.e] : null;
          if (!comps) continue;
          if (comps.length !== vars.length) {
            if (!inline) this.problem(`${vars.length} variable${vars.length === 1 ? '' : 's'} but ${comps.length} component${comps.length === 1 ? '' : 's'}: a map R^n → R^n needs one component per variable`,
              [f.seg.start + st.sides[m + 1].span[0], f.seg.start + st.sides[m + 1].span[1]], 'error', 'arity');
            continue;
          }
          let name: string | null = null;
          if (m >= 1 && st.rels[m - 1] === ':') {
            const l = this.lhs(f, st.sides[m - 1]);
            if (l?.k === 'name') name = l.name;
          }
          out.push({
            kind: 'explicit', name, nameAt: { f, span: st.sides[Math.max(0, m - (name ? 1 : 0))].span }, variables: vars, raw: comps,
            outputs: [], parts: [{ f, span: st.span }], formulas: [f], run, lenient: true,
          });
        }
      }
    }
  }

  private called: Set<string> | null = null;

  /** Functions the note calls anywhere but on the left side of their own definition. */
  private calledNames(): Set<string> {
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

  private isNamesTuple(v: Value): boolean {
    return v.k === 'tuple' && v.items.length >= 1 && v.items.every((x) => x.e.k === 'sym' && !x.e.name.endsWith(PRIME)) &&
      new Set(v.items.map((x) => (x.e as { name: string }).name)).size === v.items.length;
  }

  private outputNames(f: Formula, p: Part): string[] | null {
    const v = this.value(f, p);
    if (v.k !== 'tuple') return null;
    return v.items.map((x) => this.written(f, x.span));
  }

  /** A head f(x, y) followed by named equations u = …, v = … in the same run. */
  private namedMaps(run: number, fs: readonly Formula[], paramNames: ReadonlySet<string>, out: Draft[]): void {
    type Eq = { f: Formula; st: Statement; name: string };
    type Head = { f: Formula; st: Statement; name: string; params: string[]; outputs: string[] | null; at: Span; eqs: Eq[] };
    const heads: Head[] = [];
    const loose: Eq[] = [];
    for (const f of fs) {
      for (const st of f.statements) {
        const first = this.lhs(f, st.sides[0]);
        const define = DEFINE.has(st.rels[0] ?? '') || st.rels[0] === ':';
        // f(x, y) alone, f(x, y): or f(x, y) = (before an environment)
        if (first?.k === 'head' && (st.sides.length === 1 || (define && this.value(f, st.sides[1]).k === 'empty' && st.sides.length === 2))) {
          heads.push({ f, st, name: first.name, params: first.params, outputs: null, at: st.sides[0].span, eqs: [] });
          continue;
        }
        if (first?.k === 'head' && define && st.sides.length >= 2) {
          const v = this.value(f, st.sides[1]);
          if (this.isNamesTuple(v) && v.k === 'tuple' && v.items.some((x) => !first.params.includes((x.e as { name: string }).name)) &&
            (st.sides.length === 2 || !this.isNamesTuple(this.value(f, st.sides[st.sides.length - 1])))) {
            if (st.sides.length === 2) heads.push({ f, st, name: first.name, params: first.params, outputs: v.items.map((x) => (x.e as { name: string }).name), at: st.sides[0].span, eqs: [] });
            continue;
          }
        }
        if (first?.k === 'names' && define && st.sides.length === 2) {
          const second = this.lhs(f, st.sides[1]);
          if (second?.k === 'head') { heads.push({ f, st, name: second.name, params: second.params, outputs: first.names, at: st.sides[1].span, eqs: [] }); continue; }
        }
        if (first?.k === 'name' && DEFINE.has(st.rels[0] ?? '') && st.sides.length >= 2 && !paramNames.has(first.name)) {
          const eq = { f, st, name: first.name };
          if (heads.length) heads[heads.length - 1].eqs.push(eq); else loose.push(eq);
        }
      }
    }
    for (const h of heads) {
      const n = h.params.length;
      let eqs = h.eqs;
      if (h.outputs) {
        const wanted = h.outputs;
        eqs = wanted.map((w) => h.eqs.find((e) => e.name === w) ?? loose.find((e) => e.name === w)).filter((e): e is Eq => !!e);
        if (eqs.length !== wanted.length) continue; // the outputs are not defined here
      }
      eqs = eqs.filter((e) => !h.params.includes(e.name));
      if (!eqs.length) continue;
      const where: Span = [h.f.seg.start + h.at[0], h.f.seg.start + h.at[1]];
      if (eqs.length !== n) {
        this.problem(`${this.written(h.f, h.at)} has ${n} variable${n === 1 ? '' : 's'} but ${eqs.length} named output${eqs.length === 1 ? '' : 's'} follow${eqs.length === 1 ? 's' : ''}: a map R^n → R^n needs one output per variable`, where, 'error', 'arity');
        continue;
      }
      const raw: Expr[] = [];
      let ok = true;
      for (const e of eqs) {
        const v = this.value(e.f, e.st.sides[e.st.sides.length - 1]);
        if (v.k === 'error') { this.problem(`${e.name} = …: ${v.err.message}`, [e.f.seg.start + v.err.span[0], e.f.seg.start + v.err.span[1]], severityOf(v.err)); ok = false; continue; }
        if (v.k !== 'expr' || hasPrime(v.e)) { ok = false; continue; }
        raw.push(v.e);
      }
      if (!ok) continue;
      const formulas = [...new Set([h.f, ...eqs.map((e) => e.f)])];
      out.push({
        kind: 'named', name: h.name, nameAt: { f: h.f, span: h.at }, variables: h.params, raw,
        outputs: eqs.map((e) => e.f.names.display.get(e.name) ?? e.name),
        parts: [{ f: h.f, span: h.st.span }, ...eqs.map((e) => ({ f: e.f, span: e.st.span }))], formulas, run, lenient: false,
      });
    }
  }

  /**
   * The primed equations of a run, as systems: the equations of one display block belong
   * together, and blocks join when one uses the variables of another (z_2' = … t(z_1) joins
   * z_1' = z_1). Each system is a map, an update of the last primed map, or nothing.
   */
  private *primedMaps(run: number, fs: readonly Formula[], paramNames: ReadonlySet<string>, last: () => Draft | null): Generator<Draft> {
    const eqs: PrimedEq[] = [];
    const failed = new Set<string>();
    // formulas with an equation reported below: their other equations are not a map on their own
    const failedIn = new Set<Formula>();
    for (const f of fs) {
      for (const st of f.statements) {
        if (!DEFINE.has(st.rels[0] ?? '') || st.sides.length < 2) continue;
        const lhs = this.lhs(f, st.sides[0]);
        if (lhs?.k !== 'primed' && lhs?.k !== 'primedNames') continue;
        const bases = lhs.k === 'primed' ? [lhs.base] : lhs.bases;
        const rhs = st.sides[st.sides.length - 1];
        const v = this.value(f, rhs);
        const at = (s: Span): Span => [f.seg.start + s[0], f.seg.start + s[1]];
        const lhsText = lhs.k === 'primed' ? this.written(f, st.sides[0].span) : `(${bases.map((b) => `${f.names.display.get(b) ?? b}'`).join(', ')})`;
        const exprs = v.k === 'expr' && bases.length === 1 ? [v.e] : v.k === 'tuple' && bases.length > 1 && v.items.length === bases.length ? v.items.map((x) => x.e) : null;
        if (!exprs) {
          bases.forEach((b) => failed.add(b));
          failedIn.add(f);
          if (v.k === 'error') this.problem(`${lhsText} = …: ${v.err.message}${/matrix/.test(v.err.message) ? ' (matrix products are not read: write the components)' : ''}`, at(v.err.span), severityOf(v.err));
          else if (v.k === 'tuple' || v.k === 'matrix') {
            this.problem(bases.length === 1 ? `${lhsText}: write one equation per component (z_1' = …, z_2' = …)` : `${lhsText}: ${bases.length} outputs but ${v.k === 'tuple' ? v.items.length : 'a matrix of'} values`, at(rhs.span), 'error', 'arity');
          }
          continue;
        }
        if (exprs.some(hasPrime)) {
          bases.forEach((b) => failed.add(b));
          failedIn.add(f);
          this.problem('a primed name (an output) on the right side', at(rhs.span));
          continue;
        }
        bases.forEach((base, k) => {
          const dup = eqs.findIndex((x) => x.base === base);
          if (dup >= 0) {
            this.problem(`${base}' is defined twice here; the last definition is used`, at(st.span), 'warning', 'duplicate');
            eqs.splice(dup, 1);
          }
          eqs.push({ f, st, base, e: exprs[k] });
        });
      }
    }
    // union-find: same block, or one uses the other's variable
    const parent = eqs.map((_, i) => i);
    const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
    const unite = (i: number, j: number) => { parent[find(i)] = find(j); };
    eqs.forEach((a, i) => eqs.forEach((b, j) => {
      if (i < j && (a.f === b.f || symbolsOf(a.e).has(b.base) || symbolsOf(b.e).has(a.base))) unite(i, j);
    }));
    const groups = new Map<number, PrimedEq[]>();
    eqs.forEach((x, i) => { const r = find(i); groups.set(r, [...(groups.get(r) ?? []), x]); });
    for (const g of groups.values()) {
      // a system that misses an equation reported above is left alone
      if (g.some((x) => failedIn.has(x.f) || [...symbolsOf(x.e)].some((v) => failed.has(v)))) continue;
      const d = this.primedSystem(run, g, paramNames, last());
      if (d) yield d;
    }
  }

  private primedSystem(run: number, eqs: readonly PrimedEq[], paramNames: ReadonlySet<string>, last: Draft | null): Draft | null {
    const inputs = eqs.map((x) => x.base);
    const known = (s: string, vars: readonly string[]) => vars.includes(s) || paramNames.has(s) || s in CONSTANTS;
    const uses = new Set<string>();
    for (const x of eqs) for (const s of symbolsOf(x.e)) uses.add(s);
    const formulas = [...new Set(eqs.map((x) => x.f))];
    const parts = eqs.map((x) => ({ f: x.f, span: x.st.span }));
    const outputsOf = (list: readonly PrimedEq[]) => list.map((x) => `${x.f.names.display.get(x.base) ?? x.base}${PRIME}`);
    // an update of the last primed map: a proper subset of its outputs, in its variables
    if (last && inputs.length < last.variables.length && inputs.every((v) => last.variables.includes(v)) &&
      [...uses].every((s) => known(s, last.variables))) {
      const raw = last.variables.map((v, i) => eqs.find((x) => x.base === v)?.e ?? last.raw[i]);
      return {
        kind: 'primed', name: null, nameAt: { f: eqs[0].f, span: eqs[0].st.sides[0].span }, variables: [...last.variables], raw,
        outputs: last.outputs, parts, formulas: [...new Set([...formulas, ...last.formulas])], run, lenient: false,
      };
    }
    const unknown = [...uses].filter((s) => !known(s, inputs));
    if (unknown.length) {
      const first = eqs.find((x) => symbolsOf(x.e).has(unknown[0]))!;
      const shown = unknown.map((s) => first.f.names.display.get(s) ?? s);
      this.problem(
        `not read as a map: ${shown.join(', ')} ${unknown.length === 1 ? 'is neither an input (it has no equation ' + shown[0] + "' = …)" : 'are neither inputs'} nor a defined parameter`,
        [first.f.seg.start + first.st.span[0], first.f.seg.start + first.st.span[1]], 'info', 'incomplete');
      return null;
    }
    return {
      kind: 'primed', name: null, nameAt: { f: eqs[0].f, span: eqs[0].st.sides[0].span }, variables: inputs, raw: eqs.map((x) => x.e),
      outputs: outputsOf(eqs), parts, formulas, run, lenient: false,
    };
  }

  /**
   * x \in [a, b], a < x < b, x, y \in [a, b] in the run: the domain of its maps. A domain
   * written in a formula with a map is that map's; one in a formula of its own applies to the
   * maps of the run that have the variable.
   */
  private domains(fs: readonly Formula[], drafts: Draft[]): void {
    if (!drafts.length) return;
    const dflt = this.opts.defaultDomain ?? DEFAULT_DOMAIN;
    type Given = Map<string, { iv: [number, number]; open: [boolean, boolean] }>;
    const byFormula = new Map<Formula, Given>();
    for (const f of fs) {
      const given: Given = new Map();
      byFormula.set(f, given);
      for (const st of f.statements) {
        const where: Span = [f.seg.start + st.span[0], f.seg.start + st.span[1]];
        if (st.rels.length === 1 && st.rels[0] === '\\in') {
          const l = this.lhs(f, st.sides[0]);
          const names = l?.k === 'name' ? [l.name] : l?.k === 'names' ? l.names : null;
          if (!names) continue;
          const iv = this.interval(f, st.sides[1]);
          if (!iv) continue;
          if (typeof iv === 'string') { this.problem(iv, where, 'error', 'domain'); continue; }
          // (a, b], ]a, b[: open ends
          const text = this.written(f, st.sides[1].span).trim();
          const open: [boolean, boolean] = [/^(?:\\[A-Za-z]+\s*)?[(\]]/.test(text), /[)[]$/.test(text)];
          for (const n of names) given.set(n, { iv, open });
          continue;
        }
        if (st.rels.length === 2 && st.rels.every((r) => LESS.has(r))) {
          const mid = this.lhs(f, st.sides[1]);
          if (mid?.k !== 'name') continue;
          const lo = this.constant(f, st.sides[0]), hi = this.constant(f, st.sides[2]);
          if (lo === null || hi === null) continue;
          if (!(lo < hi)) { this.problem(`the interval of ${this.written(f, st.sides[1].span)} is empty: ${lo} is not below ${hi}`, where, 'error', 'domain'); continue; }
          const strict = (r: string) => r === '<' || r === '\\lt';
          given.set(mid.name, { iv: [lo, hi], open: [strict(st.rels[0]), strict(st.rels[1])] });
        }
      }
    }
    const withMaps = new Set(drafts.flatMap((d) => d.formulas));
    const shared = fs.filter((f) => !withMaps.has(f));
    for (const d of drafts) {
      const find = (v: string) => {
        for (const f of [...d.formulas, ...shared]) { const g = byFormula.get(f)?.get(v); if (g) return g; }
        return undefined;
      };
      const found = d.variables.map(find);
      const dd = d as Draft & { domain?: Array<[number, number]>; domainGiven?: boolean[]; domainOpen?: Array<[boolean, boolean]> };
      dd.domain = found.map((g) => g?.iv ?? [dflt[0], dflt[1]]);
      dd.domainGiven = found.map((g) => !!g);
      dd.domainOpen = found.map((g) => g?.open ?? [false, false]);
    }
  }

  private constant(f: Formula, p: Part): number | null {
    const v = this.value(f, p);
    return v.k === 'expr' ? constantValue(v.e) : null;
  }

  /** [a, b], (a, b), [a, b) …: the bounds, an error message, or null when it is not an interval. */
  private interval(f: Formula, p: Part): [number, number] | string | null {
    const items = p.items.filter((x) => x.t !== 'gap');
    let inner: readonly Item[] | null = null;
    const g = items[0];
    if (items.length === 1 && g.t === 'group' && g.kind === 'paren') inner = this.reader(f).items(g.body, g.from ?? g.s[0]);
    else if (items.length >= 2 && items[0].t === 'open' && items[items.length - 1].t === 'close') inner = items.slice(1, -1);
    if (!inner) return null;
    const parts = splitTop(inner);
    if (parts.length !== 2) return null;
    const vals = parts.map((q) => {
      try {
        return constantValue(this.parser(f, q, q.length ? [q[0].s[0], q[q.length - 1].s[1]] : p.span).parseAll());
      } catch (e) {
        if (e instanceof LatexExprError) return null;
        throw e;
      }
    });
    if (vals[0] === null || vals[1] === null) return 'the bounds of an interval must be numbers (\\pi and e are allowed)';
    if (!(vals[0] < vals[1])) return `the interval is empty: ${vals[0]} is not below ${vals[1]}`;
    return [vals[0], vals[1]];
  }

  // -------------------------------------------------------------------------------------
  // Transforms

  private build(d: Draft, name: string, defs: Definitions): Transform | null {
    const spans = d.parts.map(docSpan);
    const start = Math.min(...spans.map((s) => s[0])), end = Math.max(...spans.map((s) => s[1]));
    const where = this.range(start, end);
    const at = docSpan(d.nameAt);
    const env = this.environment(d, defs);
    let resolved;
    try {
      resolved = resolveComponents(d.raw, d.variables, env);
    } catch (e) {
      if (e instanceof ResolveError) { this.problem(e.message, [start, end], 'error', 'resolve'); return null; }
      throw e;
    }
    if (resolved.freeSymbols.length && !d.lenient) return null;
    for (const s of resolved.freeSymbols) {
      this.problems.push({
        message: `${s} has no value: it is treated as a symbolic constant. Define it in the note ($${s} = 1$) to preview the map`,
        range: where, severity: 'warning', code: 'free-symbol',
      });
    }
    // the user's LaTeX for every name: the map's own formulas first, then the rest of the note
    const display: Record<string, string> = {};
    for (const f of [...d.formulas, ...this.formulas]) {
      for (const [k, v] of f.names.display) if (!(k in display)) display[k] = v;
    }
    const used = new Set<string>([...d.variables, name, ...env.parameters.keys()]);
    for (const c of resolved.components) { symbolsOf(c, used); callsOf(c, used); }
    for (const k of Object.keys(display)) if (!used.has(k)) delete display[k];
    if (!(name in display) && /^f_\d+$/.test(name)) display[name] = name.replace(/_(\d+)$/, '_{$1}');
    // vectors: written bold or with an arrow, or every variable when ⊙ is used
    const elementwise = d.formulas.some((f) => f.names.ops.has('odot'));
    const vectors = d.variables.filter((v) => elementwise || d.formulas.some((f) => f.names.vectors.has(v)));
    const dd = d as Draft & { domain?: Array<[number, number]>; domainGiven?: boolean[]; domainOpen?: Array<[boolean, boolean]> };
    const dflt = this.opts.defaultDomain ?? DEFAULT_DOMAIN;
    return {
      name,
      variables: d.variables,
      components: resolved.components,
      parameters: Object.fromEntries(env.parameters),
      helpers: env.functions.size ? Object.fromEntries(env.functions) : undefined,
      freeSymbols: resolved.freeSymbols,
      unknownFunctions: resolved.unknownFunctions,
      domain: dd.domain ?? d.variables.map(() => [dflt[0], dflt[1]] as [number, number]),
      domainGiven: dd.domainGiven ?? d.variables.map(() => false),
      ...(dd.domainOpen ? { domainOpen: dd.domainOpen } : {}),
      range: where,
      nameRange: this.range(at[0], at[1]),
      notation: 'latex',
      display,
      outputs: d.outputs.length ? d.outputs : undefined,
      block: vectors.length ? { vectors } : undefined,
    };
  }
}

/**
 * Equations of systems may be mathematics the extension does not compute (θ' = θ - η∇L(θ)):
 * that is a warning; a malformed formula is an error. Explicit maps f(x, y) = (…) are errors.
 */
const severityOf = (e: LatexExprError): Severity => (e.kind === 'unsupported' ? 'warning' : 'error');

const TRANSPOSE = /^\{?\s*(T|\\top|\\intercal|\\mathsf\{T\}|\\mathrm\{T\}|\\mathsf T|\\mathrm T)\s*\}?$/;
const LESS = new Set(['<', '\\le', '\\leq', '\\leqslant', '\\lt']);

function hasPrime(e: Expr): boolean {
  for (const s of symbolsOf(e)) if (s.endsWith(PRIME)) return true;
  return false;
}

/** Symbols only constants, the given parameters and `bound` names; calls known functions (and any when `anyCalls`). */
function isConstant(e: Expr, params: ReadonlySet<string>, bound: ReadonlySet<string>, anyCalls = false): boolean {
  for (const s of symbolsOf(e)) if (!(s in CONSTANTS) && !params.has(s) && !bound.has(s)) return false;
  if (!anyCalls) for (const c of callsOf(e)) if (!isKnownFunction(c)) return false;
  return true;
}

/**
 * The coordinates x1…xn (or x0…x(n-1)) of a vector variable x when n components use them and
 * not x itself; else null.
 */
function coordinates(x: string, comps: readonly Expr[]): string[] | null {
  const n = comps.length;
  if (n < 2) return null;
  const used = new Set<string>();
  for (const c of comps) symbolsOf(c, used);
  if (used.has(x)) return null;
  const indexed = [...used].map((s) => new RegExp(`^${x}(\\d+)$`).exec(s)).filter((m): m is RegExpExecArray => !!m).map((m) => Number(m[1]));
  if (!indexed.length) return null;
  const base = Math.min(...indexed) === 0 ? 0 : 1;
  if (indexed.some((k) => k < base || k >= base + n)) return null;
  return Array.from({ length: n }, (_, k) => `${x}${k + base}`);
}

/** Split items at top-level commas. */
function splitTop(items: readonly Item[]): Item[][] {
  const out: Item[][] = [[]];
  let depth = 0;
  for (const it of items) {
    if (it.t === 'open') depth++;
    else if (it.t === 'close') depth = Math.max(0, depth - 1);
    if (depth === 0 && it.t === 'punct' && it.ch === ',') { out.push([]); continue; }
    out[out.length - 1].push(it);
  }
  return out;
}

/** The first item is an open bracket whose match is the last item. */
function closesFirst(items: readonly Item[]): boolean {
  let depth = 0;
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    if (it.t === 'open') depth++;
    else if (it.t === 'close') { depth--; if (depth === 0) return i === items.length - 1; }
  }
  return false;
}
