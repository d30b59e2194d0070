/**
 * complex: a map of a complex variable the note writes in its real and imaginary parts
 * (`z = x + iy`), read as the map of the plane it is.
 *
 *     z = x + iy  …  z \mapsto z^2          reads (x, y) -> (x^2 - y^2, 2 x y)
 *     z = x + iy  …  J(z) = z + 1/z          reads (x, y) -> (x + x/(x^2 + y^2), y - y/(x^2 + y^2))
 *     z \mapsto z^2 with no z = x + iy       not here (a map of one real variable)
 *
 * The declaration: an equation `z = x + iy` (also `x + y i`, `x + \mathrm{i}\,y`) above the map
 * or in its paragraph. The formula is expanded with i² = -1 (sums, products, integer powers,
 * quotients, exp, sin, cos, sinh, cosh, the conjugate \bar z); other names are real constants.
 * Read before `vector`, `explicit` and `mapsto`, which would read z^2 as a map of one real variable.
 * A formula that uses something else (log, a square root, |z|), or whose expansion passes 4000
 * nodes, is left to the other readers.
 */
import { CONSTANTS, Expr, add, call, div, mul, neg, num, pow, size, sym, symbolsOf } from '../../../math/expr';
import { DEFINE, Statement } from '../detect';
import { Definitions } from '../definitions';
import { Candidate, Finding, Recognizer, Slice } from '../recognizer';
import { Formula, Reading } from '../reading';

type C = readonly [Expr, Expr];

export const complex: Recognizer = {
  name: 'complex',
  scope: 'statement',
  inline: true,
  *recognize(slice: Slice, reading: Reading, defs: Definitions): Iterable<Finding> {
    const declared = declarationsOf(reading);
    for (const f of slice.formulas) {
      for (const st of f.statements) {
        // u + iv = E: a map in its real and imaginary parts
        const inParts = partsEquation(reading, defs, f, st, declared);
        if (inParts) {
          yield {
            kind: 'candidate', form: 'complex', name: null, nameAt: { f, span: st.sides[0].span }, variables: inParts.variables,
            raw: inParts.raw, outputs: inParts.outputs, parts: [{ f, span: st.span }], claims: [st], formulas: [f], run: slice.run, lenient: true,
          };
          continue;
        }
        if (!declared.length) continue;
        // z \mapsto E, f(z) = E, or w = E (E in z)
        let v: string | null = null, name: string | null = null, rhs = -1;
        const at = f.seg.start + st.span[0];
        const m = st.rels.indexOf('\\mapsto');
        if (m >= 0) {
          const left = reading.value(f, st.sides[m]);
          if (left.k === 'expr' && left.e.k === 'sym') { v = left.e.name; rhs = m + 1; }
        } else if (DEFINE.has(st.rels[0] ?? '') && st.sides.length === 2) {
          const lhs = reading.lhs(f, st.sides[0]);
          if (lhs?.k === 'head' && lhs.params.length === 1) { v = lhs.params[0]; name = lhs.name; rhs = 1; }
          else if (lhs?.k === 'name') {
            // w = z^2: a name given a formula of the declared z (not z itself, nor its parts)
            const r = reading.value(f, st.sides[1]);
            const uses = r.k === 'expr' ? symbolsOf(r.e) : new Set<string>();
            const d = [...declared].reverse().find((x) => x.offset < at && uses.has(x.name));
            if (d && ![d.name, d.re, d.im, 'i'].includes(lhs.name)) { v = d.name; rhs = 1; }
          }
        }
        if (!v || rhs < 0) continue;
        const decl = [...declared].reverse().find((d) => d.name === v && d.offset < at);
        if (!decl) continue;
        const r = reading.value(f, st.sides[rhs]);
        if (r.k !== 'expr' || !symbolsOf(r.e).has(v)) continue;
        const parts = expand(r.e, v, decl.re, decl.im);
        if (!parts) continue;
        const c: Candidate = {
          kind: 'candidate', form: 'complex', name, nameAt: { f, span: st.sides[0].span }, variables: [decl.re, decl.im],
          raw: [parts[0], parts[1]], outputs: [], parts: [{ f, span: st.span }], claims: [st], formulas: [f], run: slice.run, lenient: true,
        };
        yield c;
      }
    }
  },
  examples: [
    { note: 'Write $z = x + iy$. Then $$ z \\mapsto z^2 $$', reads: { variables: ['x', 'y'], components: ['x^2 - y^2', '2 x y'] } },
    { note: '$$ z \\mapsto z^2 $$', ignores: true },
  ],
};

/**
 * `u + iv = e^x(\cos y + i\sin y)`: a left side that is a name plus i times a name, a right
 * side whose parts are the components. The inputs: the parts of the z declared above, else the
 * names of the right side that are not given a value, when there are two.
 */
function partsEquation(reading: Reading, defs: Definitions, f: Formula, st: Statement, declared: ReadonlyArray<{ name: string; re: string; im: string; offset: number }>): { variables: string[]; raw: Expr[]; outputs: string[] } | null {
  if (!DEFINE.has(st.rels[0] ?? '') || st.sides.length !== 2) return null;
  const l = reading.value(f, st.sides[0]);
  if (l.k !== 'expr' || l.e.k !== 'add' || !symbolsOf(l.e).has('i')) return null;
  const out = expand(l.e, null, '', '');
  if (!out || out[0].k !== 'sym' || out[1].k !== 'sym' || out[0].name === out[1].name) return null;
  const r = reading.value(f, st.sides[1]);
  if (r.k !== 'expr') return null;
  const rs = symbolsOf(r.e);
  const outputs = [out[0].name, out[1].name];
  const at = f.seg.start + st.span[0];
  const decl = [...declared].reverse().find((d) => d.offset < at && rs.has(d.name));
  const parts = expand(r.e, decl?.name ?? null, decl?.re ?? '', decl?.im ?? '');
  if (!parts || isZero(parts[1])) return null;
  const names: string[] = [];
  for (const e of parts) for (const v of symbolsOf(e)) if (!names.includes(v) && !(v in CONSTANTS) && !defs.parameterNames.has(v)) names.push(v);
  const variables = decl ? [decl.re, decl.im] : names;
  if (variables.length !== 2 || names.some((v) => outputs.includes(v)) || !variables.every((v) => names.includes(v))) return null;
  return { variables, raw: [parts[0], parts[1]], outputs };
}

/** `z = x + iy` in the note: the complex name and its real and imaginary parts, with where it is (read once per note). */
function declarationsOf(reading: Reading): ReadonlyArray<{ name: string; re: string; im: string; offset: number }> {
  let known = memo.get(reading);
  if (!known) {
    const out: Array<{ name: string; re: string; im: string; offset: number }> = [];
    for (const { f, st, lhs } of reading.definitions(reading.formulas)) {
      if (lhs?.k !== 'name' || st.sides.length !== 2) continue;
      const v = reading.value(f, st.sides[1]);
      if (v.k !== 'expr' || !symbolsOf(v.e).has('i')) continue;
      const c = expand(v.e, null, '', '');
      if (c && c[0].k === 'sym' && c[1].k === 'sym' && c[0].name !== c[1].name && c[0].name !== lhs.name && c[1].name !== lhs.name) {
        out.push({ name: lhs.name, re: c[0].name, im: c[1].name, offset: docOffset(f, st.span[0]) });
      }
    }
    memo.set(reading, known = out);
  }
  return known;
}
const memo = new WeakMap<Reading, ReadonlyArray<{ name: string; re: string; im: string; offset: number }>>();
const docOffset = (f: Formula, a: number) => f.seg.start + a;

const isZero = (e: Expr) => e.k === 'num' && e.v === 0;

/** e with z = re + i im and i² = -1, as its real and imaginary parts; null when it uses what is not expanded. */
function expand(e: Expr, z: string | null, re: string, im: string): C | null {
  const go = (x: Expr, depth: number): C | null => {
    if (depth > 64) return null;
    switch (x.k) {
      case 'num': return [x, num(0)];
      case 'sym':
        if (x.name === 'i') return [num(0), num(1)];
        if (z !== null && x.name === z) return [sym(re), sym(im)];
        if (z !== null && x.name === `${z}_bar`) return [sym(re), neg(sym(im))];
        return [x, num(0)];
      case 'neg': { const a = go(x.arg, depth + 1); return a && [neg(a[0]), neg(a[1])]; }
      case 'add': {
        const parts = x.args.map((a) => go(a, depth + 1));
        if (parts.some((p) => !p)) return null;
        return [add(...parts.map((p) => p![0])), add(...parts.map((p) => p![1]))];
      }
      case 'mul': {
        let acc: C = [num(1), num(0)];
        for (const a of x.args) { const p = go(a, depth + 1); if (!p) return null; acc = times(acc, p); if (tooLarge(acc)) return null; }
        return acc;
      }
      case 'pow': {
        const b = go(x.base, depth + 1);
        if (!b) return null;
        if (isZero(b[1])) { const ex = go(x.exp, depth + 1); return ex && isZero(ex[1]) ? [pow(b[0], x.exp), num(0)] : null; }
        if (x.exp.k !== 'num' || !Number.isInteger(x.exp.v) || Math.abs(x.exp.v) > 8) return null;
        let acc: C = [num(1), num(0)];
        for (let k = 0; k < Math.abs(x.exp.v); k++) { acc = times(acc, b); if (tooLarge(acc)) return null; }
        return x.exp.v < 0 ? inverse(acc) : acc;
      }
      case 'call': {
        if (x.d || x.args.length !== 1) return null;
        const a = go(x.args[0], depth + 1);
        if (!a) return null;
        const [p, q] = a;
        if (isZero(q)) return [call(x.fn, p), num(0)];
        switch (x.fn) {
          case 'exp': return [mul(call('exp', p), call('cos', q)), mul(call('exp', p), call('sin', q))];
          case 'sin': return [mul(call('sin', p), call('cosh', q)), mul(call('cos', p), call('sinh', q))];
          case 'cos': return [mul(call('cos', p), call('cosh', q)), neg(mul(call('sin', p), call('sinh', q)))];
          case 'sinh': return [mul(call('sinh', p), call('cos', q)), mul(call('cosh', p), call('sin', q))];
          case 'cosh': return [mul(call('cosh', p), call('cos', q)), mul(call('sinh', p), call('sin', q))];
          default: return null;
        }
      }
    }
  };
  return go(e, 0);
}

/** Expansions past this many nodes (powers of powers: (z^8)^8) are not read: the other readers get the formula. */
const MAX_NODES = 4000;
const tooLarge = ([a, b]: C): boolean => size(a) + size(b) > MAX_NODES;

const times = ([a, b]: C, [c, d]: C): C => [add(product(a, c), neg(product(b, d))), add(product(a, d), product(b, c))];

/** A polynomial by its form: numbers and names under +, -, * and whole positive powers. */
function polynomial(e: Expr, depth = 0): boolean {
  if (depth > 64) return false;
  switch (e.k) {
    case 'num': case 'sym': return true;
    case 'neg': return polynomial(e.arg, depth + 1);
    case 'add': case 'mul': return e.args.every((a) => polynomial(a, depth + 1));
    case 'pow': return e.exp.k === 'num' && Number.isInteger(e.exp.v) && e.exp.v > 0 && polynomial(e.base, depth + 1);
    default: return false;
  }
}

/**
 * a b, multiplied out when both are polynomials, as a person expands (x + iy)^3 into
 * x^3 - 3 x y^2 and 3 x^2 y - y^3 (like terms collected by add); other products stay products.
 */
function product(a: Expr, b: Expr): Expr {
  if ((a.k !== 'add' && b.k !== 'add') || !polynomial(a) || !polynomial(b)) return mul(a, b);
  const terms = (e: Expr): readonly Expr[] => (e.k === 'add' ? e.args : [e]);
  return add(...terms(a).flatMap((s) => terms(b).map((t) => product(s, t))));
}

/** 1 / (a + ib) = (a - ib) / (a² + b²). */
function inverse([a, b]: C): C {
  const n = add(pow(a, num(2)), pow(b, num(2)));
  return [div(a, n), neg(div(b, n))];
}
