/**
 * Mocha's global setup for the e2e layer (test/e2e/.mocharc.json `require`): code-server is
 * installed here, on first use, before any test or hook starts, so that its install (several
 * minutes on 2 cores, with a progress line every 20 s) is not cut by a hook's timeout.
 */
import { ensureVsCode } from '../vscode/env';

export async function mochaGlobalSetup(): Promise<void> {
  await ensureVsCode();
}
