import * as assert from 'node:assert/strict';
import { cases } from '../../../../src/core/parse/latex/recognizers/cases';
import { analyzeNote, candidatesOf, declinedOf, findingsOf } from '../../helpers/latex';
import { compileClosure } from '../../../../src/core/math/numeric';
import { parsePlainExpr } from '../../../../src/core/parse/plainExpr';
import { evaluate } from 'mathjs';
import { conditionToMathjs } from '../../../../src/core/math/condition';

const at = (src: string, names: string[], x: number[], env: Record<string, number> = {}) =>
  compileClosure(parsePlainExpr(src), [...names, ...Object.keys(env)])([...x, ...Object.values(env)]);
/** A condition (mathjs syntax) at a point: 1 or 0. */
const holds = (cond: string, names: string[], x: number[]) => (evaluate(cond, Object.fromEntries(names.map((n, i) => [n, x[i]]))) ? 1 : 0);

describe('LaTeX cases with conditions (cases): piecewise maps', () => {
  it('a leaky ReLU: two pieces, J and det J per piece, the conditions shown', () => {
    const r = analyzeNote('$$ \\operatorname{act}(u) = \\begin{cases} u, & \\text{if } u \\ge 0, \\\\ \\kappa u, & \\text{otherwise.} \\end{cases} $$');
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.transforms.length, 1);
    const t = r.transforms[0];
    assert.deepEqual(t.variables, ['u']);
    assert.equal(t.pieces?.length, 2);
    assert.equal(at(t.pieces![0].det, ['u'], [0.5], { kappa: 0.1 }), 1);
    assert.equal(at(t.pieces![1].det, ['u'], [-0.5], { kappa: 0.1 }), 0.1);
    assert.equal(holds(t.pieces![0].condition, ['u'], [0.5]), 1);
    assert.equal(holds(t.pieces![0].condition, ['u'], [-0.5]), 0);
    assert.equal(t.pieces![1].condition, 'true');
  });

  it('a spline bin: chained and interval conditions with symbolic knots; the conditions are not the domain', () => {
    const r = analyzeNote('$$ g(v) = \\begin{cases} v^3 & 0 \\le v < 1 \\\\ 3v - 2 & v \\in [1, 2] \\end{cases} $$');
    const t = r.transforms[0];
    assert.deepEqual(t.domain, [[-2, 2]]);
    assert.equal(t.pieces?.length, 2);
    assert.ok(Math.abs(at(t.pieces![0].det, ['v'], [0.5]) - 0.75) < 1e-12);
    assert.equal(at(t.pieces![1].det, ['v'], [1.5]), 3);
    // (the read conditions; the printed ones leave out v <= 2, which the domain [-2, 2] implies)
    const read = (i: number) => conditionToMathjs(t.trees.pieces![i].condition);
    assert.equal(holds(read(1), ['v'], [2]), 1);
    assert.equal(holds(read(1), ['v'], [2.1]), 0);
    assert.equal(holds(read(0), ['v'], [1]), 0);
    assert.equal(holds(t.pieces![1].condition, ['v'], [1.5]), 1);
  });

  it('pieces of a 2-D map, and a parameter in a condition resolved', () => {
    const r = analyzeNote('$$ b = 0.5 $$\n\n$$ h(p, q) = \\begin{cases} (p, q) & p < b \\\\ (2p - b, q + p) & p \\ge b \\end{cases} $$');
    const t = r.transforms[0];
    assert.deepEqual(t.variables, ['p', 'q']);
    assert.equal(at(t.pieces![1].det, ['p', 'q'], [1, 0]), 2);
    assert.equal(holds(t.pieces![0].condition, ['p', 'q'], [0.4, 0]), 1);
    assert.equal(holds(t.pieces![0].condition, ['p', 'q'], [0.6, 0]), 0);
  });

  it('a condition it cannot read is said (info), and no map is made', () => {
    const found = findingsOf('$$ g(u) = \\begin{cases} u & u \\succ 0 \\\\ -u & \\text{otherwise} \\end{cases} $$', cases);
    assert.equal(candidatesOf(found).length, 0);
    assert.deepEqual(declinedOf(found).map((d) => [d.reason, d.severity]), [['cases.condition', 'info']]);
  });
});

describe('LaTeX recognizer cases: one recurrence by cases, a piecewise map R -> R where the note calls it one', () => {
  const step = '$$ v_{k+1} = \\begin{cases} v_k / a & 0 \\le v_k < a \\\\ (1 - v_k)/(1 - a) & \\text{otherwise} \\end{cases} $$';

  it('the skew tent map as an iteration: the previous value is the input, det J per piece', () => {
    const r = analyzeNote(['The skew tent map, iterated:', '', step, '', 'with $a = 0.3$.'].join('\n'));
    assert.deepEqual(r.diagnostics.map((d) => d.message), []);
    assert.equal(r.transforms.length, 1);
    const [t] = r.transforms;
    assert.deepEqual(t.variables, ['v_k']);
    assert.equal(t.pieces?.length, 2);
    assert.ok(Math.abs(at(t.pieces![0].det, ['v_k'], [0.1]) - 1 / 0.3) < 1e-9);
    assert.ok(Math.abs(at(t.pieces![1].det, ['v_k'], [0.6]) + 1 / 0.7) < 1e-9);
    assert.equal(holds(t.pieces![0].condition, ['v_k'], [0.1]), 1);
  });

  it('the same recurrence with no word of maps or iteration stays quiet', () => {
    const r = analyzeNote(['The sequence of terms is', '', step].join('\n'));
    assert.deepEqual(r.transforms.map((t) => t.variables), []);
    assert.deepEqual(r.diagnostics.map((d) => d.message), []);
  });
});

describe('LaTeX recognizer cases: a state update by cases in one assignment (the state tested by the conditions)', () => {
  it('u = cases(u / a, (1 - u)/(1 - a)) choosing the piece by u itself: a map of u, a a constant, det J per piece', () => {
    const r = analyzeNote(['### Update rule', '', '$$ u = \\begin{cases} u / a & u < a \\\\ (1 - u)/(1 - a) & \\text{otherwise} \\end{cases} $$', '', 'with $a = 0.4$.'].join('\n'));
    assert.deepEqual(r.diagnostics.map((d) => d.message), []);
    assert.equal(r.transforms.length, 1);
    const [t] = r.transforms;
    assert.deepEqual(t.variables, ['u']);
    assert.equal(t.pieces?.length, 2);
    assert.ok(Math.abs(at(t.pieces![0].det, ['u'], [0.1]) - 1 / 0.4) < 1e-9);
    assert.ok(Math.abs(at(t.pieces![1].det, ['u'], [0.7]) + 1 / 0.6) < 1e-9);
    assert.equal(holds(t.pieces![0].condition, ['u'], [0.1]), 1);
    assert.equal(holds(t.pieces![0].condition, ['u'], [0.5]), 0);
  });

  it('a name set by cases of another name, or of constants chosen by itself, is no update: quiet', () => {
    for (const note of [
      '$$ s = \\begin{cases} t & t > 0 \\\\ 0 & \\text{otherwise} \\end{cases} $$',
      '$$ y = \\begin{cases} 1 & y > 0 \\\\ 0 & \\text{otherwise} \\end{cases} $$',
    ]) {
      const r = analyzeNote(note);
      assert.deepEqual(r.transforms, [], note);
      assert.deepEqual(r.diagnostics.map((d) => d.message), [], note);
    }
  });
});
