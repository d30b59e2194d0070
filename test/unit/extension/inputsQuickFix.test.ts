import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../../src/core/document';
import { CodeAction, Range, document, installFakeVscode } from '../helpers/fakeVscode';

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

describe('quick fix: say the chosen inputs in the note', () => {
  const index = { get: async (d: { getText(): string }) => analyzeDocument(d.getText(), 'markdown', 'arm.md') };
  const fix = new InputsQuickFix(index as never);
  const token = { isCancellationRequested: false };
  const actionsAt = async (line: number, character: number) =>
    (await fix.provideCodeActions(document('/w/arm.md', NOTE) as never, new Range(line, character, line, character) as never, {} as never, token as never)) as unknown as CodeAction[];

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
