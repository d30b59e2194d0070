/** Test helpers for maps read from code: analyse lines of a file, find a map, check it numerically. */
import * as assert from 'node:assert/strict';
import { analyzeDocument, languageOfFile } from '../../../src/core/document';
import { createEngineOptions } from '../../../src/core/engine';
import type { FileReport, TransformReport } from '../../../src/core/report';
import { maxRelativeDifference } from './corpus';
import { GENEROUS } from './maps';

/** The report of a code file made of `lines` (its language from the file name), generous budgets. */
export function analyzeLines(lines: readonly string[], file = 'lib.js'): FileReport {
  return analyzeDocument(lines.join('\n'), languageOfFile(file)!, file, createEngineOptions(GENEROUS));
}

/** The map of this name in the report (the names found and the diagnostics said when it is missing). */
export function byName(r: FileReport, name: string): TransformReport {
  const t = r.transforms.find((x) => x.name === name);
  assert.ok(t, `${name} among ${r.transforms.map((x) => x.name).join(', ')}; diagnostics: ${r.diagnostics.map((d) => d.message).join(' | ')}`);
  return t;
}

/** The map's variables, components and det J against forms derived by hand. */
export function assertMap(t: TransformReport, variables: string[], components: string[], det: string): void {
  assert.deepEqual(t.variables, variables);
  assert.equal(t.components.length, components.length);
  const domain = t.domain.map(([a, b]): [number, number] => [a, b]);
  t.components.forEach((c, i) => assert.ok(maxRelativeDifference(c, components[i], variables, domain) < 1e-9, `component ${i} of ${t.name}: ${c}, expected ${components[i]}`));
  assert.ok(maxRelativeDifference(t.det, det, variables, domain) < 1e-9, `det J of ${t.name} = ${t.det}, expected ${det}`);
}
