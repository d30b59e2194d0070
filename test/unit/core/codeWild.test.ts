/**
 * Forms met in library code in the wild (projections, colour spaces, warps), each with a small
 * example of our own: what the reader must make of them, checked numerically.
 */
import * as assert from 'node:assert/strict';
import type { TransformReport } from '../../../src/core/report';
import { analyzeWorkspace, assertDet as checkDet, byName } from '../helpers/code';
import { maxRelativeDifference } from '../helpers/corpus';
import { cmp } from '../../../src/core/math/condition';
import { div, mul, num, pow, sym } from '../../../src/core/math/expr';
import { toMathjs, withNumberStyle } from '../../../src/core/math/print';

/** det J equal to the expected form at random domain points, symbolic constants set to `symbols`. */
const assertDet = (t: TransformReport, variables: string[], det: string, symbols: Record<string, number> = {}): void => checkDet(t, variables, det, { symbols });

/** A math module as projection libraries write one: Math aliases, constants, guarded helpers. */
const HELPERS = [
  'export var abs = Math.abs;',
  'export var cos = Math.cos;',
  'export var sin = Math.sin;',
  'export var pi = Math.PI;',
  'export var halfPi = pi / 2;',
  'export function sqrt(t) { return t > 0 ? Math.sqrt(t) : 0; }',
  'export function asin(t) { return t > 1 ? halfPi : t < -1 ? -halfPi : Math.asin(t); }',
].join('\n');

describe('code in the wild: constants and printing', () => {
  it('pi imported from a math module of the workspace stays pi (not 3.14159…), and a guard on a constant is decided', () => {
    const r = analyzeWorkspace({
      'util.js': HELPERS,
      'main.js': [
        'import { abs, pi, sqrt } from "./util.js";',
        'export function squash(s, t) {',
        '  var c = sqrt(5 / (2 * pi));',
        '  return [c * s * (2 - abs(t) / pi), c * t];',
        '}',
      ].join('\n'),
    });
    const t = byName(r, 'squash');
    assert.ok(/pi/.test(t.components[0]) && !/3\.14/.test(t.components.join(' ') + t.det), `${t.components} ; ${t.det}`);
    // sqrt(5/(2 pi)) > 0 is known while reading: one formula, not a piece where c = 0
    assert.equal(t.pieces, undefined, 'no pieces');
    assertDet(t, ['s', 't'], '5/(2*pi) * (2 - abs(t)/pi)');
    assert.deepEqual(r.diagnostics, []);
  });

  it('comparisons of two constants are decided; a variable or an unknown keeps them', () => {
    assert.deepEqual(cmp('>', div(num(8), mul(num(3), sym('pi'))), num(0)), { k: 'bool', v: true });
    assert.deepEqual(cmp('<', pow(sym('e'), num(2)), num(7)), { k: 'bool', v: false });
    assert.equal(cmp('>', div(num(8), sym('k')), num(0)).k, 'cmp');
    assert.equal(cmp('>', sym('x'), num(0)).k, 'cmp');
  });

  it('a number divided by a zero factor prints as written, not as an internal error', () => {
    const e = mul(sym('x'), pow(num(0), num(-1)));
    assert.equal(withNumberStyle('decimal', () => toMathjs(e)), 'x/0');
  });
});

describe('code in the wild: statements as minified-style libraries write them', () => {
  it('assignments joined by commas (`u *= 2, v *= 3;`) are read in order', () => {
    const r = analyzeWorkspace({ 'main.js': 'export function stretch(u, v) {\n  u *= 2, v *= 3;\n  return [u + v, u * v];\n}\n' });
    // (2u + 3v, 6uv): det = 2*6u - 3*6v
    assertDet(byName(r, 'stretch'), ['u', 'v'], '12*u - 18*v');
    assert.deepEqual(r.diagnostics, []);
  });

  it('a var is the function\'s from its first line: used in its own initializer, assigned before its declaration', () => {
    const r = analyzeWorkspace({
      'main.js': [
        'export function square(p, q) {',
        '  var s = (s = q - 1) * s;',
        '  return [p * s, q];',
        '}',
        'square.invert = function (a, b) {',
        '  if ((m = Math.abs(b)) < 1) return [a / m, b];',
        '  var n = 2, m;',
        '  return [a * m * n, b];',
        '};',
      ].join('\n'),
    });
    assertDet(byName(r, 'square'), ['p', 'q'], '(q - 1)^2');
    const inv = byName(r, 'square.invert');
    assert.equal(inv.pieces?.length, 2, 'two ways through the function');
    assert.deepEqual(r.diagnostics, []);
  });

  it('a map a factory defines by name and returns is named after the factory, its invert too', () => {
    const r = analyzeWorkspace({
      'main.js': [
        'export function bentRaw(k) {',
        '  function forward(x, y) { return [x * Math.cos(k * y), y]; }',
        '  forward.invert = function (u, v) { return [u / Math.cos(k * v), v]; };',
        '  return forward;',
        '}',
        'export default function (k) {',
        '  function turn(x, y) { return [x * Math.cos(k) - y * Math.sin(k), x * Math.sin(k) + y * Math.cos(k)]; }',
        '  return turn;',
        '}',
        'export function helper(k) {',
        '  function inner(x, y) { return [x + k * y, y]; }',
        '  return [inner(1, 2)[0], k];',
        '}',
      ].join('\n'),
    });
    assertDet(byName(r, 'bentRaw'), ['x', 'y'], 'cos(k*y)', { k: 0.7 });
    assertDet(byName(r, 'bentRaw.invert'), ['u', 'v'], '1/cos(k*v)', { k: 0.7 });
    // a nested map that its function does not return keeps its own name, and so does the map
    // of an anonymous default export
    byName(r, 'inner');
    byName(r, 'turn');
    assert.ok(!r.transforms.some((t) => t.name === 'forward' || t.name === 'forward.invert'));
  });
});

describe('code in the wild: the piece shown at the top level', () => {
  it('a clamped piece (det J = 0 where it applies) is not the map shown, though it covers more of the domain', () => {
    const r = analyzeWorkspace({
      'main.js': [
        'function clampedAsin(t) { return t > 1 ? Math.PI / 2 : t < -1 ? -Math.PI / 2 : Math.asin(t); }',
        'export function diskInvert(u, v) {',
        '  var z = Math.sqrt(u * u + v * v), c = clampedAsin(z), sc = Math.sin(c), cc = Math.cos(c);',
        '  return [Math.atan2(u * sc, z * cc), clampedAsin(z && v * sc / z)];',
        '}',
      ].join('\n'),
    });
    const t = byName(r, 'diskInvert');
    const main = t.pieces![t.mainPiece!];
    const outside = t.pieces!.find((p) => (p.share ?? 0) > main.share!);
    assert.ok(outside, 'the clamp covers more of the default domain');
    assert.equal(outside.det, '0');
    // inside the unit disk: the inverse of (cos y sin x, sin y), det J = 1/(sqrt(1 - u^2 - v^2) sqrt(1 - v^2))
    const inside: Array<[number, number]> = [[-0.6, 0.6], [-0.6, 0.6]];
    assert.ok(maxRelativeDifference(t.det, '1/(sqrt(1 - u^2 - v^2)*sqrt(1 - v^2))', ['u', 'v'], inside) < 1e-7, t.det);
    assert.match(t.notes.join('\n'), /not piece \d+, on more of the domain: there a component is constant or det J = 0/);
  });
});

describe('code in the wild: quiet code stays quiet', () => {
  it('a getter/setter that asks arguments.length, and a function returning a pair of points, get no diagnostic', () => {
    const r = analyzeWorkspace({
      'main.js': [
        'export function viewport() {',
        '  var left = null, top = 0, right = 1, bottom = 1;',
        '  var v = {};',
        '  v.bounds = function (b) {',
        '    return arguments.length ? ((left = +b[0][0], top = +b[0][1], right = +b[1][0], bottom = +b[1][1]), v) : left == null ? null : [[left, top], [right, bottom]];',
        '  };',
        '  v.size = function (w, h) {',
        '    return arguments.length ? (right = left + w, bottom = top + h, v) : [right - left, bottom - top];',
        '  };',
        '  return v;',
        '}',
        'export function corners(w, h) { var cx = w / 2, cy = h / 2; return [[-cx, -cy], [cx, cy]]; }',
      ].join('\n'),
    });
    assert.deepEqual(r.transforms.map((t) => t.name), []);
    assert.deepEqual(r.diagnostics, []);
  });
});

describe('code in the wild: colour conversions on objects of channels', () => {
  it('labels are not outputs, an optional channel carried through is left out, a property added later is an output', () => {
    const r = analyzeWorkspace({
      'main.js': [
        'const toOpponent = ({ r, g, b, opacity }) => {',
        '  if (r === undefined) r = 0;',
        '  const res = { space: "opp", o1: (r - g) / 2, o2: (r + g) / 4 - b / 2 };',
        '  res.o3 = (r + g + b) / 3;',
        '  if (opacity !== undefined) res.opacity = opacity;',
        '  return res;',
        '};',
        'export function fromOpponent({ o1, o2, o3, opacity }) {',
        '  let out = { space: "rgb" };',
        '  out.r = o3 + o1 + o2 * 2 / 3;',
        '  out.g = o3 - o1 + o2 * 2 / 3;',
        '  out.b = o3 - o2 * 4 / 3;',
        '  out.space = "rgb";',
        '  if (opacity !== undefined) out.opacity = opacity;',
        '  return out;',
        '}',
        'export default toOpponent;',
      ].join('\n'),
    });
    const to = byName(r, 'toOpponent');
    ['(r - g)/2', '(r + g)/4 - b/2', '(r + g + b)/3'].forEach((c, i) => assert.ok(maxRelativeDifference(to.components[i], c, ['r', 'g', 'b'], to.domain) < 1e-9, to.components[i]));
    // J = [[1/2, -1/2, 0], [1/4, 1/4, -1/2], [1/3, 1/3, 1/3]]
    assertDet(to, ['r', 'g', 'b'], '1/4');
    assert.match(to.assumed!.join('\n'), /opacity is carried through unchanged/);
    const from = byName(r, 'fromOpponent');
    assert.equal(from.components.length, 3);
    assertDet(from, ['o1', 'o2', 'o3'], '4');
    assert.deepEqual(r.diagnostics, []);
  });

  it('a channel used by the others is not carried through; nor is one that leaves a single variable', () => {
    const r = analyzeWorkspace({
      'main.js': [
        'export const tint = ({ v, w, k }) => ({ v: v * k, w: w + k, k });',
        'export const lone = ({ v, k }) => ({ v: v * v, k });',
      ].join('\n'),
    });
    assert.deepEqual(byName(r, 'tint').variables, ['v', 'w', 'k']);
    assert.deepEqual(byName(r, 'lone').variables, ['v', 'k']);
  });

  it('pieces that split the domain about evenly: the one of positive inputs is shown', () => {
    const r = analyzeWorkspace({
      'main.js': [
        'const EPS = 0.001;',
        'const lift = (t) => (t > EPS ? Math.cbrt(t) : 7.787 * t + 16 / 116);',
        'export function lightness(x, y) { return [lift(x) - lift(y), lift(y)]; }',
      ].join('\n'),
    });
    const t = byName(r, 'lightness');
    const inside: Array<[number, number]> = [[0.1, 1], [0.1, 1]];
    assert.ok(maxRelativeDifference(t.det, '1/(9*cbrt(x)^2*cbrt(y)^2)', ['x', 'y'], inside) < 1e-7, t.det);
  });
});

describe('code in the wild: spreads and too many pieces', () => {
  it('a spread of an array known while reading passes its entries (Math.hypot(...p))', () => {
    const r = analyzeWorkspace({
      'main.js': 'export function polar(p) {\n  const [u, v] = p;\n  return [Math.hypot(...p), Math.atan2(...[v, u])];\n}\n',
    });
    assertDet(byName(r, 'polar'), ['u', 'v'], '1/sqrt(u^2 + v^2)');
    assert.deepEqual(r.diagnostics, []);
  });

  it('components whose branches together pass 64 pieces: one info at the return, saying so', () => {
    // five pieces in each variable: 125 ways through the three components
    const steps = (v: string) => `${v} > 1 ? 2 * ${v} : ${v} > 0.5 ? 3 * ${v} : ${v} > 0 ? 4 * ${v} : ${v} > -0.5 ? 5 * ${v} : 6 * ${v}`;
    const text = `export function ramps(x, y, z) {\n  const a = ${steps('x')}, b = ${steps('y')}, c = ${steps('z')};\n  return [a + b, b - c, c * a];\n}\n`;
    const r = analyzeWorkspace({ 'main.js': text });
    assert.deepEqual(r.transforms, []);
    assert.equal(r.diagnostics.length, 1);
    const d = r.diagnostics[0];
    assert.equal(d.severity, 'info');
    assert.match(d.message, /more than 64 pieces/);
    assert.doesNotMatch(d.message, /one number per variable/);
    assert.equal(d.range.start.line, 2, 'at the return');
  });
});

describe('code in the wild: factories called with fewer arguments', () => {
  /** A factory with an optional last coefficient and an inverse it attaches to the map it returns. */
  const FACTORY = [
    'export default function (p, q, r) {',
    '  if (arguments.length < 3) r = 0;',
    '  function forward(u, v) { return [p * u * Math.cos(v), q * v + r * v * v]; }',
    '  forward.invert = function (x, y) { return [x / p, y / q]; };',
    '  return forward;',
    '}',
  ].join('\n');

  it('arguments.length is the call\'s count, and a property given to the returned map (forward.invert = …) changes none of its numbers', () => {
    const r = analyzeWorkspace({
      'family.js': FACTORY,
      'main.js': 'import family from "./family.js";\nexport var shortRaw = family(2, 3);\nexport var longRaw = family(2, 3, 0.5);\n',
    });
    assertDet(byName(r, 'shortRaw'), ['u', 'v'], '6 * cos(v)');
    assertDet(byName(r, 'longRaw'), ['u', 'v'], '2 * cos(v) * (3 + v)');
    assert.deepEqual(r.diagnostics, []);
  });

  it('a parameter the call leaves out is undefined, as JavaScript passes it: a default by `=== undefined` applies, and what really stops the reading is said', () => {
    const r = analyzeWorkspace({
      'solve.js': [
        'export function start(g, y, x) { x = x === undefined ? 1 : x; return g(x) * y; }',
        'export function iterate(g, y, x) {',
        '  x = x === undefined ? 0 : x;',
        '  do { x = x - (g(x) - y) / 2; } while (Math.abs(g(x) - y) > 1e-9);',
        '  return x;',
        '}',
      ].join('\n'),
      'main.js': [
        'import { start, iterate } from "./solve.js";',
        'export function scaled(a, b) { return [start(Math.exp, a), b + start((t) => t * t, b, 3)]; }',
        'export function inverse(a, b) { return [iterate(Math.sinh, a), iterate(Math.sinh, b)]; }',
      ].join('\n'),
    });
    assertDet(byName(r, 'scaled'), ['a', 'b'], 'exp(1) * 10');
    assert.equal(r.diagnostics.length, 1);
    assert.match(r.diagnostics[0].message, /^inverse\(a, b\) cannot be analysed .*a loop whose number of steps depends on the inputs.*\(in iterate, solve\.js line 4\)/);
    assert.doesNotMatch(r.diagnostics[0].message, /argument/);
  });
});

describe('code in the wild: inverses that give up outside their range, forwards that iterate', () => {
  it('a way that returns null (outside the range, or on a test of a number) is no part of a map of two numbers', () => {
    const r = analyzeWorkspace({
      'main.js': [
        'export function unsquash(u, v) {',
        '  var w = Math.abs(v);',
        '  if (Math.abs(w - 3) < 1e-9) return u ? null : [0, Math.sign(v)];',
        '  if (w > 3) return null;',
        '  u /= 2, v /= 3;',
        '  return [Math.exp(u), v * v * v + v];',
        '}',
      ].join('\n'),
    });
    const t = byName(r, 'unsquash');
    assertDet(t, ['u', 'v'], 'exp(u / 2) / 2 * ((v / 3) ^ 2 + 1 / 3)');
    assert.deepEqual(r.diagnostics, []);
  });

  it('a loop started at Infinity and run until the change is small gets one info at the loop, saying so', () => {
    const text = [
      'export function solveForward(a, b) {',
      '  var k = 2 * Math.sin(b);',
      '  for (var i = 0, step = Infinity; i < 8 && Math.abs(step) > 1e-9; i++) {',
      '    b -= step = (b + Math.sin(b) - k) / (1 + Math.cos(b));',
      '  }',
      '  return [a * Math.cos(b), Math.sin(b)];',
      '}',
      'export function smallest(a, b) { let best = Infinity; for (let i = 0; i < 3; i++) best = Math.min(best, a * i); return [best, b]; }',
    ].join('\n');
    const r = analyzeWorkspace({ 'main.js': text });
    assert.deepEqual(r.transforms, []);
    assert.equal(r.diagnostics.length, 1);
    const d = r.diagnostics[0];
    assert.match(d.message, /^solveForward\(a, b\) cannot be analysed .*a loop that runs until step is small/);
    assert.equal(d.range.start.line, 2);
  });
});

describe('code in the wild: colour conversions with a mode setting', () => {
  it('a string setting (mode = \'lab\') is a label, and a property added on one way only (if (c) res.h = …) is read on each way', () => {
    const r = analyzeWorkspace({
      'main.js': [
        'export const toRect = ({ j, m, k, opacity }, kind = "rect") => {',
        '  const res = { kind, j, p: m * Math.cos(k), q: m * Math.sin(k) };',
        '  if (opacity !== undefined) res.opacity = opacity;',
        '  return res;',
        '};',
        'export const toPolar = ({ j, p, q, opacity }, kind = `polar`) => {',
        '  let m = Math.hypot(p, q);',
        '  let res = { kind, j, m };',
        '  if (m) res.k = Math.atan2(q, p);',
        '  res.kind = kind;',
        '  if (opacity !== undefined) res.opacity = opacity;',
        '  return res;',
        '};',
      ].join('\n'),
    });
    // j is carried along too, but it is a coordinate: only the last channel, opacity, is left out (three remain)
    assertDet(byName(r, 'toRect'), ['j', 'm', 'k'], 'm');
    const polar = byName(r, 'toPolar');
    assert.ok(polar.variables.includes('p') && polar.variables.includes('q'), polar.variables.join());
    assertDet(polar, polar.variables, '1 / sqrt(p^2 + q^2)');
    assert.deepEqual(r.diagnostics, []);
  });
});

describe('code in the wild: a point passed whole through two conversions', () => {
  it('c => second(first(c)) with c an object of channels is no wrong composition: its variables are the first layer\'s, or nothing is said', () => {
    const first = 'export default ({ u, v, w }) => ({ kind: "lin", u: 2 * u, v: v + w, w: w * w * w + w });\n';
    const r = analyzeWorkspace({
      'first.js': first,
      'second.js': 'export default ({ u, v, w }) => ({ kind: "out", u: Math.exp(u), v: v, w: w });\n',
      'main.js': 'import first from "./first.js";\nimport second from "./second.js";\nconst both = (c) => second(first(c));\nexport default both;\n',
    });
    assert.deepEqual(r.diagnostics.filter((d) => d.severity !== 'info'), []);
    const t = r.transforms.find((x) => x.name === 'both');
    if (t) assertDet(t, ['u', 'v', 'w'], '2 * exp(2 * u) * (3 * w^2 + 1)');
  });
});

describe('code in the wild: arrays of any length stay quiet', () => {
  it('a solver over an array whose length it reads (v.length - 1) is no map of v0, v1 though it indexes v[0] and v[1]', () => {
    const r = analyzeWorkspace({
      'main.js': [
        'export const smooth = (v) => {',
        '  const n = v.length - 1;',
        '  const out = new Array(n + 1);',
        '  out[0] = v[0];',
        '  out[n] = v[n];',
        '  for (let i = 1; i < n; i++) out[i] = (v[i - 1] + 2 * v[i] + v[i + 1]) / 4;',
        '  return out;',
        '};',
        'export const pair = (p) => [p[0] * 2, p[1] + p[0]];',
      ].join('\n'),
    });
    assert.deepEqual(r.transforms.map((t) => t.name), ['pair']);
    assert.deepEqual(r.diagnostics, []);
  });
});
