import * as assert from 'node:assert/strict';
import { analyzeNote, detIs, md } from '../../helpers/latex';

/**
 * Ordinary mathematics gets no diagnostic at all, and a system that looks like a map but
 * whose inputs are not clear gets one information, at the whole system.
 */
describe('LaTeX: ordinary math stays quiet, an unclear map is said once', () => {
  // a course handout in statistics and mechanics: nothing in it is a map R^n -> R^n
  const handout = md(
    '# Week 3 handout',
    '',
    'The Gaussian integral and a trigonometric identity:',
    '',
    '$$\\int_{-\\infty}^{\\infty} e^{-s^2}\\,ds = \\sqrt{\\pi}, \\qquad \\sin^2\\beta + \\cos^2\\beta = 1$$',
    '',
    'A geometric sum for $|c| < 1$: $\\sum_{k=0}^{\\infty} c^k = \\frac{1}{1 - c}$, and Cauchy-Schwarz',
    '$$\\Big|\\sum_j a_j b_j\\Big| \\le \\sqrt{\\sum_j a_j^2}\\,\\sqrt{\\sum_j b_j^2}.$$',
    '',
    'The training loss of a ridge fit, and the density of an exponential law:',
    '',
    '$$\\mathcal{L}(w) = \\frac{1}{N}\\sum_{n=1}^{N} (t_n - w^\\top \\phi_n)^2 + \\lambda \\|w\\|^2$$',
    '',
    '$$f_T(t) = \\kappa e^{-\\kappa t}, \\quad t \\ge 0$$',
    '',
    'Bayes\' rule: $P(H \\mid D) = \\frac{P(D \\mid H) P(H)}{P(D)}$.',
    '',
    'Constants used below: $g = 9.81$, $k_B = 1.38 \\times 10^{-23}$ and',
    '',
    '$$c_0 = 299792458$$',
    '',
    'A linear system to solve (not a map):',
    '',
    '$$\\begin{pmatrix} 2 & 1 \\\\ 1 & 3 \\end{pmatrix} \\begin{pmatrix} a_1 \\\\ a_2 \\end{pmatrix} = \\begin{pmatrix} 5 \\\\ 10 \\end{pmatrix}$$',
    '',
    '## Mechanics',
    '',
    'Newton and momentum, energy:',
    '',
    '$$F = m\\,a, \\quad p = m\\,v, \\quad E = \\tfrac{1}{2} m v^2 + m g h$$',
    '',
    'Uniform acceleration:',
    '',
    '$$v = v_0 + a t, \\quad x = x_0 + v_0 t + \\tfrac{1}{2} a t^2$$',
    '',
    'A block on a slope of angle $\\alpha$:',
    '',
    '$$F_{\\parallel} = M g \\sin\\alpha, \\quad N = M g \\cos\\alpha$$',
    '',
    '$$Q = \\omega L \\quad \\text{and} \\quad U = L I^2 / 2$$',
  );

  it('a handout of integrals, identities, sums, inequalities, a loss, a density, Bayes, constants, a linear system and physics: no map, no diagnostic', () => {
    const r = analyzeNote(handout);
    assert.deepEqual(r.transforms.map((t) => t.name), []);
    assert.deepEqual(r.diagnostics, []);
  });

  it('"x = x(u, v)" (what x depends on) and a vector by its length (bold and plain w) give no value and no error', () => {
    const r = analyzeNote(md(
      'For a change $(a, b) \\to (s, t)$ with $a = a(s, t)$ and $b = b(s, t)$ the area scales by the Jacobian.',
      '',
      'A drift $\\mathbf{w} = w\\hat{e}$ along one axis moves the fields:',
      '',
      '<!-- jacobian: inputs p, q -->',
      '$$ u = p - w q, \\quad v = q - w p $$',
    ));
    assert.deepEqual(r.diagnostics.filter((d) => d.severity !== 'info'), []);
    // w keeps no value: a symbolic constant of the map (p, q) -> (u, v)
    assert.deepEqual(r.transforms.map((t) => [t.variables, t.freeSymbols]), [[['p', 'q'], ['w']]]);
    detIs(r.transforms[0], () => 1 - 0.3 * 0.3, [[0.2, 0.7]], { w: 0.3 });
  });

  it('a cross product of bold vectors is not read as a product of numbers', () => {
    const r = analyzeNote(md(
      "$$ \\mathbf{P}' = \\mathbf{P} + c\\, \\boldsymbol{\\omega} \\times \\mathbf{Q}, \\quad \\mathbf{Q}' = \\mathbf{Q} - c\\, \\boldsymbol{\\omega} \\times \\mathbf{P} $$",
    ));
    assert.deepEqual(r.transforms, []);
    assert.deepEqual(r.diagnostics.filter((d) => d.severity !== 'info'), []);
  });

  it('physics systems with more unknowns than equations stay quiet on their own too', () => {
    for (const note of [
      '$$F = m\\,a, \\quad p = m\\,v$$',
      '$$v = v_0 + a t, \\quad x = x_0 + v_0 t + \\tfrac{1}{2} a t^2$$',
      '$$F_{\\parallel} = M g \\sin\\alpha, \\quad N = M g \\cos\\alpha$$',
      '$$m = a + k b^2, \\quad n = c\\,a - b$$',
      md('$$P = I V$$', '', 'and', '', '$$V = I R$$'),
    ]) assert.deepEqual(analyzeNote(note).diagnostics, [], note);
  });

  it('a change of coordinates whose inputs are not clear gets one information, placed over the whole system', () => {
    const split = md('The stretched polar grid is', '', '$$ u = a\\,\\varrho\\cos\\gamma + k $$', '', 'and its second coordinate', '', '$$ w = b\\,\\varrho\\sin\\gamma $$', '', 'Done.');
    const r = analyzeNote(split);
    assert.deepEqual(r.transforms, []);
    assert.equal(r.diagnostics.length, 1, JSON.stringify(r.diagnostics));
    const d = r.diagnostics[0];
    assert.equal(d.severity, 'info');
    assert.equal(d.code, 'inputs');
    // from the first equation (line 2) to the second (line 6)
    assert.deepEqual([d.range.start.line, d.range.end.line], [2, 6]);
    assert.match(d.message, /u, w/);
    assert.match(d.message, /<!-- jacobian: inputs /);
    // one formula of two equations: one information, not one per equation
    const one = analyzeNote('$$ u = a\\,\\varrho\\cos\\gamma + k, \\quad w = b\\,\\varrho\\sin\\gamma $$');
    assert.equal(one.diagnostics.length, 1);
  });

  it('the directive the information suggests settles the map', () => {
    const note = '$$ u = a\\,\\varrho\\cos\\gamma + k, \\quad w = b\\,\\varrho\\sin\\gamma $$';
    const message = analyzeNote(note).diagnostics[0].message;
    const directive = /<!-- jacobian: inputs [^>]*-->/.exec(message)?.[0];
    assert.ok(directive, message);
    const r = analyzeNote(md(directive, note));
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.transforms.map((t) => [...t.variables].sort()), [['gamma', 'varrho']]);
    const t = r.transforms[0];
    const at = (v: Record<string, number>) => t.variables.map((x) => v[x]);
    // det of (ϱ, γ) -> (aϱ cos γ + k, bϱ sin γ) is a b ϱ (sign by the order of the inputs)
    const sign = t.variables[0] === 'varrho' ? 1 : -1;
    detIs(t, (...x) => sign * 0.5 * 2 * x[t.variables.indexOf('varrho')], [at({ varrho: 0.7, gamma: 0.3 }), at({ varrho: 1.4, gamma: -0.8 })], { a: 0.5, b: 2, k: 0.1 });
  });
});
