/**
 * vectorfield: a vector field written as a time derivative is a field, not a map
 * (math/field.ts: its divergence tr J, d log p/dt = -tr J, whether its flow keeps volume).
 *
 *     \frac{d\mathbf{z}}{dt} = \mathbf{A}\mathbf{z} + \tanh(\mathbf{z})    a field of vectors, any size
 *     \dot{\mathbf{z}} = \mathbf{A}\mathbf{z}(t)                           the same with a dot; z(t) is z
 *     \dot{x} = -y + x,\quad \dot{y} = x + x y                            a field in coordinates
 *     $$\frac{\mathrm{d}q}{\mathrm{d}t} = p / m$$ $$\dot{p} = -k q$$      consecutive displays: one field
 *
 * Equations of the form are never read as maps (an ODE's right side is not a map). What is
 * left alone, silently: one scalar equation (\dot x = -k x), right sides that use no state
 * (\dot x = v \cos\theta), a field given only as an unknown function (\dot{\mathbf{z}} =
 * f(\mathbf{z}, t): nothing to compute), several bold states, a state whose derivative is
 * given twice.
 */
import { Expr, callsOf, mapExpr, mul, someExpr, sym, symbolsOf } from '../../../math/expr';
import { isKnownFunction } from '../../../math/functions';
import { ElaborationError, elaborate } from '../../../math/vector/elaborate';
import { VECTOR_CALLS } from '../../../math/vector/typed';
import { Definitions } from '../definitions';
import { DEFINE, Part, Statement } from '../detect';
import { Candidate, Declined, Finding, Recognizer, Slice, declined } from '../recognizer';
import { Formula, Reading } from '../reading';
import { readVectorSide } from '../vectors';
import { factsFor, greekProducts, kindsOf } from './vector';

interface Derivative {
  readonly f: Formula;
  readonly st: Statement;
  readonly state: string;
  /** The time variable as written in the denominator (\dot: null). */
  readonly time: string | null;
}

const isD = (e: Expr) => e.k === 'sym' && e.name === 'd';

/** d z (d t)^{-1} in any order: \frac{dz}{dt}, dz/dt, \frac{d}{dt} z, \frac{d z(t)}{dt}. */
function ratio(e: Expr): { state: string; time: string } | null {
  if (e.k !== 'mul' || e.args.length !== 3) return null;
  let d = 0, state: string | null = null, time: string | null = null, at: string | null = null;
  for (const a of e.args) {
    if (isD(a) && !d) { d++; continue; }
    if (a.k === 'pow' && a.exp.k === 'num' && a.exp.v === -1 && a.base.k === 'mul' && a.base.args.length === 2 && isD(a.base.args[0]) && a.base.args[1].k === 'sym' && !time) {
      time = a.base.args[1].name;
      continue;
    }
    if (a.k === 'sym' && !state) { state = a.name; continue; }
    if (a.k === 'call' && !a.d && a.args.length === 1 && a.args[0].k === 'sym' && !state) { state = a.fn; at = a.args[0].name; continue; }
    return null;
  }
  if (!d || !state || !time || state === time || (at !== null && at !== time)) return null;
  return { state, time };
}

/** The state and time of a left side that is a time derivative, or null. */
function derivativeOf(reading: Reading, f: Formula, p: Part): { state: string; time: string | null } | null {
  const l = reading.lhs(f, p);
  if (l?.k === 'name' && /._dot$/.test(l.name)) return { state: l.name.slice(0, -4), time: null };
  // \dot{\mathbf{z}}(t)
  if (l?.k === 'head' && /._dot$/.test(l.name) && l.params.length === 1) return { state: l.name.slice(0, -4), time: l.params[0] };
  const v = reading.value(f, p);
  return v.k === 'expr' ? ratio(v.e) : null;
}

/** Nothing to compute: the right side is one unknown function of the state (f(z, t)). */
const opaque = (e: Expr): boolean => e.k === 'call' && !isKnownFunction(e.fn) && !VECTOR_CALLS.has(e.fn);

export const vectorfield: Recognizer = {
  name: 'vectorfield',
  scope: 'run',
  inline: true,
  *recognize(slice: Slice, reading: Reading, defs: Definitions): Iterable<Finding> {
    if (!derivativesIn(reading, slice.formulas).length) return;
    // the runs of display blocks with at most a sentence between them (the section): a field
    // split over them is joined; this slice reads the groups that start in it
    const section = slice.inline ? -1 : slice.formulas[0].section;
    const all = section < 0 ? slice.formulas : reading.formulas.filter((f) => f.section === section && f.seg.display);
    const here = new Set(slice.formulas);
    const mine = joinRuns(reading, groups(derivativesIn(reading, all))).filter((g) => here.has(g[0].f));
    const claimed = new Set<Statement>();
    for (const group of mine) {
      const found = read(slice, reading, defs, group);
      if (!found) continue;
      yield found;
      if (found.kind === 'candidate') found.claims.forEach((st) => claimed.add(st));
      else if (found.statement) claimed.add(found.statement);
    }
    // an ODE that is not read as a field is still no map
    const quiet = mine.flat().map((e) => e.st).filter((st) => !claimed.has(st));
    if (quiet.length) yield { kind: 'not-a-map', form: 'vectorfield', what: 'ode', statements: quiet };
  },
  examples: [
    {
      note: '$$ \\dot{x} = -y + x, \\quad \\dot{y} = x + x y $$',
      reads: { variables: ['x', 'y'], components: ['-y + x', 'x + x y'] },
    },
    {
      note: '$$ \\mathbf{A} = \\begin{pmatrix} 0 & 1 \\\\ -1 & 0 \\end{pmatrix}, \\quad \\mathbf{c} = (1, 0, 2)^\\top, \\quad \\dot{\\mathbf{z}} = \\mathbf{A}\\mathbf{z} + \\mathbf{c} $$',
      declines: 'sizes',
    },
  ],
};

/** A name written as a vector. */
const BOLD = /\\(?:mathbf|boldsymbol|bm|vec)\b/;

const isBold = (e: Derivative) => e.f.names.vectors.has(e.state) || e.f.names.vectors.has(`${e.state}_dot`);

/** The time derivatives on the left of the formulas' statements, in order. */
function derivativesIn(reading: Reading, fs: readonly Formula[]): Derivative[] {
  const eqs: Derivative[] = [];
  for (const f of fs) {
    for (const st of f.statements) {
      if (!DEFINE.has(st.rels[0] ?? '') || st.sides.length !== 2) continue;
      const d = derivativeOf(reading, f, st.sides[0]);
      if (d) eqs.push({ f, st, ...d });
    }
  }
  return eqs;
}

/**
 * The systems of a run: the equations of each formula, and those of consecutive formulas
 * joined while they are in coordinates with new states (\dot x = …, then \dot y = …).
 */
function groups(eqs: readonly Derivative[]): Derivative[][] {
  const out: Derivative[][] = [];
  for (const e of eqs) {
    const last = out[out.length - 1];
    const sameRun = last && last[last.length - 1].f.run === e.f.run;
    const joins = sameRun && (last[last.length - 1].f === e.f || (!last.some(isBold) && !isBold(e) && !last.some((x) => x.state === e.state)));
    if (joins) last.push(e); else out.push([e]);
  }
  return out;
}

/**
 * Groups of consecutive runs (a sentence or less between them: one section) joined when
 * together they form one field, as systems are (decide.ts): in coordinates, with distinct
 * states, one group's right sides using the other's states (\dot x = \sigma(y - x), then
 * "and", then \dot y = …, \dot z = …).
 */
function joinRuns(reading: Reading, gs: readonly Derivative[][]): Derivative[][] {
  const out: Derivative[][] = [];
  const uses = (a: readonly Derivative[], b: readonly Derivative[]) => a.some((e) => {
    const v = reading.value(e.f, e.st.sides[1]);
    if (v.k !== 'expr') return false;
    const names = symbolsOf(v.e);
    callsOf(v.e, names);
    return b.some((x) => names.has(x.state));
  });
  for (const g of gs) {
    const last = out[out.length - 1];
    const joins = last && !last.some(isBold) && !g.some(isBold) && !g.some((e) => last.some((x) => x.state === e.state)) && (uses(last, g) || uses(g, last));
    if (joins) out[out.length - 1] = [...last, ...g]; else out.push([...g]);
  }
  return out;
}

/** z(t) on a right side is the state z; x(\rho - z) with x a state is a product. */
function statesIn(e: Expr, states: ReadonlySet<string>, time: string): Expr {
  return mapExpr(e, (x) => {
    if (x.k !== 'call' || x.d || !states.has(x.fn) || x.args.length !== 1) return x;
    return x.args[0].k === 'sym' && x.args[0].name === time ? sym(x.fn) : mul(sym(x.fn), x.args[0]);
  });
}

function read(slice: Slice, reading: Reading, defs: Definitions, eqs: readonly Derivative[]): Candidate | Declined | null {
  const states = eqs.map((e) => e.state);
  if (new Set(states).size !== states.length) return null;
  const times = [...new Set(eqs.map((e) => e.time).filter((t): t is string => t !== null))];
  if (times.length > 1) return null;
  const time = times[0] ?? 't';
  const bold = eqs.filter(isBold);
  const at = { f: eqs[0].f, span: eqs[0].st.sides[0].span };
  const common = {
    kind: 'candidate' as const, form: 'vectorfield', name: states.length === 1 ? `d${states[0]}/d${time}` : `d(${states.join(', ')})/d${time}`,
    nameAt: at, outputs: [], parts: eqs.map((e) => ({ f: e.f, span: e.st.span })), claims: eqs.map((e) => e.st),
    formulas: [...new Set(eqs.map((e) => e.f))], run: slice.run, lenient: true, field: { time },
  };
  if (eqs.length === 1) {
    // one equation: a field of vectors
    const { f, st, state } = eqs[0];
    const literals = new Map<string, Expr[][]>();
    const read = readVectorSide(reading, f, st.sides[1], literals);
    if (!read) return null;
    const e = statesIn(greekProducts(read, defs, { f, reading }), new Set([state]), time);
    if (opaque(e) || !symbolsOf(e).has(state)) return null;
    const { declared, values, matrixFunctions } = factsFor(reading, defs, f, e, f.seg.start + st.span[0], literals);
    const vocabulary = someExpr(e, (x) => x.k === 'call' && VECTOR_CALLS.has(x.fn)) || literals.size > 0;
    if (!bold.length && !vocabulary && !Object.keys(values).length && !Object.keys(matrixFunctions).length) return null;
    const scalars = new Set([...defs.parameterNames, time].filter((p) => !(p in declared) && !(p in values) && p !== state));
    let el;
    try {
      el = elaborate([state], [e], {
        declared: new Map(Object.entries(declared)), values: new Map(Object.entries(values)), matrixFunctions: new Map(Object.entries(matrixFunctions)),
        scalars, capitalsAreMatrices: true,
      });
    } catch (err) {
      // the rate of a scalar in terms of vectors (dE/dt = q\mathbf{v} \cdot \mathbf{E}, a power; the state
      // written plain on the left, bold only on the right) is physics: quiet
      const boldLeft = BOLD.test(reading.written(f, st.sides[0].span));
      if (err instanceof ElaborationError) return boldLeft ? declined('vectorfield.sizes', `not read as a field: ${err.message}`, { f, span: st.span }, 'info', st) : null;
      throw err;
    }
    if (!el || el.variables[0].s.k !== 'vector') return null;
    const others = [...el.shapes.keys()].filter((k) => k !== state);
    return {
      ...common, variables: [state], raw: [e],
      vector: { declared, values, matrixFunctions, kinds: kindsOf(reading, f, el, values), shaped: [...others, state] },
    };
  }
  // a system in coordinates: every state's derivative, some right side using a state
  if (bold.length) return null;
  const raw: Expr[] = [];
  const set = new Set(states);
  for (const { f, st } of eqs) {
    const v = reading.value(f, st.sides[1]);
    if (v.k !== 'expr') return null;
    const e = statesIn(greekProducts(v.e, defs), set, time);
    if (opaque(e)) return null;
    raw.push(e);
  }
  const uses = (e: Expr) => [...symbolsOf(e)].some((s) => set.has(s)) || [...callsOf(e)].some((c) => set.has(c));
  if (!raw.some(uses)) return null;
  return { ...common, variables: states, raw };
}
