/**
 * Invertibility of vector maps for any n, from structure, with the condition said when the
 * verdict needs one and the note's assumptions used when they give it:
 *
 *  - affine (J constant): invertible exactly when det J != 0 (a number: decided; det W,
 *    Π s_i: "invertible if det W != 0", proved by `det(W) != 0`, `s_i > 0`, a matrix kind);
 *  - ridge maps x + u h(w^T x + b) (planar flows): w^T f(x) = φ(w^T x) with
 *    φ(a) = a + (w^T u) h(a + b), and x = y - u h(a + b) once a is known, so f is injective
 *    exactly when φ is. For h increasing with sup h' = M: invertible if w^T u >= -1/M; below,
 *    φ falls near the top of h' and two points have one image (a witness when the entries are
 *    given);
 *  - radial maps x + c(r)(x - x_0), r = ‖x - x_0‖: f moves each point along its ray to
 *    radius ρ(r) = r (1 + c(r)); for c = β/(α + r), α > 0: invertible if β >= -α.
 */
import { Expr, exprKey, symbolsOf } from '../expr';
import { FUNCTIONS } from '../functions';
import type { Assumption } from '../../model';
import type { Invertibility, Witness } from '../../report';
import type { Elaborated } from './elaborate';
import { reread } from './index';
import type { VectorAnalysis } from './index';
import { canonicalDots } from './simplify';
import { T, toExpr } from './typed';
import { Instance, instantiate } from './instance';
import { compileClosure } from '../numeric';

/** sup h' of increasing functions (h' > 0), and where h' takes it. */
const MONOTONE: Readonly<Record<string, { sup: number; at: number }>> = {
  tanh: { sup: 1, at: 0 }, atan: { sup: 1, at: 0 }, asinh: { sup: 1, at: 0 }, sigmoid: { sup: 0.25, at: 0 },
  erf: { sup: 2 / Math.sqrt(Math.PI), at: 0 },
};

export interface VectorVerdict extends Invertibility {
  /** What invertibility needs, when it depends on values (w^T u >= -1). */
  readonly condition?: string;
}

interface Context {
  readonly assumptions: readonly Assumption[];
  readonly values: ReadonlyMap<string, readonly (readonly Expr[])[]>;
  /** mathjs-like text of a vector-level number, in the user's names. */
  readonly text: (e: Expr) => string;
}

const unknown = (reason: string, condition?: string): VectorVerdict => ({
  verdict: 'unknown', certainty: 'proof', reason, locallyInvertible: null, witness: null, ...(condition ? { condition } : {}),
});
const proved = (reason: string): VectorVerdict => ({ verdict: 'invertible', certainty: 'proof', reason, locallyInvertible: true, witness: null });

export function vectorInvertibility(el: Elaborated, a: VectorAnalysis, ctx: Context): VectorVerdict | null {
  const x = el.variables[0];
  if (el.variables.length !== 1 || x.s.k !== 'vector') return null;
  if (a.affine && a.det) return affine(el, a.det, ctx);
  const ridge = ridgeMap(el.components[0], x.name);
  if (ridge) return ridgeVerdict(el, ridge, ctx);
  const radial = radialMap(el.components[0], x.name);
  if (radial) return radialVerdict(radial, ctx);
  return null;
}

// ---------------------------------------------------------------------------------------
// Affine

function affine(el: Elaborated, det: Expr, ctx: Context): VectorVerdict {
  const tree = det.k === 'num' ? null : reread(det, el);
  const d = det.k === 'num' ? det.v : tree ? numericValue(tree, el, ctx) : null;
  const detText = ctx.text(det);
  if (d !== null) {
    const value = det.k === 'num' ? detText : `${detText} = ${fmt(d)}`;
    if (d !== 0) return proved(`affine with det J = ${value} ≠ 0, so it is solved for x (x = J^{-1}(y - f(0)))`);
    return { verdict: 'not-invertible', certainty: 'proof', reason: 'affine with det J = 0: points that differ by a kernel vector of J have one image', locallyInvertible: false, witness: null };
  }
  const condition = `${detText} ≠ 0`;
  // factors with given entries (det W with W given) are numbers
  const valueOf = (e: Expr): number | null => { const t = reread(e, el); return t ? numericValue(t, el, ctx) : null; };
  const why = nonzeroBy(det, ctx, valueOf);
  if (why) return proved(`affine with det J = ${detText}, which is not 0 since ${why}`);
  return unknown(`affine with det J = ${detText}: invertible exactly when ${condition}`, condition);
}

/** Why a determinant is not 0, from the assumptions (s_i > 0 for Π s_i, det W != 0, a != 0 for a^n). */
function nonzeroBy(e: Expr, ctx: Context, valueOf: (e: Expr) => number | null = () => null): string | null {
  if (e.k !== 'num' && e.k !== 'mul' && e.k !== 'pow') {
    const v = valueOf(e);
    if (v !== null && Number.isFinite(v)) return v !== 0 ? `${ctx.text(e)} = ${fmt(v)} ≠ 0` : null;
  }
  switch (e.k) {
    case 'num': return e.v !== 0 ? `${e.v} ≠ 0` : null;
    case 'mul': {
      const parts = e.args.map((f) => nonzeroBy(f, ctx, valueOf));
      return parts.every((p): p is string => p !== null) ? [...new Set(parts)].join(' and ') : null;
    }
    case 'pow': return nonzeroBy(e.base, ctx, valueOf);
    case 'call':
      if (e.fn === 'exp' && !e.d) return 'exp is positive';
      if (e.fn === 'prod' && !e.d) return assumedNonzero(e.args[0], ctx, true);
      return assumedNonzero(e, ctx, false);
    default: return assumedNonzero(e, ctx, false);
  }
}

/** An assumption that says `e` (every entry of it, for a vector) is not 0. */
function assumedNonzero(e: Expr, ctx: Context, entries: boolean): string | null {
  const key = exprKey(e);
  for (const a of ctx.assumptions) {
    if (!(a.rhs.k === 'num' && a.rhs.v === 0)) continue;
    const lhs = a.lhs;
    const same = exprKey(lhs) === key || (entries && e.k === 'sym' && lhs.k === 'sym' && (lhs.name === `${e.name}_i` || lhs.name === `${e.name}_j` || lhs.name === `${e.name}_k`));
    if (same && (a.rel === '>' || a.rel === '<' || a.rel === '!=')) return a.text;
  }
  return null;
}

// ---------------------------------------------------------------------------------------
// Ridge maps: x + u h(w^T x + b)

interface Ridge {
  /** The vector u (with its scalar factors). */
  readonly u: T;
  readonly h: string;
  /** The row w^T (a chain) and the constant b of the argument w^T x + b. */
  readonly w: T;
  readonly b: T | null;
}

function ridgeMap(c: T, x: string): Ridge | null {
  if (c.op !== 'add' || c.args.length !== 2) return null;
  const [first, second] = c.args[0].op === 'sym' && c.args[0].name === x ? c.args : c.args[1].op === 'sym' && c.args[1].name === x ? [c.args[1], c.args[0]] : [null, null];
  if (!first || !second || second.op !== 'mul') return null;
  const calls = second.args.filter((f) => f.op === 'call' && f.s.k === 'scalar');
  const rest = second.args.filter((f) => !calls.includes(f));
  if (calls.length !== 1 || rest.some((f) => mentionsName(f, x))) return null;
  const h = calls[0] as Extract<T, { op: 'call' }>;
  if (h.args.length !== 1 || h.d) return null;
  const arg = h.args[0];
  const terms = arg.op === 'add' ? arg.args : [arg];
  const lin = terms.filter((t) => mentionsName(t, x));
  const consts = terms.filter((t) => !mentionsName(t, x));
  if (lin.length !== 1) return null;
  const l = lin[0];
  // w^T x: a product [w^T, x] (a dot product)
  if (!(l.op === 'mul' && l.args.length === 2 && l.args[0].op === 'tr' && l.args[1].op === 'sym' && l.args[1].name === x && !mentionsName(l.args[0], x))) return null;
  const vec = rest.filter((f) => f.s.k === 'vector');
  if (vec.length !== 1) return null;
  const scal = rest.filter((f) => f.s.k === 'scalar');
  const u: T = scal.length ? { op: 'mul', args: [...scal, vec[0]], s: vec[0].s } : vec[0];
  const b: T | null = consts.length === 0 ? null : consts.length === 1 ? consts[0] : { op: 'add', args: consts, s: consts[0].s };
  return { u, h: h.fn, w: l.args[0].a, b };
}

function mentionsName(t: T, x: string): boolean {
  return symbolsOf(toExpr(t)).has(x);
}

function ridgeVerdict(el: Elaborated, r: Ridge, ctx: Context): VectorVerdict {
  const wu: T = { op: 'mul', args: [{ op: 'tr', a: r.w, s: { k: 'row', n: r.w.s.k === 'vector' ? r.w.s.n : 1 } }, r.u], s: { k: 'scalar' } };
  const wuE = canonicalDots(toExpr(wu));
  const wuText = ctx.text(wuE);
  const mono = MONOTONE[r.h];
  if (!mono) {
    const condition = `${r.h} increasing and ${wuText} ≥ -1 / sup ${r.h}'`;
    return unknown(`a ridge map x + u ${r.h}(w^T x + b): invertible when ${condition}`, condition);
  }
  const bound = -1 / mono.sup;
  const condition = `${wuText} ≥ ${fmt(bound)}`;
  const value = numericValue(wu, el, ctx);
  const proof = (v: string) => proved(`a ridge map x + u ${r.h}(w^T x + b): w^T f(x) = φ(w^T x) with φ(a) = a + (w^T u) ${r.h}(a + b) increasing since ${v} (${r.h}' ≤ ${fmt(mono.sup)}), and x = y - u ${r.h}(a + b) once a is known`);
  if (value !== null) {
    if (value >= bound) return { ...proof(`w^T u = ${fmt(value)} ≥ ${fmt(bound)}`), condition };
    const witness = ridgeWitness(el, r, value, mono, ctx);
    return {
      verdict: 'not-invertible', certainty: 'proof', condition, locallyInvertible: false, witness,
      reason: `a ridge map x + u ${r.h}(w^T x + b) with w^T u = ${fmt(value)} < ${fmt(bound)}: φ(a) = a + (w^T u) ${r.h}(a + b) decreases near a = ${fmt(mono.at)} - b, so two points on one line have one image`,
    };
  }
  const assumed = impliedBound(wuE, bound, ctx);
  if (assumed) return { ...proof(assumed), condition };
  return unknown(`a ridge map x + u ${r.h}(w^T x + b): invertible if ${condition} (and not invertible below: φ(a) = a + (w^T u) ${r.h}(a + b) must increase)`, condition);
}

/** An assumption lhs >= c (or > c) with c >= bound, for lhs = e (dot products in either order). */
function impliedBound(e: Expr, bound: number, ctx: Context): string | null {
  const key = dotKey(e);
  for (const a of ctx.assumptions) {
    if (a.rhs.k !== 'num' || dotKey(canonicalDots(a.lhs)) !== key) continue;
    if ((a.rel === '>=' || a.rel === '>') && a.rhs.v >= bound) return a.text;
  }
  return null;
}

/** A key for dot products in either order: dot(w, u) = dot(u, w) = transpose(w) * u. */
function dotKey(e: Expr): string {
  if (e.k === 'mul' && e.args.length === 2 && e.args[0].k === 'call' && e.args[0].fn === 'transpose') return dotKey({ k: 'call', fn: 'dot', args: [e.args[0].args[0], e.args[1]] });
  if (e.k === 'call' && e.fn === 'dot' && e.args.length === 2) return [exprKey(e.args[0]), exprKey(e.args[1])].sort().join('·');
  return exprKey(e);
}

/** The value of a number of the map when every name in it has given entries or values. */
function numericValue(t: T, el: Elaborated, ctx: Context): number | null {
  const names = symbolsOf(toExpr(t));
  for (const n of names) if (el.shapes.has(n) && !ctx.values.has(n)) return null;
  const inst: Instance = {
    size: (d) => { const x = el.dims.resolve(d); return typeof x === 'number' ? x : NaN; },
    entries: (name) => (ctx.values.get(name) ?? []).map((r) => [...r]),
  };
  try {
    const v = instantiate(t, inst);
    if (v.k !== 's') return null;
    const f = compileClosure(v.e, []);
    const y = f([]);
    return Number.isFinite(y) ? y : null;
  } catch {
    return null;
  }
}

/**
 * Two points with one image when w^T u < -1/sup h': a1 < a0 < a2 with φ(a1) = φ(a2) around
 * the top a0 of h', then x1 = a1 w / ‖w‖^2 and x2 = x1 + u (h(a1 + b) - h(a2 + b)).
 */
function ridgeWitness(el: Elaborated, r: Ridge, k: number, mono: { sup: number; at: number }, ctx: Context): Witness | null {
  const h = FUNCTIONS[r.h].f;
  const b = r.b ? numericValue(r.b, el, ctx) ?? 0 : 0;
  const wv = vectorValue(r.w, el, ctx), uv = vectorValue(r.u, el, ctx);
  if (!wv || !uv || r.b && numericValue(r.b, el, ctx) === null) return null;
  const phi = (a: number) => a + k * h(a + b, 0);
  const a0 = mono.at - b;
  // φ' = 1 + k h'(a + b) < 0 near a0: step left while φ still falls
  let a1 = a0 - 1e-3;
  for (let step = 1e-3; step < 50 && phi(a1 - step) > phi(a1); step *= 2) a1 -= step;
  const target = phi(a1);
  let lo = a0, hi = a0 + 1;
  while (phi(hi) < target && hi - a0 < 1e6) hi = a0 + 2 * (hi - a0);
  if (phi(lo) >= target) return null;
  for (let i = 0; i < 200; i++) { const mid = (lo + hi) / 2; if (phi(mid) < target) lo = mid; else hi = mid; }
  const a2 = (lo + hi) / 2;
  const ww = wv.reduce((s, v) => s + v * v, 0);
  if (!(ww > 0)) return null;
  const x1 = wv.map((v) => (a1 * v) / ww);
  const x2 = x1.map((v, i) => v + uv[i] * (h(a1 + b, 0) - h(a2 + b, 0)));
  const f = (p: number[]) => p.map((v, i) => v + uv[i] * h(wv.reduce((s, w, j) => s + w * p[j], 0) + b, 0));
  const y1 = f(x1), y2 = f(x2);
  if (y1.some((v, i) => Math.abs(v - y2[i]) > 1e-9 * Math.max(1, Math.abs(v)))) return null;
  return { a: x1, b: x2, image: y1 };
}

function vectorValue(t: T, el: Elaborated, ctx: Context): number[] | null {
  const names = symbolsOf(toExpr(t));
  for (const n of names) if (el.shapes.has(n) && !ctx.values.has(n)) return null;
  try {
    const v = instantiate(t, {
      size: (d) => { const x = el.dims.resolve(d); return typeof x === 'number' ? x : NaN; },
      entries: (name) => (ctx.values.get(name) ?? []).map((row) => [...row]),
    });
    if (v.k !== 'm') return null;
    const out = v.rows.map((row) => compileClosure(row[0], [])([]));
    return out.every(Number.isFinite) ? out : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------
// Radial maps: x + β/(α + r) (x - x0)

interface Radial { readonly alpha: T; readonly beta: T }

function radialMap(c: T, x: string): Radial | null {
  if (c.op !== 'add' || c.args.length !== 2) return null;
  const i = c.args.findIndex((a) => a.op === 'sym' && a.name === x);
  if (i < 0) return null;
  const term = c.args[1 - i];
  if (term.op !== 'mul') return null;
  const vec = term.args.filter((f) => f.s.k === 'vector');
  if (vec.length !== 1) return null;
  const d = vec[0];
  // x - x0
  const centre = d.op === 'add' && d.args.length === 2 && d.args[0].op === 'sym' && d.args[0].name === x && d.args[1].op === 'neg' && !mentionsName(d.args[1], x) ? d.args[1].a : null;
  if (!centre) return null;
  const dKey = exprKey(toExpr(d));
  let alpha: T | null = null;
  const betas: T[] = [];
  for (const f of term.args) {
    if (f === d) continue;
    // (α + ‖x - x0‖)^{-1}
    if (f.op === 'pow' && f.exp.op === 'num' && f.exp.v === -1 && f.base.op === 'add' && f.base.args.length === 2) {
      const n = f.base.args.findIndex((a) => a.op === 'norm' && exprKey(toExpr(a.a)) === dKey);
      if (n >= 0 && !alpha) { alpha = f.base.args[1 - n]; continue; }
    }
    if (mentionsName(f, x)) return null;
    betas.push(f);
  }
  if (!alpha || mentionsName(alpha, x)) return null;
  const beta: T = betas.length === 0 ? { op: 'num', v: 1, s: { k: 'scalar' } } : betas.length === 1 ? betas[0] : { op: 'mul', args: betas, s: { k: 'scalar' } };
  return { alpha, beta };
}

function radialVerdict(r: Radial, ctx: Context): VectorVerdict {
  const aE = toExpr(r.alpha), bE = toExpr(r.beta);
  const condition = `${ctx.text(bE)} ≥ -${wrap(ctx.text(aE))} (with ${ctx.text(aE)} > 0)`;
  const a = constant(aE), b = constant(bE);
  const why = 'f moves each point along its ray from the centre to radius ρ(r) = r + β r / (α + r), and ρ\'(r) = 1 + α β / (α + r)^2';
  if (a !== null && b !== null) {
    if (a > 0 && b >= -a) return { ...proved(`a radial map: ${why} > 0 for r > 0 since β = ${fmt(b)} ≥ -α = ${fmt(-a)}`), condition };
    if (a > 0) {
      return {
        verdict: 'not-invertible', certainty: 'proof', locallyInvertible: false, witness: null, condition,
        reason: `a radial map: ${why}, which is negative near r = 0 since β = ${fmt(b)} < -α, so points on opposite sides of the centre meet`,
      };
    }
  }
  const assumed = ctx.assumptions.find((s) => s.rel === '>=' && exprKey(s.lhs) === exprKey(bE) && s.rhs.k === 'neg' && exprKey(s.rhs.arg) === exprKey(aE));
  const positive = ctx.assumptions.find((s) => s.rel === '>' && exprKey(s.lhs) === exprKey(aE) && s.rhs.k === 'num' && s.rhs.v === 0);
  if (assumed && positive) return { ...proved(`a radial map: ${why} > 0 for r > 0 since ${assumed.text} and ${positive.text}`), condition };
  return unknown(`a radial map: ${why}, so it is invertible if ${condition}`, condition);
}

function constant(e: Expr): number | null {
  if ([...symbolsOf(e)].length) return null;
  const v = compileClosure(e, [])([]);
  return Number.isFinite(v) ? v : null;
}

const wrap = (s: string) => (/^[\w.]+$/.test(s) ? s : `(${s})`);
const fmt = (v: number) => (Number.isInteger(v) ? String(v) : Number(v.toPrecision(6)).toString());

