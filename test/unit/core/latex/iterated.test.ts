import * as assert from 'node:assert/strict';
import { analyzeNote, checkNote, componentsAre, detIs, md } from '../../helpers/latex';

describe('LaTeX recognizer iterated: one step of an iteration, x_{n+1} from x_n', () => {
  it('reads a two-dimensional step with symbolic constants, inputs indexed n', () => {
    const r = checkNote(md(
      'One step of the quadratic map I study:',
      '$$',
      'u_{n+1} = 1 - c\\, u_n^2 + w_n, \\qquad w_{n+1} = d\\, u_n .',
      '$$',
    ));
    assert.deepEqual(r.diagnostics.filter((d) => d.severity !== 'warning' && d.severity !== 'info'), []);
    assert.equal(r.transforms.length, 1);
    const t = r.transforms[0];
    assert.deepEqual(t.variables, ['u_n', 'w_n']);
    componentsAre(t, ['1 - c u_n^2 + w_n', 'd u_n'], { c: 1.2, d: 0.4 });
    detIs(t, () => -0.4, [[0.3, -0.2], [1.1, 0.5]], { d: 0.4 });
    // with d symbolic, the verdict is the condition on d
    assert.match(t.invertibility.reason, /invertible exactly when d != 0/);
  });

  it('an output used on a later right side is replaced by its formula (a kicked rotor, index k)', () => {
    const r = checkNote(md(
      '$$',
      '\\begin{aligned}',
      'm_{k+1} &= m_k + \\kappa \\sin\\vartheta_k, \\\\',
      '\\vartheta_{k+1} &= \\vartheta_k + m_{k+1}',
      '\\end{aligned}',
      '$$',
    ));
    assert.equal(r.transforms.length, 1);
    const t = r.transforms[0];
    assert.deepEqual(t.variables, ['m_k', 'vartheta_k']);
    componentsAre(t, ['m_k + kappa sin(vartheta_k)', 'vartheta_k + m_k + kappa sin(vartheta_k)'], { kappa: 0.7 });
    detIs(t, () => 1, [[0.3, -0.2], [1.1, 2.5]], { kappa: 0.7 });
    assert.equal(t.invertibility.verdict, 'invertible');
  });

  it('reads steps over consecutive displays and inline in one paragraph; values given in the note are used', () => {
    const r = analyzeNote(md(
      'With $h = 0.1$ the step is $q_{j+1} = q_j + h\\, s_j$ and $s_{j+1} = s_j - h\\, q_j$.',
    ));
    assert.equal(r.transforms.length, 1);
    detIs(r.transforms[0], () => 1 + 0.01, [[0.3, -0.2]]);
    const split = analyzeNote(md('$$a_{t+1} = a_t + b_t$$', '$$b_{t+1} = 2 b_t$$'));
    assert.equal(split.transforms.length, 1);
    detIs(split.transforms[0], () => 2, [[0.3, -0.2]]);
    // two maps in consecutive displays stay two
    const two = analyzeNote(md('$$a_{t+1} = a_t + b_t, \\quad b_{t+1} = 2 b_t$$', '$$c_{t+1} = 3 c_t, \\quad e_{t+1} = c_t - e_t$$'));
    assert.deepEqual(two.transforms.map((t) => t.variables), [['a_t', 'b_t'], ['c_t', 'e_t']]);
    detIs(two.transforms[1], () => -3, [[0.3, -0.2]]);
  });

  it('a name defined in the prose before the step in terms of its inputs is put in (the Ikeda map: det J = u^2)', function () {
    // about a second alone; in the whole suite it once took over 20 s (a collection): room for that
    this.timeout(60_000);
    const r = analyzeNote(md(
      'With $u = 0.8$ and $\\tau_n = 0.4 - 6/(1 + p_n^2 + q_n^2)$ the step is',
      '$$',
      'p_{n+1} = 1 + u (p_n \\cos\\tau_n - q_n \\sin\\tau_n), \\quad q_{n+1} = u (p_n \\sin\\tau_n + q_n \\cos\\tau_n)',
      '$$',
    ));
    assert.equal(r.transforms.length, 1);
    const t = r.transforms[0];
    assert.deepEqual(t.variables, ['p_n', 'q_n']);
    assert.deepEqual(t.freeSymbols, []);
    detIs(t, () => 0.64, [[0.3, -0.2], [1.1, 0.5]]);
    assert.doesNotMatch((t.assumed ?? []).join(), /tau_n taken as constant/);
  });

  it('leaves sequences, implicit steps and mixed indices alone, without a diagnostic', () => {
    for (const note of [
      '$$ a_{n+1} = a_n + \\frac{1}{n^2} $$',                                   // one recurrence: a sequence
      '$$ x_{n+1} = x_n + h\\, y_{n+1}, \\quad y_{n+1} = y_n - h\\, x_n $$',     // implicit: y_{n+1} used before it is defined
      '$$ x_{n+1} = y_n, \\quad y_{k+1} = x_k $$',                              // two index letters
      '$$ x_{n+1} = 2, \\quad y_{n+1} = 3 $$',                                  // no input used
    ]) {
      const r = analyzeNote(note);
      assert.deepEqual(r.transforms.map((t) => t.components), [], note);
      assert.deepEqual(r.diagnostics, [], note);
    }
  });
});

describe('LaTeX recognizer iterated: one recurrence is a map R -> R when the note calls it one', () => {
  it('a recurrence the prose calls an iteration or a map: the map of the previous value, det J its derivative', () => {
    const r = analyzeNote(md(
      'The sine map, iterated from a seed:',
      '',
      '$$ y_{t+1} = b \\sin(\\pi y_t) $$',
      '',
      'with $b = 0.9$.',
    ));
    assert.deepEqual(r.diagnostics.map((d) => d.message), []);
    assert.equal(r.transforms.length, 1);
    const [t] = r.transforms;
    assert.deepEqual(t.variables, ['y_t']);
    componentsAre(t, ['0.9 sin(pi y_t)']);
    detIs(t, (y) => 0.9 * Math.PI * Math.cos(Math.PI * y), [[0.1], [0.35], [0.8]]);
  });

  it("Newton's iteration, with a known function (Heron's square root) and with an unknown one", () => {
    const heron = analyzeNote(md(
      "Newton's iteration for the square root of $c$:",
      '',
      '$$ z_{j+1} = z_j - \\frac{z_j^2 - c}{2 z_j} $$',
    ));
    assert.deepEqual(heron.diagnostics.filter((d) => d.severity !== 'warning').map((d) => d.message), []);
    assert.equal(heron.transforms.length, 1);
    assert.deepEqual(heron.transforms[0].variables, ['z_j']);
    detIs(heron.transforms[0], (z) => 0.5 - 3 / (2 * z * z), [[0.7], [1.4], [2.5]], { c: 3 });
    const newton = analyzeNote(md('The dynamics of the root finder:', '', "$$ u_{m+1} = u_m - \\frac{g(u_m)}{g'(u_m)} $$"));
    assert.equal(newton.transforms.length, 1);
    assert.deepEqual(newton.transforms[0].variables, ['u_m']);
    // a map named by the reader is not named after a function it calls (x - f(x)/f'(x) is not f)
    const own = analyzeNote(md("Newton's method iterates", '', "$$ x_{k+1} = x_k - \\frac{f(x_k)}{f'(x_k)} $$"));
    assert.equal(own.transforms.length, 1);
    assert.notEqual(own.transforms[0].name, 'f');
  });

  it('sequences, sums and steps of an algorithm stay quiet: no map, no diagnostic', () => {
    const quiet = [
      // an arithmetic progression in a note about series (no word of dynamics)
      md('The partial sums of the series grow by the same amount each time:', '', '$$ b_{k+1} = b_k + h $$', '', 'so the sequence is arithmetic.'),
      // the index outside the subscripts: a sequence of terms, whatever the prose says
      md('Consider the map of terms', '', '$$ q_{m+1} = q_m + \\frac{1}{m^2} $$'),
      // a running sum over other indexed data, in a loop of an algorithm (even called an iteration)
      md('Each iteration of the loop adds one sample:', '', '$$ s_{i+1} = s_i + w_i $$'),
      // a recurrence with no prose at all
      '$$ c_{n+1} = 3 c_n - 1 $$',
      // a schedule of an optimiser's step size, counted in iterations
      md('At each iteration the parameters take a gradient step, and the step size decays as $\\eta_{t+1} = 0.99\\, \\eta_t$ at every iteration.', '', 'A fixed-point method iterates until the residual is small.'),
    ];
    for (const note of quiet) {
      const r = analyzeNote(note);
      assert.deepEqual(r.transforms.map((t) => t.components), [], note);
      assert.deepEqual(r.diagnostics.map((d) => d.message), [], note);
    }
  });

  it('a step split over two displays with a word between is one map when neither part is one alone; two whole maps stay two', () => {
    const r = analyzeNote(md(
      'The kicked step:',
      '$$ q_{t+1} = q_t + \\epsilon \\sin s_t $$',
      'and then',
      '$$ s_{t+1} = s_t + q_{t+1} $$',
    ));
    assert.deepEqual(r.diagnostics.map((d) => d.message), []);
    assert.equal(r.transforms.length, 1);
    assert.deepEqual(r.transforms[0].variables, ['q_t', 's_t']);
    detIs(r.transforms[0], () => 1, [[0.2, 0.9], [1.5, -0.4]], { epsilon: 0.8 });
    const two = analyzeNote(md(
      '$$ u_{n+1} = u_n + v_n, \\quad v_{n+1} = v_n $$',
      'and its inverse',
      '$$ u_{n+1} = u_n - v_n, \\quad v_{n+1} = v_n $$',
    ));
    assert.equal(two.transforms.length, 2);
  });
});

