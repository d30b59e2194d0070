import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../../src/core/document';
import { createEngineOptions } from '../../../src/core/engine';
import { parsePlainExpr as parse } from '../../../src/core/parse/plainExpr';
import { budgetFor, provenSign, withSymbolRanges } from '../../../src/core/math/interval';
import type { TransformReport } from '../../../src/core/report';
import { mapFromStrings } from '../helpers/maps';

const engine = createEngineOptions();
const block = (...lines: string[]) => ['```transform', ...lines, '```'].join('\n');
const analyze = (...lines: string[]): TransformReport => analyzeDocument(block(...lines), 'markdown', 'p.md', engine).transforms[0];
/** The same map with its constants given values: the ordinary check, as a reference. */
const withValues = (map: string, values: Record<string, number>, domain = 'domain: x in [-2, 2], y in [-2, 2]'): TransformReport =>
  analyze(...Object.entries(values).map(([k, v]) => `${k} = ${v}`), map, domain);

describe('invertibility of maps with symbolic constants (a proof per sign of each constant)', () => {
  it('an interval env of ranges holds only while its proof runs', () => {
    const e = parse('a * x^2 + a');
    const budget = () => budgetFor([e]);
    assert.equal(provenSign(e, ['x'], [[-1, 1]], budget()), null);
    assert.equal(withSymbolRanges({ a: { lo: 0, hi: Infinity, pos: true } }, () => provenSign(e, ['x'], [[-1, 1]], budget())), 'pos');
    assert.equal(withSymbolRanges({ a: { lo: -Infinity, hi: 0, neg: true } }, () => provenSign(e, ['x'], [[-1, 1]], budget())), 'neg');
    // nothing of a case leaks into the next question, not even through the answers' memo
    assert.equal(provenSign(e, ['x'], [[-1, 1]], budget()), null);
    assert.throws(() => withSymbolRanges({ a: { lo: 1, hi: 2 } }, () => { throw new Error('inside'); }), /inside/);
    assert.equal(provenSign(e, ['x'], [[-1, 1]], budget()), null);
  });

  it('the Hénon map with symbolic a, b: invertible exactly when b != 0', () => {
    const t = analyze('henon(x, y) = (1 - a x^2 + y, b x)');
    assert.equal(t.invertibility.verdict, 'unknown');
    assert.match(t.invertibility.reason, /invertible exactly when b != 0/);
    assert.ok(t.invertibility.reason.length <= 120, t.invertibility.reason);
    // a does not matter, so only b is split; each case's proof is in the detail
    assert.match(t.invertibility.reasonDetail ?? '', /\. b > 0: triangular.*; b < 0: triangular/);
    assert.doesNotMatch(t.invertibility.reasonDetail ?? '', /a > 0/);
    // the ordinary check agrees at values of each case
    for (const b of [0.3, -0.7]) assert.equal(withValues('henon(x, y) = (1 - a x^2 + y, b x)', { a: 1.4, b }).invertibility.verdict, 'invertible');
    assert.equal(withValues('henon(x, y) = (1 - a x^2 + y, b x)', { a: 1.4, b: 0 }).invertibility.verdict, 'not-invertible');
  });

  it('a constant the note bounds keeps its range: assume: s > 0 proves the scaling', () => {
    const t = analyze('k(x, y) = (s x, s y^3 + x)', 'assume: s > 0');
    assert.equal(t.invertibility.verdict, 'invertible');
    assert.equal(t.invertibility.certainty, 'proof');
    assert.match(t.invertibility.reason, /s > 0 as assumed/);
    // the inverse holds for any s > 0: x = u / s, y = cbrt((v - x) / s)
    assert.ok(t.inverse, 'a closed-form inverse');
    const z = [0.6, -1.3];
    for (const s of [0.5, 2]) {
      const f = mapFromStrings(t.components, t.variables, { symbols: { s } });
      const g = mapFromStrings(t.inverse!.components, t.variables, { symbols: { s } });
      const back = g(f(z));
      assert.ok(Math.abs(back[0] - z[0]) < 1e-9 && Math.abs(back[1] - z[1]) < 1e-9, `s = ${s}: ${back}`);
    }
  });

  it('assume: b != 0 leaves both signs as cases and drops the value 0: proven', () => {
    const t = analyze('henon(x, y) = (1 - a x^2 + y, b x)', 'assume: b != 0');
    assert.equal(t.invertibility.verdict, 'invertible');
    assert.equal(t.invertibility.certainty, 'proof');
    assert.match(t.invertibility.reason, /^with b != 0 as assumed: a proof for each sign of b/);
  });

  it('a case that fails is said as not settled, the proven ones kept', () => {
    const t = analyze('cubic(x, y) = (x^3 + a x, y + x)');
    assert.equal(t.invertibility.verdict, 'unknown');
    assert.match(t.invertibility.reason, /invertible for a > 0 \(proof\); not settled for a < 0/);
    // and rightly so: with a < 0 the map folds
    assert.equal(withValues('cubic(x, y) = (x^3 + a x, y + x)', { a: -1 }).invertibility.verdict, 'not-invertible');
    assert.equal(withValues('cubic(x, y) = (x^3 + a x, y + x)', { a: 1 }).invertibility.verdict, 'invertible');
  });

  it('an affine map with det J = 1 whatever its constant (a boost in v without a value): invertible (proof), said in one line', () => {
    const t = analyze('boost(t, x) = ((t - v x)/sqrt(1 - v^2), (x - v t)/sqrt(1 - v^2))');
    assert.equal(t.invertibility.verdict, 'invertible');
    assert.equal(t.invertibility.certainty, 'proof');
    assert.match(t.invertibility.reason, /^f is affine with det J = 1 != 0 for any v\b/);
    assert.ok(t.invertibility.reason.length <= 100, t.invertibility.reason);
  });

  it('an affine map whose determinant is not a product of the constants says the condition on det J', () => {
    const t = analyze('lin(x, y) = (a x + b y, c x + d y)');
    assert.equal(t.invertibility.verdict, 'unknown');
    assert.match(t.invertibility.reason, /^invertible exactly when det J = a\*d - b\*c != 0/);
  });
});
