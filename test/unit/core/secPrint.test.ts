/**
 * The printers write a number over cosines as secants (1/cos(x) = sec(x), 1/cosh(y)^2 =
 * sech(y)^2), never longer, and the plain form reads back as the same function.
 */
import * as assert from 'node:assert/strict';
import { toLatex, toMathjs } from '../../../src/core/math/print';
import { compileClosure } from '../../../src/core/math/numeric';
import { parsePlainExpr } from '../../../src/core/parse/plainExpr';
import { analyzeDocument } from '../../../src/core/document';

const cases: Array<[string, string, string]> = [
  ['1/cos(t)', 'sec(t)', '\\sec t'],
  ['-1/cosh(y)^2', '-sech(y)^2', '-\\operatorname{sech}^{2} y'],
  ['-3/cos(t + y)^2', '-3*sec(t + y)^2', '-3 \\sec^{2}\\left(t + y\\right)'],
];

describe('printers: sec and sech for a number over cosines', () => {
  for (const [src, plain, latex] of cases) {
    it(`${src} -> ${plain}`, () => {
      const e = parsePlainExpr(src);
      assert.equal(toMathjs(e), plain);
      assert.equal(toLatex(e), latex);
      assert.ok(toMathjs(e).length <= src.replace(/\s/g, '').length + 2, 'not longer than the quotient');
      // the plain form reads back as the same function
      const f = compileClosure(e, ['t', 'y']), g = compileClosure(parsePlainExpr(plain), ['t', 'y']);
      for (const p of [[0.3, -1.2], [1.1, 0.4], [-0.7, 2]]) assert.ok(Math.abs(f(p) - g(p)) <= 1e-12 * Math.max(1, Math.abs(f(p))));
    });
  }

  it('a quotient with other factors above or below stays a quotient', () => {
    assert.equal(toMathjs(parsePlainExpr('t/cos(y)')), 't/cos(y)');
    assert.equal(toMathjs(parsePlainExpr('1/(t*cos(y))')), '1/(t*cos(y))');
    assert.equal(toMathjs(parsePlainExpr('1/cos(t)^0.5')), '1/cos(t)^0.5');
  });

  it("the inverse Mercator map's det J reads sech(y)", () => {
    const doc = ['```transform', 'm(x, y) = (x, atan(sinh(y)))', 'domain: x in [-1, 1], y in [-2, 2]', '```'].join('\n');
    const t = analyzeDocument(doc, 'markdown', 'm.md').transforms[0];
    assert.equal(t.det, 'sech(y)');
    assert.match(t.detLatex, /^\\operatorname{sech}/);
  });
});
