import * as assert from 'node:assert/strict';
import { Expr, mapExpr, num, substitute } from '../../../../src/core/math/expr';
import { testEnvironment } from '../../../../src/core/math/check';
import { compileClosure, luDet } from '../../../../src/core/math/numeric';
import { parsePlainExpr } from '../../../../src/core/parse/plainExpr';
import { autoregressive } from '../../../../src/core/parse/latex/recognizers/autoregressive';
import type { TransformReport } from '../../../../src/core/report';
import { analyzeNote, candidatesOf, declinedOf, findingsOf, md } from '../../helpers/latex';

/**
 * Concrete coefficient functions of the coordinates before (or after) k, for checking a
 * report's closed form against LU of the Jacobian of the map written out at D = n.
 */
const shift = (prev: readonly number[], k: number) => 0.4 * Math.sin(prev.reduce((a, b, j) => a + (j + 1) * b, 0.2 * k)) + 0.1 * k;
const logScale = (prev: readonly number[], k: number) => 0.3 * Math.tanh(prev.reduce((a, b) => a + b * b, 0) - 0.5) + 0.05 * k;

/** A map R^n -> R^n given coordinate by coordinate. */
type Map = (u: readonly number[]) => number[];

/** Central differences and LU. */
function jacobianDet(f: Map, x: readonly number[]): number {
  const h = 1e-6;
  const J = x.map(() => new Array<number>(x.length).fill(0));
  for (let j = 0; j < x.length; j++) {
    const a = [...x], b = [...x];
    a[j] += h; b[j] -= h;
    const fa = f(a), fb = f(b);
    for (let i = 0; i < x.length; i++) J[i][j] = (fa[i] - fb[i]) / (2 * h);
  }
  return luDet(J);
}

/**
 * The report's det J (mathjs syntax, with sum(…) over the index) at D = n: each coefficient
 * name bound, per coordinate k, to the value the concrete map uses there.
 */
function reportDetAt(t: TransformReport, coefficients: Record<string, (k: number) => number>, n: number): number {
  const bind = (e: Expr, k: number): Expr => substitute(e, new Map(Object.entries(coefficients).map(([c, v]) => [c, num(v(k))])));
  const written = mapExpr(parsePlainExpr(t.det), (x) => {
    if (x.k !== 'call' || (x.fn !== 'sum' && x.fn !== 'prod')) return x;
    const terms = Array.from({ length: n }, (_, k) => bind(x.args[0], k));
    return terms.reduce<Expr>((a, b) => ({ k: x.fn === 'sum' ? 'add' : 'mul', args: [a, b] } as Expr), num(x.fn === 'sum' ? 0 : 1));
  });
  return compileClosure(written, [])([]);
}

/** The report's inverse (the instance's, in the variables' names) undoes its components, with the same stand-ins for the coefficient functions. */
function roundTrip(t: TransformReport): void {
  const inv = t.trees.inverse;
  assert.ok(inv && inv.length === t.variables.length, 'an inverse per coordinate');
  const env = testEnvironment([...t.trees.components, ...inv], { variables: t.variables, domain: [], freeSymbols: t.freeSymbols });
  const f = t.trees.components.map((e) => compileClosure(e, t.variables, env));
  const g = inv.map((e) => compileClosure(e, t.variables, env));
  for (const p of POINTS) {
    const x = p.slice(0, t.variables.length);
    const y = f.map((c) => c(x));
    g.forEach((c, i) => assert.ok(Math.abs(c(y) - x[i]) < 1e-9, `f^{-1}(f(x))_${i + 1} = ${c(y)}, x = ${x[i]}`));
  }
}

/**
 * The report's det J equals LU of the Jacobian of `map` at D = 1 … 5 at every point;
 * `coefficients(u, image)` gives each coefficient's value per coordinate k there.
 */
function detForAnyD(t: TransformReport, map: Map, coefficients: (u: readonly number[], image: readonly number[]) => Record<string, (k: number) => number>): void {
  for (let n = 1; n <= 5; n++) {
    for (const p of POINTS) {
      const u = p.slice(0, n);
      const got = reportDetAt(t, coefficients(u, map(u)), n), want = jacobianDet(map, u);
      assert.ok(Math.abs(got - want) <= 1e-5 * Math.max(1, Math.abs(want)), `D = ${n} at ${u}: ${got} vs LU ${want}`);
    }
  }
}

/** The one coefficient inside sum(…) of det J (a name made for a coefficient written inline). */
const summed = (t: TransformReport): string => /sum\((\w+)\)/.exec(t.det)![1];

const before = (v: readonly number[], k: number) => v.slice(0, k);

const POINTS = [[0.3, -0.7, 1.1, 0.45, -0.2], [-1.2, 0.8, 0.25, -0.6, 0.9], [0.05, 0.4, -0.35, 1.3, -1.0]];

/** MAF sampling: x_k = z_k exp(α_k(x_{<k})) + μ_k(x_{<k}). */
const maf = (z: readonly number[]) => {
  const x: number[] = [];
  z.forEach((zk, k) => { x.push(zk * Math.exp(logScale(x, k)) + shift(x, k)); });
  return x;
};

describe('LaTeX autoregressive families: x_i = z_i exp(α_i) + μ_i for every i', () => {
  it('MAF with a sentence saying what α_i and μ_i depend on: det J = exp(Σ α_i) for any D, checked against LU at D = 1 … 5', () => {
    const r = analyzeNote(md(
      'Each layer samples coordinate by coordinate:',
      '',
      '$$ x_i = z_i \\exp(\\alpha_i) + \\mu_i $$',
      '',
      'where $\\mu_i$ and $\\alpha_i$ are functions of $x_{1:i-1}$, computed by one masked network.',
    ));
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.transforms.length, 1);
    const t = r.transforms[0];
    assert.equal(t.structure, 'triangular');
    assert.equal(t.detChecked, true);
    assert.deepEqual(t.autoregressive?.sizesChecked, [1, 2, 3, 4, 5]);
    assert.match(t.detLatex, /\\sum_\{i\} \\alpha_i/);
    assert.equal(t.invertibility.verdict, 'invertible');
    assert.equal(t.invertibility.certainty, 'proof');
    assert.match(t.invertibility.reason, /triangular/);
    detForAnyD(t, maf, (_, x) => ({ alpha_i: (k) => logScale(before(x, k), k), mu_i: (k) => shift(before(x, k), k) }));
    roundTrip(t);
    // log|det J| = Σ α_i
    assert.ok(t.logDet && /sum\(alpha_i\)/.test(t.logDet.replace(/\s/g, '')), String(t.logDet));
  });

  for (const note of [
    '$$ x_i = z_i \\exp(\\alpha_i) + \\mu_i, \\qquad (\\mu_i, \\alpha_i) = g(x_{1:i-1}) $$',
    md('$$ x_i = z_i \\exp(\\alpha_i) + \\mu_i $$', '', 'Here $\\alpha_i$ and $\\mu_i$ depend on $x_1, \\ldots, x_{i-1}$ only.'),
    md('The shift and the log-scale are computed from $x_{<i}$ alone:', '', '$$ x_i = z_i \\exp(\\alpha_i) + \\mu_i $$'),
    // the conditional of the output states the order: x_i is drawn given the coordinates before it
    md('Each coordinate is drawn from $x_i \\sim p(x_i \\mid x_{1:i-1})$ by', '', '$$ x_i = z_i \\exp(\\alpha_i) + \\mu_i $$'),
    md('$$ p(\\mathbf{x}) = \\prod_i p(x_i | x_{<i}) $$', '', 'so one pass gives', '', '$$ x_i = z_i \\exp(\\alpha_i) + \\mu_i $$'),
  ]) {
    it(`the dependence said another way is read the same: ${note.replace(/\n/g, ' ')}`, () => {
      const r = analyzeNote(note);
      assert.deepEqual(r.diagnostics, []);
      assert.equal(r.transforms.length, 1);
      assert.equal(r.transforms[0].detChecked, true);
      detForAnyD(r.transforms[0], maf, (_, x) => ({ alpha_i: (k) => logScale(before(x, k), k), mu_i: (k) => shift(before(x, k), k) }));
    });
  }

  it('a coefficient that depends on no coordinate (the first one, or the last of a family on x_{i+1:D}) is a plain name, and the checks still hold', () => {
    for (const [note, constant] of [
      [md('$$ y_k = u_k e^{\\beta_k} + c_k $$', '', 'with $\\beta_k$ and $c_k$ functions of $y_{1:k-1}$.'), /^beta_1$|^c_1$/],
      [md('$$ y_k = u_k e^{\\beta_k} + c_k $$', '', 'with $\\beta_k$ and $c_k$ functions of $y_{k+1:D}$.'), /^beta_3$|^c_3$/],
    ] as const) {
      const t = analyzeNote(note).transforms[0];
      assert.ok(t, note);
      // printed as names: beta_1, not beta_1()
      assert.ok(t.components.every((c) => !/\(\)/.test(c)), t.components.join('; '));
      assert.ok(t.jacobian.flat().every((c) => !/\(\)/.test(c)), 'J');
      assert.equal(t.freeSymbols.filter((s) => constant.test(s)).length, 2, String(t.freeSymbols));
      // the closed form is still checked against LU of J at every size, and the instance's det J agrees
      assert.deepEqual(t.autoregressive?.sizesChecked, [1, 2, 3, 4, 5]);
      assert.equal(t.detChecked, true);
      // and it is not said to be a constant the note forgot: it is the family's coefficient
      assert.ok(!(t.assumed ?? []).some((a) => /beta|c_/.test(a)), String(t.assumed));
    }
  });

  it('IAF with the coefficients written inline as functions of z_{1:i-1}: the same closed form, the inverse solved in order', () => {
    const r = analyzeNote('$$ x_i = z_i \\exp\\left(\\alpha(z_{1:i-1})\\right) + \\mu(z_{1:i-1}) $$');
    assert.deepEqual(r.diagnostics, []);
    const t = r.transforms[0];
    assert.equal(t.structure, 'triangular');
    assert.equal(t.detChecked, true);
    assert.match(t.detLatex, /\\sum_\{i\} \\alpha\\left\(z_\{1:i-1\}\\right\)/);
    const iaf = (z: readonly number[]) => z.map((zk, k) => zk * Math.exp(logScale(z.slice(0, k), k)) + shift(z.slice(0, k), k));
    detForAnyD(t, iaf, (z) => ({ [summed(t)]: (k) => logScale(before(z, k), k) }));
    assert.equal(t.invertibility.verdict, 'invertible');
    roundTrip(t);
  });

  it('coefficients written as indexed calls (μ_i(x_{1:i-1}) σ_i(x_{1:i-1})) keep their names: μ_2, not mui_2; plain text without \\left', () => {
    const r = analyzeNote('$$ y_i = \\mu_i(x_{1:i-1}) + \\sigma_i\\left(x_{1:i-1}\\right) x_i $$');
    assert.deepEqual(r.diagnostics, []);
    const t = r.transforms[0];
    assert.equal(t.structure, 'triangular');
    assert.ok(t.unknownFunctions.includes('mu_2') && t.unknownFunctions.includes('sigma_3'), t.unknownFunctions.join());
    const text = [t.invertibility.reason, ...(t.notes ?? [])].join(' ');
    assert.doesNotMatch(text, /left|right|\\|mui|sigmai/, text);
    assert.match(text, /σ_i\(x_\{1:i-1\}\)/, text);
  });

  it('the inverse written as z_i = (x_i - μ_i) exp(-α_i), with the dependence given by definitions: det J = exp(-Σ α_i)', () => {
    const r = analyzeNote(md(
      '$$ z_i = (x_i - \\mu_i)\\exp(-\\alpha_i) $$',
      '',
      'with $\\mu_i = f_\\mu(x_{1:i-1})$ and $\\alpha_i = f_\\alpha(x_{1:i-1})$.',
    ));
    assert.deepEqual(r.diagnostics, []);
    const t = r.transforms[0];
    assert.equal(t.detChecked, true);
    const inv = (x: readonly number[]) => x.map((xk, k) => (xk - shift(x.slice(0, k), k)) * Math.exp(-logScale(x.slice(0, k), k)));
    detForAnyD(t, inv, (x) => ({ alpha_i: (k) => logScale(before(x, k), k) }));
    assert.equal(t.invertibility.verdict, 'invertible');
    roundTrip(t);
    assert.match(t.autoregressive?.inverse ?? '', /^x_i = /);
  });

  it('coefficients on the later coordinates only (x_{i+1:D}) are triangular too, in the other order', () => {
    const r = analyzeNote('$$ y_k = u_k e^{a(u_{k+1:D})} + b(u_{k+1:D}) $$');
    assert.deepEqual(r.diagnostics, []);
    const t = r.transforms[0];
    assert.equal(t.detChecked, true);
    const rev = (u: readonly number[]) => u.map((uk, k) => uk * Math.exp(logScale(u.slice(k + 1), k)) + shift(u.slice(k + 1), k));
    detForAnyD(t, rev, (u) => ({ [summed(t)]: (k) => logScale(u.slice(k + 1), k) }));
    assert.equal(t.invertibility.verdict, 'invertible');
  });

  for (const [what, note] of [
    ['on all of the coordinates', '$$ y_k = u_k e^{a(u_{1:D})} + b(u_{1:D}) $$'],
    ['on the coordinate itself', '$$ y_k = u_k e^{a(u_{1:k})} + b(u_{1:k-1}) $$'],
    ['on earlier and later coordinates mixed', '$$ y_k = u_k e^{a(u_{1:k-1})} + b(u_{k+1:D}) $$'],
    ['on all of u through a sentence', md('$$ y_k = u_k e^{a_k} + b_k $$', '', 'where $a_k$ and $b_k$ are functions of $\\mathbf{u}$.')],
  ]) {
    it(`coefficients ${what}: not triangular, so no map and no proof, only an information`, () => {
      const r = analyzeNote(note);
      assert.equal(r.transforms.length, 0, note);
      assert.equal(r.diagnostics.length, 1, JSON.stringify(r.diagnostics));
      assert.equal(r.diagnostics[0].severity, 'info');
      assert.match(r.diagnostics[0].message, /not triangular/);
    });
  }

  it('an elementwise formula with indices and nothing said about dependence is ordinary math: no map, no diagnostic', () => {
    for (const note of ['$$ y_i = a_i x_i + b_i $$', '$$ w_j = \\lambda_j v_j $$', md('$$ s_k = \\sum_{j < k} t_j $$', '', 'a function of $t_{1:k-1}$.')]) {
      const r = analyzeNote(note);
      assert.equal(r.transforms.length, 0, note);
      assert.deepEqual(r.diagnostics, [], note);
    }
  });

  it('the recognizer alone: its input and its coefficients, structure not names', () => {
    const [c] = candidatesOf(findingsOf('$$ q_t = p_t \\, e^{g(q_{1:t-1})} - h(q_{1:t-1}) $$', autoregressive));
    assert.equal(c.form, 'autoregressive');
    assert.deepEqual(c.variables, ['p_t']);
    assert.equal(c.autoregressive?.index, 't');
    assert.deepEqual(c.autoregressive?.coefficients.map((x) => [x.on, x.side]), [['output', 'before'], ['output', 'before']]);
    // two names with the index and nothing said about one of them: which is the input?
    const d = declinedOf(findingsOf(md('$$ x_i = z_i e^{\\alpha_i} + \\mu_i $$', '', 'where $\\alpha_i$ is a function of $x_{1:i-1}$.'), autoregressive));
    assert.equal(d[0]?.reason, 'autoregressive.input');
  });
});

describe('LaTeX autoregressive: a family and its inverse in one note', () => {
  it('y_i = u_i exp(a_i(y_{1:i-1})) + b_i(y_{1:i-1}) and u_i = (y_i - b_i(…)) exp(-a_i(…)): two maps, not each other\'s coefficients', () => {
    const r = analyzeNote([
      'The autoregressive layer generates',
      '',
      '$$y_i = u_i \\exp(a_i(\\mathbf{y}_{1:i-1})) + b_i(\\mathbf{y}_{1:i-1})$$',
      '',
      'and the density pass undoes it:',
      '',
      '$$u_i = (y_i - b_i(\\mathbf{y}_{1:i-1})) \\exp(-a_i(\\mathbf{y}_{1:i-1}))$$',
    ].join('\n'));
    assert.deepEqual(r.diagnostics.map((d) => d.message), []);
    assert.equal(r.transforms.length, 2);
    assert.ok(r.transforms.every((t) => t.autoregressive));
    assert.deepEqual(r.transforms.map((t) => t.variables.length), [3, 3]);
  });
});
