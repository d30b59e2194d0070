/**
 * \sigma( ) in notes: the sigmoid or the constant σ times the parenthesis, by what the note
 * says, else by the form (a field or a system: the constant; a map: the sigmoid), the guess in
 * `assumed`; and fields split over displays with a sentence between them.
 */
import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../../../src/core/document';
import { compileClosure } from '../../../../src/core/math/numeric';
import { parsePlainExpr } from '../../../../src/core/parse/plainExpr';
import type { TransformReport } from '../../../../src/core/report';
import { md } from '../../helpers/latex';

const analyze = (note: string) => analyzeDocument(note, 'markdown', 'sigma.md');
const value = (s: string, vars: string[], at: number[]) => compileClosure(parsePlainExpr(s), vars)(at);
const sigmoid = (u: number) => 1 / (1 + Math.exp(-u));
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));

function only(note: string): TransformReport {
  const r = analyze(note);
  assert.equal(r.transforms.length, 1, `${r.transforms.map((t) => t.name)}; ${r.diagnostics.map((d) => d.message)}`);
  assert.deepEqual(r.diagnostics, []);
  return r.transforms[0];
}

const LORENZ = '$$ \\dot x = \\sigma(y - x), \\quad \\dot y = x(\\rho - z) - y, \\quad \\dot z = x y - \\beta z $$';
const guessed = (t: TransformReport, what: RegExp) => (t.assumed ?? []).some((a) => what.test(a));

describe('\\sigma( ): the sigmoid or a constant times the parenthesis', () => {
  it('a field with nothing said about σ: σ times (y - x), said as a guess; tr J = -σ - 1 - β', () => {
    const t = only(md('The Lorenz system', LORENZ));
    assert.equal(t.kind, 'field');
    assert.ok(guessed(t, /^σ\(…\) read as the constant σ times/), JSON.stringify(t.assumed));
    assert.ok(t.freeSymbols.includes('sigma'));
    const vars = [...t.variables, ...t.freeSymbols];
    const at = vars.map((_, i) => 0.3 + 0.7 * i);
    const sym = (n: string) => at[vars.indexOf(n)];
    assert.ok(close(value(t.components[0], vars, at), sym('sigma') * (sym('y') - sym('x'))), t.components[0]);
    assert.ok(close(value(t.trace!, vars, at), -sym('sigma') - 1 - sym('beta')), t.trace);
  });

  it('σ given a value (σ = 10) or compared (σ > 0): a constant, no guess said', () => {
    const t = only(md('With $\\sigma = 10$, $\\rho = 28$ and $\\beta = 8/3$:', LORENZ));
    assert.ok(!guessed(t, /^σ\(…\)/));
    assert.ok(close(value(t.trace!, [], []), -10 - 1 - 8 / 3));
    const g = only(md('For $\\sigma > 0$,', '$$ g(x, y) = (x + \\sigma(y - x), \\; y) $$'));
    assert.ok(!guessed(g, /^σ\(…\)/));
    assert.ok(close(value(g.components[0], ['x', 'y', 'sigma'], [1, 2, 3]), 1 + 3 * (2 - 1)));
  });

  it('σ named a function (the word sigmoid, σ(·), σ\') in a field: the sigmoid, no guess said', () => {
    for (const said of ['where σ is the sigmoid,', 'with $\\sigma(\\cdot)$ a squashing function,', 'since $\\sigma\' > 0$,']) {
      const t = only(md(said, '$$ \\dot x = \\sigma(y - x), \\quad \\dot y = -x $$'));
      assert.ok(!guessed(t, /^σ\(…\)/), said);
      assert.ok(close(value(t.components[0], ['x', 'y'], [0.5, 2]), sigmoid(1.5)), `${said}: ${t.components[0]}`);
    }
  });

  it('a map with nothing said about σ: the sigmoid, said as a guess', () => {
    const t = only('$$ g(x, y) = \\left(x + \\sigma(y), \\; y\\right) $$');
    assert.ok(guessed(t, /^σ\(…\) read as the sigmoid/), JSON.stringify(t.assumed));
    assert.ok(close(value(t.components[0], ['x', 'y'], [0.5, 2]), 0.5 + sigmoid(2)));
  });
});

describe('fields split over displays with a sentence between', () => {
  it('\\dot x = σ(y - x), then a sentence, then \\dot y, \\dot z: one field in (x, y, z)', () => {
    const t = only(md(
      'With $\\sigma = 10$, $\\rho = 28$, $\\beta = 8/3$ the first equation is',
      '$$ \\dot x = \\sigma(y - x) $$', 'and the other two are',
      '$$ \\dot y = x(\\rho - z) - y, \\quad \\dot z = x y - \\beta z $$',
    ));
    assert.deepEqual(t.variables, ['x', 'y', 'z']);
    assert.deepEqual(t.freeSymbols, []);
    assert.ok(close(value(t.trace!, [], []), -41 / 3));
  });

  it('two fields that do not use each other\'s states stay two; a paragraph break is not a sentence', () => {
    const two = analyze(md('$$ \\dot x = -y, \\quad \\dot y = x $$', 'and another one,', '$$ \\dot u = u - v, \\quad \\dot v = u $$'));
    assert.deepEqual(two.transforms.map((t) => t.variables), [['x', 'y'], ['u', 'v']]);
    const apart = analyze(md('$$ \\dot x = -y $$', '', 'A new paragraph about something else entirely, which goes on.', '', 'More.', '', '$$ \\dot y = x $$'));
    assert.deepEqual(apart.transforms, []);
  });
});
