import * as assert from 'node:assert/strict';
import { system } from '../../../../src/core/parse/latex/recognizers/system';
import { analyzeNote, candidatesOf, componentsAre, declinedOf, detIs, findingsOf, md } from '../../helpers/latex';

describe('LaTeX systems of named outputs without a head (system)', () => {
  it('reads unprimed equations in one display, inputs in order of appearance, an output that keeps its own name', () => {
    const r = analyzeNote('$$ p = s\\cos\\beta, \\quad q = s\\sin\\beta, \\quad h = h $$');
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.transforms.length, 1);
    const t = r.transforms[0];
    assert.deepEqual(t.variables, ['s', 'beta', 'h']);
    detIs(t, (s) => s, [[0.7, 0.2, 1.1], [1.3, -0.4, 0.2]]);
    assert.equal(t.inputChoice, undefined);
  });

  it('splits at \\\\ in aligned, and joins single equations of consecutive displays', () => {
    for (const note of [
      '$$ \\begin{aligned} m &= a + b^3 \\\\ n &= a - b \\end{aligned} $$',
      md('$$ m = a + b^3 $$', '$$ n = a - b. $$'),
      '$$ \\begin{cases} m = a + b^3 \\\\ n = a - b \\end{cases} $$',
    ]) {
      const r = analyzeNote(note);
      assert.equal(r.transforms.length, 1, note);
      assert.deepEqual(r.transforms[0].variables, ['a', 'b'], note);
      detIs(r.transforms[0], (_a, b) => -3 * b * b - 1, [[0.5, 0.9]]);
    }
  });

  it('joins single equations of displays with a short sentence between them when together they are a system', () => {
    for (const note of [
      md('$$ p = s\\cos\\beta $$', 'and', '$$ q = s\\sin\\beta $$'),
      md('The first coordinate is', '', '$$ p = s\\cos\\beta, $$', '', 'while the second is', '', '$$ q = s\\sin\\beta. $$'),
      md('$$ p = s\\cos\\beta $$', ',', '$$ q = s\\sin\\beta $$'),
    ]) {
      const r = analyzeNote(note);
      assert.deepEqual(r.diagnostics, [], note);
      assert.equal(r.transforms.length, 1, note);
      assert.deepEqual(r.transforms[0].variables, ['s', 'beta'], note);
      detIs(r.transforms[0], (s) => s, [[0.7, 0.2], [1.3, -0.4]]);
    }
  });

  it('does not join formulas across a heading, across paragraphs, or when the parts are not one system', () => {
    for (const note of [
      // a heading between
      md('$$ p = s\\cos\\beta $$', '', '## Second part', '', '$$ q = s\\sin\\beta $$'),
      // two paragraphs of prose between
      md('$$ p = s\\cos\\beta $$', '', 'A first paragraph about something else.', '', 'And a second one.', '', '$$ q = s\\sin\\beta $$'),
      // unrelated formulas: no shared input, and more names than outputs
      md('$$ E = m c^2 $$', 'and', '$$ F = m a $$'),
      // the same output twice
      md('$$ p = s\\cos\\beta $$', 'or', '$$ p = s\\sin\\beta $$'),
    ]) {
      const r = analyzeNote(note);
      assert.equal(r.transforms.length, 0, note);
      assert.deepEqual(r.diagnostics, [], note);
    }
  });

  it('takes the inputs from a domain stated next to the math, and says so', () => {
    for (const note of [
      md('$$ u = a r \\cos\\theta, \\quad v = b r \\sin\\theta $$', '', 'for $r > 0$, $0 \\le \\theta < 2\\pi$.'),
      md('With $(r, \\theta) \\in (0, \\infty) \\times [0, 2\\pi)$ the ellipse coordinates are', '', '$$ u = a r \\cos\\theta, \\quad v = b r \\sin\\theta $$'),
      '$$ u = a r \\cos\\theta, \\quad v = b r \\sin\\theta, \\quad r > 0, \\quad 0 \\le \\theta < 2\\pi $$',
    ]) {
      const r = analyzeNote(note);
      assert.deepEqual(r.diagnostics, [], note);
      assert.equal(r.transforms.length, 1, note);
      const t = r.transforms[0];
      assert.deepEqual(t.variables, ['r', 'theta'], note);
      assert.match(t.assumed?.[0] ?? '', /inputs r, θ; a, b taken as constants \(a domain is stated for them next to the formula\)/);
      detIs(t, (rr) => 0.5 * 2 * rr, [[0.7, 0.2], [1.3, -0.4]], { a: 0.5, b: 2 });
    }
    const where = analyzeNote(md('$$ s = k p + m q^2, \\quad t = p - c q $$', '', 'where $p, q \\in \\mathbb{R}$.')).transforms[0];
    assert.deepEqual(where?.variables, ['p', 'q']);
  });

  it('a domain far from the formula (after a heading) does not choose its inputs', () => {
    const r = analyzeNote(md('$$ u = a r \\cos\\theta, \\quad v = b r \\sin\\theta $$', '', '## Elsewhere', '', 'for $r > 0$, $0 \\le \\theta < 2\\pi$.'));
    assert.equal(r.transforms.length, 0);
    assert.equal(r.diagnostics.length, 1);
    assert.equal(r.diagnostics[0].severity, 'info');
  });

  it('chooses the inputs by stated rules and says the choice', () => {
    // coefficients only: c_1, c_2 are constants
    const arm = analyzeNote('$$ u = c_1\\cos\\psi_1 + c_2\\cos(\\psi_1 + \\psi_2), \\quad v = c_1\\sin\\psi_1 + c_2\\sin(\\psi_1 + \\psi_2) $$').transforms[0];
    assert.deepEqual(arm.variables, ['psi1', 'psi2']);
    assert.deepEqual(arm.freeSymbols, ['c1', 'c2']);
    detIs(arm, (_a, b) => 0.5 * 2 * Math.sin(b), [[0.3, 0.8], [1.1, -0.6]], { c1: 0.5, c2: 2 });
    assert.equal(arm.assumed?.length, 1);
    assert.match(arm.assumed![0], /inputs ψ1, ψ2; c1, c2 taken as constants/);
    assert.equal(arm.inputChoice?.directive, '<!-- jacobian: inputs \\psi_1, \\psi_2; constants c_1, c_2 -->');
    assert.deepEqual(arm.inputChoice?.at, { line: 0, character: 0 });
    // indexed like the outputs: g is inside a function and still a constant
    const flow = analyzeNote('$$ w_1 = r_1, \\quad w_2 = r_2 e^{g \\tanh r_1} $$').transforms[0];
    assert.deepEqual(flow.variables, ['r1', 'r2']);
    detIs(flow, (r1) => Math.exp(0.4 * Math.tanh(r1)), [[0.3, 0.8]], { g: 0.4 });
    // a value defined in the note is not an input
    const given = analyzeNote(md('$$ k = 3 $$', '', 'and', '', '$$ m = a + k b, \\quad n = a - b $$')).transforms[0];
    assert.deepEqual(given.variables, ['a', 'b']);
    detIs(given, () => -1 - 3, [[0.2, 0.4]]);
  });

  it('takes typical names of constants (c, g, k, m, ħ) and speeds or rates (only ever times the time) as constants, and says so', () => {
    // the characteristics of the wave equation: c is the wave speed
    const wave = analyzeNote('$$ \\xi = x - ct, \\quad \\eta = x + ct $$').transforms;
    assert.equal(wave.length, 1);
    assert.deepEqual(wave[0].variables, ['x', 't']);
    detIs(wave[0], () => 2 * 1.5, [[0.3, 0.8]], { c: 1.5 });
    assert.match(wave[0].assumed![0], /inputs x, t; c taken as constant \(a typical name of a constant\)/);
    assert.equal(wave[0].inputChoice?.directive, '<!-- jacobian: inputs x, t; constants c -->');
    // a speed by its place: v only multiplies the time τ; ω only multiplies t inside the cosine
    const frame = analyzeNote('$$ \\zeta = y - v\\tau, \\quad s = \\tau $$').transforms[0];
    assert.deepEqual(frame.variables, ['y', 'tau']);
    assert.match(frame.assumed![0], /v taken as constant \(it only multiplies the time: a speed or rate\)/);
    const spin = analyzeNote('$$ p = r\\cos(\\omega t), \\quad q = r\\sin(\\omega t) $$').transforms[0];
    assert.deepEqual(spin.variables, ['r', 't']);
    detIs(spin, (r) => 2 * r, [[0.7, 0.3], [1.2, -2]], { omega: 2 });
    // g and m in a throw: the inputs are the launch speed and the time
    const thrown = analyzeNote('$$ x = u\\cos\\alpha \\, t, \\quad y = u\\sin\\alpha \\, t - \\tfrac12 g t^2 $$').transforms[0];
    assert.ok(!thrown.variables.includes('g'), thrown.variables.join());
    // a name typical of a constant that is the only candidate left stays an input (no choice to make)
    assert.deepEqual(analyzeNote('$$ u = k + s, \\quad v = k - s $$').transforms[0].variables, ['k', 's']);
  });

  it('a chain out = g(in) = … states the input of a single equation', () => {
    const t = analyzeNote('$$ w = shift(stretch(w_0)) = m + k \\cdot w_0 $$').transforms;
    assert.equal(t.length, 1);
    assert.deepEqual(t[0].variables, ['w0']);
    detIs(t[0], () => 1.5, [[0.3]], { m: 0.2, k: 1.5 });
  });

  it('declines with an info diagnostic when no rule settles the inputs, and reads nothing', () => {
    const found = findingsOf('$$ u = a + h\\cos b, \\quad v = r\\,a - b $$', system);
    assert.equal(candidatesOf(found).length, 0);
    const d = declinedOf(found);
    assert.equal(d.length, 1);
    assert.equal(d[0].severity, 'info');
    assert.match(d[0].message, /jacobian: inputs/);
  });

  it('leaves alone what is not a system: one equation, derivations, renamings, constants, densities', () => {
    for (const note of [
      '$$ E = m c^2 $$',
      '$$ u = a + b, \\quad v = 2 u $$',
      '$$ \\mathbf{z}_A = z_1, \\quad \\mathbf{z}_B = z_2 $$',
      '$$ a = 2, \\quad b = 3 $$',
      '$$ m = \\frac{1}{N}\\sum_i x_i, \\quad v = \\frac{1}{N}\\sum_i (x_i - m)^2 $$',
      '$$ L = \\sum_i (y_i - w x_i)^2, \\quad R = \\lambda w^2 $$',
      '$$ s_k = \\frac{y_1 - y_0}{x_1 - x_0} \\quad \\text{and} \\quad \\xi = \\xi(x) = \\frac{x - x_0}{x_1 - x_0} $$',
    ]) {
      const r = analyzeNote(note);
      assert.deepEqual([r.transforms.map((t) => t.name), r.diagnostics.filter((x) => x.severity !== 'info')], [[], []], note);
    }
  });

  it('a point written bold by its coordinates is the system of its coordinates; a field, a constant or its own coordinates are not', () => {
    const r = analyzeNote('In a ball, $\\mathbf{p} = (s\\sin\\vartheta\\cos\\psi,\\ s\\sin\\vartheta\\sin\\psi,\\ s\\cos\\vartheta)$ sweeps the volume.');
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.transforms.length, 1);
    assert.deepEqual(r.transforms[0].variables, ['s', 'vartheta', 'psi']);
    detIs(r.transforms[0], (s, t) => s * s * Math.sin(t), [[0.7, 0.4, 1.1], [1.3, 2.2, -0.3]]);
    const column = analyzeNote('$$ \\boldsymbol{w} = \\begin{pmatrix} e^{a} \\\\ b\\, e^{a} \\end{pmatrix} $$');
    assert.equal(column.transforms.length, 1);
    detIs(column.transforms[0], (a) => Math.exp(2 * a), [[0.3, -1.2], [-0.8, 0.5]]);
    for (const note of [
      '$$ \\mathbf{v} = (-y, x) $$',
      '$$ \\mathbf{F} = (x y, x - y) $$',
      '$$ \\mathbf{x} = (x_1, x_2, x_3) $$',
      '$$ \\mathbf{x} = (a, b) $$',
      '$$ \\mathbf{q} = (1, 0, -1)^\\top $$',
      '$$ x = (p + q, p - q) $$',
    ]) {
      const q = analyzeNote(note);
      assert.deepEqual([q.transforms.map((t) => t.name), q.diagnostics.filter((x) => x.severity !== 'info')], [[], []], note);
    }
  });

  it('a state update written as assignments (every output used on a right side) is one step from the values before it', () => {
    for (const note of [
      '$$ \\begin{aligned} u &= 1 + k w - u^2 \\\\ w &= c\\, u \\end{aligned} $$',
      md('$$ u = 1 + k w - u^2 $$', '$$ w = c\\, u $$'),
    ]) {
      const r = analyzeNote(note);
      assert.deepEqual(r.transforms.map((t) => t.variables), [['u', 'w']], note);
      const t = r.transforms[0];
      // simultaneous: w is c times the u before the step, J = [[-2u, k], [c, 0]]
      componentsAre(t, ['1 + k w - u^2', 'c u'], { k: 0.7, c: 0.4 });
      detIs(t, () => -0.7 * 0.4, [[0.3, -0.6], [1.2, 0.5]], { k: 0.7, c: 0.4 });
      assert.match(t.assumed?.join(' ') ?? '', /state update/);
    }
    // an output that no equation uses is a derivation still, "mod" is no product m·o·d (a remainder
    // by a name is not computed; by a constant it is read, modulus.test.ts), and two
    // outputs that only restate one relation (neither uses its own old value) are no update
    for (const note of ['$$ u = a + b, \\quad v = 2 u $$', '$$ u = (u + w) \\bmod n, \\quad w = (w + u) \\bmod n $$',
      '$$ P = q\\, V^2, \\quad V = \\sqrt{P / q} $$']) {
      assert.deepEqual(analyzeNote(note).transforms, [], note);
    }
  });

  it('an inverse that names a step (the angle from the radius just found) is read with the step put in', () => {
    for (const note of [
      '$$ (s, \\beta) = \\left(\\sqrt{p^2 + q^2}, \\arccos(p / s)\\right) $$',
      '$$ s = \\sqrt{p^2 + q^2}, \\quad \\beta = \\arccos(p / s), \\quad h = h $$',
    ]) {
      const r = analyzeNote(note);
      assert.equal(r.transforms.length, 1, note);
      const t = r.transforms[0];
      assert.deepEqual(t.variables.slice(0, 2), ['p', 'q'], note);
      componentsAre(t, ['sqrt(p^2 + q^2)', 'acos(p / sqrt(p^2 + q^2))', ...(t.variables.length === 3 ? ['h'] : [])]);
      // d(s, β)/d(p, q) = sign(q) / s
      detIs(t, (p, q) => Math.sign(q) / Math.hypot(p, q), [[0.3, 0.6, 1], [-1.2, 0.5, 2], [0.4, -0.7, 1]]);
    }
  });

  it('a system beside its inverse: both maps, neither direction taken as the other\'s constants', () => {
    const r = analyzeNote(md(
      '$$ p = s\\cos\\beta, \\quad q = s\\sin\\beta $$',
      '',
      'and back:',
      '',
      '$$ s = \\sqrt{p^2 + q^2}, \\quad \\beta = \\operatorname{atan2}(q, p) $$',
    ));
    assert.deepEqual(r.transforms.map((t) => t.variables), [['s', 'beta'], ['p', 'q']]);
    componentsAre(r.transforms[1], ['sqrt(p^2 + q^2)', 'atan2(q, p)']);
  });
});
