import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../../src/cli/main';
import { analyseFile } from '../../../src/cli/analyseFile';

/** Run the CLI on files written to a temporary folder: exit code, stdout lines, stderr. */
function run(files: Record<string, string>, args: string[] = ['check']): { code: number; lines: string[]; err: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jl-check-'));
  try {
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    let out = '', err = '';
    // in this thread (the worker under the watchdog: watchdog.test.ts)
    const code = main([...args, ...Object.keys(files).map((f) => path.join(dir, f))], (s) => { out += s; }, (s) => { err += s; }, { analyse: (job, settings) => analyseFile(job, settings) });
    return { code, lines: out.trim().split('\n'), err };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const block = (def: string, domain?: string) => ['```transform', def, ...(domain ? [`domain: ${domain}`] : []), '```', ''].join('\n');

describe('CLI: jacobian-lens check', () => {
  it('exits 0 when every transform is invertible (proof or numerical), one line each', () => {
    const r = run({ 'ok.md': block('rot(x, y) = (x - y, x + y)') + block('swirl(x, y) = (x cos(x^2 + y^2) - y sin(x^2 + y^2), x sin(x^2 + y^2) + y cos(x^2 + y^2))', 'x in [-1, 1], y in [-1, 1]') });
    assert.equal(r.code, 0, r.lines.join('\n'));
    assert.equal(r.lines.length, 2);
    assert.match(r.lines[0], /ok\.md:2:1 rot: invertible \(proof\): f is affine/);
    // (a swirl is a radial rotation: proven since the radial-rotation proof, numerical before)
    assert.match(r.lines[1], /swirl: invertible \((proof|numerical)\)/);
  });

  it('exits 1 when a transform is not invertible, and prints the witness', () => {
    const r = run({ 'fold.md': block('rot(x, y) = (x - y, x + y)') + block('fold(x, y) = (x, y^2)') });
    assert.equal(r.code, 1);
    assert.equal(r.lines.length, 2);
    assert.match(r.lines[1], /fold: not-invertible \(proof\): .*; f\(.*\) = f\(.*\) = \(.*\)$/);
  });

  it('exits 1 when a definition cannot be parsed, 0 for unknown verdicts', () => {
    const bad = run({ 'bad.md': block('f(x, y) = (x +, y)') });
    assert.equal(bad.code, 1);
    assert.match(bad.lines.join('\n'), /error/);
    const unknown = run({ 'u.md': block('layer(x, y) = (x, y s(x) + t(x))') });
    assert.equal(unknown.code, 0);
    assert.match(unknown.lines[0], /layer: unknown: /);
  });

  it('exits 2 on wrong usage', () => {
    assert.equal(main(['check'], () => undefined, () => undefined), 2);
  });
});
