/**
 * `npm start`: examples/ in a real VS Code with the extension under development loaded.
 * Desktop VS Code (`code` on PATH) when there is one; otherwise code-server on 127.0.0.1
 * (installed on first use into .cache/vscode-test/), printing the URL to open. Ctrl-C stops
 * everything. JACOBIAN_LENS_START=code-server skips the desktop; PORT_START picks the port.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startCodeServer } from './codeServer';
import { CACHE, ROOT, createScratch } from './env';

const EXAMPLES = path.join(ROOT, 'examples');

function onPath(cmd: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const p = path.join(dir, cmd);
    try { fs.accessSync(p, fs.constants.X_OK); return p; } catch { /* next */ }
  }
  return undefined;
}

function desktop(code: string): number {
  process.stdout.write(`Opening examples/ in ${code} with the extension under development.\n`);
  const r = spawnSync(code, ['--extensionDevelopmentPath', ROOT, EXAMPLES], { stdio: 'inherit' });
  return r.status ?? 1;
}

async function codeServer(): Promise<void> {
  const scratch = createScratch('start');
  // The workbench's own state (layout, open editors) is kept between starts, inside the cache.
  const state = path.join(CACHE, 'start');
  const server = await startCodeServer({
    scratch, smokeTestDriver: true,
    port: process.env.PORT_START ? Number(process.env.PORT_START) : undefined,
    userDataDir: path.join(state, 'user-data'), extensionsDir: path.join(state, 'extensions'),
    logFile: path.join(scratch.dir, 'code-server.log'),
  });
  const url = server.url(EXAMPLES, { extensionDevelopmentPath: [ROOT] });
  process.stdout.write([
    '',
    'VS Code (code-server) is running on examples/ with Jacobian Lens loaded. Open this URL in a browser:',
    '',
    `  ${url}`,
    '',
    'Notifications (e.g. invertibility verdicts) go to the Notification Center (the bell, bottom right).',
    'After `npm run build`, run "Developer: Reload Window" to load the new build. Ctrl-C stops the server.',
    '',
  ].join('\n'));
  // Ctrl-C: the exit hooks of codeServer.ts stop the server's process group; then the scratch folder goes.
  process.on('exit', () => scratch.remove());
  const code = await server.exited;
  process.stderr.write(`code-server exited (${code}); its log:\n${fs.readFileSync(path.join(scratch.dir, 'code-server.log'), 'utf8').split('\n').slice(-30).join('\n')}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  const code = process.env.JACOBIAN_LENS_START === 'code-server' ? undefined : onPath('code');
  if (code) process.exit(desktop(code));
  await codeServer();
}

main().catch((e: unknown) => {
  process.stderr.write(`npm start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
