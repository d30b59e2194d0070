/**
 * Vector and matrix layers in ```transform blocks: det J, log|det J| and tr J as the report
 * prints them (mathjs syntax, evaluated by mathjs itself) against finite differences of the
 * layer written by hand in JavaScript, at n = 2, 3, 5 with random entries; given entries;
 * verdicts and their conditions.
 */
import * as assert from 'node:assert/strict';
import { evaluate, identity, map, matrix } from 'mathjs';
import { analyzeDocument } from '../../../src/core/document';
import { luDet, rng } from '../../../src/core/math/numeric';
import type { TransformReport } from '../../../src/core/report';
import { logAbs } from '../../../src/core/math/vector/index';
import { parsePlainExpr } from '../../../src/core/parse/plainExpr';
import { toMathjs } from '../../../src/core/math/print';

const md = (...lines: string[]) => lines.join('\n');
const block = (...lines: string[]) => md('```transform', ...lines, '```');

function analyze(text: string): { transforms: TransformReport[]; diagnostics: Array<{ message: string; severity: string; range: { start: { line: number; character: number } } }> } {
  return analyzeDocument(text, 'markdown', 'layers.md');
}

function one(...lines: string[]): TransformReport {
  const r = analyze(block(...lines));
  assert.equal(r.diagnostics.filter((d) => d.severity === 'error').length, 0, JSON.stringify(r.diagnostics));
  assert.equal(r.transforms.length, 1);
  return r.transforms[0];
}

type Vec = number[];
type Mat = number[][];

/** J of f at x by central differences. */
function fdJacobian(f: (x: Vec) => Vec, x: Vec, h = 1e-6): Mat {
  const n = x.length;
  const cols = x.map((_, j) => {
    const xp = [...x], xm = [...x];
    xp[j] += h; xm[j] -= h;
    const a = f(xp), b = f(xm);
    return a.map((v, i) => (v - b[i]) / (2 * h));
  });
  return Array.from({ length: n }, (_, i) => cols.map((c) => c[i]));
}

const close = (a: number, b: number, rel = 1e-5) => Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b));
const dot = (a: Vec, b: Vec) => a.reduce((s, v, i) => s + v * b[i], 0);
const mv = (W: Mat, x: Vec) => W.map((row) => dot(row, x));
const randVec = (n: number, rand: () => number) => Array.from({ length: n }, () => 2 * rand() - 1);
const randMat = (r: number, c: number, rand: () => number) => Array.from({ length: r }, () => randVec(c, rand));

/** Evaluate a report string (mathjs syntax) with mathjs, vectors as column matrices where they multiply matrices. */
const ELEMENTWISE = Object.fromEntries((['tanh', 'exp', 'log', 'abs', 'sin', 'cos'] as const).map((fn) => [fn,
  (x: unknown) => (typeof x === 'number' ? Math[fn](x) : map(x as number[], (v: number) => Math[fn](v)))]));

function evalReport(s: string, scope: Record<string, unknown>): number {
  const v = evaluate(s, { ...ELEMENTWISE, ...scope, dim: (x: { size(): number[] } | number[]) => (Array.isArray(x) ? x.length : x.size()[0]) });
  return typeof v === 'number' ? v : Number(v);
}

/** For n = 2, 3, 5: the report's det J (and tr J) against LU of finite differences of the layer. */
function checkLayer(r: TransformReport, make: (n: number, rand: () => number) => { f: (x: Vec) => Vec; scope: Record<string, unknown> }, sizes = [2, 3, 5]): void {
  for (const n of sizes) {
    const rand = rng(100 + n);
    for (let k = 0; k < 3; k++) {
      const { f, scope } = make(n, rand);
      const x = randVec(n, rand);
      const J = fdJacobian(f, x);
      const sc = { ...scope, [r.variables[0]]: x };
      assert.ok(close(evalReport(r.det, sc), luDet(J)), `det at n = ${n}: ${r.det}`);
      if (r.logDet) assert.ok(close(evalReport(r.logDet, sc), Math.log(Math.abs(luDet(J)))), `log|det| at n = ${n}: ${r.logDet}`);
      if (r.trace) assert.ok(close(evalReport(r.trace, sc), J.reduce((s, row, i) => s + row[i], 0)), `trace at n = ${n}: ${r.trace}`);
    }
  }
}

describe('vector layers in transform blocks (symbolic n)', () => {
  it('planar flow: det J = 1 + h\'(w^T z + b) w^T u by the determinant lemma, checked at n = 1 … 5', () => {
    const r = one('z, u, w in R^n', 'f(z) = z + u tanh(w\' z + b)');
    assert.deepEqual(r.variables, ['z']);
    assert.equal(r.vector?.form, 'rank-one update');
    assert.deepEqual(r.vector?.checkedAt, [1, 2, 3, 4, 5]);
    assert.equal(r.vector?.dimension, 'n');
    checkLayer(r, (n, rand) => {
      const u = randVec(n, rand), w = randVec(n, rand), b = rand();
      return { f: (z) => z.map((v, i) => v + u[i] * Math.tanh(dot(w, z) + b)), scope: { u, w, b } };
    });
    assert.match(r.invertibility.reason, /w\^T u ≥ -1/);
    assert.equal(r.vector?.condition, 'w^T u ≥ -1');
  });

  it('radial flow: (1 + βh)^(n-1) (1 + βh + βh\'r)', () => {
    const r = one('z, z0 in R^n', 'f(z) = z + beta / (alpha + norm(z - z0)) * (z - z0)');
    assert.equal(r.vector?.form, 'rank-one update');
    checkLayer(r, (n, rand) => {
      const z0 = randVec(n, rand), alpha = 0.5 + rand(), beta = 2 * rand() - 1;
      const f = (z: Vec) => { const d = z.map((v, i) => v - z0[i]); const rr = Math.hypot(...d); return z.map((v, i) => v + (beta / (alpha + rr)) * d[i]); };
      return { f, scope: { z0, alpha, beta } };
    });
    assert.match(r.vector!.condition!, /beta ≥ -alpha/);
    // the forms shown are those for every n: no where lines of the size-1 instance's det J
    // (φ_1 = (z - z0)^2, in which det J read 1 - 2 β φ_1/(…) + …, right only at n = 1)
    assert.equal(r.where, undefined);
  });

  it('Householder reflection: det J = -1 for every n, invertible', () => {
    const r = one('v, x in R^n', 'f(x) = (I - 2 v v\' / norm(v)^2) x');
    assert.equal(Number(r.det), -1);
    assert.equal(r.invertibility.verdict, 'invertible');
    checkLayer(r, (n, rand) => {
      const v = randVec(n, rand), vv = dot(v, v);
      return { f: (x) => x.map((xi, i) => xi - (2 * v[i] * dot(v, x)) / vv), scope: { v } };
    });
  });

  it('W x + b with W a matrix: det J = det(W), not W^dim(x)', () => {
    const r = one('W in R^(n x n)', 'x, b in R^n', 'f(x) = W x + b');
    assert.equal(r.vector?.form, 'linear');
    assert.equal(r.structure, 'linear');
    checkLayer(r, (n, rand) => {
      const W = randMat(n, n, rand), b = randVec(n, rand);
      return { f: (x) => mv(W, x).map((v, i) => v + b[i]), scope: { W: matrix(W), b } };
    });
    assert.equal(r.invertibility.verdict, 'unknown');
    assert.equal(r.vector?.condition, 'det(W) ≠ 0');
  });

  it('ActNorm s ⊙ x + m: det J = Π s_i, log|det J| = Σ log|s_i|; s > 0 assumed gives the proof', () => {
    const r = one('x, s, m in R^n', 'assume: s > 0', 'act(x) = s .* x + m');
    assert.equal(r.vector?.form, 'diagonal');
    assert.ok(r.logDet);
    checkLayer(r, (n, rand) => {
      const s = randVec(n, rand).map((v) => v + 1.5), m = randVec(n, rand);
      return { f: (x) => x.map((v, i) => s[i] * v + m[i]), scope: { s, m } };
    });
    assert.equal(r.invertibility.verdict, 'invertible');
    assert.match(r.invertibility.reason, /s > 0/);
    const without = one('x, s, m in R^n', 'act(x) = s .* x + m');
    assert.equal(without.invertibility.verdict, 'unknown');
    assert.match(without.vector!.condition!, /prod\(s\) ≠ 0/);
  });

  it('the LU form P L (U + diag(s)) x: log|det J| = Σ log|s_i| with P a permutation, L unit lower, U strictly upper triangular', () => {
    const r = one('x, s in R^n', 'P is a permutation', 'L is unit lower triangular', 'U is strictly upper triangular', 'f(x) = P L (U + diag(s)) x');
    assert.equal(r.vector?.form, 'product');
    assert.equal(evalReport(r.logDet!, { s: [2, -3, 0.5] }), Math.log(2) + Math.log(3) + Math.log(0.5));
    checkLayer(r, (n, rand) => {
      const perm = [...Array(n).keys()].reverse();
      const P = perm.map((k) => Array.from({ length: n }, (_, j) => (j === k ? 1 : 0)));
      const L = randMat(n, n, rand).map((row, i) => row.map((v, j) => (i === j ? 1 : j < i ? v : 0)));
      const s = randVec(n, rand).map((v) => v + 2);
      const U = randMat(n, n, rand).map((row, i) => row.map((v, j) => (j > i ? v : 0)));
      const A = U.map((row, i) => row.map((v, j) => (i === j ? s[i] : v)));
      return { f: (x) => mv(P, mv(L, mv(A, x))), scope: { P: matrix(P), L: matrix(L), U: matrix(U), s } };
    });
  });

  it('Sylvester flow z + A tanh(B z + b): det J = det(I + diag(h\') B A)', () => {
    const r = one('z in R^n', 'b in R^m', 'A in R^(n x m)', 'B in R^(m x n)', 'f(z) = z + A tanh(B z + b)');
    assert.equal(r.vector?.form, 'low-rank product');
    for (const [n, m] of [[2, 1], [3, 2], [5, 2]]) {
      const rand = rng(7 * n + m);
      const A = randMat(n, m, rand), B = randMat(m, n, rand), b = randVec(m, rand);
      const f = (z: Vec) => { const h = mv(B, z).map((v, i) => Math.tanh(v + b[i])); return z.map((v, i) => v + dot(A[i], h)); };
      const z = randVec(n, rand);
      assert.ok(close(evalReport(r.det, { z, b, A: matrix(A), B: matrix(B), I: identity(m) }), luDet(fdJacobian(f, z))), `n = ${n}, m = ${m}: ${r.det}`);
    }
  });
});

describe('a Sylvester flow with an unknown function', () => {
  it('z + A h(B z + b), h not said to be elementwise: det J = det(I + J_h(B z + b) B A), J_h the Jacobian of h', () => {
    const r = one('z in R^n', 'b in R^m', 'A in R^(n x m)', 'B in R^(m x n)', 'f(z) = z + A h(B z + b)');
    assert.equal(r.vector?.form, 'low-rank product');
    assert.ok(r.detSymbolic && r.detChecked, r.det);
    // h: R^m -> R^m that mixes its entries (not elementwise), its Jacobian by differences
    const h = (u: Vec) => u.map((v, i) => Math.tanh(v + 0.5 * u[(i + 1) % u.length]) + 0.1 * v * v);
    const jacobian_h = (u: { toArray(): number[] } | number[]) => matrix(fdJacobian(h, Array.isArray(u) ? u : (u.toArray() as number[]).flat()));
    for (const [n, m] of [[2, 1], [3, 2], [5, 3]]) {
      const rand = rng(11 * n + m);
      const A = randMat(n, m, rand), B = randMat(m, n, rand), b = randVec(m, rand);
      const f = (z: Vec) => { const g = h(mv(B, z).map((v, i) => v + b[i])); return z.map((v, i) => v + dot(A[i], g)); };
      const z = randVec(n, rand);
      const got = evalReport(r.det, { z, b, A: matrix(A), B: matrix(B), I: identity(m), jacobian_h });
      assert.ok(Math.abs(got - luDet(fdJacobian(f, z))) < 1e-5, `n = ${n}, m = ${m}: ${r.det} = ${got}`);
    }
    // its LaTeX names the Jacobian as J's matrix form does, with the argument in parentheses
    assert.match(r.detLatex, /J_\{h\}\\left\(B z \+ b\\right\)/);
    assert.match(r.latex.jacobian[0][0], /J_\{h\}\\left\(B z \+ b\\right\)/);
  });

  it('a function of a sum in J\'s LaTeX keeps its parentheses: tanh(B z + b), not tanh B z + b', () => {
    const r = one('z in R^n', 'b in R^m', 'A in R^(n x m)', 'B in R^(m x n)', 'f(z) = z + A tanh(B z + b)');
    assert.match(r.latex.jacobian[0][0], /\\tanh\s*\\left\(B z \+ b\\right\)/);
  });
});

describe('vector layers with given entries', () => {
  it('W x + b with W and b given: a map of x1, x2 with det J = det W exactly', () => {
    const r = one('W = [[2, 1], [0, 1]]', 'b = [1, -1]', 'g(x) = W x + b');
    assert.deepEqual(r.variables, ['x1', 'x2']);
    assert.equal(Number(r.det), 2);
    assert.equal(r.invertibility.verdict, 'invertible');
    assert.equal(r.vector?.dimension, '2');
  });

  for (const n of [2, 3, 5]) {
    it(`planar flow with given u, w at n = ${n}: det J against finite differences, verdict from w^T u`, () => {
      const rand = rng(n);
      const u = randVec(n, rand), w = randVec(n, rand);
      const list = (v: Vec) => `[${v.map((x) => x.toFixed(3)).join(', ')}]`;
      const r = one(`u = ${list(u)}`, `w = ${list(w)}`, 'b = 0.3', 'f(z) = z + u tanh(w\' z + b)');
      assert.equal(r.variables.length, n);
      const ur = u.map((x) => Number(x.toFixed(3))), wr = w.map((x) => Number(x.toFixed(3)));
      const f = (z: Vec) => z.map((v, i) => v + ur[i] * Math.tanh(dot(wr, z) + 0.3));
      for (let k = 0; k < 4; k++) {
        const z = randVec(n, rand);
        const scope = Object.fromEntries(z.map((v, i) => [`z${i + 1}`, v]));
        assert.ok(close(evalReport(r.det, scope), luDet(fdJacobian(f, z))), r.det);
      }
      const wu = dot(ur, wr);
      if (wu >= -1) assert.equal(r.invertibility.verdict, 'invertible');
    });
  }

  it('a planar flow with w^T u < -1 is not invertible: two points with one image, also found by a search along the line', () => {
    const r = one('u = [1, 0, 0]', 'w = [-2.5, 0.5, 0]', 'f(z) = z + u tanh(w\' z)');
    assert.equal(r.invertibility.verdict, 'not-invertible');
    const f = (z: Vec) => z.map((v, i) => v + [1, 0, 0][i] * Math.tanh(-2.5 * z[0] + 0.5 * z[1]));
    const wit = r.invertibility.witness!;
    const fa = f(wit.a), fb = f(wit.b);
    assert.ok(fa.every((v, i) => close(v, fb[i], 1e-7)));
    assert.ok(Math.hypot(...wit.a.map((v, i) => v - wit.b[i])) > 1e-3);
    // an independent search: along z = t e1, the first output t + tanh(-2.5 t) is not monotone
    const g = (t: number) => f([t, 0, 0])[0];
    let falls = false;
    for (let t = -1; t < 1; t += 0.01) if (g(t + 0.01) < g(t)) falls = true;
    assert.ok(falls);
    // and with w^T u >= -1 the same search finds it monotone, and the verdict is a proof
    const ok = one('u = [1, 0, 0]', 'w = [-0.9, 0.5, 0]', 'f(z) = z + u tanh(w\' z)');
    assert.equal(ok.invertibility.verdict, 'invertible');
    const h = (t: number) => t + Math.tanh(-0.9 * t);
    for (let t = -3; t < 3; t += 0.01) assert.ok(h(t + 0.01) > h(t));
  });

  it('R(theta) x with R defined by its entries: det 1', () => {
    const r = one('R(theta) = [[cos(theta), -sin(theta)], [sin(theta), cos(theta)]]', 'theta = 0.7', 'f(x) = R(theta) x');
    assert.equal(Number(r.det), 1);
    assert.deepEqual(r.variables, ['x1', 'x2']);
  });

  it('sizes that do not fit are an error at the map', () => {
    const res = analyze(block('W = [[1, 2], [3, 4]]', 'b = [1, 2, 3]', 'f(x) = W x + b'));
    const err = res.diagnostics.find((d) => d.severity === 'error');
    assert.ok(err);
    assert.match(err.message, /vector of 3 entries|2 entries/);
    assert.equal(err.range.start.line, 3);
  });
});

describe('vector fields dz/dt = f(z, t)', () => {
  it('a rotation field has divergence 0: its flow preserves volume', () => {
    const r = analyze(block('A = [[0, -1], [1, 0]]', 'dz/dt = A z')).transforms[0];
    assert.equal(r.kind, 'field');
    assert.equal(Number(r.trace), 0);
    assert.equal(r.volumePreserving, true);
    assert.equal(r.invertibility.verdict, 'unknown');
  });

  it('a field with divergence: tr J and d log p/dt = -tr J', () => {
    const r = analyze(block('dx/dt = -y + x', 'dy/dt = x + x y')).transforms[0];
    assert.equal(r.kind, 'field');
    assert.deepEqual(r.variables, ['x', 'y']);
    for (const [x, y] of [[0.3, -1.2], [1.5, 0.4]]) {
      assert.ok(close(evaluate(r.trace!, { x, y }), 1 + x));
      assert.ok(close(evaluate(r.dLogDensity!, { x, y }), -(1 + x)));
    }
    assert.equal(r.volumePreserving, false);
  });

  it('a Hamiltonian field in symbols: tr J = 0', () => {
    const r = analyze(block('dq/dt = p / m', 'dp/dt = -k q')).transforms[0];
    assert.equal(r.volumePreserving, true);
  });

  it('a vector field of any size: tr J = trace(A)', () => {
    const r = analyze(block('z in R^n', 'A in R^(n x n)', 'dz/dt = A z + tanh(z)')).transforms[0];
    assert.equal(r.kind, 'field');
    for (const n of [2, 3]) {
      const rand = rng(n);
      const A = randMat(n, n, rand), z = randVec(n, rand);
      const want = A.reduce((s, row, i) => s + row[i], 0) + z.reduce((s, v) => s + 1 - Math.tanh(v) ** 2, 0);
      assert.ok(close(evalReport(r.trace!, { A: matrix(A), z }), want), r.trace);
    }
  });
});

describe('log|det J| in the vector vocabulary', () => {
  it('a sign to a power adds nothing: log|(-1)^dim(w) det(X)| = log|det X|, no dim(w) log(1)', () => {
    const out = toMathjs(logAbs(parsePlainExpr('(-1)^dim(w) * det(X)'))!);
    assert.doesNotMatch(out, /log\(1\)/, out);
    assert.match(out, /det\(X\)/);
  });
});
