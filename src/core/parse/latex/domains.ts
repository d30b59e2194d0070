/**
 * Domains in a run of display blocks (or an inline paragraph): `x \in [a, b]`,
 * `x, y \in (a, b]` and `a < x \le b`. A domain written in a formula with a map is that
 * map's; one in a formula of its own applies to the maps of the run that have the variable.
 */
import { Candidate, Declined, declined } from './recognizer';
import { Formula, Reading, splitTop } from './reading';
import { Span } from './tree';
import { formatNumber } from '../../format';
import { Statement } from './detect';
import { Item, LatexExprError, splitItems } from './expr';
import { constantValue } from '../resolve';

export interface DomainOf {
  readonly domain: Array<[number, number]>;
  readonly given: boolean[];
  readonly open: Array<[boolean, boolean]>;
  /** Where the domain was read when not from the map's own run, and windows shown of unbounded ends: said in `assumed`. */
  readonly said?: string;
}

const LESS = new Set(['<', '\\le', '\\leq', '\\leqslant', '\\lt']);
const MORE = new Set(['>', '\\ge', '\\geq', '\\geqslant', '\\gt']);
const STRICT = new Set(['<', '>', '\\lt', '\\gt']);

/** An interval as written; `unbounded`: the ends the note leaves open to infinity (r > 0, (0, \infty)), shown as a window. */
interface Iv { iv: [number, number]; open: [boolean, boolean]; unbounded: [boolean, boolean]; written: string }
type Given = Map<string, Iv>;

/** The domain of each candidate of a slice (defaults where none is written). */
export function domainsOf(reading: Reading, fs: readonly Formula[], maps: readonly Candidate[], dflt: readonly [number, number]): { domains: Map<Candidate, DomainOf>; declined: Declined[] } {
  const out: Declined[] = [];
  const domains = new Map<Candidate, DomainOf>();
  if (!maps.length) return { domains, declined: out };
  const byFormula = new Map<Formula, Given>();
  // the conditions of a piecewise map's pieces (x \in [1, 2]) are not its domain
  const conditions = new Set(maps.filter((m) => m.pieces).flatMap((m) => m.claims));
  for (const f of fs) byFormula.set(f, givenIn(reading, f, conditions, out, dflt));
  const withMaps = new Set(maps.flatMap((d) => d.formulas));
  const shared = fs.filter((f) => !withMaps.has(f));
  for (const d of maps) {
    // a display map: then the inline math of the prose next to it ("for $r > 0$, $0 \le \theta < 2\pi$");
    // what is wrong there is said where that paragraph is read
    // then the prose after the last display of its section ("and back:", the inverse, "with $s > 0$ …")
    const prose = d.formulas.every((f) => f.seg.display) ? [...reading.inlineAround(d.formulas), ...reading.inlineAfterSection(d.formulas)] : [];
    for (const f of prose) if (!byFormula.has(f)) byFormula.set(f, givenIn(reading, f, conditions, [], dflt));
    const dom = domainOf(d.variables, [...d.formulas, ...shared, ...prose], byFormula, dflt, new Set(prose));
    domains.set(d, d.formulas.every((f) => f.seg.display) && dom.given.some((g) => !g) ? withWorded(reading, d, dom) : dom);
  }
  return { domains, declined: out };
}

/** Words between the names and the interval of a domain said in prose ("chosen from the uniform distribution on"). */
const DOMAIN_WORDS = /^(?:in|on|over|from|within|inside|are|is|be|both|each|all|the|a|of|and|independent(?:ly)?|iid|i\.i\.d\.|uniform(?:ly)?|distributed|distribution|random|variables?|numbers?|samples?|values?|drawn|sampled|chosen|taken|picked|\\sim|\\in|∈|~|Uniform|Unif|U|\\mathcal\{U\})$/;
const NUMBER = /^-?\d+(?:\.\d+)?$/;

/**
 * A domain said in the prose next to a display map, for names it gives none: the variables
 * (written as in the map, in inline math or plain) followed, within a few words of the
 * kind above, by an interval of numbers: "for $u_1, u_2$ in $(0, 1)$", "$U_1$ and $U_2$, chosen
 * from the uniform distribution on (0, 1)", "$U_1, U_2 \sim \text{Uniform}(0,1)$". Said in `assumed`.
 */
function withWorded(reading: Reading, d: Candidate, dom: DomainOf): DomainOf {
  const f0 = d.formulas[0];
  const bare = (t: string) => t.replace(/\\(?:text|mathrm|operatorname)\b|[\s{}$]/g, '');
  const byWritten = new Map(d.variables.map((v) => [bare(f0.names.display.get(v) ?? v), v] as const));
  const first = d.formulas.reduce((a, b) => (b.seg.outerStart < a.seg.outerStart ? b : a)), last = d.formulas.reduce((a, b) => (b.seg.outerEnd > a.seg.outerEnd ? b : a));
  const { before, after } = reading.proseAround(first, last);
  const found = new Map<string, { iv: [number, number]; open: [boolean, boolean]; written: string }>();
  for (const [a, b] of [before, after]) {
    // tokens: names (x, U_1, u_{2}, \theta_1), numbers, brackets, commas, words (linear scan)
    const tokens = [...reading.text.slice(a, b).replace(/\\(?:text|mathrm)\{([^{}$]*)\}/g, '$1').matchAll(/\\?[A-Za-z][A-Za-z.]*(?:_\{?[A-Za-z0-9]+\}?)?|-?\d+(?:\.\d+)?|[()[\],.;:∈~]/g)].map((m) => m[0]);
    for (let i = 0; i + 4 < tokens.length + 1; i++) {
      // an interval (a, b) / [a, b] of numbers at i
      const [o, lo, comma, hi, c] = tokens.slice(i, i + 5);
      if (!(o === '(' || o === '[') || !NUMBER.test(lo ?? '') || comma !== ',' || !NUMBER.test(hi ?? '') || !(c === ')' || c === ']') || !(+lo < +hi)) continue;
      // back over the words, then the names joined by commas and "and"
      let k = i - 1;
      for (let w = 0; k >= 0 && w < 10 && DOMAIN_WORDS.test(tokens[k]) && !byWritten.has(bare(tokens[k])); k--, w++);
      const names: string[] = [];
      for (const stop = Math.max(-1, k - 4 * d.variables.length); k > stop; k--) {
        const v = byWritten.get(bare(tokens[k]));
        if (v) { names.push(v); continue; }
        if (tokens[k] === ',' || tokens[k] === 'and') continue;
        break;
      }
      for (const v of names) if (!found.has(v)) found.set(v, { iv: [+lo, +hi], open: [o === '(', c === ')'], written: `${o}${lo}, ${hi}${c}` });
    }
  }
  const fill = d.variables.map((v, i) => (!dom.given[i] ? found.get(v) : undefined));
  if (!fill.some(Boolean)) return dom;
  const said = [...new Set(fill.flatMap((x, i) => (x ? [`${d.variables[i]} in ${x.written}`] : [])))];
  return {
    domain: dom.domain.map((x, i) => fill[i]?.iv ?? x),
    given: dom.given.map((g, i) => g || !!fill[i]),
    open: dom.open.map((x, i) => fill[i]?.open ?? x),
    said: [dom.said, `domain ${said.join(', ')} read from the words next to the formula`].filter(Boolean).join('; '),
  };
}

/**
 * The domain of `variables` from the intervals written in `fs` (the first formula that gives
 * a variable's wins), defaults elsewhere: a composition's (F = d \circ R \circ c, x \in [-2, 2]).
 */
export function domainIn(reading: Reading, fs: readonly Formula[], variables: readonly string[], dflt: readonly [number, number], out: Declined[]): DomainOf {
  return domainOf(variables, fs, new Map(fs.map((f) => [f, givenIn(reading, f, new Set(), out, dflt)])), dflt);
}

function domainOf(variables: readonly string[], fs: readonly Formula[], byFormula: ReadonlyMap<Formula, Given>, dflt: readonly [number, number], prose: ReadonlySet<Formula> = new Set()): DomainOf {
  const fromProse = new Set<string>();
  const find = (v: string) => {
    for (const f of fs) {
      const g = byFormula.get(f)?.get(v);
      if (g) { if (prose.has(f)) fromProse.add(g.written); return g; }
    }
    return undefined;
  };
  const found = variables.map(find);
  const said: string[] = [];
  if (fromProse.size) said.push(`domain ${[...fromProse].join(', ')} read from the text next to the formula`);
  const windows = variables.flatMap((v, i) => {
    const g = found[i];
    if (!g || !(g.unbounded[0] || g.unbounded[1])) return [];
    return [`${v} on ${g.open[0] ? '(' : '['}${formatNumber(g.iv[0])}, ${formatNumber(g.iv[1])}${g.open[1] ? ')' : ']'}`];
  });
  if (windows.length) said.push(`unbounded, shown (and checked) ${windows.join(', ')}`);
  return {
    domain: found.map((g) => g?.iv ?? [dflt[0], dflt[1]]),
    given: found.map((g) => !!g),
    open: found.map((g) => g?.open ?? [false, false]),
    ...(said.length ? { said: said.join('; ') } : {}),
  };
}

/**
 * The bounds of an interval with ends that may be unbounded: a window as wide as the default
 * domain from the bounded end (r > 0: [0, 2] with the default [-2, 2]; r > 5: [5, 9]), or a millionth
 * of the bound where that width would not move it (r > 10^33).
 */
function windowOf(lo: number | null, hi: number | null, dflt: readonly [number, number]): [number, number] {
  const w = dflt[1] - dflt[0];
  // a bound so large that the default width does not move it (r > 10^33): a width in proportion to it
  const width = (x: number) => (x + w !== x && x - w !== x ? w : Math.abs(x) * 1e-6);
  const finite = (x: number) => Math.max(-Number.MAX_VALUE, Math.min(Number.MAX_VALUE, x));
  if (lo !== null && hi !== null) return [lo, hi];
  if (lo !== null) return [lo, lo < dflt[1] ? dflt[1] : finite(lo + width(lo))];
  if (hi !== null) return [hi > dflt[0] ? dflt[0] : finite(hi - width(hi)), hi];
  return [dflt[0], dflt[1]];
}

/**
 * The intervals a formula gives its names (`x \\in [a, b]`, `(r, \\theta) \\in (0, \\infty) \\times [0, 2\\pi)`,
 * `a < x \\le b`, `r > 0`); bad ones are declined into `out`.
 */
function givenIn(reading: Reading, f: Formula, conditions: ReadonlySet<Statement>, out: Declined[], dflt: readonly [number, number]): Given {
  const given: Given = new Map();
  for (const st of f.statements) {
    if (conditions.has(st)) continue;
    const where = { f, span: st.span };
    const written = reading.written(f, st.span);
    if (st.rels.length === 1 && st.rels[0] === '\\in') {
      const l = reading.lhs(f, st.sides[0]);
      const names = l?.k === 'name' ? [l.name] : l?.k === 'names' ? l.names : null;
      if (!names) continue;
      // one interval for every name, or a product of one per name
      const factors = splitItems(st.sides[1].items.filter((x) => x.t !== 'gap'), (x) => x.t === 'op' && x.label === '\\times');
      if (factors.length !== 1 && factors.length !== names.length) continue;
      const ivs = factors.map((items) => interval(reading, f, items, st.sides[1].span, dflt));
      const bad = ivs.find((x): x is string => typeof x === 'string');
      if (bad) { out.push(declined('domain.interval', bad, where, 'error', st)); continue; }
      if (ivs.some((x) => !x)) continue;
      names.forEach((n, i) => given.set(n, { ...(ivs[factors.length === 1 ? 0 : i] as Omit<Iv, 'written'>), written }));
      continue;
    }
    if (st.rels.length === 2 && st.rels.every((r) => LESS.has(r))) {
      const mid = reading.lhs(f, st.sides[1]);
      if (mid?.k !== 'name') continue;
      const lo = reading.constant(f, st.sides[0]), hi = reading.constant(f, st.sides[2]);
      if (lo === null || hi === null) continue;
      if (!(lo < hi)) { out.push(declined('domain.interval', `the interval of ${reading.written(f, st.sides[1].span)} is empty: ${lo} is not below ${hi}`, where, 'error', st)); continue; }
      given.set(mid.name, { iv: [lo, hi], open: [STRICT.has(st.rels[0]), STRICT.has(st.rels[1])], unbounded: [false, false], written });
      continue;
    }
    // one bound: r > 0, 0 < r, \\rho \\ge 1, t < 5 (the other end unbounded, shown as a window)
    if (st.rels.length === 1 && (LESS.has(st.rels[0]) || MORE.has(st.rels[0]))) {
      const l = reading.lhs(f, st.sides[0]), r = reading.lhs(f, st.sides[1]);
      const nameFirst = l?.k === 'name';
      const name = nameFirst ? l : r?.k === 'name' ? r : null;
      const c = reading.constant(f, st.sides[nameFirst ? 1 : 0]);
      if (!name || name.k !== 'name' || c === null) continue;
      // x > c or c < x: a lower bound
      const lower = MORE.has(st.rels[0]) === nameFirst;
      const strict = STRICT.has(st.rels[0]);
      given.set(name.name, {
        iv: windowOf(lower ? c : null, lower ? null : c, dflt), open: lower ? [strict, false] : [false, strict],
        unbounded: lower ? [false, true] : [true, false], written,
      });
    }
  }
  return given;
}

/**
 * [a, b], (a, b), [a, b), (0, \\infty) …: the bounds (an unbounded end shown as a window of
 * the default's width), an error message, or null when it is not an interval.
 */
function interval(reading: Reading, f: Formula, items: readonly Item[], span: Span, dflt: readonly [number, number]): Omit<Iv, 'written'> | string | null {
  let inner: readonly Item[] | null = null;
  const g = items[0];
  if (items.length === 1 && g.t === 'group' && g.kind === 'paren') inner = reading.reader(f).items(g.body, g.from ?? g.s[0]);
  else if (items.length >= 2 && items[0].t === 'open' && items[items.length - 1].t === 'close') inner = items.slice(1, -1);
  if (!inner) return null;
  const parts = splitTop(inner);
  if (parts.length !== 2) return null;
  // \\infty, +\\infty, -\\infty: an unbounded end
  const infinite = (q: readonly Item[]) => {
    const text = q.length ? f.seg.content.slice(q[0].s[0], q[q.length - 1].s[1]).replace(/\s+/g, '') : '';
    return /^[+-]?\\infty$/.test(text) ? (text.startsWith('-') ? -1 : 1) : 0;
  };
  const ends = parts.map(infinite);
  const vals = parts.map((q, i) => {
    if (ends[i]) return null;
    try {
      return constantValue(reading.parser(f, q, q.length ? [q[0].s[0], q[q.length - 1].s[1]] : span).parseAll());
    } catch (e) {
      if (e instanceof LatexExprError) return null;
      throw e;
    }
  });
  if ((vals[0] === null && ends[0] !== -1) || (vals[1] === null && ends[1] !== 1)) return 'the bounds of an interval must be numbers (\\pi and e are allowed, and \\infty at an open end)';
  // \\mathbb{R} written as (-\\infty, \\infty) says nothing about where to look
  if (vals[0] === null && vals[1] === null) return null;
  if (vals[0] !== null && vals[1] !== null && !(vals[0] < vals[1])) return `the interval is empty: ${vals[0]} is not below ${vals[1]}`;
  // (a, b], ]a, b[: open ends
  const text = f.seg.content.slice(items[0].s[0], items[items.length - 1].s[1]).trim();
  const open: [boolean, boolean] = [/^(?:\\[A-Za-z]+\s*)?[(\]]/.test(text) && vals[0] !== null, /[)[]$/.test(text) && vals[1] !== null];
  return { iv: windowOf(vals[0], vals[1], dflt), open, unbounded: [vals[0] === null, vals[1] === null] };
}
