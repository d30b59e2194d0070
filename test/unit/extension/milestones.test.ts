import * as assert from 'node:assert/strict';
import { Milestones, clockTime } from '../../../src/extension/milestones';

describe('first-use milestones in the log', () => {
  const setup = () => {
    const lines: string[] = [];
    let now = Date.UTC(2026, 11, 6, 13, 38, 11, 142);
    const m = new Milestones((l) => lines.push(l), now, () => now);
    return { lines, m, later: (ms: number) => { now += ms; } };
  };

  it('logs a milestone once, with the wall-clock time and the time since activation', () => {
    const { lines, m, later } = setup();
    later(467);
    assert.equal(m.mark('report', 'note.md, 3 transforms'), true);
    later(100);
    assert.equal(m.mark('report', 'other.md, 1 transforms'), false);
    assert.deepEqual(lines, ['first use: report at 13:38:11.609 (+467 ms after activation): note.md, 3 transforms']);
  });

  it('logs the first few occurrences of a kind, numbered, and then no more', () => {
    const { lines, m, later } = setup();
    for (let i = 0; i < 5; i++) { later(10); m.early('hover', `try ${i}`, 3); }
    assert.deepEqual(lines, [
      'first use: hover #1 (+10 ms after activation): try 0',
      'first use: hover #2 (+20 ms after activation): try 1',
      'first use: hover #3 (+30 ms after activation): try 2',
    ]);
  });

  it('prints times as hh:mm:ss.mmm in UTC', () => {
    assert.equal(clockTime(Date.UTC(2026, 0, 2, 3, 4, 5, 6)), '03:04:05.006');
  });
});
