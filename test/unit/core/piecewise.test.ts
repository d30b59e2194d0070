import * as assert from 'node:assert/strict';
import { create, all } from 'mathjs';
import { analyzeTransform } from '../../../src/core/analyze';
import { createEngineOptions } from '../../../src/core/engine';
import { and, cmp, compileCondition, Condition, conditionToLatex, conditionToMathjs, FALSE, not, or, pieceSelector, TRUE } from '../../../src/core/math/condition';
import { sym, num, call, type Expr } from '../../../src/core/math/expr';
import { randomPoint, rng } from '../../../src/core/math/numeric';
import { pos, range, Transform } from '../../../src/core/model';
import { parsePlainExpr } from '../../../src/core/parse/plainExpr';
import { resolvePieces } from '../../../src/core/parse/resolve';
import { detAt } from '../../../src/core/pointEval';
import { describePieces, summaryLine } from '../../../src/core/format';
import { reportProblem } from '../../../src/protocol/messages';
import { codeLensTitle, hoverMarkdown, hoverTex, statusText, statusTooltip } from '../../../src/extension/views/texts';
import { buildModel } from '../../../webview/lib/model';
import { formulaList } from '../../../webview/lib/formulas';
import { maxRelativeDifference } from '../helpers/corpus';

const math = create(all);
const x = sym('x'), y = sym('y');
const P = parsePlainExpr;

/** A piecewise Transform as a front end (code branches, LaTeX cases) builds it. */
function piecewise(pieces: Array<[Condition, string[], string?]>, domain: Array<[number, number]> = [[-2, 2], [-2, 2]], variables = ['x', 'y']): Transform {
  const ps = pieces.map(([condition, comps, written]) => ({ condition, components: comps.map((c) => P(c)), ...(written ? { written } : {}) }));
  return {
    name: 'g', variables, components: ps[0].components, parameters: {}, freeSymbols: [], unknownFunctions: [],
    domain, domainGiven: variables.map(() => true), range: range(pos(0, 0), pos(0, 10)), nameRange: range(pos(0, 0), pos(0, 1)),
    notation: 'latex', pieces: ps,
  };
}

describe('piecewise maps: conditions', () => {
  it('negation moves inwards, contradictions and tautologies fold', () => {
    const a = cmp('<', x, num(0)), b = cmp('>=', y, num(1));
    assert.equal(conditionToMathjs(not(a)), 'x >= 0');
    assert.equal(conditionToMathjs(not(and(a, b))), 'x >= 0 or y < 1');
    assert.deepEqual(and(a, not(a)), FALSE);
    assert.deepEqual(or(a, not(a)), TRUE);
    assert.deepEqual(and(a, TRUE, a), a, 'true and repeats drop out');
    assert.deepEqual(cmp('<', num(1), num(2)), TRUE, 'two numbers are compared at once');
  });

  it('the mathjs form means what the closure computes, at random points', () => {
    const c = and(or(cmp('<', call('abs', x), num(1)), cmp('>', y, x)), not(cmp('==', x, y)));
    const f = compileCondition(c, ['x', 'y']);
    const code = math.parse(conditionToMathjs(c)).compile();
    const rand = rng(7);
    for (let i = 0; i < 200; i++) {
      const p = randomPoint([[-2, 2], [-2, 2]], rand);
      assert.equal(Boolean(code.evaluate({ x: p[0], y: p[1] })), f(p), `at ${p}: ${conditionToMathjs(c)}`);
    }
    assert.match(conditionToLatex(c), /\\left\|x\\right\| < 1 .*\\text\{ or \}.*\\text\{ and \}.*\\ne/);
  });

  it('the first piece whose condition holds applies; none: -1', () => {
    const select = pieceSelector([cmp('<', x, num(0)), cmp('<', x, num(1))], ['x']);
    assert.deepEqual([select([-1]), select([0.5]), select([2]), select([NaN])], [0, 1, -1, -1]);
  });
});

describe('piecewise maps: analysis', () => {
  const opts = createEngineOptions();

  it('J and det J per piece, the shares of the domain, and the main piece at the top level', () => {
    const t = piecewise([[cmp('<', x, num(0)), ['2 x', 'y'], 'x < 0'], [TRUE, ['x', '3 y^2']]], [[-1, 3], [-2, 2]]);
    const r = analyzeTransform(t, opts);
    assert.equal(r.pieces?.length, 2);
    const [p0, p1] = r.pieces!;
    assert.ok(maxRelativeDifference(p0.det, '2', r.variables, r.domain) < 1e-12, p0.det);
    assert.ok(maxRelativeDifference(p1.det, '6 y', r.variables, r.domain) < 1e-12, p1.det);
    assert.ok(p0.detChecked && p1.detChecked);
    assert.equal(p0.condition, 'x < 0');
    assert.equal(p0.written, 'x < 0');
    assert.equal(p1.condition, 'true');
    assert.ok(Math.abs(p0.share! - 0.25) < 0.07 && Math.abs(p1.share! - 0.75) < 0.07, `${p0.share} ${p1.share}`);
    assert.equal(r.mainPiece, 1, 'x >= 0 holds on three quarters of [-1, 3]');
    assert.ok(maxRelativeDifference(r.det, '6 y', r.variables, r.domain) < 1e-12, r.det);
    assert.equal(r.trees.pieces?.length, 2);
    assert.ok(r.notes.some((n) => /piecewise map of 2 pieces/.test(n)), r.notes.join(' | '));
    // det J at a point takes the piece of that point
    assert.equal(detAt(r, [-0.5, 1]), 2);
    assert.equal(detAt(r, [0.5, 1]), 6);
  });

  it('a piece that no point of the domain reaches leaves the other one in charge, invertibility included', () => {
    // x < -10 never holds on [-2, 2]: the map is x -> (x^3, y) there, injective
    const r = analyzeTransform(piecewise([[cmp('<', x, num(-10)), ['-x', 'y']], [TRUE, ['x^3 + x', 'y']]]), opts);
    assert.equal(r.mainPiece, 1);
    assert.equal(r.pieces![0].share, 0);
    assert.equal(r.invertibility.verdict, 'invertible');
  });

  it('the pieces share the map\'s budget: past it the other pieces are answered unsimplified, and a note says so', () => {
    // each piece alone takes far more than 1 ms of symbolic work; before, each had a budget of its own
    const heavy = (k: number): [Condition, string[]] => [cmp('<', x, num(k - 2)), [`sin(${k} x + y)^3 * cos(x - ${k} y)^2 + x y^${k}`, `exp(x y) * (x + ${k} y)^3 / (1 + x^2 + y^2)`]];
    const r = analyzeTransform(piecewise([1, 2, 3, 4].map(heavy).concat([[TRUE, ['x', 'y']]])), { ...opts, budgetMs: 1 });
    assert.equal(r.pieces?.length, 5);
    for (const p of r.pieces!) {
      assert.equal(p.jacobian.length, 2);
      assert.ok(p.jacobian.every((row) => row.length === 2 && row.every((e) => typeof e === 'string' && e.length > 0)));
      assert.ok(typeof p.det === 'string' && p.det.length > 0);
    }
    assert.ok(r.notes.some((n) => /time budget \(1 ms for all its pieces\) ran out/.test(n)), r.notes.join(' | '));
    assert.equal(r.timings.overBudget, true, 'the map\'s report says its budget ran out');
    // with the default budget no piece is cut
    assert.ok(!analyzeTransform(piecewise([[cmp('<', x, num(-1)), ['x + y^2', 'x y']], [TRUE, ['x', 'y']]]), opts).notes.some((n) => /for all its pieces/.test(n)));
  });

  it('two injective pieces are not called invertible together', () => {
    // x < 0 -> x + 1 and x >= 0 -> x overlap on [0, 1): not injective although each piece is
    const r = analyzeTransform(piecewise([[cmp('<', x, num(0)), ['x + 1', 'y']], [TRUE, ['x', 'y']]]), opts);
    assert.notEqual(r.invertibility.verdict, 'invertible');
    assert.equal(r.inverse, null, 'the inverse of one piece is not that of the map');
  });

  it('a counterexample inside the main piece stands for the whole map', () => {
    // on x > -1.9 the map is (x^2, y): not injective, with both points of a witness in that piece
    const r = analyzeTransform(piecewise([[cmp('>', x, num(-1.9)), ['x^2', 'y']], [TRUE, ['x', 'y']]]), opts);
    const select = pieceSelector(r.trees.pieces!.map((p) => p.condition), r.variables);
    assert.equal(r.invertibility.verdict, 'not-invertible');
    const w = r.invertibility.witness!;
    assert.deepEqual([select(w.a), select(w.b)], [0, 0]);
    assert.ok(Math.abs(w.a[0] ** 2 - w.b[0] ** 2) < 1e-9 && Math.abs(w.a[1] - w.b[1]) < 1e-9);
  });

  it('where no piece applies the note says so and the picture leaves a gap', () => {
    const r = analyzeTransform(piecewise([[cmp('<', x, num(0)), ['x', 'y']], [cmp('>', x, num(1)), ['2 x', 'y']]]), opts);
    assert.ok(r.notes.some((n) => /no piece applies/.test(n)), r.notes.join(' | '));
    const m = buildModel({ variables: r.variables, trees: r.trees, freeSymbols: r.freeSymbols });
    const out = new Float64Array(2);
    m.f([0.5, 1], out);
    assert.ok(Number.isNaN(out[0]) && Number.isNaN(m.det([0.5, 1])));
    m.f([1.5, 1], out);
    assert.deepEqual([...out], [3, 1]);
    assert.equal(m.det([-1, 0]), 1);
    assert.equal(m.det([1.5, 0]), 2);
  });

  it('every summary of a clamp says it is piecewise and which piece it shows, never a piece as the map', () => {
    // a clamp of both components to [-1, 1]: nine pieces, the interior one (no constant component) shown
    const lo = (u: Expr) => cmp('<', u, num(-1)), hi = (u: Expr) => cmp('>', u, num(1));
    const X = P('2 x'), Y = P('3 y');
    const cases: Array<[Condition, string]> = [[lo(X), '-1'], [hi(X), '1'], [TRUE, '2 x']];
    const cases2: Array<[Condition, string]> = [[lo(Y), '-1'], [hi(Y), '1'], [TRUE, '3 y']];
    const pieces: Array<[Condition, string[]]> = [];
    for (const [c1, a] of cases) for (const [c2, b] of cases2) pieces.push([and(c1, c2), [a, b]]);
    const r = analyzeTransform(piecewise(pieces), opts);
    assert.equal(r.mainPiece, 8, 'the interior piece');
    const line = summaryLine(r);
    assert.match(line, /^g\(x, y\) = piecewise, 9 pieces; piece 9 of 9 \(on \d+% of the domain\): \(2\*x, 3\*y\)$/);
    assert.match(codeLensTitle(r), /^Preview · 9 pieces · det J = 6 on piece 9$/);
    assert.match(statusText(r), /g: 9 pieces · det J = 6 on piece 9$/);
    assert.match(statusTooltip(r), /piecewise: on piece 9 of 9/);
    const md = hoverMarkdown(r, { uri: 'file:///a.md', image: null, point: { kind: 'unavailable', reason: 'test' } });
    assert.match(md.split('\n')[0], /piecewise, 9 pieces · piece 9 of 9/);
    // one piece: the summaries are as before
    const one = analyzeTransform(piecewise([[TRUE, ['2 x', 'y']]]), opts);
    assert.equal(summaryLine(one), 'g(x, y) = (2*x, y)');
    assert.equal(codeLensTitle(one), 'Preview · det J = 2');
  });

  it('conditions with symbolic constants: shares from stand-in values, resolved like components', () => {
    const t = piecewise([[cmp('<', sym('k'), num(0)), ['k x', 'y']], [TRUE, ['x', 'y']]]);
    const res = resolvePieces(t.pieces!, t.variables, { parameters: new Map([['k', num(-2)]]), functions: new Map() });
    assert.deepEqual(res.pieces[0].condition, TRUE, 'k = -2: the first piece always applies');
    const free = resolvePieces(t.pieces!, t.variables, { parameters: new Map(), functions: new Map() });
    assert.deepEqual(free.freeSymbols, ['k']);
    const r = analyzeTransform({ ...t, freeSymbols: free.freeSymbols }, opts);
    assert.ok(r.pieces!.every((p) => p.share !== null));
  });

  it('the views show the conditions with J and det J per piece', () => {
    const r = analyzeTransform(piecewise([[cmp('<', x, num(0)), ['2 x', 'y']], [TRUE, ['x', '3 y']]]), opts);
    const tex = hoverTex(r);
    assert.match(tex, /\\text\{where \} x < 0/);
    assert.match(tex, /\\text\{otherwise\}/);
    assert.equal((tex.match(/\\det J/g) ?? []).length, 2);
    assert.match(codeLensTitle(r), /2 pieces/);
    const lines = describePieces(r);
    assert.ok(lines.some((l) => /^piece 1 of 2.*where x < 0/.test(l)) && lines.some((l) => /^piece 2 of 2.*otherwise/.test(l)), lines.join('\n'));
    const md = hoverMarkdown(r, { uri: 'file:///a.md', image: null, point: { kind: 'unavailable', reason: 'test' } });
    assert.match(md, /Pieces/);
    assert.equal(formulaList(r).filter((f) => /^piece/.test(f.label)).length, 2);
    assert.equal(reportProblem(JSON.parse(JSON.stringify(r))), null, 'the panel accepts it');
    const bad = JSON.parse(JSON.stringify(r));
    bad.trees.pieces[0].condition = { k: 'cmp', op: '=>', a: { k: 'sym', name: 'x' }, b: { k: 'num', v: 0 } };
    assert.match(reportProblem(bad) ?? '', /comparison/);
  });
});
