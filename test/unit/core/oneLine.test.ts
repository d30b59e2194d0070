/**
 * Verdicts in one line with the whole argument kept (`reasonLine`, `reasonDetail`), the note
 * about a domain nobody chose, and the edit that writes that domain into the definition: read
 * back, the map has the same box and no assumed domain any more.
 */
import * as assert from 'node:assert/strict';
import { analyzeDocument, LanguageKind } from '../../../src/core/document';
import { createEngineOptions } from '../../../src/core/engine';
import { domainInsertion } from '../../../src/core/domainEdit';
import { describeInvertibility, domainNote, REASON_LINE, reasonDetail, reasonLine } from '../../../src/core/format';
import type { TransformReport } from '../../../src/core/report';

const engine = createEngineOptions();
const first = (text: string, kind: LanguageKind, file: string): TransformReport => analyzeDocument(text, kind, file, engine).transforms[0];

/** The text with the insertion made. */
function inserted(text: string, line: number, character: number, add: string): string {
  const lines = text.split('\n');
  const offset = lines.slice(0, line).reduce((n, l) => n + l.length + 1, 0) + character;
  return text.slice(0, offset) + add + text.slice(offset);
}

describe('one-line reasons', () => {
  it('a long argument reads in one line, the whole of it stays one call away', () => {
    const t = first(['```transform', 'polar(r, theta) = (r cos(theta), r sin(theta))', '```'].join('\n'), 'markdown', 'p.md');
    // the report: `reason` in one line, the whole argument in `reasonDetail`
    const full = t.invertibility.reasonDetail!;
    assert.ok(full.length > 2 * REASON_LINE, 'the engine\'s argument is long here');
    assert.match(full, /Krawczyk/);
    const line = t.invertibility.reason;
    assert.equal(reasonLine({ reason: full }), line);
    assert.ok(line.length <= REASON_LINE + 10, line);
    assert.ok(line.endsWith('…'), line);
    assert.match(line, /det J > 0 at .* and < 0 at/);
    assert.equal(reasonDetail(t.invertibility), full);
    // shortening an already short reason changes nothing
    assert.equal(reasonLine(t.invertibility), line);
    assert.ok(describeInvertibility(t).length <= REASON_LINE + 40, describeInvertibility(t));
  });
  it('a short reason is shown as it is, with nothing more to show', () => {
    const inv = { reason: 'triangular with diagonal entries 1 and exp(x) > 0' };
    assert.equal(reasonLine(inv), inv.reason);
    assert.equal(reasonDetail(inv), null);
  });
  it('asides in parentheses go first, points stay; then the first clause; then a cut at a word', () => {
    const aside = 'proof: det J = 2 > 0 at (0.5, 1) (the components are affine in each other variable, so that the interval facts are exact here and nothing else is needed at all)';
    assert.equal(reasonLine({ reason: aside }), 'proof: det J = 2 > 0 at (0.5, 1)…');
    const clauses = `first clause with the key fact; ${'then a long explanation '.repeat(8)}`;
    assert.equal(reasonLine({ reason: clauses }), 'first clause with the key fact…');
    // a formula's parentheses are no aside, however many names it uses: no "sqrt*/" left behind
    const formula = `proof: cos(phi)*sqrt(2/(cos(phi)*cos(lam) + 1)) > 0 and det J = cos(phi) > 0 on the box; ${'more '.repeat(30)}`;
    const line = reasonLine({ reason: formula });
    assert.ok(line.includes('sqrt(2/(cos(phi)*cos(lam) + 1))'), line);
    assert.equal((line.match(/\(/g) ?? []).length, (line.match(/\)/g) ?? []).length, line);
    // in many dimensions the points are written shorter, so that both signs stay in the line
    const p9 = (k: number) => `(${Array.from({ length: 9 }, (_, i) => (-1.45527 + 0.312347 * i * k).toFixed(6)).join(', ')})`;
    const signs = reasonLine({ reason: `det J > 0 at ${p9(1)} and < 0 at ${p9(2)}; it vanishes at ${p9(3)} on the segment between them (a fold)` });
    assert.equal(signs, 'det J > 0 at (-1.46, -1.14, -0.831, …) and < 0 at (-1.46, -0.831, -0.206, …)…');
    const words = 'word '.repeat(60).trim();
    const cut = reasonLine({ reason: words });
    assert.ok(cut.length <= REASON_LINE + 1 && cut.endsWith('word…'), cut);
  });
});

describe('the default domain, said and written out', () => {
  it('says which variables got the default box, grouped, and nothing when the domain was given', () => {
    const t = first(['```transform', 'polar(r, theta) = (r cos(theta), r sin(theta))', '```'].join('\n'), 'markdown', 'p.md');
    assert.deepEqual(t.domainDefault, ['r', 'theta']);
    assert.equal(domainNote(t), 'No domain given: r, theta in [-2, 2] assumed. The verdict and the values at points are about this box.');
    const given = first(['```transform', 'polar(r, theta) = (r cos(theta), r sin(theta))', 'domain: r in [0.1, 2], theta in [-3, 3]', '```'].join('\n'), 'markdown', 'p.md');
    assert.equal(given.domainDefault, undefined);
    assert.equal(domainNote(given), null);
    const half = first(['```transform', 'polar(r, theta) = (r cos(theta), r sin(theta))', 'domain: r in [0.1, 2]', '```'].join('\n'), 'markdown', 'p.md');
    assert.deepEqual(half.domainDefault, ['theta']);
  });

  const cases: Array<[string, LanguageKind, string]> = [
    ['a transform block', 'markdown', ['# Polar', '', '```transform', 'polar(r, theta) = (r cos(theta), r sin(theta))', '```', '', 'Text after.'].join('\n')],
    ['a block with part of a domain', 'markdown', ['```transform', 'polar(r, theta) = (r cos(theta), r sin(theta))', 'domain: r in [0.1, 2]', '```'].join('\n')],
    ['display math in Markdown', 'markdown', ['# Shear', '', '$$', 'f(x, y) = \\left( x + \\sin y, y \\right)', '$$', '', 'More text.'].join('\n')],
    ['a LaTeX paper', 'latex', ['\\documentclass{article}', '\\begin{document}', 'The map', '\\[ f(x, y) = \\left( x + \\sin y, y \\right) \\]', 'is a shear.', '\\end{document}'].join('\n')],
    ['a code function without a comment', 'typescript', ['export function shear(x: number, y: number): [number, number] {', '  return [x + Math.sin(y), y];', '}'].join('\n')],
    ['a code function with a JSDoc', 'typescript', ['/**', ' * A shear.', ' */', 'export function shear(x: number, y: number): [number, number] {', '  return [x + Math.sin(y), y];', '}'].join('\n')],
  ];
  for (const [what, kind, text] of cases) {
    it(`${what}: the inserted domain is read back as the same box, no longer assumed`, () => {
      const file = kind === 'typescript' ? 'f.ts' : kind === 'latex' ? 'f.tex' : 'f.md';
      const t = first(text, kind, file);
      assert.ok(t.domainDefault?.length, 'a default domain to start with');
      const ins = domainInsertion(text, kind, t);
      assert.ok(ins);
      // what is selected is the intervals to edit
      assert.match(ins.text.slice(ins.select.from, ins.select.to), /\[-2, 2\]/);
      const after = analyzeDocument(inserted(text, ins.line, ins.character, ins.text), kind, file);
      assert.equal(after.transforms.length, 1, JSON.stringify(after.diagnostics));
      assert.equal(after.diagnostics.filter((d) => d.severity === 'error').length, 0, JSON.stringify(after.diagnostics));
      const u = after.transforms[0];
      assert.equal(u.domainDefault, undefined, inserted(text, ins.line, ins.character, ins.text));
      assert.deepEqual(u.domain, t.domain);
      assert.deepEqual(u.jacobian, t.jacobian);
    });
  }
  it('nothing to insert when every variable has its domain', () => {
    const text = ['```transform', 'polar(r, theta) = (r cos(theta), r sin(theta))', 'domain: r in [0.1, 2], theta in [-3, 3]', '```'].join('\n');
    assert.equal(domainInsertion(text, 'markdown', first(text, 'markdown', 'p.md')), null);
  });
});
