/**
 * The real VS Code used by the integration and e2e tests and by `npm start`: code-server
 * (the VS Code server and web workbench, from npm) on Node 24 (from npm too), installed on
 * first use into the ignored folder `.cache/vscode-test/`. Nothing goes into the home folder:
 * every process gets XDG_* and TMPDIR in a scratch folder, which is removed afterwards.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '../../..');
export const CACHE = path.join(ROOT, '.cache', 'vscode-test');
export const ARTIFACTS = path.join(ROOT, 'artifacts');
export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_MAJOR = '24';
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const NODE_DIR = path.join(CACHE, `node${NODE_MAJOR}`);
const CODE_SERVER_DIR = path.join(CACHE, 'code-server');

export interface VsCodeInstall {
  /** Node 24's folder (bin/node, include/node). */
  readonly nodeHome: string;
  readonly node: string;
  /** code-server's entry script, run with `node`. */
  readonly entry: string;
}

const log = (m: string) => process.stderr.write(`[vscode-test] ${m}\n`);

/**
 * `env` without what an enclosing `npm run` exported (npm_config_*, npm_lifecycle_*, ...):
 * npm reads npm_config_* as its own config, so the outer npm's user agent ("node/v20")
 * would reach code-server's install script, which checks it for Node 24.
 * npm_config_nodedir (set here to Node 24's headers) is kept.
 */
function withoutNpmRunEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(env)) if (!/^npm_/i.test(k) || k === 'npm_config_nodedir') out[k] = v;
  return out;
}

/** 95 s -> "1 min 35 s". */
export const elapsed = (ms: number): string => {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
};

/** Lines of a build that say what it is doing (node-gyp's steps, npm's script headers). */
const STEP = /^(?:(?:CXX|CC|LINK|SOLINK|SOLINK_MODULE|ACTION|COPY|TOUCH)\(target\)|> |gyp info (?:spawn|using)|added \d+ packages)/;

/** The clock the progress line reads and ticks on (a fake one in the unit tests). */
export interface Clock {
  now(): number;
  setInterval(f: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}
const realClock: Clock = {
  now: () => Date.now(),
  setInterval: (f, ms) => setInterval(f, ms),
  clearInterval: (h) => clearInterval(h as NodeJS.Timeout),
};

export interface ProgressOptions {
  /** Between two lines; 20 s by default (a user should hear from a long install at least every 30 s). */
  everyMs?: number;
  clock?: Clock;
  say?: (m: string) => void;
}

/**
 * Says every `everyMs` what runs (`what`), for how long, and the last step of its output
 * that `take` was given (a build step such as `CXX(target) …`, else its last line of words;
 * compiler excerpts `12 |   ^~~~` are not steps). `stop()` ends the ticking.
 */
export function progressTicker(what: string, o: ProgressOptions = {}): { take(text: string, stream?: 'out' | 'err'): void; stop(): void } {
  const clock = o.clock ?? realClock;
  const say = o.say ?? log;
  const started = clock.now();
  let last = '', step = '';
  const partial = { out: '', err: '' };
  const read = (line: string) => {
    const l = line.trim();
    if (STEP.test(l)) step = l.slice(0, 160);
    else if (/[A-Za-z]{3}/.test(l) && !/^(\d+\s*)?\|/.test(l)) last = l.slice(0, 160);
  };
  const timer = clock.setInterval(() => {
    const doing = step || last;
    say(`${what}: ${elapsed(clock.now() - started)} so far${doing ? ` (last: ${doing})` : ''}`);
  }, o.everyMs ?? 20_000);
  return {
    take(text, stream = 'out') {
      // output comes in chunks that may end inside a line: only whole lines are read, per stream
      const lines = (partial[stream] + text).split(/\r?\n/);
      partial[stream] = lines.pop()!.slice(-1000);
      lines.forEach(read);
    },
    stop() { clock.clearInterval(timer); },
  };
}

/**
 * Run a long command quietly, with `progressTicker`'s line every `everyMs`. Its whole output
 * is kept (and printed by the caller when it fails).
 */
export function runWithProgress(command: string, args: readonly string[], o: ProgressOptions & {
  cwd: string; env: NodeJS.ProcessEnv; what: string;
}): Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }> {
  const chunks: string[] = [];
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: o.cwd, env: o.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const progress = progressTicker(o.what, o);
    const take = (stream: 'out' | 'err') => (b: Buffer) => {
      const s = b.toString('utf8');
      chunks.push(s);
      progress.take(s, stream);
    };
    child.stdout.on('data', take('out'));
    child.stderr.on('data', take('err'));
    child.on('error', (e) => { progress.stop(); reject(e); });
    child.on('close', (code, signal) => { progress.stop(); resolve({ code, signal, output: chunks.join('') }); });
  });
}

/** A private npm project in `dir` with `pkg` installed; npm runs with `env`. */
async function npmInstall(dir: string, pkg: string, env: NodeJS.ProcessEnv, hint: string): Promise<void> {
  // what an interrupted install left behind makes npm fail (a half-extracted package): start clean
  fs.rmSync(path.join(dir, 'node_modules'), { recursive: true, force: true, maxRetries: 3 });
  fs.rmSync(path.join(dir, 'package-lock.json'), { force: true });
  fs.mkdirSync(dir, { recursive: true });
  const manifest = path.join(dir, 'package.json');
  if (!fs.existsSync(manifest)) fs.writeFileSync(manifest, JSON.stringify({ name: path.basename(dir), private: true }) + '\n');
  log(`installing ${pkg} into ${path.relative(ROOT, dir)} (first use only; code-server builds native modules, several minutes on 2 cores)`);
  const started = Date.now();
  // --foreground-scripts: the build scripts' output comes to us, so the progress line can say what is being built
  const r = await runWithProgress('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--foreground-scripts', pkg], {
    cwd: dir, env: withoutNpmRunEnv(env), what: `installing ${pkg}`,
  });
  if (r.code !== 0) {
    process.stderr.write(r.output.split('\n').slice(-60).join('\n') + '\n');
    throw new Error(`npm install ${pkg} failed (exit ${r.code ?? r.signal}) in ${dir}. ${hint}`);
  }
  log(`${pkg} installed in ${elapsed(Date.now() - started)}`);
}

/** Node 24 and code-server, installed on first use. Throws with what to install when that fails. */
export async function ensureVsCode(): Promise<VsCodeInstall> {
  if (process.platform !== 'linux') {
    throw new Error('code-server from npm is set up for Linux only; on another system set VSCODE_EXECUTABLE to a desktop VS Code (see README).');
  }
  const arch = process.arch === 'arm64' ? 'arm64' : 'x64';
  const nodeHome = path.join(NODE_DIR, 'node_modules', `node-linux-${arch}`);
  const node = path.join(nodeHome, 'bin', 'node');
  if (!fs.existsSync(node)) {
    await npmInstall(NODE_DIR, `node-linux-${arch}@${NODE_MAJOR}`, process.env, 'Node 24 comes from the npm registry: check that npm can reach it.');
  }
  const pkg = path.join(CODE_SERVER_DIR, 'node_modules', 'code-server');
  const entry = path.join(pkg, 'out', 'node', 'entry.js');
  const kerberos = path.join(pkg, 'lib', 'vscode', 'node_modules', 'kerberos', 'build', 'Release', 'kerberos.node');
  const installed = () => fs.existsSync(entry) && fs.existsSync(kerberos) && readVersion(pkg) === CODE_SERVER_VERSION;
  if (!installed()) {
    // code-server's install script checks that npm runs on Node 24, and its native modules
    // must be built against Node 24's headers (the machine's npm config may name another nodedir).
    const env = { ...process.env, PATH: `${path.join(nodeHome, 'bin')}${path.delimiter}${process.env.PATH ?? ''}`, npm_config_nodedir: nodeHome };
    await npmInstall(CODE_SERVER_DIR, `code-server@${CODE_SERVER_VERSION}`, env,
      'code-server builds native modules: install a C++ toolchain and the Kerberos headers (Debian: apt-get install -y build-essential libkrb5-dev), then run again.');
    if (!installed()) {
      throw new Error(`code-server installed without ${fs.existsSync(entry) ? 'its kerberos module' : 'out/node/entry.js'}: install libkrb5-dev (apt-get install -y libkrb5-dev), delete ${CODE_SERVER_DIR} and run again.`);
    }
  }
  return { nodeHome, node, entry };
}

function readVersion(pkg: string): string | undefined {
  try {
    return (JSON.parse(fs.readFileSync(path.join(pkg, 'package.json'), 'utf8')) as { version?: string }).version;
  } catch {
    return undefined;
  }
}

export function ensureChromium(): string {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: install Debian's (apt-get install -y chromium) or set CHROMIUM_PATH. Tests never download a browser.`);
  }
  return CHROMIUM;
}

/** A scratch folder for one run: XDG_* and TMPDIR point into it, and `remove()` deletes it. */
export interface Scratch {
  readonly dir: string;
  /** The environment for child processes: XDG_* and TMPDIR inside the scratch folder, PORT unset. */
  readonly env: NodeJS.ProcessEnv;
  remove(): void;
}

export function createScratch(label: string): Scratch {
  // In the system temp folder, also for processes started with TMPDIR inside another scratch
  // folder: socket paths (Chromium's, the extension host's) must stay short.
  const base = process.env.JACOBIAN_LENS_TMP_BASE ?? os.tmpdir();
  const dir = fs.mkdtempSync(path.join(base, `jacobian-lens-${label}-`));
  const sub = (name: string) => { const p = path.join(dir, name); fs.mkdirSync(p, { recursive: true, mode: 0o700 }); return p; };
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    XDG_CONFIG_HOME: sub('xdg-config'),
    XDG_DATA_HOME: sub('xdg-data'),
    XDG_CACHE_HOME: sub('xdg-cache'),
    XDG_STATE_HOME: sub('xdg-state'),
    XDG_RUNTIME_DIR: sub('xdg-runtime'),
    TMPDIR: sub('tmp'),
    JACOBIAN_LENS_TMP_BASE: base,
  };
  delete env.PORT; // code-server lets $PORT override --bind-addr
  return { dir, env, remove: () => fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 }) };
}

/** Point this process's own temp and XDG folders (Playwright, Chromium's crash reports) at the scratch folder. */
export function useScratchInProcess(s: Scratch): void {
  // JACOBIAN_LENS_TMP_BASE too: a second scratch in this process (the next e2e file) must not be made inside this one's TMPDIR, which is removed.
  for (const k of ['XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME', 'XDG_RUNTIME_DIR', 'TMPDIR', 'JACOBIAN_LENS_TMP_BASE']) process.env[k] = s.env[k];
}
