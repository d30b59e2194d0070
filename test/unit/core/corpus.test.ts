import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../../src/core/document';
import { compileClosure } from '../../../src/core/math/numeric';
import { parsePlainExpr } from '../../../src/core/parse/plainExpr';
import { asTransformBlock, assertMatchesReference, loadCorpus } from '../helpers/corpus';

const corpus = loadCorpus();

describe('corpus: every transform as a ```transform block', () => {
  for (const c of corpus) {
    it(`${c.id}: det J equals the SymPy reference at random domain points`, () => {
      assertMatchesReference(analyzeDocument(asTransformBlock(c), 'markdown', `${c.id}.md`), c);
    });

    it(`${c.id}: f and J agree with the reference samples`, () => {
      const t = analyzeDocument(asTransformBlock(c), 'markdown', `${c.id}.md`).transforms[0];
      for (const s of c.samples) {
        t.components.forEach((comp, i) => {
          const v = compileClosure(parsePlainExpr(comp), c.variables)(s.point);
          assert.ok(Math.abs(v - s.f[i]) <= 1e-9 * Math.max(1, Math.abs(s.f[i])), `f_${i}(${s.point}) = ${v}, expected ${s.f[i]}`);
        });
        t.jacobian.forEach((row, i) => row.forEach((entry, j) => {
          const v = compileClosure(parsePlainExpr(entry), c.variables)(s.point);
          const ref = s.jacobian[i][j];
          assert.ok(Math.abs(v - ref) <= 1e-9 * Math.max(1, Math.abs(ref)), `J[${i}][${j}] = ${entry} = ${v}, expected ${ref}`);
        }));
        const d = compileClosure(parsePlainExpr(t.det), c.variables)(s.point);
        assert.ok(Math.abs(d - s.det) <= 1e-9 * Math.max(1, Math.abs(s.det)), `det at ${s.point}: ${d} vs ${s.det}`);
      }
    });
  }
});
