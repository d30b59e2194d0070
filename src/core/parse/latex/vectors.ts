/**
 * What a note says about vectors and matrices, for the `vector` recognizer and decide:
 *  - given entries: `\mathbf{W} = \begin{pmatrix} 2 & 1 \\ 0 & 1 \end{pmatrix}`,
 *    `\mathbf{b} = (1, 0, -1)^\top`, a column vector; a matrix function
 *    `R(\theta) = \begin{pmatrix} \cos\theta & … \end{pmatrix}`. Bold and plain names are
 *    distinct: a bold definition applies to the bold name only (b = 0.1 in one paragraph does
 *    not leak into \mathbf{W}\mathbf{x} + \mathbf{b}); like parameters, the latest above a map,
 *    else the first below;
 *  - kinds of matrices the prose names next to a formula ("Householder: $z' = H z$",
 *    "$L$ is lower triangular with ones on the diagonal");
 *  - the Transform of a vector candidate (its VectorSpec; math/vector/).
 */
import { CONSTANTS, Expr, callsOf, symbolsOf } from '../../math/expr';
import { isKnownFunction } from '../../math/functions';
import type { Assumption, MatrixKind, Severity, Transform, VectorSpec } from '../../model';
import { resolveComponents, ResolveError } from '../resolve';
import { ElaborationError, readSpec, vectorParts } from '../vectorMap';
import { matrixKindOf } from '../matrixKinds';
import { Definitions, LATER_SAID, displayNamesOf, environmentOf, keepUsedNames } from './definitions';
import { DEFINE, Part } from './detect';
import { LatexExprError, LatexExprParser } from './expr';
import type { DomainOf } from './domains';
import type { Candidate } from './recognizer';
import { Formula, Reading, docSpan } from './reading';
import { Span } from './tree';

/** A value with given entries (rows; a vector is one column). */
export interface GivenValue {
  readonly name: string;
  readonly bold: boolean;
  readonly rows: Expr[][];
  readonly offset: number;
  readonly f: Formula;
}

export interface GivenFunction { readonly name: string; readonly params: string[]; readonly rows: Expr[][]; readonly offset: number; readonly f: Formula }

/** A shape the note states for a plain name: `W \in \mathbb{R}^{c \times c}` (a matrix), `z_0 \in \mathbb{R}^d` (a vector). */
export interface StatedShape { readonly name: string; readonly k: 'vector' | 'matrix'; readonly offset: number }

export interface VectorFacts {
  readonly values: readonly GivenValue[];
  readonly functions: readonly GivenFunction[];
  readonly shapes: readonly StatedShape[];
}

const memo = new WeakMap<Reading, VectorFacts>();

/** The note's vectors and matrices with given entries (read once per reading). */
export function vectorFacts(reading: Reading, defs: Definitions): VectorFacts {
  const hit = memo.get(reading);
  if (hit) return hit;
  const values: GivenValue[] = [];
  const functions: GivenFunction[] = [];
  const shapes: StatedShape[] = [];
  for (const f of reading.formulas) {
    for (const st of f.statements) {
      if (st.rels.length === 1 && st.rels[0] === '\\in') {
        const k = spaceShape(reading.written(f, st.sides[1].span));
        const lhs = k && reading.lhs(f, st.sides[0]);
        if (k && lhs?.k === 'name') shapes.push({ name: lhs.name, k, offset: f.seg.start + st.span[0] });
        continue;
      }
      if (!DEFINE.has(st.rels[0] ?? '') || st.sides.length !== 2) continue;
      const lhs = reading.lhs(f, st.sides[0]);
      if (!lhs || (lhs.k !== 'name' && lhs.k !== 'head')) continue;
      const rows = entries(reading, f, st.sides[1]);
      if (!rows) continue;
      const offset = f.seg.start + st.span[0];
      const params = lhs.k === 'head' ? lhs.params : [];
      // entries in numbers, parameters, the function's own parameters, and (a matrix's) names without a
      // value: T = [cos θ, -sin θ, t_x; …] is a rotation by any θ (symbolic constants of the map that uses it)
      const symbolic = lhs.k === 'name' && rows.length > 1 && rows[0].length > 1;
      const ok = rows.every((r) => r.every((e) => [...symbolsOf(e)].every((s) => s in CONSTANTS || defs.parameterNames.has(s) || params.includes(s) || symbolic) &&
        [...callsOf(e)].every(isKnownFunction)));
      if (!ok) continue;
      if (lhs.k === 'name') values.push({ name: lhs.name, bold: f.names.vectors.has(lhs.name), rows, offset, f });
      else functions.push({ name: lhs.name, params, rows, offset, f });
    }
  }
  const out = { values, functions, shapes };
  memo.set(reading, out);
  return out;
}

/** `\mathbb{R}^{m \times n}`: a matrix; `\mathbb{R}^d`, `\mathbb{R}^{n}`: a vector (not `\mathbb{R}^1`); else null. */
function spaceShape(text: string): 'vector' | 'matrix' | null {
  const m = /^(?:\\mathbb\s*\{?R\}?|\\R|ℝ)\s*\^\s*(.*)$/.exec(text.trim());
  if (!m) return null;
  const power = m[1].replace(/^\{|\}$/g, '').trim();
  if (/\\times/.test(power)) return 'matrix';
  return power && power !== '1' ? 'vector' : null;
}

/** A side that is a matrix or a column of entries (a row list (1, 0, -1)^T is a column too). */
function entries(reading: Reading, f: Formula, p: Part): Expr[][] | null {
  const v = reading.value(f, p);
  if (v.k === 'tuple' && v.bracketed && v.items.length >= 2) return v.items.map((x) => [x.e]);
  if (v.k !== 'matrix') return null;
  const m = p.items.find((x) => x.t === 'matrix');
  if (!m || m.t !== 'matrix') return null;
  try {
    const rows = m.cells.map((row) => row.map((cell) => {
      const items = reading.reader(f).items(cell, m.from ?? m.s[0]);
      const span: Span = items.length ? [items[0].s[0], items[items.length - 1].s[1]] : m.s;
      return reading.parser(f, items, span).parseAll();
    }));
    return rows.length && rows.every((r) => r.length === rows[0].length) ? rows : null;
  } catch (e) {
    if (e instanceof LatexExprError) return null;
    throw e;
  }
}

/**
 * A side read for a vector map: matrices and lists written inside it are values with given
 * entries (named __lit0, … in `literals`), w^T a transpose, ‖v‖ a norm.
 */
export function readVectorSide(reading: Reading, f: Formula, p: Part, literals: Map<string, Expr[][]>): Expr | null {
  const items = p.items.filter((x) => x.t !== 'gap');
  if (!items.length) return null;
  const literal = (rows: Expr[][]): Expr => {
    const name = `__lit${literals.size}`;
    literals.set(name, rows);
    return { k: 'sym', name };
  };
  try {
    return new LatexExprParser({ src: f.seg.content, names: f.names }, items, { primes: true, literal }, p.span).parseAll();
  } catch (e) {
    if (e instanceof LatexExprError) return null;
    throw e;
  }
}

/** The names of a vector map without a value: those given entries or a value only past the map's scope, then the rest. */
function vectorNamesSaid(symbolic: readonly string[], later: { said: (s: string) => string | null }): string[] {
  const past = symbolic.map(later.said).filter((x): x is string => x !== null);
  const never = symbolic.filter((s) => later.said(s) === null);
  return [
    ...(past.length ? [`${past.join(', ')}${LATER_SAID}`] : []),
    ...(never.length ? [`${never.join(', ')} ${never.length === 1 ? 'has' : 'have'} no value in the note: J and det J hold for any value`] : []),
  ];
}

/** Names of a vector map whose values (parameters, or entries given) are all past its scope, with the line of the first. */
function laterOf(reading: Reading, defs: Definitions, d: Candidate, later: ReadonlyMap<string, number>, start: number): { said: (s: string) => string | null } {
  const facts = vectorFacts(reading, defs);
  return {
    said: (s: string) => {
      const given = [...facts.values, ...facts.functions].filter((v) => v.name === s);
      const at = later.get(s) ?? (given.length && given.every((v) => v.offset >= start && !reading.inScope(d.formulas, v.f, v.offset)) ? given[0].offset : undefined);
      return at === undefined ? null : `${s} (${reading.lineAt(at)})`;
    },
  };
}

/**
 * The latest value of `name` above `at` (else the first below, in the scope of the map written
 * in `fs`: its section or where-clause, `Reading.inScope`) with the same boldness.
 */
export function givenValue(facts: VectorFacts, name: string, bold: boolean, at: number, reading: Reading, fs: readonly Formula[]): GivenValue | undefined {
  return latestInScope(facts.values.filter((v) => v.name === name && v.bold === bold), at, reading, fs);
}

/** Of definitions in document order: the latest above `at`, else the first below it in the scope of the map written in `fs`. */
export function latestInScope<T extends { readonly offset: number; readonly f: Formula }>(xs: readonly T[], at: number, reading: Reading, fs: readonly Formula[]): T | undefined {
  const above = xs.filter((v) => v.offset < at);
  return above.length ? above[above.length - 1] : xs.find((v) => reading.inScope(fs, v.f, v.offset));
}

// ---------------------------------------------------------------------------------------
// Assumptions stated in the note

/** Comparisons as KaTeX names them -> the relation of an Assumption. */
const COMPARE: Readonly<Record<string, Assumption['rel']>> = {
  '>': '>', '<': '<', '\\gt': '>', '\\lt': '<', '\\geq': '>=', '\\ge': '>=', '\\geqslant': '>=', '\\leq': '<=', '\\le': '<=', '\\leqslant': '<=',
  '\\neq': '!=', '\\ne': '!=', '≥': '>=', '≤': '<=', '≠': '!=',
};
const SHOWN: Readonly<Record<Assumption['rel'], string>> = { '>': '>', '<': '<', '>=': '≥', '<=': '≤', '!=': '≠' };

/** A side as plain text for a reason: \\mathbf{w}^\\top \\mathbf{u} -> w^T u. */
const plainTex = (t: string): string => t
  .replace(/\\(?:mathbf|boldsymbol|bm|vec|mathrm|operatorname)\s*\{([^{}]*)\}/g, '$1')
  .replace(/\^\s*(?:\{\s*)?\\(?:top|intercal|mathsf\s*\{T\})(?:\s*\})?/g, '^T ')
  .replace(/\\[,;:! ]|\\q?quad\b/g, ' ').replace(/\s+/g, ' ').trim();

const assumptionMemo = new WeakMap<Reading, Assumption[]>();

/**
 * Facts the note states anywhere (`s_i > 0`, `a \neq 0`, `\mathbf{w}^\top\mathbf{u} \geq -1`,
 * each side of a chain `0 < a < 1`): the proofs of vector maps use them (math/vector/invertibility.ts).
 */
export function noteAssumptions(reading: Reading): Assumption[] {
  const hit = assumptionMemo.get(reading);
  if (hit) return hit;
  const out: Assumption[] = [];
  for (const f of reading.formulas) {
    for (const st of f.statements) {
      st.rels.forEach((r, i) => {
        const rel = COMPARE[r];
        if (!rel) return;
        const lits = new Map<string, Expr[][]>();
        const lhs = readVectorSide(reading, f, st.sides[i], lits), rhs = readVectorSide(reading, f, st.sides[i + 1], lits);
        if (!lhs || !rhs || lits.size) return;
        out.push({ lhs, rel, rhs, text: `${plainTex(reading.written(f, st.sides[i].span))} ${SHOWN[rel]} ${plainTex(reading.written(f, st.sides[i + 1].span))}` });
      });
    }
  }
  assumptionMemo.set(reading, out);
  return out;
}

// ---------------------------------------------------------------------------------------
// Kinds named in the prose

/** The text of the list item or paragraph around a formula, without its math. */
function proseAround(reading: Reading, f: Formula): string {
  const text = reading.text;
  const lines = text.split('\n');
  const first = reading.lines.position(f.seg.outerStart).line, last = reading.lines.position(f.seg.outerEnd).line;
  const blank = (i: number) => /^[ \t>]*$/.test(lines[i] ?? '');
  const item = (i: number) => /^[ \t>]*([*+-]|\d+[.)])\s/.test(lines[i] ?? '');
  let a = first, b = last;
  while (a > 0 && !blank(a - 1) && !item(a)) a--;
  while (b + 1 < lines.length && !blank(b + 1) && !item(b + 1)) b++;
  const unit = lines.slice(a, b + 1).join('\n');
  return unit.replace(/\$\$[\s\S]*?\$\$|\$[^$\n]*\$|\\\[[\s\S]*?\\\]|\\\([\s\S]*?\\\)/g, ' ');
}

/** The kind the prose around a formula names, when it names one (Householder, a rotation, …). */
export function kindNear(reading: Reading, f: Formula): MatrixKind | null {
  return matrixKindOf(proseAround(reading, f));
}

/** "$L$ is unit lower triangular", "where $\mathbf{Q}$ is orthogonal": kinds the note states of names. */
export function statedKinds(reading: Reading): Map<string, MatrixKind> {
  const out = new Map<string, MatrixKind>();
  const re = /\$\s*(?:\\(?:mathbf|boldsymbol|bm)\s*\{?\s*)?([A-Z])\s*\}?\s*\$\s*(?:is|denotes|:|—|-)\s+((?:a|an|the)\s+)?([^.;$\n]{1,80})/g;
  for (const m of reading.text.matchAll(re)) {
    const k = matrixKindOf(m[3]);
    if (k && !out.has(m[1])) out.set(m[1], k);
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// The Transform of a vector candidate (decide.ts)

/** What a vector candidate carries besides its map: the spec's records but variables and components. */
export type VectorCandidateSpec = Omit<VectorSpec, 'variables' | 'components' | 'size'> & {
  /** Names that are vectors or matrices: a plain parameter of the same name does not apply. */
  readonly shaped: readonly string[];
};

export function buildVector(
  reading: Reading, d: Candidate & { vector: VectorCandidateSpec }, name: string, defs: Definitions, dom: DomainOf | undefined,
  dflt: readonly [number, number], say: (message: string, span: Span, severity: Severity, code: string) => void,
): Transform | null {
  const spans = d.parts.map(docSpan);
  const start = Math.min(...spans.map((s) => s[0])), end = Math.max(...spans.map((s) => s[1]));
  const where = reading.range(start, end);
  const at = docSpan(d.nameAt);
  const { shaped, ...facts } = d.vector;
  // a plain parameter b = 0.1 is not the vector \mathbf{b}
  const near = environmentOf(d, defs, reading);
  const env = { parameters: new Map([...near.parameters].filter(([k]) => !shaped.includes(k))), functions: near.functions };
  let resolved;
  try {
    resolved = resolveComponents(d.raw, [...d.variables, ...shaped], env);
  } catch (e) {
    if (e instanceof ResolveError) { say(e.message, [start, end], 'error', 'resolve'); return null; }
    throw e;
  }
  const spec: Omit<VectorSpec, 'size'> = { ...facts, variables: d.variables, components: resolved.components, scalars: [...env.parameters.keys()], capitalsAreMatrices: true };
  const display = displayNamesOf(d, reading);
  let el;
  try {
    el = readSpec(spec);
  } catch (e) {
    if (e instanceof ElaborationError) { say(`not read as a map: ${e.message}`, [start, end], 'info', 'incomplete'); return null; }
    throw e;
  }
  if (!el) return null;
  const parts = vectorParts(el, spec, (n) => display[n] ?? n);
  const owner = (i: number) => d.variables.indexOf(parts.owner[i]);
  const domain = parts.owner.map((_, i) => (dom?.domain[owner(i)] ?? [dflt[0], dflt[1]]) as [number, number]);
  keepUsedNames(display, [...d.variables, name, ...parts.variables, ...parts.freeSymbols, ...shaped], resolved.components);
  Object.assign(display, parts.display);
  const assumptions = noteAssumptions(reading);
  const symbolic = parts.freeSymbols.filter((s) => !s.startsWith('__') && s !== d.field?.time);
  return {
    name,
    variables: parts.variables,
    components: parts.components,
    parameters: Object.fromEntries(env.parameters),
    helpers: env.functions.size ? Object.fromEntries(env.functions) : undefined,
    freeSymbols: parts.freeSymbols,
    unknownFunctions: parts.unknownFunctions,
    domain,
    domainGiven: parts.owner.map((_, i) => dom?.given[owner(i)] ?? false),
    ...(dom ? { domainOpen: parts.owner.map((_, i) => dom.open[owner(i)] ?? [false, false]) } : {}),
    range: where,
    nameRange: reading.range(at[0], at[1]),
    notation: 'latex',
    display,
    outputs: d.outputs.length ? [...d.outputs] : undefined,
    vector: { ...spec, size: parts.size },
    ...(assumptions.length ? { assumptions } : {}),
    ...(d.field ? { field: d.field } : {}),
    ...(symbolic.length ? { assumed: vectorNamesSaid(symbolic, laterOf(reading, defs, d, near.later, start)) } : {}),
  };
}

