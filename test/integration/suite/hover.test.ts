import * as assert from 'node:assert/strict';
import { hoverText, openFixture, positionOf } from './util';

describe('hover', () => {
  it('over a ```transform block carries det J', async () => {
    const editor = await openFixture('transforms.md');
    const doc = editor.document;
    const polar = await hoverText(doc.uri, positionOf(doc, 'polar(r, theta)', 2));
    assert.match(polar, /Jacobian Lens/);
    assert.match(polar, /```text\s*det J = r\s/);
    const shear = await hoverText(doc.uri, positionOf(doc, 'shear(x, y)', 1));
    assert.match(shear, /```text\s*det J = 1\s/);
  });

  it('is absent outside a transform', async () => {
    const editor = await openFixture('transforms.md');
    const text = await hoverText(editor.document.uri, positionOf(editor.document, 'Polar coordinates'));
    assert.doesNotMatch(text, /det J/);
  });
});
