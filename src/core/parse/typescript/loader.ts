/**
 * The TypeScript compiler, loaded on first use only: activation and Markdown documents never
 * load it. In the bundles (esbuild.config.mjs) `require('typescript')` becomes
 * `require('./typescript.js')`, a separate file beside the worker and the CLI; in the unit
 * tests it is the package itself.
 */
import type * as TS from 'typescript';

export type TypeScriptApi = typeof TS;

let api: TypeScriptApi | undefined;

export function loadTypeScript(): TypeScriptApi {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (!api) api = require('typescript') as TypeScriptApi;
  return api;
}

/** Whether the compiler has been loaded in this process (tests: Markdown must not load it). */
export const typeScriptLoaded = (): boolean => api !== undefined;
