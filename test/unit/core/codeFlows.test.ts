import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../../src/core/document';
import { createEngineOptions } from '../../../src/core/engine';
import type { FileReport } from '../../../src/core/report';
import { assertChainRule, assertInverse, named } from '../helpers/flows';
import { assertWitness, mapFromStrings } from '../helpers/maps';

const engine = createEngineOptions();
const analyse = (code: string): FileReport => analyzeDocument(code, 'typescript', 'flow.ts', engine);

const LAYERS = `
export function coupling(x: number, y: number): [number, number] {
  return [x, y * Math.exp(Math.tanh(x) / 2) + (x * x) / 4];
}
export const swap = (u: number, v: number): [number, number] => [v, u];
export function shear(p: number, q: number): [number, number] {
  return [p + Math.sin(q) / 2, q];
}
`;

describe('flows in code: functions that apply the file\'s maps in sequence', () => {
  it('const [u, v] = c(x, y); return d(...R(u, v)): layers in application order, the chain rule, a proof from the layers', () => {
    const r = analyse(`${LAYERS}
export function flow(x: number, y: number): [number, number] {
  const [u, v] = coupling(x, y);
  return shear(...swap(u, v));
}`);
    const F = named(r, 'flow');
    assert.deepEqual(F.layers!.map((l) => l.name), ['coupling', 'swap', 'shear']);
    assert.deepEqual(F.variables, ['x', 'y']);
    assertChainRule(F);
    assert.equal(F.invertibility.verdict, 'invertible');
    assert.equal(F.invertibility.certainty, 'proof');
    assertInverse(F);
    // the spread no longer stops the reader: nothing is said about flow
    assert.deepEqual(r.diagnostics.filter((d) => d.range.start.line >= 9), [], JSON.stringify(r.diagnostics));
  });

  it('arrays passed on (const z = c(x, y); return d(...R(...z))) and a plain return [p, q] read the same flow', () => {
    const r = analyse(`${LAYERS}
function viaArray(x: number, y: number) {
  const z = coupling(x, y);
  return shear(...swap(...z));
}
function stepwise(a: number, b: number) {
  const [u, v] = coupling(a, b);
  const [p, q] = swap(u, v);
  const [s, t] = shear(p, q);
  return [s, t];
}`);
    const A = named(r, 'viaArray'), B = named(r, 'stepwise');
    for (const t of [A, B]) {
      assert.deepEqual(t.layers!.map((l) => l.name), ['coupling', 'swap', 'shear'], t.name);
      assertChainRule(t);
    }
    assert.deepEqual(B.variables, ['a', 'b']);
    const f = mapFromStrings(A.components, A.variables), g = mapFromStrings(B.components, B.variables);
    for (const x of [[0.4, -1.1], [-1.7, 0.2]]) g(x).forEach((v, i) => assert.ok(Math.abs(v - f(x)[i]) < 1e-12));
  });

  it('a layer that is not injective is named as the reason, its witness a valid pair of the whole', () => {
    const r = analyse(`
function half(x: number, y: number) { return [x / 2 + 0.5, y]; }
function fold(x: number, y: number) { return [x * x, y]; }
function squash(x: number, y: number) {
  const [a, b] = half(x, y);
  const [c, d] = fold(a, b);
  return half(c, d);
}`);
    const N = named(r, 'squash');
    assert.deepEqual(N.layers!.map((l) => l.name), ['half', 'fold', 'half']);
    assert.equal(N.invertibility.verdict, 'not-invertible');
    assert.match(N.invertibility.reason, /^fold is not injective on the image of half/);
    assertWitness(N.invertibility.witness!, mapFromStrings(N.components, N.variables), N.domain, 'squash');
  });

  it('arithmetic between the calls makes an ordinary map: inlined, no layers', () => {
    const r = analyse(`${LAYERS}
function shifted(x: number, y: number) {
  const [u, v] = coupling(x, y);
  return swap(u + 1, v);
}
function reordered(x: number, y: number) {
  const [u, v] = coupling(x, y);
  return swap(v, u);
}`);
    for (const name of ['shifted', 'reordered']) {
      const t = named(r, name);
      assert.equal(t.layers, undefined, name);
    }
  });
});
