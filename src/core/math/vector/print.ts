/**
 * Printing the vector vocabulary (typed.ts): LaTeX with w^\top u, ‖v‖, Π_i s_i, det W,
 * ⊙ between vectors and the sizes by their names (n); mathjs syntax (dot, norm, prod, det,
 * transpose and .* are mathjs functions and operators, so the strings evaluate there).
 */
import { Expr, call, mapExpr, someExpr, sym } from '../expr';
import { blockLatex, blockMathjs } from '../block';
import { toLatex, toMathjs } from '../print';
import type { Factor, Lin } from './jacobian';
import { T, VECTOR_CALLS, toExpr } from './typed';

export interface VectorNames {
  /** identifier -> LaTeX as the user wrote it (bold names). */
  readonly names: Readonly<Record<string, string>>;
  /** Vector names (products of two of them are elementwise). */
  readonly vectors: ReadonlySet<string>;
  /** dim(x), rows(A), cols(A) -> the size's name or number. */
  readonly sizeOf: (e: Expr) => string | null;
}

/** Placeholder names, unique across nested printing. */
let holes = 0;
const fresh = (prefix: string) => `${prefix}${holes++}`;

const wrapped = (s: string, e: Expr) => (e.k === 'sym' || (e.k === 'call' && e.fn !== 'norm') || (e.k === 'num' && e.v >= 0) ? s : `\\left(${s}\\right)`);

export function vectorLatex(e: Expr, p: VectorNames): string {
  const names: Record<string, string> = { ...p.names };
  const placeholder = (tex: string): Expr => { const id = fresh('__vtex'); names[id] = tex; return sym(id); };
  const inner = (x: Expr) => vectorLatex(x, { ...p, names });
  const prepared = mapExpr(e, (x) => {
    if (x.k !== 'call' || x.d) return x;
    const [a, b] = x.args;
    switch (x.fn) {
      case 'transpose': return placeholder(`${wrapped(inner(a), a)}^\\top`);
      case 'dot': return placeholder(`${wrapped(inner(a), a)}^\\top ${wrapped(inner(b), b)}`);
      case 'norm': return placeholder(`\\left\\| ${inner(a)} \\right\\|`);
      case 'diag': return placeholder(`\\operatorname{diag}\\left(${inner(a)}\\right)`);
      case 'det': return placeholder(a.k === 'sym' ? `\\det ${inner(a)}` : `\\det\\left(${inner(a)}\\right)`);
      case 'trace': return placeholder(a.k === 'sym' ? `\\operatorname{tr} ${inner(a)}` : `\\operatorname{tr}\\left(${inner(a)}\\right)`);
      case 'outer': return placeholder(`${wrapped(inner(a), a)} ${wrapped(inner(b), b)}^\\top`);
      case 'inv': return placeholder(`${wrapped(inner(a), a)}^{-1}`);
      case 'dim': case 'rows': case 'cols': { const s = p.sizeOf(x); return s ? placeholder(s) : x; }
    }
    return x;
  });
  return blockLatex(prepared, { V: p.vectors, names });
}

/** mathjs syntax: the vector calls print as themselves, ⊙ between vectors as .* (block.ts). */
export function vectorMathjs(e: Expr, p: Pick<VectorNames, 'vectors'>): string {
  const texts = new Map<string, string>();
  const V = new Set(p.vectors);
  const hole = (text: string, vector = false): Expr => { const id = fresh('__vmj'); texts.set(id, text); if (vector) V.add(id); return sym(id); };
  const isVec = (x: Expr) => someExpr(x, (y) => y.k === 'sym' && V.has(y.name));
  const prepared = mapExpr(e, (x) => {
    // an elementwise power of a vector: .^ (^ is a matrix power in mathjs)
    if (x.k === 'pow' && isVec(x.base) && !(x.exp.k === 'num' && x.exp.v === -1)) {
      const b = vectorMathjs(x.base, p);
      return hole(`${x.base.k === 'sym' ? b : `(${b})`}.^${x.exp.k === 'num' && x.exp.v >= 0 ? x.exp.v : `(${vectorMathjs(x.exp, p)})`}`, true);
    }
    if (x.k !== 'call' || x.d || !VECTOR_CALLS.has(x.fn)) return x;
    return hole(`${x.fn}(${x.args.map((a) => vectorMathjs(a, p)).join(', ')})`);
  });
  let s = blockMathjs(prepared, { V, names: {} });
  for (const [id, t] of [...texts].sort((a, b) => b[0].length - a[0].length || (b[0] < a[0] ? -1 : 1))) s = s.split(id).join(t);
  return s;
}

/** J in matrix notation: I + h'(w^T z + b) u w^T, diag(s), W. */
export function linLatex(lin: Lin, p: VectorNames): string {
  if (!lin.length) return '0';
  const terms = lin.map((t) => {
    const fs = t.f.map((f) => factorLatex(f, p));
    const body = fs.length ? fs.join(' ') : 'I';
    const c = toExpr(t.c);
    if (c.k === 'num' && c.v === 1) return body;
    if (c.k === 'num' && c.v === -1) return `-${body}`;
    const cs = vectorLatex(c, p);
    return `${c.k === 'add' ? `\\left(${cs}\\right)` : cs} ${body}`;
  });
  return terms.join(' + ').replace(/\+ -/g, '- ');
}

export function linMathjs(lin: Lin, p: Pick<VectorNames, 'vectors'>): string {
  if (!lin.length) return '0';
  return lin.map((t) => {
    const fs = t.f.map((f) => factorExpr(f));
    const c = toExpr(t.c);
    const body = fs.length ? fs.map((x) => vectorMathjs(x, p)).map((s, i) => (fs[i].k === 'sym' || fs[i].k === 'call' ? s : `(${s})`)).join(' * ') : 'I';
    if (c.k === 'num' && c.v === 1) return body;
    const cs = vectorMathjs(c, p);
    return `${c.k === 'add' ? `(${cs})` : cs} * ${body}`;
  }).join(' + ');
}

function factorExpr(f: Factor): Expr {
  switch (f.k) {
    case 'diag': return call('diag', toExpr(f.v));
    case 'mat': return toExpr(f.m);
    case 'col': return toExpr(f.v);
    case 'row': return call('transpose', toExpr(f.v));
    case 'opaque': return { k: 'call', fn: `jacobian_${f.fn}`, args: f.args.map(toExpr) };
  }
}

function factorLatex(f: Factor, p: VectorNames): string {
  if (f.k === 'opaque') return `\\frac{\\partial ${toLatex(sym(f.fn), { names: p.names })}}{\\partial ${vectorLatex(toExpr(f.args[f.i]), p)}}`;
  const e = factorExpr(f);
  const s = vectorLatex(e, p);
  return e.k === 'add' || e.k === 'neg' ? `\\left(${s}\\right)` : s;
}

export const latexOfT = (t: T, p: VectorNames): string => vectorLatex(toExpr(t), p);

/** Plain text for reasons and conditions: w^T u, ‖v‖, det(W), Π s. */
export function vectorText(e: Expr): string {
  const names = new Map<string, string>();
  const hole = (s: string): Expr => { const id = fresh('__vtxt'); names.set(id, s); return sym(id); };
  const inner = (x: Expr) => vectorText(x);
  const atom = (x: Expr) => (x.k === 'sym' || x.k === 'call' ? inner(x) : `(${inner(x)})`);
  const prepared = mapExpr(e, (x) => {
    if (x.k !== 'call' || x.d) return x;
    const [a, b] = x.args;
    switch (x.fn) {
      case 'transpose': return hole(`${atom(a)}^T`);
      case 'dot': return hole(`${atom(a)}^T ${atom(b)}`);
      case 'norm': return hole(`‖${inner(a)}‖`);
    }
    return x;
  });
  let s = toMathjs(prepared);
  for (const [id, t] of [...names].sort((a, b) => b[0].length - a[0].length || (b[0] < a[0] ? -1 : 1))) s = s.split(id).join(t);
  return s;
}
