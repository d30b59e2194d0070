/**
 * Readable forms (`where`): long J entries and det J with shared parts named, the user's own
 * names first, each abbreviated form expanding back to the full one.
 */
import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../../src/core/document';
import { Expr, size, substitute } from '../../../src/core/math/expr';
import { compileClosure, randomPoint, rng } from '../../../src/core/math/numeric';
import { parsePlainExpr } from '../../../src/core/parse/plainExpr';
import type { TransformReport } from '../../../src/core/report';

const SWIRL_CODE = [
  'export function swirl(x: number, y: number): [number, number] {',
  '  const r2 = x * x + y * y;',
  '  const angle = 0.5 * Math.exp(-r2);',
  '  const c = Math.cos(angle);',
  '  const s = Math.sin(angle);',
  '  return [c * x - s * y, s * x + c * y];',
  '}',
].join('\n');
const SWIRL_BLOCK = ['```transform', 'swirl(x, y) = (cos(0.5 exp(-(x^2 + y^2))) x - sin(0.5 exp(-(x^2 + y^2))) y, sin(0.5 exp(-(x^2 + y^2))) x + cos(0.5 exp(-(x^2 + y^2))) y)', '```'].join('\n');

/** An abbreviated form with its names substituted, as a tree. */
function expanded(t: TransformReport, form: string): Expr {
  const full = new Map<string, Expr>();
  for (const d of t.where!.defs) full.set(d.name, substitute(parsePlainExpr(d.value), full));
  return substitute(parsePlainExpr(form), full);
}

/** Every abbreviated form equals its full form at random domain points. */
function assertExpandsBack(t: TransformReport): void {
  const w = t.where!;
  const pairs: Array<[string, string]> = [...w.jacobian.flatMap((row, i) => row.map((e, j): [string, string] => [e, t.jacobian[i][j]]))];
  if (w.det) pairs.push([w.det, t.det]);
  const rand = rng(3);
  for (const [short, full] of pairs) {
    const a = compileClosure(expanded(t, short), t.variables), b = compileClosure(parsePlainExpr(full), t.variables);
    for (let k = 0; k < 10; k++) {
      const x = randomPoint(t.domain, rand);
      assert.ok(Math.abs(a(x) - b(x)) <= 1e-9 * Math.max(1, Math.abs(b(x))), `${short} is not ${full}`);
    }
  }
}

const longest = (rows: readonly (readonly string[])[]) => Math.max(...rows.flat().map((s) => s.length));

describe('readable forms: where', () => {
  it('the swirl in code: J in the code\'s own names (angle, c, s), each entry expanding back', () => {
    const t = analyzeDocument(SWIRL_CODE, 'typescript', 'swirl.ts').transforms[0];
    assert.ok(t.where, 'no where');
    const names = t.where.defs.map((d) => d.name);
    for (const n of ['angle', 'c', 's']) assert.ok(names.includes(n), names.join());
    assert.ok(t.where.defs.every((d) => d.origin === 'user'), JSON.stringify(t.where.defs));
    assert.ok(longest(t.where.jacobian) * 3 < longest(t.jacobian), JSON.stringify(t.where.jacobian));
    // each name is defined before it is used
    t.where.defs.forEach((d, i) => {
      const later = t.where!.defs.slice(i).map((x) => x.name);
      assert.ok(!later.some((n) => n !== d.name && new RegExp(`\\b${n}\\b`).test(d.value)), `${d.name} = ${d.value}`);
    });
    assertExpandsBack(t);
  });
  it('the same swirl written out in a block: the repeated exponential gets a generated name', () => {
    const t = analyzeDocument(SWIRL_BLOCK, 'markdown', 'swirl.md').transforms[0];
    assert.ok(t.where);
    assert.ok(t.where.defs.some((d) => d.origin === 'generated' && /^φ_\d$/.test(d.name)));
    assert.ok(t.where.defs.every((d) => d.nameLatex.startsWith('\\varphi_')));
    assert.ok(longest(t.where.jacobian) * 3 < longest(t.jacobian) * 2);
    assertExpandsBack(t);
  });
  it('a block\'s r = sqrt(x^2 + y^2) names the root and its square: y^2/r^3', () => {
    const t = analyzeDocument(['```transform', 'r = sqrt(x^2 + y^2)', 'f(x, y) = (x / r, y / r + r)', '```'].join('\n'), 'markdown', 'r.md').transforms[0];
    assert.ok(t.where);
    assert.deepEqual(t.where.defs.map((d) => d.name), ['r']);
    assert.ok(t.where.jacobian.flat().every((e) => !e.includes('sqrt')), JSON.stringify(t.where.jacobian));
    assertExpandsBack(t);
  });
  it('short forms are left as they are (polar coordinates)', () => {
    const t = analyzeDocument(['```transform', 'polar(r, theta) = (r cos(theta), r sin(theta))', '```'].join('\n'), 'markdown', 'p.md').transforms[0];
    assert.equal(t.where, undefined);
  });
  it('generated names avoid the map\'s own symbols (phi is a variable: psi)', () => {
    const t = analyzeDocument(['```transform', 'g(phi, y) = (cos(0.5 exp(-(phi^2 + y^2))) phi - sin(0.5 exp(-(phi^2 + y^2))) y, sin(0.5 exp(-(phi^2 + y^2))) phi + cos(0.5 exp(-(phi^2 + y^2))) y)', '```'].join('\n'), 'markdown', 'g.md').transforms[0];
    assert.ok(t.where);
    assert.ok(t.where.defs.every((d) => d.name.startsWith('ψ')), t.where.defs.map((d) => d.name).join());
    assertExpandsBack(t);
  });
  it('a name the code gives is shown as written, not expanded: d = (re + 1)^2 + im^2', () => {
    const code = [
      'export function cayley(re: number, im: number): [number, number] {',
      '  const d = (re + 1) ** 2 + im ** 2;',
      '  return [((re - 1) * (re + 1) + im * im) / d, (2 * im) / d];',
      '}',
    ].join('\n');
    const t = analyzeDocument(code, 'typescript', 'cayley.ts').transforms[0];
    assert.ok(t.where, 'no where');
    const d = t.where.defs.find((x) => x.name === 'd');
    assert.ok(d, JSON.stringify(t.where.defs));
    const written = parsePlainExpr('(re + 1)^2 + im^2'), shown = parsePlainExpr(d.value);
    assert.ok(size(shown) <= size(written), `${d.value} is longer than written`);
    const rand = rng(9);
    for (let k = 0; k < 8; k++) {
      const p = [4 * rand() - 2, 4 * rand() - 2];
      assert.ok(Math.abs(compileClosure(shown, ['re', 'im'])(p) - compileClosure(written, ['re', 'im'])(p)) < 1e-12);
    }
    assertExpandsBack(t);
  });
});

describe('where names only for what repeats', () => {
  /** How often a name occurs in the distinct shown forms and the other names' values. */
  function occurrences(t: TransformReport, name: string): number {
    const w = t.where!;
    const forms = new Set([...w.jacobian.flat(), ...(w.det ? [w.det] : []), ...(w.inverse ?? [])]);
    const texts = [...forms, ...w.defs.filter((d) => d.name !== name).map((d) => d.value)];
    const re = new RegExp(`(?<![\\w'])${name}(?![\\w'])`, 'g');
    return texts.reduce((n, s) => n + (s.match(re)?.length ?? 0), 0);
  }

  it('det J equal to a J entry (a triangular map with one long diagonal entry) does not make its halves repeat', () => {
    const t = analyzeDocument(['```transform', 'f(x, y) = (atan(x^3 + exp(x) sin(x)) / (2 + cos(x)^2), y + x^2)', '```'].join('\n'), 'markdown', 's.md').transforms[0];
    assert.equal(t.det, t.jacobian[0][0]);
    for (const d of t.where?.defs.filter((x) => x.origin === 'generated') ?? []) assert.ok(occurrences(t, d.name) >= 2, `${d.name} = ${d.value} occurs once`);
    if (t.where) assertExpandsBack(t);
  });

  for (const def of [
    'sph(r, theta, phi) = (r sin(theta) cos(phi), r sin(theta) sin(phi), r cos(theta))',
    'arm(t1, t2) = (cos(t1) + cos(t1 + t2), sin(t1) + sin(t1 + t2))',
    'henon(x, y) = (1 - 1.4 x^2 + y, 0.3 x)',
    'g(x, y, z) = (x + y z, y + sin(x z), z + x^2 y^2)',
  ]) {
    it(`a small map has no where lines: ${def.slice(0, def.indexOf('('))}`, () => {
      const t = analyzeDocument(['```transform', def, '```'].join('\n'), 'markdown', 'm.md').transforms[0];
      assert.equal(t.where, undefined, JSON.stringify(t.where?.defs));
    });
  }
});
