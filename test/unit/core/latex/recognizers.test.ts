import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RECOGNIZERS } from '../../../../src/core/parse/latex/recognizers';
import { REASONS } from '../../../../src/core/parse/latex/decide';
import { assertReads, candidatesOf, declinedOf, findingsOf, notMapsOf } from '../../helpers/latex';

const DIR = path.join(__dirname, '..', '..', '..', '..', '..', 'src', 'core', 'parse', 'latex', 'recognizers');

describe('LaTeX recognizers: the registry', () => {
  it('registers every recognizer file once, under its own name', () => {
    const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.ts') && f !== 'index.ts').map((f) => f.replace(/\.ts$/, ''));
    assert.deepEqual([...RECOGNIZERS.map((r) => r.name)].sort(), files.sort());
    assert.equal(new Set(RECOGNIZERS.map((r) => r.name)).size, RECOGNIZERS.length);
  });

  it('every reason code belongs to a form or a stage and maps to a public code', () => {
    for (const [reason, { code }] of Object.entries(REASONS)) {
      assert.match(reason, /^[a-z]+\.[a-z-]+$/);
      assert.match(code, /^[a-z-]+$/);
    }
  });
});

describe('LaTeX recognizers: each one\'s examples, run alone', () => {
  for (const r of RECOGNIZERS) {
    it(`${r.name}: reads and declines its examples`, () => {
      assert.ok(r.examples.some((x) => x.reads || x.composes || x.silences) && r.examples.some((x) => x.declines || x.ignores), 'one example read (or silenced) and one declined (or ignored)');
      for (const x of r.examples) {
        const found = findingsOf(x.note, r);
        if (x.reads) {
          const cs = candidatesOf(found);
          assert.equal(cs.length, 1, `${x.note}: ${JSON.stringify(found.map((f) => f.kind))}`);
          assert.equal(cs[0].form, r.name);
          assertReads(cs[0], x.reads.variables, x.reads.components);
        }
        if (x.composes) {
          // a composition names its layers: which of them are maps is decided later (decide.ts)
          const cs = found.filter((f) => f.kind === 'composition');
          assert.equal(cs.length, 1, `${x.note}: ${JSON.stringify(found.map((f) => f.kind))}`);
          assert.deepEqual([...cs[0].layers].reverse().map((l) => l.name), x.composes);
        }
        if (x.silences) {
          assert.equal(candidatesOf(found).length, 0, x.note);
          assert.ok(notMapsOf(found).some((y) => y.what === x.silences && y.form === r.name), x.note);
        }
        if (x.ignores) assert.deepEqual(found, [], x.note);
        if (x.declines) {
          assert.equal(candidatesOf(found).length, 0, x.note);
          const d = declinedOf(found);
          assert.ok(d.some((y) => y.reason === `${r.name}.${x.declines}`), `${x.note}: ${JSON.stringify(d.map((y) => y.reason))}`);
        }
      }
    });
  }
});
