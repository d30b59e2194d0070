import * as assert from 'node:assert/strict';
import { analyzeNote, componentsAre, detIs, md } from '../../helpers/latex';

/** A map of a complex variable the note writes as z = x + iy: the map of the plane it is. */
describe('LaTeX: complex maps written with z = x + iy', () => {
  it('z ↦ z^2 is (x^2 - y^2, 2xy), det J = 4(x^2 + y^2) (was a map of one real z, det 2z)', () => {
    const r = analyzeNote(md('Write $z = x + iy$. The squaring map $z \\mapsto z^2$ doubles angles.'));
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.transforms.length, 1);
    assert.deepEqual(r.transforms[0].variables, ['x', 'y']);
    componentsAre(r.transforms[0], ['x^2 - y^2', '2*x*y']);
    detIs(r.transforms[0], (x: number, y: number) => 4 * (x * x + y * y), [[0.3, 0.7], [-1.2, 0.4]]);
  });

  it('a quotient, the exponential and the conjugate: J(z) = z + 1/z, e^z, \\bar z z', () => {
    const r = analyzeNote(md(
      'Let $z = x + i y$.',
      '',
      '$$J(z) = z + \\frac{1}{z}$$',
      '',
      '$$E(z) = e^{z}$$',
    ));
    assert.deepEqual(r.transforms.map((t) => t.name), ['J', 'E']);
    const [j, e] = r.transforms;
    detIs(j, (x: number, y: number) => { const q = (x * x + y * y) ** 2; const re = 1 - (x * x - y * y) / q, im = 2 * x * y / q; return re * re + im * im; }, [[0.6, 0.7], [-1.2, 0.4]]);
    detIs(e, (x: number) => Math.exp(2 * x), [[0.3, 0.7]]);
  });

  it('without z = x + iy, z \\mapsto z^2 stays a map of one variable; with a log (not expanded) it is not read here', () => {
    const plain = analyzeNote('The map $z \\mapsto z^2$.');
    assert.deepEqual(plain.transforms.map((t) => t.variables), [['z']]);
    const log = analyzeNote(md('Write $z = x + iy$.', '', '$$L(z) = \\log z$$'));
    assert.ok(log.transforms.every((t) => !t.variables.includes('x')));
  });
});
