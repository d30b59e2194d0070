/** Test helpers for maps: analyse a ```transform snippet, check witnesses independently. */
import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../../src/core/document';
import { createEngineOptions, EngineConfig } from '../../../src/core/engine';
import { compileClosure, NumericEnv } from '../../../src/core/math/numeric';
import { parsePlainExpr } from '../../../src/core/parse/plainExpr';
import type { TransformReport, Witness } from '../../../src/core/report';

/**
 * Budgets for tests that assert what the analysis finds (a proof, a short form): ten times the
 * product's, so that a machine busy with other work (where a wall-clock budget runs out sooner)
 * reads the same answer; tests of the budgets themselves pass their own.
 */
export const GENEROUS: EngineConfig = { budgetMs: 20_000, invertibilityBudgetMs: 10_000 };

/** Analyse one map written as `name(vars) = (components)` with an optional domain line. */
export function analyzeMap(definition: string, domain?: string, config: EngineConfig = {}): TransformReport {
  const text = ['```transform', definition, ...(domain ? [`domain: ${domain}`] : []), '```', ''].join('\n');
  const r = analyzeDocument(text, 'markdown', 'test.md', createEngineOptions({ ...GENEROUS, ...config }));
  assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), [], `parse errors in ${definition}`);
  assert.equal(r.transforms.length, 1);
  return r.transforms[0];
}

/** f as a function, compiled from mathjs strings (independent of the engine's trees). */
export function mapFromStrings(components: readonly string[], variables: readonly string[], env: NumericEnv = {}): (x: readonly number[]) => number[] {
  const fs = components.map((c) => compileClosure(parsePlainExpr(c), variables, env));
  return (x) => fs.map((f) => f(x));
}

/**
 * A witness is two points of the domain, apart, with the same image (relative 1e-9, as the
 * reference corpus), and its `image` is that image.
 */
export function assertWitness(w: Witness, f: (x: readonly number[]) => number[], domain: ReadonlyArray<readonly [number, number]>, label = ''): void {
  const n = domain.length;
  assert.equal(w.a.length, n, `${label}: a has ${n} coordinates`);
  assert.equal(w.b.length, n, `${label}: b has ${n} coordinates`);
  for (const p of [w.a, w.b]) {
    p.forEach((v, i) => assert.ok(v >= domain[i][0] && v <= domain[i][1], `${label}: ${p} is outside the domain`));
  }
  const apart = Math.max(...w.a.map((v, i) => Math.abs(v - w.b[i]) / (domain[i][1] - domain[i][0])));
  assert.ok(apart >= 1e-3, `${label}: a and b are too close (${apart} of the box)`);
  const fa = f(w.a), fb = f(w.b);
  const scale = Math.max(1, ...fa.map(Math.abs));
  fa.forEach((v, i) => {
    assert.ok(Math.abs(v - fb[i]) <= 1e-9 * scale, `${label}: f(a)_${i} = ${v} but f(b)_${i} = ${fb[i]}`);
    assert.ok(Math.abs(v - w.image[i]) <= 1e-9 * scale, `${label}: image_${i} = ${w.image[i]} but f(a)_${i} = ${v}`);
  });
}

/** det J (the report's mathjs string, compiled on its own) at a point, against the expected value. */
export function detAt(t: TransformReport, at: readonly number[], expected: number): void {
  const v = compileClosure(parsePlainExpr(t.det), t.variables)(at);
  assert.ok(Math.abs(v - expected) < 1e-9 * Math.max(1, Math.abs(expected)), `det J of ${t.name} = ${t.det} at ${at}: ${v}, expected ${expected}`);
}

/** The components at a point, against the expected values. */
export function valuesAt(t: TransformReport, at: readonly number[], expected: readonly number[]): void {
  mapFromStrings(t.components, t.variables)(at).forEach((v, i) => {
    assert.ok(Math.abs(v - expected[i]) < 1e-9 * Math.max(1, Math.abs(expected[i])), `${t.name} component ${i} = ${t.components[i]} at ${at}: ${v}, expected ${expected[i]}`);
  });
}
