/**
 * Maps that are linear, a function per component, linear again (colour spaces such as a
 * perceptual space between two 3x3 matrices, a layer W2 tanh(W1 x + b)): det J = det A · det B ·
 * Π g'(u_k), with the inner linear forms u_k named in the where lines, J in the u_k. Examples of
 * our own; det J checked against finite differences of the same map written as plain JS.
 */
import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../../src/core/document';
import { elementwiseForm } from '../../../src/core/math/elementwise';
import { Algebra } from '../../../src/core/math/poly';
import { Expr, exprKey, num, substitute } from '../../../src/core/math/expr';
import { compileClosure, luDet, randomPoint, rng } from '../../../src/core/math/numeric';
import { parsePlainExpr } from '../../../src/core/parse/plainExpr';
import type { TransformReport } from '../../../src/core/report';

const TO_CONE = [[0.41, 0.53, 0.06], [0.21, 0.68, 0.11], [0.09, 0.28, 0.63]];
const TO_LAB = [[0.2, 0.79, 0.01], [1.98, -2.43, 0.45], [0.03, 0.78, -0.81]];
const FROM_LAB = [[1, 0.4, 0.22], [1, -0.11, -0.06], [1, -0.09, -1.29]];
const FROM_CONE = [[4.08, -3.31, 0.23], [-1.27, 2.61, -0.34], [-0.004, -0.7, 1.7]];
const literal = (m: number[][]) => `[${m.map((r) => `[${r.join(', ')}]`).join(', ')}]`;

/** A matrix times a vector, as colour libraries write it. */
const APPLY = [
  'function apply(m, v) {',
  '  return [',
  '    m[0][0] * v[0] + m[0][1] * v[1] + m[0][2] * v[2],',
  '    m[1][0] * v[0] + m[1][1] * v[1] + m[1][2] * v[2],',
  '    m[2][0] * v[0] + m[2][1] * v[1] + m[2][2] * v[2],',
  '  ];',
  '}',
];

const COLOUR_CODE = [
  `const TO_CONE = ${literal(TO_CONE)};`,
  `const TO_LAB = ${literal(TO_LAB)};`,
  `const FROM_LAB = ${literal(FROM_LAB)};`,
  `const FROM_CONE = ${literal(FROM_CONE)};`,
  ...APPLY,
  'export const perceptual = {',
  '  fromXyz(xyz) {',
  '    const cone = apply(TO_CONE, xyz);',
  '    for (let i = 0; i < 3; i++) cone[i] = Math.cbrt(cone[i]);',
  '    return apply(TO_LAB, cone);',
  '  },',
  '  toXyz(lab) {',
  '    const cone = apply(FROM_LAB, lab);',
  '    cone[0] = cone[0] ** 3;',
  '    cone[1] = cone[1] ** 3;',
  '    cone[2] = cone[2] ** 3;',
  '    return apply(FROM_CONE, cone);',
  '  },',
  '};',
].join('\n');

/** The same maps as plain functions, for finite differences. */
const times = (m: number[][], v: readonly number[]) => m.map((r) => r[0] * v[0] + r[1] * v[1] + r[2] * v[2]);
const fromXyz = (v: readonly number[]) => times(TO_LAB, times(TO_CONE, v).map(Math.cbrt));
const toXyz = (v: readonly number[]) => times(FROM_CONE, times(FROM_LAB, v).map((u) => u ** 3));

/** det J of f at x by central differences. */
function numericDet(f: (v: readonly number[]) => number[], x: readonly number[]): number {
  const h = 1e-6;
  const cols = x.map((_, j) => {
    const p = [...x], m = [...x];
    p[j] += h; m[j] -= h;
    const fp = f(p), fm = f(m);
    return fp.map((v, i) => (v - fm[i]) / (2 * h));
  });
  return luDet(cols[0].map((_, i) => cols.map((c) => c[i])));
}

/** The map `name` of `code` analysed, with the number of sums the algebra was asked to work with (0: the algebra's J was not built). */
function analysedCounting(code: string, file: string, name: string): { t: TransformReport; algebra: number } {
  const noteSums = Algebra.prototype.noteSums;
  let algebra = 0;
  Algebra.prototype.noteSums = function (this: Algebra, ...a: Parameters<typeof noteSums>) { algebra++; return noteSums.apply(this, a); };
  try {
    return { t: analyzeDocument(code, 'javascript', file).transforms.find((x) => x.name === name)!, algebra };
  } finally { Algebra.prototype.noteSums = noteSums; }
}

function expanded(t: TransformReport, form: string): Expr {
  const full = new Map<string, Expr>();
  for (const d of t.where!.defs) full.set(d.name, substitute(parsePlainExpr(d.value), full));
  return substitute(parsePlainExpr(form), full);
}

function assertDet(t: TransformReport, f: (v: readonly number[]) => number[], box: Array<[number, number]>): void {
  assert.ok(t.detSymbolic && t.detChecked, `${t.name}: det J ${t.det}`);
  const det = compileClosure(parsePlainExpr(t.det), t.variables);
  const short = compileClosure(expanded(t, t.where!.det!), t.variables);
  const rand = rng(7);
  for (let k = 0; k < 12; k++) {
    const x = randomPoint(box, rand);
    const ref = numericDet(f, x);
    assert.ok(Math.abs(det(x) - ref) <= 1e-5 * Math.abs(ref), `${t.name} at ${x}: ${det(x)} vs ${ref}`);
    assert.ok(Math.abs(short(x) - ref) <= 1e-5 * Math.abs(ref), `${t.name} (where form) at ${x}: ${short(x)} vs ${ref}`);
  }
}

describe('linear, elementwise, linear: det J = det A det B Π g\'(u_k)', () => {
  const report = analyzeDocument(COLOUR_CODE, 'javascript', 'perceptual.js');
  const byName = (n: string) => report.transforms.find((t) => t.name.endsWith(n))!;

  it('cube roots between two 3x3 matrices: det J a short product over the named inner forms, right at every point', () => {
    const t = byName('fromXyz');
    assert.ok(t, report.transforms.map((x) => x.name).join());
    assert.ok(t.det.length < 160, t.det);
    assert.ok(!t.notes.some((n) => /budget|numerically/.test(n)), t.notes.join('\n'));
    const names = t.where!.defs.map((d) => d.name);
    for (const u of ['u_1', 'u_2', 'u_3']) assert.ok(names.includes(u), names.join());
    // each u_k is one of the rows of TO_CONE applied to the variables
    const inner = t.where!.defs.filter((d) => /^u_\d$/.test(d.name)).map((d) => compileClosure(parsePlainExpr(d.value), t.variables));
    const x = [0.7, 1.3, 0.4], rows = times(TO_CONE, x);
    assert.deepEqual(inner.map((u) => rows.findIndex((r) => Math.abs(r - u(x)) < 1e-12)).sort(), [0, 1, 2]);
    assertDet(t, fromXyz, [[0.2, 2], [0.2, 2], [0.2, 2]]);
  });

  it('cubes between two 3x3 matrices: det J and J in the inner forms, not an expanded polynomial', () => {
    const t = byName('toXyz');
    assert.ok(t.det.length < 200, t.det);
    const w = t.where!;
    assert.ok(w.det!.length < 40, w.det!);
    assert.ok(/^-?[\d.]+\*u_1\^2\*u_2\^2\*u_3\^2$/.test(w.det!), w.det!);
    // every J entry is a combination of u_k^2: no long expanded coefficients
    for (const e of w.jacobian.flat()) assert.ok(e.length < 90 && !/e-\d/.test(e) && /u_1\^2/.test(e), e);
    assertDet(t, toXyz, [[-1, 1], [-1, 1], [-1, 1]]);
  });

  it('a layer W2 tanh(W1 x + b) in a note: det J = det W1 det W2 sech^2 sech^2', () => {
    const t = analyzeDocument(['```transform', 'layer(x, y) = (2 tanh(x + 3 y - 1) - tanh(2 x - y), tanh(x + 3 y - 1) + 3 tanh(2 x - y))', '```'].join('\n'), 'markdown', 'l.md').transforms[0];
    const det = compileClosure(parsePlainExpr(t.det), t.variables);
    const f = ([x, y]: readonly number[]) => [2 * Math.tanh(x + 3 * y - 1) - Math.tanh(2 * x - y), Math.tanh(x + 3 * y - 1) + 3 * Math.tanh(2 * x - y)];
    // det W2 = 7, det W1 = -7
    const sech2 = (u: number) => 1 / Math.cosh(u) ** 2;
    for (const x of [[0.3, -0.2], [1, 1], [-1.5, 0.4]]) {
      assert.ok(Math.abs(det(x) - -49 * sech2(x[0] + 3 * x[1] - 1) * sech2(2 * x[0] - x[1])) < 1e-9, t.det);
      assert.ok(Math.abs(det(x) - numericDet(f, x)) < 1e-6);
    }
    assert.ok(t.det.length < 70, t.det);
  });

  it('a function of each variable first (a gamma decoding): det J = det A det B Π g\'(u_k) Π h\'(x_j), without the algebra\'s J', () => {
    // our own: each channel decoded by a power, then the two matrices with cube roots between
    const code = [
      `const TO_CONE = ${literal(TO_CONE)};`,
      `const TO_LAB = ${literal(TO_LAB)};`,
      ...APPLY,
      'const decode = (c) => Math.pow((c + 0.1) / 1.1, 2.2);',
      'export function fromRgb(r, g, b) {',
      '  const cone = apply(TO_CONE, [decode(r), decode(g), decode(b)]).map(Math.cbrt);',
      '  return apply(TO_LAB, cone);',
      '}',
    ].join('\n');
    const decode = (c: number) => ((c + 0.1) / 1.1) ** 2.2;
    const f = (v: readonly number[]) => fromXyz(v.map(decode));
    // the algebra's J (rational functions over cube roots of sums of powers) is never worked out
    const { t, algebra } = analysedCounting(code, 'decoded.js', 'fromRgb');
    assert.equal(algebra, 0);
    assert.ok(!t.notes.some((n) => /budget|numerically/.test(n)), t.notes.join('\n'));
    // det J a product of the six slopes, short, and right at every point
    assert.ok(t.det.length < 400, t.det);
    assertDet(t, f, [[0.2, 1], [0.2, 1], [0.2, 1]]);
    const J = t.jacobian.map((row) => row.map((e) => compileClosure(parsePlainExpr(e), t.variables)));
    const x = [0.3, 0.8, 0.5], h = 1e-6;
    J.forEach((row, i) => row.forEach((entry, j) => {
      const p = [...x], m = [...x];
      p[j] += h; m[j] -= h;
      const fd = (f(p)[i] - f(m)[i]) / (2 * h);
      assert.ok(Math.abs(entry(x) - fd) < 1e-6 * Math.max(1, Math.abs(fd)), `J[${i}][${j}] = ${t.jacobian[i][j]}`);
    }));
  });

  it('any inner map and any outer layer around n functions (F(g(h(x))), a product in each): the chain rule\'s det J, without the algebra\'s J', () => {
    // our own: a matrix-times-vector helper whose last row multiplies two coordinates, used on both sides of the cube roots
    const code = [
      `const TO_CONE = ${literal(TO_CONE)};`,
      `const TO_LAB = ${literal(TO_LAB)};`,
      'function mix(m, v) {',
      '  return [',
      '    m[0][0] * v[0] + m[0][1] * v[1] + m[0][2] * v[2],',
      '    m[1][0] * v[0] + m[1][1] * v[1] + m[1][2] * v[2],',
      '    m[2][0] * v[0] + m[2][1] * v[1] * m[2][2] * v[2],',
      '  ];',
      '}',
      'export function warped(x, y, z) {',
      '  return mix(TO_LAB, mix(TO_CONE, [x, y, z]).map(Math.cbrt));',
      '}',
    ].join('\n');
    const mixed = (m: number[][], v: readonly number[]) => [m[0][0] * v[0] + m[0][1] * v[1] + m[0][2] * v[2], m[1][0] * v[0] + m[1][1] * v[1] + m[1][2] * v[2], m[2][0] * v[0] + m[2][1] * v[1] * m[2][2] * v[2]];
    const f = (v: readonly number[]) => mixed(TO_LAB, mixed(TO_CONE, v).map(Math.cbrt));
    const { t, algebra } = analysedCounting(code, 'warped.js', 'warped');
    // (each layer's J over its own names only)
    assert.equal(algebra, 0);
    assert.ok(t.detSymbolic && t.detChecked, t.det);
    assert.ok(!t.notes.some((n) => /budget|numerically/.test(n)), t.notes.join('\n'));
    assert.ok(t.det.length < 600, t.det);
    const det = compileClosure(parsePlainExpr(t.det), t.variables);
    const rand = rng(11);
    for (let k = 0; k < 12; k++) {
      const x = randomPoint([[0.2, 2], [0.2, 2], [0.2, 2]], rand);
      const ref = numericDet(f, x);
      assert.ok(Math.abs(det(x) - ref) <= 1e-5 * Math.abs(ref), `at ${x}: ${det(x)} vs ${ref}`);
    }
  });

  it('fewer functions than variables (F(g(h(x))) through R^2 in R^3): det J = 0 from the factoring, J the chain rule\'s, without the algebra\'s J', () => {
    // our own: a colour-like map whose second and third cone rows are the same, so two cube roots feed three outputs
    const cone = [TO_CONE[0], TO_CONE[1], TO_CONE[1]];
    const code = [
      `const TO_CONE = ${literal(cone)};`,
      `const TO_LAB = ${literal(TO_LAB)};`,
      ...APPLY,
      'export function flattened(x, y, z) {',
      '  return apply(TO_LAB, apply(TO_CONE, [x, y, z]).map((c) => Math.cbrt(c ** 2 + 1)));',
      '}',
    ].join('\n');
    const f = (v: readonly number[]) => times(TO_LAB, times(cone, v).map((c) => Math.cbrt(c ** 2 + 1)));
    const { t, algebra } = analysedCounting(code, 'flattened.js', 'flattened');
    assert.equal(algebra, 0, 'the whole map\'s J is not built over the algebra');
    assert.ok(t.detSymbolic && t.detChecked, t.det);
    assert.equal(compileClosure(parsePlainExpr(t.det), t.variables)([0.3, -0.7, 1.1]), 0);
    // J: the chain rule's product, right at every point (central differences)
    const entries = t.jacobian.map((row) => row.map((e) => compileClosure(parsePlainExpr(e), t.variables)));
    const rand = rng(5);
    for (let k = 0; k < 8; k++) {
      const x = randomPoint([[-2, 2], [-2, 2], [-2, 2]], rand);
      for (let j = 0; j < 3; j++) {
        const p = [...x], m = [...x];
        p[j] += 1e-6; m[j] -= 1e-6;
        const fp = f(p), fm = f(m);
        for (let i = 0; i < 3; i++) {
          const ref = (fp[i] - fm[i]) / 2e-6;
          assert.ok(Math.abs(entries[i][j](x) - ref) <= 1e-5 * Math.max(1, Math.abs(ref)), `J[${i}][${j}] at ${x}: ${entries[i][j](x)} vs ${ref}`);
        }
      }
    }
  });

  it('the layered form F(g(h(x))): the variables only inside n functions, some component using several; else not read', () => {
    const vars = ['x', 'y'];
    const e = (s: string) => parsePlainExpr(s);
    const calls: string[][] = [];
    const layer = (cs: readonly Expr[], vs: readonly string[]) => { calls.push([...vs]); return { jacobian: cs.map(() => vs.map(() => e('1'))), det: e('1') }; };
    assert.ok(elementwiseForm([e('sin(x y) cos(x + y^2)'), e('sin(x y) + 2 cos(x + y^2)')], vars, undefined, layer));
    // the outer layer over the two functions' names, then the inner map over the variables
    assert.deepEqual(calls.map((vs) => vs.length), [2, 2]);
    assert.deepEqual(calls[1], vars);
    // no layer's J: no form
    assert.equal(elementwiseForm([e('sin(x y) cos(x + y^2)'), e('sin(x y) + 2 cos(x + y^2)')], vars, undefined, () => null), null);
    // a variable outside the functions, a function of two arguments, more functions than variables, each component one function
    for (const c of [['sin(x y) + x', 'cos(x + y^2) sin(x y)'], ['atan2(x, y) sin(x y)', 'cos(x)'], ['sin(x y) cos(x) exp(y)', 'cos(x)'], ['sin(x y)', 'cos(x + y^2)']]) {
      assert.equal(elementwiseForm(c.map(e), vars, undefined, layer), null, c.join(', '));
    }
    // fewer functions than variables: read whatever F is (the map factors through them), no determinant asked of a layer
    calls.length = 0;
    const flat = elementwiseForm([e('sin(x y)'), e('3 sin(x y)^2')], vars, undefined, (cs, vs, square) => { calls.push([...vs]); assert.equal(square, false); return { jacobian: cs.map(() => vs.map(() => e('1'))), det: null }; });
    assert.ok(flat);
    assert.equal(exprKey(flat.det), exprKey(num(0)));
    assert.deepEqual(calls.map((vs) => vs.length), [1, 2]);
  });

  it('a matrix entry that is a huge power of a decimal (0.05144 ** 59929, zero as a double) is not expanded exactly: read at once, det J right', () => {
    // the exact value would have hundreds of thousands of digits (the reader hung on it, after a decoding per channel)
    const code = [
      'const M = [[0.41, 0.53, 0.05144 ** 59929], [0.21, 0.68, 0.11], [0.09, 0.28, 0.63]];',
      `const TO_LAB = ${literal(TO_LAB)};`,
      'const mul3 = (m, v) => m.map((row) => row[0] * v[0] + row[1] * v[1] + row[2] * v[2]);',
      'export function squeeze(x, y, z) {',
      '  return mul3(TO_LAB, mul3(M, [x, y, z].map((c) => Math.pow(c, 2.2))).map(Math.cbrt));',
      '}',
    ].join('\n');
    const t = analyzeDocument(code, 'javascript', 'squeeze.js').transforms.find((x) => x.name === 'squeeze')!;
    assert.ok(t && t.detSymbolic, t?.det);
    const M = [[0.41, 0.53, 0], [0.21, 0.68, 0.11], [0.09, 0.28, 0.63]];
    const f = (v: readonly number[]) => times(TO_LAB, times(M, v.map((c) => c ** 2.2)).map(Math.cbrt));
    const det = compileClosure(parsePlainExpr(t.det), t.variables);
    for (const x of [[0.3, 0.8, 0.5], [1.2, 0.4, 0.9]]) {
      const ref = numericDet(f, x);
      assert.ok(Math.abs(det(x) - ref) <= 1e-5 * Math.abs(ref), `${t.det} at ${x}: ${det(x)} vs ${ref}`);
    }
  });

  it('the form is read from the components: other maps are not of it', () => {
    const vars = ['x', 'y'];
    const e = (s: string) => parsePlainExpr(s);
    const form = elementwiseForm([e('cbrt(x + y) - 2 cbrt(x - y)'), e('3 cbrt(x + y) + 1')], vars);
    assert.ok(form && form.mixing);
    assert.equal(form.inner.length, 2);
    // a function of each variable inside: the same function of a variable wherever it occurs
    const decoded = elementwiseForm([e('cbrt(x^2 + 3 exp(y))'), e('cbrt(x^2 - exp(y))')], vars);
    assert.ok(decoded && decoded.mixing);
    // a linear term beside the functions, a product, a function of two forms, more functions than variables;
    // a variable both as itself and through a function, or through two functions
    for (const c of [['x + cbrt(x + y)', 'cbrt(x - y)'], ['x y', 'cbrt(x)'], ['atan2(x, y)', 'cbrt(x)'], ['cbrt(x) + cbrt(y)', 'cbrt(x + y)'], ['a cbrt(x + y)', 'cbrt(x - y)'],
      ['cbrt(x^2 + y)', 'cbrt(x - y)'], ['cbrt(x^2 + y)', 'cbrt(exp(x) - y)'], ['cbrt(x^2 + x + y)', 'cbrt(x^2 - y)'], ['cbrt(x y + y)', 'cbrt(x - y)']]) {
      assert.equal(elementwiseForm(c.map(e), vars), null, c.join(', '));
    }
  });
});
