/**
 * Test helpers for maps read from code: analyse a file's text, lines or a workspace (held in
 * memory or written to a folder for the test), find a map, check it numerically.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeDocument, languageOfFile } from '../../../src/core/document';
import { createEngineOptions, EngineConfig } from '../../../src/core/engine';
import type { FileReport, TransformReport } from '../../../src/core/report';
import { maxRelativeDifference } from './corpus';
import { GENEROUS } from './maps';

/** The report of a code file of this text (its language from the file name), imports read by `readFile` when given. */
export function analyzeText(text: string, file = 'lib.js', config: EngineConfig = {}, readFile?: (p: string) => string | null): FileReport {
  return analyzeDocument(text, languageOfFile(file)!, file, { ...createEngineOptions(config), ...(readFile ? { readFile } : {}) });
}

/** The report of a code file made of `lines` (its language from the file name), generous budgets. */
export function analyzeLines(lines: readonly string[], file = 'lib.js'): FileReport {
  return analyzeText(lines.join('\n'), file, GENEROUS);
}

/**
 * The document `main` of a workspace held in memory (file name -> text or lines) under the
 * folder `root`, its imports read from the other files; the engine's defaults unless `config` says.
 */
export function analyzeWorkspace(files: Record<string, string | readonly string[]>, main = 'main.js', config: EngineConfig = {}, root = '/virtual/workspace'): FileReport {
  const dir = path.resolve(root);
  const byPath = new Map(Object.entries(files).map(([f, text]) => [path.join(dir, f), typeof text === 'string' ? text : text.join('\n')]));
  const file = path.join(dir, main);
  return analyzeText(byPath.get(file)!, file, config, (p) => byPath.get(path.resolve(p)) ?? null);
}

/** `body` run on a folder of real files made for it (name -> text), removed afterwards. */
export function withFolder<T>(files: Record<string, string>, body: (dir: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jl-code-'));
  try {
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    return body(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
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
  t.components.forEach((c, i) => assert.ok(maxRelativeDifference(c, components[i], variables, t.domain) < 1e-9, `component ${i} of ${t.name}: ${c}, expected ${components[i]}`));
  assert.ok(maxRelativeDifference(t.det, det, variables, t.domain) < 1e-9, `det J of ${t.name} = ${t.det}, expected ${det}`);
}

export interface DetCheck {
  /** The components too, in order. */
  readonly components?: readonly string[];
  /** Values of the symbolic constants on both sides. */
  readonly symbols?: Record<string, number>;
  /** det J must have a closed form (not only the numeric answer). */
  readonly symbolic?: boolean;
}

/** The map's variables, and det J (with the components, when given) equal to the expected forms at random domain points (never by string). */
export function assertDet(t: TransformReport, variables: string[], det: string, check: DetCheck = {}): void {
  const symbols = check.symbols ?? {};
  assert.deepEqual(t.variables, variables);
  check.components?.forEach((c, i) => assert.ok(maxRelativeDifference(t.components[i], c, variables, t.domain, symbols) < 1e-9, `component ${i} of ${t.name}: ${t.components[i]} vs ${c}`));
  if (check.symbolic) assert.ok(t.detSymbolic, `det J of ${t.name} has a closed form: ${t.det}`);
  assert.ok(maxRelativeDifference(t.det, det, variables, t.domain, symbols) < 1e-9, `det J of ${t.name} = ${t.det}, expected ${det}`);
}
