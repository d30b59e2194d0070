/**
 * The fixed cost of a small map (bench's speed table): steps whose answer is known at once are
 * skipped, with the same report. Counted, never timed.
 */
import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../../src/core/document';
import { createEngineOptions } from '../../../src/core/engine';
import { markdownMathScans } from '../../../src/core/parse/markdownMath';
import { parseMarkdownMath } from '../../../src/core/parse/latex';
import { provenSign, signsOfNumbers } from '../../../src/core/math/interval';
import { num } from '../../../src/core/math/expr';
import { analyzeMap } from '../helpers/maps';
import { Algebra, Budget } from '../../../src/core/math/poly';
import { parsePlainExpr } from '../../../src/core/parse/plainExpr';
import { compileClosure } from '../../../src/core/math/numeric';
import { smallestIndices } from '../../../src/core/math/witness';
import { checkInvertibility } from '../../../src/core/math/invertibility';
import { checkPointsEvaluated, compareNumerically } from '../../../src/core/math/check';
import { div, sym, add } from '../../../src/core/math/expr';
import * as exprModule from '../../../src/core/math/expr';
import { gcdsComputed, q, qAdd, qMul } from '../../../src/core/math/rational';

const BLOCK = ['```transform', 'f(x, y, z) = (2*x, 3*y, z/2)', 'domain: x in [-2, 2], y in [-2, 2], z in [-2, 2]', '```', ''].join('\n');

describe('fixed cost per map', () => {
  it('a note without $, backslashes or math fences is not scanned for LaTeX math', () => {
    const before = markdownMathScans();
    const r = analyzeDocument(BLOCK, 'markdown', 'a.md', createEngineOptions());
    assert.equal(markdownMathScans(), before);
    assert.equal(r.transforms.length, 1);
    // one $ and the scan runs (and finds the LaTeX map)
    const tex = parseMarkdownMath(`${BLOCK}\n$$ g(u, v) = (u + v, u - v) $$\n`);
    assert.equal(markdownMathScans(), before + 1);
    assert.equal(tex.transforms.length, 1);
    for (const t of ['', 'prose only', 'a ```math fence', 'f(x) = x^2 and \\(x\\)']) assert.deepEqual(parseMarkdownMath(t).problems, []);
  });

  it('the sign of a number is read off it, without an enclosure', () => {
    const before = signsOfNumbers();
    const budget = { maxBoxes: 64, deadline: Date.now() + 60_000 };
    assert.equal(provenSign(num(2.5), ['x'], [[-1, 1]], budget), 'pos');
    assert.equal(provenSign(num(-1 / 3), ['x', 'y'], [[-1, 1], [0, 2]], budget), 'neg');
    assert.equal(signsOfNumbers(), before + 2);
    // a scaling map's monotonicity proof (the general path: the analysis takes the affine short path) asks only such questions
    const t = analyzeMap('s(x, y, z) = (2*x, 3*y, z/2)', 'x in [-2, 2], y in [-2, 2], z in [-2, 2]');
    assert.equal(t.invertibility.verdict, 'invertible');
    const input = {
      variables: t.variables, domain: t.domain, components: t.trees.components, jacobian: t.trees.jacobian, det: t.trees.det,
      blocks: t.blocks, structure: t.structure, freeSymbols: t.freeSymbols, unknownFunctions: t.unknownFunctions,
    };
    const general = signsOfNumbers();
    assert.equal(checkInvertibility(input, { shortcuts: false }).invertibility.verdict, 'invertible');
    assert.ok(signsOfNumbers() >= general + 2);
  });
});

describe('checks of constant forms', () => {
  const ctx = { variables: ['x', 'y'], domain: [[-2, 2], [-1, 1]] as Array<[number, number]> };
  it('compare two constants at one point (every point gives the same values)', () => {
    const before = checkPointsEvaluated();
    assert.equal(compareNumerically(num(0.5), div(num(1), num(2)), ctx), 'equal');
    assert.equal(compareNumerically(num(0.5), num(0.25), ctx), 'different');
    assert.equal(checkPointsEvaluated(), before + 2);
    // a form in the variables still takes its points
    const mid = checkPointsEvaluated();
    assert.equal(compareNumerically(add(sym('x'), sym('x')), add(sym('x'), sym('x'), num(0)), ctx), 'equal');
    assert.ok(checkPointsEvaluated() >= mid + 4);
    // a constant that is not finite is not finite anywhere: unchecked, as before
    assert.equal(compareNumerically(num(1), div(num(1), num(0)), ctx), 'unchecked');
  });

  it('a constant J and a constant det J: one LU, one point', () => {
    const before = checkPointsEvaluated();
    const r = analyzeDocument(BLOCK, 'markdown', 'a.md', createEngineOptions());
    const t = r.transforms[0];
    assert.equal(t.detChecked, true);
    assert.equal(Number(t.det), 3);
    // det J's LU check and log|det J|'s comparison: a point each (8 each before)
    assert.ok(checkPointsEvaluated() - before <= 2, `${checkPointsEvaluated() - before} points`);
  });
});

describe('a block\'s components', () => {
  it('are not rebuilt for primes (x\' as a name) when they have no transpose', () => {
    const mutable = exprModule as { mapExpr: typeof exprModule.mapExpr };
    const original = mutable.mapExpr;
    let calls = 0;
    mutable.mapExpr = (e, f) => { calls++; return original(e, f); };
    try {
      const t = analyzeDocument(BLOCK, 'markdown', 'a.md', createEngineOptions()).transforms[0];
      assert.equal(t.variables.length, 3);
      const none = calls;
      // a prime is still read as a name where there is one
      const primed = analyzeDocument(['```transform', "nice(x, y) = (x', y + x^3)", '```', ''].join('\n'), 'markdown', 'b.md', createEngineOptions()).transforms[0];
      assert.deepEqual(primed.freeSymbols, ["x'"]);
      assert.ok(calls > none);
      assert.equal(none, 0);
    } finally {
      mutable.mapExpr = original;
    }
  });
});

describe('exact rationals', () => {
  it('an integer or 0 is normalized without a gcd; a fraction still is reduced', () => {
    const before = gcdsComputed();
    assert.deepEqual(q(6n), { n: 6n, d: 1n });
    assert.deepEqual(qMul(q(-3n), q(4n)), { n: -12n, d: 1n });
    assert.deepEqual(qAdd(q(2n), q(5n)), { n: 7n, d: 1n });
    assert.deepEqual(q(0n, -7n), { n: 0n, d: 1n });
    assert.equal(gcdsComputed(), before);
    assert.deepEqual(q(6n, -4n), { n: -3n, d: 2n });
    assert.deepEqual(qMul(q(2n, 3n), q(3n, 4n)), { n: 1n, d: 2n });
    assert.equal(gcdsComputed(), before + 4);
    assert.throws(() => q(1n, 0n), RangeError);
  });
});

describe('exact division by the input\'s sums (hints)', () => {
  // a step that needs a negative power of an atom that neither polynomial has a negative power of
  // (and that does not divide the divisor) ends the division: no quotient exists
  const steps = (dividend: string, divisor: string) => {
    const budget = Budget.steps(1e6);
    const alg = new Algebra({ variables: ['x', 'y', 'z'], budget });
    const a = alg.fromExpr(parsePlainExpr(dividend)).num, b = alg.fromExpr(parsePlainExpr(divisor)).num;
    const before = budget.steps;
    const q = alg.exactDiv(a, b);
    return { alg, q, steps: budget.steps - before };
  };
  it('gives up on a non-factor within a few steps', () => {
    // the Lorenz field's det J by the sums of its components (160 steps each before)
    for (const [p, h] of [['720 - 80*z/3 - 10*x^2 - 10*x*y', '28*x - x*z - y'], ['720 - 80*z/3 - 10*x^2 - 10*x*y', '28 - z'], ['x^3*y + z^2 - 1', 'x*y - 8*z/3']]) {
      const r = steps(p, h);
      assert.equal(r.q, null, `${h} does not divide ${p}`);
      assert.ok(r.steps <= 4, `${h} into ${p}: ${r.steps} steps`);
    }
  });
  it('still finds the quotient of a factor', () => {
    const { alg, q } = steps('(y - x)*(x^2 + z - 2*y*z)', 'y - x');
    assert.ok(q);
    const back = alg.canonical({ num: q, den: [] });
    const expected = parsePlainExpr('x^2 + z - 2*y*z');
    for (const at of [[0.3, -1.2, 2], [1.7, 0.4, -0.6]]) {
      assert.ok(Math.abs(compileClosure(back, ['x', 'y', 'z'])(at) - compileClosure(expected, ['x', 'y', 'z'])(at)) < 1e-12);
    }
  });
});

describe('the samples nearest a zero of det J', () => {
  it('are the first six of a stable sort by |det|, found in one pass (each key read once)', () => {
    let s = 11;
    const rand = () => { s = (s * 16807) % 2147483647; return s / 2147483647; };
    for (let trial = 0; trial < 50; trial++) {
      const count = 1 + Math.floor(rand() * 400);
      // ties (rounded values) and NaN (undefined det) included
      const keys = Array.from({ length: count }, () => (rand() < 0.05 ? NaN : Math.round(rand() * 40) / 4));
      let reads = 0;
      const got = smallestIndices(count, 6, (i) => { reads++; return keys[i]; });
      const expected = keys.map((_, i) => i).filter((i) => !Number.isNaN(keys[i])).sort((a, b) => keys[a] - keys[b]).slice(0, 6);
      assert.deepEqual(got, expected);
      assert.equal(reads, count);
    }
  });
});
