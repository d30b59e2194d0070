import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { CLI, run, tempFiles } from '../helpers/cli';
import { maxRelativeDifference } from '../helpers/corpus';


const MAPS = [
  'import { readFile } from "node:fs/promises";',
  'export async function load(f: string) { return readFile(f, "utf8"); }',
  '/** @transform domain r in [0.1, 2], theta in [-4, 4] */',
  'export function polar(r: number, theta: number) {',
  '  return [r * Math.cos(theta), r * Math.sin(theta)];',
  '}',
  'export const shear = (x: number, y: number) => [x + 2 * y, y];',
  '',
].join('\n');

describe('CLI on TypeScript and JavaScript files', () => {
  const tmp = tempFiles('jl-cli-code-');
  const file = tmp.file;

  it('analyze --json: the report of each map, with ranges of the whole declaration', () => {
    const p = file('maps.ts', MAPS);
    const { code, out, err } = run(['analyze', p, '--json']);
    assert.equal(code, 0, err);
    const [r] = JSON.parse(out);
    assert.equal(r.file, p);
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.transforms.map((t: { name: string }) => t.name), ['polar', 'shear']);
    const [polar, shear] = r.transforms;
    assert.equal(polar.notation, 'typescript');
    assert.deepEqual(polar.range, { start: { line: 3, character: 0 }, end: { line: 5, character: 1 } });
    assert.deepEqual(polar.domain, [[0.1, 2], [-4, 4]]);
    assert.ok(maxRelativeDifference(polar.det, 'r', ['r', 'theta'], polar.domain) < 1e-12);
    assert.ok(maxRelativeDifference(shear.det, '1', ['x', 'y'], shear.domain) < 1e-12);
    assert.equal(shear.invertibility.verdict, 'invertible');
    assert.equal(polar.invertibility.verdict, 'not-invertible');
  });

  it('analyze prints a readable report; check one line per map and exit 1 for a map that is not invertible', () => {
    const p = file('maps.mts', MAPS);
    const a = run(['analyze', p]);
    assert.equal(a.code, 0);
    assert.match(a.out, /maps\.mts:4:1 {2}polar\(r, theta\) = \(r\*cos\(theta\), r\*sin\(theta\)\)/);
    assert.match(a.out, /det J\s+r\n/);
    const c = run(['check', p]);
    assert.equal(c.code, 1, 'polar is not injective on theta in [-4, 4]');
    const lines = c.out.trim().split('\n');
    assert.equal(lines.length, 2);
    assert.match(lines[0], /maps\.mts:4:17 polar: not-invertible/);
    assert.match(lines[1], /maps\.mts:7:14 shear: invertible \(proof\)/);
  });

  it('check exits 0 when every map is invertible; information about unanalysable code does not fail it', () => {
    const p = file('ok.js', 'export const shear = (x, y) => [x + 2 * y, y];\nexport function loop(x, y) { for (;;) {} return [x * 2, y]; }\n');
    const c = run(['check', p]);
    assert.equal(c.code, 0, c.out);
    const a = run(['analyze', p]);
    assert.equal(a.code, 0);
    assert.match(a.out, /ok\.js:2:30 {2}info: loop\(x, y\) cannot be analysed as a map R\^2 -> R\^2: a loop without a condition is not analysed/);
  });

  it('exits 1 when a @transform definition is wrong', () => {
    const p = file('bad.ts', '/** @transform */\nexport function f(x: number, y: number) { return [x, y, x]; }\n');
    const c = run(['check', p]);
    assert.equal(c.code, 1);
    assert.match(c.out, /bad\.ts:2:17 error: f\(x, y\) has 2 variables but returns 3 values/);
  });

  it('walks folders for every code extension and says which files it cannot read', () => {
    const sub = path.join(tmp.dir(), 'code');
    fs.mkdirSync(sub);
    for (const ext of ['ts', 'tsx', 'js', 'jsx', 'mjs', 'cjs']) fs.writeFileSync(path.join(sub, `m.${ext}`), 'export const f = (x, y) => [x - y, x + y];\n');
    fs.writeFileSync(path.join(sub, 'm.py'), 'def f(x, y): return (x - y, x + y)\n');
    const { code, out } = run(['analyze', sub, '--json']);
    assert.equal(code, 0);
    const reports = JSON.parse(out) as Array<{ file: string; transforms: Array<{ det: string }> }>;
    assert.deepEqual(reports.map((r) => path.basename(r.file)), ['m.cjs', 'm.js', 'm.jsx', 'm.mjs', 'm.ts', 'm.tsx']);
    for (const r of reports) assert.ok(maxRelativeDifference(r.transforms[0].det, '2', ['x', 'y'], [[-2, 2], [-2, 2]]) < 1e-12, r.file);
    const bad = run(['analyze', path.join(sub, 'm.py')]);
    assert.equal(bad.code, 1);
    assert.match(bad.err, /m\.py: not a file Jacobian Lens reads \(Markdown .*\.cjs\)/);
  });

  it('runs as node dist/cli.js (the compiler from dist/typescript.js), never running the file', () => {
    const marker = path.join(tmp.dir(), 'ran.txt');
    const p = file('side.ts', `require("node:fs").writeFileSync(${JSON.stringify(marker)}, "x");\nthrow new Error("ran");\n${MAPS}`);
    const res = spawnSync(process.execPath, [CLI, 'analyze', p, '--json'], { encoding: 'utf8' });
    assert.equal(res.status, 0, res.stderr);
    assert.deepEqual(JSON.parse(res.stdout)[0].transforms.map((t: { name: string }) => t.name), ['polar', 'shear']);
    assert.equal(fs.existsSync(marker), false);
  });
});
