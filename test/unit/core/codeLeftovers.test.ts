/**
 * Forms of code met in files of our own (a colour module, a normalizing flow, app code): piece
 * conditions as one range, an alpha passed through by a rest-parameter wrapper, array slices,
 * default vectors of settings, orderings and clamps that are no maps. Each with a small example
 * of our own, checked numerically.
 */
import * as assert from 'node:assert/strict';
import { FALSE, TRUE, and, cmp, conditionToLatex, conditionToMathjs, compileCondition } from '../../../src/core/math/condition';
import { mul, num, sym } from '../../../src/core/math/expr';
import { analyzeLines as analyze, assertDet, assertMap, byName } from '../helpers/code';
import { parseTypeScript } from '../../../src/core/parse/typescript';
import { compileClosure, rng } from '../../../src/core/math/numeric';
import { pieceSelector } from '../../../src/core/math/condition';
import { Translator } from '../../../src/core/parse/typescript/translate';

describe('conditions: bounds of one expression', () => {
  const k = mul(num(6), sym('h'));
  it('k >= 0 and k >= 1 and k < 2 keeps the tightest bounds, holds where it held, and prints as one range in LaTeX', () => {
    const c = and(cmp('>=', k, num(0)), cmp('>=', k, num(1)), cmp('<', k, num(2)));
    assert.equal(conditionToMathjs(c), '6*h >= 1 and 6*h < 2');
    assert.equal(conditionToLatex(c).replace(/\s+/g, ' '), '1 \\le 6 h < 2');
    const full = compileCondition({ k: 'and', args: [cmp('>=', k, num(0)), cmp('>=', k, num(1)), cmp('<', k, num(2))] }, ['h']);
    const tight = compileCondition(c, ['h']);
    for (let h = -1; h <= 1; h += 1 / 48) assert.equal(tight([h]), full([h]), `at h = ${h}`);
  });
  it('bounds that exclude each other are never; other conjuncts and bounds of other expressions stay as they are', () => {
    assert.deepEqual(and(cmp('>=', k, num(2)), cmp('<', k, num(1))), FALSE);
    assert.deepEqual(and(cmp('>', k, num(1)), cmp('<=', k, num(1))), FALSE);
    const y = sym('y');
    assert.equal(conditionToMathjs(and(cmp('<', num(0), y), cmp('>', k, num(-1)), cmp('>=', y, num(-3)), cmp('!=', y, num(1)))), '0 < y and 6*h > -1 and y != 1');
  });
  it('a hue-sector switch on Math.floor(h * 6): each piece is written as one range', () => {
    const r = analyze([
      'export function hsv2rgb(h, s, v) {',
      '  const i = Math.floor(h * 6), f = h * 6 - i;',
      '  const p = v * (1 - s), q = v * (1 - f * s), t = v * (1 - (1 - f) * s);',
      '  switch (i % 6) {',
      '    case 0: return [v, t, p];',
      '    case 1: return [q, v, p];',
      '    case 2: return [p, v, t];',
      '    case 3: return [p, q, v];',
      '    case 4: return [t, p, v];',
      '    default: return [v, p, q];',
      '  }',
      '}',
    ]);
    const t = byName(r, 'hsv2rgb');
    assert.deepEqual(t.pieces!.map((p) => p.written), [0, 1, 2, 3, 4, 5].map((j) => `${j} <= h * 6 < ${j + 1}`));
    assert.deepEqual(t.pieces!.map((p) => p.condition), [0, 1, 2, 3, 4, 5].map((j) => `6*h >= ${j} and 6*h < ${j + 1}`));
  });
});

describe('branches on shifted copies of one input', () => {
  const HSL = [
    'function hue(p, q, t) {',
    '  if (t < 0) t += 1;',
    '  if (t > 1) t -= 1;',
    '  if (t < 1 / 6) return p + (q - p) * 6 * t;',
    '  if (t < 1 / 2) return q;',
    '  if (t < 2 / 3) return p + (q - p) * (2 / 3 - t) * 6;',
    '  return p;',
    '}',
    'function hslToRgb(h, s, l) {',
    '  if (s === 0) return [l, l, l];',
    '  const q = l < 0.5 ? l * (1 + s) : l + s - l * s;',
    '  const p = 2 * l - q;',
    '  return [hue(p, q, h + 1 / 3), hue(p, q, h), hue(p, q, h - 1 / 3)];',
    '}',
  ];
  it('hsl -> rgb with a hue helper called at h + 1/3, h, h - 1/3: ways whose tests on h exclude each other are no pieces, so it is read; each piece is the code where it applies', () => {
    const text = HSL.join('\n');
    const t = parseTypeScript(text, { fileName: 'hsl.js' }).transforms.find((x) => x.name === 'hslToRgb');
    assert.ok(t?.pieces, 'hslToRgb is a piecewise map');
    assert.ok(t.pieces.length <= 64);
    const select = pieceSelector(t.pieces.map((p) => p.condition), t.variables);
    const fs = t.pieces.map((p) => p.components.map((c) => compileClosure(c, t.variables)));
    // the code itself, run here as the reference (the reader never runs it)
    const reference = new Function(`${text}; return hslToRgb;`)() as (h: number, s: number, l: number) => number[];
    const rand = rng(11);
    for (let i = 0; i < 400; i++) {
      const x = [3 * rand() - 1.5, 0.05 + 0.9 * rand(), rand()];
      const k = select(x);
      assert.ok(k >= 0, `a piece applies at (${x.join(', ')})`);
      const want = reference(x[0], x[1], x[2]);
      fs[k].forEach((f, j) => assert.ok(Math.abs(f(x) - want[j]) < 1e-9, `component ${j} at (${x.join(', ')}): piece ${k}, ${t.pieces![k].written}`));
    }
  });
});

describe('rgb -> hsl: Math.max and Math.min of three channels, a switch on the largest', () => {
  /** rgb to hsl as libraries write it, in three styles: `case b:` last, a `default`, an if/else chain on the largest. */
  const rgbToHsl = (lastCase: string) => [
    'function rgbToHsl(r, g, b) {',
    '  r /= 255; g /= 255; b /= 255;',
    '  const max = Math.max(r, g, b), min = Math.min(r, g, b);',
    '  let h, s;',
    '  const l = (max + min) / 2;',
    '  if (max === min) {',
    '    h = s = 0;',
    '  } else {',
    '    const d = max - min;',
    '    s = l > 0.5 ? d / (2 - max - min) : d / (max + min);',
    '    switch (max) {',
    '      case r: h = (g - b) / d + (g < b ? 6 : 0); break;',
    '      case g: h = (b - r) / d + 2; break;',
    `      ${lastCase} h = (r - g) / d + 4;`,
    '    }',
    '    h /= 6;',
    '  }',
    '  return [h, s, l];',
    '}',
  ];
  const chain = [
    'function rgbToHsl(r, g, b) {',
    '  const max = Math.max(r, g, b), min = Math.min(r, g, b), d = max - min, l = (max + min) / 2;',
    '  if (d === 0) return [0, 0, l];',
    '  const s = l > 0.5 ? d / (2 - max - min) : d / (max + min);',
    '  let h;',
    '  if (max === r) h = ((g - b) / d) % 6;',
    '  else if (max === g) h = (b - r) / d + 2;',
    '  else h = (r - g) / d + 4;',
    '  return [h * 60, s, l];',
    '}',
  ];
  const cases: Array<[string, string[], number]> = [['case b:', rgbToHsl('case b:'), 255], ['default:', rgbToHsl('default:'), 255], ['if/else', chain, 1]];
  for (const [style, lines, scale] of cases) {
    it(`${style}: read as one piece per ordering of the channels and side of l = 1/2 (no more than 12), each the code where it applies`, () => {
      const text = lines.join('\n');
      const r = parseTypeScript(text, { fileName: 'hsl.js' });
      assert.deepEqual(r.problems.map((p) => p.message), []);
      const t = r.transforms.find((x) => x.name === 'rgbToHsl');
      assert.ok(t?.pieces, 'rgbToHsl is a piecewise map');
      assert.ok(t.pieces.length <= 12, `${t.pieces.length} pieces`);
      assert.ok(t.assumed?.some((a) => /exact equalities of numbers that vary with the inputs \(max === min/.test(a) || /\(d === 0/.test(a)), `${t.assumed}`);
      const select = pieceSelector(t.pieces.map((p) => p.condition), t.variables);
      const fs = t.pieces.map((p) => p.components.map((c) => compileClosure(c, t.variables)));
      // the code itself, run here as the reference (the reader never runs it)
      const reference = new Function(`${text}; return rgbToHsl;`)() as (r: number, g: number, b: number) => number[];
      const rand = rng(5);
      for (let i = 0; i < 400; i++) {
        const x = [rand() * scale, rand() * scale, rand() * scale];
        const k = select(x);
        assert.ok(k >= 0, `a piece applies at (${x.join(', ')})`);
        const want = reference(x[0], x[1], x[2]);
        fs[k].forEach((f, j) => assert.ok(Math.abs(f(x) - want[j]) < 1e-9 * Math.max(1, Math.abs(want[j])), `component ${j} at (${x.join(', ')}): piece ${k}, ${t.pieces![k].written}`));
      }
    });
  }
  it('an exact equality of a constant of the file is no set of measure zero: its ways stay', () => {
    const r = analyze(['function raw(k) {', '  return function (x, y) { return k === 0 ? [x, y + x] : [x * k, y + Math.sin(k * x)]; };', '}'], 'raw.js');
    const t = byName(r, 'raw');
    assert.equal(t.pieces?.length, 2);
    assert.ok(!t.assumed?.some((a) => /exact equalities/.test(a)), `${t.assumed}`);
  });
});

describe('conditions: comparisons of two expressions', () => {
  const [r, g, b] = ['r', 'g', 'b'].map(sym);
  it('one expression on both sides is decided; r >= g with r < g is never, with r > g the tighter is kept', () => {
    assert.deepEqual(cmp('==', r, r), TRUE);
    assert.deepEqual(cmp('<', mul(num(2), r), mul(num(2), r)), FALSE);
    assert.deepEqual(and(cmp('>=', r, g), cmp('<', r, g)), FALSE);
    assert.deepEqual(and(cmp('>=', r, g), cmp('>', g, r)), FALSE);
    assert.equal(conditionToMathjs(and(cmp('>=', r, g), cmp('>', r, g), cmp('<', b, num(1)))), 'r > g and b < 1');
  });
  it('orderings in a circle with a strict step are never; a consistent ordering stays', () => {
    assert.deepEqual(and(cmp('>', r, g), cmp('>=', g, b), cmp('>', b, r)), FALSE);
    assert.deepEqual(and(cmp('>=', r, g), cmp('>=', g, b), cmp('<', r, b)), FALSE);
    assert.equal(conditionToMathjs(and(cmp('>', r, g), cmp('>=', g, b), cmp('>', r, b))), 'r > g and g >= b and r > b');
  });
});

describe('rest-parameter wrappers: an alpha passed through', () => {
  it('(...args) returning args[3] (or 1 when there is none) last: a map of three numbers, the alpha said in assumed', () => {
    const r = analyze([
      'const lin = (c) => c * c;',
      'export function withAlpha(...args) {',
      '  const [r, g, b] = args;',
      '  return [lin(r) + g, lin(g), r * b, args.length > 3 ? args[3] : 1];',
      '}',
      'export const passAlpha = (...args) => [args[0] + args[1], args[1] * 2, Math.exp(args[2]), args[3]];',
    ]);
    const a = byName(r, 'withAlpha');
    assertMap(a, ['args0', 'args1', 'args2'], ['args0^2 + args1', 'args1^2', 'args0 * args2'], '4 * args0^2 * args1');
    assert.ok(a.assumed?.some((x) => /args3 is carried through unchanged/.test(x)), `${a.assumed}`);
    assertMap(byName(r, 'passAlpha'), ['args0', 'args1', 'args2'], ['args0 + args1', '2 * args1', 'exp(args2)'], '2 * exp(args2)');
    assert.deepEqual(r.diagnostics.map((d) => d.message), []);
  });
  it('a rest array destructured at the top names the variables (r, g, b); otherwise they are args0, args1, …', () => {
    const r = analyze([
      'export function tone(...args) { const [h, s, v] = args; return [h * s, s + v * v, v - h]; }',
      'export function tone4(...args) { const [r, g, b, a] = args; return [r * g, g + b * b, b - r, a]; }',
      'export function later(...args) { const k = 2; const [u, w] = args; return [u * k * w, w - u * u]; }',
    ]);
    // J = [[s, h, 0], [0, 1, 2v], [-1, 0, 1]]: det = s - 2 h v
    assertMap(byName(r, 'tone'), ['h', 's', 'v'], ['h * s', 's + v^2', 'v - h'], 's - 2 * h * v');
    assertMap(byName(r, 'tone4'), ['r', 'g', 'b'], ['r * g', 'g + b^2', 'b - r'], 'g - 2 * r * b');
    assertMap(byName(r, 'later'), ['args0', 'args1'], ['2 * args0 * args1', 'args1 - args0^2'], '2 * args1 + 4 * args0^2');
    assert.deepEqual(r.diagnostics.map((d) => d.message), []);
  });
  it('a fourth entry that is used by another output stays a variable', () => {
    const r = analyze(['export const mixed = (...args) => [args[0] + args[3], args[1], args[2], args[3]];']);
    assert.deepEqual(byName(r, 'mixed').variables, ['args0', 'args1', 'args2', 'args3']);
  });
});

describe('arrays: slices, joins and default vectors', () => {
  it('y.slice(0, 2), y.subarray(2) and a.concat(b) of arrays known while reading', () => {
    const r = analyze([
      'export function inverse(y) {',
      '  const head = y.slice(0, 2), tail = y.subarray(2);',
      '  const s = Math.tanh(head[0] - head[1]);',
      '  return head.concat([tail[0] * Math.exp(-s), y[3] - head[0]]);',
      '}',
      'export const last = (v) => { const w = v.slice(-2); return [w[0] + v[0], w[1] * 3, v[2] - v[0]]; };',
    ]);
    assertMap(byName(r, 'inverse'), ['y0', 'y1', 'y2', 'y3'], ['y0', 'y1', 'y2 * exp(-tanh(y0 - y1))', 'y3 - y0'], 'exp(-tanh(y0 - y1))');
    assertMap(byName(r, 'last'), ['v0', 'v1', 'v2'], ['v1 + v0', '3 * v2', 'v2 - v0'], '-3');
  });
  it('a slice with a bound not known while reading is said at the call', () => {
    const r = analyze(['export function f(x: number[], k: number) { const a = x.slice(0, k); return [a[0] * 2, x[1] + x[0] * x[1]]; }'], 'f.ts');
    assert.equal(r.transforms.length, 0);
    assert.ok(r.diagnostics.some((d) => /\.slice with bounds that are not known/.test(d.message)), r.diagnostics.map((d) => d.message).join(' | '));
  });
  it('an array parameter sized by the default vectors of its settings: x.map((v, i) => v * scale[i] + bias[i])', () => {
    const r = analyze(['export function actnorm(x: number[], scale = [1.5, 0.5, 2], bias = [0, 0.1, -0.2]): number[] {', '  return x.map((v, i) => v * scale[i] + bias[i]);', '}'], 'flow.ts');
    const t = byName(r, 'actnorm');
    assertMap(t, ['x0', 'x1', 'x2'], ['1.5 * x0', '0.5 * x1 + 0.1', '2 * x2 - 0.2'], '1.5');
    assert.ok(t.assumed?.some((x) => /scale = \[1\.5, 0\.5, 2\]/.test(x)), `${t.assumed}`);
  });
});

describe('channels carried along, config objects, clamps to constants', () => {
  it('a field of a point carried through is left out only when three or more variables remain: { x, y, z } turned about z stays R^3', () => {
    const r = analyze([
      'interface P3 { x: number; y: number; z: number }',
      'export function spinZ(p: P3, w: number): P3 { return { x: p.x * Math.cos(w) - p.y * Math.sin(w), y: p.x * Math.sin(w) + p.y * Math.cos(w), z: p.z }; }',
      'export const fade = (c) => ({ l: c.l * 2, a: c.a + c.b, b: c.a - c.b, alpha: c.alpha });',
    ], 'spin.ts');
    const s = byName(r, 'spinZ');
    assertDet(s, ['x', 'y', 'z'], '1', { symbols: { w: 0.4 } });
    assert.ok(!s.assumed?.some((x) => /carried through/.test(x)), `${s.assumed}`);
    const f = byName(r, 'fade');
    assert.deepEqual(f.variables, ['l', 'a', 'b']);
  });

  it('a number parameter in the middle passed to its own output stays a variable; one after the coordinates is carried along', () => {
    const r = analyze([
      'export const cyl = (x: number, y: number, z: number) => ({ radius: Math.hypot(x, z), theta: Math.atan2(x, z), y });',
      'export function tint(l: number, a: number, b: number, alpha: number) { return { l: l * 2, a: a + b, b: a - b, alpha }; }',
    ], 'carry.ts');
    assertMap(byName(r, 'cyl'), ['x', 'y', 'z'], ['sqrt(x^2 + z^2)', 'atan2(x, z)', 'y'], '1 / sqrt(x^2 + z^2)');
    const t = byName(r, 'tint');
    assertMap(t, ['l', 'a', 'b'], ['2 l', 'a + b', 'a - b'], '-4');
    assert.ok(t.assumed?.some((x) => /alpha is carried through unchanged/.test(x)), `${t.assumed}`);
  });
  it('a factory that destructures its config object: the fields are symbolic constants named as the code names them', () => {
    const r = analyze([
      'function raw(config) {',
      '  const { k, m: rate } = config;',
      '  return function (x, y) { return [x * k, y + Math.sin(x * rate)]; };',
      '}',
    ], 'raw.js');
    const t = byName(r, 'raw');
    assert.deepEqual([...t.freeSymbols].sort(), ['k', 'rate']);
    assert.deepEqual(r.diagnostics.map((d) => d.message), []);
  });
  it('a clamp to bounds written as constants (-halfPi + epsilon) is no map', () => {
    const r = analyze([
      'const epsilon = 1e-6, halfPi = Math.PI / 2;',
      'export function clip(lambda, phi) { return [lambda, Math.max(-halfPi + epsilon, Math.min(halfPi - epsilon, phi))]; }',
    ], 'clip.js');
    assert.deepEqual(r.transforms.map((t) => t.name), []);
    assert.deepEqual(r.diagnostics.map((d) => d.message), []);
  });
});

describe('arrays sized by loops over constants of constants', () => {
  it('HALF = D / 2 after a map that read D first, x[HALF + i] in a loop, x.subarray(0, HALF): each map has all D entries', () => {
    const r = analyze([
      'const D = 4;',
      'const HALF = D / 2;',
      'export function first(x: Float64Array) { const y = new Float64Array(D); for (let i = 0; i < D; i++) y[i] = x[i] * 2 + x[0]; return y; }',
      'export function second(x: Float64Array) { const y = new Float64Array(4); for (let i = 0; i < HALF; i++) y[i] = x[i] * 2 + x[0]; y[2] = x[2] * x[3]; y[3] = x[3]; return y; }',
      'export function halves(x: Float64Array) { const y = new Float64Array(D); for (let i = 0; i < HALF; i++) { y[i] = x[i]; y[HALF + i] = x[HALF + i] * Math.exp(x[i]); } return y; }',
      'const sum = (u: Float64Array) => u[0] + u[1];',
      'export function parts(x: Float64Array) { const s = sum(x.subarray(0, HALF)); return [x[0], x[1] + s, x[2] * s, x[3]]; }',
    ], 'sizes.ts');
    assertMap(byName(r, 'second'), ['x0', 'x1', 'x2', 'x3'], ['3 x0', '2 x1 + x0', 'x2 x3', 'x3'], '6 x3');
    assertMap(byName(r, 'halves'), ['x0', 'x1', 'x2', 'x3'], ['x0', 'x1', 'x2 exp(x0)', 'x3 exp(x1)'], 'exp(x0 + x1)');
    assertMap(byName(r, 'parts'), ['x0', 'x1', 'x2', 'x3'], ['x0', 'x1 + x0 + x1', 'x2 * (x0 + x1)', 'x3'], '2 * (x0 + x1)');
    assert.deepEqual(r.diagnostics.map((d) => d.message), []);
  });
  it('an index of millions (v[4000000]) makes no point of millions of coordinates: the file is read to its end at once', () => {
    // each of the four million names was made and read: the reading ran out of its budget before shear
    const r = analyze([
      'function mulRows(m: number[][], v: number[]): number[] {',
      '  return [m[0][0] * v[0] + m[0][1] * v[1] + m[0][2] * v[4000000], m[1][0] * v[0] + m[1][1] * v[1]];',
      '}',
      'export function toLab(rgb: number[]): number[] { return mulRows([[0.2, 0.3, 0.5], [0.1, 0.8, 0.1]], rgb); }',
      'export function shear(x: number, y: number): [number, number] { return [x + 0.5 * y, y]; }',
    ], 'index.ts');
    assert.deepEqual(r.transforms.map((t) => t.name), ['shear']);
    assert.deepEqual(r.diagnostics.filter((d) => d.code === 'budget'), []);
  });
  it('a permutation found by a loop (out[i] = x[D - 1 - i]) only moves its inputs: no map; tagged, it is one', () => {
    const loop = 'const D = 3;\nexport function reverse(x: Float64Array) { const out = new Float64Array(D); for (let i = 0; i < D; i++) out[i] = x[D - 1 - i]; return out; }';
    const r = analyze([loop], 'rev.ts');
    assert.deepEqual(r.transforms.map((t) => t.name), []);
    assert.deepEqual(r.diagnostics.map((d) => d.message), []);
    const tagged = analyze([loop.replace('export function', '/** @transform */\nexport function')], 'rev.ts');
    assertMap(byName(tagged, 'reverse'), ['x0', 'x1', 'x2'], ['x2', 'x1', 'x0'], '-1');
  });
});

describe('orderings and clamps are no maps', () => {
  it('min/max of two inputs, a clamp of one coordinate, a sort of two: quiet; a piecewise map that computes stays', () => {
    const r = analyze([
      'export function toRange(start: number, end: number) { return { start: Math.min(start, end), end: Math.max(start, end) }; }',
      'const clamp = (v: number, lo: number, hi: number) => (v < lo ? lo : v > hi ? hi : v);',
      'export function clampLat(lat: number, lon: number): [number, number] { return [clamp(lat, -90, 90), lon]; }',
      'export function sorted(a: number, b: number): [number, number] { return a < b ? [a, b] : [b, a]; }',
      'export function fold(x: number, y: number): [number, number] { return x < 0 ? [-x, y * 2] : [x, y * 2]; }',
    ], 'app.ts');
    assert.deepEqual(r.transforms.map((t) => t.name), ['fold']);
    assert.deepEqual(r.diagnostics.map((d) => d.message), []);
  });
});

describe('methods that read member arrays and fields: the fields are symbolic parameters', () => {
  it('an affine class reading this.m[0] … this.m[5]: a map of (x, y) with parameters m_0 … m_5, each said with its text', () => {
    const r = analyze([
      'export class Affine {',
      '  constructor(m) { this.m = m; }',
      '  apply(x, y) { return [this.m[0] * x + this.m[1] * y + this.m[4], this.m[2] * x + this.m[3] * y + this.m[5]]; }',
      '}',
    ], 'affine.js');
    const t = byName(r, 'apply');
    const symbols = { m_0: 1.5, m_1: -0.4, m_2: 0.3, m_3: 2.2, m_4: 0.7, m_5: -1.1 };
    assertDet(t, ['x', 'y'], 'm_0 m_3 - m_1 m_2', { symbols, symbolic: true, components: ['m_0 x + m_1 y + m_4', 'm_2 x + m_3 y + m_5'] });
    assert.deepEqual([...t.freeSymbols].sort(), Object.keys(symbols));
    assert.ok(t.assumed?.some((x) => /symbolic parameters: .*m_0 = this\.m\[0\].*m_5 = this\.m\[5\]/.test(x)), `${t.assumed}`);
    assert.deepEqual(r.diagnostics.map((d) => d.message), []);
  });
  it('a field destructured as an array, `const { coeffs } = this`, an alias `const e = this.elements`: each entry is a parameter', () => {
    const r = analyze([
      'export class Lens {',
      '  constructor(private coeffs: number[], private center: [number, number]) {}',
      '  warp(u: number, v: number): [number, number] {',
      '    const [cx, cy] = this.center;',
      '    const { coeffs } = this;',
      '    const dx = u - cx, dy = v - cy, r2 = dx * dx + dy * dy;',
      '    const f = 1 + coeffs[0] * r2;',
      '    return [cx + dx * f, cy + dy * f];',
      '  }',
      '}',
      'export class Matrix3 {',
      '  elements = [1, 0, 0, 0, 1, 0, 0, 0, 1];',
      '  project(x: number, y: number): [number, number] {',
      '    const e = this.elements;',
      '    const w = e[6] * x + e[7] * y + e[8];',
      '    return [(e[0] * x + e[1] * y + e[2]) / w, (e[3] * x + e[4] * y + e[5]) / w];',
      '  }',
      '}',
    ], 'fields.ts');
    const lens = byName(r, 'warp');
    const r2 = '((u - center_0)^2 + (v - center_1)^2)', f = `(1 + coeffs_0 * ${r2})`;
    assertDet(lens, ['u', 'v'], `${f} * (${f} + 2 * coeffs_0 * ${r2})`, {
      symbols: { center_0: 0.2, center_1: -0.3, coeffs_0: 0.15 },
      components: [`center_0 + (u - center_0) * ${f}`, `center_1 + (v - center_1) * ${f}`],
    });
    assert.deepEqual([...lens.freeSymbols].sort(), ['center_0', 'center_1', 'coeffs_0']);
    const h = byName(r, 'project');
    const e = [1.2, 0.1, 0.3, -0.2, 0.9, 0.4, 0.05, -0.1, 1.5];
    const symbols = Object.fromEntries(e.map((v, i) => [`elements_${i}`, v]));
    const w = '(elements_6 * x + elements_7 * y + elements_8)';
    assertDet(h, ['x', 'y'], `(elements_0 * (elements_4 * elements_8 - elements_5 * elements_7) - elements_1 * (elements_3 * elements_8 - elements_5 * elements_6) + elements_2 * (elements_3 * elements_7 - elements_4 * elements_6)) / ${w}^3`, {
      symbols, components: [`(elements_0 * x + elements_1 * y + elements_2) / ${w}`, `(elements_3 * x + elements_4 * y + elements_5) / ${w}`],
    });
    assert.ok(h.assumed?.some((x) => /elements_8 = this\.elements\[8\]/.test(x)), `${h.assumed}`);
    assert.deepEqual(r.diagnostics.map((d) => d.message), []);
  });
  it('a factory\'s array parameter read by index (k[0]) is a symbolic constant k_0; a field read by a variable index, a clamp to field bounds and a pass-through stay quiet', () => {
    const r = analyze([
      'export function scaleShift(k) { return (x, y) => [k[0] * x + k[1], k[2] * y + k[3]]; }',
      'export class Grid {',
      '  constructor(data, w, lo, hi) { this.data = data; this.w = w; this.lo = lo; this.hi = hi; }',
      '  at(i, j) { return this.data[j * this.w + i]; }',
      '  clamp(x, y) { return [Math.min(Math.max(x, this.lo[0]), this.hi[0]), Math.min(Math.max(y, this.lo[1]), this.hi[1])]; }',
      '  cell(x, y) { return { x, y }; }',
      '}',
    ], 'grid.js');
    assertDet(byName(r, 'scaleShift'), ['x', 'y'], 'k_0 k_2', { symbols: { k_0: 1.3, k_1: 0.2, k_2: -0.7, k_3: 0.5 }, components: ['k_0 x + k_1', 'k_2 y + k_3'] });
    assert.deepEqual(r.transforms.map((t) => t.name), ['scaleShift']);
    assert.deepEqual(r.diagnostics.map((d) => d.message), []);
  });
});

describe('a returning if repeated word for word is read once', () => {
  /** hue to rgb as colour libraries write it, with `extra` lines after the second returning if. */
  const hue = (extra: readonly string[]) => [
    'export function hue(q, t) {',
    '  const p = 0.2;',
    '  if (t < 0) t += 1;',
    '  if (t > 1) t -= 1;',
    '  if (t < 1 / 6) return [p + (q - p) * 6 * t, q + t];',
    '  if (t < 1 / 2) return [q, t];',
    ...extra,
    '  if (t < 2 / 3) return [p + (q - p) * (2 / 3 - t) * 6, t];',
    '  return [q, q * t];',
    '}',
  ];
  /** How many statement lists the reader walks for the lines given (Translator.exec counted). */
  const walks = (lines: readonly string[]) => {
    const proto = Translator.prototype as unknown as { exec: (...a: unknown[]) => unknown };
    const exec = proto.exec;
    let n = 0;
    proto.exec = function (this: unknown, ...a: unknown[]) { n++; return exec.apply(this, a); };
    try { return { r: analyze(lines), n }; } finally { proto.exec = exec; }
  };

  it('2,000 copies of `if (t < 1 / 2) return;` after the first: passed over where it did not return (a fuzz input took seconds), the same map as without them', () => {
    const plain = walks(hue(['  if (t < 1 / 2) return [q, q + t];']));
    const noisy = walks(hue(Array.from({ length: 2000 }, () => '  if (t < 1 / 2) return [q, q + t];')));
    // (the first copy is read: it differs from the if before it; the other 1,999 are not)
    assert.ok(noisy.n <= plain.n + 4, `${noisy.n} statement lists read against ${plain.n}`);
    const a = byName(plain.r, 'hue'), b = byName(noisy.r, 'hue');
    assert.equal(b.trees.pieces?.length, a.trees.pieces?.length);
    // a test that changes something (t++) is read every time
    const changing = walks(hue(Array.from({ length: 20 }, () => '  if (t++ < 1 / 2) return [q, q + t];')));
    assert.ok(changing.n >= plain.n + 19, `${changing.n} against ${plain.n}`);
  });
});

describe('switch statements: what a case never runs is not read', () => {
  /** hsv -> rgb as libraries write it, with `extra` clauses before the default. */
  const hsv = (extra: readonly string[]) => [
    'export function hsvToRgb(h, s, v) {',
    '  const i = Math.floor(h * 6), f = h * 6 - i;',
    '  const p = v * (1 - s), q = v * (1 - f * s), t = v * (1 - (1 - f) * s);',
    '  switch (i % 6) {',
    '    case 0: return [v, t, p];',
    '    case 1: return [q, v, p];',
    '    case 2: return [p, v, t];',
    '    case 3: return [p, q, v];',
    '    case 4: return [t, p, v];',
    ...extra,
    '    default: return [v, p, q];',
    '  }',
    '}',
  ];

  it('a case repeated many times, each followed by statements after its return, reads as the switch without them (a fuzz input took seconds)', () => {
    const plain = byName(analyze(hsv([])), 'hsvToRgb');
    // 3,000 repeats of `case 4:` with a stray statement after each return: only the first
    // `case 4` can run, and nothing after a return in a clause does
    const noisy = byName(analyze(hsv(Array.from({ length: 3000 }, () => '    case 4: return [t, p, v]; stray;'))), 'hsvToRgb');
    assert.equal(noisy.trees.pieces?.length, plain.trees.pieces?.length);
    const vars = plain.variables, pick = pieceSelector(plain.trees.pieces!.map((p) => p.condition), vars), pickNoisy = pieceSelector(noisy.trees.pieces!.map((p) => p.condition), vars);
    const r = rng(7);
    for (let k = 0; k < 200; k++) {
      const z = [r(), 0.1 + 0.8 * r(), 0.1 + 0.8 * r()];
      const a = plain.trees.pieces![pick(z)], b = noisy.trees.pieces![pickNoisy(z)];
      for (let c = 0; c < 3; c++) assert.ok(Math.abs(compileClosure(a.components[c], vars)(z) - compileClosure(b.components[c], vars)(z)) < 1e-12, `component ${c} at ${z}`);
    }
  });

  it('a case after one with the same test is never taken, but a case whose test may change (a call) is still tried', () => {
    const twice = byName(analyze(hsv(['    case 4: return [0, 0, 0];'])), 'hsvToRgb');
    const plain = byName(analyze(hsv([])), 'hsvToRgb');
    assert.equal(twice.trees.pieces?.length, plain.trees.pieces?.length);
    // a statement after a break in a clause is not run: the clause ends there (it was read as a
    // break inside the case, and the map was not read)
    const afterBreak = byName(analyze([
      'export function g(h, v) {',
      '  const i = Math.floor(h * 6);',
      '  let u = v;',
      '  switch (i % 6) {',
      '    case 0: u = 2 * v; break; u = 100 * v;',
      '    default: u = 3 * v;',
      '  }',
      '  return [h, u];',
      '}',
    ]), 'g');
    const pieces = afterBreak.trees.pieces!, pick = pieceSelector(pieces.map((p) => p.condition), afterBreak.variables);
    for (const [z, slope] of [[[0.1, 0.5], 2], [[0.25, 0.5], 3]] as const) {
      const u = compileClosure(pieces[pick(z)].components[1], afterBreak.variables)(z);
      assert.ok(Math.abs(u - slope * z[1]) < 1e-12, `u at ${z} = ${u}, expected ${slope} v`);
    }
  });
});

describe('shader ports with vec2 helper objects, and bit operations', () => {
  it('a point passed whole to helpers that read its fields ({ x, y } in add, sub, scale, dot, length): a map of x, y; the helpers stay quiet', () => {
    const r = analyze([
      'const vec2 = (x, y) => ({ x, y });',
      'const sub = (a, b) => vec2(a.x - b.x, a.y - b.y);',
      'const add = (a, b) => vec2(a.x + b.x, a.y + b.y);',
      'const scale = (a, s) => vec2(a.x * s, a.y * s);',
      'const dot = (a, b) => a.x * b.x + a.y * b.y;',
      'const len = (a) => Math.sqrt(dot(a, a));',
      'const C = vec2(0.5, 0.25);',
      'export function pinch(uv) { const d = sub(uv, C); return add(C, scale(d, 1 + 0.3 * dot(d, d))); }',
      'export function swirl(p, k = 2) { const r = len(p); const a = Math.atan2(p.y, p.x) + k * r; return vec2(r * Math.cos(a), r * Math.sin(a)); }',
      'export const half = ({ x, y }) => ({ x: x / 2, y: y * 3 });',
      'export function twice(p) { return half(half(p)); }',
    ], 'shader.js');
    const r2 = '((x - 0.5)^2 + (y - 0.25)^2)', f = `(1 + 0.3 * ${r2})`;
    assertMap(byName(r, 'pinch'), ['x', 'y'], [`0.5 + (x - 0.5) * ${f}`, `0.25 + (y - 0.25) * ${f}`], `${f} * (${f} + 0.6 * ${r2})`);
    const rr = 'sqrt(x^2 + y^2)', a = `(atan2(y, x) + 2 * ${rr})`;
    assertMap(byName(r, 'swirl'), ['x', 'y'], [`${rr} * cos(${a})`, `${rr} * sin(${a})`], '1');
    assertMap(byName(r, 'twice'), ['x', 'y'], ['x / 4', '9 y'], '9 / 4');
    assert.deepEqual(r.transforms.map((t) => t.name).sort(), ['half', 'pinch', 'swirl', 'twice']);
    assert.deepEqual(r.diagnostics.map((d) => d.message), []);
  });
  it('a helper that reads anything but fields of the point (a method, an index) leaves the function as it was: no map, nothing said', () => {
    const r = analyze([
      'const norm = (a) => a.len();',
      'const first = (a) => a[0] + a.y;',
      'export function f(p) { const n = norm(p); return { x: p.x / n, y: p.y / n }; }',
      'export function g(p) { const s = first(p); return { x: p.x * s, y: p.y + s }; }',
    ], 'other.js');
    assert.deepEqual(r.transforms.map((t) => t.name), []);
    assert.deepEqual(r.diagnostics.map((d) => d.message), []);
  });
  it('hashes and packed colours (|, ^, >>>, <<, &, ~~) are no maps and get no diagnostic', () => {
    const r = analyze([
      'export function hash2(x, y) { let h = (x * 374761393 + y * 668265263) | 0; h = (h ^ (h >>> 13)) * 1274126177; return [h & 255, (h >>> 8) & 255]; }',
      'export function cell(x, y) { return [~~(x * 16) + 0.5 * y, ~~(y * 16) - x]; }',
      'export function mixBits(a, b) { a ^= b << 3; b += a * 2; return [a, b]; }',
    ], 'hash.js');
    assert.deepEqual(r.transforms.map((t) => t.name), []);
    assert.deepEqual(r.diagnostics.map((d) => d.message), []);
  });
});

describe('matrix products built row by row, and Math functions of whole numbers', () => {
  it('a DH-table arm whose matMul fills C with C.push([]) and C[i].push(s): a map (the filled array is no feedback), cos(0) of a zero twist is 1', () => {
    const r = analyze([
      'const DH = [[0.4, 0, 0], [0.3, 0, 0]];',
      'function link(theta, a, alpha, d) {',
      '  const ct = Math.cos(theta), st = Math.sin(theta), ca = Math.cos(alpha), sa = Math.sin(alpha);',
      '  return [[ct, -st * ca, st * sa, a * ct], [st, ct * ca, -ct * sa, a * st], [0, sa, ca, d], [0, 0, 0, 1]];',
      '}',
      'function matMul(A, B) {',
      '  const C = [];',
      '  for (let i = 0; i < 4; i++) {',
      '    C.push([]);',
      '    for (let j = 0; j < 4; j++) { let s = 0; for (let k = 0; k < 4; k++) s += A[i][k] * B[k][j]; C[i].push(s); }',
      '  }',
      '  return C;',
      '}',
      'export function reach(q) {',
      '  let T = [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]];',
      '  for (let i = 0; i < DH.length; i++) { const [a, alpha, d] = DH[i]; T = matMul(T, link(q[i], a, alpha, d)); }',
      '  return [T[0][3], T[1][3]];',
      '}',
    ], 'dh.js');
    const t = byName(r, 'reach');
    assertMap(t, ['q0', 'q1'], ['0.4 cos(q0) + 0.3 cos(q0 + q1)', '0.4 sin(q0) + 0.3 sin(q0 + q1)'], '0.12 sin(q1)');
    assert.ok(!t.components.some((c) => /cos\(0\)|sin\(0\)/.test(c)), t.components.join(' | '));
    assert.deepEqual(r.diagnostics.map((d) => d.message), []);
  });
  it('Newton\'s method in a loop is still said at the loop (a scalar fed back into itself)', () => {
    const r = analyze([
      'export function inv(x, y) {',
      '  let t = y;',
      '  for (let i = 0; i < 12; i++) t -= (t + Math.sin(t) - y) / (1 + Math.cos(t));',
      '  return [x * Math.cos(t), t];',
      '}',
    ], 'newton.js');
    assert.deepEqual(r.transforms.map((x) => x.name), []);
    assert.match(r.diagnostics.map((d) => d.message).join('\n'), /feeds t back into itself/);
  });
});
