/**
 * system: named outputs without a head or primes, the inputs inferred from the right sides.
 *
 *     x = \rho\cos\phi, \quad y = \rho\sin\phi, \quad z = z    reads variables rho, phi, z
 *     $$u = p + q$$ $$v = p - q$$                               one system over consecutive blocks
 *     w = g(w_0) = m + k w_0                                    the call says the input: w_0
 *     (u, v) = (p + q, p - q), or columns (a matrix times a column)  one equation per entry
 *     \mathbf{x} = (r\cos t, r\sin t)                             a point by its coordinates: x1, x2
 *     u = a\cos\alpha, \quad v = b\sin\alpha                    declined (info): which are the inputs?
 *     F = m a, \quad p = m v                                      ordinary math: quiet (see mapLike)
 *
 * The outputs are the left sides (plain names, distinct, none defined as a constant); the
 * candidates for inputs are the names on the right sides that are not outputs (an output may
 * use its own name: z = z), not given a value anywhere in the note, not functions. When
 * there are as many as outputs, they are the inputs (in order of appearance). Otherwise the
 * inputs are chosen by these rules, the first that gives as many inputs as outputs, and the
 * choice is said in the report (`assumed`) and can be settled with a directive (directive.ts):
 *  1. a directive before the formula (`<!-- jacobian: inputs …; constants … -->`);
 *  2. the arguments of a call in a chain `w = g(w_0) = …` (the map's own name and arguments);
 *  3. names a domain is stated for next to the formula (`for $r > 0$, $0 \le \theta < 2\pi$`);
 *  4. names indexed like the outputs (or marked: x_d, y_d of x, y) (w_1, w_2 = … r_1 … r_2 …: r_1, r_2) are the inputs;
 *  5. typical names of constants (c, g, k, m, ħ …) and speeds or rates (only ever times a time:
 *     c t in ξ = x - c t) are constants;
 *  6. names that occur only as coefficients (l_1 in l_1\cos\theta_1) are constants; but when
 *     n such names occur in every equation, each term with one of them a product with a function
 *     of the other names (x, y in u = x\cos\alpha - y\sin\alpha + a, v = x\sin\alpha + y\cos\alpha + b:
 *     a rotation), they are the inputs and the others constants;
 *  7. angles (θ, φ, ψ, ϑ; λ beside a latitude φ) are inputs, other names constants;
 *  8. the rules together, when the equations look like a map: names with a sign of being an
 *     input (3, 4, 7) are inputs, reference values (λ_0), typical constants and coefficient-only
 *     names constants.
 * When none settles it and the equations look like a map, one information with a best guess
 * (a directive a quick fix writes).
 * One equation is a map only when its inputs are stated (rules 1 and 2): `E = m c^2` is not.
 * An output used by another equation makes the equations a derivation, not a system; outputs
 * that are only inputs renamed (z_A = z_1, z_B = z_2: a split) are not a map.
 */
import { CONSTANTS, Expr, callsOf, children, substitute, symbolsOf } from '../../../math/expr';
import { DEFINE, Statement } from '../detect';
import { Directive, directiveText, namesIn } from '../directive';
import { Candidate, Declined, Finding, Recognizer, RecognizerExample, Slice } from '../recognizer';
import { Formula, Lhs, Reading, Value, hasPrime, isConstant, shownName } from '../reading';
import { PRIME } from '../expr';
import { Definitions } from '../definitions';

interface Eq { readonly f: Formula; readonly st: Statement; readonly name: string; readonly e: Expr; readonly syms: ReadonlySet<string>; readonly stated: readonly string[] }

/** Equations in one system at most, and names to choose the inputs among (a note's systems are small). */
const MAX_EQUATIONS = 32, MAX_NAMES = 64;

/** The note's local definitions by name, with the names in their values (computed once per run). */
type Locals = ReadonlyMap<string, ReadonlyArray<{ readonly f: Formula; readonly syms: ReadonlySet<string>; readonly offset: number; readonly section: number }>>;
/** The local definitions of one formula: its names and the names in their values. */
type OwnLocals = ReadonlyArray<{ readonly name: string; readonly syms: ReadonlySet<string> }>;

/** What every step reads. */
interface Context {
  readonly slice: Slice; readonly reading: Reading; readonly defs: Definitions; readonly locals: Locals;
  /** How many local names each formula defines. */
  readonly definedIn: ReadonlyMap<Formula, number>;
  /** The local definitions of each formula. */
  readonly byFormula: ReadonlyMap<Formula, OwnLocals>;
}

const EXAMPLES: RecognizerExample[] = [
  { note: '$$ u = r\\cos t, \\quad v = r\\sin t $$', reads: { variables: ['r', 't'], components: ['r * cos(t)', 'r * sin(t)'] } },
  { note: '$$ u = p + h\\cos q, \\quad v = s p - q $$', declines: 'inputs' },
];

/** Names read as angles (typical inputs). */
const ANGLES = /^(theta|vartheta|phi|varphi|psi)(_?\w*)?$/;
/** Reference values, by the usual subscript 0 (x_0, λ_0, t_0): constants of a map. */
const REFERENCE = /^[A-Za-z]+_?0$/;
/** Names that usually denote constants: c (a speed), g, G, k, m, ħ, k_B, ε_0, μ_0, c_0. */
const TYPICAL_CONSTANT = /^(?:c|c_?0|g|G|k|k_?B|m|hbar|epsilon_?0|varepsilon_?0|mu_?0)$/;
/** Names of a time: a name multiplied by one is a speed or a rate (c t, v τ, ω t). */
const TIME = /^(?:t|tau)$/;

export const system: Recognizer = {
  name: 'system',
  scope: 'run',
  inline: true,
  *recognize(slice: Slice, reading: Reading, defs: Definitions): Iterable<Finding> {
    const cx = contextOf(slice, reading, defs);
    if (slice.inline) { yield* inlineSystems(cx); return; }
    // the runs of display blocks with at most a sentence between them (the section): a system
    // split over them is joined (joinRuns); this slice reads the parts that start in it (the
    // section's parts are found once, for the first of its slices: reading is linear)
    for (const f of slice.formulas) {
      for (const p of sectionParts(cx, slice).get(f) ?? []) {
        if (p.k === 'own') yield* p.findings;
        else if (p.k === 'group') yield* systemOf(cx, p.eqs);
      }
    }
  },
  examples: EXAMPLES,
};

/** The parts of the section of `slice` by their first formula, found once per section (the slices of a note share its definitions). */
function sectionParts(cx: Context, slice: Slice): ReadonlyMap<Formula, readonly Part[]> {
  const section = slice.formulas[0].section;
  let bySection = sections.get(cx.defs);
  if (!bySection) sections.set(cx.defs, bySection = new Map());
  const known = section < 0 ? undefined : bySection.get(section);
  if (known) return known;
  const byRun = new Map<number, Formula[]>();
  if (section < 0) byRun.set(slice.run, [...slice.formulas]);
  else {
    for (const f of cx.reading.formulas) {
      if (f.section !== section || !f.seg.display) continue;
      const run = byRun.get(f.run);
      if (run) run.push(f); else byRun.set(f.run, [f]);
    }
  }
  // each run's findings carry that run (a display slice is one run)
  const runContext = (fs: Formula[]): Context => ({ ...cx, slice: { run: fs[0].run, formulas: fs, inline: false } });
  const out = new Map<Formula, Part[]>();
  for (const p of joinRuns(cx, [...byRun.values()].map((fs) => partsOf(runContext(fs), fs)))) {
    const at = out.get(p.first);
    if (at) at.push(p); else out.set(p.first, [p]);
  }
  if (section >= 0) bySection.set(section, out);
  return out;
}
const sections = new WeakMap<Definitions, Map<number, ReadonlyMap<Formula, readonly Part[]>>>();

/** What every slice of one note reads, computed once per note (its definitions). */
function contextOf(slice: Slice, reading: Reading, defs: Definitions): Context {
  let known = indexed.get(defs);
  if (!known) {
    const locals = new Map<string, Array<{ f: Formula; syms: ReadonlySet<string>; offset: number; section: number }>>();
    const definedIn = new Map<Formula, number>();
    const byFormula = new Map<Formula, Array<{ name: string; syms: ReadonlySet<string> }>>();
    for (const l of defs.locals) {
      const syms = symbolsOf(l.value);
      const named = locals.get(l.name);
      if (named) named.push({ f: l.f, syms, offset: l.offset, section: l.section });
      else locals.set(l.name, [{ f: l.f, syms, offset: l.offset, section: l.section }]);
      definedIn.set(l.f, (definedIn.get(l.f) ?? 0) + 1);
      const own = byFormula.get(l.f);
      if (own) own.push({ name: l.name, syms }); else byFormula.set(l.f, [{ name: l.name, syms }]);
    }
    indexed.set(defs, known = { locals, definedIn, byFormula });
  }
  return { slice, reading, defs, ...known };
}
const indexed = new WeakMap<Definitions, Pick<Context, 'locals' | 'definedIn' | 'byFormula'>>();

/**
 * A run's formulas in parts: a formula that is a system on its own, equations of consecutive
 * blocks gathered (single equations: $$x = …$$ then $$y = …$$), and breaks (a formula that
 * is not a system's, a directive `not a map`).
 */
type Part = { readonly k: 'own'; readonly first: Formula; readonly findings: readonly Finding[] }
  | { readonly k: 'group'; readonly first: Formula; readonly eqs: readonly Eq[] }
  | { readonly k: 'break'; readonly first: Formula };

function partsOf(cx: Context, formulas: readonly Formula[]): Part[] {
  const { reading, defs } = cx;
  const out: Part[] = [];
  let group: Eq[] = [];
  const flush = () => { if (group.length) out.push({ k: 'group', first: group[0].f, eqs: group }); group = []; };
  for (const f of formulas) {
    const all = equationsOf(f, reading, defs);
    if (defs.directives.get(f)?.ignore || !all) { flush(); out.push({ k: 'break', first: f }); continue; }
    // systems joined by ⇔ (a map and its inverse) are read one by one, each a formula's own
    const parts = [...new Set(all.map((x) => x.st.part))].map((n) => all.filter((x) => x.st.part === n));
    for (const eqs of parts) {
      // a formula that is a system on its own stands alone; single equations in consecutive blocks gather
      const own = [...systemOf(cx, eqs)];
      // a system on its own, or one that looks like a map and says why it is none (one information)
      if (own.length) { flush(); out.push({ k: 'own', first: f, findings: own }); continue; }
      if (parts.length > 1) { flush(); out.push({ k: 'break', first: f }); continue; }
      const names = new Set(group.map((g) => g.name));
      if (eqs.some((e) => names.has(e.name)) || group.length + eqs.length > MAX_EQUATIONS) flush();
      group.push(...eqs);
    }
  }
  flush();
  return out;
}

/**
 * The parts of consecutive runs of one section (a sentence or less between them) in order,
 * the last group of a run joined with the first group of the next when neither is a system
 * alone and together they are one: distinct outputs, every equation using the inputs, and
 * as many names as outputs (no choice to make: `$$x = r\cos\theta$$` and `$$y = r\sin\theta$$`)
 * or equations that look like a map (`mapLike`), whose inputs are chosen or asked for once.
 */
function joinRuns(cx: Context, runs: readonly Part[][]): Part[] {
  const out: Part[] = [];
  for (const parts of runs) {
    const last = out[out.length - 1], next = parts[0];
    // a formula of several equations is a system of its own or none: it joins nothing across prose
    const single = (p: Part | undefined): p is Extract<Part, { k: 'group' }> => p?.k === 'group' && new Set(p.eqs.map((x) => x.f)).size === p.eqs.length;
    if (single(last) && single(next) && !alone(cx, last.eqs) && !alone(cx, next.eqs)) {
      const eqs = [...last.eqs, ...next.eqs];
      const found = [...systemOf(cx, eqs)];
      const c = found.find((x): x is Candidate => x.kind === 'candidate');
      // one system: no choice to make, or a choice (or a question: one information) about equations that look like a map
      const one = c
        ? eqs.every((x) => c.variables.some((v) => x.syms.has(v))) && (!c.choice || mapLike(eqs, [...c.variables, ...c.choice.constants]))
        : found.some((x) => x.kind === 'declined');
      if (one) {
        out[out.length - 1] = { k: 'group', first: last.first, eqs };
        out.push(...parts.slice(1));
        continue;
      }
    }
    out.push(...parts);
  }
  return out;
}

/**
 * Inline equations of one sentence (of one paragraph) that together are a square system: `the change $u = x + y$ and $v = x - y$`, `with $x = r\cos\theta$, $y = r\sin\theta$`.
 * Only as many names as outputs (no choice, no question: inline math is prose, and a paragraph
 * that does not make such a system is left alone), none of them a typical constant (m, c, g, k:
 * `$T = \tfrac12 m v^2$` and `$p = m v$` are formulas of physics); `$x = 2$` is a value, not an equation of one.
 */
function* inlineSystems(cx: Context): Iterable<Finding> {
  const { slice, reading, defs } = cx;
  const withEquations = slice.formulas.filter((f) => !defs.directives.get(f)?.ignore && equationsOf(f, reading, defs));
  const square = (fs: readonly Formula[]): Candidate | null => {
    const eqs = fs.flatMap((f) => equationsOf(f, reading, defs) ?? []);
    if (eqs.length < 2) return null;
    const c = [...systemOf(cx, eqs)].find((x): x is Candidate => x.kind === 'candidate');
    // a typical constant among the names (`$T = \tfrac12 m v^2$` and `$p = m v$`) makes physics formulas, not a change of variables
    return c && !c.choice && eqs.every((x) => c.variables.some((v) => x.syms.has(v))) && !c.variables.some((v) => TYPICAL_CONSTANT.test(v)) ? c : null;
  };
  // sentence by sentence (a full stop between two formulas ends one; e.g., i.e. do not)
  let sentence: Formula[] = [];
  const flush = function* () { const c = sentence.length ? square(sentence) : null; if (c) yield c; sentence = []; };
  for (const f of withEquations) {
    const prev = sentence[sentence.length - 1];
    const between = prev ? reading.text.slice(prev.seg.outerEnd, f.seg.outerStart).replace(/\b(?:e\.g|i\.e|cf|resp|etc)\./gi, '') : '';
    if (/[.!?](?:\s|$)/.test(between)) yield* flush();
    sentence.push(f);
  }
  yield* flush();
}

/** The equations make a map on their own. */
const alone = (cx: Context, eqs: readonly Eq[]): boolean =>
  [...systemOf(cx, eqs)].some((x) => x.kind === 'candidate');

/** Relations of a domain: `r > 0`, `0 \le \theta < 2\pi`, `(r, \theta) \in (0, \infty) \times [0, 2\pi)`. */
const BOUNDS = new Set(['<', '>', '\\le', '\\leq', '\\ge', '\\geq', '\\lt', '\\gt', '\\leqslant', '\\geqslant', '\\in', '≤', '≥']);

/**
 * The names a domain is stated for next to the system: in its formulas (`r > 0` beside the
 * equations), in the inline math of the paragraph after it or the one before ("for $r > 0$,
 * $0 \le \theta < 2\pi$", "$(r, \theta) \in (0, \infty) \times [0, 2\pi)$", "where $x, y \in \mathbb{R}$").
 */
function domainNamesNear({ reading }: Context, eqs: readonly Eq[]): Set<string> {
  const fs = [...new Set(eqs.map((x) => x.f))];
  const near = [...fs, ...reading.inlineAround(fs)];
  const out = new Set<string>();
  for (const f of near) {
    for (const st of f.statements) {
      if (!st.rels.length || !st.rels.every((r) => BOUNDS.has(r))) continue;
      for (const side of st.sides) {
        const l = reading.lhs(f, side);
        if (l?.k === 'name') out.add(l.name);
        else if (l?.k === 'names') l.names.forEach((x) => out.add(x));
      }
    }
  }
  return out;
}

/** The equations `name = …` of a formula when every statement of it is one (else null). */
function equationsOf(f: Formula, reading: Reading, defs: Definitions): Eq[] | null {
  const out: Eq[] = [];
  const primedBases: string[] = [];
  for (const st of f.statements) {
    // x = r\cos\theta, \quad y = r\sin\theta, \quad r > 0: a domain beside the equations (domains.ts)
    if (st.rels.length && st.rels.every((r) => BOUNDS.has(r))) continue;
    // \mathbf{y} = \left\{ y_1 = …, y_2 = … \right.: a name over the system's rows
    if (st.beforeSystem && st.sides.length === 2 && st.sides[1].items.length === 0 && reading.lhs(f, st.sides[0])?.k === 'name') continue;
    if (!DEFINE.has(st.rels[0] ?? '') || st.sides.length < 2 || !st.rels.every((r) => DEFINE.has(r))) return null;
    const lhs = coordinatesOfVector(reading, f, st, reading.lhs(f, st.sides[0]));
    // (u, v) = (x + y, x - y), a column of names = a column (or a matrix times a column): one equation per entry
    if (lhs?.k === 'names') {
      const v = st.sides.length === 2 ? reading.value(f, st.sides[1]) : null;
      if (v?.k !== 'tuple' || v.items.length !== lhs.names.length || v.items.some((x) => hasPrime(x.e))) return null;
      lhs.names.forEach((name, k) => {
        // the column a matrix acts on states the inputs
        if (!defs.parameterNames.has(name)) out.push({ f, st, name, e: v.items[k].e, syms: symbolsOf(v.items[k].e), stated: v.acted ?? [] });
      });
      continue;
    }
    // x'_{1:d} = y_{1:d}, x'_{d+1:D} = …(y): primed names as plain outputs (an inverse that names
    // the recovered inputs with primes), kept only when no formula uses an unprimed one (below)
    const primedOut = lhs?.k === 'primed' && lhs.base.length > 0 ? lhs.base : null;
    if (primedOut !== null) primedBases.push(primedOut);
    const name = primedOut !== null ? `${primedOut}${PRIME}` : lhs?.k === 'name' ? lhs.name : null;
    // \dot x = …: a time derivative, vectorfield's
    if (name === null || /._dot$/.test(name)) return null;
    const v = scalarOf(reading.value(f, st.sides[st.sides.length - 1]));
    // a constant's value beside the system (`$x = 3$` elsewhere in the note does not make x = r\cos\theta one)
    if (defs.parameterNames.has(name) && (v.k !== 'expr' || isConstant(v.e, defs.parameterNames, new Set()))) continue;
    // x = x(u, v): what x depends on, not a formula for it
    if (v.k !== 'expr' || hasPrime(v.e) || callsOf(v.e).has(name)) return null;
    // a chain: w = g(w_0) = … states the inputs; a = a(y) = … is a name given as a value of y (definitions.ts)
    const stated: string[] = [];
    for (const mid of st.sides.slice(1, -1)) {
      const head = reading.lhs(f, mid);
      if (head?.k === 'head' && head.name === name) return null;
      const args = head?.k === 'head' ? head.params : callArguments(f, reading.written(f, mid.span));
      if (!args) return null;
      stated.push(...args);
    }
    out.push({ f, st, name, e: v.e, syms: symbolsOf(v.e), stated });
  }
  // x' = x + y: a formula that uses a primed output's unprimed name is a primed system (primed's)
  if (primedBases.length && out.some((x) => primedBases.some((b) => x.syms.has(b)))) return null;
  return out.length ? out : null;
}

function* systemOf(cx: Context, written: readonly Eq[]): Iterable<Finding> {
  const { slice, defs, locals, definedIn, byFormula } = cx;
  if (written.length > MAX_EQUATIONS) return;
  const outputs = written.map((x) => x.name);
  const own = new Set(outputs);
  if (own.size !== outputs.length) return;
  // an output used by another equation: a state update written as assignments when every output
  // is used and one uses its own old value (x = 1 + y - a x^2, y = b x; E = m c^2, m = E / c^2 only
  // restate one relation); else an output put in where it is used, when every equation also uses
  // the inputs itself (r = …, θ = \arccos(x / r): an inverse that names a step); else a derivation
  // (u = x + y, v = 2u), not a system
  const crossed = written.some((x) => [...x.syms].some((s) => s !== x.name && own.has(s)));
  const update = crossed && written.length >= 2 && outputs.every((o) => written.some((x) => x.syms.has(o))) &&
    written.some((x) => x.syms.has(x.name));
  const eqs = crossed && !update ? putIn(written, own) : written;
  if (!eqs) return;
  // names given a value elsewhere: constants, and definitions that do not use these outputs
  // (gamma = 1/sqrt(1 - v^2/c^2) is one; r = sqrt(x^2 + y^2) beside x = r cos t is the inverse)
  // (below the system only a single definition of its section, "where \gamma = …", gives a value:
  // a later system v = v_0 + a t, x = … is the note's next step, not a value of p = m v)
  const formulas = new Set(eqs.map((x) => x.f));
  const start = Math.min(...eqs.map((x) => x.f.seg.start + x.st.span[0])), section = eqs[0].f.section;
  const before = (l: { f: Formula; offset: number; section: number }) => l.offset < start ||
    (section >= 0 && l.section === section && definedIn.get(l.f) === 1);
  const defined = (s: string) => defs.parameterNames.has(s) ||
    (locals.get(s) ?? []).some((l) => !formulas.has(l.f) && before(l) && ![...l.syms].some((u) => own.has(u)) && !isMapFormula(l.f, byFormula, defs));
  const seen = new Set<string>();
  const names: string[] = [];
  for (const x of eqs) {
    for (const s of x.syms) {
      if (s in CONSTANTS || seen.has(s) || ((own.has(s) || defined(s)) && s !== x.name)) continue;
      seen.add(s);
      names.push(s);
    }
  }
  if (names.length > MAX_NAMES) return;
  const n = outputs.length;
  const directive = mergedDirective(eqs.map((x) => defs.directives.get(x.f)));
  // with an output put in, only a square system (no input to choose) is a map
  if (eqs !== written && !directive && names.length !== n) return;
  const show = (s: string) => eqs[0].f.names.display.get(s) ?? s;
  let inputs: string[] | null = null;
  let why = '';
  if (directive?.inputs) {
    inputs = [...directive.inputs];
  } else if (update) {
    inputs = outputs;
    why = 'a state update: the right sides use the values before the step';
  } else {
    const pool = names.filter((s) => !directive?.constants.includes(s));
    // (an output that keeps its own name, z = z, is the coordinate carried over: an input, never a coefficient)
    const coefficientsOnly = pool.filter((s) => !own.has(s) && eqs.every((x) => !x.syms.has(s) || onlyCoefficient(x.e, s)));
    const rest = pool.filter((s) => !coefficientsOnly.includes(s));
    // λ is an angle (longitude) beside a latitude φ
    // (a reference angle, φ_0 the latitude of true scale, is a constant)
    const angles = pool.filter((s) => (ANGLES.test(s) && !REFERENCE.test(s)) || (s === 'lambda' && (pool.includes('phi') || pool.includes('varphi'))));
    const stated = [...new Set(eqs.flatMap((x) => x.stated))].filter((s) => pool.includes(s));
    // 5. typical names of constants (c, g, k, m, ħ …) and speeds or rates (a name only ever times the time: c t)
    const constantLike = (s: string) => TYPICAL_CONSTANT.test(s) || timesTime(eqs, s);
    // (only for equations named like coordinates and tied together: F = m a, p = m v, E = … stays quiet)
    const unlikeConstants = coordinateLike(eqs, pool) ? pool.filter((s) => !constantLike(s)) : [];
    if (stated.length === n) { inputs = stated; why = eqs.some((x) => x.stated.length && x.st.sides.length === 2) ? 'the column the matrix acts on' : 'the arguments written in the formula'; }
    else if (n === 1 && !directive) return; // one equation: a map only when its input is stated
    else if (pool.length === n) inputs = pool;
    else if (pool.length > n) {
      const indexed = indexedLike(outputs, pool);
      const ranged = domainNamesNear(cx, eqs);
      const bounded = pool.filter((s) => ranged.has(s));
      // a sign stated for names that occur only as coefficients, beside names inside functions
      // ("link lengths $l_1, l_2 > 0$" of an arm in \cos\theta_1): constants, not the inputs
      const signsOfConstants = bounded.every((s) => coefficientsOnly.includes(s)) && rest.length > 0;
      if (bounded.length === n && !signsOfConstants) { inputs = bounded; why = 'a domain is stated for them next to the formula'; }
      else if (indexed) { inputs = indexed; why = 'indexed like the outputs'; }
      else if (decoratedLike(outputs, pool)) { inputs = decoratedLike(outputs, pool)!; why = 'the outputs are these names marked (x_d of x)'; }
      else if (unlikeConstants.length === n) { inputs = unlikeConstants; why = constantsWhy(pool, unlikeConstants); }
      else if (rest.length === n) { inputs = rest; why = 'the others occur only as coefficients'; }
      else if (rotatedNames(eqs, coefficientsOnly, rest).length === n) {
        // u = x\cos\alpha - y\sin\alpha, v = x\sin\alpha + y\cos\alpha: every equation combines the
        // same n names (rotated, scaled); the others, only inside functions, are constants (the angle)
        inputs = rotatedNames(eqs, coefficientsOnly, rest);
        why = 'every equation combines these, each times a function of the others';
      }
      else if (angles.length === n) { inputs = angles; why = 'angles are taken as inputs'; }
      else if (mapLike(eqs, pool)) {
        // 8. the rules together: names with a sign of being an input (a domain, an angle, indexed
        // like the outputs) are inputs; of the others, reference values (λ_0, t_0) and names that
        // occur only as coefficients are constants. A map when that leaves exactly n names.
        const signs = new Set([...bounded, ...angles, ...(indexed ?? [])]);
        const reference = (x: string) => !signs.has(x) && REFERENCE.test(x);
        const coefficient = (x: string) => !signs.has(x) && coefficientsOnly.includes(x);
        const first = pool.filter((x) => !reference(x) && !(!signs.has(x) && constantLike(x)));
        const left = first.length === n ? first : first.filter((x) => !coefficient(x));
        if (left.length === n && left.some((x) => signs.has(x))) {
          inputs = left;
          why = left === first ? 'subscript 0 marks a reference value' : 'subscript 0 marks a reference value; the others occur only as coefficients';
        }
      }
    }
    if (!inputs) {
      if (pool.length > n && (directive || mapLike(eqs, pool))) {
        // a guess to start from: angles, names that are not only coefficients, names in every equation, the others in order
        const everywhere = pool.filter((s) => eqs.every((x) => x.syms.has(s)));
        const picked = new Set([...new Set([...angles, ...rest, ...everywhere, ...pool])].sort((a, b) => +constantLike(a) - +constantLike(b)).slice(0, n));
        const guess = pool.filter((s) => picked.has(s));
        const constants = pool.filter((s) => !guess.includes(s));
        const which = n === 1 ? 'which is the input' : `which ${n} are the inputs`;
        const directive = directiveText(guess.map(show), constants.map(show), cx.reading.texComments);
        yield undecided(eqs, `${n} equation${n === 1 ? '' : 's'} (${outputs.map(show).join(', ')}) in ${pool.map(show).join(', ')}: ${which} is not clear, so no map is made; say it in the note right before the formula, for example ${directive}`,
          { inputs: guess.map(show), constants: constants.map(show) });
      }
      return;
    }
  }
  if (inputs.length !== n || !eqs.some((x) => inputs!.some((v) => x.syms.has(v)))) return;
  // the order the note states, "in coordinates $(\tau, \sigma, \phi)$", else the order of appearance
  if (!directive?.inputs && !update) inputs = statedOrder(cx.reading, [...new Set(eqs.map((x) => x.f))], inputs);
  // z_A = z_1, z_B = z_2: names given to the inputs, not a map; nor u_x = v_y, u_y = -v_x (names
  // equal to other names or their negatives: relations between quantities, the Cauchy–Riemann equations)
  if (eqs.every((x) => signedName(x.e))) return;
  const constants = names.filter((s) => !inputs!.includes(s) && !own.has(s));
  const c: Candidate = {
    kind: 'candidate', form: 'system', name: null, nameAt: { f: eqs[0].f, span: eqs[0].st.sides[0].span }, variables: inputs, raw: eqs.map((x) => x.e),
    outputs: eqs.map((x) => shownName(x.f, x.name)),
    parts: [...new Set(eqs.map((x) => x.st))].map((st) => ({ f: eqs.find((x) => x.st === st)!.f, span: st.span })), claims: [...new Set(eqs.map((x) => x.st))],
    formulas: [...new Set(eqs.map((x) => x.f))], run: slice.run, lenient: true,
    ...(why ? { choice: { inputs, constants, why } } : {}),
  };
  yield c;
}

/**
 * The equations with each output used by a later one replaced by its formula, when every
 * equation uses a name that is no other output and uses only outputs defined before it:
 * `r = \sqrt{x^2 + y^2}, \; \theta = \arccos(x / r)`. Else null (a derivation: v = 2u).
 */
function putIn(eqs: readonly Eq[], own: ReadonlySet<string>): Eq[] | null {
  const done = new Map<string, Expr>();
  const out: Eq[] = [];
  for (const x of eqs) {
    // (an output may keep its own name as an input: z = z)
    const used = [...x.syms].filter((s) => own.has(s) && s !== x.name);
    if (used.length === x.syms.size || used.some((s) => !done.has(s))) return null;
    const e = used.length ? substitute(x.e, done) : x.e;
    out.push(used.length ? { ...x, e, syms: symbolsOf(e) } : x);
    done.set(x.name, e);
  }
  return out;
}

/**
 * `s` is a speed or a rate: a name other than a time that occurs in the equations, and only as
 * a factor of products with a time (ξ = x - c t: c; x' = x - v t: v; ω t inside a cosine).
 */
function timesTime(eqs: readonly Eq[], s: string): boolean {
  if (TIME.test(s)) return false;
  let seen = false;
  const ok = (e: Expr, timed: boolean): boolean => {
    if (e.k === 'sym') { if (e.name === s) seen = true; return e.name !== s || timed; }
    if (e.k === 'mul') {
      const withTime = e.args.some((a) => a.k === 'sym' && TIME.test(a.name));
      return e.args.every((a) => ok(a, withTime && a.k === 'sym'));
    }
    return children(e).every((c) => ok(c, false));
  };
  return eqs.every((x) => !x.syms.has(s) || ok(x.e, false)) && seen;
}

/** Why the names left out of `inputs` are constants: typical names of constants, or speeds and rates. */
function constantsWhy(pool: readonly string[], inputs: readonly string[]): string {
  const out = pool.filter((s) => !inputs.includes(s));
  const typical = out.filter((s) => TYPICAL_CONSTANT.test(s)).length, one = out.length === 1;
  if (typical === out.length) return one ? 'a typical name of a constant' : 'typical names of constants';
  if (!typical) return one ? 'it only multiplies the time: a speed or rate' : 'they only multiply the time: speeds or rates';
  return 'typical names of constants, or only multiplying the time: speeds or rates';
}

/** Output names that coordinates usually have (u, v; x, y, z; ρ, φ; ξ, η …), with indices or decorations. */
const COORDINATE = /^(?:[xyzuvwstrpqXYZUVWRST]|rho|theta|vartheta|phi|varphi|psi|xi|eta|zeta|tau|sigma|mu|nu|chi)(?:_?\d+|_[A-Za-z0-9]+)?$/;

/**
 * Equations whose inputs no rule settles look like a map, worth saying so (else they are
 * ordinary mathematics and stay quiet: F = m a, p = m v; v = v_0 + a t, x = x_0 + v_0 t):
 * two or more equations, tied together by the names they share, with outputs named like
 * coordinates (or one name with indices: y_1, y_2), and a name of the pool inside a function
 * (u = a r\cos\theta: a change of coordinates, not arithmetic between quantities).
 */
function mapLike(eqs: readonly Eq[], pool: readonly string[]): boolean {
  return eqs.some((x) => insideFunction(x.e, pool)) && coordinateLike(eqs, pool);
}

/**
 * Two or more equations with outputs named like coordinates (or one name with indices), tied
 * together by the names of the pool they share.
 */
function coordinateLike(eqs: readonly Eq[], pool: readonly string[]): boolean {
  if (eqs.length < 2) return false;
  const outputs = eqs.map((x) => x.name);
  const base = (s: string) => /^(.*?[^\d_])(?:_?\d+|_[A-Za-z0-9]+)$/.exec(s)?.[1];
  const oneBase = outputs.every((o) => base(o) !== undefined && base(o) === base(outputs[0]));
  if (!oneBase && !outputs.every((o) => COORDINATE.test(o))) return false;
  // tied together: every equation reaches every other through shared names of the pool
  const reached = new Set([0]);
  for (let grew = true; grew;) {
    grew = false;
    eqs.forEach((x, i) => {
      if (reached.has(i)) return;
      if ([...reached].some((j) => pool.some((s) => x.syms.has(s) && eqs[j].syms.has(s)))) { reached.add(i); grew = true; }
    });
  }
  return reached.size === eqs.length;
}

/** A name of `pool` inside a function call of `e` (\cos\theta, e^{s t} is a call of exp). */
function insideFunction(e: Expr, pool: readonly string[]): boolean {
  if (e.k === 'call') return e.args.some((a) => pool.some((s) => symbolsOf(a).has(s)));
  return children(e).some((c) => insideFunction(c, pool));
}

/**
 * One information for a system whose inputs are not clear, at the whole system (every
 * formula it spans), so a system split over displays is said once.
 */
function undecided(eqs: readonly Eq[], message: string, guess: { inputs: readonly string[]; constants: readonly string[] }): Declined {
  const starts = eqs.map((x) => x.f.seg.start + x.st.span[0]), ends = eqs.map((x) => x.f.seg.start + x.st.span[1]);
  const at = Math.min(...eqs.map((x) => x.f.seg.outerStart));
  return { kind: 'declined', reason: 'system.inputs', message, span: [Math.min(...starts), Math.max(...ends)], severity: 'info', statements: eqs.map((x) => x.st), guess: { ...guess, at } };
}

/**
 * A formula whose definitions are themselves a map: two or more equations, none using another's
 * name, in as many free names as equations (x = \sigma\tau, y = (\tau^2 - \sigma^2)/2). Its
 * names are that map's outputs, not values for other formulas: a later system in x, y has x
 * and y as inputs. (\gamma = 1/\sqrt{1 - \beta^2}, \beta = v/c is a derivation, so values.)
 */
function isMapFormula(f: Formula, byFormula: ReadonlyMap<Formula, OwnLocals>, defs: Definitions): boolean {
  // asked once per name and system: the answer is the formula's own (one note's formulas, one reading)
  let known = mapFormulas.get(f);
  if (known === undefined) mapFormulas.set(f, known = mapFormula(byFormula.get(f) ?? [], defs));
  return known;
}
const mapFormulas = new WeakMap<Formula, boolean>();

function mapFormula(own: OwnLocals, defs: Definitions): boolean {
  const mine = own.map((l) => l.syms);
  const names = new Set(own.map((l) => l.name));
  if (names.size < 2) return false;
  const free = new Set<string>();
  for (const syms of mine) {
    for (const u of syms) {
      if (names.has(u)) return false;
      if (!(u in CONSTANTS) && !defs.parameterNames.has(u)) free.add(u);
    }
  }
  return free.size === names.size;
}

/**
 * The names inside nested calls written as words: loc(scale(w_0)) -> [w_0], g(a, b) -> [a, b];
 * null when the side is not such a call.
 */
function callArguments(f: Formula, written: string): string[] | null {
  let s = written.trim();
  const word = /^(?:\\operatorname\{[A-Za-z]+\}|\\math[a-z]+\{[A-Za-z]+\}|\\?[A-Za-z]+)(?:_\{[^{}]*\}|_[A-Za-z0-9])?\s*(?:\\left\s*)?\(/;
  let depth = 0;
  for (let m = word.exec(s); m && depth < 8; m = word.exec(s)) {
    const close = s.endsWith('\\right)') ? '\\right)' : s.endsWith(')') ? ')' : null;
    if (!close) return null;
    s = s.slice(m[0].length, s.length - close.length).trim();
    depth++;
  }
  if (!depth) return null;
  const names = namesIn(f, s);
  return typeof names === 'string' ? null : names;
}

/** The directives of the formulas of one system, merged (the first that says inputs wins). */
function mergedDirective(ds: ReadonlyArray<Directive | undefined>): Directive | null {
  const given = ds.filter((d): d is Directive => !!d);
  if (!given.length) return null;
  return { inputs: given.find((d) => d.inputs)?.inputs ?? null, constants: given.flatMap((d) => d.constants), ignore: false };
}

/**
 * `s` occurs in `e` only as a factor of a product at the top (through sums, negations and
 * products): never inside a function, a power or a denominator.
 */
/**
 * The inputs in the order a tuple of them is written, in the system's formulas or in the inline
 * math of the prose next to a display system ("toroidal coordinates $(\tau, \sigma, \phi)$",
 * "$(r, \theta) \in (0, \infty) \times [0, 2\pi)$"); else as they are.
 */
function statedOrder(reading: Reading, fs: readonly Formula[], inputs: readonly string[]): string[] {
  const display = fs.every((f) => f.seg.display);
  const near = display ? reading.inlineAround(fs) : [];
  for (const f of [...fs, ...near]) {
    for (const st of f.statements) {
      const l = st.sides.length ? reading.lhs(f, st.sides[0]) : null;
      if (l?.k === 'names' && l.names.length === inputs.length && l.names.every((x) => inputs.includes(x))) return l.names;
    }
  }
  if (!display) return [...inputs];
  // a tuple alone in inline math, "its coordinates $(\tau, \sigma, \phi)$" (no relation: not a formula read)
  const bare = (t: string) => t.replace(/\\(?:left|right|[,;:!]|[a-z]*space)|[\s{}]/g, '');
  const byWritten = new Map(inputs.map((x) => [bare(fs[0].names.display.get(x) ?? x), x] as const));
  const first = fs.reduce((a, b) => (b.seg.outerStart < a.seg.outerStart ? b : a)), last = fs.reduce((a, b) => (b.seg.outerEnd > a.seg.outerEnd ? b : a));
  const { before, after } = reading.proseAround(first, last);
  for (const [a, b] of [before, after]) {
    for (const m of reading.text.slice(a, b).matchAll(/\$([^$]{3,160})\$/g)) {
      const t = bare(m[1]);
      if (!t.startsWith('(') || !t.endsWith(')')) continue;
      const order = t.slice(1, -1).split(',').map((x) => byWritten.get(x));
      if (order.length === inputs.length && order.every((x) => x !== undefined) && new Set(order).size === order.length) return order as string[];
    }
  }
  return [...inputs];
}

function onlyCoefficient(e: Expr, s: string): boolean {
  switch (e.k) {
    case 'sym': case 'num': return true;
    case 'add': case 'mul': return e.args.every((a) => onlyCoefficient(a, s));
    case 'neg': return onlyCoefficient(e.arg, s);
    default: return !symbolsOf(e).has(s);
  }
}

/**
 * The coefficient-only names that every equation uses, each of their terms a product of the
 * name and a function of the names in `inside` (x and y of a rotation by α); in pool order.
 */
function rotatedNames(eqs: readonly Eq[], coefficientsOnly: readonly string[], inside: readonly string[]): string[] {
  if (!inside.length) return [];
  const terms = (e: Expr): Expr[] => (e.k === 'add' ? e.args.flatMap(terms) : e.k === 'neg' ? terms(e.arg) : [e]);
  const factors = (e: Expr): Expr[] => (e.k === 'mul' ? e.args.flatMap(factors) : e.k === 'neg' ? factors(e.arg) : [e]);
  const scaled = (t: Expr, s: string) => {
    const fs = factors(t);
    return fs.some((x) => x.k === 'sym' && x.name === s) && fs.some((x) => x.k === 'call' && inside.some((v) => symbolsOf(x).has(v)));
  };
  return coefficientsOnly.filter((s) => eqs.every((x) => x.syms.has(s) && terms(x.e).every((t) => !symbolsOf(t).has(s) || scaled(t, s))));
}

/** Names of the pool with one base and the outputs' indices (w1, w2 -> r1, r2), in the outputs' order; else null. */
function indexedLike(outputs: readonly string[], pool: readonly string[]): string[] | null {
  const index = (s: string) => /^(.*?[^\d_])_?(\d+)$/.exec(s);
  const idx = outputs.map((o) => index(o)?.[2]);
  if (idx.some((k) => k === undefined) || new Set(idx).size !== idx.length) return null;
  const bases = new Map<string, Map<string, string>>();
  for (const s of pool) {
    const m = index(s);
    if (!m) continue;
    const b = bases.get(m[1]) ?? new Map<string, string>();
    b.set(m[2], s);
    bases.set(m[1], b);
  }
  const fits = [...bases.values()].filter((b) => idx.every((k) => b.has(k!)));
  return fits.length === 1 ? idx.map((k) => fits[0].get(k!)!) : null;
}

/**
 * Outputs that are input names with one mark (`x_d, y_d` of x, y: distorted; `x_{new}`): those
 * names, in the outputs' order; else null.
 */
function decoratedLike(outputs: readonly string[], pool: readonly string[]): string[] | null {
  const m = outputs.map((o) => /^(.+?)_([A-Za-z][A-Za-z0-9]*)$/.exec(o));
  if (m.some((x) => !x) || new Set(m.map((x) => x![2])).size !== 1) return null;
  const bases = m.map((x) => x![1]);
  return bases.every((b) => pool.includes(b)) && new Set(bases).size === bases.length ? bases : null;
}

/** A name, or its negative: `v_y`, `-v_x`. */
function signedName(e: Expr): boolean {
  return e.k === 'sym' || (e.k === 'neg' && e.arg.k === 'sym') || (e.k === 'mul' && e.args.length === 2 && e.args[0].k === 'num' && e.args[0].v === -1 && e.args[1].k === 'sym');
}

/** Bold names of a point (a position or a sample), not of a field such as a velocity v, a force F or a normal n. */
const POINT_VECTOR = /^(?:x|y|z|r|p|q|s|w)$/;

/**
 * \mathbf{x} = (r\sin\theta\cos\phi, r\sin\theta\sin\phi, r\cos\theta): a point written by its
 * coordinates is the system x_1 = …, x_2 = …, x_3 = … (its inputs inferred as for any system);
 * else the left side as read.
 */
function coordinatesOfVector(reading: Reading, f: Formula, st: Statement, lhs: Lhs | null): Lhs | null {
  if (lhs?.k !== 'name' || !f.names.vectors.has(lhs.name) || !POINT_VECTOR.test(lhs.name) || st.sides.length !== 2) return lhs;
  const v = reading.value(f, st.sides[1]);
  if (v.k !== 'tuple' || v.items.length < 2 || v.items.length > MAX_EQUATIONS) return lhs;
  return { k: 'names', names: v.items.map((_, k) => `${lhs.name}${k + 1}`) };
}

/**
 * The value of one name: an expression, also written wholly in parentheses (`x = \left(x + y\right)`,
 * `\theta = (\theta + p) \bmod 2\pi`: a tuple of one entry, which only groups).
 */
function scalarOf(v: Value): Value {
  return v.k === 'tuple' && v.bracketed && v.items.length === 1 && !v.acted ? { k: 'expr', e: v.items[0].e } : v;
}
