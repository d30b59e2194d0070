/**
 * Every input in test/fuzz-regressions/ (crashers found by `npm run fuzz` and by hand) goes
 * through the fuzzer's own checks: no exception escapes the core API, and the report follows
 * the schema, with det J agreeing with finite differences of the numeric f.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkInput } from '../../../bench/fuzzChecks';

const DIR = path.resolve(__dirname, '../../../../test/fuzz-regressions');

describe('fuzz regressions: each crasher found so far is answered with a sound report', function () {
  this.timeout(120_000);
  const files = fs.readdirSync(DIR).filter((f) => /\.(md|ts|js|tex)$/.test(f) && f !== 'README.md').sort();
  it('the folder holds the crashers', () => assert.ok(files.length >= 10));
  for (const f of files) {
    it(f, () => {
      const v = checkInput(fs.readFileSync(path.join(DIR, f), 'utf8'), f);
      assert.equal(v.escaped, undefined, `${f}: ${v.escaped}`);
      assert.deepEqual(v.problems, []);
      assert.deepEqual(v.detMismatches, []);
    });
  }
});
