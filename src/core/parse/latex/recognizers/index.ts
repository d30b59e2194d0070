/**
 * The recognizers, in the order they are tried: when two candidates claim one statement, the
 * earlier recognizer's wins (decide.ts). Adding a form: a file here, a line below, a test file
 * test/unit/core/latex/<form>.test.ts and a line in docs/latex.md.
 */
import type { Recognizer } from '../recognizer';
import { explicit } from './explicit';
import { mapsto } from './mapsto';
import { named } from './named';
import { primed } from './primed';
import { cases } from './cases';
import { system } from './system';

export const RECOGNIZERS: readonly Recognizer[] = [
  explicit,
  mapsto,
  named,
  primed,
  cases,
  system,
];
