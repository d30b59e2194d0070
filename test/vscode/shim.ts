/**
 * A stand-in "VS Code executable" for @vscode/test-electron's runTests({ vscodeExecutablePath }).
 * test-electron starts it with VS Code's command line:
 *   <shim> [launchArgs: folder, --user-data-dir=U, --extensions-dir=E, ...] --no-sandbox ...
 *          --extensionTestsPath=T --extensionDevelopmentPath=D
 * It starts code-server on 127.0.0.1, opens the workbench in headless Chromium with D loaded
 * as the extension under development and T as the test runner, prints the extension host's
 * output, and exits with the extension host's exit code (1 on a timeout). Everything it
 * started is stopped before it exits, on success, failure, timeout or a signal.
 *
 * Environment: JACOBIAN_LENS_TEST_TIMEOUT_S (default 600) bounds the whole run;
 * JACOBIAN_LENS_TEST_DEBUG=1 prints all of the workbench's console.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BrowserSession, launchBrowser, onProcessEnd, startCodeServer } from './codeServer';
import { ARTIFACTS, createScratch, useScratchInProcess } from './env';
import { OUTPUT_MARKER } from '../integration/suite/index';

interface ShimArgs { folder?: string; devPaths: string[]; testsPath?: string; userDataDir?: string; extensionsDir?: string }

export function parseArgs(argv: readonly string[]): ShimArgs {
  const value = (name: string) => argv.filter((a) => a.startsWith(`--${name}=`)).map((a) => path.resolve(a.slice(name.length + 3)));
  const positional = argv.filter((a) => !a.startsWith('-'));
  return {
    folder: positional[0] && path.resolve(positional[0]),
    devPaths: value('extensionDevelopmentPath'),
    testsPath: value('extensionTestsPath')[0],
    userDataDir: value('user-data-dir')[0],
    extensionsDir: value('extensions-dir')[0],
  };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (!args.testsPath || !args.devPaths.length) {
    process.stderr.write('code-server shim: needs --extensionTestsPath=... and --extensionDevelopmentPath=...\n');
    return 2;
  }
  const timeoutS = Number(process.env.JACOBIAN_LENS_TEST_TIMEOUT_S ?? 600);
  const scratch = createScratch('ext-tests');
  useScratchInProcess(scratch);
  onProcessEnd(() => scratch.remove());
  const logFile = path.join(scratch.dir, 'code-server.log');
  const server = await startCodeServer({
    scratch, logFile, smokeTestDriver: true,
    userDataDir: args.userDataDir ?? path.join(scratch.dir, 'user-data'),
    extensionsDir: args.extensionsDir ?? path.join(scratch.dir, 'extensions'),
  });
  let ui: BrowserSession | undefined;
  try {
    ui = await launchBrowser();
    const page = ui.page;
    let finish: (code: number | string) => void = () => undefined;
    const finished = new Promise<number | string>((r) => { finish = r; });
    // The extension host's console reaches the page console as workbench log lines
    // ("%c INFO color: #33f <text>"); the suite tags its own (see suite/index.ts).
    page.on('console', (m) => {
      const text = m.text().replace(/^%c\s*\w+\s+color: #\w+\s/, '');
      if (process.env.JACOBIAN_LENS_TEST_DEBUG) process.stdout.write(`[workbench ${m.type()}] ${text}\n`);
      else if (text.startsWith(OUTPUT_MARKER)) process.stdout.write(text.slice(OUTPUT_MARKER.length) + '\n');
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => finish(code));
    const timer = setTimeout(() => finish('timeout'), timeoutS * 1000);
    await page.goto(server.url(args.folder ?? scratch.dir, { extensionDevelopmentPath: args.devPaths, extensionTestsPath: args.testsPath }));
    const code = await Promise.race([finished, server.exited.then((c) => `code-server exited (${c})`)]);
    clearTimeout(timer);
    if (code === 0) return 0;
    if (typeof code === 'string') {
      process.stderr.write(`code-server shim: ${code === 'timeout' ? `no result from the extension host within ${timeoutS} s` : code}\n`);
      const shot = path.join(ARTIFACTS, 'integration', 'no-result.png');
      fs.mkdirSync(path.dirname(shot), { recursive: true });
      await page.screenshot({ path: shot }).then(() => process.stderr.write(`the workbench then: ${shot}\n`), () => undefined);
      process.stderr.write(`code-server log (last lines):\n${tail(logFile, 40)}\n`);
    }
    return 1;
  } finally {
    await ui?.close();
    await server.stop();
  }
}

function tail(file: string, n: number): string {
  try { return fs.readFileSync(file, 'utf8').split('\n').slice(-n).join('\n'); } catch { return '(no log)'; }
}

/** Run as the executable (test/vscode/code-server-shim): exits with the extension host's code. */
export function runShim(): void {
  main().then((code) => process.exit(code), (e: unknown) => {
    process.stderr.write(`code-server shim: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
