import * as assert from 'node:assert/strict';
import { explicit } from '../../../../src/core/parse/latex/recognizers/explicit';
import { analyzeNote, assertReads, candidatesOf, detIs, findingsOf, md } from '../../helpers/latex';

/* A chain that names the value first, then the map: w = T(z) = (a z + b)/(c z + d). */
describe('LaTeX recognizer explicit: a chain w = T(z) = … is the map T', () => {
  it('display: T of one variable with symbolic constants, named by the head, det J = T\'(z)', () => {
    const note = md('A linear fractional map:', '', '$$ \\omega = M(z) = \\frac{p z + q}{r z + s} $$');
    const [c] = candidatesOf(findingsOf(note, explicit));
    assert.equal(c.name, 'M');
    assertReads(c, ['z'], ['(p z + q) / (r z + s)']);
    const r = analyzeNote(note);
    assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), []);
    assert.deepEqual(r.transforms.map((t) => t.name), ['M']);
    const [t] = r.transforms;
    assert.deepEqual(t.variables, ['z']);
    const k = { p: 2, q: 1, r: 0.5, s: 3 };
    detIs(t, (z) => (k.p * k.s - k.q * k.r) / (k.r * z + k.s) ** 2, [[0.2], [1.3], [-0.7]], k);
  });

  it('inline, when the words right before call it a map or a transformation', () => {
    const r = analyzeNote('The Möbius transformation $\\zeta = \\Phi(u) = \\frac{2u + 1}{u + 3}$ sends circles to circles.');
    assert.deepEqual(r.diagnostics.map((d) => d.message), []);
    assert.equal(r.transforms.length, 1);
    assert.deepEqual(r.transforms[0].variables, ['u']);
    detIs(r.transforms[0], (u) => 5 / (u + 3) ** 2, [[0.2], [1.3], [-0.7]]);
  });

  it('inline one-variable maps the words right after name a map: "if $h(s) = …$ is a Möbius transformation"; other predicates stay quiet', () => {
    const r = analyzeNote('Show that if $h(s) = \\frac{2s + 1}{s + 3}$ is a Möbius transformation then so is its inverse.');
    assert.deepEqual(r.diagnostics.map((d) => d.message), []);
    assert.deepEqual(r.transforms.map((t) => t.variables), [['s']]);
    detIs(r.transforms[0], (s) => 5 / (s + 3) ** 2, [[0.2], [1.3]]);
    for (const note of ['Here $h(s) = s^2 + 1$ is the value we need.', 'The unit $a(s) = \\tanh s$ is the activation of the layer.']) {
      const q = analyzeNote(note);
      assert.deepEqual(q.transforms, [], note);
      assert.deepEqual(q.diagnostics.map((d) => d.message), [], note);
    }
  });

  it('a tuple of outputs first, (u, v) = F(x, y) = (…): F with outputs u, v', () => {
    const [c] = candidatesOf(findingsOf('$$ (u, v) = F(x, y) = (x + 2y, x - y) $$', explicit));
    assert.equal(c.name, 'F');
    assert.deepEqual([...c.outputs], ['u', 'v']);
    assertReads(c, ['x', 'y'], ['x + 2 y', 'x - y']);
  });

  it('chains that define no map stay quiet: numbers, a physics identity, a function value inline in prose', () => {
    const quiet = [
      '$$ n = 6 = 2 \\cdot 3 $$',
      '$$ E = m c^2 = \\frac{m_0 c^2}{\\sqrt{1 - v^2/c^2}} $$',
      'The parabola $y = g(x) = x^2$ has its vertex at the origin.',
      'At the minimum $E = L(\\theta) = \\tfrac12 (\\theta - 1)^2$ is zero.',
      // a function's value named by its own letter: a definition of m, not a map
      '$$ m = m(u) = (u - u_0) \\lambda\' $$',
      '$$ m = m(u) = u^2 - 3u $$',
    ];
    for (const note of quiet) {
      const r = analyzeNote(note);
      assert.deepEqual(r.transforms.map((t) => t.components), [], note);
      assert.deepEqual(r.diagnostics.map((d) => d.message), [], note);
    }
  });
});
