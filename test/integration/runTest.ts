/**
 * `npm run test:integration`: the mocha suite in test/integration/suite runs inside a real
 * VS Code's extension host, driven by @vscode/test-electron's runTests. Here the "VS Code
 * executable" is test/vscode/code-server-shim (code-server + headless Chromium, installed on
 * first use); with VSCODE_EXECUTABLE set to a desktop VS Code the same suite runs there.
 * The workspace is a scratch copy of test/fixtures/workspace, removed afterwards.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { createScratch, ensureVsCode, ROOT } from '../vscode/env';

async function main(): Promise<number> {
  const desktop = process.env.VSCODE_EXECUTABLE;
  if (!desktop) await ensureVsCode(); // install before the run, with its own messages
  const scratch = createScratch('integration');
  try {
    const workspace = path.join(scratch.dir, 'workspace');
    fs.cpSync(path.join(ROOT, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
    await runTests({
      vscodeExecutablePath: desktop ?? path.join(ROOT, 'test', 'vscode', 'code-server-shim'),
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(ROOT, 'out', 'test', 'integration', 'suite', 'index.js'),
      launchArgs: [workspace, '--disable-extensions', `--user-data-dir=${path.join(scratch.dir, 'user-data')}`, `--extensions-dir=${path.join(scratch.dir, 'extensions')}`],
      extensionTestsEnv: scratch.env,
    });
    return 0;
  } catch (e) {
    process.stderr.write(`integration tests failed: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  } finally {
    scratch.remove();
  }
}

main().then((code) => process.exit(code));
