import * as assert from 'node:assert/strict';
import { compileClosure } from '../../../../src/core/math/numeric';
import type { TransformReport } from '../../../../src/core/report';
import { parsePlainExpr } from '../../../../src/core/parse/plainExpr';
import { analyzeNote, componentsAre, detIs, md } from '../../helpers/latex';
import { mapFromStrings } from '../../helpers/maps';
import { close, fdDet } from '../../helpers/flows';

/* A value reduced modulo a constant at its end (\pmod, \bmod, \mod): a wrap onto a circle or torus, J unchanged where smooth. */
describe('a trailing remainder by a constant is read as the remainder', () => {
  it('\\pmod{2\\pi} on both equations of an iterated map: J of the unwrapped step', () => {
    const r = analyzeNote(md(
      'A kicked rotor, angles taken on the circle:',
      '$$ \\phi_{j+1} = \\phi_j + \\omega + b\\sin\\psi_j \\pmod{2\\pi}, \\qquad \\psi_{j+1} = \\psi_j + \\phi_j \\pmod{2\\pi} $$',
      'with $b = 0.6$ and $\\omega = 0.25$.',
    ));
    assert.deepEqual(r.diagnostics.map((d) => d.message), []);
    assert.equal(r.transforms.length, 1);
    const [t] = r.transforms;
    assert.deepEqual(t.variables, ['phi_j', 'psi_j']);
    detIs(t, (_p, q) => 1 - 0.6 * Math.cos(q), [[0.3, 1.1], [1.7, -0.4]]);
  });

  it('\\bmod 1 and \\mod 1 in a system: the remainders, det of the linear part', () => {
    for (const m of ['\\bmod 1', '\\mod 1']) {
      const r = analyzeNote(`$$ u = 3s + t ${m}, \\quad v = s + t ${m} $$`);
      assert.equal(r.transforms.length, 1, m);
      const [t] = r.transforms;
      assert.deepEqual(t.variables, ['s', 't']);
      componentsAre(t, ['rem(3*s + t, 1)', 'rem(s + t, 1)']);
      detIs(t, () => 2, [[0.1, 0.2], [0.35, 0.05]]);
    }
  });

  it('a remainder by a variable is not computed: no map', () => {
    const r = analyzeNote('$$ u = s \\bmod t, \\quad v = s + t $$');
    assert.equal(r.transforms.length, 0);
  });
});

/** det J against central differences of the report's components (remainders included), at points away from the wraps. */
function detMatchesDifferences(t: TransformReport, points: number[][], symbols: Record<string, number> = {}): void {
  const det = compileClosure(parsePlainExpr(t.det), [...t.variables, ...Object.keys(symbols)]);
  const f = mapFromStrings(t.components, t.variables, { symbols });
  for (const x of points) {
    const got = det([...x, ...Object.values(symbols)]), want = fdDet(f, x);
    assert.ok(close(got, want), `det ${t.det} at ${x}: ${got}, finite differences ${want}`);
  }
}

/* A whole tuple (or column) followed by a remainder by a constant: each entry reduced (a torus). */
describe('a tuple taken modulo a constant is reduced componentwise', () => {
  it('every spelling of the remainder after a tuple: no diagnostic, the remainders, det J of the linear part', () => {
    for (const m of ['\\bmod 1', '\\pmod{1}', '\\mod 1', '\\pmod 1', '(\\mathrm{mod}\\ 1)']) {
      const r = analyzeNote(md('The shear on the torus:', '', `$$\\Lambda(s, t) = (3s + t, 2s + t) ${m}$$`));
      assert.deepEqual(r.diagnostics.map((d) => d.message), [], m);
      assert.equal(r.transforms.length, 1, m);
      const [t] = r.transforms;
      assert.deepEqual(t.variables, ['s', 't'], m);
      componentsAre(t, ['rem(3*s + t, 1)', 'rem(2*s + t, 1)']);
      detIs(t, () => 1, [[0.1, 0.2], [0.3, 0.05]]);
      detMatchesDifferences(t, [[0.1, 0.2], [0.21, 0.13]]);
    }
  });

  it('a column, and a matrix times a column, modulo 1; inline too', () => {
    const notes = [
      '$$\\Psi(a, b) = \\begin{pmatrix} a + 3b \\\\ a + 4b \\end{pmatrix} \\bmod 1$$',
      '$$\\Psi(a, b) = \\begin{bmatrix} 1 & 3 \\\\ 1 & 4 \\end{bmatrix} \\begin{bmatrix} a \\\\ b \\end{bmatrix} \\pmod{1}$$',
      'On the torus the map $\\Psi(a, b) = (a + 3b, a + 4b) \\bmod 1$ keeps area.',
    ];
    for (const note of notes) {
      const r = analyzeNote(note);
      assert.deepEqual(r.diagnostics.map((d) => d.message), [], note);
      assert.equal(r.transforms.length, 1, note);
      componentsAre(r.transforms[0], ['rem(a + 3*b, 1)', 'rem(a + 4*b, 1)']);
      detMatchesDifferences(r.transforms[0], [[0.05, 0.1], [0.12, 0.07]]);
    }
  });

  it('a step written as tuples, (x_{k+1}, y_{k+1}) = (…) \\bmod 1: the previous step is the input, constants symbolic', () => {
    const r = analyzeNote(md(
      'A kicked step on the unit torus:',
      '',
      '$$(q_{k+1}, w_{k+1}) = (q_k + c \\sin(2\\pi w_k), \\; w_k + q_k + c \\sin(2\\pi w_k)) \\bmod 1$$',
    ));
    assert.deepEqual(r.diagnostics.filter((d) => d.severity !== 'warning').map((d) => d.message), []);
    assert.equal(r.transforms.length, 1);
    const [t] = r.transforms;
    assert.deepEqual(t.variables, ['q_k', 'w_k']);
    componentsAre(t, ['rem(q_k + c*sin(2*pi*w_k), 1)', 'rem(w_k + q_k + c*sin(2*pi*w_k), 1)'], { c: 0.15 });
    detIs(t, () => 1, [[0.1, 0.2], [0.3, 0.05]], { c: 0.15 });
    detMatchesDifferences(t, [[0.1, 0.2], [0.3, 0.05]], { c: 0.15 });
    // a column of outputs, with a value given in the note: the same step
    const col = analyzeNote(md(
      'With $c = 0.15$:',
      '',
      '$$\\begin{pmatrix} q_{k+1} \\\\ w_{k+1} \\end{pmatrix} = \\begin{pmatrix} q_k + c \\sin(2\\pi w_k) \\\\ w_k + 2 q_k \\end{pmatrix} \\pmod{1}$$',
    ));
    assert.deepEqual(col.diagnostics.map((d) => d.message), []);
    assert.equal(col.transforms.length, 1);
    detMatchesDifferences(col.transforms[0], [[0.1, 0.2], [0.3, 0.05]]);
  });

  it('a tuple modulo a name is still not read as a map (no componentwise remainder by a variable)', () => {
    const r = analyzeNote('$$\\Lambda(s, t) = (3s + t, 2s + t) \\bmod m$$');
    assert.equal(r.transforms.length, 0);
  });
});
