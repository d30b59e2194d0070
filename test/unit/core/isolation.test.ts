/**
 * One definition never loses the file: whatever fails inside it becomes a diagnostic at
 * that definition with a message a user can act on, and the others are reported as usual.
 */
import * as assert from 'node:assert/strict';
import { analyzeDocument, analyzeParsed, parseDocument, LanguageKind } from '../../../src/core/document';
import { createEngineOptions } from '../../../src/core/engine';
import { publicReport } from '../../../src/core/report';
import type { DocumentAnalysis } from '../../../src/core/document';

const analyze = (text: string, kind: LanguageKind = 'markdown', file = kind === 'markdown' ? 'note.md' : 'code.ts'): DocumentAnalysis =>
  analyzeDocument(text, kind, file, createEngineOptions({ budgetMs: 1500, invertibilityBudgetMs: 300 }));
const fence = (...lines: string[]) => ['```transform', ...lines, '```', ''].join('\n');
const names = (r: DocumentAnalysis) => r.transforms.map((t) => t.name);
const errors = (r: DocumentAnalysis) => r.diagnostics.filter((d) => d.severity === 'error');
/** No internal names, no stack frames, no JavaScript error text in anything a user reads. */
function assertNoLeaks(r: DocumentAnalysis): void {
  const text = JSON.stringify(publicReport(r));
  for (const leak of [/\b(null|undefined|NaN|-?Infinity) is not/, /is not finite/, /Infinity/, /NaN/, /\$shift/, /at \S+ \(.*:\d+:\d+\)/, /TypeError|RangeError|ReferenceError/, /undefined/]) {
    assert.doesNotMatch(text, leak, `a report leaks ${leak}`);
  }
}

describe('isolation: one bad definition never loses the file', () => {
  it('a map whose constants overflow is reported, and so is the next one', () => {
    const r = analyze(fence('huge(x, y) = (1e308 * exp(1000 x), y)', '', 'ok(x, y) = (x + y, x - y)'));
    assert.deepEqual(names(r), ['huge', 'ok']);
    const huge = r.transforms[0];
    assert.match(huge.det, /1e\+308/);
    assert.doesNotMatch(huge.det + huge.jacobian.flat().join() + (huge.logDet ?? ''), /Infinity/);
    assert.equal(r.transforms[1].det, '-2');
    assertNoLeaks(r);
  });

  it('NaN and Infinity written out are no numbers, not numbers too large: said at the word', () => {
    const note = analyze(fence('nan(x, y) = (NaN * x, y)', 'ok(x, y) = (x + y, x - y)\ndomain: x in [-Infinity, 2]'));
    assert.deepEqual(names(note), ['ok']);
    const e = errors(note);
    assert.equal(e.length, 2);
    assert.match(e[0].message, /^"NaN" is not a finite number: write a number/);
    assert.deepEqual(e[0].range.start, { line: 1, character: 13 }, 'at NaN');
    assert.match(e[1].message, /the bound "-Infinity": "Infinity" is not a finite number/);
    assert.ok(e.every((x) => !/too large/.test(x.message)));
    // (the words are the user's own, quoted: no leak of a computed NaN)
  });

  it('a Greek letter as a variable of a block: the error says to write its name', () => {
    const e = errors(analyze(fence('f(α, β) = (α cos(β), α sin(β))')));
    assert.equal(e.length, 1);
    assert.match(e[0].message, /"α" is not a variable name .*write a Greek letter by its name: alpha \(typeset α\)/);
  });

  it('a number literal too large for a double is an error at the literal, in notes and in code', () => {
    const note = analyze(fence('big(x, y) = (-1e309 * x, y)', 'ok(x, y) = (x + y, x - y)'));
    assert.deepEqual(names(note), ['ok']);
    const e = errors(note);
    assert.equal(e.length, 1);
    assert.match(e[0].message, /too large for a double/);
    assert.deepEqual(e[0].range.start, { line: 1, character: 14 }, 'at 1e309');
    const code = analyze('export function big(x: number, y: number) { return [-1e309 * x, y]; }\nexport function ok(x: number, y: number) { return [x + y, x - y]; }\n', 'typescript');
    assert.deepEqual(names(code), ['ok']);
    const d = code.diagnostics.find((x) => /too large for a double/.test(x.message));
    assert.ok(d, 'the code says the number is too large');
    assert.equal(code.diagnostics.length, 1);
    assert.deepEqual(d.range.start, { line: 0, character: 53 });
    assertNoLeaks(note);
    assertNoLeaks(code);
  });

  it('a sum of 3,000 terms is read (flattened while parsing), in a block and in code', () => {
    const sum = Array.from({ length: 3000 }, (_, i) => `${(i % 5) + 1} x^${i % 4} y`).join(' + ');
    const r = analyze(fence(`f(x, y) = (${sum}, y)`, 'ok(x, y) = (x + y, x - y)'));
    assert.deepEqual(names(r), ['f', 'ok']);
    assert.deepEqual(errors(r), []);
    const code = analyze(`export function f(x: number, y: number) { return [${sum.replace(/ x\^(\d) y/g, ' * x ** $1 * y')}, y]; }\nexport function ok(x: number, y: number) { return [x + y, x - y]; }\n`, 'typescript');
    assert.deepEqual(names(code), ['f', 'ok']);
    assert.equal(code.transforms[0].components[0], r.transforms[0].components[0]);
  });

  it('nesting past the stated depth is a diagnostic at its definition; the others are reported', () => {
    const deep = (open: string, close: string, n: number, inner = 'x') => open.repeat(n) + inner + close.repeat(n);
    const latex = analyze(`$$\nf(x, y) = \\left(${deep('\\exp\\left(', '\\right)', 1000)}, y\\right)\n$$\n\n$$\ng(x, y) = (x + y, x - y)\n$$\n`);
    assert.deepEqual(names(latex), ['g']);
    assert.equal(errors(latex).length, 1);
    assert.match(errors(latex)[0].message, /nest/);
    assert.deepEqual(errors(latex)[0].range.start, { line: 0, character: 2 }, 'at the formula');
    const block = analyze(fence(`f(x, y) = (${deep('sin(', ')', 3000)}, y)`, 'ok(x, y) = (x + y, x - y)'));
    assert.deepEqual(names(block), ['ok']);
    assert.match(errors(block)[0].message, /nests more than 100 levels deep/);
    const code = analyze(`export function f(x: number, y: number) { return [${deep('(', ')', 3000)}, y]; }\nexport function ok(x: number, y: number) { return [x + y, x - y]; }\n`, 'typescript');
    assert.deepEqual(names(code), ['ok']);
    assert.match(code.diagnostics[0].message, /nests more than 100 levels deep/);
    const unary = analyze(`export function f(x: number, y: number) { return [${'- '.repeat(3000)}x, y]; }\nexport function ok(x: number, y: number) { return [x + y, x - y]; }\n`, 'typescript');
    assert.deepEqual(names(unary), ['ok']);
    assert.match(unary.diagnostics[0].message, /levels deep/);
    for (const r of [latex, block, code, unary]) assertNoLeaks(r);
  });

  it('Math.NaN and Math.Infinity (not members of Math) are named as the user wrote them, in words that read as no internal', () => {
    const code = analyze([
      'const { cos, NaN } = Math;',
      'export function a(x: number, y: number) { return [cos(x) + NaN, y]; }',
      'export function b(x: number, y: number) { return [Math.Infinity(x), y]; }',
      'export function c(x: number, y: number) { return [x * Math.NaN, y]; }',
      'export function ok(x: number, y: number) { return [x + y, x - y]; }',
    ].join('\n'), 'typescript');
    assert.deepEqual(names(code), ['ok']);
    const said = code.diagnostics.map((d) => d.message);
    assert.equal(said.length, 3, said.join('\n'));
    assert.match(said.join('\n'), /Math has no number or function named NaN/);
    assert.match(said.join('\n'), /Math has no number or function named Infinity/);
    // (the fuzzer's test for a leaked internal: "NaN is not ..." reads as one)
    for (const m of said) assert.doesNotMatch(m, /\b(null|undefined|NaN|Infinity) is not\b|is not finite/, m);
  });

  it('constructor, toString, __proto__ and valueOf are ordinary names everywhere', () => {
    const odd = ['constructor', 'toString', '__proto__', 'valueOf', 'hasOwnProperty', 'isPrototypeOf'];
    for (const name of odd) {
      const block = analyze(fence(`${name} = 2`, `${name}(x, y) = (${name} x, y)`));
      assert.deepEqual(names(block), [name], `a parameter and a map named ${name}`);
      assert.equal(block.transforms[0].det, '2');
      const fn = analyze(fence(`g(x, y) = (${name}(x), y + x)`));
      assert.deepEqual(fn.transforms[0].unknownFunctions, [name], `${name}(x) is an unknown function`);
      const vars = analyze(fence(`h(${name}, y) = (${name} + y, ${name} - y)`));
      assert.equal(vars.transforms[0].det, '-2');
      // (LaTeX names have no underscores: \operatorname{__proto__} is not a name there)
      const latex = analyze(`$$\nk(x, y) = (\\operatorname{${name}}(x), y)\n$$\n\n$$\n${name.replace(/_/g, '')} = 3\n$$\n`);
      assert.equal(latex.transforms.length, name.includes('_') ? 0 : 1, `LaTeX \\operatorname{${name}}`);
      const code = analyze(`declare function ${name}(u: number): number;\nexport function m(x: number, y: number) { return [${name}(x), y + Math.exp(x)]; }\nexport function n(x: number, y: number) { return [Math.${name}(x), y]; }\n`, 'typescript');
      assert.deepEqual(names(code), ['m'], `code calling ${name}`);
      assert.match(code.diagnostics.map((d) => d.message).join('\n'), new RegExp(`Math has no (number or )?function named ${name}`));
      for (const r of [block, fn, vars, latex, code]) assertNoLeaks(r);
    }
  });

  it('an analysis that throws becomes an error at its definition, with the cause in words', () => {
    const parsed = parseDocument(fence('a(x, y) = (x, y)', 'b(x, y) = (2 x, y)', 'c(x, y) = (x, 3 y)'), 'markdown');
    const failing = (message: string) => analyzeParsed(parsed, 'n.md', {
      invertibility: (t) => { if (t.name === 'b') throw new RangeError(message); return { verdict: 'unknown', certainty: 'numerical', reason: 'x', locallyInvertible: null, witness: null }; },
    });
    for (const [message, expected] of [
      ['Maximum call stack size exceeded', /b could not be analysed: it nests too deeply.*composition of smaller maps/],
      ['Invalid string length', /b could not be analysed: a formula grew too large/],
      ['something odd', /b could not be analysed because of an internal error \(something odd\).*please report/],
    ] as const) {
      const r = failing(message);
      assert.deepEqual(names(r), ['a', 'c']);
      assert.equal(r.diagnostics.length, 1);
      assert.match(r.diagnostics[0].message, expected);
      assert.deepEqual(r.diagnostics[0].range, parsed.transforms[1].range);
    }
  });

  it('a witness whose image overflows is not a counterexample, and no point in a report is Infinity', () => {
    // f(a) = f(b) = Infinity proves nothing: the verdict it carried becomes unknown, and JSON never gets null for a coordinate
    const parsed = parseDocument(fence('f(x, y) = (exp(800 x), y)', 'domain: x in [0, 2]'), 'markdown');
    const r = analyzeParsed(parsed, 'n.md', {
      invertibility: () => ({ verdict: 'not-invertible', certainty: 'numerical', reason: 'two points with the same image', locallyInvertible: true, witness: { a: [1, 0], b: [2, 0], image: [Infinity, 0] }, fold: [Infinity, 0] }),
    });
    const inv = r.transforms[0].invertibility;
    assert.equal(inv.verdict, 'unknown');
    assert.equal(inv.witness, null);
    assert.equal(inv.fold, null);
    assert.match(inv.reason, /overflow/);
    assert.doesNotMatch(JSON.stringify(publicReport(r)), /\[(?:[^[\]]*,)?null/, 'no null in an array of numbers');
  });
});
