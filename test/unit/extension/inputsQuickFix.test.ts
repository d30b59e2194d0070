import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../../src/core/document';
import { CodeAction, Range, document, installFakeVscode } from '../helpers/fakeVscode';
import { detIs } from '../helpers/latex';

installFakeVscode();
// Loaded after the fake is installed: it imports `vscode`.
const { InputsQuickFix } = require('../../../src/extension/features/inputsQuickFix') as typeof import('../../../src/extension/features/inputsQuickFix');

const NOTE = [
  '# A two-link arm',
  '',
  'The hand of the arm:',
  '',
  '$$ u = c_1\\cos\\psi_1 + c_2\\cos(\\psi_1 + \\psi_2), \\quad v = c_1\\sin\\psi_1 + c_2\\sin(\\psi_1 + \\psi_2) $$',
  '',
  '$$ p = s\\cos\\beta, \\quad q = s\\sin\\beta $$',
  '',
].join('\n');

/** The quick fix's actions at a place of `note`, the report made as the extension makes it. */
function actionsIn(note: string, file: string): (line: number, character: number) => Promise<CodeAction[]> {
  const index = { get: async (d: { getText(): string }) => analyzeDocument(d.getText(), 'markdown', file) };
  const fix = new InputsQuickFix(index as never);
  const token = { isCancellationRequested: false };
  return async (line, character) =>
    (await fix.provideCodeActions(document(`/w/${file}`, note) as never, new Range(line, character, line, character) as never, {} as never, token as never)) as unknown as CodeAction[];
}

describe('quick fix: say the chosen inputs in the note', () => {
  const actionsAt = actionsIn(NOTE, 'arm.md');

  it('on a map whose inputs were chosen, inserts the directive on the line before the formula; applied, the note reads the same map with no choice left', async () => {
    const actions = await actionsAt(4, 10);
    assert.equal(actions.length, 1);
    const edit = actions[0].edit!;
    assert.equal(edit.inserts.length, 1);
    const { at, text } = edit.inserts[0];
    assert.deepEqual([at.line, at.character], [4, 0]);
    assert.equal(text, '<!-- jacobian: inputs \\psi_1, \\psi_2; constants c_1, c_2 -->\n');
    const lines = NOTE.split('\n');
    lines.splice(at.line, 0, text.slice(0, -1));
    const after = analyzeDocument(lines.join('\n'), 'markdown', 'arm.md').transforms[0];
    assert.deepEqual(after.variables, ['psi1', 'psi2']);
    assert.equal(after.inputChoice, undefined);
  });

  it('offers nothing where the inputs were not a choice, or outside a map', async () => {
    assert.deepEqual(await actionsAt(6, 5), []);
    assert.deepEqual(await actionsAt(2, 3), []);
  });
});

describe('quick fix: say undecided inputs in the note', () => {
  const SHEAR = ['# A sheared wave', '', 'The wave, sheared:', '', '$$', 'x = s + h\\sin t, \\quad y = k s - t', '$$', ''].join('\n');
  const actionsAt = actionsIn(SHEAR, 'shear.md');

  it('on the information of a system whose inputs no rule settles, inserts the best guess before the formula; applied, the note has the map and no information', async () => {
    const before = analyzeDocument(SHEAR, 'markdown', 'shear.md');
    assert.equal(before.transforms.length, 0);
    assert.deepEqual(before.diagnostics.map((d) => [d.code, d.severity]), [['inputs', 'info']]);
    const actions = await actionsAt(5, 8);
    assert.equal(actions.length, 1);
    assert.match(actions[0].title, /^Say the inputs in the note: /);
    const { at, text } = actions[0].edit!.inserts[0];
    assert.deepEqual([at.line, at.character], [4, 0], 'above the $$ line, not inside the math');
    assert.equal(text, '<!-- jacobian: inputs s, t; constants h, k -->\n');
    const lines = SHEAR.split('\n');
    lines.splice(at.line, 0, text.slice(0, -1));
    const after = analyzeDocument(lines.join('\n'), 'markdown', 'shear.md');
    assert.deepEqual(after.diagnostics, []);
    assert.deepEqual(after.transforms.map((t) => t.variables), [['s', 't']]);
    // det J of (s + h sin t, k s - t) in (s, t): -1 - h k cos t
    detIs(after.transforms[0], (_s, t) => -1 - 0.5 * 2 * Math.cos(t), [[0.3, 1.1], [-1, 0.2]], { h: 0.5, k: 2 });
  });

  it('offers nothing away from the information', async () => {
    assert.deepEqual(await actionsAt(2, 3), []);
  });
});
