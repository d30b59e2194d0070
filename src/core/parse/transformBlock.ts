/**
 * The ```transform block front end (plain math syntax).
 *
 *     # comments
 *     a = 0.5                                   parameters
 *     s(u) = tanh(a u)                          helper functions
 *     polar(r, theta) = (r cos(theta), r sin(theta))     named maps
 *     (x, y) -> (x + y, x - y)                  anonymous maps
 *     x' = x + y, y' = y  (one a line)          a primed system: a map f of (x, y)
 *     f(x) = x^3                                n = 1: the last single-valued definition
 *     domain: r in [0.1, 2], theta in [-pi, pi]     or 0.1 < r < 2
 */
import { Expr, callsOf, mapExpr, someExpr } from '../math/expr';
import { VECTOR_CALLS } from '../math/vector/typed';
import { Assumption, CompositionLayer, DEFAULT_DOMAIN, FunctionDef, MatrixKind, ParseResult, Problem, Range, Transform, VectorSpec } from '../model';
import { ComposeError, composeTransform } from '../compose';
import { Chain, ChainError, readCallChain, readChain } from './composition';
import { ExprSyntaxError, parsePlainExpr, parsePlainValue, parseVectorExpr } from './plainExpr';
import { matrixKindOf } from './matrixKinds';
import { ElaborationError, readSpec, vectorParts } from './vectorMap';
import { constantValue, resolveComponents, ResolveError, Environment } from './resolve';
import { describeFailure, failureCode } from '../limits';
import { GREEK_LETTERS } from '../greek';
import { IDENT, SourceLine, Stmt, slice, splitTopLevel, statements, stmtRange, trim, tupleItems } from './statements';

/** A bound written as a plain decimal number (-2, 0.5, 1e-3), read by Number() as the parser would. */
const PLAIN_NUMBER = /^\s*[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?\s*$/;

export interface BlockOptions {
  readonly defaultDomain?: readonly [number, number];
  /** Maps of the document's other blocks that a composition may name (the one nearest to `line`). */
  readonly outside?: (name: string, line: number) => Transform | undefined;
}

/** A block's transforms and problems; `unresolved`: a composition names maps this block does not define. */
export interface BlockResult extends ParseResult {
  readonly unresolved: boolean;
}

interface MapDef {
  name: string;
  params: string[];
  raw: Expr[];
  stmt: Stmt;
  nameRange: Range;
  rhs: Stmt;
  domainStmts: Stmt[];
  /** A vector field dz/dt = …: the time variable's name. */
  field?: { time: string };
  /** A composition's layers in application order (innermost first), with where each is named. */
  layers?: Array<{ name: string; where: Range }>;
}

/** What the block says about vectors and matrices, and assumptions. */
interface VectorFacts {
  readonly declared: Map<string, NonNullable<VectorSpec['declared']>[string]>;
  readonly values: Map<string, Expr[][]>;
  readonly matrixFunctions: Map<string, { params: string[]; rows: Expr[][] }>;
  readonly kinds: Map<string, MatrixKind>;
  readonly assumptions: Assumption[];
}

/** A composition as written, decided once every map of the block is known. */
interface ChainDraft { name: string; params: string[] | null; chain: Chain; stmt: Stmt; nameRange: Range; rhs: Stmt }

class BlockError extends Error {
  constructor(message: string, readonly where: Range) { super(message); }
}

const ARROW = /^(->|↦|→|\|->)/;

export function parseTransformBlock(lines: readonly SourceLine[], opts: BlockOptions = {}): BlockResult {
  const problems: Problem[] = [];
  const error = (message: string, where: Range, code = 'parse') => problems.push({ message, range: where, severity: 'error', code });

  const parameters = new Map<string, Expr>();
  const functions = new Map<string, FunctionDef>();
  const funcStmts: Array<{ name: string; def: FunctionDef; stmt: Stmt; nameRange: Range; rhs: Stmt }> = [];
  const maps: MapDef[] = [];
  const domains: Stmt[] = [];
  const chains: ChainDraft[] = [];
  const facts: VectorFacts = { declared: new Map(), values: new Map(), matrixFunctions: new Map(), kinds: new Map(), assumptions: [] };
  const fieldDefs: Array<{ v: string; time: string; e: Expr; stmt: Stmt; nameRange: Range; rhs: Stmt }> = [];
  const primedDefs: Array<{ v: string; e: Expr; stmt: Stmt; nameRange: Range; rhs: Stmt }> = [];
  // f(x, y) = [x + y, x - y]: as many entries as variables (a map if nothing uses it as a matrix function)
  const vectorDefs: Array<{ name: string; params: string[]; raw: Expr[]; stmt: Stmt; nameRange: Range; rhs: Stmt }> = [];
  const arrayValue = (s: Stmt): Expr[][] | null => {
    if (!s.text.startsWith('[')) return null;
    try {
      const v = parsePlainValue(s.text, { transpose: true });
      return v.k === 'array' ? v.rows : null;
    } catch (e) {
      if (e instanceof ExprSyntaxError) throw new BlockError(e.message, stmtRange(s, e.offset, e.offset + e.length));
      throw e;
    }
  };

  const parseExpr = (s: Stmt): Expr => {
    try {
      return parseVectorExpr(s.text);
    } catch (e) {
      if (e instanceof ExprSyntaxError) throw new BlockError(e.message, stmtRange(s, e.offset, e.offset + e.length));
      throw e;
    }
  };
  const parseParams = (s: Stmt): string[] => {
    // a Greek letter is written by its name here, and shown as the letter: say which name
    const greekHint = (text: string): string => {
      const names = [...new Set([...text].flatMap((ch) => Object.keys(GREEK_LETTERS).filter((k) => GREEK_LETTERS[k] === ch).slice(0, 1)))];
      return names.length ? `; write a Greek letter by its name: ${names.map((k) => `${k} (typeset ${GREEK_LETTERS[k]})`).join(', ')}` : '';
    };
    const names: string[] = [];
    if (!s.text.trim()) return names;
    for (const [a, b] of splitTopLevel(s.text)) {
      const p = trim(slice(s, a, b));
      if (!IDENT.test(p.text)) throw new BlockError(`"${p.text}" is not a variable name (use letters, digits and _${greekHint(p.text)})`, stmtRange(p));
      if (names.includes(p.text)) throw new BlockError(`the variable ${p.text} appears twice`, stmtRange(p));
      names.push(p.text);
    }
    return names;
  };
  const components = (rhs: Stmt): Expr[] => (tupleItems(rhs) ?? [rhs]).map((c) => {
    if (!c.text) throw new BlockError('an empty component', stmtRange(rhs));
    return parseExpr(c);
  });

  for (const stmt of statements(lines)) {
    try {
      const t = stmt.text;
      let m: RegExpExecArray | null;
      // "domain: x in [-1, 1]"; the colon may be left out ("domain x in [-1, 1]")
      if ((m = /^domain(?:\s*:|\s+(?=[A-Za-z\\(\d.+-]))/i.exec(t))) {
        const spec = slice(stmt, m[0].length);
        domains.push(spec);
        continue;
      }
      if ((m = /^assume(?:\s*:|\s+(?=[A-Za-z\\(\d.+-]))/i.exec(t))) {
        facts.assumptions.push(...parseAssumptions(slice(stmt, m[0].length), parseExpr));
        continue;
      }
      if ((m = DECLARATION.exec(t))) {
        declare(facts, m, stmt);
        continue;
      }
      // L is unit lower triangular, R is a rotation
      const kind = (m = KIND.exec(t)) ? matrixKindOf(m[2]) : null;
      if (m && kind) {
        for (const name of m[1].split(',').map((x) => x.trim())) facts.kinds.set(name, kind);
        continue;
      }
      if ((m = FIELD.exec(t))) {
        const rhs = trim(slice(stmt, m[0].length));
        if (!rhs.text) throw new BlockError(`d${m[1]}/d${m[2]} = needs a right-hand side`, stmtRange(stmt));
        fieldDefs.push({ v: m[1], time: m[2], e: parseExpr(rhs), stmt, nameRange: stmtRange(stmt, 0, m[0].length - 1), rhs });
        continue;
      }
      // x' = …, y' = …: the outputs of a primed system (as in LaTeX), one a line
      if ((m = PRIMED.exec(t))) {
        const rhs = trim(slice(stmt, m[0].length));
        if (!rhs.text) throw new BlockError(`${m[1]}' = needs a right-hand side`, stmtRange(stmt));
        primedDefs.push({ v: m[1], e: parseExpr(rhs), stmt, nameRange: stmtRange(stmt, 0, m[1].length + 1), rhs });
        continue;
      }
      // Anonymous map: (x, y) -> (...), or x -> x^3
      if (t.startsWith('(') || /^[A-Za-z_]\w*\s*(->|↦|→|\|->)/.test(t)) {
        let paramsStmt: Stmt, after: number;
        if (t.startsWith('(')) {
          const close = t.indexOf(')');
          if (close < 0) throw new BlockError('a closing parenthesis ) is missing', stmtRange(stmt, 0, 1));
          paramsStmt = slice(stmt, 1, close);
          after = close + 1;
        } else {
          const id = /^[A-Za-z_]\w*/.exec(t)![0];
          paramsStmt = slice(stmt, 0, id.length);
          after = id.length;
        }
        const rest = trim(slice(stmt, after));
        const arrow = ARROW.exec(rest.text);
        if (arrow) {
          const rhs = trim(slice(rest, arrow[0].length));
          const params = parseParams(paramsStmt);
          maps.push({ name: 'f', params, raw: components(rhs), stmt, nameRange: stmtRange(stmt, 0, after), rhs, domainStmts: [] });
          continue;
        }
      }
      // name(params) = rhs
      if ((m = /^([A-Za-z_]\w*)\s*\(([^()]*)\)\s*=(?!=)/.exec(t))) {
        const name = m[1];
        const open = t.indexOf('(');
        const params = parseParams(slice(stmt, open + 1, open + 1 + m[2].length));
        const rhs = trim(slice(stmt, m[0].length));
        const nameRange = stmtRange(stmt, 0, name.length);
        if (!rhs.text) throw new BlockError(`${name}(${m[2]}) = needs a right-hand side`, stmtRange(stmt));
        const array = arrayValue(rhs);
        if (array) {
          facts.matrixFunctions.set(name, { params, rows: array });
          const entries = array.length === 1 ? array[0] : array.every((r) => r.length === 1) ? array.map((r) => r[0]) : null;
          if (entries && entries.length === params.length) vectorDefs.push({ name, params, raw: entries, stmt, nameRange, rhs });
          continue;
        }
        const items = tupleItems(rhs);
        const calls = items ? null : readCallChain(rhs.text, params);
        if (calls && calls.length > 1) chains.push({ name, params, chain: { names: calls, op: 'o' }, stmt, nameRange, rhs });
        if (items && items.length > 1) {
          maps.push({ name, params, raw: components(rhs), stmt, nameRange, rhs, domainStmts: [] });
        } else {
          const def: FunctionDef = { params, body: parseExpr(items ? items[0] : rhs) };
          functions.set(name, def);
          funcStmts.push({ name, def, stmt, nameRange, rhs });
        }
        continue;
      }
      // parameter = value
      if ((m = /^([A-Za-z_]\w*)\s*=(?!=)/.exec(t))) {
        const rhs = trim(slice(stmt, m[0].length));
        if (!rhs.text) throw new BlockError(`${m[1]} = needs a value`, stmtRange(stmt));
        const array = arrayValue(rhs);
        if (array) { facts.values.set(m[1], array); continue; }
        // F = d ∘ R ∘ c (d o R o c: decided below, when the maps are known)
        const chain = readBlockChain(rhs);
        if (chain) {
          chains.push({ name: m[1], params: null, chain, stmt, nameRange: stmtRange(stmt, 0, m[1].length), rhs });
          if (chain.op === '∘') continue;
        }
        parameters.set(m[1], parseExpr(rhs));
        continue;
      }
      throw new BlockError(
        'expected a map like polar(r, theta) = (r cos(theta), r sin(theta)) or (x, y) -> (x + y, x - y), ' +
        "a parameter like a = 0.5 or W = [[2, 1], [0, 1]], a helper like s(u) = tanh(u), a system like x' = x + y, y' = y (a line each), a field like dz/dt = A z, " +
        'x, u in R^n, L is unit lower triangular, assume: a > 0, or domain: x in [-1, 1]', stmtRange(stmt));
    } catch (e) {
      if (e instanceof BlockError) error(e.message, e.where);
      else error(describeFailure('This line', e), stmtRange(stmt), failureCode(e));
    }
  }

  const unresolved = decideChains(chains, maps, functions, funcStmts, parameters, opts);
  // Single-valued definitions that nothing uses are maps R -> R (or an arity mistake);
  // the ones that maps or other helpers call are helpers.
  const used = new Set<string>();
  const visit = (e: Expr) => { for (const f of callsOf(e)) if (!used.has(f)) { used.add(f); const h = functions.get(f); if (h) visit(h.body); } };
  for (const m of maps) m.raw.forEach(visit);
  for (const f of funcStmts) if (f.def.params.length !== 1) visit(f.def.body);
  for (const f of funcStmts) if (!used.has(f.name) && f.def.params.length === 1 && ![...functions.values()].some((h) => h !== f.def && callsOf(h.body).has(f.name))) {
    functions.delete(f.name);
    maps.push({ name: f.name, params: [...f.def.params], raw: [f.def.body], stmt: f.stmt, nameRange: f.nameRange, rhs: f.rhs, domainStmts: [] });
  }
  // f(x, y) = [x + y, x - y] that no map, helper or other matrix function calls is a map written
  // with brackets (as code writes it), not a matrix function
  const called = new Set<string>();
  for (const m of maps) m.raw.forEach((e) => callsOf(e, called));
  for (const f of funcStmts) callsOf(f.def.body, called);
  for (const e of [...facts.matrixFunctions.values()].flatMap((mf) => mf.rows.flat())) callsOf(e, called);
  for (const v of vectorDefs) {
    if (called.has(v.name)) continue;
    facts.matrixFunctions.delete(v.name);
    maps.push({ name: v.name, params: v.params, raw: v.raw, stmt: v.stmt, nameRange: v.nameRange, rhs: v.rhs, domainStmts: [] });
  }
  if (fieldDefs.length) {
    const f0 = fieldDefs[0];
    const names = fieldDefs.map((f) => f.v);
    const dup = names.find((v, i) => names.indexOf(v) !== i);
    if (dup) error(`d${dup}/d${f0.time} is given twice`, stmtRange(fieldDefs[names.lastIndexOf(dup)].stmt));
    else maps.push({
      name: fieldDefs.length === 1 ? `d${f0.v}/d${f0.time}` : `d(${names.join(', ')})/d${f0.time}`, params: names, raw: fieldDefs.map((f) => f.e),
      stmt: f0.stmt, nameRange: f0.nameRange, rhs: fieldDefs[fieldDefs.length - 1].rhs, domainStmts: [], field: { time: f0.time },
    });
  }
  if (primedDefs.length) {
    const names = primedDefs.map((f) => f.v);
    const dup = names.find((v, i) => names.indexOf(v) !== i);
    if (dup) error(`${dup}' is given twice: a primed system gives each output once`, stmtRange(primedDefs[names.lastIndexOf(dup)].stmt), 'duplicate');
    else maps.push({ name: 'f', params: names, raw: primedDefs.map((f) => f.e), stmt: primedDefs[0].stmt, nameRange: primedDefs[0].nameRange, rhs: primedDefs[primedDefs.length - 1].rhs, domainStmts: [] });
  }
  maps.sort((a, b) => a.stmt.positions[0].line - b.stmt.positions[0].line);
  // A domain line applies to the nearest map above it, or to the first map when none is above.
  const lineOf = (x: Stmt) => x.positions[0].line;
  for (const d of domains) {
    const above = maps.filter((m) => lineOf(m.stmt) < lineOf(d));
    const target = above.length ? above[above.length - 1] : maps[0];
    if (target) target.domainStmts.push(d);
    // when a line of the block could not be read, that error is the one to fix (it may be the map)
    else if (!problems.some((p) => p.severity === 'error')) error('this domain line has no map to apply to', stmtRange(d), 'domain');
  }
  if (maps.length === 0 && problems.length === 0 && (parameters.size || functions.size)) {
    const where = funcStmts[0]?.stmt ?? null;
    if (where) error('this block defines helpers but no map: add one like f(x, y) = (..., ...)', stmtRange(where));
  }

  const env: Environment = { parameters, functions };
  const transforms: Transform[] = [];
  const built = new Map<MapDef, Transform>();
  for (const m of maps) {
    if (m.layers) continue;
    // each map on its own: a failure inside one is an error at it, the others are read
    try {
      // in a map of coordinates, x' is a name (as in LaTeX); a transpose needs a vector or a matrix
      if (m.raw.length > 1) m.raw = m.raw.map((e) => primesAsNames(e, facts));
      const v = buildVectorTransform(m, env, facts, opts, problems);
      const t = v === null ? buildTransform(m, env, facts, opts, problems) : v === 'failed' ? null : v;
      if (t) { transforms.push(t); built.set(m, t); }
    } catch (e) {
      error(describeFailure(m.name, e), stmtRange(m.stmt), failureCode(e));
    }
  }
  // compositions, in order (a later one may compose an earlier one)
  for (const m of maps) {
    if (!m.layers) continue;
    try {
      const t = buildComposition(m, maps, built, env, opts, problems);
      if (t) { transforms.push(t); built.set(m, t); }
    } catch (e) {
      error(describeFailure(m.name, e), stmtRange(m.stmt), failureCode(e));
    }
  }
  return { transforms, problems, unresolved };
}

/** `F = d ∘ R ∘ c` with its ellipsis errors as BlockErrors. */
function readBlockChain(rhs: Stmt): Chain | null {
  try {
    return readChain(rhs.text);
  } catch (e) {
    if (e instanceof ChainError) throw new BlockError(e.message, stmtRange(rhs, e.from, e.to));
    throw e;
  }
}

/**
 * Which written chains are compositions: `∘` always; `d o R o c` and `F(x, y) = d(R(c(x, y)))`
 * when every name is a map (of this block, or of another block of the document); those stay a
 * parameter or a helper otherwise. Returns whether some name is left for the other blocks.
 */
function decideChains(chains: readonly ChainDraft[], maps: MapDef[], functions: Map<string, FunctionDef>,
  funcStmts: Array<{ name: string; def: FunctionDef; stmt: Stmt }>, parameters: Map<string, Expr>, opts: BlockOptions): boolean {
  let unresolved = false;
  const line = (s: Stmt) => s.positions[0].line;
  // maps of R^n (n >= 2) are known by now; with ∘, a one-variable definition is a map R -> R too
  const isMap = (name: string, c: ChainDraft) => maps.some((m) => m.name === name) || chains.some((o) => o !== c && o.name === name) ||
    (c.chain.op === '∘' && functions.get(name)?.params.length === 1) || !!opts.outside?.(name, line(c.stmt));
  for (const c of chains) {
    const unknown = c.chain.names.filter((n) => !isMap(n.name, c));
    if (c.chain.op === 'o' && unknown.length) {
      // not a composition (yet): a helper or a parameter as read; other blocks may define the names
      if (!opts.outside && unknown.every((n) => !functions.has(n.name))) unresolved = true;
      continue;
    }
    if (unknown.length && !opts.outside) unresolved = true;
    if (c.params) {
      functions.delete(c.name);
      const i = funcStmts.findIndex((f) => f.stmt === c.stmt);
      if (i >= 0) funcStmts.splice(i, 1);
    } else parameters.delete(c.name);
    maps.push({
      name: c.name, params: c.params ?? [], raw: [], stmt: c.stmt, nameRange: c.nameRange, rhs: c.rhs, domainStmts: [],
      layers: [...c.chain.names].reverse().map((n) => ({ name: n.name, where: stmtRange(c.rhs, n.from, n.to) })),
    });
  }
  return unresolved;
}

/** A composition's Transform: its layers looked up (this block first, the nearest definition), then composed. */
function buildComposition(m: MapDef, maps: readonly MapDef[], built: ReadonlyMap<MapDef, Transform>, env: Environment, opts: BlockOptions, problems: Problem[]): Transform | null {
  const here = m.stmt.positions[0].line;
  const err = (message: string, r: Range, code = 'compose') => { problems.push({ message, range: r, severity: 'error', code }); return null; };
  const layers: CompositionLayer[] = [];
  for (const l of m.layers!) {
    const candidates = maps.filter((d) => d !== m && d.name === l.name && built.has(d));
    const before = candidates.filter((d) => d.stmt.positions[0].line < here);
    const def = before.length ? before[before.length - 1] : candidates[0];
    const t = def ? built.get(def) : opts.outside?.(l.name, here);
    if (!t) {
      if (maps.some((d) => d !== m && d.name === l.name)) return null; // that map has its own error
      return err(`${l.name} is not a map defined in this note: define it in a \`\`\`transform block, as ${l.name}(x, y) = (…, …)`, l.where);
    }
    // a composition as a layer: its layers
    if (t.composition) layers.push(...t.composition.layers); else layers.push({ name: l.name, transform: t });
  }
  let domain: Array<[number, number]> | undefined, given: boolean[] | undefined, open: Array<[boolean, boolean]> | undefined;
  const vars = m.params.length ? m.params : layers[0].transform.variables;
  if (m.domainStmts.length) {
    const first = layers[0].transform;
    domain = first.domain.map(([a, b]) => [a, b]);
    given = [...first.domainGiven];
    open = first.domainOpen ? first.domainOpen.map(([a, b]) => [a, b]) : vars.map(() => [false, false]);
    for (const d of m.domainStmts) parseDomain(d, vars, env, domain, given, problems, open);
  }
  try {
    return composeTransform({
      name: m.name, layers, variables: m.params.length ? m.params : undefined, range: stmtRange(m.stmt), nameRange: m.nameRange,
      notation: 'transform', domain, domainGiven: given, domainOpen: open,
    });
  } catch (e) {
    if (e instanceof ComposeError) return err(e.message, stmtRange(m.rhs));
    throw e;
  }
}

/** Names of the vector vocabulary, or of names the block gives as vectors or matrices. */
function vectorNames(facts: VectorFacts): string[] {
  return [...facts.values.keys(), ...[...facts.declared].filter(([, d]) => d.k !== 'scalar').map(([k]) => k), ...facts.kinds.keys()];
}

/**
 * A map written with vectors and matrices (W x + b, z + u tanh(w' z + b)): its Transform, or
 * 'failed' (a problem was reported), or null when nothing in it is a vector.
 */
function buildVectorTransform(m: MapDef, env: Environment, facts: VectorFacts, opts: BlockOptions, problems: Problem[]): Transform | 'failed' | null {
  const names = vectorNames(facts);
  const vocabulary = m.raw.some((e) => someExpr(e, (x) => x.k === 'call' && (VECTOR_CALLS.has(x.fn) || facts.matrixFunctions.has(x.fn))));
  if (!names.length && !vocabulary) return null;
  const where = stmtRange(m.stmt);
  const err = (message: string, r: Range, code = 'parse'): 'failed' => { problems.push({ message, range: r, severity: 'error', code }); return 'failed'; };
  let resolved;
  try {
    // vectors and matrices are not parameters: W(x + b) is a product
    resolved = resolveComponents(m.raw, [...m.params, ...names], env);
  } catch (e) {
    if (e instanceof ResolveError) return err(e.message, where, 'resolve');
    throw e;
  }
  const spec: Omit<VectorSpec, 'size'> = {
    variables: m.params, components: resolved.components,
    declared: Object.fromEntries(facts.declared), values: Object.fromEntries(facts.values),
    matrixFunctions: Object.fromEntries(facts.matrixFunctions), kinds: Object.fromEntries(facts.kinds),
    scalars: [...env.parameters.keys()],
  };
  let el;
  try {
    el = readSpec(spec);
  } catch (e) {
    if (e instanceof ElaborationError) return err(`${m.name}: ${e.message}`, stmtRange(m.rhs));
    throw e;
  }
  if (!el) return null;
  const parts = vectorParts(el, spec);
  const dflt = opts.defaultDomain ?? DEFAULT_DOMAIN;
  // a domain is given per written variable (x in [-1, 1] is every entry of x)
  const domain: Array<[number, number]> = m.params.map(() => [dflt[0], dflt[1]]);
  const given = m.params.map(() => false);
  const open = m.params.map((): [boolean, boolean] => [false, false]);
  for (const d of m.domainStmts) parseDomain(d, m.params, env, domain, given, problems, open);
  const at = (v: string) => m.params.indexOf(v);
  // one warning for the names without values (a symbolic planar flow has several)
  const free = parts.freeSymbols.filter((s) => s !== m.field?.time);
  if (free.length) {
    const shaped = (s: string) => { const sh = el.shapes.get(s); return sh && sh.k !== 'scalar'; };
    const example = shaped(free[0]) ? `${free[0]} = ${el.shapes.get(free[0])!.k === 'matrix' ? '[[1, 0], [0, 1]]' : '[1, 0]'}` : `${free[0]} = 1`;
    problems.push({
      message: `${free.join(', ')} ${free.length === 1 ? 'has' : 'have'} no value: J and det J are given with ${free.length === 1 ? 'it' : 'them'} as symbols. Define ${free.length === 1 ? 'it' : 'them'} on a line before the map (${example}) to preview the map`,
      range: where, severity: 'warning', code: 'free-symbol',
    });
  }
  return {
    name: m.name,
    variables: parts.variables,
    components: parts.components,
    parameters: Object.fromEntries(env.parameters),
    helpers: Object.fromEntries(env.functions),
    freeSymbols: parts.freeSymbols,
    unknownFunctions: parts.unknownFunctions,
    domain: parts.owner.map((o) => [...domain[at(o)]] as [number, number]),
    domainGiven: parts.owner.map((o) => given[at(o)]),
    domainOpen: parts.owner.map((o) => [...open[at(o)]] as [boolean, boolean]),
    range: where,
    nameRange: m.nameRange,
    notation: 'transform',
    display: parts.display,
    vector: { ...spec, size: parts.size },
    ...(m.field ? { field: { time: m.field.time } } : {}),
    ...(facts.assumptions.length ? { assumptions: facts.assumptions } : {}),
  };
}

const DECLARATION = /^([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s*(?:in|∈)\s*(?:R|ℝ)\b\s*(?:\^\s*(.+))?$/;
const KIND = /^([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s+(?:is|are)\s+(.+)$/;
const FIELD = /^d\s*([A-Za-z_]\w*)\s*\/\s*d\s*([A-Za-z_]\w*)\s*=(?!=)/;
const PRIMED = /^([A-Za-z_]\w*)'\s*=(?!=)/;

/**
 * `x'` of a name the block does not make a vector or a matrix (declared in R^n, or given
 * entries) is the name x' (a map of coordinates has numbers for components: their primes are
 * names, as in LaTeX); a transpose of a bracket or of a vector stays one.
 */
function primesAsNames(e: Expr, facts: VectorFacts): Expr {
  // (no transpose: the tree as it is, not rebuilt node by node)
  if (!someExpr(e, (x) => x.k === 'call' && x.fn === 'transpose')) return e;
  const shaped = (name: string) => facts.declared.has(name) || facts.values.has(name) || facts.matrixFunctions.has(name);
  return mapExpr(e, (x) => (x.k === 'call' && x.fn === 'transpose' && !x.d && x.args.length === 1 && x.args[0].k === 'sym' && !shaped(x.args[0].name)
    ? { k: 'sym', name: `${x.args[0].name}'` } : x));
}

/** x, u in R^n; W in R^(n x m); b in R^3; a in R. */
function declare(facts: VectorFacts, m: RegExpExecArray, stmt: Stmt): void {
  const names = m[1].split(',').map((x) => x.trim());
  // the brackets around the size and the spaces around its separators taken off (by hand: linear)
  let size = (m[2] ?? '').trim();
  if (/^[({]/.test(size)) size = size.slice(1).trimStart();
  if (/[)}]$/.test(size)) size = size.slice(0, -1).trimEnd();
  const parts = size ? size.split(/x|×|\*|,/).map((p) => p.trim()) : [];
  const dim = (p: string): number | string => {
    if (/^\d+$/.test(p) && Number(p) > 0) return Number(p);
    if (/^[A-Za-z_]\w*$/.test(p)) return p;
    throw new BlockError(`"${p}" is not a size (a whole number or a name such as n)`, stmtRange(stmt));
  };
  if (parts.length > 2) throw new BlockError('a size is n (a vector) or n x m (a matrix)', stmtRange(stmt));
  for (const name of names) {
    if (parts.length === 0) facts.declared.set(name, { k: 'scalar' });
    else if (parts.length === 1) facts.declared.set(name, { k: 'vector', n: dim(parts[0]) });
    else facts.declared.set(name, { k: 'matrix', r: dim(parts[0]), c: dim(parts[1]) });
  }
}

const RELATIONS: ReadonlyArray<readonly [string, Assumption['rel']]> = [
  ['>=', '>='], ['<=', '<='], ['!=', '!='], ['≥', '>='], ['≤', '<='], ['≠', '!='], ['>', '>'], ['<', '<'],
];

/** assume: s > 0, a != 0, w' u >= -1 */
function parseAssumptions(spec: Stmt, parseExpr: (s: Stmt) => Expr): Assumption[] {
  const out: Assumption[] = [];
  for (const [a, b] of splitTopLevel(spec.text)) {
    const item = trim(slice(spec, a, b));
    if (!item.text) continue;
    const hit = RELATIONS.map(([op, rel]) => ({ op, rel, at: item.text.indexOf(op) })).filter((x) => x.at > 0).sort((x, y) => x.at - y.at || y.op.length - x.op.length)[0];
    if (!hit) throw new BlockError('an assumption compares two sides: a > 0, a != 0, w\' u >= -1', stmtRange(item));
    const lhs = trim(slice(item, 0, hit.at)), rhs = trim(slice(item, hit.at + hit.op.length));
    out.push({ lhs: parseExpr(lhs), rel: hit.rel, rhs: parseExpr(rhs), text: item.text });
  }
  return out;
}

function buildTransform(m: MapDef, env: Environment, facts: VectorFacts, opts: BlockOptions, problems: Problem[]): Transform | null {
  const where = stmtRange(m.stmt);
  const n = m.params.length;
  const err = (message: string, r: Range, code = 'parse') => { problems.push({ message, range: r, severity: 'error', code }); return null; };
  if (n === 0) return err(`${m.name} has no variables`, m.nameRange);
  if (m.raw.length !== n) {
    return err(
      `${m.name} has ${n} variable${n === 1 ? '' : 's'} but ${m.raw.length} component${m.raw.length === 1 ? '' : 's'}: ` +
      `a map R^n -> R^n needs one component per variable`, stmtRange(m.rhs), 'arity');
  }
  let resolved;
  try {
    resolved = resolveComponents(m.raw, m.params, env);
  } catch (e) {
    if (e instanceof ResolveError) return err(e.message, where, 'resolve');
    throw e;
  }
  const dflt = opts.defaultDomain ?? DEFAULT_DOMAIN;
  const domain: Array<[number, number]> = m.params.map(() => [dflt[0], dflt[1]]);
  const given = m.params.map(() => false);
  const open = m.params.map((): [boolean, boolean] => [false, false]);
  for (const d of m.domainStmts) parseDomain(d, m.params, env, domain, given, problems, open);
  for (const s of resolved.freeSymbols) {
    if (s === m.field?.time) continue;
    problems.push({
      message: s.endsWith("'")
        ? `${s} has no value: it is treated as a symbolic constant (in a map of coordinates a prime is part of a name; for a transpose, declare ${s.replace(/'+$/, '')} a vector: ${s.replace(/'+$/, '')} in R^n)`
        : `${s} has no value: it is treated as a symbolic constant. Define it on a line before the map (${s} = 1) to preview the map`,
      range: where, severity: 'warning', code: 'free-symbol',
    });
  }
  return {
    name: m.name,
    variables: m.params,
    components: resolved.components,
    parameters: Object.fromEntries(env.parameters),
    helpers: Object.fromEntries(env.functions),
    freeSymbols: resolved.freeSymbols,
    unknownFunctions: resolved.unknownFunctions,
    domain,
    domainGiven: given,
    domainOpen: open,
    range: where,
    nameRange: m.nameRange,
    notation: 'transform',
    ...(m.field ? { field: { time: m.field.time } } : {}),
    ...(facts.assumptions.length ? { assumptions: facts.assumptions } : {}),
  };
}

const IN_INTERVAL = /^([A-Za-z_]\w*)\s*(?:in|∈|\\in)\s*([[(])(.*)([\])])$/;
/**
 * `lo < x <= hi` as the match of /^(.+?)\s*(<=|<|≤)\s*([A-Za-z_]\w*)\s*(<=|<|≤)\s*(.+)$/ would
 * give it ([whole, lo, rel, x, rel, hi]), found in one pass (that expression backtracks on
 * long runs of spaces).
 */
const CHAIN = { exec(t: string): string[] | null {
  const ws = (i: number) => /\s/.test(t[i] ?? '');
  const rel = (i: number) => (t.startsWith('<=', i) ? '<=' : t[i] === '<' || t[i] === '≤' ? t[i] : null);
  for (let r = 0; r < t.length; r++) {
    const r1 = rel(r);
    if (!r1) continue;
    let k = r;
    while (k > 0 && ws(k - 1)) k--;
    k = Math.max(1, k);
    if (k > r) continue;
    let i = r + r1.length;
    while (ws(i)) i++;
    if (!/[A-Za-z_]/.test(t[i] ?? '')) continue;
    const a = i;
    while (/\w/.test(t[i] ?? '')) i++;
    const name = t.slice(a, i);
    while (ws(i)) i++;
    let r2 = rel(i);
    if (!r2) continue;
    if (r2 === '<=' && i + 2 >= t.length) r2 = '<';
    let h = i + r2.length;
    if (h >= t.length) continue;
    while (h < t.length && ws(h)) h++;
    if (h === t.length) h = t.length - 1;
    return [t, t.slice(0, k), r1, name, r2, t.slice(h)];
  }
  return null;
} };

/** `x in [a, b]`, `x ∈ (a, b)` or `a < x < b`, comma-separated. */
export function parseDomain(
  spec: Stmt, variables: readonly string[], env: Environment | undefined,
  domain: Array<[number, number]>, given: boolean[], problems: Problem[], open?: Array<[boolean, boolean]>,
): void {
  const err = (message: string, s: Stmt) => problems.push({ message, range: stmtRange(s), severity: 'error', code: 'domain' });
  for (const [a, b] of splitTopLevel(spec.text)) {
    const item = trim(slice(spec, a, b));
    if (!item.text) continue;
    let name: string, lo: Stmt, hi: Stmt, ends: [boolean, boolean];
    let m: string[] | null = IN_INTERVAL.exec(item.text);
    if (m) {
      name = m[1];
      ends = [m[2] === '(', m[4] === ')'];
      const inner = slice(item, item.text.indexOf(m[2], m[1].length) + 1, item.text.length - 1);
      const parts = splitTopLevel(inner.text);
      if (parts.length !== 2) { err(`write the interval of ${name} as [lo, hi]`, item); continue; }
      lo = trim(slice(inner, parts[0][0], parts[0][1]));
      hi = trim(slice(inner, parts[1][0], parts[1][1]));
    } else if ((m = CHAIN.exec(item.text))) {
      name = m[3];
      ends = [m[2] === '<', m[4] === '<'];
      lo = trim(slice(item, 0, m[1].length));
      const hiStart = item.text.lastIndexOf(m[5]);
      hi = trim(slice(item, hiStart));
    } else {
      err('expected x in [lo, hi] or lo < x < hi', item);
      continue;
    }
    const i = variables.indexOf(name);
    if (i < 0) { err(`${name} is not a variable of this map (its variables are ${variables.join(', ')})`, item); continue; }
    const val = (s: Stmt): number | null => {
      // a plain decimal literal (most bounds) is its own value: no parse
      const plain = PLAIN_NUMBER.test(s.text) ? Number(s.text) : NaN;
      if (Number.isFinite(plain)) return plain;
      try {
        const v = constantValue(parsePlainExpr(s.text), env);
        if (v === null) err(`the bound "${s.text}" must be a finite number (pi, e and parameters are allowed)`, s);
        return v;
      } catch (e) {
        err(e instanceof ExprSyntaxError ? `the bound "${s.text}": ${e.message}` : describeFailure(`The bound "${s.text.slice(0, 40)}"`, e), s);
        return null;
      }
    };
    const l = val(lo), h = val(hi);
    if (l === null || h === null) continue;
    if (!(l < h)) { err(`the interval of ${name} is empty: ${l} is not below ${h}`, item); continue; }
    domain[i] = [l, h];
    given[i] = true;
    if (open) open[i] = ends;
  }
}
