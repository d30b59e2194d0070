/**
 * The `vector` recognizer: maps of vectors and matrices in notes (bold names, given entries,
 * shapes read from use), end to end through decide and the analysis; det J compared
 * numerically (mathjs evaluates the report's strings) with LU of the map written by hand.
 */
import * as assert from 'node:assert/strict';
import { det, evaluate, map, matrix } from 'mathjs';
import { analyzeDocument } from '../../../../src/core/document';
import { luDet, rng } from '../../../../src/core/math/numeric';
import type { TransformReport } from '../../../../src/core/report';
import { vector } from '../../../../src/core/parse/latex/recognizers/vector';
import { candidatesOf, findingsOf, md } from '../../helpers/latex';

const analyze = (note: string) => analyzeDocument(note, 'markdown', 'vector.md');

function only(note: string): TransformReport {
  const r = analyze(note);
  assert.equal(r.transforms.length, 1, JSON.stringify(r.transforms.map((t) => t.name)));
  assert.deepEqual(r.diagnostics.filter((d) => d.severity !== 'info'), []);
  return r.transforms[0];
}

const EW = Object.fromEntries((['tanh', 'exp', 'log', 'abs'] as const).map((fn) => [fn, (x: unknown) => (typeof x === 'number' ? Math[fn](x) : map(x as number[], (v: number) => Math[fn](v)))]));
const evalIn = (s: string, scope: Record<string, unknown>): number => Number(evaluate(s, { ...EW, ...scope, dim: (x: number[]) => x.length }));
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));
const rand = rng(11);
const vec = (n: number) => Array.from({ length: n }, () => 2 * rand() - 1);

function fdDet(f: (x: number[]) => number[], x: number[]): number {
  const h = 1e-6;
  const cols = x.map((_, j) => { const a = [...x], b = [...x]; a[j] += h; b[j] -= h; const fa = f(a), fb = f(b); return fa.map((v, i) => (v - fb[i]) / (2 * h)); });
  return luDet(x.map((_, i) => cols.map((c) => c[i])));
}

describe('LaTeX vector layers (the vector recognizer)', () => {
  it('f(\\mathbf{x}) = \\mathbf{W}\\mathbf{x}: a bold capital is a matrix, det J = det(W) (not W^dim x, not diagonal)', () => {
    const r = only('$$ f(\\mathbf{x}) = \\mathbf{W}\\mathbf{x} $$');
    assert.deepEqual(r.variables, ['x']);
    assert.notEqual(r.structure, 'diagonal');
    assert.equal(r.vector?.form, 'linear');
    for (const n of [2, 3, 5]) {
      const W = Array.from({ length: n }, () => vec(n));
      assert.ok(close(evalIn(r.det, { W: matrix(W), x: vec(n) }), det(W) as number));
    }
    assert.match(r.detLatex, /\\det/);
  });

  it('a plain b = 0.1 elsewhere does not leak into \\mathbf{W}\\mathbf{x} + \\mathbf{b}, whose W and b are given', () => {
    const r = analyze(md(
      'The step size is $b = 0.1$.',
      '',
      '$$ \\mathbf{W} = \\begin{pmatrix} 1 & 2 & 0 \\\\ 0 & 1 & 0 \\\\ 0 & 0 & -1 \\end{pmatrix}, \\qquad \\mathbf{b} = (1, 0, -1)^\\top $$',
      '',
      '$$ g(\\mathbf{x}) = \\mathbf{W}\\mathbf{x} + \\mathbf{b} $$',
    ));
    const g = r.transforms.find((t) => t.name === 'g')!;
    assert.deepEqual(g.variables, ['x1', 'x2', 'x3']);
    const at = { x1: 0.5, x2: -1, x3: 2 };
    assert.deepEqual(g.components.map((c) => evaluate(c, at)), [0.5 - 2 + 1, -1, -2 - 1]);
    assert.equal(Number(g.det), -1);
    assert.equal(g.invertibility.verdict, 'invertible');
  });

  it('a planar flow in bold: det J = 1 + h\'(w^T z + b) w^T u, against finite differences', () => {
    const r = only('$$ f(\\mathbf{z}) = \\mathbf{z} + \\mathbf{u}\\, \\tanh(\\mathbf{w}^\\top \\mathbf{z} + b) $$');
    assert.equal(r.vector?.form, 'rank-one update');
    for (const n of [2, 3, 5]) {
      const u = vec(n), w = vec(n), b = 0.3, z = vec(n);
      const f = (x: number[]) => { const a = Math.tanh(x.reduce((s, v, i) => s + w[i] * v, b)); return x.map((v, i) => v + u[i] * a); };
      assert.ok(close(evalIn(r.det, { u, w, b, z }), fdDet(f, z)), r.det);
    }
    assert.equal(r.vector?.condition, 'w^T u ≥ -1');
  });

  it('inline list items without bold: shapes from use (w^T, ‖…‖, H z) and the kind the item names', () => {
    const r = analyze(md(
      'Three layers:',
      '',
      '- planar: $z\' = z + u \\tanh(w^T z + b)$',
      '- radial: $z\' = z + \\beta (\\alpha + ||z - z_0||)^{-1}(z - z_0)$',
      '- Householder reflection: $z\' = H z$',
    ));
    assert.equal(r.transforms.length, 3);
    const [planar, radial, hh] = r.transforms;
    assert.equal(planar.vector?.form, 'rank-one update');
    assert.equal(radial.vector?.form, 'rank-one update');
    for (const n of [2, 4]) {
      const z0 = vec(n), z = vec(n), alpha = 0.7, beta = -0.4;
      const f = (x: number[]) => { const d = x.map((v, i) => v - z0[i]); const rr = Math.hypot(...d); return x.map((v, i) => v + (beta / (alpha + rr)) * d[i]); };
      assert.ok(close(evalIn(radial.det, { z0, z, alpha, beta, z_0: z0 }), fdDet(f, z)), radial.det);
    }
    assert.equal(Number(hh.det), -1);
    assert.equal(hh.invertibility.verdict, 'invertible');
  });

  it('\\mathbf{z = W x} (bold around the whole equation): a map of x with det J = det(W)', () => {
    const r = only('$$ \\mathbf{z = W \\cdot x} $$');
    assert.deepEqual(r.variables, ['x']);
    const W = [[2, 1], [1, 3]];
    assert.ok(close(evalIn(r.det, { W: matrix(W) }), 5));
  });

  it('ActNorm \\mathbf{s} \\odot \\mathbf{x} + \\mathbf{m}: det J = Π s_i', () => {
    const r = only('$$ a(\\mathbf{x}) = \\mathbf{s} \\odot \\mathbf{x} + \\mathbf{m} $$');
    const s = [2, -0.5, 3];
    assert.ok(close(evalIn(r.det, { s, m: [0, 0, 0], x: [1, 1, 1] }), -3));
    assert.ok(r.logDet);
  });

  it('a rotation R(\\theta)\\mathbf{x} with R given by its entries: det J = 1', () => {
    const r = analyze(md(
      '$$ R(\\theta) = \\begin{pmatrix} \\cos\\theta & -\\sin\\theta \\\\ \\sin\\theta & \\cos\\theta \\end{pmatrix}, \\quad \\theta = 0.3 $$',
      '',
      '$$ \\mathbf{y} = R(\\theta)\\mathbf{x} $$',
    ));
    const t = r.transforms.find((x) => x.vector)!;
    assert.deepEqual(t.variables, ['x1', 'x2']);
    assert.equal(Number(t.det), 1);
  });

  it('homogeneous coordinates: (x\', y\', 1)^T = T (x, y, 1)^T with T given is a map of (x, y)', () => {
    const r = analyze(md(
      '$$ T = \\begin{bmatrix} 0 & -2 & 1 \\\\ 1 & 0 & 4 \\\\ 0 & 0 & 1 \\end{bmatrix} $$',
      '',
      '$$ \\begin{pmatrix} x\' \\\\ y\' \\\\ 1 \\end{pmatrix} = T \\begin{pmatrix} x \\\\ y \\\\ 1 \\end{pmatrix} $$',
    ));
    assert.equal(r.transforms.length, 1);
    const t = r.transforms[0];
    assert.deepEqual(t.variables, ['x', 'y']);
    assert.deepEqual(t.components.map((c) => evaluate(c, { x: 1.5, y: -1 })), [3, 5.5]);
    assert.equal(Number(t.det), 2);
  });

  it('homogeneous coordinates with outputs named without primes: (p, q, 1)^T = M (s, w, 1)^T is a map of (s, w)', () => {
    const given = '$$ M = \\begin{bmatrix} 3 & 0 & -1 \\\\ 2 & 1 & 0 \\\\ 0 & 0 & 1 \\end{bmatrix} $$';
    for (const applied of ['$$ (p, q, 1)^\\top = M (s, w, 1)^\\top $$', '$$ \\begin{pmatrix} p \\\\ q \\\\ 1 \\end{pmatrix} = M \\begin{pmatrix} s \\\\ w \\\\ 1 \\end{pmatrix} $$']) {
      const r = analyze(md(given, '', 'The points move as', '', applied));
      assert.equal(r.transforms.length, 1, applied);
      const t = r.transforms[0];
      assert.deepEqual(t.variables, ['s', 'w']);
      assert.deepEqual(t.components.map((c) => evaluate(c, { s: 1.5, w: -1 })), [3.5, 2]);
      assert.equal(Number(t.det), 3);
    }
    // a matrix written in place, with a symbolic angle: θ is a constant, the inputs are the column's
    const rot = analyze('$$ \\begin{pmatrix} p \\\\ q \\\\ 1 \\end{pmatrix} = \\begin{pmatrix} \\cos\\theta & -\\sin\\theta & 2 \\\\ \\sin\\theta & \\cos\\theta & 0 \\\\ 0 & 0 & 1 \\end{pmatrix} \\begin{pmatrix} s \\\\ w \\\\ 1 \\end{pmatrix} $$');
    assert.deepEqual(rot.transforms.map((t) => t.variables), [['s', 'w']]);
    assert.equal(evaluate(rot.transforms[0].det, { theta: 0.4 }), 1);
    // an output that is also on the right side relates, it does not define: no map
    assert.deepEqual(analyze(md(given, '', '$$ (p, s, 1)^\\top = M (s, w, 1)^\\top $$')).transforms, []);
  });

  it('a coupling layer of bold blocks stays a block map (not a vector layer)', () => {
    const r = only('$$ \\mathbf{z}_A\' = \\mathbf{z}_A, \\quad \\mathbf{z}_B\' = \\mathbf{z}_B \\odot \\exp(s(\\mathbf{z}_A)) + t(\\mathbf{z}_A) $$');
    assert.equal(r.structure, 'coupling');
    assert.ok(r.block);
    assert.equal(r.vector, undefined);
  });

  it('sizes that do not fit: information at the formula, no map, no error', () => {
    const r = analyze('$$ \\mathbf{W} = \\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}, \\quad \\mathbf{b} = (1, 2, 3)^\\top, \\quad f(\\mathbf{x}) = \\mathbf{W}\\mathbf{x} + \\mathbf{b} $$');
    assert.equal(r.transforms.length, 0);
    assert.ok(r.diagnostics.some((d) => d.severity === 'info' && /3 entries|2 entries/.test(d.message)));
    assert.ok(!r.diagnostics.some((d) => d.severity === 'error'));
  });

  it('scalar maps and explicit tuples are not claimed', () => {
    for (const note of ['$$ f(x) = x^3 + a x $$', "$$ z' = \\sigma z $$", '$$ f(\\mathbf{x}) = (x_1 + x_2, x_1 - x_2) $$']) {
      assert.equal(candidatesOf(findingsOf(note, vector)).length, 0, note);
    }
  });
});

describe('LaTeX vector layers: assumptions, LU and Sylvester forms, given entries at n = 2, 3, 5', () => {
  const det = (f: (x: number[]) => number[], x: number[]) => fdDet(f, x);
  const pm = (rows: number[][]) => `\\begin{pmatrix} ${rows.map((r) => r.join(' & ')).join(' \\\\ ')} \\end{pmatrix}`;
  const col = (v: number[]) => `(${v.join(', ')})^\\top`;
  const round = (v: number[]) => v.map((x) => Number(x.toFixed(2)));

  it('s_i > 0 stated in the note proves ActNorm invertible; without it the verdict says what it needs', () => {
    const layer = '$$ a(\\mathbf{x}) = \\mathbf{s} \\odot \\mathbf{x} + \\mathbf{m} $$';
    const proved = only(md('The scales are positive, $s_i > 0$.', '', layer));
    assert.equal(proved.invertibility.verdict, 'invertible');
    assert.match(proved.invertibility.reasonDetail ?? proved.invertibility.reason, /s_i > 0/);
    const open = only(layer);
    assert.equal(open.invertibility.verdict, 'unknown');
    assert.match(open.vector!.condition!, /prod\(s\) ≠ 0/);
  });

  it('w^T u ≥ -1 stated (\\geq) proves a planar flow invertible; without it: "invertible if w^T u ≥ -1"', () => {
    const layer = '$$ f(\\mathbf{z}) = \\mathbf{z} + \\mathbf{u}\\,\\tanh(\\mathbf{w}^\\top\\mathbf{z} + b) $$';
    const proved = only(md('We require $\\mathbf{w}^\\top\\mathbf{u} \\geq -1$:', '', layer));
    assert.equal(proved.invertibility.verdict, 'invertible');
    assert.match(proved.invertibility.reasonDetail ?? proved.invertibility.reason, /w\^T u ≥ -1/);
    const open = only(layer);
    assert.equal(open.invertibility.verdict, 'unknown');
    assert.match(open.invertibility.reasonDetail ?? open.invertibility.reason, /invertible if w\^T u ≥ -1/);
  });

  it('a \\neq 0 with a matrix given by its entries: c W x is invertible since c ≠ 0 and det W ≠ 0', () => {
    const note = md(`With $\\mathbf{W} = ${pm([[2, 1], [0, 1]])}$ and $c \\neq 0$:`, '', '$$ h(\\mathbf{x}) = c\\,\\mathbf{W}\\mathbf{x} $$');
    const r = only(note);
    assert.deepEqual(r.variables, ['x1', 'x2']);
    assert.equal(r.invertibility.verdict, 'invertible');
    assert.match(r.invertibility.reasonDetail ?? r.invertibility.reason, /c ≠ 0/);
    const without = only(md(`With $\\mathbf{W} = ${pm([[2, 1], [0, 1]])}$:`, '', '$$ h(\\mathbf{x}) = c\\,\\mathbf{W}\\mathbf{x} $$'));
    assert.equal(without.invertibility.verdict, 'unknown');
  });

  it('the LU form \\mathbf{P}\\mathbf{L}(\\mathbf{U} + \\operatorname{diag}(\\mathbf{s}))\\mathbf{x}: a product (not a call of L), log|det J| = Σ log|s_i|', () => {
    const r = only(md(
      '$\\mathbf{P}$ is a permutation.',
      '',
      'Here $\\mathbf{L}$ is lower triangular with ones on the diagonal and $\\mathbf{U}$ is strictly upper triangular.',
      '',
      '$$ f(\\mathbf{x}) = \\mathbf{P}\\mathbf{L}(\\mathbf{U} + \\operatorname{diag}(\\mathbf{s}))\\mathbf{x} $$',
    ));
    assert.equal(r.vector?.form, 'product');
    assert.ok(!/L\(/.test(r.det), r.det);
    const s = [2, -0.5, 3];
    assert.ok(close(evalIn(r.logDet!, { s }), Math.log(2 * 0.5 * 3)), String(r.logDet));
  });

  it('a Sylvester flow z + A tanh(B z + b): det J = det(I + diag(h\') B A) against finite differences at (n, m) = (2, 1), (3, 2), (5, 2)', () => {
    const r = only('$$ g(\\mathbf{z}) = \\mathbf{z} + \\mathbf{A}\\tanh(\\mathbf{B}\\mathbf{z} + \\mathbf{b}) $$');
    assert.equal(r.vector?.form, 'low-rank product');
    for (const [n, m] of [[2, 1], [3, 2], [5, 2]]) {
      const A = Array.from({ length: n }, () => vec(m)), B = Array.from({ length: m }, () => vec(n)), b = vec(m), z = vec(n);
      const f = (x: number[]) => { const h = B.map((row, i) => Math.tanh(row.reduce((t, v, j) => t + v * x[j], b[i]))); return x.map((v, i) => v + A[i].reduce((t, a, k) => t + a * h[k], 0)); };
      const I = Array.from({ length: m }, (_, i) => Array.from({ length: m }, (_, j) => (i === j ? 1 : 0)));
      assert.ok(close(evalIn(r.det, { A: matrix(A), B: matrix(B), b, z, I: matrix(I) }), det(f, z)), `n = ${n}, m = ${m}: ${r.det}`);
    }
  });

  for (const n of [2, 3, 5]) {
    it(`given entries at n = ${n}: ActNorm det J = Π s_i and the planar flow's det J against finite differences; its verdict against a numeric search`, () => {
      const s = round(vec(n).map((x) => x + 1.5)), m = round(vec(n));
      const act = only(md(`$$ \\mathbf{s} = ${col(s)}, \\quad \\mathbf{m} = ${col(m)} $$`, '', '$$ a(\\mathbf{x}) = \\mathbf{s} \\odot \\mathbf{x} + \\mathbf{m} $$'));
      assert.equal(act.variables.length, n);
      assert.ok(close(Number(evaluate(act.det)), s.reduce((p, v) => p * v, 1)), act.det);
      assert.ok(close(Number(evaluate(act.logDet!)), s.reduce((p, v) => p + Math.log(Math.abs(v)), 0)));
      const u = round(vec(n)), w = round(vec(n));
      const planar = only(md(`$$ \\mathbf{u} = ${col(u)}, \\quad \\mathbf{w} = ${col(w)} $$`, '', '$$ f(\\mathbf{z}) = \\mathbf{z} + \\mathbf{u}\\,\\tanh(\\mathbf{w}^\\top\\mathbf{z} + 0.2) $$'));
      assert.equal(planar.variables.length, n);
      const f = (z: number[]) => { const h = Math.tanh(z.reduce((t, v, i) => t + w[i] * v, 0.2)); return z.map((v, i) => v + u[i] * h); };
      for (let k = 0; k < 3; k++) {
        const z = vec(n);
        const at = Object.fromEntries(planar.variables.map((v, i) => [v, z[i]]));
        assert.ok(close(evaluate(planar.det, at), det(f, z)), planar.det);
      }
      // along the line z = t w / |w|^2, w^T f = φ(t) = t + (w^T u) tanh(t + 0.2): monotone exactly when invertible
      const wu = w.reduce((t, v, i) => t + v * u[i], 0), ww = w.reduce((t, v) => t + v * v, 0);
      const phi = (t: number) => f(w.map((v) => (t * v) / ww)).reduce((a, v, i) => a + w[i] * v, 0);
      let falls = false;
      for (let t = -3; t < 3; t += 0.01) if (phi(t + 0.01) < phi(t) - 1e-12) falls = true;
      assert.equal(planar.invertibility.verdict, falls ? 'not-invertible' : 'invertible', `w^T u = ${wu}`);
    });
  }

  it('a planar flow with w^T u < -1 given by entries: a witness pair with one image, which a search also finds', () => {
    const r = only(md('$$ \\mathbf{u} = (1, 0)^\\top, \\quad \\mathbf{w} = (-3, 1)^\\top $$', '', '$$ f(\\mathbf{z}) = \\mathbf{z} + \\mathbf{u}\\,\\tanh(\\mathbf{w}^\\top\\mathbf{z}) $$'));
    assert.equal(r.invertibility.verdict, 'not-invertible');
    const f = ([a, b]: number[]) => [a + Math.tanh(-3 * a + b), b];
    const wit = r.invertibility.witness!;
    const fa = f(wit.a), fb = f(wit.b);
    assert.ok(fa.every((v, i) => Math.abs(v - fb[i]) < 1e-7));
    assert.ok(Math.hypot(wit.a[0] - wit.b[0], wit.a[1] - wit.b[1]) > 1e-3);
    // an independent search on a lattice of the line b = 0 for two points with one image
    const g = (t: number) => f([t, 0])[0];
    let pair = false;
    for (let t = -2; t < 2 && !pair; t += 0.01) for (let q = t + 0.05; q < 2; q += 0.01) if (Math.abs(g(t) - g(q)) < 2e-3) { pair = true; break; }
    assert.ok(pair);
  });

  it('regression: a name defined twice (b = 0.1, then \\mathbf{b} given) applies from its place on, bold and plain apart', () => {
    const r = analyze(md(
      '$$ \\mathbf{b} = (1, 2)^\\top, \\quad \\mathbf{W} = \\begin{pmatrix} 1 & 0 \\\\ 0 & 2 \\end{pmatrix} $$',
      '',
      'With the learning rate $b = 0.1$ the layer is',
      '',
      '$$ g(\\mathbf{x}) = \\mathbf{W}\\mathbf{x} + \\mathbf{b} $$',
      '',
      'and a scalar map $$ k(x) = x^3 + b x $$',
    ));
    const g = r.transforms.find((t) => t.name === 'g')!, k = r.transforms.find((t) => t.name === 'k')!;
    assert.deepEqual(g.components.map((c) => evaluate(c, { x1: 1, x2: 1 })), [2, 4]);
    assert.ok(close(evaluate(k.det, { x: 1 }), 3.1), k.det);
  });
});
