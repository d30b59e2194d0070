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

/**
 * The ratios; an input whose first read is already under `conclusive` times the plain note is
 * not read again (its fastest read can only be faster), and the plain note is timed once: under
 * a machine's load the whole measure once took longer than the test's time.
 */
export function readingRatios(n: number, names: readonly string[], conclusive = 0): Record<string, number> {
  millis(plainNote(n), 'markdown'); // warm up (KaTeX, regular expressions)
  const plain = fastest(plainNote(n), 'markdown');
  const ratios: Record<string, number> = {};
  for (const input of adversarialInputs(n)) {
    if (names.length && !names.includes(input.name)) continue;
    const first = millis(input.text, input.kind) / plain;
    ratios[input.name] = first < conclusive ? first : Math.min(first, fastest(input.text, input.kind) / plain);
  }
  return ratios;
}

if (require.main === module) {
  // node --expose-gc readingTimes.js N CONCLUSIVE [name …]
  const [n, conclusive, ...names] = process.argv.slice(2);
  process.stdout.write(JSON.stringify(readingRatios(Number(n), names, Number(conclusive))) + '\n');
}
