import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { CLI, run, tempFiles } from '../helpers/cli';


describe('CLI', () => {
  const tmp = tempFiles('jl-cli-');
  const file = tmp.file;

  it('analyze --json prints the report schema of DESIGN.md', () => {
    const p = file('polar.md', '# polar\n\n```transform\npolar(r, theta) = (r cos(theta), r sin(theta))\ndomain: r in [0.1, 2]\n```\n');
    const { code, out } = run(['analyze', p, '--json']);
    assert.equal(code, 0);
    const reports = JSON.parse(out);
    assert.equal(reports.length, 1);
    const r = reports[0];
    assert.deepEqual(Object.keys(r).sort(), ['diagnostics', 'file', 'transforms']);
    assert.equal(r.file, p);
    const t = r.transforms[0];
    for (const k of ['name', 'range', 'variables', 'components', 'parameters', 'jacobian', 'det', 'detLatex', 'structure', 'invertibility', 'domain']) {
      assert.ok(k in t, `missing ${k}`);
    }
    assert.equal(t.trees, undefined, 'expression trees are not printed');
    assert.deepEqual(t.range, { start: { line: 3, character: 0 }, end: { line: 3, character: 46 } });
    assert.deepEqual(t.variables, ['r', 'theta']);
    assert.deepEqual(t.components, ['r*cos(theta)', 'r*sin(theta)']);
    assert.equal(t.jacobian.length, 2);
    assert.ok(t.jacobian.every((row: unknown[]) => row.length === 2 && row.every((c) => typeof c === 'string')));
    assert.equal(t.det, 'r');
    assert.equal(typeof t.detLatex, 'string');
    assert.ok(['linear', 'diagonal', 'triangular', 'coupling', 'general'].includes(t.structure));
    assert.ok(['invertible', 'not-invertible', 'unknown'].includes(t.invertibility.verdict));
    assert.ok(['proof', 'numerical'].includes(t.invertibility.certainty));
    assert.equal(typeof t.invertibility.reason, 'string');
    assert.ok([true, false, null].includes(t.invertibility.locallyInvertible));
    assert.ok('witness' in t.invertibility);
    assert.deepEqual(t.domain, [[0.1, 2], [-2, 2]]);
  });

  it('the plain report names variables as the note writes them (x_{1:d}), and its formulas stay parseable ids', () => {
    const p = file('coupling.md', '# c\n\n$$\n\\mathbf{z}_{1:d} = \\mathbf{x}_{1:d}, \\quad \\mathbf{z}_{d+1:D} = \\mathbf{x}_{d+1:D} e^{\\mathbf{x}_{1:d}}\n$$\n');
    const { code, out } = run(['analyze', p]);
    assert.equal(code, 0, out);
    const lines = out.split('\n');
    // the header's signature: the names between the parentheses before " = "
    const header = lines.find((l) => / = \(/.test(l))!;
    const sig = /\s(\w+)\((.*?)\) = \((.*)\)$/.exec(header)!;
    assert.deepEqual(sig[2].split(', '), ['x_{1:d}', 'x_{d+1:D}'], header);
    // the components after " = " are formulas: the ids a parser reads back
    assert.ok(sig[3].includes('x_1tod'), header);
    const domain = lines.find((l) => l.trim().startsWith('domain'))!;
    const names = [...domain.matchAll(/(\S+) in [[(]/g)].map((m) => m[1]);
    assert.deepEqual(names, ['x_{1:d}', 'x_{d+1:D}'], domain);
    assert.doesNotMatch(domain, /1tod|d1toD/, domain);
    const json = JSON.parse(run(['analyze', p, '--json']).out)[0].transforms[0];
    assert.deepEqual(json.names, { x_1tod: 'x_{1:d}', x_d1toD: 'x_{d+1:D}' });
  });

  it('analyze prints a readable report', () => {
    const p = file('sq.md', '```transform\nsq(x, y) = (x^2 - y^2, 2 x y)\n```\n');
    const { code, out } = run(['analyze', p]);
    assert.equal(code, 0);
    assert.match(out, /sq\(x, y\) = \(x\^2 - y\^2, 2\*x\*y\)/);
    assert.match(out, /det J\s+4\*\(x\^2 \+ y\^2\)/);
    const cube = run(['analyze', file('cube.md', '```transform\ncube(x) = x^3\n```\n')]);
    assert.match(cube.out, /cube\(x\) = x\^3\n/, 'a 1-D map reads without a tuple');
    // a dense 9 x 9 block of symbolic entries is over the dense limit: det J has no closed form,
    // and the report says how it is evaluated instead of printing det([[…]]) of the whole J
    const names = ['a', 'b', 'c', 'd', 'e', 'g', 'h', 'k', 'm'];
    const big = `big(${names.join(', ')}) = (${names.map((v) => `sin(${v} a + b c ${v}) + cos(d e ${v} + g h k m)`).join(', ')})`;
    const dense = run(['analyze', file('dense.md', `\`\`\`transform\n${big}\n\`\`\`\n`)]);
    assert.match(dense.out, /det J\s+no closed form: evaluated numerically from J\n/);
    assert.doesNotMatch(dense.out, /det J\s+det\(/);
  });

  it('walks folders for notes and code', () => {
    const sub = path.join(tmp.dir(), 'notes');
    fs.mkdirSync(sub, { recursive: true });
    fs.writeFileSync(path.join(sub, 'a.md'), '```transform\nf(x, y) = (2 x, y)\n```\n');
    fs.writeFileSync(path.join(sub, 'ignore.txt'), 'f(x, y) = (x, y)');
    const { code, out } = run(['analyze', sub, '--json']);
    assert.equal(code, 0);
    assert.deepEqual(JSON.parse(out).map((r: { file: string }) => path.basename(r.file)), ['a.md']);
  });

  it('exits 1 with a message when a definition cannot be parsed', () => {
    const p = file('bad.md', '```transform\nf(x, y) = (x +, y)\n```\n');
    const { code, out } = run(['analyze', p]);
    assert.equal(code, 1);
    assert.match(out, /bad\.md:2:\d+\s+error: /);
  });

  it('exits 1 with a clear message for a file that cannot be read', () => {
    const { code, err } = run(['analyze', path.join(tmp.dir(), 'missing.md')]);
    assert.equal(code, 1);
    assert.match(err, /missing\.md: no such file or folder/);
    assert.doesNotMatch(err, /at .*\(.*:\d+:\d+\)/, 'no stack trace');
  });

  it('a folder with nothing to read is said, in analyze and check, not passed over with an empty answer', () => {
    const dir = path.join(tmp.dir(), 'nothing-here');
    fs.mkdirSync(path.join(dir, 'sub'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'sub', 'data.csv'), 'x,y\n1,2\n');
    const a = run(['analyze', dir]);
    assert.equal(a.code, 0);
    assert.match(a.out, /nothing-here\n\s+no files to read in this folder .*Markdown \.md.*\.ipynb.*\.ts/);
    const c = run(['check', dir]);
    assert.match(c.out, /nothing-here: no files to read in this folder/);
    assert.doesNotMatch(c.out, /in the 0 files/);
    const j = run(['analyze', dir, '--json']);
    assert.deepEqual(JSON.parse(j.out), []);
    assert.match(j.err, /nothing-here: no files to read/);
  });

  it('numbers print with 15 significant digits: 0.3 + 0.6 reads 0.9', () => {
    const { out } = run(['check', file('pl.md', '```transform\nplanar(x, y) = (x + 0.3 tanh(x + y + 0.1), y + 0.6 tanh(x + y + 0.1))\n```\n')]);
    assert.match(out, /0\.9\*tanh/);
    assert.doesNotMatch(out, /0\.8999999|0\.0999999/);
  });

  it('--help after a command prints the usage and exits 0', () => {
    const { code, out } = run(['analyze', '--help']);
    assert.equal(code, 0);
    assert.match(out, /jacobian-lens analyze/);
  });

  it('exits 2 on wrong usage and prints the usage', () => {
    const r = run(['frobnicate']);
    assert.equal(r.code, 2);
    assert.match(r.err, /unknown command "frobnicate"/);
    assert.match(r.err, /Usage:/);
    assert.equal(run(['analyze']).code, 2);
    assert.equal(run(['--help']).code, 0);
  });

  it('a file without maps says so and what a map looks like there (notes and code), exit 0', () => {
    const note = file('plain.md', '# Energy\n\nJust $E = m c^2$ and prose.\n');
    const code = file('util.ts', 'export function greet(name: string): string { return `hi ${name}`; }\n');
    const a = run(['analyze', note, code]);
    assert.equal(a.code, 0);
    assert.match(a.out, /plain\.md\n  no maps found \(in math, a map is f\(x, y\) = /);
    assert.match(a.out, /util\.ts\n  no maps found \(in code, a map is a function of n numbers that returns n numbers/);
    const c = run(['check', note]);
    assert.equal(c.code, 0);
    assert.match(c.out, /^no maps found \(in math/);
    assert.match(run(['check', note, code]).out, /^no maps found in the 2 files/);
  });

  it('check prints one line per transform', () => {
    const p = file('two.md', '```transform\nf(x, y) = (2 x, y)\ng(x, y) = (x + y, x - y)\n```\n');
    const { out } = run(['check', p]);
    const lines = out.trim().split('\n');
    assert.equal(lines.length, 2);
    assert.match(lines[0], /two\.md:2:1 f: /);
    assert.match(lines[1], /two\.md:3:1 g: /);
  });

  it('check exits 1 when a definition cannot be parsed', () => {
    const p = file('bad2.md', '```transform\nf(x, y) = (x, y, x)\n```\n');
    assert.equal(run(['check', p]).code, 1);
  });

  it('runs as node dist/cli.js, with the same exit codes', function () {
    // two node processes that load the whole bundle: slow on a loaded machine
    this.timeout(60_000);
    const p = file('ok.md', '```transform\nf(x, y) = (2 x, y)\n```\n');
    const ok = spawnSync(process.execPath, [CLI, 'analyze', p, '--json'], { encoding: 'utf8' });
    assert.equal(ok.status, 0, ok.stderr);
    assert.equal(JSON.parse(ok.stdout)[0].transforms[0].det, '2');
    const bad = spawnSync(process.execPath, [CLI, 'analyze', path.join(tmp.dir(), 'nope.md')], { encoding: 'utf8' });
    assert.equal(bad.status, 1);
  });
});
