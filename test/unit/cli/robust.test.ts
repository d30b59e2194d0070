/** The CLI answers for every file it was given, never stops at a bad one and never prints a stack trace. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { CLI, run, tempFiles } from '../helpers/cli';

describe('CLI: every file answered', () => {
  const tmp = tempFiles('jl-cli-robust-');

  it('analyze DIR reports every file, bad ones as entries with their error, and exits 1', () => {
    const dir = path.join(tmp.dir(), 'notes');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'a-huge.md'), '```transform\nhuge(x, y) = (1e308 * exp(1000 x), y)\n```\n');
    fs.writeFileSync(path.join(dir, 'b-deep.md'), `$$\nf(x, y) = \\left(${'\\exp\\left('.repeat(1000)}x${'\\right)'.repeat(1000)}, y\\right)\n$$\n\n$$\ng(x, y) = (x + y, x - y)\n$$\n`);
    fs.symlinkSync(path.join(dir, 'nowhere.md'), path.join(dir, 'c-broken.md'));
    fs.mkdirSync(path.join(dir, 'd-folder.md'));
    fs.writeFileSync(path.join(dir, 'd-folder.md', 'inner.md'), '```transform\nh(x, y) = (2 x, y)\n```\n');
    fs.writeFileSync(path.join(dir, 'e-code.ts'), `export function p(x: number, y: number) { return [${'('.repeat(3000)}x${')'.repeat(3000)}, y]; }\nexport function q(x: number, y: number) { return [x * y, y]; }\n`);
    fs.writeFileSync(path.join(dir, 'f-ok.md'), '```transform\nok(x, y) = (x + y, x - y)\n```\n');
    const { code, out, err } = run(['analyze', dir, path.join(tmp.dir(), 'missing.md'), '--json']);
    assert.equal(code, 1);
    const reports = JSON.parse(out) as Array<{ file: string; transforms: Array<{ name: string }>; diagnostics: Array<{ message: string; severity: string }> }>;
    const byName = new Map(reports.map((r) => [path.relative(tmp.dir(), r.file), r]));
    assert.deepEqual([...byName.keys()], ['notes/a-huge.md', 'notes/b-deep.md', 'notes/c-broken.md', 'notes/d-folder.md/inner.md', 'notes/e-code.ts', 'notes/f-ok.md', 'missing.md']);
    const t = (f: string) => byName.get(f)!.transforms.map((x) => x.name);
    assert.deepEqual(t('notes/a-huge.md'), ['huge']);
    assert.deepEqual(t('notes/b-deep.md'), ['g']);
    assert.deepEqual(t('notes/d-folder.md/inner.md'), ['h']);
    assert.deepEqual(t('notes/e-code.ts'), ['q']);
    assert.deepEqual(t('notes/f-ok.md'), ['ok']);
    assert.match(byName.get('notes/c-broken.md')!.diagnostics[0].message, /cannot be read \(ENOENT\)/);
    assert.match(byName.get('missing.md')!.diagnostics[0].message, /no such file or folder/);
    assert.doesNotMatch(out + err, /at \S+ \(.*:\d+:\d+\)|internal error/, 'no stack trace');
  });

  it('dist/cli.js answers the examples of the issue with exit code 1 and no stack trace', () => {
    const p = tmp.file('mixed.ts', 'export function big(x: number, y: number) { return [-1e309 * x, y]; }\n' +
      'export function ctor(x: number, y: number) { return [Math.toString(x), y]; }\n' +
      'export function ok(x: number, y: number) { return [x + y, x - y]; }\n');
    const r = spawnSync(process.execPath, [CLI, 'check', p, tmp.file('names.md', '```transform\ng(x, y) = (constructor(x), toString(y) + x)\n```\n')], { encoding: 'utf8' });
    assert.equal(r.status, 0, 'only warnings and information: nothing the user marked as a map failed');
    assert.match(r.stdout, /ok: invertible/);
    assert.match(r.stdout, /g: /);
    assert.equal(r.stderr, '');
  });
});
