/**
 * The block engine: maps whose variables are vectors of any length (model.ts, BlockSpec),
 * such as the affine coupling layer z_A' = z_A, z_B' = z_B ⊙ exp(s(z_A)) + t(z_A).
 *
 * A component that uses its own block only elementwise (never inside an unknown function,
 * which would mix coordinates) has a diagonal Jacobian block diag(D), D = ∂c/∂x computed on
 * the scalar instance. When the blocks can be ordered so that each uses only earlier ones,
 * J is block triangular and det J = Π_blocks Π_i D_i, whatever the blocks' lengths:
 *   Π_i exp(u)_i = exp(Σ_i u_i),  Π_i c = c^{dim x},  Π_i (a b)_i = Π a · Π b.
 * Components affine in their own block, c = x ⊙ g + h (g, h free of x), are inverted in
 * order: x = (y - h) ⊘ g, which for g = exp(s) is (y - t) ⊙ exp(-s). This covers affine and
 * additive coupling of any split, and triangular stacks of them; it is structure, not a
 * pattern match on names.
 */
import { Expr, ONE, add, call, equal, isNum, mapExpr, mul, neg, num, pow, someExpr, substitute, sym, symbolsOf } from './expr';
import { isKnownFunction } from './functions';
import { toLatex, toMathjs } from './print';
import { compareNumerically } from './check';
import type { Transform } from '../model';
import type { TransformReport } from '../report';
import { jacobianWhere } from '../abbreviate';

export class BlockError extends Error {}

export interface BlockResult {
  /** det J for any block lengths, with sum(u), prod(u) (over a block's coordinates) and dim(x). */
  readonly det: Expr;
  /** f^{-1} in the same variable names, read as coordinates of the image (elementwise), when every block is affine in itself. */
  readonly inverse: Expr[] | null;
  /** D_i: ∂c_i/∂x_i = diag(D_i) (scalar variables: the derivative itself). */
  readonly diagonal: Expr[];
  readonly structure: 'coupling' | 'triangular' | 'diagonal' | 'linear';
  /** The inverse exists for every choice of the unknown functions (g = exp(…) or nonzero constants). */
  readonly alwaysInvertible: boolean;
}

const SUM = 'sum', PROD = 'prod', DIM = 'dim';

/**
 * Analyse a block map. `J` is the Jacobian of the scalar instance (simplified and checked by
 * analyze.ts); its diagonal gives the D_i. Throws BlockError when the map is outside the family.
 */
export function analyzeBlocks(t: Transform, J: readonly (readonly Expr[])[]): BlockResult {
  const vars = t.variables;
  const n = vars.length;
  const V = new Set(t.block?.vectors ?? []);
  const comps = t.components;
  // each component uses its own variable elementwise only
  for (let i = 0; i < n; i++) {
    const x = vars[i];
    const mixed = someExpr(comps[i], (e) => e.k === 'call' && (!!e.d || !isKnownFunction(e.fn)) && e.args.some((a) => symbolsOf(a).has(x)));
    if (mixed && V.has(x)) {
      throw new BlockError(`the formula for ${x} passes ${x} itself through an unknown function, so ∂/∂${x} is not a diagonal block`);
    }
  }
  // order: each component uses only variables of earlier components (besides its own)
  const uses = comps.map((c, i) => [...symbolsOf(c)].map((s) => vars.indexOf(s)).filter((j) => j >= 0 && j !== i));
  const order: number[] = [];
  const placed = new Set<number>();
  while (order.length < n) {
    const next = [...Array(n).keys()].find((i) => !placed.has(i) && uses[i].every((j) => placed.has(j)));
    if (next === undefined) throw new BlockError('the blocks depend on each other both ways, so J is not block triangular');
    order.push(next);
    placed.add(next);
  }
  const diagonal = vars.map((_, i) => J[i][i]);
  const factors = vars.map((x, i) => (V.has(x) ? prodOver(diagonal[i], x, V) : diagonal[i]));
  const det = mergeExp(mul(...factors));
  // inverse: affine in its own block, solved in order
  const affine = vars.every((x, i) => !symbolsOf(diagonal[i]).has(x));
  let inverse: Expr[] | null = null;
  if (affine) {
    const solved = new Map<string, Expr>();
    for (const i of order) {
      const x = vars[i];
      const h = substitute(comps[i], new Map([[x, num(0)]]));
      const y = sym(x);
      const g = diagonal[i];
      const back = (e: Expr) => substitute(e, solved);
      solved.set(x, mul(add(y, neg(back(h))), reciprocal(back(g))));
    }
    inverse = vars.map((x) => solved.get(x)!);
  }
  const identity = comps.map((c, i) => c.k === 'sym' && c.name === vars[i]);
  const A = new Set(vars.filter((_, i) => identity[i]));
  let structure: BlockResult['structure'] = 'triangular';
  if (uses.every((u) => u.length === 0)) structure = diagonal.every((d) => symbolsOf(d).size === 0) ? 'linear' : 'diagonal';
  else if (A.size > 0 && A.size < n && affine && uses.every((u, i) => identity[i] || u.every((j) => A.has(vars[j])))) structure = 'coupling';
  const alwaysInvertible = affine && diagonal.every(nonvanishing);
  return { det, inverse, diagonal, structure, alwaysInvertible };
}

/** Π_i D_i over the coordinates of block x. */
export function prodOver(D: Expr, x: string, V: ReadonlySet<string>): Expr {
  if (isNum(D, 1)) return ONE;
  if (!isVector(D, V)) return pow(D, call(DIM, sym(x)));
  if (D.k === 'mul') return mul(...D.args.map((a) => prodOver(a, x, V)));
  if (D.k === 'pow' && !isVector(D.exp, V)) return pow(prodOver(D.base, x, V), D.exp);
  if (D.k === 'call' && D.fn === 'exp' && !D.d) return call('exp', sumOver(D.args[0], x, V));
  return call(PROD, D);
}

/** Σ_i u_i over the coordinates of block x. */
function sumOver(u: Expr, x: string, V: ReadonlySet<string>): Expr {
  if (!isVector(u, V)) return mul(u, call(DIM, sym(x)));
  if (u.k === 'add') return add(...u.args.map((a) => sumOver(a, x, V)));
  if (u.k === 'neg') return neg(sumOver(u.arg, x, V));
  if (u.k === 'mul') {
    const scalar = u.args.filter((a) => !isVector(a, V));
    const vector = u.args.filter((a) => isVector(a, V));
    if (scalar.length) return mul(...scalar, sumOver(mul(...vector), x, V));
  }
  return call(SUM, u);
}

const isVector = (e: Expr, V: ReadonlySet<string>) => someExpr(e, (x) => x.k === 'sym' && V.has(x.name));

/** exp(a) exp(b) -> exp(a + b). */
function mergeExp(e: Expr): Expr {
  if (e.k !== 'mul') return e;
  const exps = e.args.filter((a) => a.k === 'call' && a.fn === 'exp' && !a.d) as Array<Extract<Expr, { k: 'call' }>>;
  if (exps.length < 2) return e;
  const rest = e.args.filter((a) => !exps.includes(a as Extract<Expr, { k: 'call' }>));
  return mul(...rest, call('exp', add(...exps.map((x) => x.args[0]))));
}

export function reciprocal(g: Expr): Expr {
  if (g.k === 'call' && g.fn === 'exp' && !g.d) return call('exp', neg(g.args[0]));
  if (g.k === 'num') return num(1 / g.v);
  return pow(g, num(-1));
}

export function nonvanishing(g: Expr): boolean {
  if (g.k === 'num') return g.v !== 0;
  if (g.k === 'call' && g.fn === 'exp' && !g.d) return true;
  if (g.k === 'mul') return g.args.every(nonvanishing);
  if (g.k === 'pow') return nonvanishing(g.base);
  return false;
}


/** Every block of length 1: sum(u) = prod(u) = u, dim(x) = 1. */
export function scalarInstance(e: Expr): Expr {
  return mapExpr(e, (x) => {
    if (x.k !== 'call' || x.d) return x;
    if (x.fn === SUM || x.fn === PROD) return x.args[0];
    if (x.fn === DIM) return ONE;
    return x;
  });
}

// ---------------------------------------------------------------------------------------
// Printing: ⊙ between vectors (.* in mathjs syntax), Σ_i and Π_i over a block's coordinates

type Names = Readonly<Record<string, string>>;

interface Printer {
  readonly V: ReadonlySet<string>;
  readonly names: Names;
}

/** mathjs syntax, with .* and ./ between vector-valued factors. */
export function blockMathjs(e: Expr, p: Printer): string {
  return elementwise(e, p, {
    atom: toMathjs, wrap: (s) => `(${s})`, times: ' .* ', over: ' ./ ',
  });
}

/** LaTeX with ⊙ and ⊘ between vector-valued factors, Σ_i, Π_i and dim. */
export function blockLatex(e: Expr, p: Printer): string {
  const names: Record<string, string> = { ...p.names };
  let k = 0;
  const lx = (x: Expr): string => toLatex(x, { names });
  const placeholder = (tex: string): Expr => { const id = `__block${k++}`; names[id] = tex; return sym(id); };
  const indexed = (u: Expr): string => {
    const s = blockLatex(u, { ...p, names });
    return u.k === 'call' || u.k === 'sym' ? `${s}_i` : `\\left(${s}\\right)_i`;
  };
  const prepared = mapExpr(e, (x) => {
    if (x.k !== 'call' || x.d) return x;
    if (x.fn === SUM) return placeholder(`\\sum_i ${indexed(x.args[0])}`);
    if (x.fn === PROD) return placeholder(`\\prod_i ${indexed(x.args[0])}`);
    if (x.fn === DIM) return placeholder(`\\dim ${lx(x.args[0])}`);
    return x;
  });
  const atom = (x: Expr) => {
    if (x.k === 'call' && x.fn === 'exp' && !x.d && x.args[0].k === 'sym' && x.args[0].name.startsWith('__block')) return `\\exp\\left(${lx(x.args[0])}\\right)`;
    return lx(x);
  };
  return elementwise(prepared, p, { atom, wrap: (s) => `\\left(${s}\\right)`, times: ' \\odot ', over: ' \\oslash ' });
}

interface Style { atom(e: Expr): string; wrap(s: string): string; times: string; over: string }

function elementwise(e: Expr, p: Printer, st: Style): string {
  const vec = (x: Expr) => isVector(x, p.V);
  const hasElementwise = someExpr(e, (x) => x.k === 'mul' && x.args.filter(vec).length >= 2);
  if (!hasElementwise) return st.atom(e);
  switch (e.k) {
    case 'add': {
      let s = elementwise(e.args[0], p, st);
      for (const t of e.args.slice(1)) {
        const negated = t.k === 'neg' ? t.arg : t.k === 'mul' && t.args[0].k === 'num' && t.args[0].v < 0 ? mul(num(-t.args[0].v), ...t.args.slice(1)) : null;
        s += negated ? ` - ${factor(negated, p, st)}` : ` + ${elementwise(t, p, st)}`;
      }
      return s;
    }
    case 'neg': return `-${factor(e.arg, p, st)}`;
    case 'mul': {
      const scalars = e.args.filter((a) => !vec(a));
      const vectors = e.args.filter(vec);
      if (vectors.length < 2) return st.atom(e);
      let s = '';
      if (scalars.length) s = `${factor(mul(...scalars), p, st)} `;
      vectors.forEach((v, i) => {
        const inv = v.k === 'pow' && isNum(v.exp, -1);
        const body = factor(inv ? (v as Extract<Expr, { k: 'pow' }>).base : v, p, st);
        s += i === 0 ? (inv ? `1${st.over}${body}` : body) : `${inv ? st.over : st.times}${body}`;
      });
      return s.trim();
    }
    default: return st.atom(e);
  }
}

function factor(e: Expr, p: Printer, st: Style): string {
  const s = elementwise(e, p, st);
  return e.k === 'add' || e.k === 'neg' || (e.k === 'num' && e.v < 0) || (e.k === 'mul' && e.args.filter((a) => isVector(a, p.V)).length >= 2) ? st.wrap(s) : s;
}

// ---------------------------------------------------------------------------------------
// The report

/**
 * The report of a block map: det J, structure, inverse and LaTeX for any block lengths.
 * `logAbsDet` is analyze.ts's log|c exp(u)| (passed in, so that this module does not import analyze.ts).
 */
export function applyBlocks(t: Transform, r: TransformReport, logAbsDet: (det: Expr) => Expr | null): TransformReport {
  if (!t.block?.vectors.length) return r;
  const V = new Set(t.block.vectors);
  const names = t.display ?? {};
  const p: Printer = { V, names };
  const blocks = t.block.vectors.join(', ');
  let res: BlockResult;
  try {
    res = analyzeBlocks(t, r.trees.jacobian);
  } catch (e) {
    if (!(e instanceof BlockError)) throw e;
    return { ...r, notes: [...r.notes, `${blocks} are vectors, but ${e.message}: J and det J are shown for blocks of length 1 only.`] };
  }
  const ctx = { variables: t.variables, domain: t.domain, freeSymbols: t.freeSymbols, seed: 20260101 };
  const instanceChecked = r.trees.det !== null && r.detChecked &&
    (equal(scalarInstance(res.det), r.trees.det) || compareNumerically(scalarInstance(res.det), r.trees.det, ctx) === 'equal');
  const outputs = t.outputs ?? t.variables.map((_, i) => `${r.latex.name}_{${i + 1}}`);
  const varTex = (v: string) => toLatex(sym(v), { names });
  const jacobianLatex = t.variables.map((_, i) => t.variables.map((xj, j) => {
    if (i === j) {
      if (!V.has(xj)) return toLatex(res.diagonal[i], { names });
      if (isNum(res.diagonal[i], 1)) return 'I';
      return `\\operatorname{diag}\\left(${blockLatex(res.diagonal[i], p)}\\right)`;
    }
    if (isNum(r.trees.jacobian[i][j], 0)) return '0';
    return `\\frac{\\partial ${outputs[i]}}{\\partial ${varTex(xj)}}`;
  }));
  const detLatex = blockLatex(res.det, p);
  const logDet = logAbsDet(res.det);
  const logDetLatex = logDet ? blockLatex(logDet, p) : null;
  const inverse = res.inverse ? {
    components: res.inverse.map((e) => blockMathjs(e, p)),
    latex: res.inverse.map((e) => blockLatex(e, p)),
  } : null;
  const note = `${blocks} ${V.size === 1 ? 'is a vector' : 'are vectors'} of any length (products with them are elementwise, ⊙); ` +
    `det J and the inverse hold for any lengths, J is shown for blocks of length 1${instanceChecked ? ', where det J was checked numerically' : ''}.`;
  const invertibility = r.invertibility.verdict === 'unknown' && res.alwaysInvertible && res.inverse ? {
    ...r.invertibility,
    verdict: 'invertible' as const, certainty: 'proof' as const, locallyInvertible: true,
    reason: `block triangular and affine in each block with a nonvanishing scale, so it is solved block by block (see the inverse)${r.unknownFunctions.length ? `, whatever ${r.unknownFunctions.join(' and ')} ${r.unknownFunctions.length === 1 ? 'is' : 'are'}` : ''}`,
  } : r.invertibility;
  return {
    ...r,
    components: t.components.map((c) => blockMathjs(c, p)),
    det: toMathjs(res.det),
    detLatex,
    structure: res.structure,
    detChecked: instanceChecked,
    detSymbolic: true,
    logDet: logDet ? toMathjs(logDet) : null,
    logDetLatex,
    inverse,
    latex: { ...r.latex, components: t.components.map((c) => blockLatex(c, p)), jacobian: jacobianLatex, det: detLatex },
    // (J is still the instance's: its where lines stay, those of its det J and inverse go)
    ...jacobianWhere(r.where),
    notes: [...r.notes, note],
    trees: { ...r.trees, inverse: r.trees.inverse ?? res.inverse },
    invertibility,
    block: { vectors: [...t.block.vectors], diagonal: res.diagonal.map((d) => blockMathjs(d, p)) },
  };
}
