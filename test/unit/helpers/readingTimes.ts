/**
 * Times reading in a process of its own, so that what the tests before left on the heap (and
 * the collections it causes) cannot slow one input and not the other: run as
 * `node --expose-gc readingTimes.js N [name …]`, it prints one JSON line, for each adversarial
 * input named (all when none is), its fastest of three reads divided by the fastest of three
 * reads of a plain note of the same size. A collection is forced before every read.
 */
import { parseDocument } from '../../../src/core/document';
import type { LanguageKind } from '../../../src/core/document';
import { adversarialInputs, plainNote } from './adversarial';

function millis(text: string, kind: LanguageKind): number {
  (globalThis as { gc?: () => void }).gc?.();
  const start = process.hrtime.bigint();
  parseDocument(text, kind, { fileName: kind === 'markdown' ? 'note.md' : 'note.tex' });
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const fastest = (text: string, kind: LanguageKind): number => Math.min(millis(text, kind), millis(text, kind), millis(text, kind));

export function readingRatios(n: number, names: readonly string[]): Record<string, number> {
  millis(plainNote(n), 'markdown'); // warm up (KaTeX, regular expressions)
  const ratios: Record<string, number> = {};
  for (const input of adversarialInputs(n)) {
    if (names.length && !names.includes(input.name)) continue;
    ratios[input.name] = fastest(input.text, input.kind) / fastest(plainNote(n), 'markdown');
  }
  return ratios;
}

if (require.main === module) {
  const [n, ...names] = process.argv.slice(2);
  process.stdout.write(JSON.stringify(readingRatios(Number(n), names)) + '\n');
}
