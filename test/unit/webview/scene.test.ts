import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../../src/core/document';
import { createEngineOptions } from '../../../src/core/engine';
import type { TransformReport } from '../../../src/core/report';
import { buildModel } from '../../../webview/lib/model';
import { computeScene, SceneRequest } from '../../../webview/lib/scene';
import { computeScene1D } from '../../../webview/lib/scene1d';
import { preimages } from '../../../webview/lib/readout';
import { clippedArea, normalMassOfBox, rasterizeTriangle } from '../../../webview/lib/density';
import { projectionMatrix } from '../../../webview/lib/viewState';

const report = (def: string): TransformReport =>
  analyzeDocument(`\`\`\`transform\n${def}\n\`\`\`\n`, 'markdown', 'a.md', createEngineOptions()).transforms[0];

const modelOf = (r: TransformReport, standIns = {}) => buildModel({ variables: r.variables, trees: r.trees, freeSymbols: r.freeSymbols, standIns });

const pane = { cx: 0, cy: 0, scale: 60, width: 400, height: 400 };
function request(r: TransformReport, over: Partial<SceneRequest> = {}): SceneRequest {
  const n = r.variables.length;
  return {
    domain: r.domain, vary: [0, 1], base: r.domain.map(([a, b]) => (a + b) / 2), projection: projectionMatrix({ kind: 'axes', axes: [0, 1] }, n),
    lines: 8, cells: 16, ellipses: 4, input: pane, output: pane, density: false, ...over,
  };
}

describe('scenes', () => {
  it('(2x, y): vertical lines land at x = 2u, cells double in area, ellipses are J applied to circles', () => {
    const r = report('f(x, y) = (2 x, y)');
    const s = computeScene(modelOf(r), request(r));
    for (const l of s.lines.filter((l) => l.family === 0)) {
      for (let i = 0; i < l.points.length; i += 2) if (Number.isFinite(l.points[i])) assert.ok(Math.abs(l.points[i] - 2 * l.at) < 1e-12);
    }
    for (const v of s.cells.logDet) assert.ok(Math.abs(v - Math.log(2)) < 1e-12);
    assert.equal(s.fold.input.length, 0);
    for (const e of s.ellipses) {
      assert.deepEqual(e.m.map((x) => x / e.r), [2, 0, 0, 1]);
      assert.ok(Math.abs(e.cx - 2 * e.u) < 1e-12 && Math.abs(e.cy - e.v) < 1e-12);
    }
    assert.ok(Math.abs(s.logDetScale - Math.log(2)) < 1e-12, 'a constant det J = 2 is the end of the scale');
  });

  it('(x, y^2): the fold is y = 0 and maps to y\' = 0; cells below it are flipped', () => {
    const r = report('f(x, y) = (x, y^2)');
    const s = computeScene(modelOf(r), request(r));
    assert.ok(s.fold.input.length > 0);
    for (let i = 1; i < s.fold.input.length; i += 2) assert.ok(Math.abs(s.fold.input[i]) < 1e-9);
    for (const f of s.fold.output) for (let i = 1; i < f.length; i += 2) if (Number.isFinite(f[i])) assert.ok(Math.abs(f[i]) < 1e-9);
    const { nu, nv, sign } = s.cells;
    for (let j = 0; j < nv; j++) for (let i = 0; i < nu; i++) assert.equal(sign[j * nu + i], j < nv / 2 ? -1 : 1);
  });

  it('finds both preimages of a point of a folded map', () => {
    const r = report('f(x, y) = (x, y^2)');
    const m = modelOf(r);
    const s = computeScene(m, request(r));
    const pre = preimages(m, s, [0, 0], projectionMatrix({ kind: 'axes', axes: [0, 1] }, 2), 0.5, 1.21);
    assert.equal(pre.length, 2);
    const ys = pre.map(([, y]) => y).sort((a, b) => a - b);
    assert.ok(Math.abs(ys[0] + 1.1) < 1e-9 && Math.abs(ys[1] - 1.1) < 1e-9);
    for (const [x] of pre) assert.ok(Math.abs(x - 0.5) < 1e-9);
  });

  it('pushes N(0, I) forward with the right mass: injective (polar) and folded (x, y^2)', () => {
    for (const def of ['polar(r, theta) = (r cos(theta), r sin(theta))\ndomain: r in [0.1, 2], theta in [-3, 3]', 'f(x, y) = (x, y^2)', 'f(x, y) = (x + y^3, y)']) {
      const r = report(def);
      const s = computeScene(modelOf(r), request(r, { density: true, fit: true }));
      const d = s.density!;
      assert.ok(Math.abs(d.mass - d.expected) < 0.01 * d.expected, `${def}: mass ${d.mass} vs ${d.expected}`);
      assert.ok(Math.abs(d.expected - normalMassOfBox(r.domain)) < 1e-12);
    }
  });

  it('density values are p_Z / |det J| (identity: p_Z itself; (2x, y): half of it)', () => {
    for (const [def, factor] of [['f(x, y) = (x, y)', 1], ['f(x, y) = (2 x, y)', 0.5]] as const) {
      const r = report(def);
      const s = computeScene(modelOf(r), request(r, { density: true, output: { cx: 0, cy: 0, scale: 40, width: 300, height: 300 } }));
      const d = s.density!;
      // The pixel whose centre is at world (x, y): column W/2 + x*scale - 0.5, row H/2 - y*scale - 0.5.
      for (const [x, y] of [[0.3, 0.2], [-0.5, 1]]) {
        const col = Math.floor(d.width / 2 + x * 40), row = Math.floor(d.height / 2 - y * 40);
        const X = (col + 0.5 - d.width / 2) / 40, Y = (d.height / 2 - row - 0.5) / 40;
        const z = [X / (factor === 1 ? 1 : 2), Y];
        const want = (factor * Math.exp(-0.5 * (z[0] ** 2 + z[1] ** 2))) / (2 * Math.PI);
        assert.ok(Math.abs(d.data[row * d.width + col] - want) < 0.03 * want, `${def} at (${x}, ${y}): ${d.data[row * d.width + col]} vs ${want}`);
      }
    }
  });

  it('draws the seed\'s coupling layer with stand-ins, and det J agrees with LU of J', () => {
    const r = report('coupling(z1, z2) = (z1, z2 exp(s(z1)) + t(z1))');
    assert.equal(r.numeric.available, false);
    const m = modelOf(r);
    assert.deepEqual(m.standIns.map((s) => [s.name, s.formula]), [['s', 'tanh(u)/2'], ['t', 'sin(u)/2']]);
    const s = computeScene(m, request(r));
    const { nu, nv, logDet } = s.cells;
    for (let j = 0; j < nv; j++) for (let i = 0; i < nu; i++) {
      const z1 = -2 + (i + 0.5) * (4 / nu);
      assert.ok(Math.abs(logDet[j * nu + i] - Math.tanh(z1) / 2) < 1e-12, 'log|det J| = s(z1)');
    }
    const m2 = modelOf(r, { s: 'log(2)', t: '3' });
    const J = new Float64Array(4), f = new Float64Array(2);
    m2.J([0.4, -1], J);
    m2.f([0.4, -1], f);
    assert.deepEqual([...J], [1, 0, 0, 2]);
    assert.deepEqual([...f], [0.4, 1]);
  });

  it('slices a 3-D map and colours by the 3-D volume factor', () => {
    const r = report('spherical(r, theta, phi) = (r sin(theta) cos(phi), r sin(theta) sin(phi), r cos(theta))\ndomain: r in [0.1, 2], theta in [0.1, 3], phi in [-3, 3]');
    const P = projectionMatrix({ kind: 'orbit', yaw: -30, pitch: 20 }, 3);
    const s = computeScene(modelOf(r), request(r, { vary: [0, 1], base: [1, 1, 0.7], projection: P }));
    const { nu, logDet } = s.cells;
    const rr = 0.1 + 0.5 * (1.9 / nu), th = 0.1 + 0.5 * (2.9 / nu);
    assert.ok(Math.abs(logDet[0] - Math.log(rr * rr * Math.sin(th))) < 1e-9);
    assert.ok(s.cells.order, 'an orbit projection draws far cells first');
    // Rows of the projection are orthonormal.
    const dot = (a: number[], b: number[]) => a.reduce((t, x, i) => t + x * b[i], 0);
    assert.ok(Math.abs(dot(P[0], P[0]) - 1) < 1e-12 && Math.abs(dot(P[1], P[1]) - 1) < 1e-12 && Math.abs(dot(P[0], P[1])) < 1e-12);
  });

  it('1-D: finds where f\' = 0, measures stretching, and pushes N(0, 1) forward', () => {
    const r = report('g(x) = (x^3 - x)\ndomain: x in [-1.5, 1.5]');
    const s = computeScene1D(modelOf(r), { domain: r.domain[0], lines: 12, graph: { cx: 0, cy: 0, scale: 100, width: 600, height: 300 }, aspect: 1, fit: true, density: true });
    assert.equal(s.folds.length, 2);
    for (const x of s.folds) assert.ok(Math.abs(Math.abs(x) - 1 / Math.sqrt(3)) < 1e-9);
    assert.ok(Math.abs(s.density!.mass - s.density!.expected) < 2e-3, `${s.density!.mass} vs ${s.density!.expected}`);
    assert.deepEqual(Array.from(s.sign), [1, 1, 1, 1, -1, -1, -1, -1, 1, 1, 1, 1], "net direction of each interval (the folds at ±0.577 lie inside intervals 4 and 9)");
    assert.ok(Math.abs(s.stretch[0] - Math.abs((s.images[1] - s.images[0]) / 0.25)) < 1e-12);
  });
});

describe('rasterizing triangles', () => {
  it('covers pixels by exact area: two triangles tiling a square add up to the square', () => {
    const W = 10, H = 10, data = new Float32Array(W * H);
    const a1 = rasterizeTriangle(data, W, H, 1.3, 1.7, 7.2, 1.7, 7.2, 6.1, 1);
    const a2 = rasterizeTriangle(data, W, H, 1.3, 1.7, 7.2, 6.1, 1.3, 6.1, 1);
    const sum = data.reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(a1 + a2 - 5.9 * 4.4) < 1e-9);
    assert.ok(Math.abs(sum - 5.9 * 4.4) < 1e-4);
    for (const v of data) assert.ok(v <= 1 + 1e-6, 'no pixel is counted twice');
    assert.ok(Math.abs(data[3 * W + 4] - 1) < 1e-6, 'an inner pixel is fully covered');
  });

  it('keeps the mass of a triangle smaller than a pixel', () => {
    const data = new Float32Array(16);
    const a = rasterizeTriangle(data, 4, 4, 1.1, 1.1, 1.4, 1.2, 1.2, 1.35, 2);
    assert.ok(Math.abs(data.reduce((s, v) => s + v, 0) - 2 * a) < 1e-7);
    assert.equal(clippedArea([0, 0, 2, 0, 0, 2], 0, 0, 1, 1), 1);
  });
});
