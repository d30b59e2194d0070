import * as assert from 'node:assert/strict';
import {
  CheckedTransform, invertibilityDiagnostic, logLine, singleMessage, summaryMessage, tally, witnessMarks,
} from '../../../src/extension/commands/invertibilityResults';
import { analyzeMap } from '../helpers/maps';

const checked = (def: string, domain?: string): CheckedTransform => ({ uri: 'file:///notes.md', fileName: 'notes.md', report: analyzeMap(def, domain) });

describe('invertibility commands: what they say', () => {
  const fold = checked('fold(x, y) = (x, y^2)');
  const rot = checked('rot(x, y) = (x - y, x + y)');
  // a verdict by numerical evidence only: the engine now proves the maps that used to get one
  // (the swirl, by its radial rotation), so the messages are tested on such a verdict as the
  // engine writes it when its proofs run out of budget
  const swirl = checked('swirl(x, y) = (x cos(x^2 + y^2) - y sin(x^2 + y^2), x sin(x^2 + y^2) + y cos(x^2 + y^2))', 'x in [-1, 1], y in [-1, 1]');
  const evidence: CheckedTransform = { ...swirl, report: { ...swirl.report, invertibility: { ...swirl.report.invertibility, verdict: 'invertible', certainty: 'numerical', reason: 'no two points with the same image among 4096 samples and their refinements (numerical evidence, no proof)' } } };
  const layer = checked('layer(x, y) = (x, y s(x) + t(x))');

  it('a warning diagnostic with the witness in its related information, only when not invertible', () => {
    const d = invertibilityDiagnostic(fold.report);
    assert.ok(d);
    assert.equal(d.severity, 'warning');
    assert.equal(d.code, 'not-invertible');
    assert.deepEqual(d.range, fold.report.nameRange);
    assert.match(d.message, /^fold\(x, y\) is not invertible on its domain: /);
    const related = d.related!.map((r) => r.message);
    assert.match(related[0], /^witness a = \(/);
    assert.match(related[1], /^witness b = \(/);
    assert.match(related[2], /^f\(a\) = f\(b\) = \(/);
    assert.match(related[3], /fold/);
    for (const t of [rot, evidence, layer]) assert.equal(invertibilityDiagnostic(t.report), null);
  });

  it('notifications say proof, numerical evidence or undecided, with the reason', () => {
    assert.match(singleMessage(rot), /^rot\(x, y\) is invertible \(proof\)\. F is affine/);
    assert.match(singleMessage(evidence), /looks invertible \(numerical evidence, no proof\)/);
    assert.match(singleMessage(fold), /is not invertible\. .*Witness: f\(.*\) = f\(.*\) = \(.*\)\. Locally invertible: no/);
    assert.match(singleMessage(layer), /could not be decided/);
  });

  it('summaries count the verdicts and name the first problem', () => {
    const all = [rot, evidence, fold, layer];
    assert.deepEqual(tally(all), { transforms: 4, files: 1, proven: 1, numerical: 1, notInvertible: 1, unknown: 1 });
    assert.equal(summaryMessage(all, 'notes.md'),
      'Invertibility in notes.md: 4 transforms: 1 invertible (proof), 1 invertible by numerical evidence only, 1 not invertible, 1 undecided. First: fold(x, y) in notes.md.');
    assert.equal(summaryMessage([], 'the workspace', 3), 'No transforms in the workspace (3 files searched).');
  });

  it('log lines point at the definition; marks are the witness pair and the fold', () => {
    assert.match(logLine(fold), /^notes\.md:2:1 fold: not-invertible \(proof\): /);
    const marks = witnessMarks(fold.report);
    assert.deepEqual(marks.map((m) => m.label.split(':')[0]), ['a', 'b', 'fold']);
    assert.deepEqual(marks[0].at, fold.report.invertibility.witness!.a);
    assert.deepEqual(witnessMarks(rot.report), []);
  });
});
