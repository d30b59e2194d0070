import * as assert from 'node:assert/strict';
import { analyzeNote, detIs, md } from '../../helpers/latex';

/** Relativity notes write the time coordinate as c t: `c t' = …` defines t'. */
describe("LaTeX: a primed name times constants on the left (c t' = …)", () => {
  it('a boost by a rapidity, with c t on both sides, is a map of (x, t) with det J = 1', () => {
    const r = analyzeNote("$$ x' = x\\cosh\\eta - c t\\sinh\\eta, \\quad c t' = -x\\sinh\\eta + c t\\cosh\\eta $$");
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.transforms.length, 1);
    const t = r.transforms[0];
    assert.deepEqual(t.variables, ['x', 't']);
    // x' = x ch - c t sh, t' = (-x sh + c t ch)/c: det = ch^2 - sh^2 = 1 for any c, η
    detIs(t, () => 1, [[0.3, 1.1], [-2, 0.4]]);
    assert.ok(t.components.some((c) => /c/.test(c)), JSON.stringify(t.components));
  });

  it('equations separated by \\hspace are separate: a Galilean change of frame (t, x, y) with det J = 1', () => {
    const r = analyzeNote("$$ct'=ct \\hspace{1cm}x'=x-ut\\hspace{0.5in}y'=y$$");
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.transforms.length, 1);
    assert.deepEqual(r.transforms[0].variables, ['t', 'x', 'y']);
    detIs(r.transforms[0], () => 1, [[0.3, 1.1, 2], [-2, 0.4, 0.1]]);
  });

  it('a narrow \\hspace is a space, not a separator', () => {
    const r = analyzeNote("$$ p' = p + q\\hspace{2pt}s, \\quad q' = q $$");
    assert.equal(r.transforms.length, 1);
    assert.deepEqual(r.transforms[0].variables, ['p', 'q']);
    detIs(r.transforms[0], () => 1, [[0.3, 1.1]]);
  });

  it("a difference Δ T' = … is not a multiple of T': no map", () => {
    const r = analyzeNote("$$ \\Delta T' = \\frac{\\Delta T}{\\gamma} $$");
    assert.equal(r.transforms.length, 0);
  });

  it('an output restated in another notation is said as information, not a warning', () => {
    const r = analyzeNote(md(
      "$$ x' = \\gamma(x - u t) \\\\ x' = \\gamma(x - \\beta c t) $$",
      '',
      "$$ t' = \\gamma(t - u x / c^2) \\\\ c t' = \\gamma(c t - \\beta x) $$",
    ));
    assert.equal(r.transforms.length, 1);
    assert.deepEqual(r.diagnostics.filter((d) => d.severity !== 'info'), []);
    assert.ok(r.diagnostics.some((d) => /defined twice/.test(d.message)));
  });
});

describe('LaTeX: plain TeX matrices as MathJax notes write them', () => {
  it('\\pmatrix{…} columns with c t\' acted on by a boost matrix: the map of (t, x), det J = 1, no warning', () => {
    const r = analyzeNote("$$\\pmatrix{c t' \\\\ x'} = \\pmatrix{\\cosh\\eta & -\\sinh\\eta \\\\ -\\sinh\\eta & \\cosh\\eta} \\pmatrix{c t \\\\ x}$$");
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.transforms.length, 1);
    assert.deepEqual(r.transforms[0].variables, ['t', 'x']);
    detIs(r.transforms[0], () => 1, [[0.3, 1.1], [-2, 0.4]], { eta: 0.7, c: 3 });
  });

  it('a \\matrix{…} of numbers beside prose is quiet', () => {
    const r = analyzeNote('$$ M = \\matrix{1 & 2 \\\\ 3 & 4} $$');
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.transforms.length, 0);
  });
});
