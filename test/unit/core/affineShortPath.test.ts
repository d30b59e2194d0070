/**
 * The short path for affine maps (affineAnswer in invertibility.ts: constant J, det J a nonzero
 * number, the exact inverse) gives the general path's answer: the same verdict, certainty,
 * reason and inverse (structurally equal trees, and f^-1(f(z)) = z numerically), and is taken
 * for the maps it covers (and not for the others, which keep the general path).
 */
import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../../src/core/document';
import { createEngineOptions } from '../../../src/core/engine';
import { InvertibilityInput, affineAnswer, checkInvertibility } from '../../../src/core/math/invertibility';
import { compileClosure } from '../../../src/core/math/numeric';
import { parsePlainExpr } from '../../../src/core/parse/plainExpr';
import type { TransformReport } from '../../../src/core/report';
import { GENEROUS } from '../helpers/maps';

function analyzed(lines: readonly string[]): TransformReport {
  const text = ['```transform', ...lines, '```', ''].join('\n');
  const r = analyzeDocument(text, 'markdown', 'affine.md', createEngineOptions(GENEROUS));
  assert.equal(r.transforms.length, 1, lines.join('; '));
  return r.transforms[0];
}

const inputOf = (t: TransformReport): InvertibilityInput => ({
  variables: t.variables, domain: t.domain, components: t.trees.components, jacobian: t.trees.jacobian, det: t.trees.det,
  blocks: t.blocks, structure: t.structure, freeSymbols: t.freeSymbols, unknownFunctions: t.unknownFunctions,
});

/** Points of the box, spread (seeded). */
function pointsIn(box: ReadonlyArray<readonly [number, number]>, count: number): number[][] {
  let s = 11;
  const rand = () => { s = (s * 16807) % 2147483647; return s / 2147483647; };
  return Array.from({ length: count }, () => box.map(([a, b]) => a + (b - a) * rand()));
}

// [block lines, short path taken]
const cases: Array<[readonly string[], boolean]> = [
  // the corpus's linear maps
  [['f(x, y) = (2*x - y + 1, x + 3*y - 2)', 'domain: x in [-2, 2], y in [-2, 2]'], true],
  [['f(x, y) = (sqrt(3)/2*x - y/2, x/2 + sqrt(3)/2*y)', 'domain: x in [-2, 2], y in [-2, 2]'], true],
  [['f(x, y, z) = (2*x, 3*y, z/2)', 'domain: x in [-2, 2], y in [-2, 2], z in [-2, 2]'], true],
  [['f(x1, x2, x3, x4, x5) = (x2, x3, x1, 2*x5, x4)', 'domain: x1 in [-2, 2], x2 in [-2, 2], x3 in [-2, 2], x4 in [-2, 2], x5 in [-2, 2]'], true],
  [['f(x, y, z) = (x + y + z, x - y, 2*x + z)', 'domain: x in [-2, 2], y in [-2, 2], z in [-2, 2]'], false],   // singular
  // integer, rational, decimal, negative det, off-centre box, surds, blocks
  [['g(x, y, z) = (4*x - 2*y + z - 7, 3*y + 5*z, -x + y - 2*z + 11)', 'domain: x in [1, 3], y in [2, 5], z in [-1, 4]'], true],
  [['q(u, v) = (u/3 - 2*v/7, 5*u/4 + v/6 - 1/2)', 'domain: u in [0, 1], v in [0, 1]'], true],
  [['d(x, y) = (0.3*x + 1.5, 0.25*y - 0.1*x)', 'domain: x in [-1, 1], y in [10, 12]'], true],
  [['s(x, y) = (y, x)', 'domain: x in [-1, 1], y in [-1, 1]'], true],
  [['w(x, y, z) = (x/sqrt(2) - y/sqrt(2) + 1, x/sqrt(2) + y/sqrt(2), 2*z - sqrt(8)*x)', 'domain: x in [-1, 1], y in [-1, 1], z in [0, 2]'], true],
  [['b(a1, a2, a3, a4) = (a1 + 2*a2, 3*a1 - a2, a3 - a4, a3 + a4 + a1)', 'domain: a1 in [-1, 1], a2 in [-1, 1], a3 in [-1, 1], a4 in [-1, 1]'], true],
  // a parameter with a value: still a constant J of numbers
  [['k = 3/4', 'h(x, y, z) = (k*x + y, x - k*z, y + z + k)', 'domain: x in [-1, 1], y in [-1, 1], z in [-1, 1]'], true],
  // symbolic constants, a constant J that is not written as a polynomial, a singular 2x2, a nonlinear map: the general path
  [['p(x, y, z) = (a*x + y, x - b*z, y + c*z)', 'domain: x in [-1, 1], y in [-1, 1], z in [-1, 1]'], false],
  [['e(x, y) = (x*(sin(y)^2 + cos(y)^2) - y, y)', 'domain: x in [-2, 2], y in [-2, 2]'], false],
  [['z(x, y) = (x + 2*y, 2*x + 4*y - 1)', 'domain: x in [-2, 2], y in [-2, 2]'], false],
  [['n(x, y) = (1 - 1.4*x^2 + y, 0.3*x)', 'domain: x in [-1.5, 1.5], y in [-0.5, 0.5]'], false],
];

describe('short path for affine maps: the general path\'s answer', () => {
  for (const [lines, taken] of cases) {
    const label = lines[lines.length - 2];
    it(`${label}: ${taken ? 'taken, same answer' : 'not taken'}`, () => {
      const t = analyzed(lines);
      const input = inputOf(t);
      assert.equal(affineAnswer(input, { seed: 5 }) !== null, taken, `${label}: short path ${taken ? 'not ' : ''}taken`);
      const short = checkInvertibility(input, { seed: 5 });
      const long = checkInvertibility(input, { seed: 5, shortcuts: false });
      assert.deepEqual(short.invertibility, long.invertibility, label);
      assert.deepEqual(short.inverse, long.inverse, `${label}: the same inverse trees`);
      // and the report's own answer is that one (the analysis runs the same check)
      assert.equal(t.invertibility.reasonDetail ?? t.invertibility.reason, long.invertibility.reason);
      if (!taken) return;
      assert.equal(short.invertibility.verdict, 'invertible');
      assert.equal(short.invertibility.certainty, 'proof');
      // f^-1(f(z)) = z, numerically, with f compiled from the report's strings
      const f = t.components.map((c) => compileClosure(parsePlainExpr(c), t.variables));
      const g = short.inverse!.map((e) => compileClosure(e, t.variables));
      for (const z of pointsIn(t.domain, 20)) {
        const y = f.map((h) => h(z));
        g.forEach((h, i) => assert.ok(Math.abs(h(y) - z[i]) <= 1e-9 * Math.max(1, Math.abs(z[i])), `${label}: f^-1(f(z))_${i} at ${z}`));
      }
    });
  }
});
