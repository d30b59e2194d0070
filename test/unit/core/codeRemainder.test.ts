import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../../src/core/document';
import { createEngineOptions } from '../../../src/core/engine';
import { evalInterval } from '../../../src/core/math/interval';
import { parsePlainExpr } from '../../../src/core/parse/plainExpr';
import { randomPoint, rng } from '../../../src/core/math/numeric';
import type { FileReport } from '../../../src/core/report';
import { close, fdDet, named } from '../helpers/flows';
import { assertWitness, mapFromStrings } from '../helpers/maps';

const analyse = (code: string): FileReport => analyzeDocument(code, 'typescript', 'wrap.ts', createEngineOptions());

describe('x % c in code: a sawtooth, derivative 1 between its jumps', () => {
  const r = analyse(`
const FULL = 360;
/** @transform domain a in [-700, 700], r in [1, 2] */
export function wrapped(a: number, r: number) {
  const t = ((a % FULL) + FULL) % FULL;
  return [r * Math.cos((t * Math.PI) / 180), r * Math.sin((t * Math.PI) / 180) + 0.5 * t];
}
/** @transform domain phi in [0.1, 3], r in [1, 2] */
export function crossing(phi: number, r: number) {
  return [(phi * 3) % (2 * Math.PI), r];
}
/** @transform domain phi in [0.1, 2], r in [1, 2] */
export function inside(phi: number, r: number) {
  let u = phi * 3;
  u %= 2 * Math.PI;
  return [u, r * r];
}
/** @transform domain x in [0.5, 2.5], y in [-1, 1] */
export function climbing(x: number, y: number) {
  return [(x % 1) + 0.5 * x, y];
}
export function byInput(x: number, y: number) {
  return [x % y, y * 2];
}
`);

  it('det J equals finite differences of our own implementation away from the jumps', () => {
    const t = named(r, 'wrapped');
    assert.match(t.components.join(' '), /rem\(/);
    const ref = (x: readonly number[]) => {
      const u = ((x[0] % 360) + 360) % 360;
      return [x[1] * Math.cos((u * Math.PI) / 180), x[1] * Math.sin((u * Math.PI) / 180) + 0.5 * u];
    };
    const f = mapFromStrings(t.components, t.variables), det = mapFromStrings([t.det], t.variables);
    const rand = rng(5);
    let checked = 0;
    for (let k = 0; k < 40; k++) {
      const x = randomPoint(t.domain, rand);
      ref(x).forEach((v, i) => assert.ok(close(f(x)[i], v, 1e-12), `component ${i} at ${x}`));
      const off = Math.abs(x[0] / 360 - Math.round(x[0] / 360));
      if (off < 1e-4) continue;   // a jump nearby: no derivative to compare
      assert.ok(close(det(x)[0], fdDet(ref, x)), `det J at ${x} is ${det(x)[0]}, finite differences give ${fdDet(ref, x)}`);
      checked++;
    }
    assert.ok(checked > 30);
  });

  it('a wrap crossed inside the domain is never proved invertible: two points with one image', () => {
    const C = named(r, 'crossing');
    assert.equal(C.invertibility.verdict, 'not-invertible');
    assertWitness(C.invertibility.witness!, mapFromStrings(C.components, C.variables), C.domain, 'crossing');
    // derivative 1.5 > 0 wherever it has one, and still not injective: a jump down at each integer
    const U = named(r, 'climbing');
    assert.notEqual(U.invertibility.verdict === 'invertible' && U.invertibility.certainty === 'proof', true, U.invertibility.reason);
    assert.equal(U.invertibility.verdict, 'not-invertible');
    assertWitness(U.invertibility.witness!, mapFromStrings(U.components, U.variables), U.domain, 'climbing');
  });

  it('a domain that avoids the jumps keeps the proof; %= reads the same', () => {
    const I = named(r, 'inside');
    assert.equal(I.invertibility.verdict, 'invertible');
    assert.equal(I.invertibility.certainty, 'proof');
    const det = mapFromStrings([I.det], I.variables);
    for (const x of [[0.5, 1.2], [1.9, 1.7]]) assert.ok(close(det(x)[0], 3 * 2 * x[1]));
  });

  it('a divisor that is not a positive number known while reading stops the reading at the %', () => {
    const d = r.diagnostics.find((x) => /remainder/.test(x.message));
    assert.ok(d, JSON.stringify(r.diagnostics));
    assert.deepEqual([d.range.start.line, d.range.start.character], [22, 12]);
    assert.equal(r.transforms.find((t) => t.name === 'byInput'), undefined);
  });

  it('intervals: continuous with exact bounds between jumps, jumping (bounded by c) across one', () => {
    const e = parsePlainExpr('rem(x, 2*pi)');
    const between = evalInterval(e, ['x'], [[7, 12]]);
    assert.equal(between.continuous, true);
    assert.ok(between.lo <= 7 - 2 * Math.PI && between.lo > 7 - 2 * Math.PI - 1e-9 && between.hi >= 12 - 2 * Math.PI && between.hi < 12 - 2 * Math.PI + 1e-9);
    const across = evalInterval(e, ['x'], [[5, 7]]);
    assert.equal(across.continuous, false);
    assert.ok(across.lo >= 0 && across.hi >= 2 * Math.PI - 1e-9 && across.hi < 2 * Math.PI + 1e-9);
    const negative = evalInterval(e, ['x'], [[-3, 3]]);
    assert.equal(negative.continuous, true);
    assert.ok(negative.lo <= -3 && negative.hi >= 3);
    for (const v of [-12.5, -6.3, -0.1, 0, 6.2, 6.3, 40]) {
      const p = evalInterval(e, ['x'], [[v, v]]);
      assert.ok(p.lo <= v % (2 * Math.PI) && v % (2 * Math.PI) <= p.hi, `${v}`);
    }
  });
});
