/**
 * The operation count is SymPy's count_ops of what SymPy reads from our printed form: decimals
 * are floats (no fraction bar, folded with other numbers), powers of one base in a product merge.
 * Expected counts are SymPy 1.14's for the same strings.
 */
import * as assert from 'node:assert/strict';
import { countOps } from '../../../src/core/math/opcount';
import { parsePlainExpr } from '../../../src/core/parse/plainExpr';

const ops = (s: string) => countOps(parsePlainExpr(s));

describe('operation count as SymPy reads a printed form', () => {
  it('counts a decimal as one float, never as a fraction', () => {
    const cases: [string, number][] = [
      ['2.5*t', 1], ['-0.75*u', 2], ['u - 2.5*v', 2], ['-0.4', 0], ['w^2.4', 1],
      ['12.5/3', 0], ['1.5*(u + v)', 3], ['1/(0.25 + t)', 2], ['t/0.5', 1], ['(t + 1)*0.5', 2],
    ];
    for (const [s, n] of cases) assert.equal(ops(s), n, s);
  });
  it('keeps fractions as fractions', () => {
    for (const [s, n] of [['5*t/2', 2], ['-2/3', 2], ['t^(3/4)', 2]] as [string, number][]) assert.equal(ops(s), n, s);
  });
  it('merges powers of one base in a product', () => {
    const cases: [string, number][] = [
      ['cbrt(t)/t', 3], ['sqrt(u)*sqrt(u)', 0], ['u*u', 1], ['40*cbrt(u)*cbrt(v)/(9*u*v)', 7], ['sqrt(w)/w', 3],
    ];
    for (const [s, n] of cases) assert.equal(ops(s), n, s);
  });
});
