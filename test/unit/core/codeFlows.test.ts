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

describe('flows in code: layers imported from another file of the workspace', () => {
  // two files of our own, held in memory: the reader gets them only through readFile
  const files: Record<string, string> = {
    '/ws/layers.ts': `
import { squash } from './act';
/** an affine coupling: y scaled by exp(s(x)), shifted by t(x) */
export function coupling(x: number, y: number): [number, number] {
  return [x, y * Math.exp(squash(x)) + x / 3];
}
export const permute = (u: number, v: number): [number, number] => [v, u];
export function fold(p: number, q: number) { return [p * p, q]; }
export function sideEffect(p: number, q: number) { console.log(p); return [p, q]; }
`,
    '/ws/act.ts': 'export const squash = (a: number) => Math.tanh(a) / 2;\n',
  };
  const read = (p: string) => (Object.prototype.hasOwnProperty.call(files, p) ? files[p] : null);
  const analyseIn = (code: string, readFile: ((p: string) => string | null) | null = read): FileReport =>
    analyzeDocument(code, 'typescript', '/ws/flow.ts', { ...engine, ...(readFile ? { readFile } : {}) });

  it('import { coupling, permute } then const [u, v] = coupling(x, y); return permute(u, v): a composition with its layers table', () => {
    const r = analyseIn(`import { coupling, permute } from "./layers";
export function flow(x: number, y: number) {
  const [u, v] = coupling(x, y);
  return permute(u, v);
}`);
    const F = named(r, 'flow');
    assert.deepEqual(F.layers!.map((l) => l.name), ['coupling', 'permute']);
    assertChainRule(F);
    // the layers' det J: exp(tanh(x)/2) and -1
    const c = mapFromStrings([F.layers![0].det], F.layers![0].variables), p = mapFromStrings([F.layers![1].det], F.layers![1].variables);
    for (const x of [[0.3, -0.7], [-1.2, 0.4]]) {
      assert.ok(Math.abs(c(x)[0] - Math.exp(Math.tanh(x[0]) / 2)) < 1e-12);
      assert.equal(p(x)[0], -1);
    }
    assert.equal(F.invertibility.verdict, 'invertible');
    assert.equal(F.invertibility.certainty, 'proof');
    assertInverse(F);
    // where a layer comes from: its import in the document
    assert.equal(F.layers![0].range!.start.line, 0);
    assert.deepEqual(r.diagnostics, []);
  });

  it('a non-injective imported layer is named as the reason; a layer that cannot be read leaves the inlined map', () => {
    const r = analyseIn(`import { coupling, fold, sideEffect } from "./layers";
function squashed(x: number, y: number) {
  const [a, b] = coupling(x, y);
  return fold(a, b);
}
function noisy(x: number, y: number) {
  const [a, b] = coupling(x, y);
  return sideEffect(a, b);
}`);
    const N = named(r, 'squashed');
    assert.deepEqual(N.layers!.map((l) => l.name), ['coupling', 'fold']);
    assert.equal(N.invertibility.verdict, 'not-invertible');
    assert.match(N.invertibility.reason, /^fold is not injective/);
    assertWitness(N.invertibility.witness!, mapFromStrings(N.components, N.variables), N.domain, 'squashed');
    assert.equal(r.transforms.find((t) => t.name === 'noisy')?.layers, undefined);
  });

  it('import * as L: L.coupling and L.permute are the layers, named as the flow writes them', () => {
    const r = analyseIn(`import * as L from "./layers";
export function flow(x: number, y: number) {
  const z = L.coupling(x, y);
  return L.permute(...z);
}`);
    const F = named(r, 'flow');
    assert.deepEqual(F.layers!.map((l) => l.name), ['L.coupling', 'L.permute']);
    assertChainRule(F);
    assert.equal(F.invertibility.certainty, 'proof');
  });

  it('without access to the files (the web extension) the imported layers are not read and nothing is made up', () => {
    const r = analyseIn(`import { coupling, permute } from "./layers";
export function flow(x: number, y: number) {
  const [u, v] = coupling(x, y);
  return permute(u, v);
}`, null);
    assert.equal(r.transforms.find((t) => t.name === 'flow')?.layers, undefined);
  });
});
