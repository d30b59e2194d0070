/** Maps in TypeScript/JavaScript documents through the extension's parts, in Node (fake VS Code API, the real worker). */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { analyzeDocument } from '../../../src/core/document';
import { createEngineOptions } from '../../../src/core/engine';
import { transformAt } from '../../../src/core/lookup';
import { AnalysisService, AnalysisRequest } from '../../../src/extension/analysisService';
import { Position, document, installFakeVscode } from '../helpers/fakeVscode';
import { FakeIndex } from '../helpers/fakeIndex';

const fake = installFakeVscode();
const commands = require('../../../src/extension/commands/invertibility') as typeof import('../../../src/extension/commands/invertibility');
const diagnostics = require('../../../src/extension/features/diagnostics') as typeof import('../../../src/extension/features/diagnostics');

const WORKER = path.resolve(__dirname, '../../../../dist/worker.js');
const engine = createEngineOptions();

const CODE = [
  'import { net } from "./nets";',
  'export const fold = (x: number, y: number) => [x, y ** 2];',
  'export function squash(x: number, y: number) {',
  '  return [Math.floor(x) + net(x), y * 2];',
  '}',
  '',
].join('\n');

describe('maps in code through the extension', () => {
  it('the analysis worker (dist/worker.js) reads TypeScript and JavaScript documents', async () => {
    const service = new AnalysisService(WORKER);
    try {
      const ts = await service.analyze({ text: CODE, kind: 'typescript', file: '/w/maps.ts', config: {} });
      assert.deepEqual(ts.transforms.map((t) => [t.name, t.det]), [['fold', '2*y']]);
      assert.equal(ts.diagnostics.length, 1);
      const js = await service.analyze({ text: 'export const f = (x, y) => [x + y, x - y];', kind: 'javascript', file: '/w/maps.js', config: {} });
      assert.equal(js.transforms[0].det, '-2');
    } finally {
      service.dispose();
    }
  });

  it('a hover position anywhere on the declaration finds the map', () => {
    const r = analyzeDocument(CODE, 'typescript', '/w/maps.ts', engine);
    for (const character of [0, 14, 40, 55]) assert.equal(transformAt(r, { line: 1, character })?.name, 'fold', `at ${character}`);
    assert.equal(transformAt(r, { line: 3, character: 4 }), undefined, 'squash is not analysed');
  });

  describe('with the fake VS Code API', () => {
    const index = new FakeIndex();
    const open = (p: string, text: string, languageId: string, line: number) => {
      const d = document(p, text, languageId);
      fake.textDocuments.push(d);
      fake.activeTextEditor = { document: d, selection: { active: new Position(line, 0) } };
      return d;
    };
    before(() => {
      diagnostics.registerDiagnostics(index as never);
      commands.registerInvertibilityCommands({
        index: index as never,
        service: { analyze: async (r: AnalysisRequest) => analyzeDocument(r.text, r.kind, r.file, createEngineOptions(r.config)) } as never,
        preview: { mark: async () => undefined } as never,
        log: () => undefined,
        showLog: () => undefined,
      });
    });
    beforeEach(() => fake.reset());

    it('an unanalysable map is information in the Problems panel at the blocking call, related to the map', async () => {
      const d = open('/w/maps.ts', CODE, 'typescript', 1);
      await index.update(d);
      const [w] = fake.diagnostics(d.uri, 'jacobianLens');
      assert.equal(w.severity, 2, 'Information');
      assert.equal(w.code, 'unsupported');
      assert.match(w.message, /^squash\(x, y\) cannot be analysed as a map R\^2 -> R\^2: Math\.floor is a step function/);
      assert.deepEqual([w.range.start.line, w.range.start.character, w.range.end.character], [3, 10, 23], 'the step function');
      assert.equal(w.relatedInformation![0].location.range.start.line, 2);
    });

    it('Check Invertibility at the cursor in a TypeScript file: the fold is not invertible, with a witness', async () => {
      const d = open('/w/maps.tsx', CODE, 'typescriptreact', 1);
      await fake.commands.get(commands.CHECK_INVERTIBILITY)!();
      assert.equal(fake.shown.length, 1);
      assert.match(fake.shown[0].message, /^fold\(x, y\) is not invertible\. .*Witness: f\(/);
      assert.equal(fake.diagnostics(d.uri)[0].code, 'not-invertible');
    });
  });
});
