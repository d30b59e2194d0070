/**
 * The fuzzer's det J check (bench/fuzzChecks.ts detMismatches): finite differences with a
 * step chosen per point and an error bound, so that right but ill-conditioned maps are not
 * flagged while a wrong det J still is.
 */
import * as assert from 'node:assert/strict';
import { detMismatches, schemaProblems } from '../../../bench/fuzzChecks';
import { analyzeDocument } from '../../../src/core/document';
import { createEngineOptions } from '../../../src/core/engine';
import { mul, num, sym, add } from '../../../src/core/math/expr';
import { detAt } from '../../../src/core/pointEval';
import type { TransformReport } from '../../../src/core/report';

const reportOf = (block: string): TransformReport => {
  const r = analyzeDocument(`\`\`\`transform\n${block}\n\`\`\`\n`, 'markdown', 'check.md', createEngineOptions({ budgetMs: 2000 }));
  assert.equal(r.transforms.length, 1, JSON.stringify(r.diagnostics));
  return r.transforms[0] as TransformReport;
};
const withDet = (t: TransformReport, det: TransformReport['trees']['det']): TransformReport => ({ ...t, trees: { ...t.trees, det } });
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

describe('fuzz det J check: adaptive finite differences', () => {
  it('passes right det J of ordinary maps', () => {
    for (const block of ['f(x, y) = (x * y, x + y)', 'p(r, t) = (r cos(t), r sin(t))\ndomain: r in [0.5, 2], t in [0, 3]', 'g(x, y, z) = (exp(x) * y, sin(y) + z^3, x*z)']) {
      const t = reportOf(block);
      for (const s of SEEDS) assert.deepEqual(detMismatches(t, s), [], block);
    }
  });

  it('passes right det J where differences cancel against a huge constant or the map oscillates steeply', () => {
    for (const block of ['f(x, y) = (x^2 - 4^32, y)', 'f(x, y) = (x, y - e^49 + x y)', 'f(x, y) = (cos((2402 - x)/x^4), y)\ndomain: x in [0.5, 2], y in [0, 1]',
      'f(x, y) = (sin(1000 x) + 1e12 y, y)\ndomain: x in [0, 1], y in [0, 1]', 'f(x, y) = (cos((2402 - x)/x^4), y)\ndomain: x in [0.2, 1], y in [0, 1]',
      // log(cos(x^4)) for small x: cos near 1 moves in steps of eps, so f does too
      'f(x, y) = (log(cos(x^4)), y)\ndomain: x in [0.02, 0.08], y in [0, 1]']) {
      const t = reportOf(block);
      assert.ok(t.trees.det, block);
      for (const s of SEEDS) assert.deepEqual(detMismatches(t, s), [], block);
    }
  });

  it('a closed det J that cancels in doubles (a 10^5 run flagged one): its own rounding is allowed for, a wrong one is still flagged', () => {
    // det J = 2y^4((3y^3(x + 7) tanh(y^3) - 3x - 14) sech(y^3)^2 + 3x + 14)/(…): 1 - sech(y^3)^2 is about y^6 for small y,
    // so the closed form keeps only some 10 digits there, while the differences of f are better
    const t = reportOf('g(x, y) = (atan(x y), (tanh(y^3) y^2 / (x + 7))^2)\ndomain: x in [0, 1], y in [-0.03, -0.01]');
    assert.ok(t.trees.det);
    for (const seed of SEEDS) assert.deepEqual(detMismatches(t, seed), []);
    const wrong = withDet(t, mul(num(1.001), t.trees.det!));
    assert.ok(SEEDS.some((seed) => detMismatches(wrong, seed).length > 0));
  });

  it('det J at a point where the closed form leaves the doubles\' range but J does not (a 10^5 run flagged one): LU of J gives it, and the check passes', () => {
    // k = sqrt(2 / (1e220 + cos x cos y)) is about 1e-110: J's entries are fine, k^2 and
    // (1e220 + …)^2 in the closed det J are not
    const t = reportOf('g(x, y) = (sqrt(2 / (1e220 + cos(x) cos(y))) cos(y) sin(x), sqrt(2 / (1e220 + cos(x) cos(y))) sin(y))\ndomain: x in [-1, 1], y in [-1, 1]');
    assert.ok(t.trees.det);
    const z = [0.5621, 0.4477];
    // beside the closed form: J by the chain rule at z, 2x2 determinant in scaled pieces
    const c = Math.cos, s = Math.sin, [x, y] = z, k = Math.sqrt(2 / (1e220 + c(x) * c(y)));
    const dk = (d: number) => -0.5 * k / (1e220 + c(x) * c(y)) * d; // dk/dx and dk/dy
    const j11 = dk(-s(x) * c(y)) * c(y) * s(x) + k * c(y) * c(x), j12 = dk(-c(x) * s(y)) * c(y) * s(x) - k * s(y) * s(x);
    const j21 = dk(-s(x) * c(y)) * s(y), j22 = dk(-c(x) * s(y)) * s(y) + k * c(y);
    const expected = j11 * j22 - j12 * j21;
    assert.ok(Math.abs(expected) > 1e-230 && Math.abs(expected) < 1e-200, String(expected));
    const got = detAt(t, z)!;
    assert.ok(Math.abs(got - expected) <= 1e-9 * Math.abs(expected), `${got} against ${expected}`);
    for (const seed of SEEDS) assert.deepEqual(detMismatches(t, seed), []);
    // a det J that is truly 0 at a point stays 0 (polar at r = 0), not LU's rounding
    const polar = reportOf('p(r, t) = (r cos(t), r sin(t))');
    assert.equal(detAt(polar, [0, 0.7]), 0);
  });

  it('does not judge by steps that a fast oscillation aliases (cos(u^4), u near 80), and still flags a wrong det J there', () => {
    for (const block of ['g(x, y) = (log(y)^2 (x y)^3, cos(((x + 9) 5 y)^4))\ndomain: x in [0.5, 2], y in [0.5, 2]',
      'g(x, y, z) = (z / x / (625 x^2) + sqrt(y) + z, x y, cos((z x + 10 / z)^4))\ndomain: x in [0.5, 2], y in [0.5, 2], z in [0.2, 0.3]']) {
      const t = reportOf(block);
      for (const s of [...SEEDS, 1797511569, 477738420]) assert.deepEqual(detMismatches(t, s), [], `${block} seed ${s}`);
      const flagged = SEEDS.filter((s) => detMismatches(withDet(t, mul(t.trees.det!, num(1.01))), s).length === 1);
      assert.ok(flagged.length >= SEEDS.length / 2, `${block}: a det J off by 1 % flagged at ${flagged.length} of ${SEEDS.length} seeds`);
    }
  });

  it('leaves unjudged the points where J oscillates faster than any step resolves (a 10^5 run flagged these), and still flags a wrong det J of an ordinary map', () => {
    const fast = ['g(x, y) = (x, cos(y^32))\ndomain: x in [1, 2], y in [1.69, 1.71]',
      'g(x, y) = (x, sin(exp(16 y)))\ndomain: x in [1, 2], y in [1.29, 1.31]',
      'g(x, y) = (x / cos((6/x)^4), y)\ndomain: x in [0.089, 0.091], y in [1, 2]',
      'g(x, y) = (cos((45 x^2)^4), y)\ndomain: x in [1.59, 1.61], y in [1, 2]',
      'g(x, y) = (x, cos(exp(7 + y)^3))\ndomain: x in [1, 2], y in [1.71, 1.73]',
      'g(x, y) = (x, cos(y / x^2))\ndomain: x in [0.00099, 0.00101], y in [1, 2]'];
    for (const block of fast) {
      const t = reportOf(block);
      assert.ok(t.trees.det, block);
      for (const s of [...SEEDS, 9, 10, 11, 12]) assert.deepEqual(detMismatches(t, s), [], `${block} seed ${s}`);
    }
    const t = reportOf('g(x, y) = (x, cos(3 y) + x^2)\ndomain: x in [1, 2], y in [1.2, 1.4]');
    for (const s of SEEDS) assert.equal(detMismatches(withDet(t, mul(t.trees.det!, num(1.01))), s).length, 1, `seed ${s}`);
  });

  it('judges maps whose parts are not finite at some points (sqrt of a negative under a square) without throwing', () => {
    const t = analyzeDocument('/** @transform */\nexport function g(x: number, y: number): number[] {\n  return [Math.sqrt(x * y) ** 2, 8 + y];\n}\n', 'typescript', 'g.ts', createEngineOptions({ budgetMs: 2000 })).transforms[0] as TransformReport;
    for (const s of SEEDS) assert.deepEqual(detMismatches(t, s), []);
  });

  it('flags a det J that is wrong, even by a small factor or only in a constant', () => {
    const t = reportOf('f(x, y) = (x * y, x + y^2)\ndomain: x in [1, 2], y in [1, 2]');
    const det = t.trees.det!;
    const wrong = [mul(det, num(1.001)), add(det, num(0.01)), mul(sym('x'), sym('y'))];
    for (const d of wrong) for (const s of SEEDS) assert.equal(detMismatches(withDet(t, d), s).length, 1, `seed ${s}`);
  });

  it('flags a wrong det J of an ill-conditioned map when the error exceeds what the differences allow', () => {
    const t = reportOf('f(x, y) = (cos((2402 - x)/x^4), y)\ndomain: x in [0.5, 2], y in [0, 1]');
    for (const s of SEEDS) assert.equal(detMismatches(withDet(t, mul(t.trees.det!, num(1.05))), s).length, 1, `seed ${s}`);
  });
});

describe('fuzz schema check: internals in messages', () => {
  const withMessage = (message: string) => schemaProblems({ file: 'a.md', transforms: [], diagnostics: [{ message, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, severity: 'error', code: 'parse' }] });
  it('flags a message that leaks an internal value or a stack frame', () => {
    for (const m of ['undefined is not a number', 'Infinity is not finite', 'cannot read \\operatorname{$shift}', 'failed at parse (dist/cli.js:12:5)']) assert.equal(withMessage(m).length, 1, m);
  });
  it('does not flag a command the user wrote, quoted in the message', () => {
    assert.deepEqual(withMessage('this formula cannot be read (\\NaN is not a command KaTeX knows), so no map or definition in it is used'), []);
  });
});

