/**
 * Running LaTeX recognizers in tests: a note's findings through one recognizer alone, and
 * candidates compared with expected components numerically (mathjs syntax).
 */
import * as assert from 'node:assert/strict';
import { compileClosure } from '../../../src/core/math/numeric';
import { testEnvironment } from '../../../src/core/math/check';
import { symbolsOf } from '../../../src/core/math/expr';
import { findMath, maskMarkdown } from '../../../src/core/parse/latex/detect';
import { recognizeRegions } from '../../../src/core/parse/latex';
import type { Candidate, Declined, Finding, NotAMap, Recognizer } from '../../../src/core/parse/latex/recognizer';
import { parsePlainExpr } from '../../../src/core/parse/plainExpr';
import { analyzeDocument } from '../../../src/core/document';
import { createEngineOptions } from '../../../src/core/engine';
import type { TransformReport } from '../../../src/core/report';

export const md = (...lines: string[]): string => lines.join('\n');

/** Every finding of `recognizer` alone in `note`, with the definitions' declined findings apart. */
export function findingsOf(note: string, recognizer: Recognizer): Finding[] {
  return recognizeRegions(note, findMath(maskMarkdown(note)), [recognizer]).slices.flatMap((s) => s.findings);
}

export const candidatesOf = (fs: readonly Finding[]): Candidate[] => fs.filter((x): x is Candidate => x.kind === 'candidate');
export const declinedOf = (fs: readonly Finding[]): Declined[] => fs.filter((x): x is Declined => x.kind === 'declined');
export const notMapsOf = (fs: readonly Finding[]): NotAMap[] => fs.filter((x): x is NotAMap => x.kind === 'not-a-map');

const POINTS = [[0.3, -0.7, 1.1, 0.45], [-1.2, 0.8, 0.25, -0.6], [0.9, 1.3, -0.4, 0.7]];

/**
 * The candidate's variables are `variables` and its raw components equal `components`
 * (mathjs syntax, in the same variables) at a few points.
 */
export function assertReads(c: Candidate, variables: readonly string[], components: readonly string[]): void {
  assert.deepEqual([...c.variables], [...variables]);
  assert.equal(c.raw.length, components.length, 'number of components');
  c.raw.forEach((e, i) => {
    // names that are not variables (a family's coefficients a_k) get the same values on both sides
    const ref = parsePlainExpr(components[i]);
    const others = [...new Set([...symbolsOf(e), ...symbolsOf(ref)])].filter((s) => !variables.includes(s));
    const env = testEnvironment([e, ref], { variables, domain: [], freeSymbols: others });
    const got = compileClosure(e, variables, env), want = compileClosure(ref, variables, env);
    for (const p of POINTS) {
      const x = p.slice(0, variables.length);
      const a = got(x), b = want(x);
      assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `component ${i + 1} at ${x}: ${a}, expected ${components[i]} = ${b}`);
    }
  });
}

/** A note analysed end to end (as the CLI and the editor do). */
export const analyzeNote = (text: string) => analyzeDocument(text, 'markdown', 'note.md');

/** A note analysed with the engine the CLI uses: invertibility checked too. */
export const checkNote = (text: string) => analyzeDocument(text, 'markdown', 'note.md', createEngineOptions());

/**
 * det J (mathjs syntax) against a reference at a few points; `symbols` gives values to the
 * symbolic constants.
 */
export function detIs(t: TransformReport, ref: (...x: number[]) => number, points: number[][], symbols: Record<string, number> = {}): void {
  const names = [...t.variables, ...Object.keys(symbols)];
  const f = compileClosure(parsePlainExpr(t.det), names);
  for (const p of points) {
    const v = f([...p, ...Object.values(symbols)]), r = ref(...p);
    assert.ok(Math.abs(v - r) <= 1e-9 * Math.max(1, Math.abs(r)), `det ${t.det} at ${p}: ${v}, expected ${r}`);
  }
}

/** The components (mathjs syntax) equal `expected` at a few points, with `symbols` for the symbolic constants. */
export function componentsAre(t: TransformReport, expected: readonly string[], symbols: Record<string, number> = {}): void {
  const names = [...t.variables, ...Object.keys(symbols)];
  assert.equal(t.components.length, expected.length, `components ${t.components.join(', ')}`);
  t.components.forEach((c, i) => {
    const got = compileClosure(parsePlainExpr(c), names), want = compileClosure(parsePlainExpr(expected[i]), names);
    for (const p of POINTS) {
      const x = [...p.slice(0, t.variables.length), ...Object.values(symbols)];
      const a = got(x), b = want(x);
      assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `component ${i + 1} ${c} at ${x}: ${a}, expected ${expected[i]} = ${b}`);
    }
  });
}
