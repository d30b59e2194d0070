/**
 * Inputs of a 10^5 fuzz run that took far longer than the budget: a run of primes after a
 * formula (each a transpose, inferred twice per level: 2^n), a power whose expansion has
 * many terms (the readable forms rendered long after the deadline), and one map written
 * 1,928 times (analysed 1,928 times).
 */
import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../../src/core/document';
import { createEngineOptions } from '../../../src/core/engine';
import { Algebra, Budget, BudgetExceeded } from '../../../src/core/math/poly';
import { parsePlainExpr } from '../../../src/core/parse/plainExpr';
import { q, qSqrt } from '../../../src/core/math/rational';
import { toMathjs } from '../../../src/core/math/print';
import { diff } from '../../../src/core/math/diff';

describe('fuzz budgets: no step grows exponentially or runs past its deadline', () => {
  it('sixty primes after a formula are sixty transposes, read in one pass each', () => {
    const r = analyzeDocument(['```transform', `g(x) = (sqrt((x - x)${"'".repeat(60)}))`, '```'].join('\n'), 'markdown', 'n.md');
    assert.deepEqual(r.transforms.map((t) => t.det), ['0']);
  });

  it('the readable forms of a polynomial are not rendered once the deadline has passed', () => {
    const budget = Budget.ms(60_000);
    const alg = new Algebra({ variables: ['x', 'y'], budget });
    const p = alg.fromExpr(parsePlainExpr('(x^2 - y^2)^6 + x y'));
    (budget as { deadline: number }).deadline = 0;
    assert.throws(() => alg.best(p), BudgetExceeded);
  });

  it("a sum's renderings are worked out once: the grouped form meets the same sums again, and the memo gives the same form with the same steps counted", () => {
    const run = (memo: boolean) => {
      const budget = Budget.steps(1e9);
      const alg = new Algebra({ variables: ['x', 'y', 'z'], budget, memo });
      const form = toMathjs(alg.best(alg.fromExpr(parsePlainExpr('(cos(x) cos(y) + sin(x) + z)^5'))));
      return { form, rendered: alg.sumsRendered, steps: budget.steps };
    };
    const memo = run(true), uncached = run(false);
    assert.equal(memo.form, uncached.form);
    assert.equal(memo.steps, uncached.steps);
    assert.ok(memo.rendered * 3 < uncached.rendered, `${memo.rendered} sums rendered with the memo, ${uncached.rendered} without`);
  });

  it('work taken from the memo still counts against a time budget: what could never be done in the time is cut as before', () => {
    // uncached, the grouped forms of this entry's degree-14 factor take billions of steps (it ran past 60 s)
    const f = parsePlainExpr('x*(y^2 + 3*y + 3)^3*(y^3 - y + 7)^2*(y^4 + y + 11)^3*(y^2 + 17*y - 13)*(y^5 - 2*y + 19)');
    const alg = new Algebra({ variables: ['x', 'y'], budget: Budget.ms(20_000) });
    assert.throws(() => alg.best(alg.fromExpr(diff(f, 'y'))), BudgetExceeded);
  });

  it('a map written several times in one document is analysed once, and reported at each place', () => {
    const base = createEngineOptions({ budgetMs: 2000, invertibilityBudgetMs: 300 });
    let analysed = 0;
    const opts = { ...base, invertibility: (...a: Parameters<NonNullable<typeof base.invertibility>>) => { analysed++; return base.invertibility!(...a); } };
    const block = '```transform\ng(x, y) = (x y, x + y)\n```\n\n';
    const r = analyzeDocument(block.repeat(3) + '```transform\nh(x, y) = (x, y^3)\n```\n', 'markdown', 'n.md', opts);
    assert.deepEqual(r.transforms.map((t) => [t.name, t.range.start.line, t.det]), [['g', 1, 'y - x'], ['g', 5, 'y - x'], ['g', 9, 'y - x'], ['h', 13, '3*y^2']]);
    assert.equal(analysed, 2);
  });
});

describe('exact square roots of huge integers', () => {
  it('are found by Newton steps: 10^308 and 4^600 (past a double) at once, a non-square is none', () => {
    assert.deepEqual(qSqrt(q(10n ** 308n)), q(10n ** 154n));
    assert.deepEqual(qSqrt(q(4n ** 600n, 9n)), q(2n ** 600n, 3n));
    assert.equal(qSqrt(q(10n ** 309n)), null);
    for (let k = 0n; k < 200n; k++) assert.deepEqual(qSqrt(q(k * k)), q(k));
    assert.equal(qSqrt(q(99n)), null);
  });
  it("a map with sqrt(1e308 x) is answered (it hung)", () => {
    const r = analyzeDocument('```transform\ng(x, y) = (x, (y - 2)^2 / (8^3 - sqrt(1e308 x)))\n```\n', 'markdown', 'n.md');
    assert.equal(r.transforms.length, 1);
  });
});
