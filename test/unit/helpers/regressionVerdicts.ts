/**
 * Checks every input of test/fuzz-regressions/ with the fuzzer's checks in a process of its
 * own, so that the processor time of each (parse and analysis) is not charged with what the
 * tests before left on the heap: run as `node --expose-gc regressionVerdicts.js DIR`, it
 * prints the processor time of a reference document ({ referenceMs }: how fast the machine is
 * now), then one JSON line per file as soon as it is checked ({ file, escaped, problems,
 * detMismatches, ms }), so that a file that never finishes leaves the others' lines.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkInput } from '../../../bench/fuzzChecks';

/** The inputs of the folder, in order. */
export const regressionFiles = (dir: string): string[] => fs.readdirSync(dir).filter((f) => /\.(md|ts|js|tex)$/.test(f) && f !== 'README.md').sort();

if (require.main === module) {
  const dir = process.argv[2];
  // the first documents of each kind load KaTeX and the TypeScript compiler: not timed (as in the fuzzer)
  checkInput('```transform\nf(x, y) = (x, y)\n```\n$$g(x) = x^2$$\n', 'warm.md');
  checkInput('export function f(x: number, y: number) { return [x, y]; }', 'warm.ts');
  // the machine's speed now: a fixed document of ten maps, about the 2 s budget on a quiet machine (the fastest of two)
  const reference = fs.readFileSync(path.join(dir, '..', 'fixtures', 'code', 'general', 'projections.js'), 'utf8');
  const referenceMs = Math.min(checkInput(reference, 'projections.js').ms, checkInput(reference, 'projections.js').ms);
  process.stdout.write(JSON.stringify({ referenceMs }) + '\n');
  for (const file of regressionFiles(dir)) {
    (globalThis as { gc?: () => void }).gc?.();
    const v = checkInput(fs.readFileSync(path.join(dir, file), 'utf8'), file);
    process.stdout.write(JSON.stringify({ file, escaped: v.escaped, problems: v.problems, detMismatches: v.detMismatches, ms: v.ms }) + '\n');
  }
}
