/**
 * The CLI's per-file watchdog (src/cli/watchdog.ts): each file analysed in a worker under a
 * wall-clock limit; a file that hangs is stopped and answered with its error, and the files
 * after it are answered as usual by a new worker.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { main } from '../../../src/cli/main';
import { analyseFile } from '../../../src/cli/analyseFile';
import { fileLimitMs } from '../../../src/cli/watchdog';
import { tempFiles } from '../helpers/cli';
import { HANG_MARK } from '../helpers/hangingCliWorker';

type Entry = { file: string; transforms: Array<{ name: string }>; diagnostics: Array<{ message: string; severity: string; code: string }> };

function runWith(args: string[], isolation: Parameters<typeof main>[3]): { code: number; out: string; err: string } {
  let out = '', err = '';
  const code = main(args, (s) => { out += s; }, (s) => { err += s; }, isolation);
  return { code, out, err };
}
const HANGING = { workerScript: path.join(__dirname, '../helpers/hangingCliWorker.js') };
/** The report without its timings (they differ from run to run). */
const untimed = (json: string) => JSON.stringify(JSON.parse(json), (k, v) => (k === 'timings' || /Ms$/.test(k) ? undefined : v));

describe('CLI: per-file watchdog', function () {
  // the workers load the analysis (slow on a loaded machine); the limit counts from then
  this.timeout(120_000);
  const tmp = tempFiles('jl-cli-watchdog-');

  // the limits are generous: on a loaded machine an ordinary small file takes seconds
  it('stops a file that hangs, says so at that file, answers the files after it, and exits 1', () => {
    const ok = (name: string) => tmp.file(`${name}.md`, `\`\`\`transform\n${name}(x, y) = (x + y, x - y)\n\`\`\`\n`);
    const files = [ok('a'), tmp.file('b.md', `$$f(x, y) = (x, y)$$\n\n<!-- ${HANG_MARK} -->\n`), ok('c')];
    const { code, out, err } = runWith(['analyze', ...files, '--json', '--timeout', '8'], HANGING);
    assert.equal(code, 1);
    const reports = JSON.parse(out) as Entry[];
    assert.deepEqual(reports.map((r) => path.basename(r.file)), ['a.md', 'b.md', 'c.md']);
    // c.md: answered by a new worker
    assert.deepEqual(reports.map((r) => r.transforms.map((t) => t.name).join()), ['a', '', 'c']);
    const [d, ...more] = reports[1].diagnostics;
    assert.deepEqual([more.length, d.severity, d.code], [0, 'error', 'timeout']);
    assert.match(d.message, /^analysis of this file did not finish within 8 s; it was stopped .*--timeout SECONDS/);
    assert.match(err, /b\.md: analysis of this file did not finish within 8 s/);
    assert.doesNotMatch(out + err, /at \S+ \(.*:\d+:\d+\)|internal error/, 'no stack trace');
  });

  it('check says the stopped file as an error line and still checks the others', () => {
    const files = [tmp.file('h.md', `${HANG_MARK}\n`), tmp.file('r.md', '```transform\nr(x, y) = (2 x, y)\n```\n')];
    const { code, out } = runWith(['check', ...files, '--timeout', '7.5'], HANGING);
    assert.equal(code, 1);
    assert.match(out, /h\.md:1:1 error: analysis of this file did not finish within 7\.5 s/);
    assert.match(out, /r\.md:\d+:\d+ r: invertible/);
  });

  it('the real worker answers as the analysis in this thread does', () => {
    const fixtures = path.resolve(__dirname, '../../../../test/fixtures');
    const files = ['notes/coordinates.md', 'code/realistic.ts'].map((f) => path.join(fixtures, f));
    const worker = runWith(['analyze', ...files, '--json'], { workerScript: path.resolve(__dirname, '../../../src/cli/cliWorker.js') });
    const inline = runWith(['analyze', ...files, '--json'], { analyse: (job, settings) => analyseFile(job, settings) });
    assert.equal(worker.code, inline.code);
    assert.ok((JSON.parse(worker.out) as Entry[]).every((r) => r.transforms.length > 0));
    assert.equal(untimed(worker.out), untimed(inline.out));
  });

  it('takes --timeout in seconds and scales it with the file size', () => {
    assert.equal(runWith(['analyze', 'x.md', '--timeout', '0'], HANGING).code, 2);
    assert.equal(runWith(['analyze', 'x.md', '--timeout', 'soon'], HANGING).code, 2);
    assert.equal(fileLimitMs(30, 0), 30_000);
    assert.equal(fileLimitMs(30, 500_000), 45_000);
    assert.equal(fileLimitMs(2, 2_000_000), 6_000);
  });
});
