/**
 * Domains in a run of display blocks (or an inline paragraph): `x \in [a, b]`,
 * `x, y \in (a, b]` and `a < x \le b`. A domain written in a formula with a map is that
 * map's; one in a formula of its own applies to the maps of the run that have the variable.
 */
import { Item } from './expr';
import { Candidate, Declined, declined } from './recognizer';
import { Formula, Reading, splitTop } from './reading';
import { Part, Statement } from './detect';
import { LatexExprError } from './expr';
import { constantValue } from '../resolve';

export interface DomainOf {
  readonly domain: Array<[number, number]>;
  readonly given: boolean[];
  readonly open: Array<[boolean, boolean]>;
}

const LESS = new Set(['<', '\\le', '\\leq', '\\leqslant', '\\lt']);

type Given = Map<string, { iv: [number, number]; open: [boolean, boolean] }>;

/** The domain of each candidate of a slice (defaults where none is written). */
export function domainsOf(reading: Reading, fs: readonly Formula[], maps: readonly Candidate[], dflt: readonly [number, number]): { domains: Map<Candidate, DomainOf>; declined: Declined[] } {
  const out: Declined[] = [];
  const domains = new Map<Candidate, DomainOf>();
  if (!maps.length) return { domains, declined: out };
  const byFormula = new Map<Formula, Given>();
  // the conditions of a piecewise map's pieces (x \in [1, 2]) are not its domain
  const conditions = new Set(maps.filter((m) => m.pieces).flatMap((m) => m.claims));
  for (const f of fs) byFormula.set(f, givenIn(reading, f, conditions, out));
  const withMaps = new Set(maps.flatMap((d) => d.formulas));
  const shared = fs.filter((f) => !withMaps.has(f));
  for (const d of maps) domains.set(d, domainOf(d.variables, [...d.formulas, ...shared], byFormula, dflt));
  return { domains, declined: out };
}

/**
 * The domain of `variables` from the intervals written in `fs` (the first formula that gives
 * a variable's wins), defaults elsewhere: a composition's (F = d \circ R \circ c, x \in [-2, 2]).
 */
export function domainIn(reading: Reading, fs: readonly Formula[], variables: readonly string[], dflt: readonly [number, number], out: Declined[]): DomainOf {
  return domainOf(variables, fs, new Map(fs.map((f) => [f, givenIn(reading, f, new Set(), out)])), dflt);
}

function domainOf(variables: readonly string[], fs: readonly Formula[], byFormula: ReadonlyMap<Formula, Given>, dflt: readonly [number, number]): DomainOf {
  const find = (v: string) => {
    for (const f of fs) { const g = byFormula.get(f)?.get(v); if (g) return g; }
    return undefined;
  };
  const found = variables.map(find);
  return {
    domain: found.map((g) => g?.iv ?? [dflt[0], dflt[1]]),
    given: found.map((g) => !!g),
    open: found.map((g) => g?.open ?? [false, false]),
  };
}

/** The intervals a formula gives its names (`x \in [a, b]`, `a < x \le b`); bad ones are declined into `out`. */
function givenIn(reading: Reading, f: Formula, conditions: ReadonlySet<Statement>, out: Declined[]): Given {
  const given: Given = new Map();
  for (const st of f.statements) {
    if (conditions.has(st)) continue;
    const where = { f, span: st.span };
    if (st.rels.length === 1 && st.rels[0] === '\\in') {
      const l = reading.lhs(f, st.sides[0]);
      const names = l?.k === 'name' ? [l.name] : l?.k === 'names' ? l.names : null;
      if (!names) continue;
      const iv = interval(reading, f, st.sides[1]);
      if (!iv) continue;
      if (typeof iv === 'string') { out.push(declined('domain.interval', iv, where, 'error', st)); continue; }
      // (a, b], ]a, b[: open ends
      const text = reading.written(f, st.sides[1].span).trim();
      const open: [boolean, boolean] = [/^(?:\\[A-Za-z]+\s*)?[(\]]/.test(text), /[)[]$/.test(text)];
      for (const n of names) given.set(n, { iv, open });
      continue;
    }
    if (st.rels.length === 2 && st.rels.every((r) => LESS.has(r))) {
      const mid = reading.lhs(f, st.sides[1]);
      if (mid?.k !== 'name') continue;
      const lo = reading.constant(f, st.sides[0]), hi = reading.constant(f, st.sides[2]);
      if (lo === null || hi === null) continue;
      if (!(lo < hi)) { out.push(declined('domain.interval', `the interval of ${reading.written(f, st.sides[1].span)} is empty: ${lo} is not below ${hi}`, where, 'error', st)); continue; }
      const strict = (r: string) => r === '<' || r === '\\lt';
      given.set(mid.name, { iv: [lo, hi], open: [strict(st.rels[0]), strict(st.rels[1])] });
    }
  }
  return given;
}

/** [a, b], (a, b), [a, b) …: the bounds, an error message, or null when it is not an interval. */
function interval(reading: Reading, f: Formula, p: Part): [number, number] | string | null {
  const items = p.items.filter((x) => x.t !== 'gap');
  let inner: readonly Item[] | null = null;
  const g = items[0];
  if (items.length === 1 && g.t === 'group' && g.kind === 'paren') inner = reading.reader(f).items(g.body, g.from ?? g.s[0]);
  else if (items.length >= 2 && items[0].t === 'open' && items[items.length - 1].t === 'close') inner = items.slice(1, -1);
  if (!inner) return null;
  const parts = splitTop(inner);
  if (parts.length !== 2) return null;
  const vals = parts.map((q) => {
    try {
      return constantValue(reading.parser(f, q, q.length ? [q[0].s[0], q[q.length - 1].s[1]] : p.span).parseAll());
    } catch (e) {
      if (e instanceof LatexExprError) return null;
      throw e;
    }
  });
  if (vals[0] === null || vals[1] === null) return 'the bounds of an interval must be numbers (\\pi and e are allowed)';
  if (!(vals[0] < vals[1])) return `the interval is empty: ${vals[0]} is not below ${vals[1]}`;
  return [vals[0], vals[1]];
}
