import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../../src/core/document';
import { createEngineOptions } from '../../../src/core/engine';
import { checkInvertibility, InvertibilityInput } from '../../../src/core/math/invertibility';
import { createNumericInverse } from '../../../src/core/math/inverse';
import { numericMap, refinePair } from '../../../src/core/math/witness';
import { randomPoint, rng, UnknownImpl } from '../../../src/core/math/numeric';
import type { TransformReport } from '../../../src/core/report';
import { asTransformBlock, loadCorpus } from '../helpers/corpus';
import { analyzeMap, assertWitness, mapFromStrings } from '../helpers/maps';
import { atFrozenTime } from '../helpers/clock';

const corpus = loadCorpus();
const engine = createEngineOptions();

const inputOf = (t: TransformReport): InvertibilityInput => ({
  variables: t.variables, domain: t.domain, components: t.trees.components, jacobian: t.trees.jacobian, det: t.trees.det,
  blocks: t.blocks, structure: t.structure, freeSymbols: t.freeSymbols, unknownFunctions: t.unknownFunctions,
});

/** inv(f(z)) = z at random domain points. */
function assertRoundTrip(t: TransformReport, inverse: readonly string[], env = {}): void {
  const f = mapFromStrings(t.components, t.variables, env);
  const g = mapFromStrings(inverse, t.variables, env);
  const rand = rng(99);
  let checked = 0;
  for (let k = 0; k < 40; k++) {
    const z = randomPoint(t.domain, rand);
    const y = f(z);
    if (!y.every(Number.isFinite)) continue;
    const back = g(y);
    back.forEach((v, i) => assert.ok(Math.abs(v - z[i]) <= 1e-7 * Math.max(1, Math.abs(z[i])), `${t.name}: inverse_${i}(f(${z})) = ${v}, expected ${z[i]}`));
    checked++;
  }
  assert.ok(checked >= 20, `${t.name}: too few points to check the inverse`);
}


/** The whole argument of a verdict (its `reason` is one line). */
const argument = (t: { invertibility: { reason: string; reasonDetail?: string } }) => t.invertibility.reasonDetail ?? t.invertibility.reason;
describe('invertibility: the reference corpus', () => {
  for (const c of corpus) {
    it(`${c.id}: ${c.invertibility.verdict}, locally ${c.invertibility.locallyInvertible}, as the reference`, () => {
      const t = analyzeDocument(asTransformBlock(c), 'markdown', `${c.id}.md`, engine).transforms[0];
      const inv = t.invertibility;
      assert.equal(inv.verdict, c.invertibility.verdict, `${c.id}: ${inv.reason}`);
      assert.equal(inv.locallyInvertible, c.invertibility.locallyInvertible, `${c.id}: ${inv.reason}`);
      assert.ok(inv.reason.length > 20, 'a reason in words');
      if (inv.verdict === 'not-invertible') assert.ok(inv.witness, `${c.id}: a witness`);
      if (inv.witness) assertWitness(inv.witness, mapFromStrings(c.components_mathjs, c.variables), c.domain, c.id);
      if (inv.fold) assert.equal(inv.fold.length, c.n);
      if (t.inverse) assertRoundTrip(t, t.inverse.components);
      // bounded work, not a deadline, ends the check: with the clock stood still (no deadline ever passes) it ends all the same, with the same verdict
      const still = atFrozenTime(Date.now(), () => analyzeDocument(asTransformBlock(c), 'markdown', `${c.id}.md`, engine).transforms[0].invertibility);
      assert.deepEqual([still.verdict, still.locallyInvertible], [inv.verdict, inv.locallyInvertible], `${c.id}, clock stood still: ${still.reason}`);
    });
  }

  it('gives proofs for the structural cases and closed-form inverses for triangular and coupling maps', () => {
    const byId = new Map(corpus.map((c) => [c.id, analyzeDocument(asTransformBlock(c), 'markdown', 'x.md', engine).transforms[0]]));
    for (const id of ['rotation-2d', 'permutation-5d', 'affine-2d', 'realnvp-2d', 'nice-2d', 'sigmoid-2d', 'cube-1d', 'henon', 'rosenbrock', 'planar-flow-invertible']) {
      assert.equal(byId.get(id)!.invertibility.certainty, 'proof', `${id}: ${byId.get(id)!.invertibility.reason}`);
    }
    for (const id of ['realnvp-2d', 'nice-2d', 'rosenbrock', 'henon', 'affine-2d']) assert.ok(byId.get(id)!.inverse, `${id} has a closed-form inverse`);
    assert.deepEqual(byId.get('rosenbrock')!.inverse!.components, ['x', 'y + x^2']);
    assert.ok(byId.get('realnvp-2d')!.trees.inverse, 'trees.inverse');
    assert.equal(byId.get('singular-linear-3d')!.invertibility.certainty, 'proof');
    assert.match(argument(byId.get('singular-linear-3d')!), /\(1, 1, -2\)/);
  });
});

/** Maps that are not injective, each with a pair of points the test checks itself. */
const NOT_INJECTIVE: Array<{ def: string; domain?: string; a: number[]; b: number[] }> = [
  { def: 'cusp(x, y) = (x, y^3 + x*y)', domain: 'x in [-1, 1], y in [-1, 1]', a: [-0.25, 0.5], b: [-0.25, -0.5] },
  { def: 'even(x) = cos(x)', domain: 'x in [-1, 1]', a: [-0.5], b: [0.5] },
  { def: 'quartic(x) = x^4 - x', domain: 'x in [-2, 2]', a: [0], b: [1] },
  { def: 'absval(x, y) = (abs(x), y)', domain: 'x in [-1, 2], y in [-1, 1]', a: [-0.5, 0.2], b: [0.5, 0.2] },
  { def: 'evenplane(x, y) = (x^2 + y, y)', a: [1, 0.5], b: [-1, 0.5] },
  { def: 'coshx(x, y) = (cosh(x), y^3 + y)', a: [0.7, 0.1], b: [-0.7, 0.1] },
  { def: 'periodic(x) = sin(x)', domain: 'x in [0, 7]', a: [1], b: [Math.PI - 1] },
  { def: 'wideannulus(r, t) = (r cos(t), r sin(t))', domain: 'r in [1, 2], t in [-4, 4]', a: [1.5, -3.5], b: [1.5, -3.5 + 2 * Math.PI] },
  { def: 'sinshear(x, y) = (sin(x), y)', a: [1.2, 0], b: [Math.PI - 1.2, 0] },
  { def: 'helix(u, v, w) = ((2 + cos(v)) cos(u), (2 + cos(v)) sin(u), sin(v) + w)', domain: 'u in [-4, 4], v in [-1, 1], w in [-1, 1]', a: [-3.5, 0.3, 0.2], b: [-3.5 + 2 * Math.PI, 0.3, 0.2] },
  { def: 'rank1(x, y) = (x + y, (x + y)^2)', domain: 'x in [-1, 1], y in [-1, 1]', a: [0.3, 0.1], b: [0.1, 0.3] },
  { def: 'flat(x, y) = (sin(x + y), cos(x + y))', domain: 'x in [-1, 1], y in [-1, 1]', a: [0.3, 0.1], b: [0.1, 0.3] },
  { def: 'square(x, y) = (x^2 - y^2, 2*x*y)', a: [1, 0.5], b: [-1, -0.5] },
  { def: 'lorenz(x, y, z) = (10*(y - x), x*(28 - z) - y, x*y - 8*z/3)', domain: 'x in [-10, 10], y in [-10, 10], z in [0, 30]', a: [0, 0, 0], b: [Math.sqrt(72), Math.sqrt(72), 27] },
  { def: 'singular3(x, y, z) = (x + 2*y, 2*x + 4*y, z)', a: [0.2, 0.1, 0.3], b: [0.4, 0, 0.3] },
  // Collapses on the boundary of the box: det J >= 0, no fold inside.
  { def: 'polar0(r, t) = (r cos(t), r sin(t))', domain: 'r in [0, 2], t in [-3, 3]', a: [0, -1], b: [0, 2] },
  { def: 'blowdown(x, y) = (x, x*y)', domain: 'x in [0, 1], y in [-1, 1]', a: [0, -0.5], b: [0, 0.5] },
  { def: 'pole(r, th, ph) = (r sin(th) cos(ph), r sin(th) sin(ph), r cos(th))', domain: 'r in [0.5, 2], th in [0, 3], ph in [-3, 3]', a: [1, 0, -1], b: [1, 0, 2] },
  // Disguised: sqrt(y^2) = |y|.
  { def: 'disguise(x, y) = (log(exp(x)), sqrt(y^2))', a: [0.3, -1], b: [0.3, 1] },
  { def: 'sinz(x, y) = (sin(x) cosh(y), cos(x) sinh(y))', domain: 'x in [-3, 3], y in [-1, 1]', a: [0.5, 0.2], b: [Math.PI - 0.5, -0.2] },
  { def: 'logistic(x) = 3.7*x*(1 - x)', domain: 'x in [0, 1]', a: [0.2], b: [0.8] },
  // J = 1 wherever it exists, yet a jump: proofs need f continuous.
  { def: 'jump(x, y) = (x - 2*sign(x), y)', a: [-2, 0.5], b: [2, 0.5] },
];

describe('invertibility: maps that are not injective are never proven invertible', () => {
  for (const m of NOT_INJECTIVE) {
    it(`${m.def}${m.domain ? ` on ${m.domain}` : ''}`, () => {
      const t = analyzeMap(m.def, m.domain);
      const f = mapFromStrings(t.components, t.variables);
      // The test's own counterexample: the map really is not injective.
      assertWitness({ a: m.a, b: m.b, image: f(m.a) }, f, t.domain, `${t.name} (test pair)`);
      const inv = t.invertibility;
      assert.notEqual(inv.verdict, 'invertible', `${t.name}: ${inv.reason}`);
      assert.equal(inv.verdict, 'not-invertible', `${t.name}: ${inv.reason}`);
      assert.ok(inv.witness, `${t.name}: a witness`);
      assertWitness(inv.witness, f, t.domain, t.name);
    });
  }

  it('locates the fold where det J changes sign', () => {
    const t = analyzeMap('fold(x, y) = (x, y^2)', 'x in [-2, 2], y in [-2, 2]');
    assert.equal(t.invertibility.certainty, 'proof');
    assert.equal(t.invertibility.locallyInvertible, false);
    assert.ok(t.invertibility.fold && Math.abs(t.invertibility.fold[1]) < 1e-9, `fold at ${t.invertibility.fold}`);
    assert.match(argument(t), /both signs/);
  });

  it('on the line a point reads as a number: det J > 0 at 0.001 and < 0 at 0.501, no one-number tuples', () => {
    const t = analyzeMap('logistic(x) = 3.7*x*(1 - x)', 'x in [0, 1]');
    assert.match(argument(t), /det J > 0 at -?\d[\d.e-]* and < 0 at -?\d[\d.e-]*; it vanishes at -?\d[\d.e-]* on the segment/);
  });

  it('e^z on a wide strip: locally invertible, not injective, with a certified witness', () => {
    const t = analyzeMap('expz(x, y) = (exp(x) cos(y), exp(x) sin(y))', 'x in [-1, 1], y in [-4, 4]');
    assert.equal(t.invertibility.verdict, 'not-invertible');
    assert.equal(t.invertibility.locallyInvertible, true);
    assert.equal(t.invertibility.certainty, 'proof');
    // the witness a, a + 2π e_y: f is 2π-periodic in y by its structure
    assert.match(argument(t), /2π-periodic in y/);
    const narrow = analyzeMap('expz(x, y) = (exp(x) cos(y), exp(x) sin(y))', 'x in [-1, 1], y in [-3, 3]');
    assert.equal(narrow.invertibility.verdict, 'invertible');
    // a strip narrower than 2π: exp(x) > 0 and y determine the image (a polar pair), a proof
    assert.equal(narrow.invertibility.certainty, 'proof');
    assert.match(argument(narrow), /R \(cos Θ, sin Θ\) with R = exp\(x\) > 0/);
  });
});

/** Maps that are injective (by a known argument) but beyond the structural proofs: no false witness. */
const INJECTIVE: Array<{ def: string; domain?: string }> = [
  { def: 'cyl(r, t, z) = (r cos(t), r sin(t), z)', domain: 'r in [0.5, 2], t in [-3, 3], z in [-1, 1]' },
  { def: 'elliptic(mu, nu) = (cosh(mu) cos(nu), sinh(mu) sin(nu))', domain: 'mu in [0.1, 2], nu in [0.1, 3]' },
  { def: 'parabolic(u, v) = ((u^2 - v^2)/2, u*v)', domain: 'u in [0.1, 2], v in [-2, 2]' },
  { def: 'sinz(x, y) = (sin(x) cosh(y), cos(x) sinh(y))', domain: 'x in [-1.5, 1.5], y in [-1, 1]' },
  { def: 'swirl(x, y) = (x cos(x^2 + y^2) - y sin(x^2 + y^2), x sin(x^2 + y^2) + y cos(x^2 + y^2))', domain: 'x in [-3, 3], y in [-3, 3]' },
  { def: 'mobius(x, y) = ((x*(x + 1) + y^2)/((x + 1)^2 + y^2), y/((x + 1)^2 + y^2))', domain: 'x in [0, 2], y in [-1, 1]' },
  { def: 'standard(t, p) = (t + p + 0.9*sin(t), p + 0.9*sin(t))', domain: 't in [-3, 3], p in [-3, 3]' },
  // Floating point hides y next to e^60: no collision may be claimed from rounding.
  { def: 'expfast(x, y) = (exp(30*x) + y^3/100, y + exp(30*x)/100)' },
  { def: 'expneg(x, y) = (exp(-20*x) + y/10, y + x/10)' },
  // both sides of 0 underflow to 0 in doubles (exp(-700/x^2)), yet one is < 0 and the other > 0: no collision
  { def: 'flat(x, y) = (x exp(-1/x^2)^700, y)' },
];

describe('invertibility: injective maps get no false witness', () => {
  for (const m of INJECTIVE) {
    it(`${m.def}${m.domain ? ` on ${m.domain}` : ''}`, () => {
      const t = analyzeMap(m.def, m.domain);
      assert.equal(t.invertibility.verdict, 'invertible', t.invertibility.reason);
      assert.equal(t.invertibility.witness, null);
    });
  }
});

describe('invertibility: a near-collision made by rounding is no witness', () => {
  const at = (def: string) => {
    const t = analyzeMap(def);
    return numericMap(t.trees.components, t.trees.jacobian, t.trees.det, t.variables, t.domain);
  };
  it('a difference lost next to 2^1001 is not taken for f(a) = f(b): J(b) is badly scaled, not singular', () => {
    // f(-2, -0.604) and f(-2, 0.197) print alike: -2^1001 + y loses y, and y^1001 is below 1e-200 at both
    const map = at('f(x, y) = (x^1001 + y, y^1001 + x)');
    const a = [-2, -0.6042673476040363], b = [-2, 0.196664460003376];
    assert.deepEqual(Array.from(map.f(a)), Array.from(map.f(b)), 'the doubles are equal');
    assert.equal(refinePair(map, a, b), null);
    assert.equal(refinePair(map, b, a), null);
  });
  it('values that underflow to 0 but are proven of one sign are not equal: no witness, and no det J = 0 from an underflow', () => {
    const t = analyzeMap('flat(x, y) = (x exp(-1/x^2)^700, y)');
    const map = numericMap(t.trees.components, t.trees.jacobian, t.trees.det, t.variables, t.domain);
    assert.equal(refinePair(map, [-0.627505, -2], [-0.0569224, -2]), null, 'both print as (0, -2), both are < 0, yet apart');
    assert.equal(t.invertibility.witness, null);
    assert.doesNotMatch(t.invertibility.reason, /det J = 0/, t.invertibility.reason);
  });
});

describe('invertibility: proofs', () => {
  it('x^3 on R is proven invertible although det J = 0 at 0', () => {
    const t = analyzeMap('cube(x) = x^3', 'x in [-2, 2]');
    assert.equal(t.invertibility.verdict, 'invertible');
    assert.equal(t.invertibility.certainty, 'proof');
    assert.equal(t.invertibility.locallyInvertible, false);
    assert.deepEqual(t.inverse?.components, ['cbrt(x)']);
    const onR = checkInvertibility({ ...inputOf(t), domain: [[-Infinity, Infinity]] });
    assert.equal(onR.invertibility.verdict, 'invertible');
    assert.equal(onR.invertibility.certainty, 'proof');
    assert.equal(onR.invertibility.locallyInvertible, false);
    assert.match(argument(onR), /isolated/);
  });

  it('x^2 on R is not proven invertible', () => {
    const t = analyzeMap('sq(x) = x^2', 'x in [-2, 2]');
    const onR = checkInvertibility({ ...inputOf(t), domain: [[-Infinity, Infinity]] });
    assert.equal(onR.invertibility.verdict, 'not-invertible');
    assertWitness(onR.invertibility.witness!, mapFromStrings(t.components, t.variables), [[-1e3, 1e3]], 'x^2 on R');
  });

  it('x^2 on a half-line is proven invertible (the domain matters)', () => {
    const t = analyzeMap('sq(x) = x^2', 'x in [0.5, 3]');
    assert.equal(t.invertibility.certainty, 'proof');
    assert.equal(t.invertibility.verdict, 'invertible');
    assert.deepEqual(t.inverse?.components, ['sqrt(x)']);
  });

  const PROVEN: Array<{ def: string; domain?: string; inverse?: boolean; locally?: boolean }> = [
    { def: 'quintic(x) = x^5 + x^3', domain: 'x in [-3, 3]', locally: false },
    { def: 'tri3(x, y, z) = (x^3, y + sin(x), z*exp(x + y) - y^2)', inverse: true, locally: false },
    { def: 'blocky(x, y, z) = (x + y, x - y, z + x^2*y)', inverse: true, locally: true },
    { def: 'henonlike(x, y) = (y, -x + y^2)', inverse: true, locally: true },
    { def: 'softsig(x, y) = (softplus(x), sigmoid(y) + x)', inverse: true, locally: true },
    { def: 'atanmap(x, y) = (atan(x) + y^3, y^3)', domain: 'x in [-3, 3], y in [0.5, 2]', inverse: true, locally: true },
    { def: 'mono(x, y) = (x + 0.5 sin(x), y + x^2)', locally: true },
    { def: 'xsinx(x) = x + sin(x)', domain: 'x in [-5, 5]', locally: false },
    { def: 'cosine(x) = cos(x)', domain: 'x in [0, 3]', inverse: true, locally: false },
    { def: 'maf(x, y, z) = (x, y*exp(tanh(x)) + x, z*exp(sin(x*y)) + y^2)', inverse: true, locally: true },
    { def: 'tangent(x) = tan(x)', domain: 'x in [-1.5, 1.5]', inverse: true, locally: true },
  ];
  for (const p of PROVEN) {
    it(`${p.def} is proven injective`, () => {
      const t = analyzeMap(p.def, p.domain);
      assert.equal(t.invertibility.verdict, 'invertible', t.invertibility.reason);
      assert.equal(t.invertibility.certainty, 'proof', t.invertibility.reason);
      if (p.locally !== undefined) assert.equal(t.invertibility.locallyInvertible, p.locally, t.invertibility.reason);
      if (p.inverse) {
        assert.ok(t.inverse, 'a closed-form inverse');
        assertRoundTrip(t, t.inverse.components);
      }
    });
  }

  it('RealNVP with unknown s and t: proven, with z_B = (z_B\' - t(z_A)) exp(-s(z_A))', () => {
    const t = analyzeMap('flow(z1, z2, z3) = (z1, z2 exp(s(z1)) + t(z1), z3 exp(r(z1, z2)) + q(z2))');
    assert.equal(t.invertibility.verdict, 'invertible', t.invertibility.reason);
    assert.equal(t.invertibility.certainty, 'proof');
    assert.equal(t.invertibility.locallyInvertible, true);
    assert.match(argument(t), /coupling|triangular/);
    assert.ok(t.inverse, 'a closed-form inverse');
    const s: UnknownImpl = (a) => Math.sin(a[0]) + 0.3 * a[0];
    const tt: UnknownImpl = (a) => a[0] * a[0] - 1;
    const r: UnknownImpl = (a) => Math.tanh(a[0] - a[1]);
    const q: UnknownImpl = (a) => Math.cos(a[0]);
    assertRoundTrip(t, t.inverse.components, { unknown: { s, t: tt, r, q } });
    assert.equal(t.inverse.components[1], '(z2 - t(z1))*exp(-s(z1))');
  });

  it('says unknown, with the reason, when a proof needs what is not known', () => {
    const bad = analyzeMap('layer(x, y) = (x, y s(x) + t(x))');
    assert.equal(bad.invertibility.verdict, 'unknown');
    assert.match(argument(bad), /s\(x\)/);
    const free = analyzeMap('lin(x, y) = (k x + y, x - y)');
    assert.equal(free.invertibility.verdict, 'unknown');
    assert.match(argument(free), /symbolic constant k/);
  });
});

describe('invertibility: planar flows z + u tanh(w.z + b)', () => {
  const flow = (u: number[], w: number[], b: number): string => {
    const vars = ['x', 'y', 'z'].slice(0, u.length);
    const arg = `${w.map((wi, i) => `${wi}*${vars[i]}`).join(' + ')} + ${b}`;
    return `planar(${vars.join(', ')}) = (${vars.map((v, i) => `${v} + ${u[i]}*tanh(${arg})`).join(', ')})`;
  };
  const box = (n: number) => ['x', 'y', 'z'].slice(0, n).map((v) => `${v} in [-3, 3]`).join(', ');
  const cases: Array<{ u: number[]; w: number[]; b: number }> = [
    { u: [1, -0.25], w: [1, 2], b: 0.5 },       // w.u = 1/2 (the corpus' invertible one)
    { u: [-2, -1], w: [1, 1], b: 0 },           // w.u = -3 (the corpus' other one)
    { u: [-1, 0], w: [1, 0.5], b: -1 },         // w.u = -1: the border, still injective
    { u: [0.5, 0.5], w: [1, -1], b: 0.2 },      // w.u = 0
    { u: [2, 1], w: [1, 1], b: -1 },            // w.u = 3
    { u: [1, 1], w: [-1, -1], b: 0.3 },         // w.u = -2
    { u: [-1.1, 0], w: [1, 0], b: 0 },          // w.u = -1.1: barely not injective
    { u: [2, 1, -4], w: [1, 1, 1], b: 1 },      // w.u = -1 in 3-D
    { u: [0.2, 0.1, -0.3], w: [1, -2, 1], b: 0 },   // w.u = -0.3
    { u: [-1, -1, -1], w: [0.5, 0.5, 0.5], b: 0.1 }, // w.u = -1.5
  ];
  // And some random ones away from the border w.u = -1.
  const rand = rng(2024);
  while (cases.length < 22) {
    const n = cases.length % 2 ? 2 : 3;
    const u = Array.from({ length: n }, () => Number((4 * rand() - 2).toFixed(2)));
    const w = Array.from({ length: n }, () => Number((4 * rand() - 2).toFixed(2)));
    const b = Number((0.6 * rand() - 0.3).toFixed(2));
    const wu = u.reduce((s, ui, i) => s + ui * w[i], 0);
    if (Math.abs(wu + 1) < 0.1 || w.reduce((s, wi) => s + Math.abs(wi), 0) < 0.8) continue;
    cases.push({ u, w, b });
  }
  for (const c of cases) {
    const wu = c.u.reduce((s, ui, i) => s + ui * c.w[i], 0);
    const expected = wu >= -1 ? 'invertible' : 'not-invertible';
    it(`u = (${c.u}), w = (${c.w}), b = ${c.b}: w.u = ${Number(wu.toFixed(4))} -> ${expected}`, () => {
      const t = analyzeMap(flow(c.u, c.w, c.b), box(c.u.length));
      const inv = t.invertibility;
      assert.equal(inv.verdict, expected, inv.reason);
      if (expected === 'invertible') {
        assert.equal(inv.certainty, 'proof', inv.reason);
      } else {
        assert.ok(inv.witness, 'a witness');
        assertWitness(inv.witness, mapFromStrings(t.components, t.variables), t.domain, t.name);
        assert.equal(inv.locallyInvertible, false);
      }
    });
  }

  it('w.u < -1 is still injective on a box where w.z + b stays past the fold', () => {
    const t = analyzeMap('planar(x, y) = (x - 3 tanh(x + y), y)', 'x in [1, 4], y in [1, 3]');
    assert.equal(t.invertibility.verdict, 'invertible');
    assert.equal(t.invertibility.certainty, 'proof');
  });
});

describe('invertibility: bounded time', () => {
  it('a dense 5-D network z + U tanh(W z) is answered by bounded work (counts of samples and boxes), not by waiting for a deadline', () => {
    const rand = rng(3);
    const v = ['x1', 'x2', 'x3', 'x4', 'x5'];
    const c = (s: number) => Number((s * (2 * rand() - 1)).toFixed(2));
    const W = v.map(() => v.map(() => c(1))), U = v.map(() => v.map(() => c(0.3)));
    const comps = v.map((x, i) => [x, ...W.map((row, k) => `${U[i][k]}*tanh(${row.map((w, j) => `${w}*${v[j]}`).join(' + ')})`)].join(' + '));
    // the clock stood still: no deadline passes, so only the counts can end the work (a loop bounded by time alone would not end)
    const t = atFrozenTime(Date.now(), () => analyzeMap(`net(${v.join(', ')}) = (${comps.join(', ')})`));
    assert.notEqual(t.invertibility.verdict, 'unknown', t.invertibility.reason);
  });
});

describe('invertibility: numeric inverse', () => {
  for (const [def, domain] of [
    ['polar(r, t) = (r cos(t), r sin(t))', 'r in [0.1, 3], t in [-3, 3]'],
    ['planar(x, y) = (x + tanh(x + 2*y + 1/2), y - tanh(x + 2*y + 1/2)/4)', 'x in [-3, 3], y in [-3, 3]'],
    ['sq(x, y) = (x^2 - y^2, 2*x*y)', 'x in [0.25, 2], y in [-2, 2]'],
    ['rosen(x, y) = (x, y - x^2)', undefined],
  ] as const) {
    it(`f^-1(f(z)) = z for ${def}`, () => {
      const t = analyzeMap(def, domain);
      const inverse = createNumericInverse(t);
      const f = mapFromStrings(t.components, t.variables);
      const rand = rng(5);
      for (let k = 0; k < 25; k++) {
        const z = randomPoint(t.domain, rand);
        const x = inverse(f(z));
        assert.ok(x, `no preimage found for f(${z})`);
        x.forEach((v, i) => assert.ok(Math.abs(v - z[i]) < 1e-7, `${v} vs ${z[i]}`));
      }
      assert.equal(inverse([1e6, -1e6]), null, 'a point far outside the image has no preimage');
    });
  }
});
