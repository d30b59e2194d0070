import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../../src/core/document';
import { createEngineOptions } from '../../../src/core/engine';
import type { AnalysisRequest } from '../../../src/extension/analysisService';
import { Position, Uri, document, installFakeVscode } from '../helpers/fakeVscode';
import { FakeIndex } from '../helpers/fakeIndex';

const fake = installFakeVscode();
// Loaded after the fake is installed: the module imports `vscode`.
const commands = require('../../../src/extension/commands/invertibility') as typeof import('../../../src/extension/commands/invertibility');

const block = (def: string, domain?: string) => ['```transform', def, ...(domain ? [`domain: ${domain}`] : []), '```', ''].join('\n');

describe('invertibility commands in VS Code (a fake API)', () => {
  const index = new FakeIndex();
  const marks: Array<{ uri: string; points: ReadonlyArray<{ at: number[]; label: string }> }> = [];
  const logs: string[] = [];
  let logShown = 0;
  const run = (id: string) => fake.commands.get(id)!();
  const open = (path: string, text: string, line = 1) => {
    const d = document(path, text);
    fake.textDocuments.push(d);
    fake.activeTextEditor = { document: d, selection: { active: new Position(line, 0) } };
    return d;
  };

  before(() => {
    commands.registerInvertibilityCommands({
      index: index as never,
      service: { analyze: async (r: AnalysisRequest) => analyzeDocument(r.text, r.kind, r.file, createEngineOptions(r.config)) } as never,
      preview: { mark: async (uri: { toString(): string }, _pos: unknown, points: ReadonlyArray<{ at: number[]; label: string }>) => { marks.push({ uri: uri.toString(), points }); } } as never,
      log: (m) => logs.push(m),
      showLog: () => { logShown++; },
    });
  });
  beforeEach(() => { fake.reset(); marks.length = 0; logs.length = 0; logShown = 0; });

  it('registers the three commands', () => {
    for (const id of [commands.CHECK_INVERTIBILITY, commands.CHECK_INVERTIBILITY_FILE, commands.CHECK_INVERTIBILITY_WORKSPACE]) assert.ok(fake.commands.has(id), id);
  });

  it('at the cursor: a warning with the witness, a diagnostic, and "Show Witness" reveals and marks', async () => {
    const d = open('/w/fold.md', block('fold(x, y) = (x, y^2)'));
    fake.answer = (s) => (s.actions.includes('Show Witness') ? 'Show Witness' : undefined);
    await run(commands.CHECK_INVERTIBILITY);
    assert.equal(fake.shown.length, 1);
    assert.equal(fake.shown[0].kind, 'warning');
    assert.match(fake.shown[0].message, /^fold\(x, y\) is not invertible\. .*Witness: f\(/);
    const diags = fake.diagnostics(d.uri);
    assert.equal(diags.length, 1);
    assert.equal(diags[0].severity, 1);
    assert.equal(diags[0].code, 'not-invertible');
    assert.match(diags[0].relatedInformation![0].message, /^witness a = \(/);
    assert.deepEqual(fake.revealed.map((r) => r.uri), [d.uri.toString()]);
    assert.equal(fake.revealed[0].selection?.start.line, 1);
    assert.equal(marks.length, 1);
    const report = index.peek(d.uri)!.transforms[0];
    assert.deepEqual(marks[0].points[0].at, report.invertibility.witness!.a);
    assert.deepEqual(marks[0].points[1].at, report.invertibility.witness!.b);
    assert.equal(logs.length, 1);
  });

  it('at the cursor, an invertible transform: an information message with the proof, no diagnostic', async () => {
    const d = open('/w/rot.md', block('rot(x, y) = (x - y, x + y)'));
    await run(commands.CHECK_INVERTIBILITY);
    assert.equal(fake.shown[0].kind, 'info');
    assert.match(fake.shown[0].message, /rot\(x, y\) is invertible \(proof\)/);
    assert.deepEqual(fake.shown[0].actions, ['Show Definition', 'Show Log']);
    assert.deepEqual(fake.diagnostics(d.uri), []);
  });

  it('no transform at the cursor: pick one of the file\'s; none in the file: say so', async () => {
    open('/w/two.md', '# Notes\n\n' + block('a(x, y) = (x, y^3 + y)') + 'text\n\n' + block('b(x, y) = (x^2, y)'), 0);
    fake.pick = (labels) => labels.indexOf('b(x, y)');
    await run(commands.CHECK_INVERTIBILITY);
    assert.equal(fake.picks.length, 1);
    assert.deepEqual(fake.picks[0].items.map((i) => i.label), ['a(x, y)', 'b(x, y)']);
    assert.match(fake.shown[0].message, /^b\(x, y\) is not invertible/);

    fake.reset();
    open('/w/empty.md', '# Nothing here\n');
    await run(commands.CHECK_INVERTIBILITY);
    assert.match(fake.shown[0].message, /there is no transform in empty\.md/);

    fake.reset();
    await run(commands.CHECK_INVERTIBILITY);
    assert.match(fake.shown[0].message, /open a note, a LaTeX paper, a notebook or a TypeScript or JavaScript file/);
  });

  it('in the file: a summary, and warnings for exactly the transforms that are not invertible', async () => {
    const d = open('/w/notes.md', block('rot(x, y) = (x - y, x + y)') + block('fold(x, y) = (x, y^2)') + block('expz(x, y) = (exp(x) cos(y), exp(x) sin(y))', 'x in [-1, 1], y in [-4, 4]'));
    fake.answer = () => 'Show Log';
    await run(commands.CHECK_INVERTIBILITY_FILE);
    assert.match(fake.shown[0].message, /^Invertibility in notes\.md: 3 transforms: 1 invertible \(proof\), 2 not invertible\. First: fold\(x, y\)/);
    assert.equal(fake.shown[0].kind, 'warning');
    assert.deepEqual(fake.diagnostics(d.uri).map((x) => x.message.split(' ')[0]), ['fold(x,', 'expz(x,']);
    assert.equal(logs.length, 3);
    assert.equal(logShown, 1);
  });

  it('warnings follow edits: fixing the map removes its warning', async () => {
    const d = open('/w/edit.md', block('fold(x, y) = (x, y^2)'));
    await run(commands.CHECK_INVERTIBILITY);
    assert.equal(fake.diagnostics(d.uri).length, 1);
    await index.edit(d, block('fold(x, y) = (x, y^3 + y)'));
    assert.deepEqual(fake.diagnostics(d.uri), []);
  });

  it('in the workspace: open and unopened files, progress, and cancellation', async () => {
    fake.files.set('/w/a.md', block('fold(x, y) = (x, y^2)'));
    fake.files.set('/w/b.ts', 'export const n = 1;\n');
    fake.files.set('/w/c.md', block('rot(x, y) = (x - y, x + y)'));
    await run(commands.CHECK_INVERTIBILITY_WORKSPACE);
    assert.equal(fake.progress.length, 3);
    assert.match(fake.shown[0].message, /^Invertibility in the workspace: 2 transforms in 2 files: 1 invertible \(proof\), 1 not invertible\. First: fold/);
    assert.equal(fake.diagnostics(Uri.file('/w/a.md')).length, 1);

    fake.shown.length = 0;
    fake.progress.length = 0;
    fake.cancelAfter = 1;
    await run(commands.CHECK_INVERTIBILITY_WORKSPACE);
    assert.match(fake.shown[0].message, /cancelled after 1 of 3 files/);
  });
});
