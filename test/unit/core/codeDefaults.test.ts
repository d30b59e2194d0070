/** Parameters with default values after a map's variables: settings of the map, not variables. */
import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../../src/core/document';
import { createEngineOptions } from '../../../src/core/engine';
import { compileClosure, luDet } from '../../../src/core/math/numeric';
import { parsePlainExpr } from '../../../src/core/parse/plainExpr';
import { analyzeText, assertDet, byName } from '../helpers/code';

const engine = createEngineOptions();
const read = (src: string, file = 'arm.js') => analyzeDocument(src, 'javascript', file, engine);

/** det J of the report against central differences of the code's own formula, at a point. */
function detMatches(t: { det: string; variables: readonly string[] }, f: (x: number[]) => number[], at: number[], detAt: number): void {
  const h = 1e-6;
  const J = at.map((_, j) => {
    const up = [...at], dn = [...at];
    up[j] += h; dn[j] -= h;
    const a = f(up), b = f(dn);
    return a.map((v, i) => (v - b[i]) / (2 * h));
  });
  const M = J[0].map((_, i) => J.map((col) => col[i]));
  assert.ok(Math.abs(luDet(M) - detAt) < 1e-6 * Math.max(1, Math.abs(detAt)), `det J ${t.det} = ${detAt} at ${at}, differences give ${luDet(M)}`);
}

describe('code: parameters with default values after the variables', () => {
  it('a two-link arm with link lengths as defaults: a map of (q1, q2), det J = l1 l2 sin q2', () => {
    const r = read([
      'export function arm(q1, q2, l1 = 1.5, l2 = 0.8) {',
      '  return [l1 * Math.cos(q1) + l2 * Math.cos(q1 + q2), l1 * Math.sin(q1) + l2 * Math.sin(q1 + q2)];',
      '}',
    ].join('\n'));
    assert.equal(r.transforms.length, 1, JSON.stringify(r.diagnostics));
    const [t] = r.transforms;
    assert.deepEqual(t.variables, ['q1', 'q2']);
    assert.ok(t.assumed?.some((a) => /l1 = 1\.5, l2 = 0\.8/.test(a)), `assumed: ${t.assumed}`);
    for (const [q1, q2] of [[0.3, 0.7], [-1.1, 1.9], [2, -0.4]]) {
      const expected = 1.5 * 0.8 * Math.sin(q2);
      detMatches(t, ([a, b]) => [1.5 * Math.cos(a) + 0.8 * Math.cos(a + b), 1.5 * Math.sin(a) + 0.8 * Math.sin(a + b)], [q1, q2], expected);
      const d = compileClosure(parsePlainExpr(t.det), t.variables)([q1, q2]);
      assert.ok(Math.abs(d - expected) < 1e-9, `det J ${t.det} at (${q1}, ${q2})`);
    }
  });

  it('one point parameter used by index, then a setting: `(p, k = 0.1) => …` is a map of (p0, p1)', () => {
    const r = read('export const warp = (p, k = 0.1) => { const s = 1 + k * (p[0] * p[0] + p[1] * p[1]); return [p[0] * s, p[1] * s]; };');
    assert.equal(r.transforms.length, 1, JSON.stringify(r.diagnostics));
    const [t] = r.transforms;
    assert.deepEqual(t.variables, ['p0', 'p1']);
    const f = ([x, y]: number[]) => { const s = 1 + 0.1 * (x * x + y * y); return [x * s, y * s]; };
    for (const at of [[0.5, -1.2], [1.7, 0.3]]) {
      const [x, y] = at, r2 = x * x + y * y;
      detMatches(t, f, at, (1 + 0.1 * r2) * (1 + 0.3 * r2));
    }
  });

  it('a default that is not a constant, or a missing default, does not make settings: no map, nothing invented', () => {
    const noDefault = read('export function g(x, y, s) { return [s * x, y]; }');
    assert.equal(noDefault.transforms.length, 0);
    const fromInput = read('export function g(x, y, s = x) { return [s * x, y]; }');
    assert.equal(fromInput.transforms.length, 0);
  });

  it('a function of n variables that also has defaults is read as before: all of them are variables', () => {
    const r = read('export function h(x, y = 0) { return [x + y, x - y]; }');
    assert.equal(r.transforms.length, 1);
    assert.deepEqual(r.transforms[0].variables, ['x', 'y']);
  });
});

describe('code: settings that are options objects destructured with defaults, or functions', () => {
  it('`(x, y, { k1 = 0.2, k2 = 0.05 } = {})`: a map of (x, y), the options read as their defaults (typed too)', () => {
    const r = analyzeText([
      'export function pincushion(x, y, { k1 = 0.2, k2 = 0.05 } = {}) {',
      '  const q = x * x + y * y;',
      '  const g = 1 + k1 * q + k2 * q * q;',
      '  return [x * g, y * g];',
      '}',
      'interface Tune { gain?: number }',
      'export function squash(u: number, v: number, { gain = 3 }: Tune = {}) {',
      '  return { u: Math.tanh(gain * u) + v, v: v * v * v + v };',
      '}',
    ].join('\n'), 'lens.ts');
    const p = byName(r, 'pincushion');
    // radial g(q) with q = r^2: det J = g (g + 2 q g'(q)) = g (1 + 0.6 q + 0.25 q^2)
    assertDet(p, ['x', 'y'], '(1 + 0.2 * (x^2 + y^2) + 0.05 * (x^2 + y^2)^2) * (1 + 0.6 * (x^2 + y^2) + 0.25 * (x^2 + y^2)^2)');
    assert.ok(p.assumed?.some((a) => /k1 = 0\.2, k2 = 0\.05 \} = \{\}/.test(a)), `assumed: ${p.assumed}`);
    assertDet(byName(r, 'squash'), ['u', 'v'], '3 * (1 - tanh(3 * u)^2) * (3 * v^2 + 1)');
    assert.deepEqual(r.diagnostics, []);
  });

  it('an option the call gives overrides nothing here: `{ k = 1 } = { k: 2 }` reads 2', () => {
    const r = analyzeText('export const shift = (a, b, { k = 1 } = { k: 2 }) => [a + k * b * b, b];');
    assertDet(byName(r, 'shift'), ['a', 'b'], '1', { components: ['a + 2 * b^2', 'b'] });
  });

  it('a function as the default setting (an arrow, or a function of the file): read as that function', () => {
    const r = analyzeText([
      'const cubic = (t) => t * t * t + t;',
      'export function warpBoth(x, y, f = cubic) {',
      '  return [f(x) + y, f(y)];',
      '}',
      'export function warpInline(x, y, f = (t) => Math.sinh(t)) {',
      '  return { x: f(x), y: f(y) - x };',
      '}',
    ].join('\n'));
    assertDet(byName(r, 'warpBoth'), ['x', 'y'], '(3 * x^2 + 1) * (3 * y^2 + 1)', { components: ['x^3 + x + y', 'y^3 + y'] });
    assertDet(byName(r, 'warpInline'), ['x', 'y'], 'cosh(x) * cosh(y)');
    assert.deepEqual(r.diagnostics, []);
  });

  it('a destructured default read as JavaScript does (`{ k = x }` is x there); an option object as the only parameter stays quiet', () => {
    const fromInput = analyzeText('export function g(x, y, { k = x } = {}) { return [k * x, y + x]; }');
    assertDet(byName(fromInput, 'g'), ['x', 'y'], '2 * x', { components: ['x^2', 'y + x'] });
    const onlyOptions = analyzeText('export function h({ a = 1, b = 2 } = {}) { return [a + b, a * b]; }');
    assert.deepEqual(onlyOptions.diagnostics, []);
  });
});
