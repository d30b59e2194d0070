/**
 * The Jacobian of a vector map as a matrix expression, for any size:
 *
 *     J = Σ_k c_k F_k1 F_k2 …      c_k a number (it may depend on x), F a factor:
 *         diag(v) | M (a constant matrix) | u (a column) | v^T (a row) | ∂s/∂v (opaque)
 *
 * an empty factor list being the identity. Rules (matrix calculus, by structure):
 *   ∂x = I;  ∂(W v) = W ∂v;  ∂(c v) = v ∇c^T + c ∂v  (c a number: a rank-one term);
 *   ∂(a ⊙ b) = diag(b) ∂a + diag(a) ∂b;  ∂h(v) = diag(h'(v)) ∂v  (h known, elementwise);
 *   ∇(a^T M b) = (M b)^T ∂a + a^T M ∂b;  ∇‖v‖ = v^T ∂v / ‖v‖;  ∇h(c) = h'(c) ∇c.
 * The determinant and the trace read this form (det.ts): identity plus rank one is the
 * matrix determinant lemma, a product of constant matrices is a product of determinants.
 */
import { Expr, exprKey, sym } from '../expr';
import { FUNCTIONS } from '../functions';
import { SCALAR, Shape, dimsOf, matrixOf, transposeShape, vectorOf } from './shape';
import { T, T_ONE, mentions, sAdd, sMul, sPow, tNum, toExpr, tr } from './typed';

export type Factor =
  | { readonly k: 'diag'; readonly v: T }
  | { readonly k: 'mat'; readonly m: T }
  | { readonly k: 'col'; readonly v: T }
  | { readonly k: 'row'; readonly v: T }
  /** ∂fn(args)/∂(argument i): an unknown vector function's Jacobian. */
  | { readonly k: 'opaque'; readonly fn: string; readonly i: number; readonly args: readonly T[]; readonly s: Shape };

export interface Term { readonly c: T; readonly f: readonly Factor[] }
export type Lin = Term[];

export class JacobianError extends Error {}

const scale = (c: T, lin: Lin): Lin => lin.map((t) => ({ c: sMul(c, t.c), f: t.f }));
const prefix = (fs: readonly Factor[], lin: Lin): Lin => lin.map((t) => ({ c: t.c, f: [...fs, ...t.f] }));

/**
 * ∂t/∂x for the vector variable x: the Jacobian (t a vector) or the gradient as a row
 * (t a number: every term starts with a row factor).
 */
export function derivative(t: T, x: string, xShape: Shape): Lin {
  if (!mentions(t, x)) return [];
  const d = (u: T) => derivative(u, x, xShape);
  switch (t.op) {
    case 'num': case 'eye': return [];
    case 'sym': return t.name === x ? [{ c: T_ONE, f: [] }] : [];
    case 'add': return t.args.flatMap(d);
    case 'neg': return scale(tNum(-1), d(t.a));
    case 'mul': return productRule(t, x, xShape);
    case 'had': return t.args.flatMap((a, i) => {
      const others = t.args.filter((_, j) => j !== i);
      const rest: T = others.length === 1 ? others[0] : { op: 'had', args: others, s: t.s };
      return prefix([{ k: 'diag', v: rest }], d(a));
    });
    case 'pow': {
      if (t.s.k === 'matrix') throw new JacobianError('a power of a matrix that depends on the variable');
      if (mentions(t.exp, x)) {
        if (t.s.k !== 'scalar') throw new JacobianError('an elementwise power with an exponent that depends on the variable');
        // u^w: u^w (w' log u + w u'/u)
        const logu: T = { op: 'call', fn: 'log', args: [t.base], s: SCALAR };
        return [...scale(sMul(t, logu), d(t.exp)), ...scale(sMul(t, t.exp, sPow(t.base, -1)), d(t.base))];
      }
      const k = t.exp;
      const dk: T = k.op === 'num' ? tNum(k.v - 1) : sAdd(k, tNum(-1));
      const outer: T = { op: 'pow', base: t.base, exp: dk, s: t.base.s };
      if (t.s.k === 'scalar') return scale(sMul(k, outer), d(t.base));
      // elementwise: diag(k v^(k-1)) ∂v
      return prefix([{ k: 'diag', v: scaleVector(k, outer) }], d(t.base));
    }
    case 'call': return callRule(t, x, xShape);
    case 'norm': return scale(sPow(t, -1), prefix([{ k: 'row', v: t.a }], d(t.a)));
    case 'tr': throw new JacobianError('a transposed vector that depends on the variable outside a product');
    case 'diag': throw new JacobianError('a diagonal matrix that depends on the variable');
    case 'red':
      if (t.fn === 'dim') return [];
      throw new JacobianError(`${t.fn}(…) of something that depends on the variable`);
  }
}

/** c v for a number c and a vector v. */
function scaleVector(c: T, v: T): T {
  if (c.op === 'num' && c.v === 1) return v;
  return { op: 'mul', args: [c, v], s: v.s };
}

function productRule(t: Extract<T, { op: 'mul' }>, x: string, xShape: Shape): Lin {
  const d = (u: T) => derivative(u, x, xShape);
  const scalars = t.args.filter((a) => a.s.k === 'scalar');
  const chain = t.args.filter((a) => a.s.k !== 'scalar');
  const others = (i: number) => sMul(...scalars.filter((_, j) => j !== i));
  const out: Lin = [];
  if (chain.length === 0) {
    scalars.forEach((s, i) => out.push(...scale(others(i), d(s))));
    return out;
  }
  if (t.s.k === 'scalar') {
    // a^T M … M b
    const first = chain[0], lastT = chain[chain.length - 1];
    const mats = chain.slice(1, -1);
    if (first.op !== 'tr' || first.a.s.k !== 'vector' || lastT.s.k !== 'vector') throw new JacobianError('a product of this form');
    for (const m of mats) if (mentions(m, x)) throw new JacobianError('a matrix that depends on the variable');
    const a = first.a;
    const right: T = mats.length ? { op: 'mul', args: [...mats, lastT], s: lastT.s } : lastT;
    const own = [
      ...prefix([{ k: 'row', v: right }], d(a)),
      ...prefix([{ k: 'row', v: a }, ...mats.map((m): Factor => ({ k: 'mat', m }))], d(lastT)),
    ];
    out.push(...scale(sMul(...scalars), own));
    scalars.forEach((s, i) => out.push(...scale(sMul(others(i), { op: 'mul', args: chain, s: SCALAR }), d(s))));
    return out;
  }
  if (t.s.k !== 'vector') {
    if (mentions(t, x)) throw new JacobianError('a matrix that depends on the variable');
    return [];
  }
  // c_1 … c_p M_1 … M_k v
  const mats = chain.slice(0, -1);
  const v = chain[chain.length - 1];
  for (const m of mats) if (m.s.k !== 'matrix' || mentions(m, x)) throw new JacobianError(m.s.k === 'matrix' ? 'a matrix that depends on the variable' : 'a product of this form');
  const value: T = chain.length === 1 ? v : { op: 'mul', args: chain, s: t.s };
  scalars.forEach((s, i) => out.push(...scale(others(i), prefix([{ k: 'col', v: value }], d(s)))));
  out.push(...scale(sMul(...scalars), prefix(mats.map((m): Factor => ({ k: 'mat', m })), d(v))));
  return out;
}

/** ∂f/∂(argument i) of a known function, over the same arguments (elementwise when `s` is a vector). */
function knownPartial(fn: string, i: number, args: readonly T[], s: Shape): T {
  const holes = args.map((_, j) => `__arg${j}`);
  return lift(FUNCTIONS[fn].d[i](holes.map((h) => sym(h))), new Map(holes.map((h, j) => [h, args[j]])), s);
}

/**
 * A scalar formula over placeholders -> a typed tree with the placeholders' values in
 * place; products of vectors in it are elementwise (1 - tanh(v)^2 for a vector v).
 */
function lift(e: Expr, holes: ReadonlyMap<string, T>, s: Shape): T {
  const go = (x: Expr) => lift(x, holes, s);
  const shapeOf = (ts: readonly T[]): Shape => ts.find((t) => t.s.k !== 'scalar')?.s ?? SCALAR;
  switch (e.k) {
    case 'num': return tNum(e.v);
    case 'sym': return holes.get(e.name) ?? { op: 'sym', name: e.name, s: SCALAR };
    case 'neg': { const a = go(e.arg); return { op: 'neg', a, s: a.s }; }
    case 'add': { const args = e.args.map(go); return { op: 'add', args, s: shapeOf(args) }; }
    case 'mul': {
      const args = e.args.map(go);
      const vecs = args.filter((a) => a.s.k !== 'scalar');
      const scal = args.filter((a) => a.s.k === 'scalar');
      if (vecs.length <= 1) return vecs.length ? { op: 'mul', args: [...scal, ...vecs], s: vecs[0].s } : sMul(...scal);
      const h: T = { op: 'had', args: vecs, s: vecs[0].s };
      return scal.length ? { op: 'mul', args: [...scal, h], s: h.s } : h;
    }
    case 'pow': { const base = go(e.base); return { op: 'pow', base, exp: go(e.exp), s: base.s }; }
    case 'call': { const args = e.args.map(go); return { op: 'call', fn: e.fn, args, ...(e.d ? { d: e.d } : {}), s: shapeOf(args) }; }
  }
}

function callRule(t: Extract<T, { op: 'call' }>, x: string, xShape: Shape): Lin {
  const d = (u: T) => derivative(u, x, xShape);
  const known = !t.d && FUNCTIONS[t.fn];
  if (t.s.k === 'matrix') throw new JacobianError(`${t.fn}(…), a matrix that depends on the variable`);
  const out: Lin = [];
  t.args.forEach((a, i) => {
    if (!mentions(a, x)) return;
    if (t.s.k === 'scalar') {
      const partial: T = known ? knownPartial(t.fn, i, t.args, SCALAR) : { op: 'call', fn: t.fn, args: t.args, d: [...(t.d ?? []), i].sort((p, q) => p - q), s: SCALAR };
      out.push(...scale(partial, d(a)));
      return;
    }
    if (known) {
      if (a.s.k !== 'vector') throw new JacobianError(`${t.fn} of a number and a vector that depends on the variable`);
      out.push(...prefix([{ k: 'diag', v: knownPartial(t.fn, i, t.args, t.s) }], d(a)));
      return;
    }
    out.push(...prefix([{ k: 'opaque', fn: t.fn, i, args: t.args, s: matrixOf(dimsOf(t.s)[0], dimsOf(a.s)[0]) }], d(a)));
  });
  return out;
}

// ---------------------------------------------------------------------------------------
// Normal form

const factorKey = (f: Factor): string => {
  switch (f.k) {
    case 'opaque': return `opaque:${f.fn}:${f.i}:${f.args.map((a) => exprKey(toExpr(a))).join(',')}`;
    case 'diag': return `diag:${exprKey(toExpr(f.v))}`;
    case 'mat': return `mat:${exprKey(toExpr(f.m))}`;
    case 'col': return `col:${exprKey(toExpr(f.v))}`;
    case 'row': return `row:${exprKey(toExpr(f.v))}`;
  }
};

/**
 * Merge what can be merged: identity factors dropped, diag(a) diag(b) = diag(a ⊙ b),
 * a factor before a column applied to it (W u, d ⊙ u), equal factor lists added up.
 */
export function normalize(lin: Lin): Lin {
  const byKey = new Map<string, Term>();
  for (const t of lin) {
    const f: Factor[] = [];
    for (const x of t.f) {
      if (x.k === 'mat' && x.m.op === 'eye') continue;
      const prev = f[f.length - 1];
      if (x.k === 'diag' && prev?.k === 'diag') { f[f.length - 1] = { k: 'diag', v: had(prev.v, x.v) }; continue; }
      f.push(x);
    }
    // apply the factors before a column to it: M u, d ⊙ u
    let ci = f.findIndex((x) => x.k === 'col');
    while (ci > 0) {
      const before = f[ci - 1], col = f[ci] as Extract<Factor, { k: 'col' }>;
      let v: T | null = null;
      if (before.k === 'diag') v = had(before.v, col.v);
      else if (before.k === 'mat') v = { op: 'mul', args: [before.m, col.v], s: vectorOf(dimsOf(before.m.s)[0]) };
      if (!v) break;
      f.splice(ci - 1, 2, { k: 'col', v });
      ci--;
    }
    const key = f.map(factorKey).join('|');
    const hit = byKey.get(key);
    byKey.set(key, hit ? { c: sAdd(hit.c, t.c), f } : { c: t.c, f });
  }
  return [...byKey.values()].filter((t) => !(t.c.op === 'num' && t.c.v === 0));
}

function had(a: T, b: T): T {
  const args = [...(a.op === 'had' ? a.args : [a]), ...(b.op === 'had' ? b.args : [b])];
  return { op: 'had', args, s: a.s };
}

/** A matrix-valued tree as a sum of factor products (no differentiation): I - 2 v v^T / ‖v‖^2. */
export function linearize(m: T): Lin | null {
  switch (m.op) {
    case 'eye': return [{ c: T_ONE, f: [] }];
    case 'sym': case 'call': case 'pow': return [{ c: T_ONE, f: [{ k: 'mat', m }] }];
    case 'tr': return m.a.s.k === 'matrix' ? [{ c: T_ONE, f: [{ k: 'mat', m }] }] : null;
    case 'diag': return [{ c: T_ONE, f: [{ k: 'diag', v: m.a }] }];
    case 'neg': { const a = linearize(m.a); return a && scale(tNum(-1), a); }
    case 'add': {
      const parts = m.args.map(linearize);
      return parts.every((p): p is Lin => p !== null) ? parts.flat() : null;
    }
    case 'mul': {
      const scalars = m.args.filter((a) => a.s.k === 'scalar');
      let acc: Lin = [{ c: sMul(...scalars), f: [] }];
      for (const a of m.args.filter((x) => x.s.k !== 'scalar')) {
        let part: Lin | null;
        if (a.s.k === 'vector') part = [{ c: T_ONE, f: [{ k: 'col', v: a }] }];
        else if (a.s.k === 'row') part = a.op === 'tr' ? [{ c: T_ONE, f: [{ k: 'row', v: a.a }] }] : null;
        else part = linearize(a);
        if (!part) return null;
        const next: Lin = [];
        for (const p of acc) for (const q of part) next.push({ c: sMul(p.c, q.c), f: [...p.f, ...q.f] });
        if (next.length > 64) return null;
        acc = next;
      }
      return acc;
    }
    default: return null;
  }
}

/** Expand matrix factors that are sums (a Householder matrix inside J) into terms. */
export function expand(lin: Lin): Lin {
  const out: Lin = [];
  for (const t of lin) {
    let acc: Lin = [{ c: t.c, f: [] }];
    for (const f of t.f) {
      const part = f.k === 'mat' && f.m.op !== 'sym' && f.m.op !== 'call' ? linearize(f.m) : null;
      const pieces: Lin = part && part.length ? part : [{ c: T_ONE, f: [f] }];
      const next: Lin = [];
      for (const p of acc) for (const q of pieces) next.push({ c: sMul(p.c, q.c), f: [...p.f, ...q.f] });
      if (next.length > 64) return lin;
      acc = next;
    }
    out.push(...acc);
  }
  return normalize(out);
}

/** The matrix a factor stands for, as a typed tree (for det(·) and trace(·) of products). */
export function factorMatrix(f: Factor): T {
  switch (f.k) {
    case 'diag': { const k = dimsOf(f.v.s)[0]; return { op: 'diag', a: f.v, s: matrixOf(k, k) }; }
    case 'mat': return f.m;
    case 'col': return f.v;
    case 'row': return tr(f.v, transposeShape(f.v.s));
    case 'opaque': return { op: 'call', fn: `∂${f.fn}`, args: f.args, s: f.s };
  }
}
