/**
 * The parse budget of one document: past it (a count of formulas, blocks and functions, or a
 * time), what was read is reported and the rest gets one information at the first place not
 * read, saying why and what to do.
 */
import * as assert from 'node:assert/strict';
import { parseDocument } from '../../../src/core/document';
import { createEngineOptions } from '../../../src/core/engine';
import { DEFAULT_PARSE_BUDGET_MS, ReadBudget } from '../../../src/core/limits';
import type { ParseResult } from '../../../src/core/model';

/** A note of `n` maps, one display formula each, with a sentence before each. */
const note = (n: number): string =>
  Array.from({ length: n }, (_, k) => `Step ${k + 1} shears the plane:\n\n$$ g_${k + 1}(x, y) = (x + ${k + 1} y, y) $$\n`).join('\n');

const budgetNotes = (r: ParseResult) => r.problems.filter((p) => p.code === 'budget');

describe('parse budget per document', () => {
  it('without a budget every map is read and nothing is said', () => {
    const r = parseDocument(note(6), 'markdown');
    assert.equal(r.transforms.length, 6);
    assert.deepEqual(budgetNotes(r), []);
  });

  it('past a count of definitions: the maps before it, and one information at the first formula not read', () => {
    const text = note(6);
    const r = parseDocument(text, 'markdown', { parseBudget: { definitions: 4 } });
    assert.deepEqual(r.transforms.map((t) => t.name), ['g1', 'g2', 'g3', 'g4']);
    const said = budgetNotes(r);
    assert.equal(said.length, 1);
    assert.equal(said[0].severity, 'info');
    // at the fifth map's formula, saying why and what to do
    const line = text.split('\n')[said[0].range.start.line];
    assert.ok(line.startsWith('$$ g_5(x, y)'), line);
    assert.match(said[0].message, /stopped reading this note here/);
    assert.match(said[0].message, /more than the 4 formulas and definitions/);
    assert.match(said[0].message, /jacobianLens\.parseBudgetMs/);
    assert.equal(r.problems.length, 1, 'nothing else is said past the place');
  });

  it('```transform blocks and formulas share one budget; nothing past the first place not read is reported', () => {
    const text = [
      '```transform', 'a(x, y) = (x + y, y)', '```', '',
      '$$ b(x, y) = (x, y + x^2) $$', '',
      '```transform', 'c(x, y) = (2 x, y)', '```', '',
      '$$ d(x, y) = (x, 3 y) $$', '',
    ].join('\n');
    const r = parseDocument(text, 'markdown', { parseBudget: { definitions: 2 } });
    // the blocks take the budget first; the formulas are not read, so nothing after the first formula is shown
    assert.deepEqual(r.transforms.map((t) => t.name), ['a']);
    assert.deepEqual(budgetNotes(r).map((p) => p.range.start.line), [4]);
  });

  it('a time budget: a long note is answered with the maps of its beginning', () => {
    const text = note(400);
    const r = parseDocument(text, 'markdown', { parseBudget: { ms: 1 } });
    const said = budgetNotes(r);
    assert.equal(said.length, 1);
    assert.ok(r.transforms.length < 400);
    assert.ok(r.transforms.every((t) => t.range.start.line < said[0].range.start.line));
    assert.match(said[0].message, /took longer than the parse budget of 0\.001 s/);
  });

  it('code: the functions past the budget are not read, one information at the first', () => {
    const text = Array.from({ length: 5 }, (_, k) => `export function m${k}(x: number, y: number): [number, number] {\n  return [x + ${k + 1} * y, y];\n}\n`).join('\n');
    const r = parseDocument(text, 'typescript', { fileName: 'maps.ts', parseBudget: { definitions: 2 } });
    assert.deepEqual(r.transforms.map((t) => t.name), ['m0', 'm1']);
    const said = budgetNotes(r);
    assert.equal(said.length, 1);
    assert.match(text.split('\n')[said[0].range.start.line], /function m2/);
    assert.match(said[0].message, /stopped reading this code here/);
  });

  it('the engine reads with the default budget, or the one configured', () => {
    assert.deepEqual(createEngineOptions().parseBudget, { ms: DEFAULT_PARSE_BUDGET_MS });
    assert.deepEqual(createEngineOptions({ parseBudgetMs: 300 }).parseBudget, { ms: 300 });
  });

  it('the budget keeps the earliest place where a step stopped, and shares of the time per step', () => {
    let now = 0;
    const b = new ReadBudget({ ms: 100 }, () => now);
    assert.equal(b.take(0.5), true);
    now = 60;
    assert.equal(b.take(0.5), false, 'past half the time for the first step');
    assert.equal(b.allows(0.75), true);
    b.stopAt({ line: 9, character: 0 });
    b.stopAt({ line: 4, character: 2 });
    b.stopAt({ line: 7, character: 0 });
    assert.deepEqual(b.stoppedAt, { line: 4, character: 2 });
    assert.equal(b.reads({ line: 4, character: 1 }), true);
    assert.equal(b.reads({ line: 4, character: 2 }), false);
    assert.equal(b.definitionsRead, 1);
  });
});
