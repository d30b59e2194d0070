/**
 * The note's definitions, inline or display: parameters (`a = 0.5`, a constant value,
 * possibly in terms of other parameters), helpers (`s(u) = \tanh(a u)`) and local names
 * beside a map (`r = \sqrt{x^2 + y^2}`), and the environment each map sees.
 *
 * Scope: a parameter takes its latest value above the map, else the first one below it in the
 * map's section or its where-clause ("where a = 0.5"; `Reading.inScope`): a value given only in a
 * later section is not the map's (said in `assumed`); a helper applies to the maps after it and in the same section (runs of display
 * blocks with at most a sentence between; before it, the function stays symbolic); a local applies
 * in its own formula or section.
 */
import { Expr, add, call, callsOf, someExpr, sym, symbolsOf } from '../../math/expr';
import { dict } from '../../limits';
import type { FunctionDef } from '../../model';
import type { Environment } from '../resolve';
import { DEFINE, Part, Statement } from './detect';
import { PRIME } from './expr';
import { Candidate, Declined, declined } from './recognizer';
import { Formula, Reading, docSpan, hasPrime, isConstant } from './reading';
import { Directive, directiveBefore } from './directive';
import { conditionExprs } from '../../math/condition';

/** Where a definition is: document offset and section (reading.ts: runs with at most a sentence between; inline -1). */
interface Placed { readonly offset: number; readonly section: number }
export interface ParamDef extends Placed { readonly name: string; readonly value: Expr; readonly f: Formula }
export interface HelperDef extends Placed {
  readonly name: string;
  readonly def: FunctionDef;
  /** Where it is written: its formula and statement (a helper of one variable may be a layer of a flow). */
  readonly f: Formula;
  readonly statement: Statement;
}
/** Names defined beside a map in terms of its variables: r = \\sqrt{x^2 + y^2}. */
export interface LocalDef extends Placed { readonly name: string; readonly value: Expr; readonly f: Formula }

export interface Definitions {
  readonly params: readonly ParamDef[];
  readonly helpers: readonly HelperDef[];
  readonly locals: readonly LocalDef[];
  /** The names of the parameters. */
  readonly parameterNames: ReadonlySet<string>;
  /** What the note says about a formula in a comment right before it (directive.ts). */
  readonly directives: ReadonlyMap<Formula, Directive>;
}

/**
 * An inline formula right after "at", "near", "around" or "point(s)", or after other inline
 * formulas joined to such a one by "and", "or" and commas ("singular points at $r = 0$ and
 * $\theta = 0$ or $\theta = \pi$", "the singular point $r = 0$"): a point, not a value.
 */
function atPoint(text: string, f: Formula): boolean {
  if (f.seg.display) return false;
  // a bounded window: the test is linear in the note
  const before = text.slice(Math.max(0, f.seg.outerStart - 160), f.seg.outerStart);
  return /\b(?:at|near|around|points?)\s*(?:\$[^$]{0,60}\$\s*(?:(?:,|\band\b|\bor\b)\s*)?)*$/i.test(before);
}

/** The definitions of a note, and the definition-like statements that cannot be read. */
export function definitionsOf(reading: Reading): { defs: Definitions; declined: Declined[] } {
  const out: Declined[] = [];
  const candidates: LocalDef[] = [];
  const heads: Array<Placed & { name: string; params: string[]; body: Expr; f: Formula; statement: Statement }> = [];
  const directives = new Map<Formula, Directive>();
  for (const f of reading.formulas) {
    const d = directiveBefore(reading, f);
    if (d.directive) directives.set(f, d.directive);
    if (d.problem) out.push({ kind: 'declined', reason: 'directive.syntax', message: d.problem.message, span: d.problem.span, severity: 'warning' });
    for (const st of f.statements) {
      if (!DEFINE.has(st.rels[0] ?? '') || st.sides.length < 2) continue;
      let lhs = reading.lhs(f, st.sides[0]);
      // \xi' = \xi'(y) = …: a name given as a value of y, primes and all
      const chained = lhs?.k === 'primed' && st.sides.length >= 3 && isChainOf(reading, f, st.sides[1], lhs.base, primesOf(reading, f, st.sides[0]));
      if (chained && lhs?.k === 'primed') lhs = { k: 'name', name: lhs.base + PRIME.repeat(primesOf(reading, f, st.sides[0])) };
      // r^2 = x^2 + y^2: r is the square root (a length, r ≥ 0)
      const squared = !lhs && st.sides.length === 2 ? squaredName(reading, f, st.sides[0]) : null;
      if (squared) lhs = { k: 'name', name: squared };
      if (!lhs || (lhs.k !== 'name' && lhs.k !== 'head')) continue;
      const read = reading.value(f, st.sides[st.sides.length - 1]);
      const v = squared && read.k === 'expr' ? { ...read, e: call('sqrt', read.e) } : read;
      const offset = f.seg.start + st.span[0];
      if (v.k === 'error') {
        // A definition-like line with a malformed right side is worth a diagnostic; notation
        // that is not a formula (\det, \sum, \partial, …) is mathematics in prose: left alone.
        if (v.err.kind === 'syntax' && f.seg.display && !v.bracketed) {
          out.push(declined('definition.syntax', `${reading.written(f, st.sides[0].span)} = …: ${v.err.message}`, { f, span: v.err.span }, 'error', st));
        }
        continue;
      }
      // u = (0.5, 0.2): the entries u_1, u_2 of a vector of numbers, for a map written in them
      if (lhs.k === 'name' && v.k === 'tuple' && !v.acted) {
        const entries = tupleEntries(reading, f, lhs.name, v.items.map((x) => x.e));
        for (const [name, value] of entries) candidates.push({ name, value, offset: f.seg.start + st.span[0], section: f.section, f });
        if (entries.length) continue;
      }
      const e = v.k === 'expr' ? v.e : v.k === 'tuple' && v.items.length === 1 ? v.items[0].e : null;
      // primes on a right side are outputs, except in a chain a = a(y) = … (s_k' there is a name)
      const isChain = chained || (lhs.k === 'name' && st.sides.length >= 3 && isChainOf(reading, f, st.sides[1], lhs.name, 0));
      if (!e || (hasPrime(e) && !isChain)) continue;
      // "singular at $r = 0$", "near $x = 1$": a point named in the prose, not a value of the name
      if (lhs.k === 'name' && isConstant(e, new Set(), new Set()) && atPoint(reading.text, f)) continue;
      // v = v\hat{x} (a vector by its length: bold and plain names meet), x = x(u, v) (what x
      // depends on), x = 1 + y - a x^2 (a step): a name in its own value gives it no value
      if (lhs.k === 'name' && (symbolsOf(e).has(lhs.name) || callsOf(e).has(lhs.name))) continue;
      // \Gamma(s) = (s - 1)\Gamma(s - 1), h(t + 1) = 2h(t): a function in terms of itself is a
      // recurrence or a functional equation it satisfies, not its definition
      if (lhs.k === 'head' && callsOf(e).has(lhs.name)) continue;
      if (lhs.k === 'name') candidates.push({ name: lhs.name, value: e, offset, section: f.section, f });
      else heads.push({ name: lhs.name, params: lhs.params, body: e, offset, section: f.section, f, statement: st });
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
  const locals = candidates.filter((c) => !P.has(c.name));
  const helpers: HelperDef[] = heads
    .filter((h) => isConstant(h.body, P, new Set(h.params), true))
    .map((h) => ({ name: h.name, def: { params: h.params, body: h.body }, offset: h.offset, section: h.section, f: h.f, statement: h.statement }));
  return { defs: { params, helpers, locals, parameterNames: new Set(params.map((p) => p.name)), directives }, declined: out };
}

/**
 * The entries of a vector of numbers given whole (u = (0.5, 0.2) or a column): u1 = 0.5,
 * u2 = 0.2, as a map written in u_1, u_2 reads them. Counted from 1, unless the note writes
 * the name with index 0 (then there is no telling, and none is given). Not a point named in the
 * prose ("at $p = (1, 2)$"), nor a name with an index of its own, nor more than 9 entries.
 */
function tupleEntries(reading: Reading, f: Formula, name: string, items: readonly Expr[]): Array<[string, Expr]> {
  if (!/^[A-Za-z]+$/.test(name) || items.length < 2 || items.length > 9) return [];
  if (!items.every((e) => isConstant(e, new Set(), new Set()))) return [];
  if (atPoint(reading.text, f) || zeroIndexed(reading, name)) return [];
  return items.map((e, i) => [`${name}${i + 1}`, e]);
}

/** Does the note write `name_0` (or `name_{0}`) anywhere (one scan per note and name)? */
function zeroIndexed(reading: Reading, name: string): boolean {
  let names = zeroIndexedNames.get(reading);
  if (!names) {
    names = new Set<string>();
    for (const m of reading.text.matchAll(/(?<![A-Za-z\\])([A-Za-z]+)_\{?0(?![0-9])/g)) names.add(m[1]);
    zeroIndexedNames.set(reading, names);
  }
  return names.has(name);
}
const zeroIndexedNames = new WeakMap<Reading, Set<string>>();

/**
 * The parameters, helpers and local names a candidate sees:
 *  - parameters with a value (`a = 0.5`): the latest above the map (or in its section), else the first below
 *    in its scope (its section or where-clause; `later` holds the names whose only values are past it);
 *  - local names in terms of its variables (`r = \\sqrt{x^2 + y^2}`, `\\xi = \\xi(x) = …`) in its section
 *    or in the inline math of the prose next to it;
 *  - other definitions that do not involve its variables (`\\gamma = 1/\\sqrt{1 - v^2/c^2}` with v, c
 *    never given): symbolic parameters, scoped like parameters.
 */
export function environmentOf(d: Candidate, defs: Definitions, reading?: Reading): Environment & { readonly later: ReadonlyMap<string, number> } {
  // only the definitions of names the map can reach: each map looks at its own few, not at every
  // definition of the note (a note of thousands of small systems is read in linear time)
  const { params, helpers, locals } = reachableDefinitions(d, defs);
  const start = Math.min(...d.parts.map((p) => docSpan(p)[0]));
  const section = d.formulas[0]?.section ?? -1;
  const visible = (x: Placed) => x.offset < start || (x.section >= 0 && x.section === section);
  const isVar = (n: string) => d.variables.includes(n);
  // a function the map calls only with another number of arguments is another function of the
  // same letter (a radial flow's h(\alpha, r) above a Sylvester flow's h(\mathbf{B}\mathbf{z} + \mathbf{b})): not this one's
  // (the numbers of arguments of each function the map calls, gathered once)
  let arities: Map<string, Set<number>> | null = null;
  const otherArity = (h: HelperDef) => {
    if (!arities) {
      const found = new Map<string, Set<number>>();
      for (const e of d.raw) someExpr(e, (x) => { if (x.k === 'call') { let s = found.get(x.fn); if (!s) found.set(x.fn, s = new Set()); s.add(x.args.length); } return false; });
      arities = found;
    }
    const called = arities.get(h.name);
    return !!called && !called.has(h.def.params.length);
  };
  const functions = new Map<string, FunctionDef>();
  for (const h of helpers) if (visible(h) && !isVar(h.name) && !otherArity(h)) functions.set(h.name, h.def);
  const parameters = new Map<string, Expr>();
  for (const p of params) if (visible(p) && !isVar(p.name)) parameters.set(p.name, p.value);
  const inScope = (x: Placed & { f: Formula }) => !reading || reading.inScope(d.formulas, x.f, x.offset);
  // names whose only values are past the map's scope (a later section): not used, said
  const later = new Map<string, number>();
  for (const p of params) {
    if (parameters.has(p.name) || isVar(p.name)) continue;
    if (inScope(p)) parameters.set(p.name, p.value);
    else if (!later.has(p.name)) later.set(p.name, p.offset);
  }
  // a function given in the map's where-clause ("with $h(\alpha, r) = 1/(\alpha + r)$" after it), scoped like
  // parameters; one of constant value after it ("suppose $s(z_1) = \log 2$") is a special case, not its definition
  const usesItsArguments = (h: HelperDef) => { const names = namesOf(h.def.body); return h.def.params.some((p) => names.has(p)); };
  for (const h of helpers) if (!functions.has(h.name) && !isVar(h.name) && !otherArity(h) && usesItsArguments(h) && inScope(h)) functions.set(h.name, h.def);
  // local names in the map's formulas (or its section), in terms of its variables
  // (directly or through one another, \xi' in terms of a, b, c in terms of y; other names in
  // them are parameters or symbolic constants)
  const firstDef = firstDefinitions(defs);
  const reaches = (e: Expr, seen: Set<string>): boolean => {
    for (const u of namesOf(e)) {
      if (isVar(u)) return true;
      const v = firstDef.get(u);
      if (v && !seen.has(u) && seen.size < 64) { seen.add(u); if (reaches(v, seen)) return true; }
    }
    return false;
  };
  // (the answer depends on the local and the variables only: kept per note for maps of the same variables)
  const known = reachCache(defs, d.variables);
  const reachesVars = (l: LocalDef): boolean => {
    let r = known.get(l);
    if (r === undefined) known.set(l, r = reaches(l.value, new Set([l.name])));
    return r;
  };
  const near = new Set<string>();
  // (and the inline math of the prose next to it: "where $r = \\|z - z_0\\|$" in a list after the map)
  const around = reading && d.formulas.length ? new Set(reading.inlineAround(d.formulas)) : new Set<Formula>();
  const index = indexOf(defs);
  // the locals next to the map by name, each list in the note's order: its section's, its own formulas' and the prose's
  // (looked at name by name: a section of thousands of definitions of a few names costs a few steps per map)
  const nearByName = new Map<string, number[]>();
  for (const [n, is] of index.bySection.get(section) ?? []) nearByName.set(n, is);
  const own = [...new Set([...d.formulas, ...around].flatMap((f) => index.byFormula.get(f) ?? []))].filter((i) => !(defs.locals[i].section >= 0 && defs.locals[i].section === section));
  for (const i of own) { const n = defs.locals[i].name; nearByName.set(n, [...(nearByName.get(n) ?? []), i].sort((a, b) => a - b)); }
  // the first of each name in terms of the variables, set in the note's order
  const firstNear: number[] = [];
  for (const [n, is] of nearByName) {
    if (parameters.has(n) || isVar(n)) continue;
    const i = is.find((k) => reachesVars(defs.locals[k]));
    if (i !== undefined) firstNear.push(i);
  }
  for (const i of firstNear.sort((a, b) => a - b)) {
    const l = defs.locals[i];
    parameters.set(l.name, l.value);
    near.add(l.name);
  }
  // a name defined in inline math before the map in terms of its variables ("with $t_n = 0.4 -
  // 6/(1 + x_n^2 + y_n^2)$" before the Ikeda map's step): the latest such definition
  const latest: number[] = [];
  for (const [n, is] of index.inline) {
    if (parameters.has(n) || isVar(n)) continue;
    // (the last before the map: the lists are in the order of their offsets)
    let k = lastBefore(is, (i) => defs.locals[i].offset < start);
    while (k >= 0 && !reachesVars(defs.locals[is[k]])) k--;
    if (k >= 0) latest.push(is[k]);
  }
  for (const i of latest.sort((a, b) => b - a)) {
    const l = defs.locals[i];
    parameters.set(l.name, l.value);
    near.add(l.name);
  }
  // symbolic parameters: definitions that reach none of the map's variables; not one name set
  // equal to another the map uses too ("uniform: $s_x = s_y$"), a special case, not a value
  const used = new Set(d.raw.flatMap((e) => [...symbolsOf(e)]));
  // c_{12} = \cos(\theta_1 + \theta_2) "and so on": the robotics shorthand for every c_…, s_… the map uses
  const shorthand = [...used].some((u) => SHORTHAND.test(u)) ? abbreviationBase(shorthandLocals(defs).filter(inScope)) : null;
  if (shorthand) {
    for (const u of used) {
      const m = SHORTHAND.exec(u);
      if (!m || parameters.has(u) || isVar(u)) continue;
      const angles = [...m[2]].map((k) => sym(`${shorthand}${k}`));
      parameters.set(u, call(m[1] === 'c' ? 'cos' : 'sin', angles.length === 1 ? angles[0] : add(...angles)));
    }
  }
  const specialCase = (l: Placed & { name: string; value: Expr }) => l.value.k === 'sym' && used.has(l.value.name) && used.has(l.name);
  // (those the map uses, and those next to it: the note's own names for parts of its forms, y = a_1 s_1 + …)
  const open = (n: string) => !parameters.has(n) && !isVar(n) && !near.has(n);
  const ats = new Set<number>();
  for (const i of locals) if (open(defs.locals[i].name)) ats.add(i);
  for (const [n, is] of nearByName) if (open(n)) for (const i of is) ats.add(i);
  const symbolic = [...ats].sort((a, b) => a - b).map((i) => defs.locals[i]).filter((l) => !parameters.has(l.name) && !isVar(l.name) && !near.has(l.name) && !reachesVars(l) && !specialCase(l));
  const chosen = new Map<string, Expr>();
  for (const l of symbolic) if (visible(l)) chosen.set(l.name, l.value);
  for (const l of symbolic) {
    if (chosen.has(l.name)) continue;
    if (inScope(l)) chosen.set(l.name, l.value);
    else if (!later.has(l.name)) later.set(l.name, l.offset);
  }
  for (const [k, v] of chosen) { parameters.set(k, v); later.delete(k); }
  for (const k of parameters.keys()) later.delete(k);
  return { parameters, functions, later };
}

/** Whether a local's value reaches the variables, for each note and list of variables. */
function reachCache(defs: Definitions, variables: readonly string[]): Map<LocalDef, boolean> {
  let byVars = reachCaches.get(defs);
  if (!byVars) reachCaches.set(defs, byVars = new Map());
  const key = variables.join('\u0000');
  let known = byVars.get(key);
  if (!known) byVars.set(key, known = new Map());
  return known;
}
const reachCaches = new WeakMap<Definitions, Map<string, Map<LocalDef, boolean>>>();

/** A robotics shorthand name: c_{12}, s_1 (c12, s1). */
const SHORTHAND = /^([cs])(\d+)$/;

/** The local names of the note that may be robotics shorthand (found once per note). */
function shorthandLocals(defs: Definitions): readonly LocalDef[] {
  let known = shorthands.get(defs);
  if (!known) shorthands.set(defs, known = defs.locals.filter((l) => SHORTHAND.test(l.name)));
  return known;
}
const shorthands = new WeakMap<Definitions, readonly LocalDef[]>();

interface DefinitionIndex {
  /** For each name, the positions of its definitions in params, locals and helpers. */
  readonly params: ReadonlyMap<string, number[]>;
  readonly locals: ReadonlyMap<string, number[]>;
  readonly helpers: ReadonlyMap<string, number[]>;
  /** The locals of each section, by name; of each formula; of inline math (section -1), by name, in the order of their offsets. */
  readonly bySection: ReadonlyMap<number, ReadonlyMap<string, number[]>>;
  readonly byFormula: ReadonlyMap<Formula, number[]>;
  readonly inline: ReadonlyMap<string, number[]>;
}

/** The last position k of the list whose item is before the point (`before` holds up to k, not after), else -1. */
function lastBefore(is: readonly number[], before: (i: number) => boolean): number {
  let lo = 0, hi = is.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (before(is[mid])) lo = mid + 1; else hi = mid; }
  return lo - 1;
}
const indexes = new WeakMap<Definitions, DefinitionIndex>();

function indexOf(defs: Definitions): DefinitionIndex {
  let known = indexes.get(defs);
  if (!known) {
    const push = <K>(m: Map<K, number[]>, k: K, i: number) => { const is = m.get(k); if (is) is.push(i); else m.set(k, [i]); };
    const byName = (xs: ReadonlyArray<{ readonly name: string }>) => {
      const m = new Map<string, number[]>();
      xs.forEach((x, i) => push(m, x.name, i));
      return m;
    };
    const bySection = new Map<number, Map<string, number[]>>();
    const byFormula = new Map<Formula, number[]>();
    const inline = new Map<string, number[]>();
    defs.locals.forEach((l, i) => {
      push(byFormula, l.f, i);
      if (l.section >= 0) { let m = bySection.get(l.section); if (!m) bySection.set(l.section, m = new Map()); push(m, l.name, i); }
      else push(inline, l.name, i);
    });
    // (the note is read in order, so this changes nothing; a binary search over offsets needs it to hold)
    for (const is of inline.values()) is.sort((a, b) => defs.locals[a].offset - defs.locals[b].offset || a - b);
    known = { params: byName(defs.params), locals: byName(defs.locals), helpers: byName(defs.helpers), bySection, byFormula, inline };
    indexes.set(defs, known);
  }
  return known;
}

/**
 * The definitions a map can use: those of the names its formulas use (symbols and functions),
 * then of the names in their values, to a fixed point; each list in the note's order (the locals by their positions). A map of
 * vectors or an indexed family (whose own names are set apart later) sees all of them.
 */
function reachableDefinitions(d: Candidate, defs: Definitions): Pick<Definitions, 'params' | 'helpers'> & { readonly locals: readonly number[] } {
  if (d.vector || d.autoregressive) return { params: defs.params, helpers: defs.helpers, locals: defs.locals.map((_, i) => i) };
  const index = indexOf(defs);
  const seen = new Set<string>();
  const todo: string[] = [];
  const see = (e: Expr) => {
    for (const n of namesOf(e)) if (!seen.has(n)) { seen.add(n); todo.push(n); }
    for (const n of callsOf(e)) if (!seen.has(n)) { seen.add(n); todo.push(n); }
  };
  for (const e of d.raw) see(e);
  for (const p of d.pieces ?? []) { p.components.forEach(see); conditionExprs(p.condition).forEach(see); }
  // \sigma( ) is read as the sigmoid until the note's value of σ makes it the constant σ times ( ) (sigma.ts)
  if (seen.has('sigmoid') && !seen.has('sigma')) { seen.add('sigma'); todo.push('sigma'); }
  const at = { params: [] as number[], locals: [] as number[], helpers: [] as number[] };
  while (todo.length) {
    const n = todo.pop()!;
    for (const i of index.params.get(n) ?? []) { at.params.push(i); see(defs.params[i].value); }
    for (const i of index.locals.get(n) ?? []) { at.locals.push(i); see(defs.locals[i].value); }
    for (const i of index.helpers.get(n) ?? []) { at.helpers.push(i); see(defs.helpers[i].def.body); }
  }
  const inOrder = <T>(xs: readonly T[], is: number[]) => is.sort((a, b) => a - b).map((i) => xs[i]);
  return { params: inOrder(defs.params, at.params), locals: at.locals.sort((a, b) => a - b), helpers: inOrder(defs.helpers, at.helpers) };
}

/** The first value of each name among the parameters, then the local names (found once per note). */
function firstDefinitions(defs: Definitions): ReadonlyMap<string, Expr> {
  let known = firstDefs.get(defs);
  if (!known) {
    const first = new Map<string, Expr>();
    for (const x of [...defs.params, ...defs.locals]) if (!first.has(x.name)) first.set(x.name, x.value);
    firstDefs.set(defs, known = first);
  }
  return known;
}
const firstDefs = new WeakMap<Definitions, ReadonlyMap<string, Expr>>();

/** The names in a definition's value (found once per value: every map's environment asks). */
function namesOf(e: Expr): ReadonlySet<string> {
  let known = valueNames.get(e);
  if (!known) valueNames.set(e, known = symbolsOf(e));
  return known;
}
const valueNames = new WeakMap<Expr, ReadonlySet<string>>();

/**
 * The angles' base of the shorthand c_{12} = \cos(\theta_1 + \theta_2) (or s_1 = \sin\theta_1): a name
 * c or s with digits whose value is the cosine or sine of the sum of one base indexed by those
 * digits; that base ("theta"), else null.
 */
function abbreviationBase(locals: readonly LocalDef[]): string | null {
  for (const l of locals) {
    const m = /^([cs])(\d+)$/.exec(l.name);
    const v = l.value;
    if (!m || v.k !== 'call' || v.fn !== (m[1] === 'c' ? 'cos' : 'sin') || v.args.length !== 1) continue;
    const terms = v.args[0].k === 'add' ? v.args[0].args : [v.args[0]];
    const names = terms.map((t) => (t.k === 'sym' ? /^(.*?)(\d)$/.exec(t.name) : null));
    if (names.some((x) => !x) || names.map((x) => x![2]).join('') !== m[2]) continue;
    const bases = new Set(names.map((x) => x![1]));
    if (bases.size === 1) return [...bases][0];
  }
  return null;
}

/** `r^2` (a plain name squared) -> r; else null. */
function squaredName(reading: Reading, f: Formula, side: Part): string | null {
  const v = reading.value(f, side);
  return v.k === 'expr' && v.e.k === 'pow' && v.e.base.k === 'sym' && !v.e.base.name.endsWith(PRIME) && v.e.exp.k === 'num' && v.e.exp.v === 2 ? v.e.base.name : null;
}

/** The side is `name(args)` (with `primes` primes): the middle of a chain `a = a(y) = …`. */
function isChainOf(reading: Reading, f: Formula, side: Part, name: string, primes: number): boolean {
  const v = reading.value(f, side);
  if (v.k !== 'expr' || v.e.k !== 'call' || v.e.fn !== name || !v.e.args.every((a) => a.k === 'sym')) return false;
  return (v.e.d?.length ?? 0) === primes;
}

/** The number of primes of a primed left side (s_k'' -> 2). */
function primesOf(reading: Reading, f: Formula, side: Part): number {
  const v = reading.value(f, side);
  return v.k === 'expr' && v.e.k === 'sym' ? (/'+$/.exec(v.e.name)?.[0].length ?? 0) : 0;
}

/** The user's LaTeX for every name: the map's own formulas first, then the rest of the note. */
export function displayNamesOf(d: Candidate, reading: Reading): Record<string, string> {
  const display = dict<string>();
  for (const f of d.formulas) {
    for (const [k, v] of f.names.display) if (!(k in display)) display[k] = v;
  }
  for (const [k, v] of noteDisplayNames(reading)) if (!(k in display)) display[k] = v;
  return display;
}

/**
 * The note's LaTeX for every name (the first formula that writes it), gathered once, when the
 * first map is built (the sides are read by then): each map adds its own formulas' names to
 * it, instead of going through every formula of the note again.
 */
function noteDisplayNames(reading: Reading): ReadonlyMap<string, string> {
  let known = noteDisplay.get(reading);
  if (!known) {
    const all = new Map<string, string>();
    for (const f of reading.formulas) for (const [k, v] of f.names.display) if (!all.has(k)) all.set(k, v);
    noteDisplay.set(reading, known = all);
  }
  return known;
}
const noteDisplay = new WeakMap<Reading, ReadonlyMap<string, string>>();

/** Drops the display names that neither `names` nor the components use. */
export function keepUsedNames(display: Record<string, string>, names: Iterable<string>, components: readonly Expr[]): void {
  const used = new Set<string>(names);
  for (const c of components) { symbolsOf(c, used); callsOf(c, used); }
  for (const k of Object.keys(display)) if (!used.has(k)) delete display[k];
}

/** Said after names whose values are all past a map's scope. */
export const LATER_SAID = ": given a value only later in the note, past this map's section and its where-clause: not used here, taken as symbolic";

/**
 * What `assumed` says of a map's names without a value: those given one only past the map's
 * scope (`later`: name -> document offset; said with the line of that value), then those the
 * note never gives one. `show` gives a name as the user writes it.
 */
export function freeNamesSaid(free: readonly string[], later: ReadonlyMap<string, number>, show: (s: string) => string, reading: Reading): string[] {
  const past = free.filter((s) => later.has(s));
  const never = free.filter((s) => !later.has(s));
  const out: string[] = [];
  if (past.length) {
    const where = past.map((s) => `${show(s)} (${reading.lineAt(later.get(s)!)})`).join(', ');
    out.push(`${where}${LATER_SAID}`);
  }
  if (never.length) out.push(symbolicConstantsSaid(never.map(show)));
  return out;
}

/** What `assumed` says of names the note never gives a value (readable names). */
export const symbolicConstantsSaid = (names: readonly string[]): string =>
  `${names.join(', ')} taken as symbolic constant${names.length === 1 ? '' : 's'} (no value in the note)`;
