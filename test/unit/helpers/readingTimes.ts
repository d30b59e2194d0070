/**
 * Times reading in a process of its own, so that what the tests before left on the heap (and
 * the collections it causes) cannot slow one input and not the other: run as
 * `node --expose-gc readingTimes.js N TRIES [name …]`, it prints one JSON line, for each
 * adversarial input named (all when none is), its fastest of TRIES reads divided by the fastest of
 * TRIES reads of a plain note of the same size, read alternately with it (so that a change of the
 * machine's load meets both). A collection is forced before every read.
 */
import { parseDocument } from '../../../src/core/document';
import type { LanguageKind } from '../../../src/core/document';
import { adversarialInputs, plainNote } from './adversarial';

function millis(text: string, kind: LanguageKind): number {
  (globalThis as { gc?: () => void }).gc?.();
  const start = process.hrtime.bigint();
  parseDocument(text, kind, { fileName: kind === 'markdown' ? 'note.md' : kind === 'typescript' ? 'note.ts' : 'note.tex' });
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export function readingRatios(n: number, tries: number, names: readonly string[]): Record<string, number> {
  millis(plainNote(n), 'markdown'); // warm up (KaTeX, regular expressions)
  const ratios: Record<string, number> = {};
  for (const input of adversarialInputs(n)) {
    if (names.length && !names.includes(input.name)) continue;
    const plain = plainNote(n);
    let a = Infinity, p = Infinity;
    for (let k = 0; k < tries; k++) {
      p = Math.min(p, millis(plain, 'markdown'));
      a = Math.min(a, millis(input.text, input.kind));
    }
    ratios[input.name] = a / p;
  }
  return ratios;
}

if (require.main === module) {
  const [n, tries, ...names] = process.argv.slice(2);
  process.stdout.write(JSON.stringify(readingRatios(Number(n), Number(tries), names)) + '\n');
}
