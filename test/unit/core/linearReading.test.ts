/**
 * Reading is linear: 10^5 characters of each pattern that used to make a scanning regular
 * expression backtrack or a loop search again from every opener are read in a small multiple
 * of the time a plain note of the same size takes (ratios in the same run, never absolute times).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { findMath, maskMarkdown } from '../../../src/core/parse/latex/detect';
import { parseDocument } from '../../../src/core/document';
import { statements } from '../../../src/core/parse/statements';
import { adversarialInputs } from '../helpers/adversarial';

const N = 100_000;
/** A small multiple: linear readers stay well under it; every pattern here once took 20 times or (much) longer. */
const RATIO = 10;

/**
 * The ratios are measured in a fresh process (helpers/readingTimes): inside the whole suite the
 * heap that earlier tests leave makes collections during one input's read cost several times
 * what they cost alone (a CI run once measured 12 where the input alone reads in 3.6).
 */
function ratios(names: readonly string[] = []): Record<string, number> {
  const script = path.join(__dirname, '..', 'helpers', 'readingTimes.js');
  // (a first read under half the limit is conclusive: it is not read again)
  const run = spawnSync(process.execPath, ['--expose-gc', script, String(N), String(RATIO / 2), ...names], { encoding: 'utf8', timeout: 400_000 });
  assert.equal(run.status, 0, `the timing process failed: ${run.stderr || run.error?.message}`);
  return JSON.parse(run.stdout) as Record<string, number>;
}

describe('linear-time reading: 10^5 characters of each adversarial pattern', function () {
  // (the fresh process reads every pattern: about 30 s alone, minutes under a busy machine's load)
  this.timeout(420_000);
  let first: Record<string, number> = {};
  before(() => { first = ratios(); });

  for (const input of adversarialInputs(N)) {
    it(input.name, () => {
      assert.equal(input.text.length >= N, true);
      // a second fresh process absorbs a pause of the machine; a quadratic reader misses both by far
      let ratio = first[input.name];
      if (!(ratio < RATIO)) ratio = Math.min(ratio, ratios([input.name])[input.name]);
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
