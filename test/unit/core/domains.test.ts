import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../../src/core/document';
import { createEngineOptions } from '../../../src/core/engine';
import type { TransformReport } from '../../../src/core/report';

const analyze = (text: string): TransformReport[] => {
  const r = analyzeDocument(text, 'markdown', 'note.md', createEngineOptions());
  assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
  return r.transforms;
};
const inside = (t: TransformReport, x: readonly number[]) =>
  x.every((v, i) => (t.domainOpen?.[i][0] ? v > t.domain[i][0] : v >= t.domain[i][0]) && (t.domainOpen?.[i][1] ? v < t.domain[i][1] : v <= t.domain[i][1]));

describe('domains: open ends and where a domain applies', () => {
  const polarBlock = '```transform\npolar(r, theta) = (r cos(theta), r sin(theta))\ndomain: 0 < r < 2, theta in [-3, 3]\n```\n';
  const polarLatex = '$$ P(r, \\theta) = (r\\cos\\theta, r\\sin\\theta), \\quad r \\in (0, 2], \\quad -3 \\le \\theta \\le 3 $$\n';

  it('open ends are kept ((0, 2], 0 < r) and the invertibility check never uses a point on them', () => {
    for (const [text, open] of [[polarBlock, [[true, true], [false, false]]], [polarLatex, [[true, false], [false, false]]]] as const) {
      const [t] = analyze(text);
      assert.deepEqual(t.domain, [[0, 2], [-3, 3]]);
      assert.deepEqual(t.domainOpen, open);
      // r = 0 would collapse every angle to one point: it is not in the domain, and polar is injective there
      assert.notEqual(t.invertibility.verdict, 'not-invertible', t.invertibility.reason);
      if (t.invertibility.witness) for (const x of [t.invertibility.witness.a, t.invertibility.witness.b]) assert.ok(inside(t, x), String(x));
    }
    const [closed] = analyze(polarBlock.replace('0 < r < 2', 'r in [0, 2]'));
    assert.equal(closed.domainOpen, undefined);
    assert.equal(closed.invertibility.verdict, 'not-invertible');
  });

  it('a reason names the domain as written: open ends open, not moved inwards ((0, 2], not [0.000002, 2])', () => {
    const [tri, log, polar] = analyze([
      '```transform\ntri(r, y) = (r^2, y + r)\ndomain: r in (0, 2], y in [-1, 1)\n```',
      '```transform\nlg(r, y) = (log(r), y^3 + y)\ndomain: 0 < r < 2.5, y in [-1, 1]\n```',
      polarLatex,
    ].join('\n'));
    const detail = (t: TransformReport) => t.invertibility.reasonDetail ?? t.invertibility.reason;
    assert.match(detail(tri), /increasing in r on \(0, 2\] /);
    assert.match(detail(log), /increasing in r on \(0, 2\.5\) /);
    assert.match(detail(polar), /R = r > 0/);
    assert.doesNotMatch(detail(polar), /det J = det J/);
    for (const t of [tri, log, polar]) assert.doesNotMatch(detail(t), /0\.0000|1\.99999|2\.49999/);
  });

  it('a domain written in a formula with a map is that map\'s only; one in a formula of its own applies to the run', () => {
    const [polar, e, q] = analyze([
      '$$ polar(r,\\theta) = (r \\cos\\theta, r\\sin\\theta) $$',
      '$$ E(x, y) = (x + y, x - y), \\quad r \\in [0.1, 2], \\; 0 \\le y \\le \\pi $$',
      '$$ Q(x, y) = (x^2, y) $$',
    ].join('\n'));
    assert.deepEqual(polar.domain, [[-2, 2], [-2, 2]]);
    assert.deepEqual(e.domain[1], [0, Math.PI]);
    assert.deepEqual(q.domain, [[-2, 2], [-2, 2]]);
    const [f, g] = analyze('$$ f(x, y) = (x, y e^x) $$\n$$ g(x, y) = (x^3, y) $$\n$$ x \\in [0, 1] $$\n');
    assert.deepEqual([f.domain[0], g.domain[0]], [[0, 1], [0, 1]]);
  });
});

describe('invertibility texts', () => {
  it('a zero of det J found by a root search prints without numerical noise; x^3 at 0 keeps f injective', () => {
    const [sq] = analyze('```transform\nsq(x, y) = (x^2 - y^2, 2 x y)\n```\n');
    assert.match(sq.invertibility.reason, /det J = 0 at \(0, 0\)/);
    const [cube] = analyze('```transform\ncube(x) = x^3\n```\n');
    assert.equal(cube.invertibility.verdict, 'invertible');
    assert.doesNotMatch(cube.invertibility.reason, /not locally invertible/);
  });
});
