import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../../../src/core/document';
import { createEngineOptions } from '../../../../src/core/engine';
import { md } from '../../helpers/latex';
import { evaluate } from 'mathjs';
import { randomPoint, rng } from '../../../../src/core/math/numeric';
import { assertChainRule, close, fdDet, named } from '../../helpers/flows';
import { mapFromStrings } from '../../helpers/maps';

const engine = createEngineOptions();
const analyzeNote = (text: string) => analyzeDocument(text, 'markdown', 'note.md', engine);

/** Two layers in R^2 and an activation of one variable, written as a note would. */
const PARTS = [
  'An activation with $a = 0.5$: let $h(t) = t + a\\tanh t$. The layers are a shear',
  '$$ c(x, y) = \\left(x, \\; y + \\frac{x^2}{4}\\right) $$',
  'and a swap',
  '$$ R(u, v) = (v, u) $$',
];

describe('LaTeX compositions: helpers of one variable as layers, own domains, definition signs', () => {
  it('F \\coloneqq h \\circ R \\circ c: h of one variable acts on each coordinate, said in assumed; det and log|det| of every layer against finite differences', () => {
    const r = analyzeNote(md(...PARTS, 'The flow is', '$$ F \\coloneqq h \\circ R \\circ c $$'));
    const F = named(r, 'F');
    assert.deepEqual(F.layers!.map((l) => l.name), ['c', 'R', 'h']);
    assert.deepEqual(F.variables, ['x', 'y']);
    assert.equal(F.layers![2].variables.length, 2);
    assert.ok(F.assumed?.some((a) => /^h applied to each coordinate/.test(a)), JSON.stringify(F.assumed));
    assertChainRule(F);
    assert.equal(F.invertibility.verdict, 'invertible');
    assert.deepEqual(r.diagnostics.filter((d) => d.severity !== 'info'), []);
  });

  it('F(x, y) = h(R(c(x, y))) with the helper applied to the vector the other layers give', () => {
    const F = named(analyzeNote(md(...PARTS, '$$ F(x, y) = h(R(c(x, y))) $$')), 'F');
    assert.deepEqual(F.layers!.map((l) => l.name), ['c', 'R', 'h']);
    assertChainRule(F);
  });

  it('helpers of one variable composed with each other: K(x) = h(h(x)) and L = g \\circ h are flows in R with layers', () => {
    const r = analyzeNote(md(
      'Let $h(t) = t + \\tfrac12 \\tanh t$ and $g(s) = s^3 + s$.',
      '$$ K(x) = h(h(x)) $$', 'and', '$$ L = g \\circ h $$',
    ));
    const K = named(r, 'K'), L = named(r, 'L');
    assert.deepEqual(K.layers!.map((l) => l.name), ['h', 'h']);
    assert.deepEqual(K.variables, ['x']);
    assert.deepEqual(L.layers!.map((l) => l.name), ['h', 'g']);
    assertChainRule(K);
    assertChainRule(L);
    assert.equal(L.invertibility.verdict, 'invertible');
  });

  it('nested calls of helpers that are no map stay helpers: no new map', () => {
    const r = analyzeNote(md('Let $h(t) = 2t$, $g(s) = s + 1$ and $q(t) = g(h(t))$, so $q(1) = 3$.'));
    assert.deepEqual(r.transforms.map((t) => t.name), []);
    assert.deepEqual(r.diagnostics, []);
  });

  it('a composition states its own domain, in its formula or beside it; its layers keep theirs', () => {
    for (const tail of [
      ['$$ F = R \\circ c, \\qquad x \\in [-2, 2], \\; y \\in [0, 1] $$'],
      ['$$ F = R \\circ c $$', '$$ -2 \\le x \\le 2, \\quad 0 \\le y \\le 1 $$'],
    ]) {
      const r = analyzeNote(md(...PARTS, 'The flow', ...tail));
      const F = named(r, 'F');
      assert.deepEqual(F.domain, [[-2, 2], [0, 1]], tail.join(' '));
      assert.equal(F.domainDefault, undefined);
      assert.deepEqual(named(r, 'c').domainDefault, ['x', 'y'], tail.join(' '));
      assertChainRule(F);
    }
    // one coordinate given: the other is the first layer's
    const one = named(analyzeNote(md(...PARTS, '$$ F = R \\circ c, \\quad y \\in [0, 1] $$')), 'F');
    assert.deepEqual(one.domainDefault, ['x']);
    assert.deepEqual(one.domain[1], [0, 1]);
    // an empty interval is an error at it
    const bad = analyzeNote(md(...PARTS, '$$ F = R \\circ c, \\quad y \\in [1, 0] $$'));
    assert.ok(bad.diagnostics.some((d) => d.code === 'domain' && d.severity === 'error'), JSON.stringify(bad.diagnostics));
  });

  it('definitions written \\coloneqq, \\coloneq, :=, \\equiv, \\triangleq, \\stackrel{\\text{def}}{=}, \\overset{\\mathrm{def}}{=}; not \\stackrel{?}{=}', () => {
    for (const sign of ['\\coloneqq', '\\coloneq', ':=', '\\equiv', '\\triangleq', '\\stackrel{\\text{def}}{=}', '\\overset{\\mathrm{def}}{=}', '\\stackrel{\\triangle}{=}']) {
      const F = named(analyzeNote(md(...PARTS, `$$ F ${sign} R \\circ c $$`)), 'F');
      assert.deepEqual(F.layers!.map((l) => l.name), ['c', 'R'], sign);
    }
    // a map's own definition too
    const G = named(analyzeNote(md(`$$ G(x, y) \\stackrel{\\text{def}}{=} (x + y^2, \\; y) $$`)), 'G');
    assert.deepEqual(G.components, ['x + y^2', 'y']);
    const asked = analyzeNote(md(...PARTS, '$$ F \\stackrel{?}{=} R \\circ c $$'));
    assert.ok(!asked.transforms.some((t) => t.name === 'F'));
  });

  it('in a ```transform block a map of one variable in a flow of two acts on each coordinate too', () => {
    const F = named(analyzeNote(md(
      '```transform', 'h(t) = t + tanh(t)/2', 'c(x, y) = (x, y + x^2/4)', 'R(u, v) = (v, u)', 'F = h ∘ R ∘ c', 'domain: x in [-1, 1], y in [-2, 2]', '```',
    )), 'F');
    assert.deepEqual(F.layers!.map((l) => l.name), ['c', 'R', 'h']);
    assert.deepEqual(F.domain, [[-1, 1], [-2, 2]]);
    assertChainRule(F);
  });

  it('piecewise layers (a leaky ReLU on each coordinate; a piecewise map of the plane): F is piecewise, each piece F and its det J where it applies, against the layers applied by hand', () => {
    const leaky = (t: number) => (t > 0 ? t : t / 10);
    const shear = (x: readonly number[]) => [x[0] + x[1] / 2, x[1]];
    const cases: Array<[string, (x: readonly number[]) => number[], number]> = [
      [md('A leaky ReLU', '$$ g(t) = \\begin{cases} t & t > 0 \\\\ t/10 & \\text{otherwise} \\end{cases} $$', 'and a shear', '$$ c(x, y) = (x + y/2, y) $$', '$$ F = g \\circ c $$'),
        (x) => shear(x).map(leaky), 4],
      [md('$$ g(u, v) = \\begin{cases} (u, v) & u > 0 \\\\ (u/10, v) & \\text{otherwise} \\end{cases} $$', 'and', '$$ c(x, y) = (x + y/2, y) $$', '$$ F = g \\circ c $$'),
        (x) => { const [u, v] = shear(x); return [leaky(u), v]; }, 2],
    ];
    for (const [note, byHand, count] of cases) {
      const r = analyzeNote(note);
      const F = named(r, 'F');
      assert.equal(F.pieces?.length, count, note);
      assert.deepEqual(F.layers!.map((l) => l.name), ['c', 'g']);
      const rand = rng(11);
      let seen = 0;
      for (let k = 0; k < 40; k++) {
        const x = randomPoint(F.domain, rand);
        if (shear(x).some((v) => Math.abs(v) < 1e-3)) continue;
        const scope = Object.fromEntries(F.variables.map((v, i) => [v, x[i]]));
        const piece = F.pieces!.find((p) => evaluate(p.condition, scope) === true);
        assert.ok(piece, `a piece applies at ${x}`);
        mapFromStrings(piece.components, F.variables)(x).forEach((v, i) => assert.ok(close(v, byHand(x)[i]), `F at ${x}: ${piece.components}`));
        assert.ok(close(mapFromStrings([piece.det], F.variables)(x)[0], fdDet(byHand, x)), `det J at ${x}: ${piece.det}`);
        seen++;
      }
      assert.ok(seen > 30);
    }
  });
});
