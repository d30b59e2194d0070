/**
 * Every input in test/fuzz-regressions/ (crashers found by `npm run fuzz` and by hand) goes
 * through the fuzzer's own checks: no exception escapes the core API, the report follows the
 * schema, with det J agreeing with finite differences of the numeric f, and parse and
 * analysis stay within a generous multiple of the 2 s budget in processor time (scaled by a
 * reference document's time when the machine is slower than that). The checks
 * run in a fresh process (helpers/regressionVerdicts), so that neither the heap the tests
 * before leave nor the machine's load (processor time, not wall clock) is charged to an input;
 * every input here once took from 9 s to minutes, far past the limit.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { regressionFiles } from '../helpers/regressionVerdicts';

const DIR = path.resolve(__dirname, '../../../../test/fuzz-regressions');
/**
 * Processor time of parse and analysis: four times the 2 s budget, or four times what a reference
 * document of ten maps (about the budget on a quiet machine) takes in the same process, if more:
 * under a load of 15 on 2 cores processor time itself was seven times its quiet figure.
 */
const limitMs = (referenceMs: number) => 4 * Math.max(2000, referenceMs);

interface Line { file: string; escaped?: string; problems: string[]; detMismatches: string[]; ms: number }

describe('fuzz regressions: each crasher found so far is answered with a sound report, within the budget', function () {
  this.timeout(400_000);
  const files = regressionFiles(DIR);
  const verdicts = new Map<string, Line>();
  let failure = '', referenceMs = 0;
  before(() => {
    const script = path.join(__dirname, '..', 'helpers', 'regressionVerdicts.js');
    const run = spawnSync(process.execPath, ['--expose-gc', script, DIR], { encoding: 'utf8', timeout: 380_000, maxBuffer: 64 << 20 });
    for (const line of (run.stdout ?? '').split('\n').filter(Boolean)) {
      const v = JSON.parse(line) as Line | { referenceMs: number };
      if ('referenceMs' in v) referenceMs = v.referenceMs; else verdicts.set(v.file, v);
    }
    if (run.status !== 0) failure = `the checking process ended without finishing (${run.error?.message ?? run.signal ?? `exit code ${run.status}`}): ${(run.stderr ?? '').slice(0, 500)}`;
  });
  it('the folder holds the crashers', () => assert.ok(files.length >= 10));
  for (const f of files) {
    it(f, () => {
      const v = verdicts.get(f);
      assert.ok(v, `${f}: no verdict; ${failure}`);
      assert.equal(v.escaped ?? undefined, undefined, `${f}: ${v.escaped}`);
      assert.deepEqual(v.problems, []);
      assert.deepEqual(v.detMismatches, []);
      assert.ok(v.ms < limitMs(referenceMs), `${f}: ${v.ms} ms of processor time for parse and analysis (limit ${limitMs(referenceMs)}, the reference document took ${referenceMs})`);
    });
  }
});
