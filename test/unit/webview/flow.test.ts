import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../../src/core/document';
import { createEngineOptions } from '../../../src/core/engine';
import type { TransformReport } from '../../../src/core/report';
import { buildModel } from '../../../webview/lib/model';
import { describeFlowPoint, flowSummary, modelOf } from '../../../webview/lib/flow';
import { computeScene, SceneRequest } from '../../../webview/lib/scene';
import { projectionMatrix } from '../../../webview/lib/viewState';
import { formulaList } from '../../../webview/lib/formulas';
import { reportProblem } from '../../../src/protocol/messages';
import { FLOW_NOTE } from '../helpers/flows';


const flowReport = (): TransformReport => {
  const t = analyzeDocument(FLOW_NOTE, 'markdown', 'flow.md', createEngineOptions()).transforms.find((x) => x.name === 'F');
  assert.ok(t?.layers && t.trees.layers);
  return t;
};

const spec = (r: TransformReport, upTo: number, colour: 'layer' | 'total' = 'total') =>
  ({ variables: r.variables, trees: r.trees, freeSymbols: r.freeSymbols, flow: { layers: r.trees.layers!, upTo, colour } });

const pane = { cx: 0, cy: 0, scale: 60, width: 400, height: 400 };
const request = (r: TransformReport, over: Partial<SceneRequest> = {}): SceneRequest => ({
  domain: r.domain, vary: [0, 1], base: [0, 0], projection: projectionMatrix({ kind: 'axes', axes: [0, 1] }, 2),
  lines: 8, cells: 16, ellipses: 0, input: pane, output: pane, density: true, fit: true, ...over,
});

describe('stepping through a flow in the panel', () => {
  const r = flowReport();

  it('all layers applied one by one give the composition: f, J (chain rule) and det J agree with the inlined map', () => {
    const whole = buildModel({ variables: r.variables, trees: r.trees, freeSymbols: r.freeSymbols });
    const chain = modelOf(spec(r, 3));
    const a = new Float64Array(2), b = new Float64Array(2), Ja = new Float64Array(4), Jb = new Float64Array(4);
    for (const z of [[0.3, -0.7], [-1.2, 1.1], [1.4, 0.2]]) {
      whole.f(z, a); chain.f(z, b);
      whole.J(z, Ja); chain.J(z, Jb);
      a.forEach((v, i) => assert.ok(Math.abs(v - b[i]) < 1e-12, `f at ${z}`));
      Ja.forEach((v, i) => assert.ok(Math.abs(v - Jb[i]) < 1e-9, `J at ${z}: ${Ja} vs ${Jb}`));
      assert.ok(Math.abs(whole.det(z) - chain.det(z)) < 1e-9);
      // the layers' dets at their inputs multiply to det J; the permutation contributes -1
      const dets = chain.layerDets!(z);
      assert.equal(dets[1], -1);
      assert.ok(Math.abs(dets.reduce((p, d) => p * d, 1) - chain.det(z)) < 1e-12);
    }
  });

  it('a piecewise layer (a leaky ReLU on each coordinate) is stepped through piece by piece: the whole flow is the inlined piecewise map', () => {
    const note = [
      '$$ g(t) = \\begin{cases} t & t > 0 \\\\ t/10 & \\text{otherwise} \\end{cases} $$', 'then',
      '$$ c(x, y) = (x + y/2, y) $$', 'and', '$$ R(u, v) = (v, u) $$', 'so', '$$ F = g \\circ R \\circ c $$',
    ].join('\n');
    const t = analyzeDocument(note, 'markdown', 'leaky.md', createEngineOptions()).transforms.find((x) => x.name === 'F');
    assert.ok(t?.trees.layers && t.trees.pieces?.length === 4, JSON.stringify(t?.notes));
    assert.ok(t.trees.layers[2].pieces, 'the leaky ReLU layer keeps its pieces');
    const whole = buildModel({ variables: t.variables, trees: t.trees, freeSymbols: t.freeSymbols });
    const chain = modelOf(spec(t, 3));
    const leaky = (v: number) => (v > 0 ? v : v / 10);
    const a = new Float64Array(2), b = new Float64Array(2);
    for (const z of [[0.3, -0.7], [-1.2, 1.1], [1.4, 0.2], [-0.5, -1.5]]) {
      whole.f(z, a); chain.f(z, b);
      const byHand = [leaky(z[1]), leaky(z[0] + z[1] / 2)];
      b.forEach((v, i) => assert.ok(Math.abs(v - byHand[i]) < 1e-12 && Math.abs(v - a[i]) < 1e-12, `f at ${z}: ${[...b]} vs ${byHand}`));
      const det = -(z[1] > 0 ? 1 : 0.1) * (z[0] + z[1] / 2 > 0 ? 1 : 0.1);
      assert.ok(Math.abs(chain.det(z) - det) < 1e-12 && Math.abs(whole.det(z) - det) < 1e-12, `det J at ${z}`);
    }
  });

  it('step 0 is the identity; step k is the first k layers', () => {
    const id = modelOf(spec(r, 0));
    const out = new Float64Array(2);
    id.f([0.4, -0.3], out);
    assert.deepEqual([...out], [0.4, -0.3]);
    assert.equal(id.det([0.4, -0.3]), 1);
    const two = modelOf(spec(r, 2));
    two.f([0.4, -0.3], out);
    // R(c(x, y)) = (y e^{tanh(x)/2} + x^2/4, x)
    assert.ok(Math.abs(out[0] - (-0.3 * Math.exp(Math.tanh(0.4) / 2) + 0.04)) < 1e-12 && out[1] === 0.4);
  });

  it('the probability mass stays 1 after every step, within the quadrature error, for both base densities', function () {
    this.timeout(120000);
    for (const [baseDensity, steps] of [['normal', [0, 1, 2, 3]], ['uniform', [3]]] as const) {
      for (const k of steps) {
        const s = computeScene(modelOf(spec(r, k)), request(r, { baseDensity }));
        const d = s.density!;
        assert.equal(d.base, baseDensity);
        assert.ok(d.error > 0 && d.error < 0.01 * d.expected, `step ${k} (${baseDensity}): error estimate ${d.error}`);
        assert.ok(Math.abs(d.mass / d.expected - 1) <= Math.max(3 * d.error / d.expected, 1e-3), `step ${k} (${baseDensity}): mass ${d.mass} of ${d.expected} ± ${d.error}`);
        assert.match(flowSummary(s, ['c', 'R', 'd'], k), /mass [\d.]+ = 1 within the quadrature error ±/);
      }
    }
  });

  it('a wrong det J shows as lost mass: the summary says the mass is not 1', () => {
    const m = modelOf(spec(r, 1));
    const wrong = { ...m, det: (z: ArrayLike<number>) => 2 * m.det(z) };
    const s = computeScene(wrong, request(r));
    assert.ok(Math.abs(s.density!.mass / s.density!.expected - 0.5) < 0.01);
    assert.match(flowSummary(s, ['c', 'R', 'd'], 1), /≠ 1/);
  });

  it('colours: the last layer alone (the permutation flips every cell, log|det| 0) or the running total', () => {
    const layer = computeScene(modelOf(spec(r, 2, 'layer')), request(r, { density: false }));
    assert.ok([...layer.cells.sign].every((s) => s === -1), 'R flips every cell');
    assert.ok([...layer.cells.logDet].every((v) => Math.abs(v) < 1e-12), 'R keeps areas');
    const total = computeScene(modelOf(spec(r, 2, 'total')), request(r, { density: false }));
    // the running total after c and R: log|det| = tanh(x)/2 at each cell's centre
    const { nu, nv } = total.cells;
    for (let j = 0; j < nv; j += 5) for (let i = 0; i < nu; i += 5) {
      const x = -1.5 + (i + 0.5) * (3 / nu);
      assert.ok(Math.abs(total.cells.logDet[j * nu + i] - Math.tanh(x) / 2) < 1e-9);
    }
    assert.ok(total.flowRanges && total.flowRanges.layer![0] === -1 && total.flowRanges.layer![1] === -1);
    const summary = flowSummary(total, ['c', 'R', 'd'], 2);
    assert.match(summary, /^R: log\|det J\| 0 · running total \(c \+ R\): -0\.\d+ … 0\.\d+/);
  });

  it('the read-out lists each applied layer\'s log|det J| and the running total', () => {
    const lines = describeFlowPoint(modelOf(spec(r, 3)), [0.5, 0.1], ['c', 'R', 'd']);
    const l = Math.tanh(0.5) / 2;
    assert.equal(lines.length, 1);
    assert.equal(lines[0], `log|det J| per layer: c ${l.toFixed(4)}, R 0, d 0 · running total ${l.toFixed(4)}`);
  });

  it('the panel accepts the report with its layers, rejects malformed layers, and lists the layers in the formulas', () => {
    assert.equal(reportProblem(JSON.parse(JSON.stringify(r))), null);
    const bad = JSON.parse(JSON.stringify(r));
    bad.trees.layers[1].components.pop();
    assert.equal(reportProblem(bad), 'a layer does not map R^n to R^n');
    const f = formulaList(r).find((x) => x.label === 'layers');
    assert.ok(f && f.tex.includes('d \\circ R \\circ c'), f?.tex);
  });
});
