/**
 * Code the way libraries write it, in whole files of our own (test/fixtures/code/general):
 * projections with factories and `.invert`, colour conversions, arms, warps, steps of a
 * simulation, and ordinary code that must stay quiet. For each file the truth is written
 * here: which functions are maps, their components (mathjs syntax, our own derivation), and
 * det J, computed here by central differences of those components (never from the report's J);
 * no other report, and only the info diagnostics listed, each naming what stops the reading.
 * The files are read as text, never run.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeDocument, languageOfFile } from '../../../src/core/document';
import { createEngineOptions } from '../../../src/core/engine';
import type { FileReport, TransformReport } from '../../../src/core/report';
import { workspaceFileReader } from '../../../src/node/workspaceFiles';
import { compileClosure, randomPoint, rng } from '../../../src/core/math/numeric';
import { parsePlainExpr } from '../../../src/core/parse/plainExpr';

const DIR = path.resolve(__dirname, '../../../../test/fixtures/code/general');

function analyzeFixture(file: string, domain: [number, number] = [-2, 2]): FileReport {
  const full = path.join(DIR, file);
  return analyzeDocument(fs.readFileSync(full, 'utf8'), languageOfFile(full)!, full, { ...createEngineOptions({ defaultDomain: domain }), readFile: workspaceFileReader(DIR) });
}

interface Truth {
  readonly variables: string[];
  /** The components on the piece the report shows (mathjs syntax). */
  readonly components: string[];
  /** Values of the symbolic parameters the report keeps (factory arguments, fields). */
  readonly symbols?: Record<string, number>;
  /** The top level is one piece of a piecewise map. */
  readonly piecewise?: boolean;
  /** Unknown functions of one argument the report keeps, standing in as 2 + sin(u) for both sides. */
  readonly unknown?: string[];
}

/** 2 + sin(u) and its derivatives (d lists the arguments differentiated by): the stand-in for an unknown function of one argument. */
const standIn = (args: readonly number[], d: readonly number[]) => {
  const k = d.length;
  return [Math.sin, Math.cos, (u: number) => -Math.sin(u), (u: number) => -Math.cos(u)][k % 4](args[0]) + (k === 0 ? 2 : 0);
};

/** det of a square matrix by Gaussian elimination with partial pivoting. */
function det(m: number[][]): number {
  const a = m.map((r) => [...r]);
  const n = a.length;
  let d = 1;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[p][c])) p = r;
    if (a[p][c] === 0) return 0;
    if (p !== c) { [a[p], a[c]] = [a[c], a[p]]; d = -d; }
    d *= a[c][c];
    for (let r = c + 1; r < n; r++) {
      const f = a[r][c] / a[c][c];
      for (let k = c; k < n; k++) a[r][k] -= f * a[c][k];
    }
  }
  return d;
}

/** The report's components and det J against the truth at random points of its domain; det J of the truth by central differences. */
function assertTruth(t: TransformReport, truth: Truth): void {
  assert.deepEqual(t.variables, truth.variables, t.name);
  assert.equal(!!t.pieces && t.pieces.length > 1, !!truth.piecewise, `${t.name}: piecewise`);
  const symbols = truth.symbols ?? {};
  const opts = { symbols, unknown: Object.fromEntries((truth.unknown ?? []).map((f) => [f, standIn])) };
  const mine = truth.components.map((c) => compileClosure(parsePlainExpr(c), truth.variables, opts));
  // the report's own trees (a printed s'(u) is not plain syntax)
  const theirs = t.trees.components.map((c) => compileClosure(c, truth.variables, opts));
  assert.ok(t.detSymbolic, `${t.name}: det J has a closed form (${t.det})`);
  const detJ = compileClosure(t.trees.det!, truth.variables, opts);
  const rand = rng(7);
  let used = 0;
  for (let i = 0; i < 60 && used < 20; i++) {
    const x = randomPoint(t.domain, rand);
    const want = mine.map((f) => f(x));
    if (!want.every(Number.isFinite)) continue;
    used++;
    const got = theirs.map((f) => f(x));
    want.forEach((w, k) => assert.ok(Math.abs(got[k] - w) <= 1e-9 * Math.max(1, Math.abs(w)), `${t.name}: component ${k} at (${x.join(', ')}): ${got[k]} vs ${w} (${t.components[k]})`));
    const h = 1e-5;
    const J = mine.map((f) => x.map((_, j) => {
      const a = [...x], b = [...x];
      a[j] += h; b[j] -= h;
      return (f(a) - f(b)) / (2 * h);
    }));
    const want_ = det(J), got_ = detJ(x);
    assert.ok(Math.abs(got_ - want_) <= 1e-5 * Math.max(1, Math.abs(want_)), `${t.name}: det J at (${x.join(', ')}): ${got_} vs ${want_} (${t.det})`);
  }
  assert.ok(used >= 10, `${t.name}: too few points where the truth is defined`);
}

/** Exactly these maps, each right; exactly these diagnostics (information, at the construct named). */
function assertFile(r: FileReport, truths: Record<string, Truth>, infos: Array<[string, RegExp]> = []): void {
  assert.deepEqual(r.transforms.map((t) => t.name).sort(), Object.keys(truths).sort(), `maps of ${r.file}; diagnostics: ${r.diagnostics.map((d) => d.message).join(' | ')}`);
  for (const t of r.transforms) assertTruth(t, truths[t.name]);
  assert.equal(r.diagnostics.length, infos.length, r.diagnostics.map((d) => `${d.severity}: ${d.message}`).join('\n'));
  for (const [name, construct] of infos) {
    const d = r.diagnostics.find((x) => x.message.startsWith(`${name}(`));
    assert.ok(d, `a diagnostic for ${name}: ${r.diagnostics.map((x) => x.message).join(' | ')}`);
    assert.equal(d.severity, 'info');
    assert.match(d.message, construct);
  }
}

const xy = ['x', 'y'];

describe('code in whole files of our own: projections (factories, .invert, imported helpers)', () => {
  it('azimuthal, orthographic, stereographic and conic equal-area projections and their inverses; an iteration gets one info', () => {
    const r = analyzeFixture('projections.js', [-0.7, 0.7]);
    const k = 'sqrt(2 / (1 + cos(x) cos(y)))';
    const z = 'sqrt(x^2 + y^2)';
    const c = `acos(cos(x) cos(y))`;
    // conic equal-area with standard parallels y0, y1 (symbolic: the factory's parameters)
    const n = '((sin(y0) + sin(y1)) / 2)', C = `(1 + sin(y0) (2 ${n} - sin(y0)))`, r0 = `(sqrt(${C}) / ${n})`;
    const rho = `(sqrt(${C} - 2 ${n} sin(y)) / ${n})`;
    const conic = { y0: 0.3, y1: 0.9 };
    assertFile(r, {
      // the factory read on its own: scale stays an unknown function (as in any note)
      azimuthalRaw: { variables: xy, unknown: ['scale'], components: ['scale(cos(x) cos(y)) cos(y) sin(x)', 'scale(cos(x) cos(y)) sin(y)'] },
      azimuthalEqualAreaRaw: { variables: xy, components: [`${k} cos(y) sin(x)`, `${k} sin(y)`] },
      'azimuthalEqualAreaRaw.invert': {
        variables: xy, piecewise: true,
        components: [`atan2(x sin(2 asin(${z} / 2)), ${z} cos(2 asin(${z} / 2)))`, `asin(y sin(2 asin(${z} / 2)) / ${z})`],
      },
      azimuthalEquidistantRaw: { variables: xy, piecewise: true, components: [`${c} / sin(${c}) * cos(y) * sin(x)`, `${c} / sin(${c}) * sin(y)`] },
      orthographicRaw: { variables: xy, components: ['cos(y) sin(x)', 'sin(y)'] },
      'orthographicRaw.invert': { variables: xy, piecewise: true, components: [`atan2(x ${z}, ${z} sqrt(1 - x^2 - y^2))`, `asin(y)`] },
      stereographicRaw: { variables: xy, components: ['cos(y) sin(x) / (1 + cos(x) cos(y))', 'sin(y) / (1 + cos(x) cos(y))'] },
      project: { variables: xy, symbols: conic, components: [`${rho} sin(${n} x)`, `${r0} - ${rho} cos(${n} x)`] },
      'project.invert': {
        variables: xy, symbols: conic, piecewise: true,
        components: [`atan2(x, abs(${r0} - y)) / ${n} * sign(${r0} - y)`, `asin((${C} - (x^2 + (${r0} - y)^2) ${n}^2) / (2 ${n}))`],
      },
    }, [['mollweideRaw', /loop with return, break or continue/]]);
    // the conic projection is equal-area: det J = cos(y) for any parallels
    const conicMap = r.transforms.find((t) => t.name === 'project')!;
    assert.deepEqual(conicMap.freeSymbols.sort(), ['y0', 'y1']);
  });
});

describe('code in whole files of our own: arms and integrator steps', () => {
  it('two- and three-link arms, a class whose fields stay symbolic (never another function\'s defaults), SCARA', () => {
    const r = analyzeFixture('kinematics.ts');
    const arm = (l1: string, l2: string) => [`${l1} cos(q1) + ${l2} cos(q1 + q2)`, `${l1} sin(q1) + ${l2} sin(q1 + q2)`];
    const fields = { l1: 1.3, l2: 0.6 };
    const d = '((x^2 + y^2 - l1^2 - l2^2) / (2 l1 l2))';
    assertFile(r, {
      twoLink: { variables: ['q1', 'q2'], components: arm('1', '0.75') },
      threeLink: {
        variables: ['a', 'b', 'c'],
        components: ['cos(a) + 0.8 cos(a + b) + 0.5 cos(a + b + c)', 'sin(a) + 0.8 sin(a + b) + 0.5 sin(a + b + c)', 'a + b + c'],
      },
      forward: { variables: ['q1', 'q2'], symbols: fields, components: arm('l1', 'l2') },
      inverse: {
        variables: ['x', 'y'], symbols: fields, piecewise: true,
        components: [`atan2(y, x) - atan2(l2 sin(acos(${d})), l1 + l2 cos(acos(${d})))`, `acos(${d})`],
      },
      scara: {
        variables: ['theta1', 'theta2', 'd3'],
        components: ['0.4 cos(theta1) + 0.3 cos(theta1 + theta2)', '0.4 sin(theta1) + 0.3 sin(theta1 + theta2)', '0.2 - d3'],
      },
    });
    const forward = r.transforms.find((t) => t.name === 'forward')!;
    assert.deepEqual(forward.freeSymbols.sort(), ['l1', 'l2'], 'this.l1, this.l2 are symbolic, not twoLink\'s defaults');
    assert.deepEqual(forward.parameters, {});
  });

  it('steps of integrators: a tuple-typed state with a time step, destructured; defaults as settings; an object state; async code is quiet', () => {
    const r = analyzeFixture('physics.ts');
    assertFile(r, {
      pendulumStep: {
        variables: ['theta', 'omega'], symbols: { dt: 0.05 },
        components: ['theta + (omega - 9.81 / 2 sin(theta) dt) dt', 'omega - 9.81 / 2 sin(theta) dt'],
      },
      leapfrog: { variables: ['q', 'p'], components: ['q + 0.1 (p - 0.2 q)', 'p - 0.2 q - 0.2 (q + 0.1 (p - 0.2 q))'] },
      springStep: { variables: ['x', 'v'], components: ['x + 0.01 v', 'v + 0.01 (-10 x - 0.5 v)'] },
    });
    assert.match(r.transforms.find((t) => t.name === 'pendulumStep')!.assumed!.join('\n'), /symbolic parameters: dt/);
  });
});
