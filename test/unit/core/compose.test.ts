import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../../src/core/document';
import { createEngineOptions } from '../../../src/core/engine';
import { randomPoint, rng } from '../../../src/core/math/numeric';
import type { FileReport, TransformReport } from '../../../src/core/report';
import { analyzeMap, assertWitness, mapFromStrings } from '../helpers/maps';
import { assertChainRule, assertInverse, close, fdDet, named } from '../helpers/flows';

const engine = createEngineOptions();
const note = (...blocks: string[][]) => blocks.map((b) => ['```transform', ...b, '```', ''].join('\n')).join('\n');
const analyse = (text: string): FileReport => analyzeDocument(text, 'markdown', 'flow.md', engine);
describe('compositions in ```transform blocks: layers, the chain rule, invertibility', () => {
  const layers = ['c(x, y) = (x, y exp(tanh(x)) + x^2/4)', 'R(u, v) = (v, u)', 'd(p, q) = (p, q + sin(p) / 2)'];

  it('F = d ∘ R ∘ c: layers in application order, each det J and log|det J|, and F\'s by the chain rule', () => {
    const F = named(analyse(note([...layers, 'F = d ∘ R ∘ c'])), 'F');
    assert.deepEqual(F.layers!.map((l) => l.name), ['c', 'R', 'd']);
    assert.deepEqual(F.variables, ['x', 'y']);
    assert.equal(F.detChecked, true);
    assertChainRule(F);
    assert.equal(F.invertibility.verdict, 'invertible');
    assert.equal(F.invertibility.certainty, 'proof');
    assert.match(F.invertibility.reason, /F = d ∘ R ∘ c/);
    assertInverse(F);
  });

  it('d o R o c and F(x, y) = d(R(c(x, y))) read the same composition', () => {
    const r = analyse(note([...layers, 'F = d ∘ R ∘ c', 'G = d o R o c', 'H(a, b) = d(R(c(a, b)))']));
    const [F, G, H] = ['F', 'G', 'H'].map((n) => named(r, n));
    assert.deepEqual(G.layers!.map((l) => l.name), ['c', 'R', 'd']);
    assert.deepEqual(H.layers!.map((l) => l.name), ['c', 'R', 'd']);
    assert.deepEqual(H.variables, ['a', 'b']);
    const f = mapFromStrings(F.components, F.variables), g = mapFromStrings(G.components, G.variables), h = mapFromStrings(H.components, H.variables);
    for (const x of [[0.3, -1.2], [1.5, 0.7]]) {
      assert.deepEqual(g(x), f(x));
      assert.deepEqual(h(x), f(x));
    }
    assertChainRule(H);
    assert.deepEqual(r.diagnostics.filter((d) => d.severity !== 'info'), []);
  });

  it('layers from other blocks of the note, an indexed range f_3 ∘ … ∘ f_1, and a domain line for the composition', () => {
    const r = analyse(note(['f_1(x, y) = (x + y/2, y)'], ['f_2(x, y) = (x, y - tanh(x))', 'f_3(x, y) = (x exp(y / 4), y)'],
      ['F = f_3 ∘ … ∘ f_1', 'domain: x in [-1, 1], y in [-1, 1]']));
    const F = named(r, 'F');
    assert.deepEqual(F.layers!.map((l) => l.name), ['f_1', 'f_2', 'f_3']);
    assert.deepEqual(F.domain, [[-1, 1], [-1, 1]]);
    assertChainRule(F);
    assertInverse(F);
  });

  it('a composition of compositions is flattened into its layers', () => {
    const F = named(analyse(note([...layers, 'A = R ∘ c', 'F = d ∘ A'])), 'F');
    assert.deepEqual(F.layers!.map((l) => l.name), ['c', 'R', 'd']);
    assertChainRule(F);
  });

  it('a layer that is not injective on the image of the layers before it is named, its witness mapped back', () => {
    const r = analyse(note(['half(x, y) = (x/2 + 1/2, y)', 'fold(x, y) = (x^2, y)', 'N = half ∘ fold ∘ half']));
    const N = named(r, 'N');
    assert.equal(N.invertibility.verdict, 'not-invertible');
    assert.match(N.invertibility.reason, /^fold is not injective on the image of half/);
    assert.ok(N.invertibility.witness);
    assertWitness(N.invertibility.witness, mapFromStrings(N.components, N.variables), N.domain, 'N');
    assert.equal(N.layers![1].invertibility.verdict, 'not-invertible');
    assert.equal(N.inverse, null);
  });

  it('a layer that is injective on the image although not on its own domain keeps the composition invertible', () => {
    // shift maps [-2, 2] into [1, 5], where x^2 is increasing
    const F = named(analyse(note(['shift(x, y) = (x + 3, y)', 'sq(x, y) = (x^2, y)', 'F = sq ∘ shift'])), 'F');
    assert.equal(F.layers![1].domain[0][0] >= 1 - 1e-9, true, `sq is checked on the image of shift: ${JSON.stringify(F.layers![1].domain)}`);
    assert.equal(F.invertibility.verdict, 'invertible');
    assert.equal(F.invertibility.certainty, 'proof');
  });

  it('unknown layers, mismatched dimensions and a bad ellipsis are errors at their place; d o R o c of non-maps stays a parameter', () => {
    const text = note(['c(x, y) = (x, y + x)', 'g(x, y, z) = (x, y, z)', 'F = d ∘ c', 'G = g ∘ c', 'H = a_1 ∘ … ∘ b_3', 'k = a o b']);
    const r = analyse(text);
    const lines = text.split('\n');
    const at = (code: string, line: number) => r.diagnostics.find((d) => d.code === code && d.range.start.line === line);
    const unknown = at('compose', 3);
    assert.ok(unknown, JSON.stringify(r.diagnostics));
    assert.match(unknown.message, /^d is not a map defined in this note/);
    assert.equal(lines[3].slice(unknown.range.start.character, unknown.range.end.character), 'd');
    assert.match(at('compose', 4)!.message, /g takes 3 variables, but c gives 2 components/);
    assert.match(at('parse', 5)!.message, /ellipsis needs indexed names of one stem/);
    assert.equal(r.diagnostics.length, 3, JSON.stringify(r.diagnostics));
    assert.deepEqual(r.transforms.map((t) => t.name).sort(), ['c', 'g']);
  });

  it('a helper that calls helpers is not a composition', () => {
    const r = analyse(note(['s(u) = tanh(u)', 'h(x, y) = s(s(x + y))', 'f(x, y) = (x, y + h(x, x))']));
    assert.deepEqual(r.transforms.map((t) => t.name), ['f']);
    assert.equal(r.transforms[0].layers, undefined);
  });

  it('coupling layers with unknown s and t composed with a permutation: det J = -exp(…), a proof for any s and t', () => {
    const r = analyse(note(['c1(z1, z2) = (z1, z2 exp(s(z1)) + t(z1))', 'P(z1, z2) = (z2, z1)', 'flow = c1 ∘ P ∘ c1']));
    const flow = named(r, 'flow');
    assert.equal(flow.invertibility.verdict, 'invertible');
    assert.equal(flow.invertibility.certainty, 'proof');
    assert.equal(flow.detChecked, true);
    assert.match(flow.det, /^-exp\(/);
    assert.ok(flow.logDet && !flow.logDet.includes('log'), flow.logDet ?? '');
    assert.deepEqual(flow.layers!.map((l) => l.det), ['exp(s(z1))', '-1', 'exp(s(z1))']);
    assert.deepEqual(flow.layers![2].at, ['z2*exp(s(z1)) + t(z1)', 'z1']);
  });
});

describe('log|det J| for every det J that keeps a sign', () => {
  const logMatchesFd = (t: TransformReport) => {
    assert.ok(t.logDet, `${t.name}: ${t.notes.join(' ')}`);
    const F = mapFromStrings(t.components, t.variables), L = mapFromStrings([t.logDet], t.variables);
    const rand = rng(11);
    for (let k = 0; k < 10; k++) {
      const x = randomPoint(t.domain, rand);
      assert.ok(close(L(x)[0], Math.log(Math.abs(fdDet(F, x)))), `${t.name}: log|det J| at ${x}`);
    }
  };

  it('positive and negative det J that are not products of exponentials', () => {
    for (const [def, dom] of [
      ['planar(x, y) = (x + tanh(x + 2 y + 1/2), y - tanh(x + 2 y + 1/2) / 4)', 'x in [-3, 3], y in [-3, 3]'],
      ['polar(r, theta) = (r cos(theta), r sin(theta))', 'r in [0.1, 2], theta in [-3, 3]'],
      ['flip(x, y) = (-x - x^3, y / (1 + x^2))', undefined],
      ['sig(x, y) = (1 / (1 + exp(-x)), 2 y)', undefined],
    ] as const) {
      const t = analyzeMap(def, dom);
      assert.ok(t.detSign && ['positive', 'negative'].includes(t.detSign.sign), `${t.name}: ${JSON.stringify(t.detSign)}`);
      assert.equal(t.detSign.certainty, 'proof');
      logMatchesFd(t);
    }
  });

  it('where det J changes sign, the report says where, and there is no log|det J|', () => {
    const t = analyzeMap('fold(x, y) = (x^3 - 3 x, y)');
    assert.equal(t.logDet, null);
    assert.equal(t.detSign?.sign, 'changes');
    const at = t.detSign!.at!;
    // det J = 3 x^2 - 3 vanishes at x = ±1
    assert.ok(Math.abs(Math.abs(at[0]) - 1) < 1e-6, `det J vanishes at ${at}`);
    assert.ok(t.notes.some((n) => /det J changes sign on the domain \(it vanishes near \(-?1, /.test(n)), t.notes.join(' | '));
  });

  it('a det J of one sign with zeros (3 x^2) has log|det J| with log(abs(x))', () => {
    const t = analyzeMap('cube(x, y) = (x^3, y)');
    assert.equal(t.detSign?.sign, 'nonnegative');
    logMatchesFd(t);
  });
});
