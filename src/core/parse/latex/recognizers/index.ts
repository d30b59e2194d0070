/**
 * The recognizers, in the order they are tried: when two candidates claim one statement, the
 * earlier recognizer's wins (decide.ts). Adding a form: a file here, a line below, a test file
 * test/unit/core/latex/<form>.test.ts and a line in docs/latex.md.
 */
import type { Recognizer } from '../recognizer';
import { composition } from './composition';
import { explicit } from './explicit';
import { mapsto } from './mapsto';
import { named } from './named';
import { primed } from './primed';
import { vector } from './vector';
import { vectorfield } from './vectorfield';
import { cases } from './cases';
import { system } from './system';
import { autoregressive } from './autoregressive';
import { density } from './density';
import { trajectory } from './trajectory';
import { iterated } from './iterated';
import { helper } from './helper';
import { complex } from './complex';
import { components } from './components';

export const RECOGNIZERS: readonly Recognizer[] = [
  density,
  trajectory,
  helper,
  composition,
  vectorfield,
  autoregressive,
  complex,
  vector,
  explicit,
  mapsto,
  components,
  named,
  primed,
  iterated,
  cases,
  system,
];
