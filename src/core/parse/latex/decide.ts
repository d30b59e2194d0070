/**
 * The one place that says what is a map. From every recognizer's findings and the note's
 * definitions it makes the transforms and the problems, in this order:
 *  1. not-a-map claims silence their statements (no map, no diagnostic there);
 *  2. when candidates claim one statement, the earlier recognizer in RECOGNIZERS wins, the
 *     others are dropped silently;
 *  3. a primed system that restates some outputs of the last primed map, in its variables, is
 *     that map with those equations replaced (the rest carries over); one with other outputs
 *     that uses its variables (or is used by it), a sentence or less away, joins it: a system
 *     split over blocks (z_1' = z_1, then "and", then z_2' = z_2 e^{s(z_1)});
 *  4. maps without a name are f, or f_1, f_2, … in order (never a name the note gives a map);
 *  5. parameters, helpers and locals in scope (definitions.ts), resolved; free symbols are
 *     symbolic constants (said in `assumed`) where the form allows them, else no map; a map
 *     whose components depend on none of its variables is a constant, no map;
 *  6. domains of the map's run (domains.ts).
 * Declined findings become problems unless their statement is claimed or silenced; in inline
 * math only where their reason says so (a wrong arity inline is a mention, not a mistake).
 * Diagnostics come only from here.
 */
import { CONSTANTS, Expr, call, callsOf, mapExpr, symbolsOf } from '../../math/expr';
import { DEFAULT_DOMAIN, InputChoice, ParseResult, Piece, Problem, Severity, Transform, rangeKey } from '../../model';
import { conditionExprs, mapCondition } from '../../math/condition';
import { directiveText } from './directive';
import { readableName } from '../../format';
import { ResolveError, resolveComponents } from '../resolve';
import { Definitions, displayNamesOf, environmentOf, freeNamesSaid, keepUsedNames } from './definitions';
import { Statement } from './detect';
import { domainsOf, DomainOf } from './domains';
import { Candidate, Declined, Finding, Slice } from './recognizer';
import { Reading, Unreadable, docSpan } from './reading';
import { Span } from './tree';
import { ReadBudget, describeFailure, failureCode } from '../../limits';
import { buildVector } from './vectors';
import { compareNumerically } from '../../math/check';
import { buildAutoregressive } from './autoregressive';
import { composeFound } from './recognizers/composition';
import { readSigma, sigmaInNote } from './sigma';

/**
 * Reason codes of declined findings -> public Problem codes (stable: users and tests see
 * them), and whether the reason is worth saying in inline math.
 */
export const REASONS = {
  /** KaTeX cannot parse a display formula with `=`. */
  'detect.syntax': { code: 'parse', inline: false },
  /** A definition-like statement (`a = …`, `s(u) = …`) with a malformed right side. */
  'definition.syntax': { code: 'parse', inline: false },
  /** `f(x, y) = (…)` with a malformed bracketed right side. */
  'explicit.syntax': { code: 'parse', inline: true },
  /** `f(x, y) = (…)` with a number of components other than of variables. */
  'explicit.arity': { code: 'arity', inline: false },
  /** `f(x, y) = (x', …)`: an output on the right side. */
  'explicit.primed-output': { code: 'parse', inline: false },
  /** `(x, y) \mapsto …` with a malformed right side. */
  'mapsto.syntax': { code: 'parse', inline: true },
  /** `(x, y) \mapsto (…)` with a number of components other than of variables. */
  'mapsto.arity': { code: 'arity', inline: false },
  /** A head `f(x, y)` followed by another number of named outputs. */
  'named.arity': { code: 'arity', inline: false },
  /** A named output whose right side cannot be read. */
  'named.syntax': { code: 'parse', inline: false },
  /** A primed equation whose right side cannot be read (or is not computed: a warning). */
  'primed.syntax': { code: 'parse', inline: false },
  /** A primed equation with a tuple or matrix where one value belongs (or the other way round). */
  'primed.arity': { code: 'arity', inline: false },
  /** A primed name on the right side of a primed equation. */
  'primed.primed-output': { code: 'parse', inline: false },
  /** The same primed output twice in one run: the last one is used. */
  'primed.duplicate': { code: 'duplicate', inline: false },
  /** A composition with an ellipsis that has no layer on one side. */
  'composition.ellipsis': { code: 'compose', inline: false },
  /** A system of named outputs with more candidate inputs than outputs that no rule settles. */
  'system.inputs': { code: 'inputs', inline: false },
  /** A piece of a cases map whose value cannot be read. */
  'cases.syntax': { code: 'parse', inline: false },
  /** A condition of a cases map that is not read. */
  'cases.condition': { code: 'condition', inline: false },
  /** An indexed family x_i = … with more than one name that could be its input. */
  'autoregressive.input': { code: 'incomplete', inline: false },
  /** An indexed family whose coefficients do not all depend on one side of the index: J is not triangular. */
  'autoregressive.order': { code: 'incomplete', inline: false },
  /** A `<!-- jacobian: … -->` comment that cannot be read. */
  'directive.syntax': { code: 'directive', inline: true },
  /** An empty interval or one with bounds that are not numbers. */
  'domain.interval': { code: 'domain', inline: true },
  /** An equation of vectors and matrices with more than one vector that could be its input (y = A x + B z). */
  'vector.input': { code: 'incomplete', inline: false },
  /** A vector field dz/dt = … whose sizes do not fit (a 2×2 matrix times a vector of 3 entries). */
  'vectorfield.sizes': { code: 'incomplete', inline: false },
} as const;

export type Reason = keyof typeof REASONS;

/** What decide is given: the findings of every slice, in document order, each slice's in registry order. */
export interface SliceFindings {
  readonly slice: Slice;
  readonly findings: readonly Finding[];
}

export interface DecideOptions {
  readonly defaultDomain?: readonly [number, number];
  /** The document's reading budget: the maps past it are not built (the place is kept in it). */
  readonly budget?: ReadBudget;
}

export function decide(reading: Reading, defs: Definitions, defsDeclined: readonly Declined[], slices: readonly SliceFindings[], opts: DecideOptions = {}): ParseResult {
  const problems: Problem[] = [];
  const places = new Set<string>();
  const say = (message: string, span: Span, severity: Severity, code: string, inputChoice?: InputChoice): void => {
    const [a, b] = span[1] > span[0] ? span : [span[0], span[0] + 1];
    const range = reading.range(a, b);
    // one diagnostic per place (a named equation is both a definition and an output)
    const place = `${severity}@${rangeKey(range)}`;
    if (places.has(place)) return;
    places.add(place);
    problems.push({ message, range, severity, code, ...(inputChoice ? { inputChoice } : {}) });
  };

  // 1. silenced statements
  const silenced = new Set<Statement>();
  for (const { findings } of slices) for (const x of findings) if (x.kind === 'not-a-map') for (const st of x.statements) silenced.add(st);
  // <!-- jacobian: not a map --> before a formula
  for (const [f, d] of defs.directives) if (d.ignore) for (const st of f.statements) silenced.add(st);

  // 2, 3. candidates that stand, per slice
  const claimed = new Map<Statement, Candidate>();
  const kept: Array<{ slice: Slice; maps: Candidate[]; readonly declined: Declined[] }> = [];
  let lastPrimed: Candidate | null = null;
  // where the last primed map is kept (a join takes it out of there)
  let lastPrimedIn: { maps: Candidate[] } | null = null;
  for (const { slice, findings } of slices) {
    const here = { slice, maps: [] as Candidate[], declined: [] as Declined[] };
    const { maps, declined } = here;
    for (const x of findings) {
      if (x.kind === 'declined') { declined.push(x); continue; }
      if (x.kind !== 'candidate') continue;
      if (x.claims.some((st) => silenced.has(st) || (claimed.has(st) && claimed.get(st)!.form !== x.form))) continue;
      let c: Candidate = x;
      if (c.form === 'primed') {
        const last: Candidate | null = lastPrimed;
        const update = last && updateOf(last, c, defs.parameterNames);
        const joined = !update && last && joinOf(reading, last, c);
        if (update) c = update;
        else if (joined) {
          // the earlier part leaves the slice it was kept in
          const from = lastPrimedIn!.maps, i = from.indexOf(last!);
          if (i >= 0) from.splice(i, 1);
          c = joined;
        }
        lastPrimed = c;
        lastPrimedIn = here;
      }
      for (const st of c.claims) claimed.set(st, c);
      maps.push(c);
    }
    kept.push(here);
  }

  // problems: unreadable formulas, definitions, then each slice's declined findings and domains
  for (const u of reading.unreadable) {
    const p = unreadableProblem(u);
    if (p) say(p.message, p.span, p.severity, u.limit ? 'limit' : REASONS['detect.syntax'].code);
  }
  const sayDeclined = (d: Declined, inline: boolean): void => {
    const quiet = (st: Statement) => silenced.has(st) || claimed.has(st);
    if (d.statement && quiet(d.statement)) return;
    if (d.statements?.length && d.statements.every(quiet)) return;
    const reason = REASONS[d.reason];
    if (inline && !reason.inline) return;
    say(d.message, d.span, d.severity, reason.code, d.guess && choiceAt(reading, d.guess.inputs, d.guess.constants, d.guess.at));
  };
  for (const d of defsDeclined) sayDeclined(d, false);
  const domains = new Map<Candidate, DomainOf>();
  const dflt = opts.defaultDomain ?? DEFAULT_DOMAIN;
  // a domain written with a composition is the composition's (composition.ts)
  const composed = new Set(slices.flatMap((x) => x.findings).flatMap((x) => (x.kind === 'composition' ? [x.formula] : [])));
  for (const { slice, maps, declined } of kept) {
    for (const d of declined) sayDeclined(d, slice.inline);
    const r = domainsOf(reading, slice.formulas.filter((f) => !composed.has(f) || maps.some((m) => m.formulas.includes(f))), maps, dflt);
    for (const d of r.declined) sayDeclined(d, slice.inline);
    for (const [c, dom] of r.domains) domains.set(c, dom);
  }

  // 4, 5. names and transforms
  // y' = y, z' = z ("untouched"): equations that only restate their inputs are no map
  const restates = (c: Candidate) => (c.form === 'primed' || c.form === 'system') && c.raw.every((e, i) => e.k === 'sym' && e.name === c.variables[i]);
  const all = kept.flatMap((k) => k.maps).filter((c) => !restates(c));
  const anonymous = all.filter((d) => !d.name).length;
  // (nor a function the maps call: Newton's step x - f(x)/f'(x) is not itself f)
  const taken = new Set<string | null>(all.map((d) => d.name));
  for (const d of all) for (const e of d.raw) callsOf(e, taken as Set<string>);
  let k = 0;
  const fresh = (): string => {
    if (anonymous === 1 && !taken.has('f')) return 'f';
    let n: string;
    do n = `f_${++k}`; while (taken.has(n));
    return n;
  };
  const built: Array<{ c: Candidate; t: Transform }> = [];
  for (const c of all) {
    if (opts.budget && !opts.budget.allows()) { opts.budget.stopAt(reading.place(Math.min(docSpan(c.nameAt)[0], ...c.parts.map((p) => docSpan(p)[0])))); break; }
    const name = c.name ?? fresh();
    // each map on its own: a failure inside one is an error at its name, the others are built
    try {
      const t = build(reading, c, name, defs, domains.get(c), dflt, say);
      // \mathbf{f}(\mathbf{q}) = \mathbf{x}_d: formulas that use no variable are an equation to
      // solve or a value, no map
      if (t && t.components.some((e) => t.variables.some((v) => symbolsOf(e).has(v)))) built.push({ c, t });
    } catch (e) {
      say(describeFailure(name, e), docSpan(c.nameAt), 'error', failureCode(e));
    }
  }
  const transforms = withoutRestatements(built);
  // helpers of one variable by name (a note may compose thousands of times)
  const helpersNamed = new Map<string, Array<Definitions['helpers'][number]>>();
  for (const h of defs.helpers) {
    if (h.def.params.length !== 1) continue;
    const same = helpersNamed.get(h.name);
    if (same) same.push(h); else helpersNamed.set(h.name, [h]);
  }
  const oneVariable = (name: string, offset: number): Transform | undefined => {
    const all = helpersNamed.get(name) ?? [];
    const before = all.filter((h) => h.offset < offset);
    const h = before.length ? before[before.length - 1] : all[0];
    if (!h) return undefined;
    const at = { f: h.f, span: h.statement.span };
    const c: Candidate = {
      kind: 'candidate', form: 'helper', name, nameAt: { f: h.f, span: h.statement.sides[0].span }, variables: h.def.params, raw: [h.def.body],
      outputs: [], parts: [at], claims: [], formulas: [h.f], run: h.f.run, lenient: true,
    };
    try {
      return build(reading, c, name, defs, undefined, dflt, say) ?? undefined;
    } catch (e) {
      say(describeFailure(name, e), docSpan(c.nameAt), 'error', failureCode(e));
      return undefined;
    }
  };
  composeFound(reading, defs, slices, transforms, say, { oneVariable, defaultDomain: dflt });
  return { transforms, problems };
}

/** How many maps before a map are compared with it (a restatement stands near what it restates; a bounded look keeps a note of thousands of maps linear). */
const RESTATE_WINDOW = 4;

/**
 * A map the note states twice (`z \mapsto z^2` and then its parts `u = x^2 - y^2, v = 2xy`;
 * a polar map inline and then in an align block) is one map: the same variables, in order, and
 * components equal at random points. The one in display math stays (of two alike, the first),
 * with the name the note gives either; the anonymous names are given again in order.
 */
function withoutRestatements(built: ReadonlyArray<{ c: Candidate; t: Transform }>): Transform[] {
  const kept: Array<{ c: Candidate; t: Transform; name: string | null }> = [];
  const plain = (t: Transform) => !t.vector && !t.block && !t.pieces && !t.autoregressive && !t.field;
  const displayed = (c: Candidate) => c.formulas.some((f) => f.seg.display);
  for (const x of built) {
    let same = -1;
    if (plain(x.t)) {
      for (let i = kept.length - 1; i >= 0 && i >= kept.length - RESTATE_WINDOW && same < 0; i--) {
        const y = kept[i];
        if (plain(y.t) && y.t.variables.join() === x.t.variables.join() && sameMap(y.t, x.t)) same = i;
      }
    }
    if (same < 0) { kept.push({ ...x, name: x.c.name }); continue; }
    const y = kept[same];
    const name = y.name ?? x.c.name;
    if (displayed(x.c) && !displayed(y.c)) kept[same] = { ...x, name };
    else y.name = name;
  }
  if (kept.length === built.length) return built.map((x) => x.t);
  // names given again: f alone, else f_1, f_2, … (never a name the note gives a map)
  const taken = new Set<string | null>(kept.map((x) => x.name));
  for (const x of kept) for (const e of x.t.components) callsOf(e, taken as Set<string>);
  const unnamed = kept.filter((x) => !x.name).length;
  let k = 0;
  const named = (t: Transform, n: string): Transform => {
    if (n === t.name) return t;
    const display = { ...t.display };
    delete display[t.name];
    if (/^f_\d+$/.test(n)) display[n] = n.replace(/_(\d+)$/, '_{$1}');
    return { ...t, name: n, display };
  };
  return kept.map(({ t, name }) => {
    if (name) return named(t, name);
    if (unnamed === 1 && !taken.has('f')) return named(t, 'f');
    let n: string;
    do n = `f_${++k}`; while (taken.has(n));
    return named(t, n);
  });
}

/** Two maps of the same variables whose components agree at random points (symbolic constants given the same values). */
function sameMap(a: Transform, b: Transform): boolean {
  if (a.components.length !== b.components.length) return false;
  const freeSymbols = [...new Set([...a.freeSymbols, ...b.freeSymbols])];
  return a.components.every((e, i) => compareNumerically(b.components[i], e, { variables: a.variables, domain: a.domain, freeSymbols }) === 'equal');
}

/**
 * A primed system restating a proper subset of the outputs of `last`, using only its
 * variables, parameters and constants: `last` with those equations replaced.
 */
function updateOf(last: Candidate, c: Candidate, params: ReadonlySet<string>): Candidate | null {
  if (c.variables.length >= last.variables.length || !c.variables.every((v) => last.variables.includes(v))) return null;
  const uses = new Set<string>();
  for (const e of c.raw) symbolsOf(e, uses);
  if (![...uses].every((s) => last.variables.includes(s) || params.has(s) || s in CONSTANTS)) return null;
  return {
    ...c, variables: [...last.variables], outputs: last.outputs,
    raw: last.variables.map((v, i) => { const j = c.variables.indexOf(v); return j >= 0 ? c.raw[j] : last.raw[i]; }),
    formulas: [...new Set([...c.formulas, ...last.formulas])],
  };
}

/**
 * `c` and the earlier `last` as one system, when they have distinct variables, one uses the
 * other's, and at most a sentence stands between them.
 */
function joinOf(reading: Reading, last: Candidate, c: Candidate): Candidate | null {
  if (c.variables.some((v) => last.variables.includes(v))) return null;
  const uses = (a: Candidate, b: Candidate) => a.raw.some((e) => b.variables.some((v) => symbolsOf(e).has(v)));
  if (!uses(c, last) && !uses(last, c)) return null;
  const end = Math.max(...last.formulas.map((f) => f.seg.outerEnd));
  const start = Math.min(...c.formulas.map((f) => f.seg.outerStart));
  if (!reading.sentenceBetween(end, start)) return null;
  return {
    ...c, variables: [...last.variables, ...c.variables], raw: [...last.raw, ...c.raw], outputs: [...last.outputs, ...c.outputs],
    nameAt: last.nameAt, parts: [...last.parts, ...c.parts], claims: [...last.claims, ...c.claims],
    formulas: [...new Set([...last.formulas, ...c.formulas])],
  };
}

/**
 * A display formula with `=` that KaTeX cannot parse: an error where it looks like a
 * definition (a prime or a head f(x, y) before =, a tuple after it), else a warning, except a
 * command KaTeX does not know before the first `=` (a site's macro on a left side). Inline
 * math and formulas without `=` are prose.
 */
const UNKNOWN_COMMAND = / is not a command KaTeX knows$/;
/** KaTeX's complaint about a command written as a sub- or superscript without braces (MathJax takes it). */
const UNBRACED = /with no arguments as (?:sub|super)script/;

function unreadableProblem({ seg, error: e, limit }: Unreadable): { message: string; span: Span; severity: Severity } | null {
  if (limit) return { message: e.message, span: [seg.start, seg.end], severity: 'error' };
  if (!seg.display || !/=/.test(seg.content)) return null;
  // "end of input" errors point past the last character: point at the last one
  const last = seg.content.trimEnd().length - 1;
  const at = Math.max(0, Math.min(e.offset, last));
  // (each \s* next to an optional & is written so that it cannot backtrack against another: linear)
  const maplike = /'\s*(?:&\s*)?=|[A-Za-z}]\s*(\\left\s*)?\([^()=]*\)\s*(?:&\s*)?=|=\s*(\\left\s*)?[([]|=\s*\\begin\s*\{[pbB]?matrix\}/.test(seg.content);
  // a left side written with a command KaTeX does not know (`\Ex{Y} = m`: a site's own macro,
  // defined in its MathJax or KaTeX configuration) defines nothing a map could use: quiet
  if (!maplike && UNKNOWN_COMMAND.test(e.message) && e.offset < seg.content.indexOf('=')) return null;
  // p_\boldsymbol{\theta}: a command as a subscript without braces renders in MathJax (GitHub), not in KaTeX;
  // the note is not wrong, the reader is strict: said, not an error
  const strict = UNBRACED.test(e.message);
  return {
    message: `this formula cannot be read (${e.message}), so no map or definition in it is used${strict ? ': write braces around it, as in p_{\\boldsymbol{\\theta}}' : ''}`,
    span: [seg.start + at, seg.start + Math.min(at + e.length, last + 1)], severity: strict ? 'info' : maplike ? 'error' : 'warning',
  };
}

function build(
  reading: Reading, d: Candidate, name: string, defs: Definitions, dom: DomainOf | undefined, dflt: readonly [number, number],
  say: (message: string, span: Span, severity: Severity, code: string) => void,
): Transform | null {
  if (d.vector) return buildVector(reading, { ...d, vector: d.vector }, name, defs, dom, dflt, say);
  if (d.autoregressive) return buildAutoregressive(reading, { ...d, autoregressive: d.autoregressive }, name, defs, dflt, say);
  const spans = d.parts.map(docSpan);
  const start = Math.min(...spans.map((s) => s[0])), end = Math.max(...spans.map((s) => s[1]));
  const where = reading.range(start, end);
  const at = docSpan(d.nameAt);
  const env = environmentOf(d, defs, reading);
  let resolved: ReturnType<typeof resolveComponents>;
  // a piecewise map: every piece's components and conditions resolved together
  const pieceExprs = (d.pieces ?? []).map((p) => [...p.components, ...conditionExprs(p.condition)]);
  // \sigma(y - x): the sigmoid or σ times (y - x), as the note says, else by the form (sigma.ts)
  const sigma = readSigma([...d.raw, ...pieceExprs.flat()], d.formulas, sigmaInNote(reading, defs), !!d.field || d.form === 'system');
  try {
    resolved = resolveComponents(sigma.raw, d.variables, env);
  } catch (e) {
    if (e instanceof ResolveError) { say(e.message, [start, end], 'error', 'resolve'); return null; }
    throw e;
  }
  let at0 = d.raw.length;
  const pieces: Piece[] | undefined = d.pieces?.map((p, i) => {
    const all = resolved.components.slice(at0, at0 + pieceExprs[i].length);
    at0 += pieceExprs[i].length;
    let k = p.components.length;
    return { condition: mapCondition(p.condition, () => all[k++]), written: p.written, components: all.slice(0, p.components.length) };
  });
  // ‖z - z_0‖ of scalar names (a local name put in, r = \\|z - z_0\\|): the absolute value
  const scalarNorm = (e: Expr) => mapExpr(e, (x) => (x.k === 'call' && x.fn === 'norm' && !x.d && x.args.length === 1 ? call('abs', x.args[0]) : x));
  resolved = { ...resolved, components: resolved.components.slice(0, d.raw.length).map(scalarNorm) };
  if (resolved.freeSymbols.length && !d.lenient) return null;
  // x \mapsto c with nothing depending on x: a constant, not a map
  if (!resolved.components.some((c) => d.variables.some((v) => symbolsOf(c).has(v)))) return null;
  const display = displayNamesOf(d, reading);
  const assumed: string[] = sigma.assumed ? [sigma.assumed] : [];
  // a name the note never gives a value is a symbolic constant: det J keeps it, the preview asks for it
  const said = new Set(d.choice?.constants ?? []);
  if (d.choice) {
    const show = (xs: readonly string[]) => xs.map((s) => readableName(display[s] ?? s)).join(', ');
    // (not the names put in as formulas of the inputs: c_{12} = \cos(\theta_1 + \theta_2))
    const constants = d.choice.constants.filter((c) => { const v = env.parameters.get(c); return !v || !d.variables.some((x) => symbolsOf(v).has(x)); });
    assumed.push(`inputs ${show(d.choice.inputs)}${constants.length ? `; ${show(constants)} taken as constant${constants.length === 1 ? '' : 's'}` : ''} (${d.choice.why})`);
  }
  if (dom?.said) assumed.push(dom.said);
  const unsaid = resolved.freeSymbols.filter((s) => !said.has(s) && s !== d.field?.time);
  assumed.push(...freeNamesSaid(unsaid, env.later, (s) => readableName(display[s] ?? s), reading));
  keepUsedNames(display, [...d.variables, name, ...env.parameters.keys()], resolved.components);
  if (!(name in display) && /^f_\d+$/.test(name)) display[name] = name.replace(/_(\d+)$/, '_{$1}');
  // vectors: written bold or with an arrow, or every variable when ⊙ is used
  const elementwise = d.formulas.some((f) => f.names.ops.has('odot'));
  const vectors = d.variables.filter((v) => elementwise || d.formulas.some((f) => f.names.vectors.has(v)));
  // \times between vectors is a cross product, which no block map computes: not read
  if (vectors.length && !elementwise && d.formulas.some((f) => f.names.ops.has('times'))) return null;
  return {
    name,
    variables: d.variables,
    components: resolved.components,
    parameters: Object.fromEntries(env.parameters),
    helpers: env.functions.size ? Object.fromEntries(env.functions) : undefined,
    freeSymbols: resolved.freeSymbols,
    unknownFunctions: resolved.unknownFunctions,
    domain: dom?.domain ?? d.variables.map(() => [dflt[0], dflt[1]] as [number, number]),
    domainGiven: dom?.given ?? d.variables.map(() => false),
    ...(dom ? { domainOpen: dom.open } : {}),
    range: where,
    nameRange: reading.range(at[0], at[1]),
    notation: 'latex',
    display,
    outputs: d.outputs.length ? d.outputs : undefined,
    block: vectors.length ? { vectors } : undefined,
    ...(assumed.length ? { assumed } : {}),
    ...(d.field ? { field: d.field } : {}),
    ...(pieces ? { pieces } : {}),
    ...(d.choice ? { inputChoice: inputChoiceOf(reading, d, display) } : {}),
  };
}

/** The comment that states the chosen inputs, and the start of the line of the map's first formula. */
function inputChoiceOf(reading: Reading, d: Candidate, display: Readonly<Record<string, string>>): InputChoice {
  const first = d.formulas.reduce((a, b) => (b.seg.outerStart < a.seg.outerStart ? b : a));
  const latex = (xs: readonly string[]) => xs.map((s) => display[s] ?? s);
  return choiceAt(reading, latex(d.choice!.inputs), latex(d.choice!.constants), first.seg.outerStart);
}

/** The directive stating these inputs and constants (LaTeX as written), at the start of the line of document offset `offset`. */
function choiceAt(reading: Reading, inputs: readonly string[], constants: readonly string[], offset: number): InputChoice {
  return { directive: directiveText(inputs, constants, reading.texComments), at: { line: reading.range(offset, offset).start.line, character: 0 } };
}
