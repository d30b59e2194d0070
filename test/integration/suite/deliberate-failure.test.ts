// Deliberately failing, to show that a failing assertion inside the extension host fails the run.
// Removed in the next commit.
import * as assert from 'node:assert/strict';
import { hoverText, openFixture, positionOf } from './util';

describe('deliberate failure', () => {
  it('claims det J of polar is 2r (it is r)', async () => {
    const editor = await openFixture('transforms.md');
    const text = await hoverText(editor.document.uri, positionOf(editor.document, 'polar(r, theta)', 2));
    assert.match(text, /det J = \s*```text\s*2\*r\s*```/);
  });
});
