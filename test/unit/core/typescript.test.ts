import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeDocument, languageOfFile, languageOfId, parseDocument } from '../../../src/core/document';
import { createEngineOptions } from '../../../src/core/engine';
import { parsePlainExpr } from '../../../src/core/parse/plainExpr';
import { compileClosure } from '../../../src/core/math/numeric';
import type { FileReport, TransformReport } from '../../../src/core/report';
import { transformAt } from '../../../src/core/lookup';
import { CorpusCase, assertMatchesReference, loadCorpus, maxRelativeDifference } from '../helpers/corpus';
import { toTypeScript } from '../helpers/tsSource';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/code');

const analyzeTs = (text: string, file = 'maps.ts'): FileReport => analyzeDocument(text, languageOfFile(file)!, file, createEngineOptions());

/** The only transform of `text`, with no diagnostics. */
function only(text: string, file = 'maps.ts'): TransformReport {
  const r = analyzeTs(text, file);
  assert.deepEqual(r.diagnostics, [], JSON.stringify(r.diagnostics));
  assert.equal(r.transforms.length, 1, `transforms: ${r.transforms.map((t) => t.name).join(', ')}`);
  return r.transforms[0];
}

/** Components and det J equal the expected mathjs strings at random points of the domain (never by string). */
function assertMap(t: TransformReport, name: string, variables: string[], components: string[], det: string): void {
  assert.equal(t.name, name);
  assert.equal(t.notation, 'typescript');
  assert.deepEqual(t.variables, variables);
  assert.equal(t.components.length, components.length);
  t.components.forEach((c, i) => assert.ok(maxRelativeDifference(c, components[i], variables, t.domain) < 1e-12, `component ${i}: ${c} vs ${components[i]}`));
  assert.ok(t.detChecked, `det J checked: ${t.det}`);
  assert.ok(maxRelativeDifference(t.det, det, variables, t.domain) < 1e-9, `det J = ${t.det}, expected ${det}`);
}

describe('TypeScript front end: the forms of a map', () => {
  it('a function declaration with number parameters returning an array', () => {
    const t = only('export function polar(r: number, theta: number) {\n  return [r * Math.cos(theta), r * Math.sin(theta)];\n}\n');
    assertMap(t, 'polar', ['r', 'theta'], ['r cos(theta)', 'r sin(theta)'], 'r');
    assert.deepEqual(t.range, { start: { line: 0, character: 0 }, end: { line: 2, character: 1 } }, 'the whole declaration');
    assert.deepEqual(t.nameRange, { start: { line: 0, character: 16 }, end: { line: 0, character: 21 } }, 'the name');
  });

  it('a function whose name is missing while typing is named after its enclosing function or f, its lens on the first parameter', () => {
    const inside = analyzeTs('export function stretched(k: number) {\n  oops function (x: number, y: number) {\n    return [k * x, y];\n  };\n}\n');
    const t = inside.transforms.find((m) => m.variables.join() === 'x,y');
    assert.ok(t, JSON.stringify(inside.transforms.map((m) => m.name)));
    assert.equal(t.name, 'stretched');
    assert.deepEqual(t.nameRange, { start: { line: 1, character: 17 }, end: { line: 1, character: 26 } }, 'the first parameter');
    const top = analyzeTs('function (x: number, y: number) {\n  return [x + y, x - y];\n}\nconst = (u: number, v: number) => [u, v];\n');
    assert.deepEqual(top.transforms.map((m) => m.name), ['f'], 'a const without a name names no map');
    for (const r of [inside, top]) assert.ok(r.transforms.every((m) => m.name && m.nameRange.end.character > m.nameRange.start.character));
  });

  it('an arrow function bound to an exported const, expression body', () => {
    const line = 'export const shear = (x: number, y: number) => [x + 2 * y, y] as const;';
    const t = only(`${line}\n`);
    assertMap(t, 'shear', ['x', 'y'], ['x + 2 y', 'y'], '1');
    assert.deepEqual(t.range, { start: { line: 0, character: 0 }, end: { line: 0, character: line.length } });
  });

  it('a function expression bound to a const, and a declared tuple return type', () => {
    const t = only('const scale = function (x: number, y: number, z: number): [number, number, number] {\n  return [2 * x, 3 * y, z / 2];\n};\n');
    assertMap(t, 'scale', ['x', 'y', 'z'], ['2 x', '3 y', 'z / 2'], '3');
  });

  it('a static method of a class, and a method of an object literal', () => {
    const r = analyzeTs([
      'class Maps {',
      '  static rotate(x: number, y: number): [number, number] { return [-y, x + 0 * y + Math.sin(0)]; }',
      '}',
      'export const more = {',
      '  square(x: number, y: number) { return [x ** 2 - y ** 2, 2 * x * y]; },',
      '  cube: (x: number, y: number) => [x ** 3, y ** 3],',
      '};',
    ].join('\n'));
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.transforms.map((t) => t.name), ['rotate', 'square', 'cube']);
    assertMap(r.transforms[0], 'rotate', ['x', 'y'], ['-y', 'x'], '1');
    assertMap(r.transforms[1], 'square', ['x', 'y'], ['x^2 - y^2', '2 x y'], '4 (x^2 + y^2)');
    assertMap(r.transforms[2], 'cube', ['x', 'y'], ['x^3', 'y^3'], '9 x^2 y^2');
    assert.equal(r.transforms[0].range.start.line, 1, 'the method, not the class');
  });

  it('one destructured tuple parameter (typed by a type alias of the file, or untyped)', () => {
    const t = only('type Vec2 = readonly [number, number];\nexport const flip = ([u, v]: Vec2) => [v * 2, u - v];\n');
    assertMap(t, 'flip', ['u', 'v'], ['2 v', 'u - v'], '-2');
    const js = only('export const flip = ([u, v]) => [v * 2, u - v];\n', 'maps.js');
    assertMap(js, 'flip', ['u', 'v'], ['2 v', 'u - v'], '-2');
  });

  it('one tuple parameter used by index: variables p0, p1', () => {
    const t = only('type Vec2 = [x: number, y: number];\nexport function rotate(p: Vec2): Vec2 {\n  const [x, y] = p;\n  return [-p[1] + 0 * x, y * 0 + p[0] * 2];\n}\n');
    assertMap(t, 'rotate', ['p0', 'p1'], ['-p1', '2 p0'], '2');
    // number[] (or untyped): the length is the largest index read
    assertMap(only('export function norm(p: number[]) { return [p[0] * 2, p[1]]; }\n'), 'norm', ['p0', 'p1'], ['2 p0', 'p1'], '2');
  });

  it('one destructured object parameter (an interface or a type literal of the file, or untyped)', () => {
    const t = only('interface Point { x: number; y: number; label?: string }\nexport const shear = ({ x, y: v }: Point): Point => ({ x: x + 2 * v, y: v });\n');
    assertMap(t, 'shear', ['x', 'v'], ['x + 2 v', 'v'], '1');
    const lit = only('export function swap({ a, b }: { a: number; b: number }) { return { a: b * 3, b: -a }; }\n');
    assertMap(lit, 'swap', ['a', 'b'], ['3 b', '-a'], '3');
    assert.equal(analyzeTs('interface P { name: string; age: number }\nexport const f = ({ name, age }: P) => [name + "!", age * 2];\n').transforms.length, 0);
  });

  it('an object return, components in key order (the keys are the outputs)', () => {
    const t = only('function toCartesian(r: number, phi: number) {\n  return { y: r * Math.sin(phi), x: r * Math.cos(phi) };\n}\n');
    assertMap(t, 'toCartesian', ['r', 'phi'], ['r sin(phi)', 'r cos(phi)'], '-r');
  });

  it('local const bindings, including destructuring and a let that is never reassigned', () => {
    const t = only([
      'function swirl(x: number, y: number) {',
      '  const r2 = x * x + y * y;',
      '  let a = 0.5 * r2;',
      '  const [c, s] = [Math.cos(a), Math.sin(a)];',
      '  return [c * x - s * y, s * x + c * y];',
      '}',
    ].join('\n'));
    assertMap(t, 'swirl', ['x', 'y'],
      ['cos(0.5 (x^2 + y^2)) x - sin(0.5 (x^2 + y^2)) y', 'sin(0.5 (x^2 + y^2)) x + cos(0.5 (x^2 + y^2)) y'], '1');
  });

  it('calls of pure functions of the same file are inlined (declarations, consts, nested, maps of maps)', () => {
    const r = analyzeTs([
      'function sq(u: number): number { return u * u; }',
      'const softplus = (u: number) => Math.log(1 + Math.exp(u));',
      'function rot(x: number, y: number): [number, number] { return [-y + 0 * x, x]; }',
      'export function layer(x: number, y: number) {',
      '  function twice(u: number) { return 2 * u; }',
      '  const [p, q] = rot(x, y);',
      '  return [softplus(p) + sq(x), twice(q)];',
      '}',
    ].join('\n'));
    assert.deepEqual(r.diagnostics, []);
    const t = r.transforms.find((x) => x.name === 'layer')!;
    assertMap(t, 'layer', ['x', 'y'], ['log(1 + exp(-y)) + x^2', '2 x'], '2 exp(-y) / (1 + exp(-y))');
  });

  it('Math functions and constants, ** and unary minus', () => {
    const t = only([
      'export function many(x: number, y: number) {',
      '  return [',
      '    Math.exp(-x) + Math.log1p(x ** 2) + Math.sqrt(2 + Math.cos(y)) + Math.atan2(y, 2) + Math.hypot(x, 1, 2) + Math.pow(x, 3) + Math.PI + Math.SQRT2 + Math.LN2,',
      '    -Math.sinh(y) + Math.tanh(x) * Math.E + Math.cbrt(3) * Math.abs(2 + Math.sin(x)) - -y,',
      '  ];',
      '}',
    ].join('\n'));
    assertMap(t, 'many', ['x', 'y'], [
      'exp(-x) + log(1 + x^2) + sqrt(2 + cos(y)) + atan2(y, 2) + sqrt(x^2 + 5) + x^3 + pi + sqrt(2) + log(2)',
      '-sinh(y) + tanh(x) e + cbrt(3) abs(2 + sin(x)) + y',
    ], '(-exp(-x) + 2x/(1 + x^2) + x/sqrt(x^2 + 5) + 3x^2) (1 - cosh(y)) - (-sin(y)/(2 sqrt(2 + cos(y))) + 2/(4 + y^2)) ((1 - tanh(x)^2) e + cbrt(3) cos(x))');
  });

  it('variables and constants named e or pi do not capture Math.E and Math.PI', () => {
    const t = only('const e = 0.25;\nexport const f = (pi: number, y: number) => [pi * Math.PI + e, y * Math.E];\n');
    assertMap(t, 'f', ['pi', 'y'], [`pi * ${Math.PI} + 0.25`, `y * ${Math.E}`], `${Math.PI * Math.E}`);
  });

  it('module constants become parameters; declared functions and constants stay symbolic', () => {
    const r = analyzeTs([
      'const A = 0.5;',
      'const B = 2 * A;',
      'declare function s(u: number): number;',
      'declare function t(u: number): number;',
      'declare const c: number;',
      'export const coupling = (z1: number, z2: number) => [z1, z2 * Math.exp(s(z1)) + t(z1) + A * B * c];',
    ].join('\n'));
    assert.deepEqual(r.diagnostics, []);
    const t = r.transforms[0];
    assert.deepEqual(t.unknownFunctions, ['s', 't']);
    assert.deepEqual(t.freeSymbols, ['c']);
    assert.deepEqual(Object.keys(t.parameters).sort(), ['A', 'B']);
    assert.equal(t.structure, 'coupling');
    assert.equal(t.det, 'exp(s(z1))');
    assert.equal(t.invertibility.verdict, 'invertible');
  });

  it('n = 1 needs @transform; the tag carries a domain (pi and constants allowed)', () => {
    assert.equal(analyzeTs('export function cube(x: number) { return x ** 3; }\n').transforms.length, 0);
    const t = only('/**\n * The cube.\n * @transform domain x in [0, 1]\n */\nexport function cube(x: number) { return x ** 3; }\n');
    assertMap(t, 'cube', ['x'], ['x^3'], '3 x^2');
    assert.deepEqual(t.domain, [[0, 1]]);
    const two = only('const R = 2;\n/** @transform domain r in [0.1, R],\n *   theta in [-pi, pi] */\nconst polar = (r: number, theta: number) => [r * Math.cos(theta), r * Math.sin(theta)];\n');
    assert.deepEqual(two.domain, [[0.1, 2], [-Math.PI, Math.PI]]);
    assert.equal(two.variables.join(), 'r,theta');
  });

  it('a wrong domain in the tag is an error at the exact place', () => {
    const text = '/** @transform domain q in [0, 1] */\nfunction cube(x: number) { return x ** 3; }\n';
    const r = analyzeTs(text);
    assert.equal(r.diagnostics.length, 1);
    const d = r.diagnostics[0];
    assert.equal(d.severity, 'error');
    assert.match(d.message, /q is not a variable of this map/);
    assert.deepEqual(d.range, { start: { line: 0, character: 22 }, end: { line: 0, character: 33 } });
    assert.equal(text.split('\n')[0].slice(22, 33), 'q in [0, 1]');
  });

  it('JavaScript: untyped parameters need arithmetic; JSDoc @param types count', () => {
    const r = analyzeTs([
      'export function polar(r, theta) { return [r * Math.cos(theta), r * Math.sin(theta)]; }',
      'export function person(name, age) { return { name, age }; }',
      '/** @param {number} x\n * @param {number} y */',
      'export const swap = (x, y) => [y, -x];',
      'module.exports = { polar };',
    ].join('\n'), 'maps.mjs');
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.transforms.map((t) => t.name), ['polar', 'swap']);
  });

  it('.tsx and .jsx files are read with JSX', () => {
    const t = only('export const View = () => <div>{1}</div>;\nexport const f = (x: number, y: number) => [x + y, x - y];\n', 'maps.tsx');
    assertMap(t, 'f', ['x', 'y'], ['x + y', 'x - y'], '-2');
    assert.equal(analyzeTs('export const View = () => <div/>;\nexport const f = (x, y) => [x + y, x - y];\n', 'maps.jsx').transforms.length, 1);
  });
});

describe('TypeScript front end: what is not analysed is said, what is not a map is left alone', () => {
  const blocked = (body: string, pattern: RegExp, at: string) => {
    const text = `export function m(x: number, y: number) {\n${body}\n}\n`;
    const r = analyzeTs(text);
    assert.equal(r.transforms.length, 0);
    assert.equal(r.diagnostics.length, 1, JSON.stringify(r.diagnostics));
    const d = r.diagnostics[0];
    assert.equal(d.severity, 'info', 'an untagged function that looks like a map: information, not a warning');
    assert.match(d.message, /^m\(x, y\) cannot be analysed as a map R\^2 -> R\^2: /);
    assert.match(d.message, pattern);
    const lines = text.split('\n');
    assert.equal(d.range.start.line, d.range.end.line);
    assert.equal(lines[d.range.start.line].slice(d.range.start.character, d.range.end.character), at);
    assert.deepEqual(d.related?.[0].range.start, { line: 0, character: 16 });
  };

  it('loops whose number of steps depends on the inputs', () => blocked('  let a = x;\n  for (let i = 0; i < x; i++) a *= 2;\n  return [a, y];', /a loop whose number of steps depends on the inputs/, 'for (let i = 0; i < x; i++) a *= 2;'));
  it('a break inside a case', () => blocked('  switch (Math.floor(y)) { case 1: if (x > 0) break; return [x, y]; }\n  return [x * 2, y];', /a break inside a case, other than at its end, is not analysed/, 'break;'));
  it('branches on a function that is not read, with different formulas', () => {
    const r = analyzeTs('declare function gate(u: number): number;\nexport function m(x: number, y: number) {\n  if (gate(x)) return [x, y];\n  return [-x * 2, y];\n}\n');
    assert.equal(r.transforms.length, 0);
    assert.match(r.diagnostics[0].message, /the test gate\(x\) calls a function that is not read/);
  });
  it('side effects: assignments outside the function; a method that writes to its object is not a map', () => {
    const r = analyzeTs('let total = 0;\nexport function m(x: number, y: number) {\n  total = x;\n  return [x * 2, y];\n}\n');
    assert.match(r.diagnostics[0].message, /total is not a local of this function: assigning to it is a side effect/);
    assert.equal(r.diagnostics[0].range.start.line, 2);
    const c = analyzeTs('class K {\n  scale = 2;\n  m(x: number, y: number) { this.scale = x; return [x * this.scale, y]; }\n}\n');
    assert.deepEqual([c.transforms, c.diagnostics], [[], []]);
  });
  it('side effects', () => {
    blocked('  console.log(x);\n  return [x * 2, y];', /side effect \(console\.log\(x\)\)/, 'console.log(x);');
    // a handler that logs and passes its inputs on computes nothing: not a map, nothing said
    const r = analyzeTs('export function onClick(x: number, y: number) {\n  console.log(x);\n  return [x, y];\n}\n');
    assert.deepEqual([r.transforms, r.diagnostics], [[], []]);
  });
  it('Math.random, Math.floor and %', () => {
    blocked('  return [x + Math.random(), y];', /Math\.random\(\) is random/, 'Math.random()');
    blocked('  return [Math.floor(x), y];', /Math\.floor is a step function/, 'Math.floor(x)');
    blocked('  return [x % y, y];', /% \(remainder\) is analysed only by a positive number/, '%');
    blocked('  return [x % -2, y];', /% \(remainder\) is analysed only by a positive number/, '%');
  });
  it('unknown globals; a name of another module that cannot be read stays symbolic, and the report says so', () => {
    const t = only('import { net } from "./nets";\nexport function m(x: number, y: number) { return [net(x), y * 2]; }\n');
    assert.deepEqual(t.unknownFunctions, ['net']);
    assert.match(t.assumed?.[0] ?? '', /net \(imported from "\.\/nets"\) is kept symbolic/);
    blocked('  return [foo(x), y];', /foo is not defined in this file/, 'foo');
  });
  it('a helper named as wrapping an angle, from a module that cannot be read, is the identity up to whole turns', () => {
    const t = only('import { constrain as constrainAngle } from "../angles.js";\nexport function toPolar(u: number, v: number) {\n  return [Math.hypot(u, v), constrainAngle(Math.atan2(v, u) * 180 / Math.PI)];\n}\n');
    assert.deepEqual(t.unknownFunctions, []);
    assert.match(t.assumed?.join() ?? '', /constrainAngle \(imported from "\.\.\/angles\.js"\) is taken to bring an angle into one turn/);
    const det = compileClosure(parsePlainExpr(t.det), t.variables);
    for (const [u, v] of [[0.5, 1.5], [-1.2, 0.3]]) {
      const want = 180 / (Math.PI * Math.hypot(u, v));
      assert.ok(Math.abs(det([u, v]) - want) < 1e-9 * want, `det ${t.det} at ${u}, ${v}`);
    }
    // other names, or two arguments, stay symbolic
    for (const call of ['clampValue(Math.atan2(v, u))', 'wrapHue(Math.atan2(v, u), 360)']) {
      const name = call.slice(0, call.indexOf('('));
      const s = only(`import { ${name} } from "./h.js";\nexport function m(u: number, v: number) { return [u + v, ${call}]; }\n`);
      assert.deepEqual(s.unknownFunctions, [name], call);
    }
  });
  it('a JSDoc comment that ends in a dash, or is left open at the end of the file, is read (the compiler alone never returns on them)', () => {
    for (const text of ['/** x-0\n', '/** @tr-0-0-0-', '/** a-*/\n', 'export function m(x: number, y: number) { return [x, y * 2]; }\n/** note -1\n']) {
      const r = analyzeDocument(text, 'typescript', 'open.ts');
      assert.ok(r.transforms.length <= 1);
    }
    const r = analyzeDocument('export function m(x: number, y: number) { return [x, y * 2]; }\n/** note -1\n', 'typescript', 'open.ts');
    assert.equal(r.transforms[0].det, '2');
  });
  it('recursion', () => {
    const r = analyzeTs('function g(u: number): number { return g(u) + 1; }\nexport function m(x: number, y: number) { return [g(x), y]; }\n');
    assert.match(r.diagnostics[0].message, /g calls itself/);
  });
  it('a helper that cannot be read is said at the call, in the map', () => {
    const r = analyzeTs('let k = 2;\nexport function m(x: number, y: number) { return [k * x, y]; }\nexport function reset() { k = 3; }\n');
    assert.match(r.diagnostics[0].message, /k is declared with let at the top of the file and reassigned/);
    assert.equal(r.diagnostics[0].range.start.line, 1);
  });
  it('returning functions or matrices is not a map: nothing is said', () => {
    const r = analyzeTs([
      'export function network(out: number, seed: number) { return { out, f: (u: number) => Math.tanh(u * seed) }; }',
      'export function outer(a: number, b: number) { return [[a * b, a], [b, a - b]]; }',
    ].join('\n'));
    assert.deepEqual(r.transforms, []);
    assert.deepEqual(r.diagnostics, []);
  });

  it('@transform makes what blocks the analysis an error: the user said it is a map', () => {
    const r = analyzeTs('/** @transform */\nfunction m(x: number, y: number) { return [Math.floor(x), y]; }\n');
    assert.equal(r.diagnostics.length, 1);
    assert.equal(r.diagnostics[0].severity, 'error');
    assert.match(r.diagnostics[0].message, /Math\.floor is a step function/);
  });

  it('@transform on something that is not a map is an error; a wrong count too', () => {
    const a = analyzeTs('/** @transform */\nfunction f(s: string) { return s; }\n');
    assert.match(a.diagnostics[0].message, /tagged @transform but its parameters are not numbers/);
    const b = analyzeTs('/** @transform */\nfunction f(x: number, y: number) { return [x, y, x + y]; }\n');
    assert.match(b.diagnostics[0].message, /has 2 variables but returns 3 values/);
    assert.equal(b.diagnostics[0].severity, 'error');
  });

  it('a realistic file: exactly the real maps are found, and the one import is said', () => {
    const r = analyzeTs(fs.readFileSync(path.join(FIXTURES, 'realistic.ts'), 'utf8'), 'realistic.ts');
    assert.deepEqual(r.transforms.map((t) => t.name), ['polar', 'swirl', 'affine', 'coupling', 'shear', 'cube', 'squash']);
    assert.deepEqual(r.diagnostics, []);
    assert.match(r.transforms[6].assumed?.join() ?? '', /logistic \(imported from "\.\/activations"\) is kept symbolic/);
    const det = Object.fromEntries(r.transforms.map((t) => [t.name, t]));
    assertMap(det.polar, 'polar', ['r', 'theta'], ['r cos(theta)', 'r sin(theta)'], 'r');
    assert.deepEqual(det.polar.domain, [[0.1, 2], [-Math.PI, Math.PI]]);
    assertMap(det.affine, 'affine', ['x', 'y'], ['2x - y + 1', 'x + 3y - 2'], '7');
    assertMap(det.shear, 'shear', ['x', 'y'], ['x + cbrt(2) y', 'y'], '1');
    assert.equal(det.coupling.det, 'exp(s(z1))');
    assert.ok(maxRelativeDifference(det.swirl.det, '1', ['x', 'y'], det.swirl.domain) < 1e-9);
    // A hover anywhere on the name or the body finds the map.
    const lines = fs.readFileSync(path.join(FIXTURES, 'realistic.ts'), 'utf8').split('\n');
    const line = lines.findIndex((l) => l.includes('const angle'));
    assert.equal(transformAt(r, { line, character: 4 })?.name, 'swirl');
    assert.equal(transformAt(r, { line: det.polar.nameRange.start.line, character: det.polar.nameRange.start.character + 2 })?.name, 'polar');
  });
});

describe('TypeScript front end: the code is read, never run', () => {
  it('a file whose top level throws, exits and writes files is analysed without any of it happening', () => {
    const marker = path.join(FIXTURES, '..', `never-written-${process.pid}.txt`);
    const text = [
      `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'ran');`,
      'process.exit(3);',
      'throw new Error("executed");',
      'export function polar(r: number, theta: number) { return [r * Math.cos(theta), r * Math.sin(theta)]; }',
    ].join('\n');
    const t = only(text);
    assert.equal(t.name, 'polar');
    assert.equal(fs.existsSync(marker), false);
  });

  it('languages: VS Code ids and file extensions', () => {
    for (const id of ['typescript', 'typescriptreact']) assert.equal(languageOfId(id), 'typescript');
    for (const id of ['javascript', 'javascriptreact']) assert.equal(languageOfId(id), 'javascript');
    for (const f of ['a.ts', 'a.tsx', 'a.mts', 'a.cts']) assert.equal(languageOfFile(f), 'typescript');
    for (const f of ['a.js', 'a.jsx', 'a.mjs', 'a.cjs']) assert.equal(languageOfFile(f), 'javascript');
  });
});

describe('corpus: every transform written as a TypeScript function', () => {
  const corpus = loadCorpus();
  type Form = 'function' | 'tuple-arrow' | 'object-method';

  /** The case as a TypeScript file: translated from the corpus's expressions, domain in the @transform tag. */
  function asTypeScript(c: CorpusCase, form: Form): string {
    const needs = new Map<string, string>();
    const comps = c.components_mathjs.map((s) => toTypeScript(parsePlainExpr(s), needs));
    const name = c.id.replace(/[^A-Za-z0-9]+(.)/g, (_, ch: string) => ch.toUpperCase());
    const vars = c.variables;
    const tag = `/** ${c.description}\n * @transform domain ${vars.map((v, i) => `${v} in [${c.domain[i][0]}, ${c.domain[i][1]}]`).join(', ')}\n */`;
    const params = vars.map((v) => `${v}: number`).join(', ');
    let map: string;
    if (form === 'function') map = `${tag}\nexport function ${name}(${params}): number[] {\n  return [${comps.join(', ')}];\n}`;
    else if (form === 'tuple-arrow') map = `${tag}\nexport const ${name} = ([${vars.join(', ')}]: number[]) => [${comps.join(', ')}] as const;`;
    else map = `export class Maps {\n  ${tag.replace(/\n/g, '\n  ')}\n  static ${name}(${params}) {\n${comps.map((x, i) => `    const c${i} = ${x};`).join('\n')}\n    return { ${comps.map((_, i) => `out${i}: c${i}`).join(', ')} };\n  }\n}`;
    return [...needs.values(), 'export const unrelated = async (url: string) => (await fetch(url)).json();', map, ''].join('\n');
  }

  for (const form of ['function', 'tuple-arrow', 'object-method'] as const) {
    for (const c of corpus) {
      it(`${c.id} (${form}): det J equals the SymPy reference at random domain points`, () => {
        const t = assertMatchesReference(analyzeTs(asTypeScript(c, form), `${c.id}.ts`), c);
        assert.equal(t.notation, 'typescript');
      });
    }
  }
});

describe('TypeScript compiler: loaded lazily', () => {
  it('analysing Markdown does not load typescript; the first code document does', () => {
    // A fresh process: the other tests have loaded the compiler in this one.
    const out = path.resolve(__dirname, '../../..');
    const script = `
      const { analyzeDocument } = require(${JSON.stringify(path.join(out, 'src/core/document.js'))});
      const loader = require(${JSON.stringify(path.join(out, 'src/core/parse/typescript/loader.js'))});
      const tsLoaded = () => Object.keys(require.cache).some((k) => /[\\\\/]typescript[\\\\/]lib[\\\\/]/.test(k));
      const md = analyzeDocument('# n\\n\\n\`\`\`transform\\nf(x, y) = (x + y, x - y)\\n\`\`\`\\n', 'markdown', 'n.md');
      const before = [md.transforms.length, loader.typeScriptLoaded(), tsLoaded()];
      const ts = analyzeDocument('export const f = (x: number, y: number) => [x + y, x - y];', 'typescript', 'f.ts');
      process.stdout.write(JSON.stringify({ before, after: [ts.transforms.length, loader.typeScriptLoaded(), tsLoaded()] }));
    `;
    const { execFileSync } = require('node:child_process') as typeof import('node:child_process');
    const res = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
    assert.deepEqual(res.before, [1, false, false]);
    assert.deepEqual(res.after, [1, true, true]);
  });

  it('the bundles require dist/typescript.js lazily and do not contain the compiler; the VSIX ships it', () => {
    const dist = path.resolve(__dirname, '../../../../dist');
    assert.ok(fs.existsSync(path.join(dist, 'typescript.js')), 'dist/typescript.js (npm run build)');
    for (const b of ['worker.js', 'cliWorker.js']) {
      const src = fs.readFileSync(path.join(dist, b), 'utf8');
      assert.ok(src.includes('require("./typescript.js")'), `${b} requires ./typescript.js`);
      assert.ok(!src.includes('function createSourceFile('), `${b} does not bundle the compiler`);
    }
    assert.ok(!fs.readFileSync(path.join(dist, 'extension.js'), 'utf8').includes('typescript.js'), 'the extension host never loads it');
    const ignore = fs.readFileSync(path.resolve(dist, '../.vscodeignore'), 'utf8').split('\n');
    assert.ok(ignore.includes('!dist/typescript.js'));
    // Parsing only: the front end finds the map the same way through the bundle.
    const parsed = parseDocument('export const f = (x: number, y: number) => [x * y, y];', 'typescript');
    assert.equal(parsed.transforms.length, 1);
  });
});
