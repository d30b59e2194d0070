import * as assert from 'node:assert/strict';
import katex from 'katex';
import { analyzeDocument } from '../../../src/core/document';
import { Expr, call, equal, sym } from '../../../src/core/math/expr';
import { FUNCTIONS } from '../../../src/core/math/functions';
import { luDet } from '../../../src/core/math/numeric';
import { parsePlainExpr } from '../../../src/core/parse/plainExpr';
import type { TransformReport } from '../../../src/core/report';

const md = (...lines: string[]) => lines.join('\n');
const renders = (tex: string) => katex.renderToString(tex, { throwOnError: true, trust: false, displayMode: true });

function blockMap(...lines: string[]): TransformReport {
  const r = analyzeDocument(md('$$', ...lines, '$$'), 'markdown', 'block.md');
  assert.deepEqual(r.diagnostics, []);
  assert.equal(r.transforms.length, 1);
  return r.transforms[0];
}

// ---------------------------------------------------------------------------------------
// Vector semantics: blocks have real lengths, unknown functions are concrete vector functions.

type Vec = number[];
interface World {
  readonly lengths: Record<string, number>;
  /** Unknown functions: output length and a concrete smooth implementation. */
  readonly fns: Record<string, { out: number; f: (args: Vec[]) => Vec }>;
}

/** A smooth R^m -> R^k (seeded weights). */
function network(out: number, seed: number): { out: number; f: (args: Vec[]) => Vec } {
  return {
    out,
    f: (args) => {
      const x = args.flat();
      return Array.from({ length: out }, (_, i) => Math.tanh(x.reduce((s, v, j) => s + Math.sin(seed + 3 * i + 7 * j) * v, 0.3 * (i + 1) - seed * 0.1)));
    },
  };
}

function evalVec(e: Expr, env: Record<string, Vec>, w: World): Vec {
  const zip = (a: Vec, b: Vec, op: (x: number, y: number) => number): Vec => {
    const n = Math.max(a.length, b.length);
    if (a.length !== n && a.length !== 1) throw new Error('length mismatch');
    if (b.length !== n && b.length !== 1) throw new Error('length mismatch');
    return Array.from({ length: n }, (_, i) => op(a[a.length === 1 ? 0 : i], b[b.length === 1 ? 0 : i]));
  };
  switch (e.k) {
    case 'num': return [e.v];
    case 'sym': return env[e.name] ?? [e.name === 'e' ? Math.E : e.name === 'pi' ? Math.PI : NaN];
    case 'neg': return evalVec(e.arg, env, w).map((v) => -v);
    case 'add': return e.args.map((a) => evalVec(a, env, w)).reduce((a, b) => zip(a, b, (x, y) => x + y));
    case 'mul': return e.args.map((a) => evalVec(a, env, w)).reduce((a, b) => zip(a, b, (x, y) => x * y));
    case 'pow': return zip(evalVec(e.base, env, w), evalVec(e.exp, env, w), Math.pow);
    case 'call': {
      const args = e.args.map((a) => evalVec(a, env, w));
      if (e.fn === 'sum') return [args[0].reduce((s, v) => s + v, 0)];
      if (e.fn === 'prod') return [args[0].reduce((s, v) => s * v, 1)];
      if (e.fn === 'dim') return [args[0].length];
      const known = FUNCTIONS[e.fn];
      if (known) return args[0].map((v, i) => known.f(v, args[1]?.[i] ?? 0));
      const u = w.fns[e.fn];
      if (!u || e.d) throw new Error(`no implementation of ${e.fn}`);
      return u.f(args);
    }
  }
}

/** det J of the concrete map (central differences, LU) and the report's det J, at a point. */
function checkDet(t: TransformReport, w: World, seed = 1): void {
  const vars = t.variables;
  const sizes = vars.map((v) => (t.block?.vectors.includes(v) ? w.lengths[v] : 1));
  const n = sizes.reduce((a, b) => a + b, 0);
  const comps = t.trees.components;
  const split = (x: Vec) => { let k = 0; return Object.fromEntries(vars.map((v, i) => { const s = x.slice(k, k + sizes[i]); k += sizes[i]; return [v, s]; })); };
  const f = (x: Vec): Vec => {
    const env = split(x);
    return comps.flatMap((c, i) => { const r = evalVec(c, env, w); return r.length === sizes[i] ? r : Array(sizes[i]).fill(r[0]); });
  };
  const x0 = Array.from({ length: n }, (_, i) => Math.sin(seed * 13 + i * 1.7) * 0.8);
  const h = 1e-6;
  const J = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let j = 0; j < n; j++) {
    const a = [...x0], b = [...x0];
    a[j] += h; b[j] -= h;
    const fa = f(a), fb = f(b);
    for (let i = 0; i < n; i++) J[i][j] = (fa[i] - fb[i]) / (2 * h);
  }
  const ref = luDet(J);
  const got = evalVec(parsePlainExpr(t.det), split(x0), w);
  assert.equal(got.length, 1, `det J is a number: ${t.det}`);
  assert.ok(Math.abs(got[0] - ref) <= 1e-6 * Math.max(1, Math.abs(ref)), `det J = ${t.det} = ${got[0]}, finite differences give ${ref}`);
  // the inverse undoes the map
  if (t.inverse) {
    const y = f(x0);
    const back = t.inverse.components.map((s) => parsePlainExpr(s));
    const env = split(y);
    const x1 = back.flatMap((e, i) => { const r = evalVec(e, env, w); return r.length === sizes[i] ? r : Array(sizes[i]).fill(r[0]); });
    x1.forEach((v, i) => assert.ok(Math.abs(v - x0[i]) < 1e-9, `inverse: ${v} vs ${x0[i]}`));
  }
}

const world: World = { lengths: { z_A: 2, z_B: 3, z_C: 2 }, fns: { s: network(3, 1), t: network(3, 2), u: network(2, 3), v: network(2, 4) } };

describe('block maps (vector variables)', () => {
  it('the affine coupling layer: det J = exp(sum s), the inverse, structure, LaTeX', () => {
    const t = blockMap("\\mathbf{z}_A' = \\mathbf{z}_A \\\\", "\\mathbf{z}_B' = \\mathbf{z}_B \\odot \\exp(s(\\mathbf{z}_A)) + t(\\mathbf{z}_A)");
    assert.deepEqual(t.variables, ['z_A', 'z_B']);
    assert.deepEqual(t.block?.vectors, ['z_A', 'z_B']);
    assert.equal(t.structure, 'coupling');
    assert.ok(equal(parsePlainExpr(t.det), call('exp', call('sum', call('s', sym('z_A'))))), t.det);
    assert.equal(t.detLatex, '\\exp\\left(\\sum_i s\\left(\\mathbf{z}_A\\right)_i\\right)');
    assert.ok(t.detChecked, 'the scalar instance of det J is checked against LU');
    assert.equal(t.logDet, 'sum(s(z_A))');
    assert.deepEqual(t.inverse?.components, ['z_A', '(z_B - t(z_A)) .* exp(-s(z_A))']);
    assert.deepEqual(t.inverse?.latex, ['\\mathbf{z}_A', '\\left(\\mathbf{z}_B - t\\left(\\mathbf{z}_A\\right)\\right) \\odot \\exp\\left(-s\\left(\\mathbf{z}_A\\right)\\right)']);
    assert.equal(t.invertibility.verdict, 'invertible');
    assert.equal(t.invertibility.certainty, 'proof');
    for (const s of [t.detLatex, t.logDetLatex!, ...t.latex.jacobian.flat(), ...t.latex.components, ...t.inverse!.latex]) renders(s);
    checkDet(t, world, 1);
    checkDet(t, world, 2);
  });

  it('works for any split: |z_A| = 1, |z_B| = 4, and |z_A| = 3, |z_B| = 1', () => {
    const t = blockMap("\\mathbf{z}_A' = \\mathbf{z}_A \\\\", "\\mathbf{z}_B' = \\mathbf{z}_B \\odot \\exp(s(\\mathbf{z}_A)) + t(\\mathbf{z}_A)");
    checkDet(t, { lengths: { z_A: 1, z_B: 4 }, fns: { s: network(4, 5), t: network(4, 6) } });
    checkDet(t, { lengths: { z_A: 3, z_B: 1 }, fns: { s: network(1, 7), t: network(1, 8) } });
  });

  it('additive coupling (NICE): det J = 1', () => {
    const t = blockMap("\\mathbf{z}_A' = \\mathbf{z}_A, \\quad \\mathbf{z}_B' = \\mathbf{z}_B + t(\\mathbf{z}_A)");
    assert.equal(t.det, '1');
    assert.deepEqual(t.inverse?.components, ['z_A', 'z_B - t(z_A)']);
    checkDet(t, world);
  });

  it('the split the other way round, a constant scale, and a general scale g', () => {
    const a = blockMap("\\mathbf{x}_1' = \\mathbf{x}_1 \\odot \\exp(s(\\mathbf{x}_2)) \\\\ \\mathbf{x}_2' = \\mathbf{x}_2");
    assert.equal(a.structure, 'coupling');
    checkDet(a, { lengths: { x1: 3, x2: 2 }, fns: { s: network(3, 9) } });
    const b = blockMap("\\mathbf{z}_A' = \\mathbf{z}_A \\\\ \\mathbf{z}_B' = 2\\mathbf{z}_B + t(\\mathbf{z}_A)");
    assert.equal(b.det, '2^dim(z_B)');
    assert.equal(b.detLatex, '2^{\\dim \\mathbf{z}_B}');
    checkDet(b, world);
    const c = blockMap("\\mathbf{z}_A' = \\mathbf{z}_A \\\\ \\mathbf{z}_B' = \\mathbf{z}_B \\odot g(\\mathbf{z}_A) + t(\\mathbf{z}_A)");
    assert.equal(c.det, 'prod(g(z_A))');
    assert.equal(c.invertibility.verdict, 'unknown', 'g may vanish');
    checkDet(c, { lengths: world.lengths, fns: { ...world.fns, g: network(3, 10) } });
  });

  it('a triangular stack of three blocks: det J = exp(sum s + sum u)', () => {
    const t = blockMap(
      "\\mathbf{z}_A' = \\mathbf{z}_A \\\\",
      "\\mathbf{z}_B' = \\mathbf{z}_B \\odot \\exp(s(\\mathbf{z}_A)) \\\\",
      "\\mathbf{z}_C' = \\mathbf{z}_C \\odot \\exp(u(\\mathbf{z}_A, \\mathbf{z}_B)) + v(\\mathbf{z}_B)",
    );
    assert.equal(t.structure, 'triangular');
    assert.equal(t.det, 'exp(sum(s(z_A)) + sum(u(z_A, z_B)))');
    checkDet(t, world, 3);
  });

  it('elementwise but not affine: det J = prod of the diagonal, no inverse', () => {
    const t = blockMap("\\mathbf{z}_A' = \\mathbf{z}_A \\\\ \\mathbf{z}_B' = \\tanh(\\mathbf{z}_B) + t(\\mathbf{z}_A)");
    assert.equal(t.inverse, null);
    checkDet(t, world, 4);
  });

  it('⊙ makes plain names vectors too', () => {
    const t = blockMap("a' = a \\\\ b' = b \\odot \\exp(s(a))");
    assert.deepEqual(t.block?.vectors, ['a', 'b']);
    assert.equal(t.det, 'exp(sum(s(a)))');
  });

  it('outside the family (the block inside its own unknown function) it says so, and J is the instance', () => {
    const t = blockMap("\\mathbf{z}_A' = \\mathbf{z}_A \\\\ \\mathbf{z}_B' = \\mathbf{z}_B \\odot \\exp(s(\\mathbf{z}_B))");
    assert.ok(t.notes.some((n) => /not a diagonal block/.test(n)), t.notes.join('\n'));
    assert.ok(t.det.includes("s'(z_B)"), `det J of the instance depends on s': ${t.det}`);
    assert.equal(t.block, undefined);
  });
});
