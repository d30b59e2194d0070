/**
 * Work the analysis of a map no longer does twice or past what can still pay off (a 10^5 fuzz
 * run had mutations of a projections fixture over the 2 s budget): a term simplified on its
 * own has steps in proportion to its size, the pieces of a piecewise map share their J entries,
 * a sign proof does not repeat a bisection whose boxes would all answer as before, and a
 * condition's key and negation are worked out once (a 41 KB mutation of colour.ts calls a
 * function with branches a thousand times), hyperbolic forms are sought only where there are
 * exponentials, a constant's form in the written decimals is found once per map, and a helper
 * called with the same numbers is read once per map; maps that differ by name alone are analysed
 * once per document.
 * Steps, calls and clock reads are counted; no test reads the time a step takes.
 */
import * as assert from 'node:assert/strict';
import { analyzeTransform, termwise, type SharedWork } from '../../../src/core/analyze';
import { and, cmp, conditionKey, not, or, type Condition } from '../../../src/core/math/condition';
import { add, equal, num, sym, type Expr } from '../../../src/core/math/expr';
import { provenSign } from '../../../src/core/math/interval';
import { Algebra, Budget } from '../../../src/core/math/poly';
import { compareNumerically } from '../../../src/core/math/check';
import { pos, range, type Transform } from '../../../src/core/model';
import { parsePlainExpr as P } from '../../../src/core/parse/plainExpr';
import { inWrittenNumbers, withNumberStyle } from '../../../src/core/math/print';
import { q } from '../../../src/core/math/rational';
import { analyzeDocument, parseDocument } from '../../../src/core/document';
import { Translator } from '../../../src/core/parse/typescript/translate';
import { luDet } from '../../../src/core/math/numeric';

describe('analysis work: bounded and not repeated', () => {
  it('a term that would expand into a long polynomial is left as written after steps in proportion to its size', () => {
    // alone, the best form of this product takes millions of steps and comes out 20 times longer
    const heavy = P('(cos(x) cos(y) + sin(x) + 1)^4 (sin(x)^2 + cos(y))^3');
    const light = P('(x^2 + y^2)/(x y) - y/x');
    const budget = Budget.steps(1e9);
    const alg = new Algebra({ variables: ['x', 'y'], budget });
    const [sum] = termwise(alg, add(heavy, light));
    assert.ok(sum.k === 'add');
    assert.ok(sum.args.some((t) => equal(t, heavy)), 'the heavy term stays as written');
    assert.ok(sum.args.some((t) => equal(t, P('x/y'))), 'the light term is simplified');
    assert.equal(budget.steps, 0, "the terms' steps are their own, not the map's");
    // and the map's deadline still ends it
    const past = new Algebra({ variables: ['x', 'y'], budget: new Budget(0) });
    assert.throws(() => termwise(past, add(heavy, light)));
  });

  it("the pieces of a piecewise map share their J entries: an entry of a component they have in common is simplified once", () => {
    const x = sym('x');
    const pieces = [
      { condition: cmp('>', x, num(0)), components: [P('(sin(x) + cos(y))^3 / (2 + cos(x))'), P('x y^2')] },
      { condition: cmp('<=', x, num(0)), components: [P('(sin(x) + cos(y))^3 / (2 + cos(x))'), P('x^3 - y')] },
    ];
    const t: Transform = {
      name: 'g', variables: ['x', 'y'], components: pieces[0].components, parameters: {}, freeSymbols: [], unknownFunctions: [],
      domain: [[-2, 2], [-2, 2]], domainGiven: [true, true], range: range(pos(0, 0), pos(0, 10)), nameRange: range(pos(0, 0), pos(0, 1)),
      notation: 'latex', pieces,
    };
    const count = (shared?: SharedWork) => {
      const best = Algebra.prototype.best;
      let calls = 0;
      Algebra.prototype.best = function (this: Algebra, ...a: Parameters<typeof best>) { calls++; return best.apply(this, a); };
      try {
        const r = analyzeTransform(t, { budgetMs: 60_000, ...(shared ? { shared } : {}) });
        return { calls, r };
      } finally { Algebra.prototype.best = best; }
    };
    // a memo that never keeps anything: each piece's work done again
    const forgetful = (): SharedWork => ({ entries: new (class extends Map<string, Expr> { set() { return this; } })(), terms: new (class extends Map<string, Expr | null> { set() { return this; } })() });
    const once = count(), twice = count(forgetful());
    assert.ok(once.calls < twice.calls, `${once.calls} simplifications shared, ${twice.calls} without`);
    const ctx = { variables: ['x', 'y'], domain: t.domain, freeSymbols: [], seed: 1 };
    once.r.pieces!.forEach((p, i) => p.jacobian.flat().forEach((e, k) =>
      assert.equal(compareNumerically(P(e), P(twice.r.pieces![i].jacobian.flat()[k]), ctx), 'equal')));
  });

  it('a weak sign is not sought by a second bisection when every box of the strict one would answer the same', () => {
    // undefined where x^2 y^2 + y^4 - 4 y^2 + 4 = (y^2 - 2)^2 + x^2 y^2 is 0, positive elsewhere: no sign is proven, and the
    // weak sign's boxes would be the strict sign's, each with the same answer
    const e = P('2/sqrt(x^2 y^2 + y^4 - 4 y^2 + 4)');
    const reads = (maxBoxes: number) => {
      const real = Date.now;
      let n = 0;
      Date.now = () => { n++; return 0; };
      try { return { sign: provenSign(e, ['x', 'y'], [[-2, 2], [-2, 2]], { maxBoxes, deadline: 1e15 }), n }; } finally { Date.now = real; }
    };
    const { sign, n } = reads(640);
    assert.equal(sign, null);
    // the clock is read every 32nd box: one bisection of 640 boxes, not two
    assert.ok(n <= 640 / 32 + 2, `${n} clock reads`);
    // where the two answers differ (|x| is 0 on x = 0: not positive there, but not negative), the weak sign is still found
    assert.equal(provenSign(P('abs(x) (1 + y^2 - y)'), ['x', 'y'], [[-1, 2], [-1, 2]], { maxBoxes: 640, deadline: 1e15 }), 'nonneg');
  });

  it('sums of exponentials are sought as hyperbolic functions only where a factor has exponentials: nothing is multiplied out otherwise', () => {
    const alg = new Algebra({ variables: ['x', 'y', 'z'], budget: Budget.steps(1e9) });
    // several denominator factors, no exponential: the product of the factors was worked out and thrown away
    const r = alg.fromExpr(P('1/(x^2 + y + 1) + 1/(y^2 + z + 2) + 1/(z^2 + x + 3)'));
    const mul = Algebra.prototype.mul;
    let products = 0;
    Algebra.prototype.mul = function (this: Algebra, ...a: Parameters<typeof mul>) { products++; return mul.apply(this, a); };
    try {
      const hyperbolic = (alg as unknown as { hyperbolicForm(r: unknown): unknown }).hyperbolicForm(r);
      assert.equal(hyperbolic, null);
      assert.equal(products, 0);
      // with exponentials it still turns: 2 e^y/(e^(2y) + 1) = 1/cosh(y)
      const turned = (alg as unknown as { hyperbolicForm(r: unknown): unknown }).hyperbolicForm(alg.fromExpr(P('2 exp(y)/(exp(2 y) + 1)')));
      assert.ok(turned);
    } finally { Algebra.prototype.mul = mul; }
  });

  it("a constant is written in the definition's decimals once per map: the same answer, not searched again", () => {
    withNumberStyle('decimal', () => {
      const c = q(15625n, 33698267n);   // 1/12.92^3
      const first = inWrittenNumbers(c);
      assert.ok(first && first.e === -3, String(first?.e));
      assert.equal(inWrittenNumbers(c), first, 'the answer kept, not worked out again');
    }, [12.92]);
    // another map's decimals: its own answers
    withNumberStyle('decimal', () => assert.equal(inWrittenNumbers(q(15625n, 33698267n)), null), [0.5]);
  });

  it('a helper called many times with the same numbers is read once: statements run do not grow with the calls', () => {
    // our own: a hue helper with branches, returned many times over (as a mutation that repeats a call does)
    const code = (calls: number) => [
      'function hue(p, q, t) {',
      '  if (t < 0) t += 1;',
      '  if (t > 1) t -= 1;',
      '  if (t < 1 / 6) return p + (q - p) * 6 * t;',
      '  if (t < 1 / 2) return q;',
      '  return p;',
      '}',
      'export function shades(h, s) {',
      '  const q = s < 0.5 ? s * (1 + h) : s + h - s * h;',
      `  return [${Array.from({ length: calls }, () => 'hue(2 * s - q, q, h + 1 / 3)').join(', ')}];`,
      '}',
    ].join('\n');
    const exec = (Translator.prototype as unknown as { exec: (...a: unknown[]) => unknown }).exec;
    const statements = (calls: number) => {
      let n = 0;
      (Translator.prototype as unknown as { exec: unknown }).exec = function (this: Translator, ...a: unknown[]) { n++; return exec.apply(this, a); };
      try { parseDocument(code(calls), 'javascript', { fileName: 'hues.js' }); } finally { (Translator.prototype as unknown as { exec: unknown }).exec = exec; }
      return n;
    };
    const few = statements(3), many = statements(300);
    assert.ok(many <= few + 10, `${many} statement lists run for 300 calls, ${few} for 3`);
  });

  it('a call read again where what the helper sees has changed: a closure over a name reassigned between two calls', () => {
    const r = analyzeDocument([
      'export function scaled(x, y) {',
      '  let k = 2;',
      '  const f = (t) => t * k;',
      '  const a = f(x);',
      '  k = 3;',
      '  const b = f(x);',
      '  return [a + y, b];',
      '}',
    ].join('\n'), 'javascript', 'scaled.js');
    const t = r.transforms[0];
    assert.ok(t, r.diagnostics.map((d) => d.message).join());
    // components 2x + y and 3x: det J = -3 (a call taken again would give 2x and -2)
    const J = t.jacobian.map((row) => row.map((e) => Number(e)));
    assert.equal(luDet(J), -3, JSON.stringify(t.jacobian));
  });

  it('maps that differ by their names alone are analysed once in a document, each report under its own name', () => {
    const block = (name: string) => ['```transform', `${name}(x, y) = (x^2 - y^2, 2 x y)`, '```'].join('\n');
    const names = Array.from({ length: 30 }, (_, k) => `sq_${k + 1}`);
    const noteSums = Algebra.prototype.noteSums;
    let analyses = 0;
    Algebra.prototype.noteSums = function (this: Algebra, ...a: Parameters<typeof noteSums>) { analyses++; return noteSums.apply(this, a); };
    let many, one;
    try {
      analyses = 0;
      many = analyzeDocument(names.map(block).join('\n\n'), 'markdown', 'squares.md');
      const inMany = analyses;
      analyses = 0;
      one = analyzeDocument(block('sq_30'), 'markdown', 'square.md');
      assert.equal(inMany, analyses, `${inMany} analyses for 30 maps that differ by name, ${analyses} for one`);
    } finally { Algebra.prototype.noteSums = noteSums; }
    assert.deepEqual(many.transforms.map((t) => t.name), names);
    // the last one's report is the one analysed alone, under its own name, apart from its place and times
    const plain = (t: object) => { const { timings: _t, range: _r, nameRange: _n, ...rest } = t as Record<string, unknown>; return rest; };
    assert.deepEqual(plain(many.transforms[29]), plain(one.transforms[0]));
    assert.equal(many.transforms[29].latex.name, '\\operatorname{sq\\_30}');
  });

  it("a condition's key and negation are worked out once: conditions built one test at a time cost in proportion to their size", () => {
    const x = sym('x');
    let c: Condition = cmp('>', x, num(0));
    for (let k = 1; k < 16; k++) c = k % 2 ? and(c, cmp('<', x, num(k))) : or(c, cmp('>', sym('y'), num(k)));
    assert.equal(not(c), not(c), 'the same negation, not built again');
    // long keys are numbered: a key stays short however deep the condition
    assert.ok(conditionKey(c).length < 120, `${conditionKey(c).length} characters`);
    assert.equal(conditionKey(not(not(c))), conditionKey(c));
    assert.notEqual(conditionKey(not(c)), conditionKey(c));
  });
});
