import * as assert from 'node:assert/strict';
import { call, equal, sym } from '../../../../src/core/math/expr';
import { parsePlainExpr } from '../../../../src/core/parse/plainExpr';
import { analyzeNote } from '../../helpers/latex';

describe('LaTeX index ranges: blocks written x_{1:k}, x_{k+1:n}', () => {
  it('a coupling layer written with index ranges is a block map: det J = exp(sum(h(u_{1:k}))), the inverse from the layer', () => {
    const r = analyzeNote('$$ v_{1:k} = u_{1:k}, \\quad v_{k+1:n} = u_{k+1:n} \\odot \\exp(h(u_{1:k})) + g(u_{1:k}) $$');
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.transforms.length, 1);
    const t = r.transforms[0];
    assert.deepEqual(t.block?.vectors, t.variables);
    assert.equal(t.variables.length, 2);
    const [a] = t.variables;
    assert.equal(t.structure, 'coupling');
    assert.ok(equal(parsePlainExpr(t.det), call('exp', call('sum', call('h', sym(a))))), t.det);
    assert.match(t.detLatex, /u_\{1:k\}/);
    assert.equal(t.invertibility.verdict, 'invertible');
  });

  it('the inverse written as its own system is a map too, with the opposite log-determinant', () => {
    const r = analyzeNote('$$ u_{1:k} = v_{1:k}, \\quad u_{k+1:n} = (v_{k+1:n} - g(v_{1:k})) \\odot \\exp(-h(v_{1:k})) $$');
    const t = r.transforms[0];
    assert.equal(t.structure, 'coupling');
    assert.ok(equal(parsePlainExpr(t.det), call('exp', call('sum', parsePlainExpr(`-h(${t.variables[0]})`)))) ||
      equal(parsePlainExpr(t.det), call('exp', parsePlainExpr(`-sum(h(${t.variables[0]}))`))), t.det);
  });

  it('a single index is a coordinate, not a block: x_{k+1} stays a name', () => {
    const r = analyzeNote('$$ p_{k+1} = q_{k+1} + q_k^3, \\quad p_k = q_k $$');
    assert.equal(r.transforms.length, 1);
    assert.equal(r.transforms[0].block, undefined);
  });
});
