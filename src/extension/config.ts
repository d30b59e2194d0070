/** The extension's settings, read in one place. */
import * as vscode from 'vscode';
import type { EngineConfig } from '../core/engine';
import { languageOfId } from '../core/languages';

export const SECTION = 'jacobianLens';

/**
 * The language ids the extension can read; `jacobianLens.languages` picks among them. `markdown`
 * covers MyST and notebooks' markdown cells; `latex` is VS Code's and LaTeX Workshop's id for .tex;
 * `quarto`, `rmd` and `mdx` are those of the Quarto, R and MDX extensions (this extension also
 * declares them for .qmd, .Rmd and .mdx, so that they are read without those).
 */
export const SUPPORTED_LANGUAGES = ['markdown', 'latex', 'quarto', 'rmd', 'mdx', 'typescript', 'typescriptreact', 'javascript', 'javascriptreact'] as const;

export function engineConfig(scope?: vscode.ConfigurationScope): EngineConfig {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  const dom = c.get<number[]>('defaultDomain', [-2, 2]);
  const domain: [number, number] = Array.isArray(dom) && dom.length === 2 && dom[0] < dom[1] ? [dom[0], dom[1]] : [-2, 2];
  const inv = c.get<number>('invertibilityBudgetMs');
  const parse = c.get<number>('parseBudgetMs');
  const folder = scope instanceof vscode.Uri ? vscode.workspace.getWorkspaceFolder(scope) : undefined;
  return {
    budgetMs: Math.max(100, c.get<number>('symbolicBudgetMs', 2000)), defaultDomain: domain,
    ...(c.get<boolean>('code.oneDimensional', false) === true ? { codeOneDimensional: true } : {}),
    ...(folder?.uri.scheme === 'file' ? { workspaceRoot: folder.uri.fsPath } : {}),
    // Unset: the engine's default.
    invertibilityBudgetMs: typeof inv === 'number' ? Math.max(50, inv) : undefined,
    parseBudgetMs: typeof parse === 'number' && Number.isFinite(parse) ? Math.max(100, parse) : undefined,
  };
}

export function debounceMs(): number {
  return Math.max(0, vscode.workspace.getConfiguration(SECTION).get<number>('debounceMs', 250));
}

/** The language ids to scan (`jacobianLens.languages`), restricted to those the extension reads. */
export function scannedLanguages(): ReadonlySet<string> {
  const v = vscode.workspace.getConfiguration(SECTION).get<unknown>('languages', [...SUPPORTED_LANGUAGES]);
  return new Set(Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && languageOfId(x) !== null) : SUPPORTED_LANGUAGES);
}

/** Grid lines per axis for new pictures in the panel and the Markdown preview. */
export function gridDensity(): number {
  const v = vscode.workspace.getConfiguration(SECTION).get<number>('gridDensity', 12);
  return typeof v === 'number' && Number.isFinite(v) ? Math.min(48, Math.max(2, Math.round(v))) : 12;
}

export const codeLensEnabled = (): boolean => vscode.workspace.getConfiguration(SECTION).get<boolean>('codeLens.enabled', true) !== false;
export const statusBarEnabled = (): boolean => vscode.workspace.getConfiguration(SECTION).get<boolean>('statusBar.enabled', true) !== false;

/** Hovers: typeset math (an SVG image), plain text only, or none. */
export type HoverMode = 'rendered' | 'plain' | 'off';
export function hoverMode(): HoverMode {
  const v = vscode.workspace.getConfiguration(SECTION).get<string>('hover.mode', 'rendered');
  return v === 'plain' || v === 'off' ? v : 'rendered';
}

/** Time for typesetting one hover's math before the plain formula is shown instead. */
export const hoverRenderBudgetMs = (): number => Math.max(50, vscode.workspace.getConfiguration(SECTION).get<number>('hover.renderBudgetMs', 600));

/** The Markdown preview's ```transform rendering. */
export const markdownPreviewEnabled = (): boolean => vscode.workspace.getConfiguration(SECTION).get<boolean>('markdownPreview.enabled', true) !== false;
