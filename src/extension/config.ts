/** The extension's settings, read in one place. */
import * as vscode from 'vscode';
import type { EngineConfig } from '../core/engine';

export const SECTION = 'jacobianLens';

export function engineConfig(scope?: vscode.ConfigurationScope): EngineConfig {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  const dom = c.get<number[]>('defaultDomain', [-2, 2]);
  const domain: [number, number] = Array.isArray(dom) && dom.length === 2 && dom[0] < dom[1] ? [dom[0], dom[1]] : [-2, 2];
  const inv = c.get<number>('invertibilityBudgetMs');
  return {
    budgetMs: Math.max(100, c.get<number>('symbolicBudgetMs', 2000)), defaultDomain: domain,
    // Unset: the engine's default.
    invertibilityBudgetMs: typeof inv === 'number' ? Math.max(50, inv) : undefined,
  };
}

export function debounceMs(): number {
  return Math.max(0, vscode.workspace.getConfiguration(SECTION).get<number>('debounceMs', 250));
}
