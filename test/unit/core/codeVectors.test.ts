import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../../src/core/document';
import { createEngineOptions } from '../../../src/core/engine';
import { luDet, randomPoint, rng } from '../../../src/core/math/numeric';
import type { FileReport, TransformReport } from '../../../src/core/report';
import { close, fdDet, named } from '../helpers/flows';
import { mapFromStrings } from '../helpers/maps';

const engine = createEngineOptions();
const analyse = (code: string, file = 'layers.ts'): FileReport => analyzeDocument(code, 'typescript', file, engine);

type F = (x: readonly number[]) => number[];

/**
 * The report's components agree with our own implementation of the map, and its det J with
 * finite differences (and with `det` when given), at random points of the domain.
 */
function assertMap(t: TransformReport, reference: F, det?: (x: readonly number[]) => number): void {
  const f = mapFromStrings(t.components, t.variables);
  const d = mapFromStrings([t.det], t.variables);
  const rand = rng(11);
  for (let k = 0; k < 10; k++) {
    const x = randomPoint(t.domain, rand);
    reference(x).forEach((v, i) => assert.ok(close(f(x)[i], v, 1e-12), `${t.name}: component ${i} at ${x} is ${f(x)[i]}, the code computes ${v}`));
    const fd = fdDet(reference, x);
    assert.ok(close(d(x)[0], fd), `${t.name}: det J at ${x} is ${d(x)[0]}, finite differences give ${fd}`);
    if (det) assert.ok(close(d(x)[0], det(x), 1e-9), `${t.name}: det J at ${x} is ${d(x)[0]}, the closed form gives ${det(x)}`);
  }
}

const matVec = (M: number[][], v: readonly number[]) => M.map((row) => row.reduce((s, m, j) => s + m * v[j], 0));
const dot = (a: readonly number[], b: readonly number[]) => a.reduce((s, x, i) => s + x * b[i], 0);

// layers at n = 2 and n = 3, with constants of our own
const CASES = [
  { n: 2, W: [[1.5, -0.5], [0.25, 2]], b: [0.3, -1], u: [0.8, -0.6], w: [1.2, 0.4], c: 0.2, s: [2, 0.25], m: [-1, 0.5] },
  { n: 3, W: [[2, 1, 0], [0, 1, 0.5], [1, 0, 1]], b: [0.1, -0.2, 0.3], u: [1, 0.5, -0.25], w: [0.5, -1, 2], c: 0.1, s: [2, 0.5, 3], m: [1, 2, 3] },
];

const source = (k: (typeof CASES)[number]) => `
const W = ${JSON.stringify(k.W)};
const b = ${JSON.stringify(k.b)};
const u = ${JSON.stringify(k.u)};
const w = ${JSON.stringify(k.w)};
const s = ${JSON.stringify(k.s)};
const m = ${JSON.stringify(k.m)};

function matVec(M: number[][], v: number[]): number[] {
  return M.map((row) => row.reduce((acc, mij, j) => acc + mij * v[j], 0));
}
function dot(a: number[], c: number[]): number {
  let t = 0;
  for (let i = 0; i < a.length; i++) t += a[i] * c[i];
  return t;
}
function add(a: number[], c: number[]): number[] {
  return a.map((ai, i) => ai + c[i]);
}

export function affine(x: number[]): number[] {
  return add(matVec(W, x), b);
}
export function planar(z: number[]): number[] {
  const h = Math.tanh(dot(w, z) + ${k.c});
  return z.map((zi, i) => zi + u[i] * h);
}
export function actnorm(x: number[]) {
  return x.map((xi, i) => s[i] * xi + m[i]);
}
export function looped(x: number[]) {
  const out = new Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = s[i] * x[i] + m[i];
  return out;
}
export function pushed(x: Float64Array) {
  const out: number[] = [];
  for (let i = 0; i < ${k.n}; i++) out.push(x[i] + u[i] * Math.tanh(dot(w, x) + ${k.c}));
  return out;
}
export function made(x: number[]) {
  const y = new Float64Array(${k.n});
  for (let i = 0; i < y.length; i++) y[i] = dot(W[i], x) + b[i];
  return Array.from(y, (yi, i) => yi * s[i]);
}
`;

describe('vector layers in code: constant arrays as vectors and matrices', () => {
  for (const k of CASES) {
    describe(`n = ${k.n}`, () => {
      const r = analyse(source(k));
      const planarDet = (z: readonly number[]) => 1 + (1 - Math.tanh(dot(k.w, z) + k.c) ** 2) * dot(k.w, k.u);
      const planar: F = (z) => z.map((zi, i) => zi + k.u[i] * Math.tanh(dot(k.w, z) + k.c));

      it('an array parameter has the size of the constant vectors and matrices it is used with: one variable per entry', () => {
        for (const name of ['affine', 'planar', 'actnorm', 'looped', 'pushed', 'made']) {
          assert.equal(named(r, name).variables.length, k.n, name);
        }
        assert.deepEqual(named(r, 'affine').variables, Array.from({ length: k.n }, (_, i) => `x${i}`));
        assert.deepEqual(r.diagnostics, []);
      });

      it('W x + b through matVec and add: det J = det W, exactly', () => {
        const t = named(r, 'affine');
        assertMap(t, (x) => matVec(k.W, x).map((v, i) => v + k.b[i]));
        const detW = luDet(k.W);
        assert.ok(Math.abs(Number(t.det) - detW) < 1e-12, `det J = ${t.det}, det W = ${detW}`);
        assert.equal(t.invertibility.verdict, 'invertible');
        assert.equal(t.invertibility.certainty, 'proof');
      });

      it('the planar layer z + u h(w·z + b): det J = 1 + h\'(w·z + b) w·u', () => {
        for (const name of ['planar', 'pushed']) assertMap(named(r, name), planar, planarDet);
      });

      it('ActNorm s ⊙ x + m, written with map, with a loop over new Array, and y = W x + b scaled: det J = Π s_i (times det W)', () => {
        const prod = k.s.reduce((a, x) => a * x, 1);
        const act: F = (x) => x.map((xi, i) => k.s[i] * xi + k.m[i]);
        assertMap(named(r, 'actnorm'), act, () => prod);
        assertMap(named(r, 'looped'), act, () => prod);
        assertMap(named(r, 'made'), (x) => matVec(k.W, x).map((v, i) => (v + k.b[i]) * k.s[i]), () => prod * luDet(k.W));
      });
    });
  }

  it('an array without constants of one size to tell its length is not a map; code that is not a map stays quiet', () => {
    const r = analyse(`
const weights = [1, 2, 3];
const origin = [0, 0];
export function doubled(arr: number[]) { return arr.map((a) => a * 2); }
export function mixed(arr: number[]) { return arr.map((a, i) => a * weights[i] + origin[i % 2]); }
export function total(arr: number[]) { return arr.reduce((s, a, i) => s + a * weights[i], 0); }
export function labels(n: number) { const out: string[] = []; for (let i = 0; i < 3; i++) out.push('x' + i); return out; }
`);
    assert.deepEqual(r.transforms.map((t) => t.name), []);
    assert.deepEqual(r.diagnostics, []);
  });
});
