import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../../src/core/document';
import { createEngineOptions } from '../../../src/core/engine';
import type { AnalysisRequest } from '../../../src/extension/analysisService';
import { detAt } from '../helpers/maps';
import { Uri, installFakeVscode } from '../helpers/fakeVscode';

const fake = installFakeVscode();
const { DocumentIndex } = require('../../../src/extension/documentIndex') as typeof import('../../../src/extension/documentIndex');

describe('the document index for notebooks (a fake API)', () => {
  const requests: AnalysisRequest[] = [];
  const analyzer = {
    analyze: async (req: AnalysisRequest) => { requests.push(req); return analyzeDocument(req.text, req.kind, req.file, createEngineOptions(req.config)); },
    dispose: () => undefined,
  };
  let index: InstanceType<typeof DocumentIndex>;
  beforeEach(() => { fake.reset(); requests.length = 0; index = new DocumentIndex(analyzer, () => undefined); });
  afterEach(() => index.dispose());

  it('reads the markdown cells together; each cell gets the part of the report in it', async () => {
    const nb = fake.openNotebook('/w/flows.ipynb', [
      ['markdown', 'Let $a = 2$.'],
      ['code', 'a = 2  # $$ Z(x, y) = (x, x) $$'],
      ['markdown', 'The map\n$$ F(x, y) = (a x, y) $$'],
    ]);
    const [first, code, third] = nb.getCells().map((c) => c.document);
    assert.equal(DocumentIndex.accepts(first as never), true);
    assert.equal(DocumentIndex.accepts(code as never), false, 'code cells are not read');
    const r = await index.get(third as never);
    assert.deepEqual(r?.transforms.map((t) => [t.name, t.cell, t.range.start.line]), [['F', 2, 1]]);
    assert.deepEqual(r?.transforms[0].parameters, { a: '2' });
    assert.deepEqual((await index.get(first as never))?.transforms, []);
    assert.equal(index.peek(third.uri as never)?.transforms[0].name, 'F');
    assert.equal(requests.length, 1, 'one analysis for the notebook, not one per cell');
    assert.equal(requests[0].kind, 'notebook');
    assert.ok(!requests[0].text.includes('Z(x, y)'), 'code is not sent');
  });

  it('an edit in one cell renews the reports of the others', async () => {
    const nb = fake.openNotebook('/w/edit.ipynb', [['markdown', '$a = 2$'], ['markdown', '$$ F(x, y) = (a x, y) $$']]);
    const [params, map] = nb.getCells().map((c) => c.document);
    detAt((await index.get(map as never))!.transforms[0], [1, 1], 2);
    const updated: string[] = [];
    index.onDidUpdate((u) => updated.push(u.toString()));
    params.getText = () => '$a = 5$';
    params.version++;
    detAt((await index.get(map as never))!.transforms[0], [1, 1], 5);
    assert.deepEqual(updated.sort(), [params.uri.toString(), map.uri.toString()].sort(), 'every markdown cell hears of the update');
  });

  it('follows jacobianLens.languages (markdown) and forgets nothing it should keep', async () => {
    const nb = fake.openNotebook('/w/off.ipynb', [['markdown', '$$ G(x, y) = (y, x) $$']]);
    const cell = nb.getCells()[0].document;
    fake.settings.set('jacobianLens.languages', ['typescript']);
    assert.equal(await index.get(cell as never), undefined);
    fake.settings.set('jacobianLens.languages', ['markdown']);
    assert.equal((await index.get(cell as never))?.transforms[0].name, 'G');
    assert.equal(index.peek(Uri.from({ scheme: 'vscode-notebook-cell', path: '/w/off.ipynb', fragment: 'other' }) as never), undefined);
  });
});
