/** Maps in code as libraries write them: each form with a small example of our own, and a workspace of several files. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TransformReport } from '../../../src/core/report';
import { workspaceFileReader } from '../../../src/node/workspaceFiles';
import { analyzeText, assertDet as checkDet, byName, withFolder } from '../helpers/code';
import { maxRelativeDifference } from '../helpers/corpus';

const WORKSPACE = path.resolve(__dirname, '../../../../test/fixtures/code/workspace');

const analyze = analyzeText;


/** Symbolic constants of the examples (`k`) take this value in numeric comparisons. */
const K = { k: 1.7 };

/** det J (and the components, when given) equal the expected forms at random points, det J in closed form. */
const assertDet = (t: TransformReport, variables: string[], det: string, components?: string[]): void => checkDet(t, variables, det, { components, symbols: K, symbolic: true });

describe('code as libraries write it: math helpers', () => {
  it('Math aliases: const { cos, sin } = Math, const abs = Math.abs, var pi = Math.PI', () => {
    const r = analyze([
      'const { cos, sin } = Math;',
      'const abs = Math.abs;',
      'var pi = Math.PI;',
      'export function wave(r, t) { return [r * cos(t) + abs(pi) * 0, r * sin(t)]; }',
    ].join('\n'));
    assertDet(byName(r, 'wave'), ['r', 't'], 'r');
    assert.deepEqual(r.diagnostics, []);
  });

  it('var pi = Math.PI is the number pi, printed as pi (also Math.PI next to it), not 3.14159… nor a parameter', () => {
    const r = analyze([
      'var pi = Math.PI;',
      'export function fromPolar(l, c, h) { return [l, c * Math.cos(h * pi / 180), c * Math.sin((h * Math.PI) / 180)]; }',
    ].join('\n'));
    const t = byName(r, 'fromPolar');
    assertDet(t, ['l', 'c', 'h'], 'c * pi / 180');
    const shown = t.components.join(' ') + ' ' + t.det + ' ' + t.jacobian.flat().join(' ');
    assert.ok(/pi/.test(t.det) && !/3\.14|0\.0174/.test(shown), shown);
    assert.deepEqual(t.parameters, {});
  });

  it('names imported from a module that cannot be read: Math functions and the usual constants, said in assumed', () => {
    const r = analyze('import { cos, sin, halfPi } from "./missing.js";\nexport function tilt(a, b) { return [a * cos(b - halfPi), sin(b)]; }\n');
    const t = byName(r, 'tilt');
    assertDet(t, ['a', 'b'], 'sin(b) cos(b)', ['a sin(b)', 'sin(b)']);
    // the names taken to be Math's from one module, in one line
    assert.equal(t.assumed?.length, 2);
    assert.match(t.assumed!.join('\n'), /cos, sin are taken to be Math\.cos, Math\.sin: "\.\/missing\.js"/);
    assert.match(t.assumed!.join('\n'), /halfPi is taken to be π\/2/);
    // a name that is not Math's stays an unknown function
    const u = byName(analyze('import { warp } from "./missing.js";\nexport function g(a, b) { return [warp(a) * 2, b]; }\n'), 'g');
    assert.deepEqual(u.unknownFunctions, ['warp']);
  });
});

describe('code as libraries write it: where maps are written', () => {
  it('a factory returning a map: its parameters are symbolic constants', () => {
    const r = analyze('export function mercatorish(k) {\n  return function (x, y) {\n    return [k * x, k * Math.log(Math.tan(Math.PI / 4 + y / 2))];\n  };\n}\n');
    const t = byName(r, 'mercatorish');
    assertDet(t, ['x', 'y'], 'k^2 / cos(y)');
    assert.deepEqual(t.freeSymbols, ['k']);
    assert.equal(t.range.start.line, 1, 'the returned function');
  });

  it('a factory parameter called as a function is an unknown function; a nested raw map reads the closure', () => {
    const r = analyze([
      'export function azimuthal(scale) {',
      '  const c = 2;',
      '  function raw(x, y) {',
      '    var k = scale(x * x + y * y);',
      '    return [c * k * x, c * k * y];',
      '  }',
      '  return raw;',
      '}',
    ].join('\n'));
    // the map the factory returns is named after the factory
    const t = byName(r, 'azimuthal');
    assert.deepEqual(t.unknownFunctions, ['scale']);
    assert.ok(t.detChecked);
  });

  it('f.invert = function (…) next to f, and export default (function and arrow)', () => {
    const r = analyze([
      'export function squeeze(x, y) { return [2 * x, y / 2 + x]; }',
      'squeeze.invert = function (u, v) { return [u / 2, 2 * (v - u / 2)]; };',
      'export default (p, q) => [p + q, p - q];',
    ].join('\n'));
    assertDet(byName(r, 'squeeze'), ['x', 'y'], '1');
    assertDet(byName(r, 'squeeze.invert'), ['u', 'v'], '1');
    assertDet(byName(r, 'default'), ['p', 'q'], '-2');
    assert.equal(byName(r, 'squeeze.invert').nameRange.start.line, 1);
    const d = analyze('export default function (x, y) { return [x * y, y]; }\n');
    assertDet(byName(d, 'default'), ['x', 'y'], 'y');
  });

  it('methods of an object literal passed to a call; a class method reading this.field (a symbolic constant)', () => {
    const r = analyze([
      'register({',
      '  id: "polar",',
      '  toPolar(v) { const [x, y] = v; return [Math.hypot(x, y), Math.atan2(y, x)]; },',
      '});',
      'class Spiral {',
      '  constructor() { this.turns = 2; }',
      '  apply(r, t) { return [r, t + this.turns * r]; }',
      '  grow(r, t) { this.turns += 1; return [r * 2, t]; }',
      '}',
    ].join('\n'));
    assertDet(byName(r, 'toPolar'), ['x', 'y'], '1 / sqrt(x^2 + y^2)');
    const s = byName(r, 'apply');
    assertDet(s, ['r', 't'], '1');
    assert.deepEqual(s.freeSymbols, ['turns']);
    assert.ok(!r.transforms.some((t) => t.name === 'grow'), 'a method that changes its object is not a map');
    assert.deepEqual(r.diagnostics, []);
  });

  it('a class method that does not use this is a map; numbers stay as the code wrote them', () => {
    const r = analyze('export class Warp {\n  shear(x: number, y: number): [number, number] { return [x + 0.25 * y, y * 1.5]; }\n  label(name: string) { return name + "!"; }\n}\n', 'warp.ts');
    const t = byName(r, 'shear');
    assertDet(t, ['x', 'y'], '1.5', ['x + y / 4', '3 y / 2']);
    assert.equal(t.det, '1.5');
    assert.match(t.jacobian.flat().join(' '), /0\.25/);
    assert.deepEqual(r.transforms.map((x) => x.name), ['shear']);
    assert.deepEqual(r.diagnostics, []);
  });

  it('a lazily initialised field is read as the field (the initialisation is not a map of the inputs)', () => {
    const r = analyze('export const space = {\n  fromBase(v) {\n    if (this.eps === undefined) { this.eps = 1e-5; }\n    const [l, a] = v;\n    return [l, a * 2];\n  },\n};\n');
    assertDet(byName(r, 'fromBase'), ['l', 'a'], '2');
  });
});

describe('code as libraries write it: parameters and bodies', () => {
  it('one array parameter: destructured in the body, read by index, or typed number[]', () => {
    const r = analyze([
      'function lab(v) { let [L, a, b] = v; return [L, a + b, a - b]; }',
      'function idx(p) { return [p[0] * 3, p[1] + p[0]]; }',
    ].join('\n'));
    assertDet(byName(r, 'lab'), ['L', 'a', 'b'], '-2');
    assertDet(byName(r, 'idx'), ['p0', 'p1'], '3');
    const ts = analyze('export function web(lonLat: number[]) { const k = 2; return [k * lonLat[0], Math.sinh(lonLat[1])]; }\n', 'web.ts');
    assertDet(byName(ts, 'web'), ['lonLat0', 'lonLat1'], '2 cosh(lonLat1)');
  });

  it('straight-line reassignment: let y = …; y = …, x *= k, and an assignment inside a call (left to right)', () => {
    const r = analyze([
      'function f(x, y) { let u = x * 2; u = u + y; x *= 3; return [u, x]; }',
      'function g(a, b) { return [a * Math.cos(b) / Math.cos(b /= 3), 3 * Math.sin(b)]; }',
      'function s(l, p) { var y; return y = Math.sin(p), [l * y, p]; }',
    ].join('\n'));
    assertDet(byName(r, 's'), ['l', 'p'], 'sin(p)', ['l sin(p)', 'p']);
    assertDet(byName(r, 'f'), ['x', 'y'], '-3', ['2x + y', '3x']);
    assertDet(byName(r, 'g'), ['a', 'b'], 'cos(b)', ['a cos(b) / cos(b/3)', '3 sin(b/3)']);
  });

  it('outputs written into a fresh local array: out[0] = …; return out', () => {
    const r = analyze('function h(x, y) { const out = [0, 0]; out[0] = x + y; out[1] = x * y; return out; }\n');
    assertDet(byName(r, 'h'), ['x', 'y'], 'x - y');
  });

  it('matrix helpers on constant 3x3 arrays: straight-line, a loop with constant bounds, and map', () => {
    const M = 'const M = [[2, 0, 1], [0, 1, 0], [1, 0, 3]];';
    const r = analyze([
      M,
      'function mul(m, v) { return [m[0][0] * v[0] + m[0][1] * v[1] + m[0][2] * v[2], m[1][0] * v[0] + m[1][1] * v[1] + m[1][2] * v[2], m[2][0] * v[0] + m[2][1] * v[1] + m[2][2] * v[2]]; }',
      'function mulLoop(m, v, out = [0, 0, 0]) { for (let i = 0; i < 3; i++) { out[i] = m[i][0] * v[0] + m[i][1] * v[1] + m[i][2] * v[2]; } return out; }',
      'function mulMap(m, v) { return m.map((row) => row.reduce((s, c, j) => s + c * v[j], 0)); }',
      'export function a(r, g, b) { return mul(M, [r, g, b]); }',
      'export function b(r, g, b) { const out = [0, 0, 0]; mulLoop(M, [r, g, b], out); return out.map((u) => u * 2); }',
      'export function c(r, g, b) { return mulMap(M, [r, g, b]); }',
    ].join('\n'));
    assertDet(byName(r, 'a'), ['r', 'g', 'b'], '5');
    assertDet(byName(r, 'b'), ['r', 'g', 'b'], '40');
    assertDet(byName(r, 'c'), ['r', 'g', 'b'], '5');
  });

  it('a product helper from a module that cannot be read, on constant 3x3 arrays: taken as M·v, in place updates and map, said in assumed', () => {
    const r = analyze([
      'import { mulMat3Vec } from "../vendor/linalg.js";',
      'import { warp } from "../vendor/other.js";',
      'const MIX = { forward: [[2, 0, 1], [0, 1, 0], [1, 0, 3]], back: [[1, 0, 0], [0, 2, 0], [0, 0, 1]] };',
      'export const space = {',
      '  fromBase(rgb) {',
      '    let lms = mulMat3Vec(rgb, MIX.forward);',
      '    lms[0] = Math.cbrt(lms[0]);',
      '    lms[1] = Math.cbrt(lms[1]);',
      '    lms[2] = Math.cbrt(lms[2]);',
      '    return mulMat3Vec(lms, MIX.back, lms);',
      '  },',
      '  toBase(v) { const w = mulMat3Vec(MIX.forward, v); return w.map((c) => c ** 3); },',
      '  viaOut(v) { const out = [0, 0, 0]; mulMat3Vec(v, MIX.back, out); return [out[0] * 2, out[1], out[2] + 1]; },',
      '  other(v) { return warp(v, MIX.back); },',
      '};',
    ].join('\n'));
    const u = ['2 rgb0 + rgb2', 'rgb1', 'rgb0 + 3 rgb2'];
    const from = byName(r, 'fromBase');
    assertDet(from, ['rgb0', 'rgb1', 'rgb2'], `10 / (27 * ${u.map((x) => `cbrt(${x})^2`).join(' * ')})`, [`cbrt(${u[0]})`, `2 cbrt(${u[1]})`, `cbrt(${u[2]})`]);
    assert.match(from.assumed!.join('\n'), /mulMat3Vec \(imported from "\.\.\/vendor\/linalg\.js"\) is taken to be the product of the 3×3 matrix and the vector, M·v/);
    assert.ok(!from.assumed!.some((a) => /kept symbolic/.test(a)), from.assumed!.join('\n'));
    const w = ['2 v0 + v2', 'v1', 'v0 + 3 v2'];
    assertDet(byName(r, 'toBase'), ['v0', 'v1', 'v2'], `135 * ${w.map((x) => `(${x})^2`).join(' * ')}`);
    const out = byName(r, 'viaOut');
    assertDet(out, ['v0', 'v1', 'v2'], '4', ['2 v0', '2 v1', 'v2 + 1']);
    assert.match(out.assumed!.join('\n'), /write the product into its last array argument too \(out\)/);
    // a helper whose name does not say it multiplies stays unknown: no map is made up
    assert.ok(!r.transforms.some((t) => t.name === 'other'));
  });

  it('branches are piecewise maps: if/return, ?: and clamps, with J and det J per piece', () => {
    const r = analyze([
      'export function fold(x, y) { if (x < 0) return [-x, y]; return [x, 2 * y]; }',
      'export function soft(x, y) { return [x > 1 ? 2 * x - 1 : x * x, y]; }',
      'export function clamp(x, y) { return [Math.max(-1, Math.min(1, x)), y * 3]; }',
    ].join('\n'));
    const fold = byName(r, 'fold');
    assert.equal(fold.pieces?.length, 2);
    assert.ok(maxRelativeDifference(fold.pieces![0].det, '-1', ['x', 'y'], fold.domain, K) < 1e-12);
    assert.ok(maxRelativeDifference(fold.pieces![1].det, '2', ['x', 'y'], fold.domain, K) < 1e-12);
    assert.equal(fold.pieces![0].condition, 'x < 0');
    assert.equal(fold.pieces![0].written, 'x < 0');
    assert.equal(fold.pieces![1].written, '!(x < 0)');
    const soft = byName(r, 'soft');
    assert.deepEqual(soft.pieces?.map((p) => p.condition), ['x > 1', 'x <= 1']);
    const clamp = byName(r, 'clamp');
    assert.equal(clamp.pieces?.length, 3);
    assertDet(clamp, ['x', 'y'], '3', ['x', '3 y']);
    assert.equal(clamp.pieces!.filter((p) => p.det === '0').length, 2, 'the saturated pieces have det J = 0');
  });

  it('a branch that returns null is not part of the map; a test on a function that is not read is assumed', () => {
    const r = analyze([
      'import { isMissing } from "./gone.js";',
      'export function toRect(v) {',
      '  let [l, c, h] = v;',
      '  let a = null, b = null;',
      '  if (!isMissing(h)) {',
      '    a = c * Math.cos(h);',
      '    b = c * Math.sin(h);',
      '  }',
      '  return [l, a, b];',
      '}',
    ].join('\n'));
    const t = byName(r, 'toRect');
    assertDet(t, ['l', 'c', 'h'], 'c');
    assert.match(t.assumed!.join('\n'), /isMissing\(h\) is taken to be false \(otherwise toRect returns no numbers\)/);
  });

  it('a constant component ([x, y, 0]) is a map with det J = 0', () => {
    assertDet(byName(analyze('export function flatten(x, y, z) { return [x, y, 0]; }\n'), 'flatten'), ['x', 'y', 'z'], '0');
  });

  it('functions of one number: only with the setting (or @transform)', () => {
    const text = 'export function cubic(x) { return x ** 3 + x; }\nexport function g(x: number): number { return Math.exp(x); }\n';
    assert.deepEqual(analyze(text, 'one.ts').transforms, []);
    const r = analyze(text, 'one.ts', { codeOneDimensional: true });
    assertDet(byName(r, 'cubic'), ['x'], '3 x^2 + 1');
    assertDet(byName(r, 'g'), ['x'], 'exp(x)');
  });

  it('one information diagnostic at the construct that stops a map-looking function; code that is not a map gets nothing', () => {
    const r = analyze([
      'export function steps(x, y) {',
      '  const k = Math.floor(x);',
      '  return [k + y, y * 2];',
      '}',
      'export function label(name, n) { return [name + ":", n]; }',
      'export function pack(a, b) { return { a, b }; }',
    ].join('\n'));
    assert.deepEqual(r.transforms, []);
    assert.equal(r.diagnostics.length, 1);
    const d = r.diagnostics[0];
    assert.equal(d.severity, 'info');
    assert.match(d.message, /^steps\(x, y\) cannot be analysed as a map R\^2 -> R\^2: Math\.floor is a step function/);
    assert.deepEqual([d.range.start.line, d.range.start.character, d.range.end.character], [1, 12, 25]);
  });
});

describe('code as libraries write it: the workspace\'s own modules', () => {
  const read = (f: string) => fs.readFileSync(path.join(WORKSPACE, f), 'utf8');

  it('helpers and constants imported from workspace files are inlined like local ones (re-exports followed)', () => {
    const file = path.join(WORKSPACE, 'projection.js');
    const r = analyze(read('projection.js'), file, {}, workspaceFileReader(WORKSPACE));
    const sin = byName(r, 'sinusoidalRaw');
    assertDet(sin, ['lambda', 'phi'], 'cos(phi)');
    assert.equal(sin.assumed, undefined, 'nothing assumed: ./trig.js was read');
    assertDet(byName(r, 'sinusoidalRaw.invert'), ['x', 'y'], '1 / cos(y)');
    const stretched = byName(r, 'stretchedRaw');
    assertDet(stretched, ['x', 'y'], '3 k cos(y)');
    // asin of trig.js is piecewise: the map is too, and its main piece is the arcsine
    const eq = byName(r, 'equalAreaRaw');
    assert.ok(eq.pieces && eq.pieces.length >= 2, 'the clamped asin makes pieces');
    assertDet(eq, ['lambda', 'phi'], 'cos(phi) / sqrt(1 - sin(phi)^2 / 4)');
    assert.deepEqual(r.diagnostics, []);
  });

  it('without access to the files, the same names are taken as Math\'s or kept symbolic, and said', () => {
    const r = analyze(read('projection.js'), path.join(WORKSPACE, 'projection.js'));
    const sin = byName(r, 'sinusoidalRaw');
    assertDet(sin, ['lambda', 'phi'], 'cos(phi)');
    assert.match(sin.assumed!.join('\n'), /cos is taken to be Math\.cos: "\.\/trig\.js" is not read here/);
  });

  it('imports outside the workspace folder are not read', () => {
    const r = analyze(read('projection.js'), path.join(WORKSPACE, 'projection.js'), {}, workspaceFileReader(path.join(WORKSPACE, 'nowhere')));
    assert.match(byName(r, 'sinusoidalRaw').assumed!.join('\n'), /cannot be read/);
  });

  it('a TypeScript colour space: an object literal passed to a constructor, a matrix helper with a loop, in-place cube roots', () => {
    const r = analyze(read('colour.ts'), path.join(WORKSPACE, 'colour.ts'), {}, workspaceFileReader(WORKSPACE));
    const t = byName(r, 'fromBase');
    // det = det(M) / (27 cbrt(l)^2 cbrt(m)^2 cbrt(s)^2) with (l, m, s) = M rgb
    const lms = ['0.4 rgb0 + 0.2 rgb1 + 0.1 rgb2', '0.1 rgb0 + 0.5 rgb1 + 0.2 rgb2', '0.1 rgb1 + 0.6 rgb2'];
    assertDet(t, ['rgb0', 'rgb1', 'rgb2'], `0.101 / (27 * ${lms.map((x) => `cbrt(${x})^2`).join(' * ')})`);
  });

  it('reading a workspace never runs it: a module whose top level writes a file is only read', () => {
    const marker = path.join(os.tmpdir(), `jacobian-lens-marker-${process.pid}.txt`);
    const saved = process.env.JACOBIAN_LENS_MARKER;
    process.env.JACOBIAN_LENS_MARKER = marker;
    try {
      const r = analyze(read('projection.js'), path.join(WORKSPACE, 'projection.js'), {}, workspaceFileReader(WORKSPACE));
      assertDet(byName(r, 'stretchedRaw'), ['x', 'y'], '3 k cos(y)');
      assert.equal(fs.existsSync(marker), false, 'the imported module\'s top level did not run');
      assert.equal(fs.existsSync(path.join(WORKSPACE, 'marker.txt')), false);
    } finally {
      if (saved === undefined) delete process.env.JACOBIAN_LENS_MARKER; else process.env.JACOBIAN_LENS_MARKER = saved;
    }
  });

  it('what stops a helper of another file is said at the call in the document, naming the file and line', () => {
    withFolder({ 'turns.js': '// wrap an angle\nexport function wrap(t) {\n  return t - 360 * Math.floor(t / 360);\n}\n' }, (dir) => {
      const text = 'import { wrap } from "./turns.js";\n\nexport function polar(x, y) {\n  const deg = wrap(Math.atan2(y, x) * 180 / Math.PI);\n  return [Math.hypot(x, y), deg];\n}\n';
      const r = analyze(text, path.join(dir, 'main.js'), {}, workspaceFileReader(dir));
      assert.deepEqual(r.transforms, []);
      assert.equal(r.diagnostics.length, 1);
      const d = r.diagnostics[0];
      assert.equal(d.severity, 'info');
      assert.match(d.message, /^polar\(x, y\) cannot be analysed as a map R\^2 -> R\^2: Math\.floor is a step function.*\(in wrap, turns\.js line 3\)$/);
      const call = text.split('\n')[3];
      assert.deepEqual([d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character], [3, call.indexOf('wrap('), 3, call.lastIndexOf(';')]);
    });
  });

  it('an array\'s size from a constant imported from another file: new Float64Array(N), for (i < N), a[(i + 1) % N]', () => {
    withFolder({ 'dims.ts': 'export const N = 3;\nexport const GAIN = [2, 0.5, 1.5];\n' }, (dir) => {
      const text = [
        'import { N, GAIN } from "./dims";',
        'export function squash(x: Float64Array): Float64Array {',
        '  const out = new Float64Array(N);',
        '  for (let i = 0; i < N; i++) out[i] = Math.tanh(x[i]) * GAIN[i] + x[(i + 1) % N];',
        '  return out;',
        '}',
        'export function cube(v: number[]) {',
        '  const out = new Array(N).fill(0);',
        '  for (let i = 0; i < N; i++) out[i] = v[i] ** 3 + v[i];',
        '  return out;',
        '}',
        // ordinary code with the same loop: one number out, quiet
        'export function total(v: number[]) { let s = 0; for (let i = 0; i < N; i++) s += v[i]; return s; }',
      ].join('\n');
      const r = analyze(text, path.join(dir, 'warp.ts'), {}, workspaceFileReader(dir));
      const sech2 = (x: string) => `(1 - tanh(${x})^2)`;
      assertDet(byName(r, 'squash'), ['x0', 'x1', 'x2'], `2 * 0.5 * 1.5 * ${sech2('x0')} * ${sech2('x1')} * ${sech2('x2')} + 1`,
        ['2 tanh(x0) + x1', '0.5 tanh(x1) + x2', '1.5 tanh(x2) + x0']);
      assertDet(byName(r, 'cube'), ['v0', 'v1', 'v2'], '(3 v0^2 + 1) (3 v1^2 + 1) (3 v2^2 + 1)');
      assert.deepEqual(r.transforms.map((t) => t.name).sort(), ['cube', 'squash']);
      assert.deepEqual(r.diagnostics, []);
      // the same with the constant in the file itself
      const local = analyze(text.replace('import { N, GAIN } from "./dims";', 'const N = 3;\nconst GAIN = [2, 0.5, 1.5];'), path.join(dir, 'local.ts'));
      assertDet(byName(local, 'cube'), ['v0', 'v1', 'v2'], '(3 v0^2 + 1) (3 v1^2 + 1) (3 v2^2 + 1)');
      assert.ok(byName(local, 'squash'));
    });
  });

  it('imports are bounded: a chain deeper than the limit is not followed, and said', () => {
    const chain = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`m${i}.js`, `export { k } from './m${i + 1}.js';\n`]));
    withFolder({ ...chain, 'm8.js': 'export const k = 5;\n' }, (dir) => {
      const text = 'import { k } from "./m0.js";\nexport function f(x, y) { return [k * x, y + x]; }\n';
      const t = byName(analyze(text, path.join(dir, 'main.js'), {}, workspaceFileReader(dir)), 'f');
      assert.deepEqual(t.freeSymbols, ['k']);
      assert.match(t.assumed!.join('\n'), /imports away/);
    });
  });

  it('imports are bounded in files and bytes: past 24 files, and a file too large, are not read, and said', () => {
    const many = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`c${i}.js`, `export const k${i} = ${i + 1};\n`]));
    withFolder({ ...many, 'big.js': `/*${' '.repeat(600 * 1024)}*/\nexport const huge = 7;\n` }, (dir) => {
      const names = Array.from({ length: 30 }, (_, i) => `k${i}`);
      const text = [
        'import { huge } from "./big.js";',
        ...names.map((k, i) => `import { ${k} } from "./c${i}.js";`),
        `export function f(x, y) { return [huge * y + (${names.join(' + ')}) * x, y]; }`,
      ].join('\n');
      const t = byName(analyze(text, path.join(dir, 'main.js'), {}, workspaceFileReader(dir)), 'f');
      const said = t.assumed!.join('\n');
      assert.match(said, /past the 24 files read for one document/);
      assert.match(said, /"\.\/big\.js" (is too large to read|cannot be read)/);
      // the first 24 constants are values, the others and huge stay symbolic
      assert.deepEqual([...t.freeSymbols].sort(), ['huge', 'k24', 'k25', 'k26', 'k27', 'k28', 'k29'].sort());
    });
  });
});

describe('code as vector libraries write it: out parameters', () => {
  const VEC = [
    'type vec2 = [number, number] | Float32Array;',
    'type ReadonlyVec2 = readonly [number, number] | Float32Array;',
    'type ReadonlyMat2 = readonly [number, number, number, number] | Float32Array;',
    'export function transformMat2(out: vec2, a: ReadonlyVec2, m: ReadonlyMat2): vec2 {',
    '  const x = a[0], y = a[1];',
    '  out[0] = m[0] * x + m[2] * y;',
    '  out[1] = m[1] * x + m[3] * y;',
    '  return out;',
    '}',
    'export function turn(out, a, origin, rad) {',
    '  const p = [];',
    '  p[0] = a[0] - origin[0];',
    '  p[1] = a[1] - origin[1];',
    '  out[0] = p[0] * Math.cos(rad) - p[1] * Math.sin(rad) + origin[0];',
    '  out[1] = p[0] * Math.sin(rad) + p[1] * Math.cos(rad) + origin[1];',
    '  return out;',
    '}',
    'export function bend(out, a) {',
    '  out[0] = a[0] + 0.25 * a[1] ** 3;',
    '  out[1] = a[1];',
    '  return out;',
    '}',
    // ordinary vector code: copies, setters, numbers, strings, steps
    'export function copy(out, a) { out[0] = a[0]; out[1] = a[1]; return out; }',
    'export function set(out, x, y) { out[0] = x; out[1] = y; return out; }',
    'export function dot(a, b) { return a[0] * b[0] + a[1] * b[1]; }',
    'export function floor(out, a) { out[0] = Math.floor(a[0]); out[1] = Math.floor(a[1]); return out; }',
    'export function str(a) { return "vec2(" + a[0] + ", " + a[1] + ")"; }',
    'export function zero(out) { out[0] = 0; out[1] = 0; return out; }',
  ].join('\n');

  it('(out, a, m): out written and returned, a the vector, the other arrays and numbers symbolic parameters (said in assumed)', () => {
    const r = analyze(VEC, 'vec2.ts');
    const t = byName(r, 'transformMat2');
    const m = { m0: 0.7, m1: -1.3, m2: 0.4, m3: 2.1 };
    assert.deepEqual(t.variables, ['a0', 'a1']);
    assert.ok(maxRelativeDifference(t.det, 'm0 m3 - m1 m2', t.variables, t.domain, m) < 1e-12, t.det);
    assert.ok(maxRelativeDifference(t.components[1], 'm1 a0 + m3 a1', t.variables, t.domain, m) < 1e-12, t.components[1]);
    assert.deepEqual([...t.freeSymbols].sort(), ['m0', 'm1', 'm2', 'm3']);
    assert.match(t.assumed!.join('\n'), /map of a, written into out and returned; symbolic parameters: m \(m0, m1, m2, m3\)$/);
    const turn = byName(r, 'turn');
    assert.ok(maxRelativeDifference(turn.det, '1', turn.variables, turn.domain, { origin0: 0.3, origin1: -1, rad: 0.8 }) < 1e-12, turn.det);
    assert.deepEqual([...turn.freeSymbols].sort(), ['origin0', 'origin1', 'rad']);
    assert.match(turn.assumed!.join('\n'), /symbolic parameters: origin \(origin0, origin1\), rad$/);
    assertDet(byName(r, 'bend'), ['a0', 'a1'], '1');
  });

  it('ordinary vector code stays quiet: copies, setters, dot products, strings and steps are not maps', () => {
    const r = analyze(VEC, 'vec2.ts');
    assert.deepEqual(r.transforms.map((t) => t.name).sort(), ['bend', 'transformMat2', 'turn']);
    assert.deepEqual(r.diagnostics, []);
  });
});

describe('code as a new user writes it: state arrays with a step, objects with number fields', () => {
  it('step(state, dt) returning a new state: a map of the state, dt a symbolic parameter (said in assumed)', () => {
    const r = analyze([
      'const G = 9.81;',
      'export function step(state: number[], dt: number): number[] {',
      '  const [theta, omega] = state;',
      '  return [theta + dt * omega, omega - dt * G * Math.sin(theta)];',
      '}',
      'export function drift(p, h) { return [p[0] + h * p[1], p[1]]; }',
      // ordinary code: one number out, or two arrays
      'export function energy(state: number[], m: number): number { return m * state[1] ** 2 / 2 - Math.cos(state[0]); }',
      'export function gap(a: number[], b: number[]) { return [a[0] - b[0], a[1] - b[1]]; }',
    ].join('\n'), 'physics.ts');
    const t = byName(r, 'step');
    assert.deepEqual(t.variables, ['theta', 'omega']);
    assert.ok(maxRelativeDifference(t.det, '1 + dt^2 * G * cos(theta)', t.variables, t.domain, { dt: 0.1, G: 9.81 }) < 1e-12, t.det);
    assert.deepEqual(t.freeSymbols, ['dt']);
    assert.match(t.assumed!.join('\n'), /step is read as a map of state; symbolic parameters: dt$/);
    assert.deepEqual(byName(r, 'drift').variables, ['p0', 'p1']);
    assert.deepEqual(r.transforms.map((x) => x.name).sort(), ['drift', 'step']);
    assert.deepEqual(r.diagnostics, []);
  });

  it('an object with number fields in and out, read by property (p: Point): Polar => ({ r: …, theta: … })', () => {
    const r = analyze([
      'interface Point { x: number; y: number }',
      'interface Polar { r: number; theta: number }',
      'export function toPolar(p: Point): Polar { return { r: Math.hypot(p.x, p.y), theta: Math.atan2(p.y, p.x) }; }',
      'export const shear = (p: Point): Point => ({ x: p.x + 0.5 * p.y, y: p.y });',
      'export function label(p: Point): string { return `${p.x},${p.y}`; }',
      'export function dist(a: Point, b: Point): number { return Math.hypot(a.x - b.x, a.y - b.y); }',
      'export function moveRight(p: Point) { p.x += 1; return p; }',
    ].join('\n'), 'shapes.ts');
    assertDet(byName(r, 'toPolar'), ['x', 'y'], '1 / sqrt(x^2 + y^2)');
    assertDet(byName(r, 'shear'), ['x', 'y'], '1');
    assert.deepEqual(r.transforms.map((x) => x.name).sort(), ['shear', 'toPolar']);
    assert.deepEqual(r.diagnostics, []);
  });
});

describe('code as TypeScript libraries type it: generics and overloads', () => {
  it('type parameters constrained to number are numbers (<T extends number>); number | bigint and unconstrained ones are not', () => {
    const r = analyze([
      'export function stretch<T extends number>(a: T, b: T): [number, number] { return [3 * a + b * b, a - b]; }',
      'export const bend = <N extends number, M extends number>(u: N, v: M) => ({ p: u * Math.cos(v), q: u * Math.sin(v) });',
      'export function whole<T extends number | bigint>(a: T, b: T) { return [Number(a) * 2, Number(b) + 1]; }',
      'export function pair<T>(a: T, b: T) { return [a, b]; }',
    ].join('\n'), 'generic.ts');
    // J = [[3, 2b], [1, -1]]: det = -3 - 2b
    assertDet(byName(r, 'stretch'), ['a', 'b'], '-3 - 2 * b', ['3 * a + b^2', 'a - b']);
    assertDet(byName(r, 'bend'), ['u', 'v'], 'u');
    assert.deepEqual(r.transforms.map((x) => x.name).sort(), ['bend', 'stretch']);
    assert.deepEqual(r.diagnostics, []);
  });

  it('an overloaded function is read once, its implementation with the types its overloads agree on', () => {
    const r = analyze([
      'export function lift(x: number, y: number): [number, number];',
      'export function lift(x: any, y: any) { return [x * Math.exp(y), y + x * x]; }',
      'export class Warp {',
      '  apply(u: number, v: number): { s: number; t: number };',
      '  apply(u: unknown, v: unknown) { const a = u as number, b = v as number; return { s: a + b * b, t: b * 2 }; }',
      '}',
      // overloads that disagree (numbers or strings) leave `any`: no map
      'export function either(u: number, v: number): [number, number];',
      'export function either(u: string, v: string): string;',
      'export function either(u: any, v: any): any { return [u * v, u + v]; }',
    ].join('\n'), 'overloads.ts');
    // J = [[e^y, x e^y], [2x, 1]]: det = e^y (1 - 2 x^2)
    assertDet(byName(r, 'lift'), ['x', 'y'], 'exp(y) * (1 - 2 * x^2)', ['x * exp(y)', 'y + x^2']);
    assertDet(byName(r, 'apply'), ['u', 'v'], '2');
    assert.deepEqual(r.transforms.map((x) => x.name).sort(), ['apply', 'lift']);
    assert.deepEqual(r.diagnostics, []);
  });
});

describe('code as p5.js sketches write it: global math', () => {
  const sketch = (first: string, extra: string[] = []) => [
    first,
    'function bend(u, v) { return [u + sq(v) / TWO_PI, v * exp(u) + lerp(u, v, 0.25)]; }',
    'function dial(r, t) { const a = radians(t); return [r * cos(a), r * sin(a)]; }',
    'function warp(x, y) { const d = sqrt(x * x + y * y); return [x * cos(d), y * sin(d)]; }',
    ...extra,
  ].join('\n');

  it('in a sketch (setup or draw defined, createCanvas called) sqrt, sin, sq, lerp, radians, TWO_PI are p5\'s, said in assumed', () => {
    for (const first of ['function setup() { createCanvas(400, 400); }', 'function draw() { background(0); }', 'const c = () => createCanvas(200, 200);']) {
      const r = analyze(sketch(first), 'sketch.js');
      // bend = (u + v^2 / (2 pi), v e^u + u + (v - u) / 4): det = (e^u + 1/4) - (v / pi) (v e^u + 3/4)
      const b = byName(r, 'bend');
      assertDet(b, ['u', 'v'], 'exp(u) + 0.25 - (v / pi) * (v * exp(u) + 0.75)', ['u + v^2 / (2 * pi)', 'v * exp(u) + 0.75 * u + 0.25 * v']);
      assert.match(b.assumed!.join('\n'), /sq, TWO_PI, exp, lerp are p5\.js's global math.*this file is a p5 sketch/);
      assertDet(byName(r, 'dial'), ['r', 't'], 'r * pi / 180');
      const d = 'sqrt(x^2 + y^2)';
      assertDet(byName(r, 'warp'), ['x', 'y'], byName(r, 'warp').det, [`x * cos(${d})`, `y * sin(${d})`]);
      assert.deepEqual(r.diagnostics.map((x) => x.message), []);
    }
  });

  it('not in other files, nor p5\'s trigonometry under angleMode(DEGREES); a function of the file of the same name is its own', () => {
    const plain = analyze(sketch('export const size = 400;'), 'lib.js');
    assert.deepEqual(plain.transforms.map((t) => t.name), []);
    assert.ok(plain.diagnostics.some((x) => /sqrt is not defined in this file/.test(x.message)), plain.diagnostics.map((x) => x.message).join('\n'));
    const degrees = analyze(sketch('function setup() { createCanvas(400, 400); angleMode(DEGREES); }'), 'sketch.js');
    assert.deepEqual(degrees.transforms.map((t) => t.name), ['bend']);
    assert.ok(degrees.diagnostics.some((x) => /cos takes degrees in this p5 sketch/.test(x.message)), degrees.diagnostics.map((x) => x.message).join('\n'));
    const own = analyze(sketch('function draw() {}', ['function sq(a) { return a * a * a; }']), 'sketch.js');
    assertDet(byName(own, 'bend'), ['u', 'v'], 'exp(u) + 0.25 - (3 * v^2 / (2 * pi)) * (v * exp(u) + 0.75)');
  });
});

describe('code as libraries write it: types and copies from other files', () => {
  it('a parameter typed with an interface or type imported from another file (also re-exported, `import type`, number aliases there, a generic interface)', () => {
    const files = {
      'shapes.ts': [
        'export type Turns = number;',
        'export interface Ring { rho: number; turn: Turns; }',
        'export type Slab = { u: number; w: number; depth: number };',
        'export interface Triple<T> { a: T; b: T; c: T; }',
      ].join('\n'),
      'index.ts': 'export { Ring, Slab } from "./shapes";\nexport type { Triple, Turns } from "./shapes";\n',
    };
    withFolder(files, (dir) => {
      const text = [
        'import { Ring, Slab } from "./index";',
        'import type { Triple, Turns } from "./index";',
        'export const unroll = (p: Ring) => ({ x: p.rho * Math.cos(p.turn), y: p.rho * Math.sin(p.turn) });',
        'export function lift({ u, w, depth }: Slab) { return [u * Math.exp(depth), w + depth, depth ** 3]; }',
        'export function twist(v: Triple<number>, spin: Turns) { return { a: v.a * Math.cos(spin) - v.b * Math.sin(spin), b: v.a * Math.sin(spin) + v.b * Math.cos(spin), c: v.c * v.c + v.c }; }',
        // a generic interface of another type is not numbers: quiet
        'export const label = (v: Triple<string>) => ({ a: v.a.trim(), b: v.b, c: v.c });',
      ].join('\n');
      const r = analyze(text, path.join(dir, 'main.ts'), {}, workspaceFileReader(dir));
      assertDet(byName(r, 'unroll'), ['rho', 'turn'], 'rho');
      assertDet(byName(r, 'lift'), ['u', 'w', 'depth'], '3 * depth^2 * exp(depth)');
      assertDet(byName(r, 'twist'), ['a', 'b', 'c'], '2 * c + 1');
      assert.deepEqual(r.transforms.map((t) => t.name).sort(), ['lift', 'twist', 'unroll']);
      assert.deepEqual(r.diagnostics, []);
    });
  });

  it('Array.prototype.slice.call(args) and [].slice.call(args, k) copy an array known while reading, as args.slice(k); `let [l, c, h] = unpack(args, …)` names the variables', () => {
    withFolder({ 'spread.js': 'export default (list) => {\n  if (list.length >= 3) return Array.prototype.slice.call(list);\n  return list[0].slice(0);\n};\n' }, (dir) => {
      const text = [
        'import spread from "./spread.js";',
        'export const cyl = (...args) => {',
        '  const [r, t, z] = spread(args);',
        '  return [r * Math.cos(t), r * Math.sin(t), z * z * z + z];',
        '};',
        'export function tail(a, b, c) { const [p, q] = [].slice.call([a, b, c], 1); return [p * Math.exp(q), q * q * q, a]; }',
        // the first statement names the entries through the unpacking helper: the variables take those names
        'export const named = (...args) => { let [l, c, h] = spread(args, "lch"); h = h * 2; return [l, c * Math.cos(h), c * Math.sin(h)]; };',
      ].join('\n');
      const r = analyze(text, path.join(dir, 'main.js'), {}, workspaceFileReader(dir));
      assertDet(byName(r, 'cyl'), ['r', 't', 'z'], 'r * (3 * z^2 + 1)');
      assertDet(byName(r, 'named'), ['l', 'c', 'h'], '2 * c');
      assertDet(byName(r, 'tail'), ['a', 'b', 'c'], 'exp(c) * 3 * c^2');
    });
  });
});
