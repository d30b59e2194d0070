/**
 * Reading is linear: 10^5 characters of each pattern that used to make a scanning regular
 * expression backtrack or a loop search again from every opener are read in a small multiple
 * of the time a plain note of the same size takes (ratios in the same run, never absolute times).
 */
import * as assert from 'node:assert/strict';
import { parseDocument } from '../../../src/core/document';
import { findMath, maskMarkdown } from '../../../src/core/parse/latex/detect';
import { statements } from '../../../src/core/parse/statements';
import { adversarialInputs, plainNote } from '../helpers/adversarial';
import type { LanguageKind } from '../../../src/core/document';

const N = 100_000;
/** A small multiple: linear readers stay well under it; every pattern here once took 20 times or (much) longer. */
const RATIO = 10;

function millis(text: string, kind: LanguageKind): number {
  const start = process.hrtime.bigint();
  parseDocument(text, kind, { fileName: kind === 'markdown' ? 'note.md' : 'note.tex' });
  return Number(process.hrtime.bigint() - start) / 1e6;
}

describe('linear-time reading: 10^5 characters of each adversarial pattern', function () {
  this.timeout(120_000);
  let plain = 0;
  before(() => {
    millis(plainNote(N), 'markdown'); // warm up (KaTeX, regular expressions)
    plain = Math.min(millis(plainNote(N), 'markdown'), millis(plainNote(N), 'markdown'));
  });

  for (const input of adversarialInputs(N)) {
    it(input.name, () => {
      assert.equal(input.text.length >= N, true);
      // more tries absorb a pause of the machine (a collection after the tests before): the
      // input's fastest read against a fresh plain one; a quadratic reader misses all by far
      let ratio = millis(input.text, input.kind) / plain;
      for (let k = 0; k < 3 && ratio > RATIO; k++) {
        const base = millis(plainNote(N), 'markdown');
        ratio = Math.min(ratio, millis(input.text, input.kind) / base);
      }
      assert.ok(ratio < RATIO, `${input.name}: ${ratio.toFixed(1)} times a plain note of the same size (limit ${RATIO})`);
    });
  }
});

describe('the one-pass scanners read what the expressions they replace read', () => {
  const mathOf = (note: string) => findMath(maskMarkdown(note)).map((s) => s.content);

  it('code spans, HTML comments and wiki links hide their text; a comment opener inside code opens nothing', () => {
    assert.deepEqual(mathOf('a `$x$` b $y$ <!-- $z$ --> [[$w$]] $v$'), ['y', 'v']);
    assert.deepEqual(mathOf('write `<!--` to open a comment: $x = 1$, then -->'), ['x = 1']);
    assert.deepEqual(mathOf('``a ` b`` $x$ ``` unclosed $y$'), ['x', 'y']);
    // a code span does not cross a paragraph break; an unclosed \\( neither
    assert.deepEqual(mathOf('`a\n\n$x$ b`'), ['x']);
    assert.deepEqual(mathOf('\\(a\n\nb\\) $c$'), ['c']);
    assert.deepEqual(mathOf('$a $b\n\n$c$'), ['c']);
    assert.deepEqual(mathOf('[[a\n$x$]] [[b]c]] $y$'), ['x', 'y']);
  });

  it('statements continue over lines that end in an operator or an arrow, also when the arrow is split by a space', () => {
    const read = (...ls: string[]) => statements(ls.map((text, line) => ({ text, line, col: 0 }))).map((s) => s.text);
    assert.deepEqual(read('f(x) = (x +', '  1, x)', 'g'), ['f(x) = (x +   1, x)', 'g']);
    assert.deepEqual(read('(x, y) ->', '(y, x)'), ['(x, y) -> (y, x)']);
    assert.deepEqual(read('(x, y) -', '>', 'z'), ['(x, y) - >', 'z'], 'a lone > after a line ending in - is not an arrow');
    assert.deepEqual(read('a =', '', '   ', 'b'), ['a =      b']);
  });

  it('domains as chains of inequalities, fences with info strings, indexed compositions', () => {
    const r = parseDocument([
      '```` transform {.note}', 'f(x, y) = (x, y)', 'domain: 0 <= x < 2,   -1 <    y <= 1', '````',
      '```transform', 'f_1(x, y) = (x + y, y)', 'f_2(x, y) = (x, y + x)', 'f_3(x, y) = (2 x, y)', 'F = f_3 ∘ … ∘ f_1', '```', ''].join('\n'), 'markdown');
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.transforms.map((t) => t.name), ['f', 'f_1', 'f_2', 'f_3', 'F']);
    assert.deepEqual(r.transforms[0].domain, [[0, 2], [-1, 1]]);
    assert.deepEqual(r.transforms[4].composition?.layers.map((l) => l.name), ['f_1', 'f_2', 'f_3']);
  });
});
