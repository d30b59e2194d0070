/**
 * Code as colour and geometry sample code writes it, each form with an example of our own:
 * NaN where a map has no value, arrays written out of order, a product helper the script uses
 * without defining it, a product helper written for any shape (Array.isArray, `x || 0`),
 * objects without a property destructured, strings by default, a parameter passed whole to a
 * helper that destructures an object, intersections and generic aliases of parameter types.
 */
import * as assert from 'node:assert/strict';
import { analyzeLines, analyzeWorkspace, assertDet, byName } from '../helpers/code';
import { ReadBudget } from '../../../src/core/limits';
import { parseTypeScript } from '../../../src/core/parse/typescript';

describe('code as sample scripts write it', () => {
  it('NaN where the map has no value (a hue of a grey) makes that way no part of the map', () => {
    const r = analyzeLines([
      'function toPolar(p) {',
      '  let hue = Math.atan2(p[2], p[1]);',
      '  const chroma = Math.hypot(p[1], p[2]);',
      '  if (chroma <= 1e-6) hue = NaN;',
      '  return [p[0], chroma, hue];',
      '}',
    ]);
    assertDet(byName(r, 'toPolar'), ['p0', 'p1', 'p2'], '1 / sqrt(p1^2 + p2^2)');
    assert.deepEqual(r.diagnostics, []);
  });

  it('an array written out of order (f[1] before f[0]) is read; a hole read is said at its use', () => {
    const r = analyzeLines([
      'function unwarp(v) {',
      '  const f = [];',
      '  f[1] = (v[0] + 2) / 3;',
      '  f[0] = v[1] / 5 + f[1];',
      '  f[2] = f[1] - v[2] / 7;',
      '  return [f[0] ** 3, f[1] ** 3, f[2] ** 3];',
      '}',
      'function holey(v) {',
      '  const f = [];',
      '  f[2] = v[0] * v[1];',
      '  return [f[0] * v[0], f[2] + v[1]];',
      '}',
    ]);
    // f = ((v0 + 2)/3 + v1/5, (v0 + 2)/3, (v0 + 2)/3 - v2/7), det J_f = 1/105; the cubes give 27 f0² f1² f2²
    const f0 = '((v0 + 2) / 3 + v1 / 5)', f1 = '((v0 + 2) / 3)', f2 = '((v0 + 2) / 3 - v2 / 7)';
    assertDet(byName(r, 'unwarp'), ['v0', 'v1', 'v2'], `27 * ${f0}^2 * ${f1}^2 * ${f2}^2 / 105`);
    assert.ok(!r.transforms.some((t) => t.name === 'holey'));
    const d = r.diagnostics.find((x) => x.message.includes('holey'));
    assert.ok(d && /undefined here/.test(d.message) && d.range.start.line === 10, JSON.stringify(r.diagnostics));
  });

  it('a product helper used without being defined (multiplyMatrices of a script loaded beside it) is M·v', () => {
    const r = analyzeLines([
      'function toXyz(rgb) {',
      '  var M = [',
      '    [2, 1, 0],',
      '    [0, 1, 0],',
      '    [1, 0, 3],',
      '  ];',
      '  return multiplyMatrices(M, rgb);',
      '}',
      'function other(rgb) {',
      '  var M = [[2, 1], [0, 1]];',
      '  return applyMagic(M, rgb);',
      '}',
    ]);
    const t = byName(r, 'toXyz');
    assertDet(t, ['rgb0', 'rgb1', 'rgb2'], '6', { components: ['2 * rgb0 + rgb1', 'rgb1', 'rgb0 + 3 * rgb2'] });
    assert.ok(t.assumed?.some((a) => /multiplyMatrices is taken to be the product/.test(a) && /not defined in this file/.test(a)));
    // a name that says nothing of a product stays what it was: not defined, no map
    assert.ok(!r.transforms.some((x) => x.name === 'other'));
  });

  it('a product helper of the file written for any shape (Array.isArray, col[i] || 0) is read through', () => {
    const r = analyzeLines([
      'function multiply(A, B) {',
      '  if (!Array.isArray(B[0])) B = B.map((x) => [x]);',
      '  const cols = B[0].map((_, i) => B.map((x) => x[i]));',
      '  const out = A.map((row) => cols.map((col) => row.reduce((a, c, i) => a + c * (col[i] || 0), 0)));',
      '  return out.map((x) => x[0]);',
      '}',
      'const SHEAR = [[1, 2, 0], [0, 1, 0], [0, 0, 4]];',
      'export function shear(v) { return multiply(SHEAR, v); }',
    ]);
    const t = byName(r, 'shear');
    assertDet(t, ['v0', 'v1', 'v2'], '4', { components: ['v0 + 2 * v1', 'v1', '4 * v2'] });
    assert.equal(t.pieces, undefined);
  });

  it('an object without a property destructured gives undefined; a string by default is a label', () => {
    const r = analyzeLines([
      "const toRgb = ({ r, g, b, alpha }, mode = 'rgb') => {",
      '  const res = { mode, r: r * r, g: g + r, b: 2 * b };',
      '  if (alpha !== undefined) res.alpha = alpha;',
      '  return res;',
      '};',
      'export const fromXyz = ({ x, y, z, alpha }) => {',
      '  const res = toRgb({ r: x + y, g: y, b: z - x });',
      '  if (alpha !== undefined) res.alpha = alpha;',
      '  return res;',
      '};',
    ]);
    assertDet(byName(r, 'fromXyz'), ['x', 'y', 'z'], '4 * (x + y)', { components: ['(x + y)^2', 'x + 2 * y', '2 * (z - x)'] });
    assert.deepEqual(r.diagnostics, []);
  });

  it('a parameter passed whole to a helper that destructures an object is that object', () => {
    const r = analyzeWorkspace({
      'xyz.js': [
        'const toXyz = ({ l, a, b, alpha }) => {',
        "  const res = { mode: 'xyz', x: l + a * a, y: l, z: l - b / 2 };",
        '  if (alpha !== undefined) res.alpha = alpha;',
        '  return res;',
        '};',
        'export default toXyz;',
      ],
      'main.js': [
        "import toXyz from './xyz.js';",
        'const toRgb = ({ x, y, z }) => ({ r: 2 * x - y, g: y * y, b: z + x });',
        "export const labToRgb = (lab) => { const res = toRgb(toXyz(lab)); res.mode = 'rgb'; return res; };",
      ],
    });
    // (l + 2a², l², 2l - b/2 + a²): J = [[1, 4a, 0], [2l, 0, 0], [2, 2a, -1/2]], det = -1/2 (0 - 8al) = 4al
    assertDet(byName(r, 'labToRgb'), ['l', 'a', 'b'], '4 * a * l', { components: ['l + 2 * a^2', 'l^2', '2 * l - b / 2 + a^2'] });
  });

  it('parameter types made of intersections and generic aliases, also imported, type their fields', () => {
    const r = analyzeWorkspace({
      'kinds.ts': [
        'export type Polar = { r: number; t: number };',
        'export interface Flat { u: number; v: number }',
        'type WithWeight<O> = O & { w: number };',
        'export type WeightedPolar = WithWeight<Polar>;',
        'export type WeightedFlat = Flat & { weight: number };',
      ],
      'main.ts': [
        "import { WeightedPolar, WeightedFlat } from './kinds';",
        'export const unroll = ({ r, t, w }: WeightedPolar) => ({ x: r * Math.cos(t), y: r * Math.sin(t), w });',
        'export const lift = (p: WeightedFlat) => ({ r: Math.hypot(p.u, p.v), t: Math.atan2(p.v, p.u), weight: p.weight });',
      ],
    }, 'main.ts');
    // (the weight is carried through; with two other channels it stays a variable)
    assertDet(byName(r, 'unroll'), ['r', 't', 'w'], 'r');
    assertDet(byName(r, 'lift'), ['u', 'v', 'weight'], '1 / sqrt(u^2 + v^2)');
    assert.deepEqual(r.diagnostics, []);
  });

  it('a clamp that brings an angle into one turn and clamps the rest is no map', () => {
    const r = analyzeLines([
      'const clamp = (x, lo = 0, hi = 1) => (x > hi ? hi : x > lo ? x : lo);',
      'const wrapTurn = (deg) => { deg = deg % 360; return deg < 0 ? deg + 360 : deg; };',
      'export const tidy = ({ h, s, v }) => ({ h: wrapTurn(h), s: clamp(s, 0, 100), v: clamp(v, 0, 100) });',
    ]);
    assert.deepEqual(r.transforms.map((t) => t.name), []);
    assert.deepEqual(r.diagnostics, []);
  });

  it('a vector library in JSDoc: {Number} is a number, {ReadonlyQuat} an array; points combined entry by entry with other points are no maps', () => {
    const r = analyzeLines([
      '/**',
      ' * @param {vec2} out',
      ' * @param {ReadonlyVec2} a',
      ' * @param {ReadonlyVec2} c the centre',
      ' * @param {Number} angle',
      ' * @returns {vec2} out',
      ' */',
      'export function spin(out, a, c, angle) {',
      '  const dx = a[0] - c[0], dy = a[1] - c[1];',
      '  out[0] = dx * Math.cos(angle) - dy * Math.sin(angle) + c[0];',
      '  out[1] = dx * Math.sin(angle) + dy * Math.cos(angle) + c[1];',
      '  return out;',
      '}',
      '/**',
      ' * @param {vec3} out',
      ' * @param {ReadonlyVec3} a',
      ' * @param {ReadonlyQuat} q',
      ' * @returns {vec3} out',
      ' */',
      'export function twist(out, a, q) {',
      '  out[0] = a[0] + q[3] * a[1];',
      '  out[1] = a[1] + q[0] * a[2];',
      '  out[2] = a[2] * q[1];',
      '  return out;',
      '}',
      '/** @param {vec2} out @param {ReadonlyVec2} a @param {ReadonlyVec2} b @param {Number} t @returns {vec2} out */',
      'export function mix(out, a, b, t) { out[0] = a[0] + t * (b[0] - a[0]); out[1] = a[1] + t * (b[1] - a[1]); return out; }',
      '/** @param {vec2} out @param {ReadonlyVec2} a @param {Number} s @returns {vec2} out */',
      'export function grow(out, a, s) { out[0] = a[0] * s; out[1] = a[1] * s; return out; }',
      'export function plus(out, a, b) { out[0] = a[0] + b[0]; out[1] = a[1] + b[1]; return out; }',
    ]);
    const symbols = { q0: 0.3, q1: 0.7, q3: -1.2, c0: 0.5, c1: -0.4, angle: 0.9 };
    assertDet(byName(r, 'spin'), ['a0', 'a1'], '1', { symbols });
    assertDet(byName(r, 'twist'), ['a0', 'a1', 'a2'], 'q1', { symbols });
    // (a point times a number stays a linear map of it, det s²)
    assertDet(byName(r, 'grow'), ['a0', 'a1'], 's^2', { symbols: { s: 1.3 } });
    assert.deepEqual(r.transforms.map((t) => t.name).sort(), ['grow', 'spin', 'twist']);
    assert.deepEqual(r.diagnostics, []);
  });

  it('p5.js in instance mode: p.sin, p.sq, p.TWO_PI on the sketch\'s parameter are p5\'s math; p.angleMode(p.DEGREES) stops its trigonometry', () => {
    const r = analyzeLines([
      'const sketch = (p) => {',
      '  const bend = (x, y) => [x + 0.5 * p.sin(y), y - p.sq(x) / p.TWO_PI];',
      '  p.setup = () => { p.createCanvas(200, 200); };',
      '};',
      'new p5(sketch);',
      'const tilted = (s) => {',
      '  s.setup = () => { s.angleMode(s.DEGREES); };',
      '  const turn = (r, a) => [r * s.cos(a), r * s.sin(a)];',
      '};',
      'function helper(q) { const f = (x, y) => [q.sin(x) * y, q.cos(y) * x]; return f; }',
    ]);
    const t = byName(r, 'bend');
    assertDet(t, ['x', 'y'], '1 + 0.5 * cos(y) * x / pi', { components: ['x + 0.5 * sin(y)', 'y - x^2 / (2 * pi)'] });
    assert.ok(t.assumed?.some((a) => /p is the sketch's p5 instance/.test(a)));
    // the same names on a parameter that is no sketch stay the factory's symbols
    const h = byName(r, 'helper');
    assert.ok(!(h.assumed ?? []).some((a) => /p5/.test(a)) && h.unknownFunctions.length > 0, JSON.stringify(h.assumed));
    const d = r.diagnostics.find((x) => x.message.includes('turn'));
    assert.ok(d && /takes degrees/.test(d.message), JSON.stringify(r.diagnostics));

  });

  it('a property written only off a set of measure zero (if (c) res.h = …) keeps the keys, so an alpha carried along is left out', () => {
    const r = analyzeLines([
      "const toPolar = ({ l, u, v, alpha }, mode = 'polar') => {",
      '  const c = Math.hypot(u, v);',
      '  const res = { mode, l, c };',
      '  if (c) res.h = Math.atan2(v, u);',
      '  if (alpha !== undefined) res.alpha = alpha;',
      '  return res;',
      '};',
    ]);
    const t = byName(r, 'toPolar');
    assertDet(t, ['l', 'u', 'v'], '1 / sqrt(u^2 + v^2)');
    assert.ok(t.assumed?.some((a) => /alpha is carried through/.test(a)));
  });

  it('a condition in arithmetic is 1 where it holds and 0 elsewhere ((g < b) * 6)', () => {
    const r = analyzeLines([
      'export function sector(g, b, k) {',
      '  return [g - b + (g < b) * 6, b * k, k + g];',
      '}',
    ]);
    const t = byName(r, 'sector');
    assert.ok(t.pieces && t.pieces.length === 2, JSON.stringify(t.pieces?.map((p) => p.written)));
    // both ways: J = [[1, -1, 0], [0, k, b], [1, 0, 1]], det = k + b… = 1·(k·1 − 0) − (−1)(0 − b) = k − b
    assertDet(t, ['g', 'b', 'k'], 'k - b');
  });

  it('a vector library\'s product of two points (J depends on the other point) is no map; a turn about a centre is', () => {
    const r = analyzeLines([
      'export function wedge(out, a, b) {',
      '  out[0] = a[1] * b[2] - a[2] * b[1];',
      '  out[1] = a[2] * b[0] - a[0] * b[2];',
      '  out[2] = a[0] * b[1] - a[1] * b[0];',
      '  return out;',
      '}',
      'export function turnX(out, a, c, t) {',
      '  const y = a[1] - c[1], z = a[2] - c[2];',
      '  out[0] = a[0];',
      '  out[1] = y * Math.cos(t) - z * Math.sin(t) + c[1];',
      '  out[2] = y * Math.sin(t) + z * Math.cos(t) + c[2];',
      '  return out;',
      '}',
    ]);
    assertDet(byName(r, 'turnX'), ['a0', 'a1', 'a2'], '1', { symbols: { c1: 0.2, c2: -0.7, t: 0.4 } });
    assert.deepEqual(r.transforms.map((t) => t.name), ['turnX']);
    assert.deepEqual(r.diagnostics, []);
  });

  it('a rest parameter read at several sizes stops between them when the reading time is spent (a fake clock)', () => {
    // every reading of the clock takes 300 ms: the first function starts in time, its third size does not
    let now = 0;
    const budget = new ReadBudget({ ms: 1000 }, () => (now += 300));
    const r = parseTypeScript([
      'export const spin = (...args) => { const [r, t] = args; return [r * Math.cos(t), r * Math.sin(t)]; };',
      'export function later(x, y) { return [x * y, x + y]; }',
    ].join('\n'), { fileName: 'spin.js', budget });
    assert.deepEqual(r.transforms.map((t) => t.name), []);
    assert.equal(budget.stoppedAt?.line, 0);
  });
});
