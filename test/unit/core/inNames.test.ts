/**
 * Forms in the definition's own names (inNames.ts): a long det J rewritten in the names a note
 * or block gives (t = (x - x0)/h, m = (y1 - y0)/h), checked to expand back to the full form.
 */
import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../../src/core/document';
import { Expr, substitute, symbolsOf } from '../../../src/core/math/expr';
import { compileClosure, randomPoint, rng } from '../../../src/core/math/numeric';
import { parsePlainExpr } from '../../../src/core/parse/plainExpr';
import type { TransformReport } from '../../../src/core/report';
import { inUserNames } from '../../../src/core/inNames';
import { toMathjs } from '../../../src/core/math/print';

function expanded(t: TransformReport, form: string): Expr {
  const full = new Map<string, Expr>();
  for (const d of t.where!.defs) full.set(d.name, substitute(parsePlainExpr(d.value), full));
  return substitute(parsePlainExpr(form), full);
}

/** where.det with its names substituted equals det J at random points (constants drawn too). */
function assertDetExpandsBack(t: TransformReport): void {
  const vars = [...t.variables, ...t.freeSymbols];
  const a = compileClosure(expanded(t, t.where!.det!), vars), b = compileClosure(parsePlainExpr(t.det), vars);
  const rand = rng(5);
  let compared = 0;
  for (let k = 0; k < 40; k++) {
    const x = randomPoint(vars.map(() => [-2, 2] as [number, number]), rand);
    const want = b(x);
    if (!Number.isFinite(want) || Math.abs(want) > 1e6) continue;
    compared++;
    assert.ok(Math.abs(a(x) - want) <= 1e-7 * Math.max(1, Math.abs(want)), `${t.where!.det} is not ${t.det} at ${[...x]}`);
  }
  assert.ok(compared >= 20);
}

const SPLINE = [
  '```transform',
  'h = x1 - x0',
  't = (x - x0)/h',
  'm = (y1 - y0)/h',
  'g(x) = y0 + (y1 - y0)*(m t^2 + d0 t (1 - t))/(m + (d1 + d0 - 2 m) t (1 - t))',
  '```',
].join('\n');

describe('forms in the user\'s own names', () => {
  it('a rational-quadratic spline segment: det J in t and m alone, as the note would write it', () => {
    const t = analyzeDocument(SPLINE, 'markdown', 's.md').transforms[0];
    assert.ok(t.where?.det, JSON.stringify(t.where));
    const used = [...symbolsOf(parsePlainExpr(t.where.det))].sort();
    assert.deepEqual(used, ['d0', 'd1', 'm', 't']);
    assert.ok(t.where.det.length * 3 < t.det.length, `${t.where.det} beside ${t.det}`);
    assert.ok(t.where.defs.some((d) => d.name === 'm' && d.origin === 'user'));
    assertDetExpandsBack(t);
  });
  it('the rewrite counts steps, not time: the same forms on a machine whose clock runs fast (a loaded one)', () => {
    const t = analyzeDocument(SPLINE, 'markdown', 's.md').transforms[0];
    const named = [
      { name: 'h', value: parsePlainExpr('x1 - x0') },
      { name: 't', value: parsePlainExpr('(x - x0)/(x1 - x0)') },
      { name: 'm', value: parsePlainExpr('(y1 - y0)/(x1 - x0)') },
    ];
    const run = () => inUserNames([parsePlainExpr(t.det)], named, ['x'])?.map((e) => (e ? toMathjs(e) : null)) ?? null;
    const calm = run();
    assert.ok(calm?.[0], 'the spline\'s det J is rewritten in t and m');
    // every reading of the clock 5 ms after the last (about ten times what the rewrite spends between
    // two readings here): a machine ten times slower, where a budget of time alone would run out at
    // once; the clock behind the steps (2 s, a last resort against inputs whose steps cost far more)
    // is not reached
    const realNow = Date.now;
    let fake = realNow();
    Date.now = () => (fake += 5);
    let hurried: ReturnType<typeof run>;
    try { hurried = run(); } finally { Date.now = realNow; }
    assert.deepEqual(hurried, calm);
  });
  it('a name whose coefficient involves the map\'s variable is not solved for (no division by a variable)', () => {
    const doc = ['```transform', 'u = x*y + 1', 'f(x, y) = (x*(x*y + 1)^3 + y, y*(x*y + 1)^2 + x^2*y^2*(x*y + 1))', '```'].join('\n');
    const t = analyzeDocument(doc, 'markdown', 'u.md').transforms[0];
    // u is linear in y with coefficient x: y = (u - 1)/x would divide by x; the forms never do
    for (const e of [t.where?.det ?? '', ...(t.where?.jacobian.flat() ?? [])]) assert.ok(!/\/x\b/.test(e), e);
    if (t.where?.det) assertDetExpandsBack(t);
  });
});
