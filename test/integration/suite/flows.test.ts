/**
 * Flows in the editor: hovering a composition shows its layers, its CodeLens counts them; in a
 * note (F = d \circ P \circ c) and in code (a function that applies maps in sequence).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, hoverText, openFixture, positionOf } from './util';

async function lensTitles(uri: vscode.Uri): Promise<string[]> {
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100);
  return lenses.map((l) => l.command?.title ?? '').filter((t) => t.startsWith('Preview'));
}

/** The hover's layer table: one line per layer, in application order, each with det J and log|det J|. */
function assertLayers(hover: string, chain: string, layers: readonly string[]): void {
  assert.ok(hover.includes(`${layers.length} layers, ${chain}`), hover);
  let at = 0;
  for (const [k, name] of layers.entries()) {
    const m = new RegExp(`^\\s*${k + 1}\\s+${name}\\(\\w+, \\w+\\)\\s+det J = \\S+\\s+log\\|det J\\| = `, 'm').exec(hover.slice(at));
    assert.ok(m, `layer ${k + 1} (${name}) in order in:\n${hover}`);
    at += m.index + m[0].length;
  }
}

describe('flows in the editor', function () {
  this.timeout(120_000);
  after(closeAllEditors);

  it('hovering F = d \\circ P \\circ c in a note shows its layer table; its CodeLens counts the layers', async () => {
    const doc = (await openFixture('flows-note.md')).document;
    const hover = await hoverText(doc.uri, positionOf(doc, 'F = d \\circ', 0));
    assertLayers(hover, 'F = d ∘ P ∘ c', ['c', 'P', 'd']);
    // the swap: det J = -1, nothing in log|det J|
    assert.match(hover, /^\s*2\s+P\(u, v\)\s+det J = -1\s+log\|det J\| = 0\b/m);
    const titles = await lensTitles(doc.uri);
    assert.ok(titles.some((t) => /^Preview · 3 layers · log\|det J\| = \S/.test(t)), JSON.stringify(titles));
  });

  it('hovering a function that applies maps in sequence shows the same layers', async () => {
    const doc = (await openFixture('flows-code.ts')).document;
    const hover = await hoverText(doc.uri, positionOf(doc, 'flow(x: number', 1));
    assertLayers(hover, 'flow = shear ∘ swap ∘ coupling', ['coupling', 'swap', 'shear']);
    const titles = await lensTitles(doc.uri);
    assert.ok(titles.some((t) => t.startsWith('Preview · 3 layers · log|det J| = ')), JSON.stringify(titles));
  });

  it('hovering a function whose layers are imported from another file of the workspace shows those layers', async () => {
    const doc = (await openFixture('flows-imported.ts')).document;
    const hover = await hoverText(doc.uri, positionOf(doc, 'chained(x: number', 1));
    assertLayers(hover, 'chained = nudge ∘ flip ∘ lift', ['lift', 'flip', 'nudge']);
    // the swap read from the other file: det J = -1
    assert.match(hover, /^\s*2\s+flip\(u, v\)\s+det J = -1\s/m);
  });
});
