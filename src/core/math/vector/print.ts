/**
 * Printing the vector vocabulary (typed.ts): LaTeX with w^\top u, ‖v‖, Π_i s_i, det W,
 * ⊙ between vectors and the sizes by their names (n); mathjs syntax (dot, norm, prod, det,
 * transpose and .* are mathjs functions and operators, so the strings evaluate there).
 */
import { Expr, call, mapExpr, someExpr, sym } from '../expr';
import { blockLatex, blockMathjs } from '../block';
import { toLatex, toMathjs } from '../print';
import { Factor, Lin, factorMatrix } from './jacobian';
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
    if (x.fn.startsWith('∂')) return placeholder(jacobianLatex(x.fn.slice(1), x.args.map(inner), p));
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
    if (x.k !== 'call' || x.d || !(VECTOR_CALLS.has(x.fn) || x.fn.startsWith('∂'))) return x;
    // (∂h: the Jacobian of an unknown function, jacobian_h as in J's matrix form)
    return hole(`${x.fn.startsWith('∂') ? `jacobian_${x.fn.slice(1)}` : x.fn}(${x.args.map((a) => vectorMathjs(a, p)).join(', ')})`);
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
    const c = toExpr(t.c);
    const body = t.f.length ? t.f.map((f) => factorMathjs(f, p)).join(' * ') : 'I';
    if (c.k === 'num' && c.v === 1) return body;
    const cs = vectorMathjs(c, p);
    return `${c.k === 'add' ? `(${cs})` : cs} * ${body}`;
  }).join(' + ').replace(/\+ -/g, '- ');
}

/** J_h(u): the Jacobian of an unknown function h at its arguments. */
const jacobianLatex = (fn: string, args: readonly string[], p: VectorNames): string =>
  `J_{${toLatex(sym(fn), { names: p.names })}}\\left(${args.join(', ')}\\right)`;

/** A LaTeX argument that reads as one thing after a function name without parentheses (x, \\mathbf{z}, x_{1}). */
const atomicLatex = (s: string): boolean => /^(?:\\math\w+\{[^{}\s]+\}|\\boldsymbol\{[^{}\s]+\}|\\?[A-Za-z]+)(?:_\{?[\w\\]+\}?)?$/.test(s);

function factorLatex(f: Factor, p: VectorNames): string {
  if (f.k === 'opaque') return jacobianLatex(f.fn, f.args.map((a) => tLatex(a, p)), p);
  const t = factorMatrix(f);
  const s = tLatex(t, p);
  return t.op === 'add' || t.op === 'neg' ? `\\left(${s}\\right)` : s;
}

function factorMathjs(f: Factor, p: Pick<VectorNames, 'vectors'>): string {
  if (f.k === 'opaque') return `jacobian_${f.fn}(${f.args.map((a) => tMathjs(a, p)).join(', ')})`;
  const t = factorMatrix(f);
  const s = tMathjs(t, p);
  return t.op === 'add' || t.op === 'neg' || t.op === 'mul' ? `(${s})` : s;
}


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

// ---------------------------------------------------------------------------------------
// Values that are vectors or matrices, printed from the typed tree (shapes known): a matrix
// times a vector is juxtaposed, ⊙ only where the tree says elementwise.

interface TStyle {
  readonly scalar: (e: Expr) => string;
  readonly sym: (name: string) => string;
  readonly times: string;
  readonly had: string;
  readonly wrap: (s: string) => string;
  readonly transpose: (s: string) => string;
  readonly call: (fn: string, args: string[]) => string;
  readonly power: (base: string, exp: string, elementwise: boolean) => string;
}

const P_ADD = 1, P_MUL = 2, P_ATOM = 4;

function tPrint(t: T, st: TStyle, ctx: number): string {
  if (t.s.k === 'scalar') {
    const s = st.scalar(toExpr(t));
    return ctx > P_ADD && /[+-]/.test(s.replace(/^-/, '')) && !/^[\\\w]*\(.*\)$/.test(s) ? st.wrap(s) : s;
  }
  const go = (x: T, c: number) => tPrint(x, st, c);
  switch (t.op) {
    case 'sym': case 'eye': return st.sym(t.name);
    case 'add': {
      let s = go(t.args[0], P_ADD);
      for (const a of t.args.slice(1)) {
        const term = a.op === 'neg' ? null : go(a, P_ADD);
        s += term === null ? ` - ${go((a as { a: T }).a, P_MUL)}` : term.startsWith('-') ? ` - ${term.slice(1)}` : ` + ${term}`;
      }
      return ctx > P_ADD ? st.wrap(s) : s;
    }
    case 'neg': { const s = `-${go(t.a, P_MUL)}`; return ctx > P_ADD ? st.wrap(s) : s; }
    case 'mul': {
      const scalars = t.args.filter((a) => a.s.k === 'scalar');
      const chain = t.args.filter((a) => a.s.k !== 'scalar');
      const parts = [...(scalars.length ? [go({ op: 'mul', args: scalars, s: scalars[0].s }, P_MUL)] : []), ...chain.map((a) => go(a, P_MUL))];
      const s = parts.join(st.times);
      return ctx > P_MUL ? st.wrap(s) : s;
    }
    case 'had': { const s = t.args.map((a) => go(a, P_MUL)).join(st.had); return ctx >= P_MUL ? st.wrap(s) : s; }
    case 'pow': return st.power(go(t.base, P_ATOM), st.scalar(toExpr(t.exp)), t.base.s.k === 'vector');
    case 'call': return st.call(t.fn, t.args.map((a) => go(a, 0)));
    case 'tr': return st.transpose(go(t.a, P_ATOM));
    case 'diag': return st.call('diag', [go(t.a, 0)]);
    default: return st.scalar(toExpr(t));
  }
}

/** LaTeX of a typed value (a component, a factor of J). */
export function tLatex(t: T, p: VectorNames): string {
  return tPrint(t, {
    scalar: (e) => vectorLatex(e, p),
    sym: (n) => toLatex(sym(n), { names: p.names }),
    times: ' ', had: ' \\odot ', wrap: (s) => `\\left(${s}\\right)`,
    transpose: (s) => `${s}^\\top`,
    call: (fn, args) => {
      if (fn === 'diag') return `\\operatorname{diag}\\left(${args[0]}\\right)`;
      if (fn.startsWith('∂')) return jacobianLatex(fn.slice(1), args, p);
      // the function as the scalar printer writes it, around a placeholder; an argument that is
      // not one symbol in parentheses where that printer would leave them out (\\tanh x, \\log x)
      const a = args.join(', ');
      const plain = toLatex(call(fn, sym('__a')), { names: { ...p.names, __a: a } });
      return atomicLatex(a) || plain.includes(`\\left(${a}\\right)`) || plain.includes(`{${a}}`)
        ? plain : toLatex(call(fn, sym('__a')), { names: { ...p.names, __a: `\\left(${a}\\right)` } });
    },
    power: (b, e, ew) => (e === '-1' && !ew ? `${b}^{-1}` : `${b}^{${e}}`),
  }, 0);
}

/** mathjs syntax of a typed value: * between matrix and vector, .* and .^ elementwise. */
export function tMathjs(t: T, p: Pick<VectorNames, 'vectors'>): string {
  return tPrint(t, {
    scalar: (e) => vectorMathjs(e, p), sym: (n) => n, times: ' * ', had: ' .* ', wrap: (s) => `(${s})`,
    transpose: (s) => `transpose(${s})`, call: (fn, args) => `${fn}(${args.join(', ')})`,
    power: (b, e, ew) => `${b}${ew ? '.^' : '^'}${/^[\w.]+$/.test(e) ? e : `(${e})`}`,
  }, 0);
}
