/**
 * The `vectorfield` recognizer: fields written as time derivatives in notes are fields, not
 * maps. tr J (the divergence) and d log p/dt = -tr J as the report prints them (evaluated by
 * mathjs) against finite differences of the field written by hand; equations of the form
 * that are not read stay quiet.
 */
import * as assert from 'node:assert/strict';
import { evaluate, map, matrix } from 'mathjs';
import { analyzeDocument } from '../../../../src/core/document';
import { rng } from '../../../../src/core/math/numeric';
import type { TransformReport } from '../../../../src/core/report';
import { md } from '../../helpers/latex';

const analyze = (note: string) => analyzeDocument(note, 'markdown', 'field.md');

function only(note: string): TransformReport {
  const r = analyze(note);
  assert.equal(r.transforms.length, 1, JSON.stringify(r.transforms.map((t) => t.name)));
  assert.deepEqual(r.diagnostics.filter((d) => d.severity !== 'info'), []);
  return r.transforms[0];
}

const EW = Object.fromEntries((['tanh', 'exp', 'sin', 'cos'] as const).map((fn) => [fn, (x: unknown) => (typeof x === 'number' ? Math[fn](x) : map(x as number[], (v: number) => Math[fn](v)))]));
const evalIn = (s: string, scope: Record<string, unknown>): number => Number(evaluate(s, { ...EW, ...scope, dim: (x: number[]) => x.length }));
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-5 * Math.max(1, Math.abs(a), Math.abs(b));

/** The divergence of f at x by central differences. */
function fdTrace(f: (x: number[]) => number[], x: number[], h = 1e-6): number {
  return x.reduce((s, _, i) => { const a = [...x], b = [...x]; a[i] += h; b[i] -= h; return s + (f(a)[i] - f(b)[i]) / (2 * h); }, 0);
}

describe('LaTeX vector fields (the vectorfield recognizer)', () => {
  it('\\frac{d\\mathbf{z}}{dt} = \\mathbf{A}\\mathbf{z}(t) + \\tanh(\\mathbf{z}): a field of any size, tr J = trace(A) + Σ tanh\'(z_i)', () => {
    const r = only('$$ \\frac{d\\mathbf{z}}{dt} = \\mathbf{A}\\mathbf{z}(t) + \\tanh(\\mathbf{z}) $$');
    assert.equal(r.kind, 'field');
    assert.deepEqual(r.variables, ['z']);
    assert.equal(r.volumePreserving, false);
    const rand = rng(5);
    for (const n of [2, 3, 5]) {
      const A = Array.from({ length: n }, () => Array.from({ length: n }, () => 2 * rand() - 1));
      const z = Array.from({ length: n }, () => 2 * rand() - 1);
      const f = (x: number[]) => x.map((_, i) => A[i].reduce((s, a, j) => s + a * x[j], 0) + Math.tanh(x[i]));
      const want = fdTrace(f, z);
      assert.ok(close(evalIn(r.trace!, { A: matrix(A), z }), want), `n = ${n}: ${r.trace}`);
      assert.ok(close(evalIn(r.dLogDensity!, { A: matrix(A), z }), -want), r.dLogDensity);
    }
    assert.equal(r.invertibility.verdict, 'unknown');
    assert.match(r.invertibility.reasonDetail ?? r.invertibility.reason, /vector field/);
  });

  it('\\dot x, \\dot y in coordinates: tr J and d log p/dt = -tr J at points', () => {
    const r = only('$$ \\dot{x} = x - y^2, \\quad \\dot{y} = x y + \\sin y $$');
    assert.equal(r.kind, 'field');
    assert.deepEqual(r.variables, ['x', 'y']);
    const f = ([x, y]: number[]) => [x - y * y, x * y + Math.sin(y)];
    for (const p of [[0.3, -1.2], [1.5, 0.4], [-0.7, 2.1]]) {
      const want = fdTrace(f, p);
      assert.ok(close(evalIn(r.trace!, { x: p[0], y: p[1] }), want), r.trace);
      assert.ok(close(evalIn(r.dLogDensity!, { x: p[0], y: p[1] }), -want));
    }
    assert.equal(r.volumePreserving, false);
  });

  it('a Hamiltonian field over two consecutive displays: tr J = 0, the flow preserves volume', () => {
    const r = only(md(
      '$$ \\frac{\\mathrm{d}q}{\\mathrm{d}t} = \\frac{p}{m} $$',
      '',
      '$$ \\dot{p} = -\\kappa \\sin q $$',
    ));
    assert.equal(r.kind, 'field');
    assert.deepEqual(r.variables, ['q', 'p']);
    assert.equal(Number(r.trace), 0);
    assert.equal(r.volumePreserving, true);
  });

  it('a rotation field with given entries: coordinates z_1, z_2, divergence 0', () => {
    const r = only('$$ \\dot{\\mathbf{z}} = \\begin{pmatrix} 0 & -2 \\\\ 2 & 0 \\end{pmatrix} \\mathbf{z} $$');
    assert.equal(r.kind, 'field');
    assert.equal(r.variables.length, 2);
    assert.equal(Number(r.trace), 0);
    assert.equal(r.volumePreserving, true);
  });

  it('a contracting field with given entries: tr J = -3 everywhere', () => {
    const r = only(md(
      '$$ \\mathbf{D} = \\begin{pmatrix} -1 & 4 \\\\ 0 & -2 \\end{pmatrix} $$',
      '',
      '$$ \\frac{d\\mathbf{x}}{dt} = \\mathbf{D}\\mathbf{x} $$',
    ));
    assert.equal(Number(r.trace), -3);
    assert.equal(Number(r.dLogDensity), 3);
  });

  it('ODEs that are not fields to read stay quiet: no map, no diagnostic', () => {
    for (const note of [
      '$$ \\frac{dx}{dt} = -k x $$',
      '$$ \\dot{\\mathbf{z}} = f(\\mathbf{z}(t), t) $$',
      '$$ \\frac{d\\mathbf{z}(t)}{dt} = g(\\mathbf{z}(t), t; \\theta) $$',
      'The car moves by $\\dot x = v \\cos\\theta$ and $\\dot y = v \\sin\\theta$.',
      'Decay: $dz/dt = -\\lambda z$.',
    ]) {
      const r = analyze(note);
      assert.deepEqual(r.transforms.map((t) => t.name), [], note);
      assert.deepEqual(r.diagnostics, [], note);
    }
  });

  it('sizes that do not fit: information at the field, no map, no error', () => {
    const r = analyze('$$ \\mathbf{A} = \\begin{pmatrix} 0 & 1 \\\\ -1 & 0 \\end{pmatrix}, \\quad \\mathbf{c} = (1, 0, 2)^\\top, \\quad \\dot{\\mathbf{z}} = \\mathbf{A}\\mathbf{z} + \\mathbf{c} $$');
    assert.equal(r.transforms.length, 0);
    assert.ok(r.diagnostics.some((d) => d.severity === 'info' && /3 entries|2 entries/.test(d.message)), JSON.stringify(r.diagnostics));
    assert.ok(!r.diagnostics.some((d) => d.severity === 'error' || d.severity === 'warning'));
  });
});
