/**
 * vector: one equation of vectors and matrices, a layer of any dimension (math/vector/).
 *
 *     f(\mathbf{x}) = \mathbf{W}\mathbf{x} + \mathbf{b}           reads f of the vector x: det J = det W
 *     \mathbf{z}' = \mathbf{z} + \mathbf{u}\,h(\mathbf{w}^\top\mathbf{z} + b)    a planar flow
 *     z' = z + \beta (\alpha + \|z - z_0\|)^{-1} (z - z_0)          shapes read from use: a radial flow
 *     \mathbf{z} = \mathbf{W}\mathbf{x}                            output z, input x (the vector W acts on)
 *     (x', y', 1)^\top = T (x, y, 1)^\top                          homogeneous coordinates: a map of (x, y)
 *     f(\mathbf{x}) = \mathbf{W}\mathbf{x} with a 2×2 W and 3 entries in x   declined: sizes
 *
 * Bold lower-case names are vectors, bold capitals matrices; entries given in the note
 * (`\mathbf{W} = \begin{pmatrix}…\end{pmatrix}`, `\mathbf{b} = (1, 0, -1)^\top`) fix the size,
 * written inside the formula too. A capital right before the variable is a matrix (z' = H z);
 * the prose beside the formula may name its kind (Householder, a rotation). Claimed only when
 * something in it needs the vector engine (a matrix, a transpose, a norm, a vector other than
 * the variable): elementwise maps of bold names stay block maps (explicit, primed). A primed
 * equation that is part of a system (its variable used by another primed equation of the
 * slice, or another's output used in it) is left to `primed`.
 */
import { Expr, callsOf, children, mul, pow, rebuild, someExpr, sym, symbolsOf } from '../../../math/expr';
import { compileClosure } from '../../../math/numeric';
import { Declared, Elaborated, ElaborationError, elaborate } from '../../../math/vector/elaborate';
import { coordinates } from '../../../math/vector/coords';
import { T, VECTOR_CALLS } from '../../../math/vector/typed';
import type { MatrixKind } from '../../../model';
import { Definitions } from '../definitions';
import { DEFINE, Part, Statement } from '../detect';
import { PRIME } from '../expr';
import { Candidate, Finding, NotAMap, Recognizer, Slice, declined } from '../recognizer';
import { Formula, Reading, shownName } from '../reading';
import { givenValue, kindNear, latestInScope, readVectorSide, statedKinds, vectorFacts } from '../vectors';

type Left =
  | { readonly k: 'head'; readonly name: string; readonly variable: string }
  | { readonly k: 'primed'; readonly base: string }
  | { readonly k: 'output'; readonly name: string }
  | { readonly k: 'homogeneous'; readonly bases: string[]; readonly outputs?: string[] };

const isCapital = (s: string) => /^[A-Z]/.test(s);

export const vector: Recognizer = {
  name: 'vector',
  scope: 'statement',
  inline: true,
  *recognize(slice: Slice, reading: Reading, defs: Definitions): Iterable<Finding> {
    const primedRhs = primedStatements(slice, reading);
    for (const f of slice.formulas) {
      // \mathbf{y} = \left\{ y_{1:d} = …, y_{d+1:D} = … \right.: the rows of a system under a head are the system's
      const underHead = f.statements.some((st) => st.beforeSystem);
      for (const st of f.statements) {
        if (!DEFINE.has(st.rels[0] ?? '') || st.sides.length !== 2 || (underHead && !st.beforeSystem)) continue;
        const left = leftOf(reading, f, st.sides[0]);
        if (!left) continue;
        const literals = new Map<string, Expr[][]>();
        const read = readVectorSide(reading, f, st.sides[1], literals);
        if (!read) continue;
        const e = greekProducts(matrixTimesTuple(read, reading, defs, literals), defs, { f, reading });
        // a tuple or column of components is an explicit map, not a vector layer
        if (left.k !== 'homogeneous' && e.k === 'sym' && literals.has(e.name)) continue;
        if (left.k === 'homogeneous') {
          const c = homogeneous(slice, f, st, left, e, literals, reading, defs);
          if (c) yield c;
          continue;
        }
        // a primed equation of a system is primed's
        if (left.k === 'primed' && primedRhs.some((o) => o.st !== st && o.base !== left.base && (symbolsOf(e).has(o.base) || o.uses.has(left.base)))) continue;
        const found = layer(slice, reading, defs, f, st, left, e, literals);
        if (found) yield found;
      }
    }
  },
  examples: [
    {
      note: '$$ \\begin{pmatrix} x\' \\\\ y\' \\\\ 1 \\end{pmatrix} = \\begin{pmatrix} 2 & 1 & 3 \\\\ 0 & 1 & -1 \\\\ 0 & 0 & 1 \\end{pmatrix} \\begin{pmatrix} x \\\\ y \\\\ 1 \\end{pmatrix} $$',
      reads: { variables: ['x', 'y'], components: ['2 x + y + 3', 'y - 1'] },
    },
    { note: '$$ \\mathbf{y} = \\mathbf{A}\\mathbf{x} + \\mathbf{B}\\mathbf{z} $$', declines: 'input' },
  ],
};

/**
 * T (x, y, 1)^\top with T a matrix the note gives by its entries: T times the column, not a call
 * of a function T (the parser reads a name before parentheses as a call).
 */
function matrixTimesTuple(e: Expr, reading: Reading, defs: Definitions, literals: Map<string, Expr[][]>): Expr {
  const { values, functions } = vectorFacts(reading, defs);
  const matrix = (fn: string) => values.some((v) => v.name === fn && v.rows.length > 1 && v.rows[0].length > 1) && !functions.some((x) => x.name === fn);
  const go = (x: Expr): Expr => {
    const inner = x.k === 'call' && x.fn === 'transpose' && x.args.length === 1 ? x.args[0] : x;
    if (inner.k === 'call' && !inner.d && inner.args.length >= 2 && matrix(inner.fn)) {
      const name = `__lit${literals.size}`;
      literals.set(name, inner.args.map((a) => [go(a)]));
      return mul(sym(inner.fn), sym(name));
    }
    const kids = children(x);
    return kids.length ? rebuild(x, kids.map(go)) : x;
  };
  return go(e);
}

/** Calls whose value is a number whatever their arguments: a norm, an inner product, a determinant, a trace, a sum. */
const SCALAR_CALLS: ReadonlySet<string> = new Set(['norm', 'dot', 'det', 'trace', 'sum', 'prod', 'dim']);

/**
 * A norm, a trace…, or a row times a column at the top: `\|\mathbf{z}\|`, `\mathbf{w}^\top \mathbf{z}`;
 * also powers, products, sums and negatives of those and numbers (a loss `\|r\|^2`, `\tfrac12 \|y - Xw\|^2 + \lambda\|w\|^2`).
 */
/**
 * The formula gives `name` an interval, `t \in [0, 1]` (a number, not a vector: \mathbb{R}^n is no
 * interval); inline, also the formula right after it in the sentence ("$\mathbf{z}(t) = …$, $t \in [0, 1]$").
 */
function inInterval(reading: Reading, f: Formula, name: string): boolean {
  const next = f.seg.display ? undefined : reading.formulaAfter(f);
  const beside = next && !next.seg.display && /^\s*,?\s*$/.test(reading.text.slice(f.seg.outerEnd, next.seg.outerStart));
  return [f, ...(beside ? [next] : [])].some((g) => givesInterval(reading, g, name));
}

function givesInterval(reading: Reading, f: Formula, name: string): boolean {
  return f.statements.some((st) => {
    if (st.rels.length !== 1 || st.rels[0] !== '\\in' || st.sides.length !== 2) return false;
    const l = reading.lhs(f, st.sides[0]);
    const items = st.sides[1].items.filter((x) => x.t !== 'gap');
    return l?.k === 'name' && l.name === name && items.length > 2 && items[0].t === 'open' && (items[0].d === '[' || items[0].d === '(') &&
      items[items.length - 1].t === 'close' && items.some((x) => x.t === 'punct' && x.ch === ',');
  });
}

function scalarValued(e: Expr): boolean {
  if (e.k === 'call') return SCALAR_CALLS.has(e.fn);
  if (e.k === 'pow') return scalarValued(e.base);
  if (e.k === 'neg') return scalarValued(e.arg);
  const number = (a: Expr) => symbolsOf(a).size === 0 && callsOf(a).size === 0;
  if (e.k === 'add') return e.args.every((a) => number(a) || scalarValued(a));
  if (e.k === 'mul' && e.args.some(scalarValued)) return e.args.every((a) => number(a) || scalarValued(a) || (a.k === 'sym' && !isCapital(a.name)) || (a.k === 'pow' && a.base.k === 'sym' && !isCapital(a.base.name)));
  const [first, second] = e.k === 'mul' && e.args.length === 2 ? e.args : [];
  return !!first && first.k === 'call' && first.fn === 'transpose' && first.args[0].k === 'sym' && !isCapital(first.args[0].name) && second.k === 'sym' && !isCapital(second.name);
}

const GREEK = /^(alpha|beta|gamma|delta|epsilon|varepsilon|zeta|eta|theta|vartheta|iota|kappa|lambda|mu|nu|xi|rho|varrho|sigma|tau|upsilon|phi|varphi|chi|psi|omega)$/;

/**
 * \beta (\alpha + r)^{-1}: a Greek letter before parentheses is a number times them, not a
 * function; so is a bold capital (\mathbf{L}(\mathbf{U} + …) is L times the sum) unless the
 * note defines it as a matrix function by its entries.
 */
export function greekProducts(e: Expr, defs: Definitions, ctx?: { f: Formula; reading: Reading }): Expr {
  const helpers = new Set(defs.helpers.map((h) => h.name));
  const functions = ctx ? new Set(vectorFacts(ctx.reading, defs).functions.map((x) => x.name)) : new Set<string>();
  const matrix = (fn: string) => !!ctx && isCapital(fn) && ctx.f.names.vectors.has(fn) && !functions.has(fn);
  const greek = (x: Expr): x is Extract<Expr, { k: 'call' }> => x.k === 'call' && !x.d && x.args.length === 1 && (GREEK.test(x.fn) || matrix(x.fn)) && !helpers.has(x.fn);
  const go = (x: Expr): Expr => {
    // \beta (\alpha + r)^{-1}: the power is the parenthesis's
    if (x.k === 'pow' && greek(x.base)) return mul(sym(x.base.fn), pow(go(x.base.args[0]), go(x.exp)));
    if (greek(x)) return mul(sym(x.fn), go(x.args[0]));
    const kids = children(x);
    return kids.length ? rebuild(x, kids.map(go)) : x;
  };
  return go(e);
}

function childrenT(t: T): readonly T[] {
  switch (t.op) {
    case 'add': case 'mul': case 'had': case 'call': return t.args;
    case 'pow': return [t.base, t.exp];
    case 'neg': case 'tr': case 'norm': case 'diag': case 'red': return [t.a];
    default: return [];
  }
}

function leftOf(reading: Reading, f: Formula, p: Part): Left | null {
  const l = reading.lhs(f, p);
  if (l?.k === 'head' && l.params.length === 1) return { k: 'head', name: l.name, variable: l.params[0] };
  if (l?.k === 'primed') return { k: 'primed', base: l.base };
  // \dot{z} = …: a time derivative (vectorfield's), never a map's output
  if (l?.k === 'name' && !/._dot$/.test(l.name)) return { k: 'output', name: l.name };
  // (x', y', 1): homogeneous coordinates
  const v = reading.value(f, p);
  if (v.k === 'tuple' && v.items.length >= 3) {
    const last = v.items[v.items.length - 1].e;
    const bases = v.items.slice(0, -1).map((x) => (x.e.k === 'sym' && x.e.name.endsWith(PRIME) ? x.e.name.replace(/'+$/, '') : null));
    if (last.k === 'num' && last.v === 1 && bases.every((b): b is string => b !== null)) return { k: 'homogeneous', bases };
    // (u, v, 1) = T (x, y, 1): outputs named without primes, the inputs those of the right side
    const names = v.items.slice(0, -1).map((x) => (x.e.k === 'sym' && !x.e.name.endsWith(PRIME) ? x.e.name : null));
    if (last.k === 'num' && last.v === 1 && names.every((b): b is string => b !== null) && new Set(names).size === names.length) return { k: 'homogeneous', bases: [], outputs: names };
  }
  return null;
}

/** The primed equations of a slice: their outputs and the names they use. */
function primedStatements(slice: Slice, reading: Reading): Array<{ st: Statement; base: string; uses: Set<string> }> {
  const out: Array<{ st: Statement; base: string; uses: Set<string> }> = [];
  for (const { f, st, lhs: l } of reading.definitions(slice.formulas)) {
    if (l?.k !== 'primed') continue;
    const v = reading.value(f, st.sides[st.sides.length - 1]);
    const uses = new Set<string>();
    if (v.k === 'expr') symbolsOf(v.e, uses);
    else {
      const e = readVectorSide(reading, f, st.sides[st.sides.length - 1], new Map());
      if (e) symbolsOf(e, uses);
    }
    out.push({ st, base: l.base, uses });
  }
  return out;
}

/** What the note says about the names of `e`: shapes (bold), given entries, matrix functions, kinds. */
export function factsFor(reading: Reading, defs: Definitions, f: Formula, e: Expr, at: number, literals: ReadonlyMap<string, Expr[][]>) {
  const facts = vectorFacts(reading, defs);
  const declared: Record<string, Declared> = {};
  const values: Record<string, Expr[][]> = Object.fromEntries(literals);
  for (const s of symbolsOf(e)) {
    const bold = f.names.vectors.has(s);
    const given = givenValue(facts, s, bold, at, reading, [f]);
    if (given) values[s] = given.rows;
    // \mathbf{I} without entries is the identity
    if (bold && !(s === 'I' && !given)) declared[s] = isCapital(s) ? { k: 'matrix' } : { k: 'vector' };
    // W \in \mathbb{R}^{c \times c}: a plain name stated a matrix (or a vector), the latest above, else the first below
    else if (!bold && !given) {
      const stated = facts.shapes.filter((x) => x.name === s);
      const shape = stated.filter((x) => x.offset < at).pop() ?? stated[0];
      if (shape) declared[s] = { k: shape.k };
    }
  }
  const matrixFunctions: Record<string, { params: string[]; rows: Expr[][] }> = {};
  for (const c of callsOf(e)) {
    const fn = latestInScope(facts.functions.filter((x) => x.name === c), at, reading, [f]);
    if (fn) matrixFunctions[c] = { params: fn.params, rows: fn.rows };
  }
  return { declared, values, matrixFunctions };
}

function layer(slice: Slice, reading: Reading, defs: Definitions, f: Formula, st: Statement, left: Exclude<Left, { k: 'homogeneous' }>, e: Expr, literals: ReadonlyMap<string, Expr[][]>): Candidate | NotAMap | ReturnType<typeof declined> | null {
  const at = f.seg.start + st.span[0];
  const { declared, values, matrixFunctions } = factsFor(reading, defs, f, e, at, literals);
  const vocabulary = someExpr(e, (x) => x.k === 'call' && VECTOR_CALLS.has(x.fn)) || literals.size > 0;
  const scalars = new Set([...defs.parameterNames].filter((p) => !(p in declared) && !(p in values)));
  const env = (variables: readonly string[]) => ({
    declared: new Map(Object.entries(declared)), values: new Map(Object.entries(values)), matrixFunctions: new Map(Object.entries(matrixFunctions)),
    scalars: new Set([...scalars].filter((s) => !variables.includes(s))), capitalsAreMatrices: left.k !== 'output',
  });
  const strong = Object.keys(declared).length > 0 || Object.keys(values).length > 0 || Object.keys(matrixFunctions).length > 0 || vocabulary;
  let variable: string;
  // L(\mathbf{w}) = \tfrac12 \|\mathbf{r}\|^2 + \lambda \|\mathbf{w}\|^2: a number of a vector (a loss), no map
  if (left.k === 'head' && scalarValued(e)) return null;
  // \mathbf{g}(t) = \mathbf{f}(\mathbf{x} + t\mathbf{h}), \quad t \in [0, 1]: a number given an interval beside it
  // is a parameter along a curve (R -> R^n), not the vector of a map
  if (left.k === 'head' && inInterval(reading, f, left.variable)) {
    const bold = [...symbolsOf(e), ...callsOf(e)].some((x) => f.names.vectors.has(x));
    return bold ? { kind: 'not-a-map', form: 'vector', what: 'trajectory', statements: [st] } : null;
  }
  if (left.k === 'head') variable = left.variable;
  else if (left.k === 'primed') {
    // u'_{1:d} = v_{1:d}: a primed output whose formula does not use its unprimed name is no update of it
    if (!symbolsOf(e).has(left.base)) return null;
    variable = left.base;
  }
  else {
    // r = \|\mathbf{z} - \mathbf{z}_0\|, s = \mathbf{w}^\top\mathbf{z}: a plain name given a number of vectors is a scalar quantity, no map
    if (!f.names.vectors.has(left.name) && scalarValued(e)) return null;
    // z = W x: the output is bold (or the formula has a matrix); the input is the one vector without entries the matrix acts on
    const pick = inputOf(e, left.name, env([]));
    if (pick === null) return null;
    if (Array.isArray(pick)) {
      return strong && pick.length > 1 ? declined('vector.input', `not read as a map: ${pick.join(' or ')} could be its input (write it as f(${pick[0]}) = …)`, { f, span: st.span }, 'info', st) : null;
    }
    // r = y - X w with the note fitting w (\min_w, \arg\min_w, \nabla_w) or X stated n × d: a relation of data, no map
    if (fitted(reading, f.names.display.get(pick) ?? pick) || nonSquareOn(e, pick, reading)) return { kind: 'not-a-map', form: 'vector', what: 'data', statements: [st] };
    variable = pick;
  }
  let el;
  let sizes: string | null = null;
  try {
    el = elaborate([variable], [e], env([variable]));
  } catch (err) {
    if (!(err instanceof ElaborationError)) throw err;
    if (!strong) return null;
    // s(\mathbf{v}) = (\mathbf{v}/\|\mathbf{v}\|)^\top \mathbf{B} (…): a number of a vector (a quadratic form), a function, no map
    if (left.k === 'head' && err.message.startsWith(`the formula for ${variable} is a number`)) return null;
    // g(t) = f((1 - t)\mathbf{x} + t\mathbf{y}): a plain name among bold vectors is a number (a curve, a function of it), no map
    if (left.k === 'head' && !f.names.vectors.has(variable) && [...symbolsOf(e)].some((x) => f.names.vectors.has(x) && /^[a-z]/.test(x))) return null;
    // sizes that do not fit: claimed (no other reading of it), decide says why it is no map
    sizes = err.message;
    el = null;
  }
  const others = el ? [...el.shapes.keys()].filter((k) => k !== variable) : Object.keys(declared).filter((k) => k !== variable);
  const matrices = el ? others.filter((k) => el!.shapes.get(k)!.k === 'matrix') : [];
  if (el && el.variables[0].s.k !== 'vector') return null;
  if (!sizes) {
    if (!el) return null;
    if (!others.length && !vocabulary && !Object.keys(matrixFunctions).length) return null;
    if (left.k === 'output' && !matrices.length && !vocabulary && !Object.keys(matrixFunctions).length) return null;
  }
  const kinds = kindsOf(reading, f, el, values);
  const display = (n: string) => f.names.display.get(n) ?? n;
  return {
    kind: 'candidate', form: 'vector', name: left.k === 'head' ? left.name : null, nameAt: { f, span: st.sides[0].span },
    variables: [variable], raw: [e],
    outputs: left.k === 'primed' ? [`${display(left.base)}${PRIME}`] : left.k === 'output' ? [display(left.name)] : [],
    parts: [{ f, span: st.span }], claims: [st], formulas: [f], run: slice.run, lenient: true,
    vector: { declared, values, matrixFunctions, kinds, shaped: [...others, variable] },
  };
}

/**
 * Kinds of the matrices of a formula's elaboration: stated in the note, or named beside the
 * formula for its one matrix without entries. The identity (the elaborator's `eye`: \mathbf{I}
 * without entries) is never the matrix the prose names: "Householder: (I - 2vv^T/‖v‖²) x".
 */
export function kindsOf(reading: Reading, f: Formula, el: Elaborated | null, values: Readonly<Record<string, unknown>>): Record<string, MatrixKind> {
  const kinds: Record<string, MatrixKind> = {};
  if (!el) return kinds;
  const identities = new Set<string>();
  const walk = (t: T): void => { if (t.op === 'eye') identities.add(t.name); for (const c of childrenT(t)) walk(c); };
  el.components.forEach(walk);
  const matrices = [...el.shapes].filter(([k, s]) => s.k === 'matrix' && !identities.has(k)).map(([k]) => k);
  const stated = statedKinds(reading);
  for (const m of matrices) { const k = stated.get(m); if (k) kinds[m] = k; }
  const bare = matrices.filter((m) => !(m in values) && !(m in kinds));
  const near = bare.length === 1 ? kindNear(reading, f) : null;
  if (near) kinds[bare[0]] = near;
  return kinds;
}

/** The input of `z = W x`: the vector without entries right after a matrix, or the only one (several: the candidates). */
function inputOf(e: Expr, output: string, env: Parameters<typeof elaborate>[2]): string | string[] | null {
  let el;
  try {
    el = elaborate([], [e], { ...env, keepScalar: true });
  } catch (err) {
    if (err instanceof ElaborationError) return null;
    throw err;
  }
  if (!el) return null;
  const shapes = el.shapes;
  const free = [...shapes].filter(([k, s]) => s.k === 'vector' && k !== output && !env?.values?.has(k)).map(([k]) => k);
  if (free.length === 1) return free[0];
  // the vectors a matrix acts on: (I - 2 v v^T / ‖v‖^2) x acts on x
  const after = new Set<string>();
  const walk = (t: T): void => {
    if (t.op === 'mul') t.args.forEach((a, i) => { const b = t.args[i + 1]; if (a.s.k === 'matrix' && b?.op === 'sym' && b.s.k === 'vector') after.add(b.name); });
    for (const c of childrenT(t)) walk(c);
  };
  walk(el.components[0]);
  const acted = free.filter((k) => after.has(k));
  return acted.length === 1 ? acted[0] : free.length ? free : null;
}

/** (x', y', 1) = T (x, y, 1): the map (x, y) -> the first entries, when the last is 1. */
function homogeneous(slice: Slice, f: Formula, st: Statement, left: Extract<Left, { k: 'homogeneous' }>, e: Expr, literals: ReadonlyMap<string, Expr[][]>, reading: Reading, defs: Definitions): Candidate | null {
  const at = f.seg.start + st.span[0];
  const { declared, values, matrixFunctions } = factsFor(reading, defs, f, e, at, literals);
  // unprimed outputs: the inputs are the names in the column the matrix acts on (a matrix's own
  // entries may hold symbolic constants, θ, t_x), not given a value in the note, as many as the
  // outputs and none of them
  let bases = left.bases;
  if (left.outputs) {
    const given = new Set([...Object.keys(declared), ...Object.keys(values), ...Object.keys(matrixFunctions), ...defs.parameterNames]);
    const order: string[] = [];
    for (const rows of literals.values()) {
      if (rows.length > 1 && rows[0].length > 1) continue;
      for (const row of rows) for (const x of row) for (const s of symbolsOf(x)) if (!given.has(s) && !order.includes(s)) order.push(s);
    }
    if (order.length !== left.outputs.length || order.some((s) => left.outputs!.includes(s))) return null;
    bases = order;
  }
  let el;
  try {
    el = elaborate([], [e], { declared: new Map(Object.entries(declared)), values: new Map(Object.entries(values)), matrixFunctions: new Map(Object.entries(matrixFunctions)), scalars: new Set([...defs.parameterNames, ...bases]), keepScalar: true });
  } catch (err) {
    if (err instanceof ElaborationError) return null;
    throw err;
  }
  if (!el || el.components[0].s.k !== 'vector') return null;
  let entries: Expr[];
  try {
    entries = coordinates(el, new Map(Object.entries(values)), new Map(Object.entries(matrixFunctions))).expand(el.components[0]);
  } catch {
    return null;
  }
  if (entries.length !== bases.length + 1) return null;
  const lastE = entries[entries.length - 1];
  let ok = false;
  try {
    const one = compileClosure(lastE, bases);
    ok = [[0.3, -0.7, 1.1], [-1.2, 0.8, 0.25]].every((p) => Math.abs(one(p.slice(0, bases.length)) - 1) < 1e-12);
  } catch {
    ok = false;
  }
  if (!ok) return null;
  return {
    kind: 'candidate', form: 'vector', name: null, nameAt: { f, span: st.sides[0].span }, variables: bases, raw: entries.slice(0, -1),
    outputs: left.outputs ? left.outputs.map((o) => shownName(f, o)) : bases.map((b) => shownName(f, `${b}${PRIME}`)), parts: [{ f, span: st.span }], claims: [st], formulas: [f], run: slice.run, lenient: true,
  };
}

/** The LaTeX of names without spaces, braces and fonts: \\mathbf{w} -> w. */
const bareTex = (t: string): string => t.replace(/\\(?:mathbf|boldsymbol|bm|vec|mathrm)\s*/g, '').replace(/[\s{}]/g, '');

/**
 * Whether the note fits `tex` (a parameter, not a point the map moves): it is the subscript of a
 * minimum, an arg min or a gradient (`\min_{\mathbf{w}}`, `\arg\min_w`, `\operatorname*{arg\,min}_{w}`, `\nabla_{\mathbf{w}}`).
 */
function fitted(reading: Reading, tex: string): boolean {
  let subs = fittedMemo.get(reading);
  if (!subs) {
    subs = new Set<string>();
    // one pass over the note, each subscript bounded (one level of braces inside)
    const re = /(?:\\min|\\argmin|\\arg\s*\\min|arg\\?,?\s*min\}|\\nabla)\s*_\s*(\{(?:[^{}]|\{[^{}]{0,30}\}){0,60}\}|\\[A-Za-z]+(?:\s*\{[A-Za-z]\})?|[A-Za-z])/g;
    for (const m of reading.text.matchAll(re)) for (const part of bareTex(m[1]).split(',')) subs.add(part);
    fittedMemo.set(reading, subs);
  }
  return subs.has(bareTex(tex));
}
const fittedMemo = new WeakMap<Reading, Set<string>>();

/** Whether a matrix stated with two different sizes (`X \in \mathbb{R}^{n \times d}`) acts on `v` in `e` (X v): not a map of v into its own space. */
function nonSquareOn(e: Expr, v: string, reading: Reading): boolean {
  const shapes = statedNonSquare(reading);
  if (!shapes.size) return false;
  return someExpr(e, (x) => x.k === 'mul' && x.args.some((a, i) => a.k === 'sym' && shapes.has(a.name) && x.args[i + 1]?.k === 'sym' && (x.args[i + 1] as { name: string }).name === v));
}

/** Names stated as matrices of two different sizes, `X \in \mathbb{R}^{n \times d}` (read once per note). */
function statedNonSquare(reading: Reading): ReadonlySet<string> {
  let known = nonSquareMemo.get(reading);
  if (!known) {
    known = new Set<string>();
    for (const f of reading.formulas) {
      for (const st of f.statements) {
        if (st.rels.length !== 1 || st.rels[0] !== '\\in') continue;
        const m = /\^\s*\{\s*([^{}]+?)\s*\\times\s*([^{}]+?)\s*\}\s*$/.exec(reading.written(f, st.sides[1].span));
        const lhs = m && m[1] !== m[2] ? reading.lhs(f, st.sides[0]) : null;
        if (lhs?.k === 'name') known.add(lhs.name);
      }
    }
    nonSquareMemo.set(reading, known);
  }
  return known;
}
const nonSquareMemo = new WeakMap<Reading, Set<string>>();
