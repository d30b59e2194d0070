/**
 * The engine's defaults plus overrides: one place where the parts are put together, so
 * that the CLI, the worker and the tests analyse the same way.
 */
import type { AnalyzeOptions } from './analyze';
import type { ParseOptions } from './document';
import { DEFAULT_BUDGET_MS } from './analyze';
import { DEFAULT_DOMAIN } from './model';
import { DEFAULT_PARSE_BUDGET_MS } from './limits';
import { createInvertibilityCheck, DEFAULT_INVERTIBILITY_BUDGET_MS } from './math/invertibility';

export interface EngineConfig {
  readonly budgetMs?: number;
  readonly defaultDomain?: readonly [number, number];
  readonly seed?: number;
  /** Time for the invertibility check of one transform, in milliseconds. */
  readonly invertibilityBudgetMs?: number;
  /** Code: functions of one number are maps too (the setting jacobianLens.code.oneDimensional). */
  readonly codeOneDimensional?: boolean;
  /** The workspace folder of the document: relative imports are followed only inside it. */
  readonly workspaceRoot?: string;
  /** Time for reading one document, in milliseconds: past it, the rest is not read and one information says where. */
  readonly parseBudgetMs?: number;
}

/** The engine's options; `invertibilityBudgetMs` is plain data so that report caches key on it. */
export function createEngineOptions(config: EngineConfig = {}): ParseOptions & AnalyzeOptions & { readonly invertibilityBudgetMs: number } {
  const invertibilityBudgetMs = config.invertibilityBudgetMs ?? DEFAULT_INVERTIBILITY_BUDGET_MS;
  return {
    budgetMs: config.budgetMs ?? DEFAULT_BUDGET_MS,
    parseBudget: { ms: config.parseBudgetMs ?? DEFAULT_PARSE_BUDGET_MS },
    defaultDomain: config.defaultDomain ?? DEFAULT_DOMAIN,
    seed: config.seed,
    invertibilityBudgetMs,
    ...(config.codeOneDimensional ? { codeOneDimensional: true } : {}),
    invertibility: createInvertibilityCheck({ budgetMs: invertibilityBudgetMs, seed: config.seed }),
  };
}
