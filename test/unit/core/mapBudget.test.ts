/**
 * A map's analysis up to its verdict ends by max(start + budget, the invertibility check's
 * start + INVERTIBILITY_FLOOR_MS): the check has what is left of the map's budget (at least the
 * floor), not its own budget on top of it, and stops at that deadline with a numeric answer.
 * A frozen clock and deadlines already past: no test here reads the time a step takes.
 */
import * as assert from 'node:assert/strict';
import { analyzeTransform, INVERTIBILITY_FLOOR_MS, type AnalyzeOptions } from '../../../src/core/analyze';
import { analyzeDocument, parseDocument, type DocumentLimits } from '../../../src/core/document';
import { createInvertibilityCheck } from '../../../src/core/math/invertibility';
import type { Transform } from '../../../src/core/model';
import { atFrozenTime } from '../helpers/clock';

const transformOf = (definition: string, domain: string): Transform => {
  const parsed = parseDocument(['```transform', definition, `domain: ${domain}`, '```', ''].join('\n'), 'markdown', {});
  assert.equal(parsed.transforms.length, 1);
  return parsed.transforms[0];
};


describe("a map's analysis stays within its budget, the invertibility check included", () => {
  const wobble = () => transformOf('a(r, t) = (r cos(t) + 0.1 sin(3 t), r sin(t))', 'r in [1, 2], t in [-3, 3]');

  it('the check is given what is left of the budget, and the floor once the budget is used up', () => {
    const given = (budgetMs: number) => {
      let limit: number | undefined;
      const opts: AnalyzeOptions = {
        budgetMs,
        invertibility: (_t, _r, limits) => {
          limit = limits!.deadline - Date.now();
          return { verdict: 'unknown', certainty: 'numerical', reason: 'not asked', locallyInvertible: null, witness: null };
        },
      };
      const r = atFrozenTime(1e12, () => analyzeTransform(wobble(), opts));
      return { limit, stated: r.timings.invertibilityLimitMs };
    };
    // nothing of the budget used (the clock stands still): all of it
    assert.deepEqual(given(5000), { limit: 5000, stated: 5000 });
    // a budget smaller than the floor: the floor, and the report says so
    assert.deepEqual(given(1), { limit: INVERTIBILITY_FLOOR_MS, stated: INVERTIBILITY_FLOOR_MS });
  });

  it('a check whose deadline has passed stops its timed steps there and answers numerically, labelled (its own budget is not added)', () => {
    const t = wobble();
    const report = analyzeTransform(t, { budgetMs: 20_000 });
    const check = createInvertibilityCheck({ budgetMs: 10_000 });
    // with time left, the interval pair test proves it injective
    const proven = check(t, report, { deadline: Date.now() + 60_000 }).invertibility;
    assert.equal(proven.certainty, 'proof', proven.reason);
    // past the deadline (the map's budget used up): the numeric answer, which says it is no proof
    const late = check(t, report, { deadline: Date.now() - 1 }).invertibility;
    assert.equal(late.verdict, 'invertible');
    assert.equal(late.certainty, 'numerical');
    assert.match(late.reason, /numerical evidence, no proof/);
  });
});

describe("a document's time limit (the CLI's per file)", () => {
  it('maps started before the limit are answered, each one after it is an entry at its definition that says so', () => {
    const note = Array.from({ length: 6 }, (_, i) => ['```transform', `f${i}(x, y) = (x + ${i + 1} y, y^3 + y)`, '```', ''].join('\n')).join('\n');
    let clock = 1e12;
    const check = createInvertibilityCheck({ budgetMs: 10_000 });
    // each map's check takes a (fake) second
    const opts: AnalyzeOptions & DocumentLimits = {
      budgetMs: 20_000, stopAt: 1e12 + 2500,
      invertibility: (t, r, limits) => { const a = check(t, r, limits); clock += 1000; return a; },
    };
    const real = Date.now;
    Date.now = () => clock;
    let r;
    try { r = analyzeDocument(note, 'markdown', 'many.md', opts); } finally { Date.now = real; }
    assert.deepEqual(r.transforms.map((t) => t.name), ['f0', 'f1', 'f2']);
    assert.ok(r.transforms.every((t) => t.invertibility.verdict === 'invertible'));
    const late = r.diagnostics.filter((d) => d.code === 'timeout');
    assert.deepEqual(late.map((d) => [d.range.start.line, d.severity]), [[13, 'error'], [17, 'error'], [21, 'error']]);
    assert.match(late[0].message, /^f3 was not analysed: the time limit for this file was reached before it/);
  });
});
