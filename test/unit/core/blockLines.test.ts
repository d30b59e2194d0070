/**
 * ```transform blocks written the way code is: a map's value in brackets (`f(x, y) = [x + y, x - y]`),
 * several definitions on one line separated by `;`, and the messages for braces.
 */
import * as assert from 'node:assert/strict';
import { analyzeDocument, parseDocument } from '../../../src/core/document';
import { createEngineOptions } from '../../../src/core/engine';
import { Expr, substitute } from '../../../src/core/math/expr';
import { compileClosure, rng } from '../../../src/core/math/numeric';
import { parsePlainExpr } from '../../../src/core/parse/plainExpr';
import type { Transform } from '../../../src/core/model';

const block = (...lines: string[]) => ['```transform', ...lines, '```'].join('\n');

/** The components of t equal the given functions at random points. */
function assertComponents(t: Transform, expected: ReadonlyArray<(p: readonly number[]) => number>): void {
  assert.equal(t.components.length, expected.length);
  const rand = rng(7);
  for (let k = 0; k < 8; k++) {
    const p = t.variables.map(() => 4 * rand() - 2);
    t.components.forEach((c: Expr, i: number) => {
      const got = compileClosure(c, t.variables)(p), want = expected[i](p);
      assert.ok(Math.abs(got - want) <= 1e-12 * Math.max(1, Math.abs(want)), `component ${i + 1} at ${p}: ${got} != ${want}`);
    });
  }
}

describe('```transform blocks written as code writes them', () => {
  it('a value in brackets with as many entries as variables is a map', () => {
    const { transforms, problems } = parseDocument(block('shear(x, y) = [x + 2 y, y]'), 'markdown');
    assert.deepEqual(problems, []);
    assert.equal(transforms.length, 1);
    assert.deepEqual(transforms[0].variables, ['x', 'y']);
    assertComponents(transforms[0], [([x, y]) => x + 2 * y, ([, y]) => y]);
  });

  it('a curve in brackets (fewer variables than entries) is no map and says nothing', () => {
    const { transforms, problems } = parseDocument(block('circle(t) = [cos(t), sin(t)]'), 'markdown');
    assert.deepEqual(transforms, []);
    assert.deepEqual(problems, []);
  });

  it('a bracket value that a map calls stays a matrix function', () => {
    const { transforms, problems } = parseDocument(block('z in R^2', 'shift(a, b) = [a, b]', 'F(z) = z + shift(1, 2)'), 'markdown');
    assert.deepEqual(problems.filter((p) => p.severity === 'error'), []);
    assert.equal(transforms.length, 1);
    assertComponents(transforms[0], [([a]) => a + 1, ([, b]) => b + 2]);
  });

  it('definitions on one line separated by ; are read one by one (a trailing ; ends a line)', () => {
    const { transforms, problems } = parseDocument(block(
      'a = 0.5; b = 2;',
      'c = cos(a x); s = sin(a x)',
      'f(x, y) = (c x - s y, b (s x + c y));',
    ), 'markdown');
    assert.deepEqual(problems, []);
    assert.equal(transforms.length, 1);
    assertComponents(transforms[0], [
      ([x, y]) => Math.cos(0.5 * x) * x - Math.sin(0.5 * x) * y,
      ([x, y]) => 2 * (Math.sin(0.5 * x) * x + Math.cos(0.5 * x) * y),
    ]);
  });

  it('in a domain or assume line, ; separates the parts as a comma does', () => {
    const { transforms, problems } = parseDocument(block('f(x, y) = (a x + y^2, b y)', 'domain: x in [0, 1]; y in [0.5, 2];', 'assume: a > 0; b > 0', 'a = 2; b = 3'), 'markdown');
    assert.deepEqual(problems.filter((p) => p.severity === 'error'), []);
    assert.deepEqual(transforms[0].domain, [[0, 1], [0.5, 2]]);
    // a parameter named domain is still one
    const named = parseDocument(block('domain = 2; f(x, y) = (domain x, y)'), 'markdown');
    assert.deepEqual(named.problems, []);
    assertComponents(named.transforms[0], [([x]) => 2 * x, ([, y]) => y]);
  });

  it('a ; inside brackets still separates the rows of a matrix', () => {
    const { transforms, problems } = parseDocument(block('W = [1, 2; 3, 4]', 'z in R^2', 'F(z) = W z'), 'markdown');
    assert.deepEqual(problems.filter((p) => p.severity === 'error'), []);
    assertComponents(transforms[0], [([a, b]) => a + 2 * b, ([a, b]) => 3 * a + 4 * b]);
  });

  it('braces are an error at the brace that says to use parentheses', () => {
    for (const line of ['g(x, y) = [x + {y}, y]', 'g(x, y) = (x + {a: 1}, y)']) {
      const { problems } = parseDocument(block(line), 'markdown');
      const errors = problems.filter((p) => p.severity === 'error');
      assert.equal(errors.length, 1, line);
      assert.match(errors[0].message, /braces \{ \}.*parentheses/);
      assert.deepEqual(errors[0].range.start, { line: 1, character: line.indexOf('{') });
    }
  });

  it('code habits: Math.sin, Math.PI, Math.E and ** read as the math they stand for', () => {
    const { transforms, problems } = parseDocument(block('f(x, y) = (Math.sin(x) + Math.PI y, y * Math.E ** x)'), 'markdown');
    assert.deepEqual(problems, []);
    assertComponents(transforms[0], [([x, y]) => Math.sin(x) + Math.PI * y, ([x, y]) => y * Math.exp(x)]);
  });

  it('a superscript power (x²) is an error at it that says to write x^2', () => {
    const line = 'f(x, y) = (x² + y, y)';
    const { transforms, problems } = parseDocument(block(line), 'markdown');
    assert.deepEqual(transforms, []);
    assert.equal(problems.length, 1);
    assert.match(problems[0].message, /x\^2 for x²/);
    assert.deepEqual(problems[0].range.start, { line: 1, character: line.indexOf('²') });
  });

  it('the swirl with its own names: J and the inverse in angle, c and s, expanding back', () => {
    const t = analyzeDocument(block(
      'angle = 0.5 exp(-(x^2 + y^2))',
      'c = cos(angle); s = sin(angle)',
      'swirl(x, y) = [c x - s y, s x + c y]',
    ), 'markdown', 'swirl.md', createEngineOptions()).transforms[0];
    assert.ok(t?.where, 'no where lines');
    assert.deepEqual(t.where.defs.map((d) => [d.name, d.origin]), [['angle', 'user'], ['c', 'user'], ['s', 'user']]);
    assert.ok(t.where.inverse && t.inverse, `no inverse: ${JSON.stringify(t.inverse)}`);
    const full = new Map<string, Expr>();
    for (const d of t.where.defs) full.set(d.name, substitute(parsePlainExpr(d.value), full));
    const rand = rng(5);
    t.where.inverse.forEach((short, i) => {
      assert.ok(!/exp/.test(short), short);
      const a = compileClosure(substitute(parsePlainExpr(short), full), t.variables), b = compileClosure(parsePlainExpr(t.inverse!.components[i]), t.variables);
      for (let k = 0; k < 8; k++) {
        const p = [4 * rand() - 2, 4 * rand() - 2];
        assert.ok(Math.abs(a(p) - b(p)) <= 1e-12, `${short} at ${p}`);
      }
    });
  });
});
