/**
 * A constant that has no terminating decimal, in a formula written with decimals, reads in
 * the user's own numbers (1/12.92^3 rather than 15625/33698267), the same in every printer.
 */
import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../../src/core/document';
import { Expr, someExpr } from '../../../src/core/math/expr';
import { compileClosure } from '../../../src/core/math/numeric';
import { inWrittenNumbers, withNumberStyle } from '../../../src/core/math/print';
import { q, qToNumber } from '../../../src/core/math/rational';
import { parsePlainExpr } from '../../../src/core/parse/plainExpr';
import type { TransformReport } from '../../../src/core/report';

const block = (def: string) => analyzeDocument(['```transform', def, '```'].join('\n'), 'markdown', 't.md').transforms[0];

/** The numbers a printed formula is written with. */
function numbersOf(src: string): number[] {
  const out: number[] = [];
  someExpr(parsePlainExpr(src), (x: Expr) => { if (x.k === 'num') out.push(Math.abs(x.v)); return false; });
  return out;
}
const value = (src: string) => compileClosure(parsePlainExpr(src), [])([]);
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-12 * Math.abs(b);

/** det J is `want`, written only with the numbers `allowed`, and the LaTeX and the reason agree. */
function assertWritten(t: TransformReport, want: number, allowed: number[]): void {
  assert.ok(close(value(t.det), want), `${t.det} is not ${want}`);
  for (const n of numbersOf(t.det)) assert.ok(allowed.includes(n), `${n} in ${t.det}`);
  const latexNumbers = (t.detLatex.match(/\d+(\.\d+)?/g) ?? []).map(Number);
  for (const n of latexNumbers) assert.ok(allowed.includes(n), `${n} in ${t.detLatex}`);
  assert.ok(!/\d{6,}/.test(t.invertibility.reason), t.invertibility.reason);
}

describe('numbers in the user\'s own decimals', () => {
  it('the sRGB linear segment r/12.92 (three channels): det J = 1/12.92^3, log|det J| = -3 log(12.92)', () => {
    const t = block('srgb(r, g, b) = (r/12.92, g/12.92, b/12.92)');
    assertWritten(t, 12.92 ** -3, [1, 3, 12.92]);
    assert.ok(t.logDet && numbersOf(t.logDet).every((n) => [1, 3, 12.92].includes(n)), t.logDet ?? '');
  });
  it('the same map in code reads the same', () => {
    const t = analyzeDocument('export function lin(r: number, g: number, b: number): [number, number, number] {\n  return [r / 12.92, g / 12.92, b / 12.92];\n}\n', 'typescript', 'c.ts').transforms[0];
    assertWritten(t, 12.92 ** -3, [1, 3, 12.92]);
  });
  it('a scale written as a product of the user\'s decimal: 1.055^2 in the denominator', () => {
    const t = block('s(x, y) = (2*x/1.055, y/1.055)');
    assertWritten(t, 2 / 1.055 ** 2, [1, 2, 1.055]);
  });
  it('a formula written with fractions keeps its fractions (x/3, y/7: det J = 1/21)', () => {
    const t = block('f(x, y) = (x/3, y/7)');
    assertWritten(t, 1 / 21, [1, 21]);
  });
  it('terminating decimals stay decimals, and a constant no written number explains stays exact', () => {
    withNumberStyle('decimal', () => {
      assert.equal(inWrittenNumbers(q(3n, 4n)), null);           // 0.75 terminates: printed as such
      assert.equal(inWrittenNumbers(q(11n, 12n)), null);         // nothing written to explain it
    }, [0.5, 0.25]);
    withNumberStyle('decimal', () => {
      const w = inWrittenNumbers(q(15625n, 33698267n));
      assert.ok(w);
      assert.ok(close(qToNumber(w.k) * qToNumber(w.d) ** w.e, 15625 / 33698267));
      assert.equal(qToNumber(w.d), 12.92);
    }, [12.92]);
  });
});
