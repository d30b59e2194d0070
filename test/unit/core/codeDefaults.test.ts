/** Parameters with default values after a map's variables: settings of the map, not variables. */
import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../../src/core/document';
import { createEngineOptions } from '../../../src/core/engine';
import { compileClosure, luDet } from '../../../src/core/math/numeric';
import { parsePlainExpr } from '../../../src/core/parse/plainExpr';

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
