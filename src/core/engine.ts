/**
 * The engine's defaults plus overrides: one place where the parts are put together, so
 * that the CLI, the worker and the tests analyse the same way.
 */
import type { AnalyzeOptions } from './analyze';
import type { ParseOptions } from './document';
import { DEFAULT_BUDGET_MS } from './analyze';
import { DEFAULT_DOMAIN } from './model';
import { createInvertibilityCheck, DEFAULT_INVERTIBILITY_BUDGET_MS } from './math/invertibility';

export interface EngineConfig {
  readonly budgetMs?: number;
  readonly defaultDomain?: readonly [number, number];
  readonly seed?: number;
  /** Time for the invertibility check of one transform, in milliseconds. */
  readonly invertibilityBudgetMs?: number;
}

export function createEngineOptions(config: EngineConfig = {}): ParseOptions & AnalyzeOptions {
  return {
    budgetMs: config.budgetMs ?? DEFAULT_BUDGET_MS,
    defaultDomain: config.defaultDomain ?? DEFAULT_DOMAIN,
    seed: config.seed,
    invertibility: createInvertibilityCheck({ budgetMs: config.invertibilityBudgetMs ?? DEFAULT_INVERTIBILITY_BUDGET_MS, seed: config.seed }),
  };
}
