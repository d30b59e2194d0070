/**
 * Start code-server on 127.0.0.1 and open its workbench in Debian's Chromium. Every process
 * started here is stopped by `stop()`, and also when this process exits or is interrupted
 * (code-server runs in its own process group, which is killed as a whole: the server, its
 * extension hosts and watchers).
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';
import { chromium, Browser, BrowserContext, Page } from 'playwright-core';
import { CACHE, ensureChromium, ensureVsCode, Scratch } from './env';

/** One file per running code-server, named by its process group id. */
export const PIDS = path.join(CACHE, 'pids');

/** Settings for a quiet workbench: no welcome page, trust prompt, telemetry or AI panels. */
export const QUIET_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
};

export interface CodeServerOptions {
  readonly scratch: Scratch;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  /** Fixed port; a free one when absent. */
  readonly port?: number;
  /** Honour `?payload=` (extensionDevelopmentPath, extensionTestsPath). Hides notification toasts. */
  readonly smokeTestDriver: boolean;
  /** Extra user settings written before the start (merged over QUIET_SETTINGS). */
  readonly settings?: Record<string, unknown>;
  /** Where code-server's own output goes; stdout/stderr of this process when absent. */
  readonly logFile?: string;
}

export interface CodeServer {
  readonly port: number;
  readonly origin: string;
  /** The workbench on `folder`, with the extension(s) under development and an optional test runner. */
  url(folder: string, payload?: { extensionDevelopmentPath?: string[]; extensionTestsPath?: string }): string;
  readonly exited: Promise<number | null>;
  stop(): Promise<void>;
}

/** Stop everything registered here when this process ends, however it ends. */
const cleanups = new Set<() => void>();
let hooked = false;
export function onProcessEnd(cleanup: () => void): () => void {
  cleanups.add(cleanup);
  if (!hooked) {
    hooked = true;
    const runAll = () => { for (const c of [...cleanups]) { try { c(); } catch { /* already gone */ } } cleanups.clear(); };
    process.on('exit', runAll);
    for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.on(sig, () => { runAll(); process.exit(sig === 'SIGINT' ? 130 : 143); });
    }
  }
  return () => cleanups.delete(cleanup);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address() as net.AddressInfo; s.close(() => resolve(port)); });
  });
}

function healthy(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    http.get({ host: '127.0.0.1', port, path: '/healthz', timeout: 1000 }, (r) => { r.resume(); resolve(r.statusCode === 200); })
      .on('error', () => resolve(false)).on('timeout', function (this: http.ClientRequest) { this.destroy(); resolve(false); });
  });
}

/** SIGTERM to the whole process group, SIGKILL if it is still there after a grace period. */
export async function killGroup(child: ChildProcess, graceMs = 3000): Promise<void> {
  const pid = child.pid;
  if (pid === undefined || child.exitCode !== null || child.signalCode !== null) { killGroupNow(pid); return; }
  const gone = new Promise<void>((r) => child.once('exit', () => r()));
  try { process.kill(-pid, 'SIGTERM'); } catch { return; }
  await Promise.race([gone, new Promise((r) => setTimeout(r, graceMs))]);
  killGroupNow(pid);
}

/** Synchronous SIGKILL of a process group (for exit handlers); no error when it is gone. */
export function killGroupNow(pid: number | undefined): void {
  if (pid === undefined) return;
  try { process.kill(-pid, 'SIGKILL'); } catch { /* gone */ }
}

export async function startCodeServer(o: CodeServerOptions): Promise<CodeServer> {
  const install = await ensureVsCode();
  const port = o.port ?? await freePort();
  fs.mkdirSync(path.join(o.userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(o.extensionsDir, { recursive: true });
  const settingsFile = path.join(o.userDataDir, 'User', 'settings.json');
  let existing: Record<string, unknown> = {};
  try { existing = JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as Record<string, unknown>; } catch { /* first start */ }
  fs.writeFileSync(settingsFile, JSON.stringify({ ...QUIET_SETTINGS, ...existing, ...o.settings }, null, 2));
  const config = path.join(o.scratch.dir, 'code-server.yaml');
  fs.writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const out = o.logFile ? fs.openSync(o.logFile, 'a') : 'inherit';
  const child = spawn(install.node, [
    install.entry, '--config', config, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    ...(o.smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    '--user-data-dir', o.userDataDir, '--extensions-dir', o.extensionsDir,
  ], { env: o.scratch.env, detached: true, stdio: ['ignore', out, out] });
  if (typeof out === 'number') fs.closeSync(out);
  // A record of the process group, for .ci/run's last-resort cleanup if this process is killed outright.
  const record = path.join(PIDS, String(child.pid));
  fs.mkdirSync(PIDS, { recursive: true });
  fs.writeFileSync(record, `${child.pid}\n`);
  const forget = onProcessEnd(() => { killGroupNow(child.pid); fs.rmSync(record, { force: true }); });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const stop = async () => { await killGroup(child); forget(); fs.rmSync(record, { force: true }); };

  const deadline = Date.now() + 60_000;
  while (!(await healthy(port))) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(`code-server exited (${child.exitCode ?? child.signalCode}) before it answered${o.logFile ? `; its log: ${o.logFile}` : ''}`);
    }
    if (Date.now() > deadline) { await stop(); throw new Error(`code-server did not answer on 127.0.0.1:${port} within 60 s`); }
    await new Promise((r) => setTimeout(r, 100));
  }
  const origin = `http://127.0.0.1:${port}`;
  const remote = (p: string) => `vscode-remote://127.0.0.1:${port}${path.resolve(p)}`;
  return {
    port, origin, exited, stop,
    url(folder, payload) {
      let u = `${origin}/?folder=${encodeURIComponent(path.resolve(folder))}`;
      const entries: [string, string][] = [
        ...(payload?.extensionDevelopmentPath ?? []).map((p): [string, string] => ['extensionDevelopmentPath', remote(p)]),
        ...(payload?.extensionTestsPath ? [['extensionTestsPath', remote(payload.extensionTestsPath)] as [string, string]] : []),
      ];
      if (entries.length) u += `&payload=${encodeURIComponent(JSON.stringify(entries))}`;
      return u;
    },
  };
}

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-dev-shm-usage',
];

export interface BrowserSession { browser: Browser; context: BrowserContext; page: Page; close(): Promise<void> }

/** Headless Debian Chromium (never a downloaded browser); Playwright closes it when this process ends. */
export async function launchBrowser(): Promise<BrowserSession> {
  const browser = await chromium.launch({ executablePath: ensureChromium(), headless: true, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const close = async () => { await browser.close().catch(() => undefined); };
  return { browser, context, page, close };
}
