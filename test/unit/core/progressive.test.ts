/**
 * A document analysed in the reader's order (src/core/progressive.ts): the definitions on
 * screen first, then by distance from them; cancellation between definitions; partial
 * reports while the rest fills in.
 */
import * as assert from 'node:assert/strict';
import { parseDocument } from '../../../src/core/document';
import { createEngineOptions } from '../../../src/core/engine';
import { analysisOrder, analyzeProgressively } from '../../../src/core/progressive';

/** A note with one ```transform block per map, map i on line 3 i + 1. */
const note = (n: number) => Array.from({ length: n }, (_, i) => `\`\`\`transform\nf${i}(x, y) = (x + ${i + 1} y, ${i + 2} y)\n\`\`\``).join('\n');
const OPTS = createEngineOptions({});

describe('document budget: analysis in the order of the screen', () => {
  it('the order follows the visible ranges, then the distance from the first one', () => {
    const parsed = parseDocument(note(10), 'markdown');
    const names = (order: number[]) => order.map((i) => parsed.transforms[i].name);
    // screen shows lines 12 to 16 (maps 4 and 5), a second editor lines 27 to 29 (map 9)
    assert.deepEqual(names(analysisOrder(parsed.transforms, [{ start: 12, end: 16 }, { start: 27, end: 29 }])),
      ['f4', 'f5', 'f9', 'f3', 'f6', 'f2', 'f7', 'f1', 'f8', 'f0']);
    assert.deepEqual(names(analysisOrder(parsed.transforms)), parsed.transforms.map((t) => t.name), 'nothing visible: document order');
  });

  it('analyses the visible definitions first and publishes them before the rest', () => {
    const parsed = parseDocument(note(12), 'markdown');
    const partials: string[][] = [];
    let clock = 0;
    const done = analyzeProgressively(parsed, 'a.md', OPTS, undefined, {
      visible: [{ start: 30, end: 35 }], partial: (r) => partials.push(r.transforms.map((t) => t.name)), partialEveryMs: 3, now: () => clock++,
    });
    assert.ok('report' in done);
    assert.deepEqual(partials[0], ['f10'], 'the first definition on screen is published at once (a hover on it waits for no other)');
    assert.deepEqual(partials[1], ['f10', 'f11'], 'then what is on screen');
    for (let k = 1; k < partials.length; k++) assert.ok(partials[k].length > partials[k - 1].length);
    assert.deepEqual(done.report.transforms.map((t) => t.name), parsed.transforms.map((t) => t.name), 'the full report in document order');
    assert.equal(done.report.transforms[3].det, '5', 'f3 = (x + 4 y, 5 y)');
  });

  it('a cancelled analysis stops between definitions', () => {
    const parsed = parseDocument(note(20), 'markdown');
    let asked = 0;
    const done = analyzeProgressively(parsed, 'a.md', OPTS, undefined, { cancelled: () => ++asked > 3 });
    assert.deepEqual(done, { cancelled: true, analysed: 3 });
  });
});
