/**
 * cases: a head and a `cases` environment whose rows have conditions, a piecewise map.
 *
 *     g(u) = \begin{cases} u & u \ge 0 \\ c\,u & \text{otherwise} \end{cases}   reads g, 2 pieces
 *     h(u) = \begin{cases} u^3 & 0 \le u < 1 \\ u & u \in [1, 2] \end{cases}   chained and interval conditions
 *     h(p, q) = \begin{cases} (p, q) & p < 0 \\ (2p, q) & p \ge 0 \end{cases}  pieces of a 2-D map
 *     g(u) = \begin{cases} u & u \ge 0 \\ -u & u \sim 0 \end{cases}              declined: a condition not read
 *
 * Conditions: comparisons (<, \le, >, \ge, =, \ne, chained 0 \le u < 1), `u \in [a, b)`, joined
 * by commas or \text{and}; `\text{otherwise}` (or an empty condition on the last row) is the
 * rest. Words in \text{…} (if, for) are prose. The pieces go to the piecewise engine
 * (piecewise.ts): J and det J per piece, the conditions shown. A `cases` block of equations
 * without conditions is a system (`system`).
 */
import { CONSTANTS, Expr, symbolsOf } from '../../../math/expr';
import { Comparison, Condition, TRUE, and, cmp, conditionExprs } from '../../../math/condition';
import { DEFINE, Part, Statement } from '../detect';
import { Definitions } from '../definitions';
import { Item } from '../expr';
import { Candidate, Finding, Recognizer, Slice, declined } from '../recognizer';
import { Formula, Reading, Value, hasPrime } from '../reading';
import { KNode, LatexSyntaxError, childNodes, parseLatex, spanOf } from '../tree';
import { cellBody } from '../expr';
import { oneDimensional, previousStep } from './iterated';

const COMPARE: Readonly<Record<string, Comparison>> = {
  '<': '<', '>': '>', '\\lt': '<', '\\gt': '>', '\\le': '<=', '\\leq': '<=', '\\leqslant': '<=', '\\ge': '>=', '\\geq': '>=', '\\geqslant': '>=',
  '=': '==', '\\ne': '!=', '\\neq': '!=',
};
const OTHERWISE = /^\s*(otherwise|else|elsewhere|sonst)\s*[.,]?\s*$/i;

export const cases: Recognizer = {
  name: 'cases',
  scope: 'statement',
  inline: false,
  *recognize(slice: Slice, reading: Reading, defs: Definitions): Iterable<Finding> {
    for (const f of slice.formulas) {
      const heads = f.statements.filter((st) => st.beforeSystem && DEFINE.has(st.rels[0] ?? '') && st.sides.length === 2 && st.sides[1].items.length === 0);
      if (!heads.length) continue;
      const envs = casesOf(f.seg.content);
      for (const st of heads) {
        const lhs = reading.lhs(f, st.sides[0]);
        if (lhs?.k === 'name') { yield* inSystem(reading, defs, slice, f, st, lhs.name, envs); continue; }
        if (lhs?.k !== 'head') continue;
        // the environment right after the head
        const env = envAfter(f, st, envs);
        if (!env) continue;
        const n = lhs.params.length;
        const pieces: Array<{ condition: Condition; written: string; components: Expr[] }> = [];
        let failed = false;
        for (const [k, row] of env.rows.entries()) {
          if (row.length < 2) { failed = true; break; } // a row without a condition: equations (a system), not pieces
          const value = part(reading, f, row[0]);
          const v = reading.value(f, value);
          const comps = v.k === 'expr' && n === 1 ? [v.e] : v.k === 'tuple' && v.items.length === n ? v.items.map((x) => x.e) : null;
          if (!comps || comps.some(hasPrime)) {
            if (v.k === 'error') yield declined('cases.syntax', `${reading.written(f, st.sides[0].span)} = …: ${v.err.message}`, { f, span: v.err.span }, 'error', st);
            failed = true;
            break;
          }
          const condPart = part(reading, f, row.slice(1).flat());
          const cond = conditionOf(reading, f, condPart.items, k === env.rows.length - 1);
          if (typeof cond === 'string') {
            yield declined('cases.condition', `the condition of piece ${k + 1} is not read (${cond}): write comparisons such as x < 0 or 0 \\le x < 1`, { f, span: condPart.span }, 'info', st);
            failed = true;
            break;
          }
          pieces.push({ condition: cond, written: reading.written(f, condPart.span), components: comps });
        }
        if (failed || pieces.length < 2) continue;
        const c: Candidate = {
          kind: 'candidate', form: 'cases', name: lhs.name, nameAt: { f, span: st.sides[0].span }, variables: lhs.params,
          raw: pieces[0].components, outputs: [], parts: [{ f, span: [st.span[0], env.span[1]] }], claims: f.statements.filter((x) => x === st || (x.span[1] > env.span[0] && x.span[0] < env.span[1])),
          formulas: [f], run: slice.run, lenient: true, pieces,
        };
        yield c;
      }
    }
  },
  examples: [
    { note: '$$ g(u) = \\begin{cases} u^3 & u \\ge 0 \\\\ 2u & \\text{otherwise} \\end{cases} $$', reads: { variables: ['u'], components: ['u^3'] } },
    { note: '$$ g(u) = \\begin{cases} u & u \\ge 0 \\\\ -u & u \\sim 0 \\end{cases} $$', declines: 'condition' },
  ],
};

/**
 * `u = x + y, \quad v = \begin{cases} x - y & x > y \\ 0 & \text{otherwise} \end{cases}`: a
 * component written by cases among the named outputs of a system without a head. A map when
 * every other statement of the formula is an equation `name = …` and the names left (not
 * outputs, not given a value) are as many as the outputs: those are the inputs, in order.
 */
function* inSystem(reading: Reading, defs: Definitions, slice: Slice, f: Formula, head: Statement, name: string, envs: readonly CasesEnv[]): Iterable<Finding> {
  const env = envAfter(f, head, envs);
  if (!env) return;
  const inEnv = (x: Statement) => x.span[1] > env.span[0] && x.span[0] < env.span[1];
  const eqs: Array<{ name: string; e: Expr | null; at: number }> = [];
  for (const st of f.statements) {
    if (st === head) { eqs.push({ name, e: null, at: st.span[0] }); continue; }
    if (inEnv(st)) continue;
    if (!DEFINE.has(st.rels[0] ?? '') || st.sides.length !== 2) return;
    const l = reading.lhs(f, st.sides[0]), v = reading.value(f, st.sides[1]);
    if (l?.k !== 'name' || v.k !== 'expr' || hasPrime(v.e)) return;
    eqs.push({ name: l.name, e: v.e, at: st.span[0] });
  }
  const outputs = eqs.map((x) => x.name);
  // x_{n+1} = \begin{cases} … \end{cases} alone: a piecewise step of a map R -> R where the note calls it one
  const display = f.names.display.get(name) ?? name;
  const step = eqs.length === 1 ? previousStep(name, display) : null;
  if (new Set(outputs).size !== outputs.length) return;
  const rows = piecesOf(reading, f, env, 1);
  if (!rows || rows.length < 2) return;
  if (step && !oneDimensional(f, display, step, rows.flatMap((p) => [...p.components, ...conditionExprs(p.condition)]), reading)) return;
  // x = \begin{cases} \mu x & x < 1/2 \\ \mu (1 - x) & \text{otherwise} \end{cases}: a state update written as one
  // assignment, the conditions testing the state itself (a name defined by cases of itself is no value): a map R -> R
  const update = eqs.length === 1 && !step && rows.every((p) => p.condition === TRUE || conditionExprs(p.condition).some((e) => symbolsOf(e).has(name))) &&
    rows.some((p) => p.condition !== TRUE) && rows.some((p) => symbolsOf(p.components[0]).has(name));
  const input = step ?? (update ? name : null);
  if (eqs.length < 2 && !input) return;
  const pieces = rows.map((p) => ({ ...p, components: eqs.map((x) => x.e ?? p.components[0]) }));
  // the inputs: the names left, in order of appearance
  const names: string[] = [];
  for (const e of pieces.flatMap((p) => [...p.components, ...conditionExprs(p.condition)])) {
    for (const v of symbolsOf(e)) if (!names.includes(v) && !(v in CONSTANTS) && !defs.parameterNames.has(v)) names.push(v);
  }
  // an output used by another is a derivation, not a system
  if (input ? !names.includes(input) : names.some((v) => outputs.includes(v)) || names.length !== outputs.length) return;
  const constants = names.filter((v) => v !== input);
  const c: Candidate = {
    kind: 'candidate', form: 'cases', name: null, nameAt: { f, span: head.sides[0].span }, variables: input ? [input] : names,
    raw: pieces[0].components, outputs, parts: [{ f, span: [Math.min(...eqs.map((x) => x.at)), Math.max(env.span[1], ...f.statements.map((x) => x.span[1]))] }],
    claims: [...f.statements], formulas: [f], run: slice.run, lenient: true, pieces,
    ...(update && !step ? { choice: { inputs: [name], constants, why: 'a state update: the cases use the value before the step' } } : {}),
  };
  yield c;
}

/** The cases environment right after a head `g(u) =` or `v =`. */
function envAfter(f: Formula, st: Statement, envs: readonly CasesEnv[]): CasesEnv | undefined {
  return envs.find((e) => e.span[0] >= st.span[1] && /^\s*$/.test(f.seg.content.slice(st.span[1], e.span[0]).replace(/\\left\s*\\\{|\\left\s*\\lbrace|\\begin\{[a-z]*cases\*?\}/g, '')));
}

/** The pieces of an environment with n components each, read quietly (null when a row is not a piece). */
function piecesOf(reading: Reading, f: Formula, env: CasesEnv, n: number): Array<{ condition: Condition; written: string; components: Expr[] }> | null {
  const out: Array<{ condition: Condition; written: string; components: Expr[] }> = [];
  for (const [k, row] of env.rows.entries()) {
    if (row.length < 2) return null;
    const v = reading.value(f, part(reading, f, row[0]));
    const comps = v.k === 'expr' && n === 1 ? [v.e] : v.k === 'tuple' && v.items.length === n ? v.items.map((x) => x.e) : null;
    if (!comps || comps.some(hasPrime)) return null;
    const condPart = part(reading, f, row.slice(1).flat());
    const cond = conditionOf(reading, f, condPart.items, k === env.rows.length - 1);
    if (typeof cond === 'string') return null;
    out.push({ condition: cond, written: reading.written(f, condPart.span), components: comps });
  }
  return out;
}

interface CasesEnv { readonly span: readonly [number, number]; readonly rows: KNode[][][] }

/** The cases environments of a formula (cases, dcases, \left\{ array \right.): rows of cells. */
function casesOf(src: string): CasesEnv[] {
  let nodes: KNode[];
  try { nodes = parseLatex(src, {}); } catch (e) { if (e instanceof LatexSyntaxError) return []; throw e; }
  const out: CasesEnv[] = [];
  const stack = [...nodes];
  while (stack.length) {
    const n = stack.pop()!;
    const kids = childNodes(n);
    if (n.type === 'leftright' && (n.left === '\\{' || n.left === '\\lbrace') && n.right === '.' && kids.length === 1 && kids[0].type === 'array') {
      const span = spanOf(n, src);
      const rows = Array.isArray(kids[0].body) ? (kids[0].body as KNode[][]) : [];
      if (span) out.push({ span, rows: rows.map((r) => r.map(cellBody)).filter((r) => r.some((c) => c.length)) });
      continue;
    }
    stack.push(...kids);
  }
  return out.sort((a, b) => a.span[0] - b.span[0]);
}

function part(reading: Reading, f: Formula, nodes: readonly KNode[]): Part {
  const at = spanOf(nodes as KNode[], f.seg.content)?.[0] ?? 0;
  let items = reading.reader(f).items(nodes, at).filter((x) => x.t !== 'gap');
  while (items.length && items[items.length - 1].t === 'punct') items = items.slice(0, -1);
  return { items, span: items.length ? [items[0].s[0], items[items.length - 1].s[1]] : [at, at] };
}

/** A condition cell read, or what is wrong with it. */
function conditionOf(reading: Reading, f: Formula, all: readonly Item[], last: boolean): Condition | string {
  const words = all.filter((x) => x.t === 'text').map((x) => (x as { text: string }).text).join(' ');
  const items = all.filter((x) => x.t !== 'text');
  if (!items.length) return last || OTHERWISE.test(words) ? TRUE : 'no condition';
  if (OTHERWISE.test(words)) return TRUE;
  // clauses: top-level commas (x \ge 0, y \ge 0 is both)
  const clauses: Item[][] = [[]];
  let depth = 0;
  for (const it of items) {
    if (it.t === 'open') depth++;
    else if (it.t === 'close') depth = Math.max(0, depth - 1);
    if (depth === 0 && it.t === 'punct' && (it.ch === ',' || it.ch === ';')) { clauses.push([]); continue; }
    clauses[clauses.length - 1].push(it);
  }
  const out: Condition[] = [];
  for (const q of clauses) {
    if (!q.length) continue;
    const sides: Item[][] = [[]];
    const rels: string[] = [];
    for (const it of q) {
      if (it.t === 'rel') { rels.push(it.rel); sides.push([]); continue; }
      sides[sides.length - 1].push(it);
    }
    if (!rels.length) return 'no comparison';
    const values: Value[] = sides.map((s) => reading.value(f, { items: s, span: s.length ? [s[0].s[0], s[s.length - 1].s[1]] : [0, 0] }));
    for (let i = 0; i < rels.length; i++) {
      const a = values[i], b = values[i + 1];
      const op = COMPARE[rels[i]];
      if (rels[i] === '\\in' && a.k === 'expr') {
        const s = sides[i + 1];
        const open = s[0], close = s[s.length - 1];
        if (b.k !== 'tuple' || b.items.length !== 2 || open?.t !== 'open' || close?.t !== 'close') return 'an interval not read';
        out.push(cmp(open.d === '(' || open.d === ']' ? '>' : '>=', a.e, b.items[0].e), cmp(close.d === ')' || close.d === '[' ? '<' : '<=', a.e, b.items[1].e));
        continue;
      }
      if (!op || a.k !== 'expr' || b.k !== 'expr') return op ? 'a side not read' : `the relation ${rels[i]}`;
      out.push(cmp(op, a.e, b.e));
    }
  }
  return and(...out);
}
