/**
 * The fuzzer's second look at its hits (bench/fuzzAlone.ts): a watchdog hit or an input over
 * the budget, run again alone, is a confirmed hang only when it still gives no answer while
 * using the processor; one that answers, or that got little processor time, was the load's.
 */
import * as assert from 'node:assert/strict';
import { aloneLine, aloneSummary, classifyAlone, type AloneRun } from '../../../bench/fuzzAlone';

const OVER = 2000;
const run = (r: Partial<AloneRun>): AloneRun => ({ kind: 'hang', label: '#1 (grammar, seed 7)', answered: true, wallMs: 100, cpuMs: 50, ...r });

describe('fuzz: hits run again alone', () => {
  it('classifies a run alone by its answer and its processor time', () => {
    // no answer, busy all along: a real hang
    assert.equal(classifyAlone(run({ answered: false, cpuMs: 59_000, wallMs: 60_000 }), OVER), 'hang');
    // no answer and the child's time could not be read: counted as a hang, not excused
    assert.equal(classifyAlone(run({ answered: false, cpuMs: undefined, wallMs: 60_000 }), OVER), 'hang');
    // no answer but hardly any processor time: the machine's load
    assert.equal(classifyAlone(run({ answered: false, cpuMs: 300, wallMs: 60_000 }), OVER), 'starved');
    // answered: over or within the budget by the processor time, whatever the wall time
    assert.equal(classifyAlone(run({ cpuMs: 2400, wallMs: 2500 }), OVER), 'over');
    assert.equal(classifyAlone(run({ cpuMs: 1900, wallMs: 15_000 }), OVER), 'within');
    assert.equal(classifyAlone(run({ cpuMs: OVER, wallMs: 2100 }), OVER), 'within');
    // the process ended
    assert.equal(classifyAlone(run({ answered: false, crashed: true, cpuMs: 10 }), OVER), 'crash');
  });

  it('counts confirmed hangs apart from the load, and over-budget inputs apart from hangs', () => {
    const runs = [
      run({ answered: false, cpuMs: 60_000, wallMs: 60_000 }),
      run({ answered: false, cpuMs: 100, wallMs: 60_000 }),
      run({ cpuMs: 1200, wallMs: 1300 }),
      run({ cpuMs: 3100, wallMs: 3200 }),
      run({ kind: 'over', cpuMs: 2600, wallMs: 2700 }),
      run({ kind: 'over', cpuMs: 900, wallMs: 1000 }),
    ];
    assert.equal(aloneSummary(runs, OVER), 'hangs confirmed alone: 1 of 4 watchdog hits (1 answered over 2 s, 2 the load); over 2 s confirmed alone: 1 of 2');
    assert.equal(aloneSummary([], OVER), 'hangs confirmed alone: 0 of 0 watchdog hits (0 answered over 2 s, 0 the load); over 2 s confirmed alone: 0 of 0');
  });

  it('prints each input with its figures and what they mean', () => {
    assert.equal(aloneLine(run({ answered: false, cpuMs: 60_000, wallMs: 60_010 }), OVER),
      'alone: #1 (grammar, seed 7) (watchdog hit): processor 60.00 s, wall 60.01 s; still no answer: a hang');
    assert.equal(aloneLine(run({ kind: 'over', cpuMs: 1500, wallMs: 1600 }), OVER),
      'alone: #1 (grammar, seed 7) (over 2 s): processor 1.50 s, wall 1.60 s; within the budget: the load');
    assert.match(aloneLine(run({ answered: false, cpuMs: undefined }), OVER), /processor \?/);
  });
});
