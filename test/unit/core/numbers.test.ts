/**
 * Numbers as the user wrote them: decimals stay decimals, fractions stay fractions, one style
 * per formula, and never float noise.
 */
import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../../src/core/document';
import { add, mul, neg, num, numOf, sym } from '../../../src/core/math/expr';
import { compileClosure } from '../../../src/core/math/numeric';
import { shortNumber, toLatex, toMathjs, withNumberStyle } from '../../../src/core/math/print';
import { q, qFromNumber, qToNumber } from '../../../src/core/math/rational';
import { parsePlainExpr } from '../../../src/core/parse/plainExpr';
import type { TransformReport } from '../../../src/core/report';

/** 16 or more significant digits in a row: float noise in a printed formula. */
const NOISE = /\d{12,}|\d\.\d{12,}/;
const transform = (def: string) => analyzeDocument(['```transform', def, '```'].join('\n'), 'markdown', 't.md').transforms[0];
const code = (src: string) => analyzeDocument(src, 'typescript', 't.ts').transforms[0];
const forms = (t: TransformReport) => [t.det, ...t.jacobian.flat(), ...t.components, t.detLatex, ...t.latex.jacobian.flat()];
const equalAt = (a: string, b: string, vars: string[], x: number[]) =>
  Math.abs(compileClosure(parsePlainExpr(a), vars)(x) - compileClosure(parsePlainExpr(b), vars)(x)) < 1e-12;

describe('numbers', () => {
  it('float noise is read as the number meant: 0.1 + 0.2 is 3/10, 1/3 is 1/3', () => {
    assert.deepEqual(qFromNumber(0.1 + 0.2), { n: 3n, d: 10n });
    assert.deepEqual(qFromNumber(1 / 3), { n: 1n, d: 3n });
    assert.deepEqual(qFromNumber(0.015000000000000001), { n: 3n, d: 200n });
    assert.ok(Math.abs(qToNumber(qFromNumber(1.7079468445347116e+29)) / 1.7079468445347116e+29 - 1) < 1e-14);
    assert.deepEqual(qFromNumber(0.123456789), { n: 123456789n, d: 1000000000n });
  });
  it('prints the fewest digits, without noise', () => {
    assert.equal(shortNumber(0.09999999999999998), '0.1');
    assert.equal(shortNumber(0.015000000000000001), '0.015');
    assert.equal(shortNumber(1 / 3).length <= 17, true);
    assert.equal(shortNumber(2.5e-8), '2.5e-8');
  });
  it('numbers beyond 2^53 stay exact through sums, products, signs and both printers', () => {
    const big = 3n ** 40n; // 12157665459056928801 > 2^53
    const digits = (s: string) => [...s.matchAll(/\d{10,}/g)].map((m) => BigInt(m[0]));
    const x = sym('x');
    // 3^40 x + 1 - 1, times -1: still exactly 3^40 (a double would end in ...8800)
    const e = neg(add(mul(numOf(q(big)), x), num(1), num(-1)));
    assert.deepEqual(digits(toMathjs(e)), [big]);
    assert.deepEqual(digits(toLatex(e)), [big]);
    assert.ok(Math.abs(compileClosure(parsePlainExpr(toMathjs(e)), ['x'])([2]) + 2 * Number(big)) <= 1e-15 * 2 * Number(big));
    // folding two exact numbers: 3^40 + 3^40 and 3^40 * 2
    assert.deepEqual(digits(toMathjs(add(numOf(q(big)), numOf(q(big))))), [2n * big]);
    assert.deepEqual(digits(toMathjs(mul(num(2), numOf(q(big)), x))), [2n * big]);
    // an exact fraction: n/d in plain text, \frac in LaTeX, and the decimal where it terminates in a decimal formula
    const third = numOf(q(-big, 3n ** 41n * 2n ** 60n)); // = -1 / (3 2^60)
    assert.equal(toMathjs(third).startsWith('-1/'), true);
    assert.deepEqual(digits(toMathjs(third)), [3n * 2n ** 60n]);
    assert.match(toLatex(numOf(q(-(2n ** 60n) - 1n, 7n))), /^-\\frac\{\d+\}\{7\}$/);
    const tenth = numOf(q(2n ** 60n + 1n, 10n));
    assert.equal(withNumberStyle('decimal', () => toMathjs(tenth)), `${(2n ** 60n + 1n) / 10n}.${(2n ** 60n + 1n) % 10n}`);
  });
  it('a 16-digit decimal that a double prints as stays that decimal under a fraction bar (the simplifier\'s n x / 10^k)', () => {
    // 0.2158037573099136 = 16859668539837 / 78125000000000, a product of the decimals of two colour matrices
    const e = mul(num(16859668539837), sym('x'), { k: 'pow', base: num(78125000000000), exp: num(-1) });
    assert.equal(withNumberStyle('decimal', () => toMathjs(e)), '0.2158037573099136*x');
    // a fraction with no such decimal stays a fraction
    assert.equal(withNumberStyle('decimal', () => toMathjs(mul(num(2), sym('x'), { k: 'pow', base: num(3), exp: num(-1) }))), '2*x/3');
  });
  it('numbers the user wrote fold exactly: 3 * 0.005 = 0.015 and 0.1 + 0.2 = 0.3', () => {
    assert.deepEqual(mul(num(3), num(0.005)), num(0.015));
    assert.deepEqual(add(num(0.1), num(0.2)), num(0.3));
  });
  it('q - 0.005 q^3 in code: det J reads 1 - 0.015 q^2, not a fraction over 10^18', () => {
    const t = code('export function warp(p: number, q: number): [number, number] {\n  const k = 0.1 * 0.15;\n  return [p, q - k * q ** 3 / 3 - 0.005 * q ** 3];\n}\n');
    for (const f of forms(t)) assert.doesNotMatch(f, NOISE, f);
    assert.ok(t.det.length <= '1 - 0.03*q^2'.length, t.det);
    assert.ok(equalAt(t.det, '1 - 0.03*q^2', ['p', 'q'], [0.3, 1.7]), t.det);
  });
  it('decimals stay decimals in the whole formula: tanh(0.8 z1) has J entry 0.8 sech(0.8 z1)^2, no 4/5', () => {
    const t = transform('f(z1, z2) = (z1, tanh(0.8 z1) + z2 + z1/10)');
    for (const f of forms(t)) assert.doesNotMatch(f, /\d\/\d|\\frac\{\d+\}\{\d+\}/, f);
    assert.ok(equalAt(t.jacobian[1][0], '0.8*(1 - tanh(0.8*z1)^2) + 0.1', ['z1', 'z2'], [0.4, 1]));
  });
  it('the two-link arm with l2 = 0.7: det J reads 0.7 sin(t2)', () => {
    const t = transform('arm(t1, t2) = (cos(t1) + 0.7 cos(t1 + t2), sin(t1) + 0.7 sin(t1 + t2))');
    assert.doesNotMatch(t.det, /\//, t.det);
    assert.ok(equalAt(t.det, '0.7*sin(t2)', ['t1', 't2'], [0.3, 1.1]));
    assert.doesNotMatch(t.detLatex, /frac/, t.detLatex);
  });
  it('code keeps its decimals: 0.5 * r * Math.cos(phi) reads 0.5 in the map, J, det J 0.25 r, in both printers', () => {
    const [t, s] = analyzeDocument('export function halfPolar(r: number, phi: number) {\n  return [0.5 * r * Math.cos(phi), 0.5 * r * Math.sin(phi)];\n}\nexport function shear(x: number, y: number) {\n  return [x / 0.4, 2.5 * y + 0.2 * x];\n}\n', 'typescript', 't.ts').transforms;
    for (const u of [t, s]) {
      const all = [...forms(u), ...u.latex.components, ...(u.inverse ? [...u.inverse.components, ...u.inverse.latex] : []), ...(u.where?.defs ?? []).map((w) => w.value)];
      for (const f of all) assert.doesNotMatch(f, /\d\/\d|\\frac\{\d+\}\{\d+\}/, f);
    }
    assert.match(t.components[0], /0\.5/);
    assert.ok(equalAt(t.det, '0.25*r', ['r', 'phi'], [1.3, 0.4]), t.det);
    assert.match(t.det, /0\.25/);
    assert.match(s.det, /^6\.25$/);
  });
  it('fractions stay fractions: x/3 + y/2 has J entries 1/3 and 1/2', () => {
    const t = transform('h(x, y) = (x/3 + y/2, y)');
    assert.doesNotMatch([...t.jacobian.flat(), t.det].join(' '), /\d\.\d/);
    assert.ok(equalAt(t.det, '1/3', ['x', 'y'], [0, 0]));
  });
  it('a piecewise map is one formula: the leaky ReLU with slope 0.1 reads det J = 0.1, in every piece', () => {
    const t = analyzeDocument('$$f(x) = \\begin{cases} x & x \\ge 0 \\\\ 0.1 x & x < 0 \\end{cases}$$\n', 'markdown', 'n.md').transforms[0];
    assert.ok(t.pieces && t.pieces.length === 2, 'read as two pieces');
    for (const d of [t.det, ...t.pieces.map((p) => p.det)]) assert.doesNotMatch(d, /\d\/\d/, `det ${d} in the note's decimal style`);
    assert.ok(equalAt(t.pieces[1].det, '0.1', ['x'], [-1]));
  });
  it('square roots in a fraction formula: det J of (sqrt(u), sqrt(u + v)) is 1/(4 sqrt(u) sqrt(u + v)), no 0.25 or 0.5', () => {
    const t = transform('r(u, v) = (sqrt(u), sqrt(u + v))');
    for (const f of [t.det, ...t.jacobian.flat(), t.detLatex]) assert.doesNotMatch(f, /\d\.\d/, f);
    assert.ok(equalAt(t.det, '0.25/(sqrt(u)*sqrt(u + v))', ['u', 'v'], [0.7, 1.3]));
  });
  it('a rational power differentiates to its exact exponent: (5/11)-th powers read 5/(11 a^(6/11)), det J 25/(121 a^(6/11) b^(6/11))', () => {
    const t = transform('p(a, b) = (a^(5/11), b^(5/11))');
    for (const f of [t.det, ...t.jacobian.flat()]) assert.doesNotMatch(f, /5\/11 - 1|\^\(-|\d\^\d/, f);
    assert.match(t.det, /^25\/\(121\*/);
    assert.ok(equalAt(t.det, '25/121*a^(-6/11)*b^(-6/11)', ['a', 'b'], [0.4, 1.9]));
    assert.ok(equalAt(t.jacobian[0][0], '5/11*a^(-6/11)', ['a', 'b'], [0.4, 1.9]));
  });
  it('a decimal formula writes a constant without a terminating decimal as a short decimal over an integer (0.6/3), never 0.19999…', () => {
    const t = transform('c(p, q) = ((0.6 p + 0.3 q)^(1/3), cbrt(q))');
    const all = [t.det, ...t.jacobian.flat(), t.detLatex, ...t.latex.jacobian.flat()];
    for (const f of all) { assert.doesNotMatch(f, NOISE, f); assert.doesNotMatch(f, /1\/3 - 1/, f); }
    assert.match(t.jacobian[0][1], /0\.3\/\(3\*|0\.1\//, t.jacobian[0][1]);
    assert.ok(equalAt(t.det, '0.6/(9*(0.6*p + 0.3*q)^(2/3)*q^(2/3))', ['p', 'q'], [0.5, 0.8]));
  });
  it('a negative coefficient over an integer keeps its divisor in both printers', () => {
    withNumberStyle('decimal', () => {
      const e = mul(num(-0.32 / 27), sym('x'));
      assert.equal(toMathjs(e), '-0.32*x/27');
      assert.equal(toLatex(e), '-\\frac{0.32 x}{27}');
      assert.equal(toMathjs(num(0.4 / 3)), '0.4/3');
      assert.equal(toMathjs(add(sym('y'), mul(num(0.4 / 3), sym('x')))), 'y + 0.4*x/3');
    });
  });
  it('a decimal formula keeps its decimals inside a sum: no tiny factor such as 2e-7 taken out in front of big integers', () => {
    // a small residual network: det J's coefficients are products of the written decimals
    const t = transform('res(x, y) = (x + 0.13 tanh(0.51 x + 0.37 y), y + 0.21 tanh(0.73 x - 0.29 y))');
    for (const s of [t.det, t.where?.det ?? '', t.logDet ?? '']) {
      assert.doesNotMatch(s, /\de-\d/, s);
      assert.doesNotMatch(s, /(?<![.\d])\d{5,}/, s);
    }
    const [[a, b], [c, d]] = t.jacobian;
    for (const p of [[0.3, -0.7], [1.1, 0.4]]) assert.ok(equalAt(t.det, `(${a})*(${d}) - (${b})*(${c})`, ['x', 'y'], p));
  });
});
