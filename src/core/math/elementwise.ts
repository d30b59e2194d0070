/**
 * Maps that are linear, then a function per component, then linear again:
 * f(x) = A · g(B x + b) + c with constant n × n matrices A, B and g_k of one argument each
 * (a colour space's cube roots between two 3 × 3 matrices, a layer W2 tanh(W1 x + b)).
 * Their Jacobian factors as J = A · diag(g_k'(u_k)) · B with u = B x + b, so
 * det J = det A · det B · Π g_k'(u_k): short and readable where the expanded determinant is a
 * polynomial of hundreds of characters, or does not finish in the budget. Read from the
 * components' structure (a sum of constant multiples of g_k(affine form)); the caller checks
 * every form it gives against the raw J and LU, as it does every simplified form.
 * Also with a function of each variable first, f(x) = A · g(B h(x) + b) + c, h_j a function of
 * x_j alone (sRGB's decoding of each channel before the matrices): the chain rule gives
 * J = A · diag(g_k'(u_k)) · B · diag(h_j'(x_j)) and det J = det A · det B · Π g_k'(u_k) · Π h_j'(x_j).
 * With fewer such functions than variables (k < n), the map factors through R^k: J is the
 * same product, of rank at most k, and det J = 0 everywhere.
 */
import { Expr, add, children, exprKey, mul, num, pow, rebuild, substitute, sym, symbolsOf } from './expr';
import { diff } from './diff';
import { type Q, Q0, q, qAdd, qFromNumber, qIsZero, qKey, qMul, qNeg, qPow, qToNumber } from './rational';
import { rationalDet } from './determinant';

/** An affine form Σ c_j x_j + k over the map's variables, with exact coefficients. */
interface Affine { readonly c: Q[]; readonly k: Q }

/**
 * A map F(g(h(x))): n functions g_k of one argument each, of any inner forms h_k of the
 * variables, and components that use the variables only through them (F: a polynomial or other
 * form of the n values w_k = g_k(h_k(x)), with constants). The chain rule gives
 * J = J_F(w) · diag(g_k'(h_k)) · J_h and det J = det J_F(w) · Π g_k'(h_k) · det J_h, with J and
 * det J of F and of h worked out by the caller (`layerJacobian`, each over its own few names:
 * short where the algebra's J of the whole map, over the outer functions of h, is not).
 * With k < n such values the map factors through R^k, so det J = 0: F and h then have
 * rectangular Jacobians (n x k and k x n), and no determinant is asked for.
 */
export type LayerJacobian = (components: readonly Expr[], variables: readonly string[], square: boolean) => { readonly jacobian: Expr[][]; readonly det: Expr | null } | null;

export interface Elementwise {
  /** u_k = B_k · x + b_k, the inner linear forms (as trees in the map's variables). */
  readonly inner: Expr[];
  /** J in the factored form: J_ij = Σ_k A_ik B_kj g_k'(u_k). */
  readonly jacobian: Expr[][];
  /** det A · det B · Π g_k'(u_k). */
  readonly det: Expr;
  /** Some u_k mixes several variables (else J is plain enough to simplify as usual). */
  readonly mixing: boolean;
}

const PLACEHOLDER = '\u0000t';

/** An affine form of e in the variables, or null (a parameter, a product of variables, a function). */
function affine(e: Expr, index: ReadonlyMap<string, number>, n: number): Affine | null {
  switch (e.k) {
    case 'num': return { c: new Array<Q>(n).fill(Q0), k: qFromNumber(e.v) };
    case 'sym': {
      const i = index.get(e.name);
      if (i === undefined) return null;
      const c = new Array<Q>(n).fill(Q0);
      c[i] = q(1n);
      return { c, k: Q0 };
    }
    case 'neg': {
      const a = affine(e.arg, index, n);
      return a && scale(a, q(-1n));
    }
    case 'add': {
      let out: Affine = { c: new Array<Q>(n).fill(Q0), k: Q0 };
      for (const t of e.args) {
        const a = affine(t, index, n);
        if (!a) return null;
        out = { c: out.c.map((x, j) => qAdd(x, a.c[j])), k: qAdd(out.k, a.k) };
      }
      return out;
    }
    case 'mul': {
      let out: Affine | null = null, factor = q(1n);
      for (const f of e.args) {
        const a = affine(f, index, n);
        if (!a) return null;
        if (a.c.every(qIsZero)) factor = qMul(factor, a.k);
        else if (out) return null;   // a product of two forms is not affine
        else out = a;
      }
      return out ? scale(out, factor) : { c: new Array<Q>(n).fill(Q0), k: factor };
    }
    case 'pow': {
      // 1/k as a number; any other power of a variable is not affine
      if (e.exp.k !== 'num' || e.base.k !== 'num' || e.exp.v !== -1 || e.base.v === 0) return null;
      const d = qFromNumber(e.base.v);
      return { c: new Array<Q>(n).fill(Q0), k: q(d.d, d.n) };
    }
    default: return null;
  }
}

const scale = (a: Affine, f: Q): Affine => ({ c: a.c.map((x) => qMul(x, f)), k: qMul(a.k, f) });
const isConstant = (a: Affine) => a.c.every(qIsZero);

/**
 * Per variable x_j, what the inner forms are linear in: x_j itself (null), a function h_j of
 * x_j alone (the same in every inner form), or not yet met (undefined).
 */
type Features = Array<{ readonly h: Expr; readonly key: string } | null | undefined>;

/** Mark the variables an affine form uses as used as themselves; false when one is used through a function. */
function linearIn(a: Affine, features: Features): boolean {
  for (let j = 0; j < a.c.length; j++) {
    if (qIsZero(a.c[j])) continue;
    if (features[j]) return false;
    features[j] = null;
  }
  return true;
}

/**
 * e as Σ c_j h_j(x_j) + k: each term a constant, a constant multiple of a variable, or a constant
 * multiple of a function of one variable (the same function of it wherever it occurs); else null.
 */
function innerForm(e: Expr, index: ReadonlyMap<string, number>, n: number, features: Features): Affine | null {
  const whole = affine(e, index, n);
  if (whole) return linearIn(whole, features) ? whole : null;
  const out: Affine = { c: new Array<Q>(n).fill(Q0), k: Q0 };
  for (const t of e.k === 'add' ? e.args : [e]) {
    const a = affine(t, index, n);
    if (a) {
      if (!linearIn(a, features)) return null;
      a.c.forEach((c, j) => { out.c[j] = qAdd(out.c[j], c); });
      (out as { k: Q }).k = qAdd(out.k, a.k);
      continue;
    }
    const [c, h] = splitConstant(t);
    const used = [...symbolsOf(h)].filter((x) => index.has(x));
    if (qIsZero(c) || used.length !== 1) return null;
    const j = index.get(used[0])!, key = exprKey(h);
    const known = features[j];
    if (known === null || (known && known.key !== key)) return null;
    features[j] = { h, key };
    out.c[j] = qAdd(out.c[j], c);
  }
  return out;
}

/** An exact number as a node: a double, which the printers write as the fraction or decimal it is. */
const numOfQ = (c: Q): Expr => num(qToNumber(c));

/** e = c · rest with c an exact number (also out of a reciprocal: 1/(3 u^2) = 1/3 · u^-2). */
function splitConstant(e: Expr): [Q, Expr] {
  if (e.k === 'num') return [qFromNumber(e.v), num(1)];
  if (e.k === 'neg') { const [c, r] = splitConstant(e.arg); return [qNeg(c), r]; }
  if (e.k === 'mul') {
    let c = q(1n);
    const rest: Expr[] = [];
    for (const f of e.args) { const [k, r] = splitConstant(f); c = qMul(c, k); rest.push(r); }
    return [c, mul(...rest)];
  }
  // (a whole power up to 64, as everywhere exact: 0.05144^59929 would be a number of a quarter of a million digits)
  if (e.k === 'pow' && e.exp.k === 'num' && Number.isInteger(e.exp.v) && Math.abs(e.exp.v) <= 64) {
    const [c, r] = splitConstant(e.base);
    if (!qIsZero(c)) return [qPow(c, e.exp.v), pow(r, e.exp)];
  }
  return [q(1n), e];
}

/** The tree of an inner form, in the order of the variables (each x_j, or its function h_j). */
function tree(a: Affine, vars: readonly string[], features: Features): Expr {
  return add(...a.c.map((c, j) => mul(num(qToNumber(c)), features[j]?.h ?? sym(vars[j]))), num(qToNumber(a.k)));
}

/** One term of a component: coefficient × g(affine form), or a constant (atom null). */
interface Term { readonly coef: Q; readonly atom: { readonly g: Expr; readonly arg: Affine; readonly key: string } | null }

/** g(u) with u an inner form (affine in the variables or their functions h_j) and not constant, g a function of one argument or a constant power. */
function atomOf(e: Expr, index: ReadonlyMap<string, number>, n: number, features: Features): Term['atom'] {
  let arg: Expr, g: Expr;
  if (e.k === 'call' && e.args.length === 1) { arg = e.args[0]; g = { ...e, args: [sym(PLACEHOLDER)] }; }
  else if (e.k === 'pow' && e.exp.k === 'num' && e.exp.v !== 1) { arg = e.base; g = pow(sym(PLACEHOLDER), e.exp); }
  else return null;
  const a = innerForm(arg, index, n, features);
  if (!a || isConstant(a)) return null;
  return { g, arg: a, key: `${exprKey(g)}|${a.c.map(qKey).join(',')}|${qKey(a.k)}` };
}

function termOf(e: Expr, index: ReadonlyMap<string, number>, n: number, features: Features): Term | null {
  if (e.k === 'neg') { const t = termOf(e.arg, index, n, features); return t && { ...t, coef: qNeg(t.coef) }; }
  const constant = affine(e, index, n);
  if (constant) return isConstant(constant) ? { coef: constant.k, atom: null } : null;   // a linear term: J is not A D B
  const factors = e.k === 'mul' ? e.args : [e];
  let coef = q(1n);
  const rest: Expr[] = [];
  for (const f of factors) {
    const a = affine(f, index, n);
    if (a && isConstant(a)) coef = qMul(coef, a.k);
    else rest.push(f);
  }
  if (rest.length !== 1) return null;
  const atom = atomOf(rest[0], index, n, features);
  return atom && { coef, atom };
}

/**
 * The factored form of a map A · g(B x + b) + c, or null when the components are not of that
 * form (a term that is not a constant multiple of a function of one affine form, or another
 * number of such functions than of variables). With `layerJacobian`, also the layered form
 * F(g(h(x))) where that one is not met (layeredForm, layeredElementwise).
 */
export function elementwiseForm(components: readonly Expr[], vars: readonly string[], canonical: (e: Expr) => Expr = (e) => e, layerJacobian?: LayerJacobian): Elementwise | null {
  const affineForm = elementwiseAffine(components, vars, canonical);
  if (affineForm || !layerJacobian) return affineForm;
  const layers = layeredForm(components, vars);
  return layers && layeredElementwise(layers, vars, layerJacobian);
}

/** A map's layers F(g(h(x))) (layeredForm). */
export interface Layers {
  /** F: the components with each g_k(h_k) named w_k (`names`). */
  readonly outer: Expr[];
  readonly names: string[];
  /** g_k(h_k) as written, g_k with a placeholder argument, and h_k. */
  readonly atoms: Expr[];
  readonly g: Expr[];
  readonly inner: Expr[];
}

/**
 * J = J_F(w) diag(g_k'(h_k)) J_h and det J = det J_F(w) Π g_k'(h_k) det J_h, from each layer's J
 * (null where one has none); det J = 0 where there are fewer layer values than variables.
 */
export function layeredElementwise(layers: Layers, vars: readonly string[], layerJacobian: LayerJacobian): Elementwise | null {
  const square = layers.names.length === vars.length;
  const outer = layerJacobian(layers.outer, layers.names, square);
  const inner = outer && layerJacobian(layers.inner, vars, square);
  if (!outer || !inner || (square && (!outer.det || !inner.det))) return null;
  const back = new Map(layers.names.map((w, k) => [w, layers.atoms[k]]));
  const atW = (e: Expr) => substitute(e, back);
  const slopes = layers.g.map((g, k) => splitConstant(substitute(diff(g, PLACEHOLDER), new Map([[PLACEHOLDER, layers.inner[k]]]))));
  const JF = outer.jacobian.map((row) => row.map(atW));
  const jacobian = JF.map((row) => vars.map((_, j) => add(...slopes.map(([c, s], k) => mul(numOfQ(c), row[k], s, inner.jacobian[k][j])))));
  if (!square) return { inner: layers.inner, jacobian, det: num(0), mixing: true };
  const d = slopes.reduce((p, [c]) => qMul(p, c), q(1n));
  return { inner: layers.inner, jacobian, det: mul(numOfQ(d), atW(outer.det!), ...slopes.map(([, s]) => s), inner.det!), mixing: true };
}

/** The names standing for the values w_k = g_k(h_k(x)) in the outer layer (no variable or parameter can be written so). */
const LAYER_NAME = (k: number) => `\u0000w${k + 1}`;

/**
 * The components as F(g(h(x))): the variables met only inside n distinct g_k(h_k) (a function of
 * one argument, or a power other than a whole number, of a form using the variables), some
 * component using several of them; F the components with each g_k(h_k) named w_k. Also with
 * fewer than n of them (at least one): the map factors through them, whatever F is. Else null.
 */
export function layeredForm(components: readonly Expr[], vars: readonly string[]): Layers | null {
  const n = vars.length;
  if (n < 2 || components.length !== n) return null;
  const varSet = new Set(vars);
  const atoms = new Map<string, { atom: Expr; g: Expr; u: Expr; name: string }>();
  let failed = false;
  const usesVars = (e: Expr) => [...symbolsOf(e)].some((x) => varSet.has(x));
  const outerOf = (e: Expr): Expr => mapExprTop(e, (x) => {
    if (failed) return x;
    let u: Expr | null = null, g: Expr | null = null;
    if (x.k === 'call' && x.args.length === 1 && !x.d?.length) { u = x.args[0]; g = { ...x, args: [sym(PLACEHOLDER)] }; }
    else if (x.k === 'pow' && x.exp.k === 'num' && !Number.isInteger(x.exp.v)) { u = x.base; g = pow(sym(PLACEHOLDER), x.exp); }
    if (u && g && usesVars(u)) {
      const key = `${exprKey(g)}|${exprKey(u)}`;
      let a = atoms.get(key);
      if (!a) {
        if (atoms.size === n) { failed = true; return x; }
        atoms.set(key, a = { atom: x, g, u, name: LAYER_NAME(atoms.size) });
      }
      return sym(a.name);
    }
    // a variable outside the functions, or a function of several arguments of the variables: not of this form
    if ((x.k === 'sym' && varSet.has(x.name)) || (x.k === 'call' && usesVars(x))) failed = true;
    return null;
  });
  const outer = components.map(outerOf);
  if (failed || atoms.size === 0) return null;
  const list = [...atoms.values()];
  const names = list.map((a) => a.name);
  // (n of them, each component using a single w_k: a function per component, the algebra's J is short then)
  if (atoms.size === n && !outer.some((e) => names.filter((w) => symbolsOf(e).has(w)).length > 1)) return null;
  return { outer, names, atoms: list.map((a) => a.atom), g: list.map((a) => a.g), inner: list.map((a) => a.u) };
}

/** e with each node that `f` replaces (top-down: a replaced node's insides are not visited) replaced; null keeps the node and visits its children. */
function mapExprTop(e: Expr, f: (e: Expr) => Expr | null): Expr {
  const r = f(e);
  if (r) return r;
  const kids = children(e);
  if (!kids.length) return e;
  return rebuild(e, kids.map((c) => mapExprTop(c, f)));
}

/** The form A · g(B h(x) + b) + c with h_j of x_j alone (or x_j itself), else null. */
function elementwiseAffine(components: readonly Expr[], vars: readonly string[], canonical: (e: Expr) => Expr): Elementwise | null {
  const n = vars.length;
  if (n < 2 || components.length !== n) return null;
  const index = new Map(vars.map((v, i) => [v, i]));
  const atoms = new Map<string, { g: Expr; arg: Affine; k: number }>();
  const rows: Array<Map<number, Q>> = [];
  const features: Features = new Array(n).fill(undefined);
  for (const c of components) {
    const row = new Map<number, Q>();
    for (const t of c.k === 'add' ? c.args : [c]) {
      const term = termOf(t, index, n, features);
      if (!term) return null;
      if (!term.atom) continue;
      let a = atoms.get(term.atom.key);
      if (!a) {
        if (atoms.size === n) return null;
        a = { g: term.atom.g, arg: term.atom.arg, k: atoms.size };
        atoms.set(term.atom.key, a);
      }
      row.set(a.k, qAdd(row.get(a.k) ?? Q0, term.coef));
    }
    rows.push(row);
  }
  if (atoms.size !== n) return null;
  const list = [...atoms.values()];
  const A: Q[][] = rows.map((row) => list.map((_, k) => row.get(k) ?? Q0));
  const B: Q[][] = list.map((a) => a.arg.c);
  // (over functions h_j of the variables, the form as written: the simplifier's canonical form
  // expands a power such as ((x + 0.055)/1.055)^2.4 into a polynomial times a fifth root)
  const over = features.some((f) => f);
  const inner = list.map((a) => (over ? tree(a.arg, vars, features) : canonical(tree(a.arg, vars, features))));
  // g_k'(u_k) = c_k s_k(u_k): its constant factor apart, so that the products fold into one number
  const slopes = list.map((a, k) => splitConstant(substitute(diff(a.g, PLACEHOLDER), new Map([[PLACEHOLDER, inner[k]]]))));
  // h_j'(x_j) = d_j t_j(x_j) likewise (1 for a variable used as itself)
  const outer = vars.map((v, j) => { const f = features[j]; return f ? splitConstant(diff(f.h, v)) : [q(1n), num(1)] as [Q, Expr]; });
  const jacobian = A.map((row) => vars.map((_, j) => add(...slopes.map(([c, s], k) => mul(numOfQ(qMul(qMul(qMul(row[k], B[k][j]), c), outer[j][0])), s, outer[j][1])))));
  const d = [...slopes, ...outer].reduce((p, [c]) => qMul(p, c), qMul(rationalDet(A), rationalDet(B)));
  const det = mul(numOfQ(d), ...slopes.map(([, s]) => s), ...outer.map(([, t]) => t));
  const mixing = B.some((r) => r.filter((x) => !qIsZero(x)).length > 1);
  return { inner, jacobian, det, mixing };
}

