/** Resolving a map's components: a subexpression shared between components and pieces is resolved once. */
import * as assert from 'node:assert/strict';
import type { Expr } from '../../../src/core/math/expr';
import { resolveComponents } from '../../../src/core/parse/resolve';
import { maxRelativeDifference } from '../helpers/corpus';
import { toMathjs } from '../../../src/core/math/print';

describe('resolving shared subexpressions', () => {
  it('a part shared by many paths (a front end\'s values share their parts) is resolved once, with the same result', () => {
    // t_0 = k x, t_{i+1} = atan2(t_i, t_i): 2^12 paths to k x as a tree, 13 distinct nodes
    let t: Expr = { k: 'mul', args: [{ k: 'sym', name: 'k' }, { k: 'sym', name: 'x' }] };
    for (let i = 0; i < 12; i++) t = { k: 'call', fn: 'atan2', args: [t, t] };
    let lookups = 0;
    const values = new Map<string, Expr>([['k', { k: 'num', v: 3 }]]);
    const parameters = { get: (name: string) => { lookups++; return values.get(name); }, has: (name: string) => values.has(name) } as unknown as ReadonlyMap<string, Expr>;
    const r = resolveComponents([t, { k: 'add', args: [t, { k: 'sym', name: 'y' }] }], ['x', 'y'], { parameters, functions: new Map() });
    // every path resolved apart would look k up 2 · 2^12 times
    assert.ok(lookups <= 4, `${lookups} lookups`);
    assert.deepEqual(r.unknownFunctions, []);
    assert.deepEqual(r.freeSymbols, []);
    // the same value as k replaced everywhere: atan2 nested around 3 x
    let expected = '3 * x';
    for (let i = 0; i < 2; i++) expected = `atan2(${expected}, ${expected})`;
    let small: Expr = { k: 'mul', args: [{ k: 'sym', name: 'k' }, { k: 'sym', name: 'x' }] };
    for (let i = 0; i < 2; i++) small = { k: 'call', fn: 'atan2', args: [small, small] };
    const s = resolveComponents([small], ['x'], { parameters: values, functions: new Map() });
    assert.ok(maxRelativeDifference(toMathjs(s.components[0]), expected, ['x'], [[-2, 2]], {}) < 1e-12);
  });
});
