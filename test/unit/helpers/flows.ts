import * as assert from 'node:assert/strict';
import { luDet, randomPoint, rng } from '../../../src/core/math/numeric';
import type { FileReport, TransformReport } from '../../../src/core/report';
import { mapFromStrings } from './maps';

/** A small flow for the tests of every layer (unit, page, extension host, workbench): three layers and their composition. */
export const FLOW_NOTE = [
  '```transform',
  'c(x, y) = (x, y exp(tanh(x) / 2) + x^2 / 4)',
  'R(u, v) = (v, u)',
  'd(p, q) = (p + sin(q) / 2, q)',
  'F = d ∘ R ∘ c',
  'domain: x in [-1.5, 1.5], y in [-1.5, 1.5]',
  '```', '',
].join('\n');

export const named = (r: FileReport, name: string): TransformReport => {
  const t = r.transforms.find((x) => x.name === name);
  assert.ok(t, `${name} is read (found ${r.transforms.map((x) => x.name).join(', ')}; ${r.diagnostics.map((d) => d.message).join('; ')})`);
  return t;
};

/** det of the Jacobian by central differences of f at x. */
export function fdDet(f: (x: readonly number[]) => number[], x: readonly number[]): number {
  const n = x.length;
  const cols = x.map((_, j) => {
    const h = 1e-6 * Math.max(1, Math.abs(x[j]));
    const up = f(x.map((v, k) => (k === j ? v + h : v))), down = f(x.map((v, k) => (k === j ? v - h : v)));
    return up.map((u, i) => (u - down[i]) / (2 * h));
  });
  return luDet(Array.from({ length: n }, (_, i) => cols.map((c) => c[i])));
}

export const close = (a: number, b: number, rel = 1e-5) => Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b));

/**
 * det J and log|det J| of every layer (in its own variables, at its input `at`) and of the
 * composition, against finite differences of the maps compiled from the report's strings; and
 * the chain rule: the composition's log|det J| is the sum of its layers'.
 */
export function assertChainRule(t: TransformReport, points = 12): void {
  assert.ok(t.layers && t.layers.length >= 2, `${t.name} has layers`);
  const F = mapFromStrings(t.components, t.variables);
  const det = mapFromStrings([t.det], t.variables);
  assert.ok(t.logDet, `${t.name} has log|det J| (${t.notes.join(' ')})`);
  const logDet = mapFromStrings([t.logDet], t.variables);
  const layers = t.layers.map((l) => ({
    f: mapFromStrings(l.components, l.variables), det: mapFromStrings([l.det], l.variables),
    logDet: l.logDet ? mapFromStrings([l.logDet], l.variables) : null, at: mapFromStrings(l.at, t.variables),
  }));
  const rand = rng(7);
  for (let k = 0; k < points; k++) {
    const x = randomPoint(t.domain, rand);
    const ref = fdDet(F, x);
    assert.ok(close(det(x)[0], ref), `${t.name}: det J at ${x} is ${det(x)[0]}, finite differences give ${ref}`);
    assert.ok(close(logDet(x)[0], Math.log(Math.abs(ref))), `${t.name}: log|det J| at ${x} is ${logDet(x)[0]}, finite differences give ${Math.log(Math.abs(ref))}`);
    let sum = 0, input = x;
    layers.forEach((l, i) => {
      const name = t.layers![i].name;
      assert.deepEqual(l.at(x).map((v) => +v.toPrecision(10)), input.map((v) => +v.toPrecision(10)), `${name}'s input at ${x}`);
      const d = fdDet(l.f, input);
      assert.ok(close(l.det(input)[0], d), `${name}: det J at ${input} is ${l.det(input)[0]}, finite differences give ${d}`);
      assert.ok(l.logDet, `${name} has log|det J|`);
      assert.ok(close(l.logDet(input)[0], Math.log(Math.abs(d))), `${name}: log|det J| at ${input}`);
      sum += l.logDet(input)[0];
      input = l.f(input);
    });
    assert.ok(close(sum, logDet(x)[0]), `${t.name}: the layers' log|det J| add up to ${sum}, not ${logDet(x)[0]}`);
    F(x).forEach((v, i) => assert.ok(close(v, input[i], 1e-9), `${t.name}: the layers applied in order give F`));
  }
}

/** F^-1(F(x)) = x at random domain points. */
export function assertInverse(t: TransformReport): void {
  assert.ok(t.inverse, `${t.name} has an inverse (${t.invertibility.reason})`);
  const F = mapFromStrings(t.components, t.variables), G = mapFromStrings(t.inverse.components, t.variables);
  const rand = rng(3);
  for (let k = 0; k < 20; k++) {
    const x = randomPoint(t.domain, rand);
    G(F(x)).forEach((v, i) => assert.ok(close(v, x[i], 1e-8), `${t.name}: F^-1(F(${x}))_${i} = ${v}`));
  }
}

