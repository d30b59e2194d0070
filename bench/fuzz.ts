/**
 * `npm run fuzz [-- --count N --seed S --out DIR --jobs 1|2 --only NAME [--list | --write SEED]]`: seeded fuzzing of
 * the three front ends through the core API. Inputs are mutations of the examples and test
 * fixtures (spans deleted, repeated, swapped; tokens that stress readers inserted: deep
 * brackets, huge numbers, `constructor`, unclosed delimiters; `--only` keeps the seed files
 * whose name contains NAME) and maps generated from a grammar, written as ```transform
 * blocks, LaTeX and TypeScript. A pool of one or two long-lived child processes checks them
 * one at a time each, under a wall-clock watchdog; a child is killed and replaced only when
 * an input hangs past the watchdog or crashes it. bench/fuzzChecks.ts says what is checked.
 * Printed: inputs, escaped exceptions, inputs over 2 s of processor time (parse and analysis
 * together, measured in the child after a collection of the previous input's garbage: the
 * machine's load does not count), hangs, crashed processes, schema problems and det J
 * mismatches; each failing input is written to DIR (default: fuzz-out/) at once, to be added
 * to test/fuzz-regressions/ once understood. After the run, every watchdog hit and every input
 * over 2 s is run again alone, each in a fresh process, and printed apart ("hangs confirmed
 * alone": bench/fuzzAlone.ts). SIGINT or SIGTERM stops the run and prints the figures reached
 * (then the second look; a second signal skips it). Exit code 1 when anything failed.
 * `--list` prints the run's inputs without checking them (order, seed, origin, length);
 * `--write SEED` writes the input of that seed (a failing input's label names it) to DIR. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type ChildProcess, execFileSync, fork } from 'node:child_process';
import { checkInput, random, type Verdict } from './fuzzChecks';
import { aloneLine, aloneSummary, type AloneRun, type HitKind } from './fuzzAlone';

interface Input { readonly file: string; readonly text: string; readonly seed: number; readonly origin: string }

/** Parse and analysis together past this is "over the budget" (the engine's 2 s plus a margin for the machine). */
const OVER_MS = 2000;
const WATCHDOG_MS = 20_000;
/** The second look at a hit, alone in a fresh process, waits longer: a hang there is not the load's. */
const ALONE_WATCHDOG_MS = 3 * WATCHDOG_MS;


// ---------------------------------------------------------------------------------------
// Inputs

const root = path.resolve(__dirname, '..');
function seeds(): Array<{ file: string; text: string }> {
  const out: Array<{ file: string; text: string }> = [];
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) { if (e.name !== 'corpus') walk(p); } else if (/\.(md|ts|js|tex)$/.test(e.name)) out.push({ file: e.name, text: fs.readFileSync(p, 'utf8') });
    }
  };
  walk(path.join(root, 'examples'));
  walk(path.join(root, 'test/fixtures'));
  return out.sort((a, b) => a.file.localeCompare(b.file) || a.text.localeCompare(b.text));
}

const TOKENS = ['(', ')', '[', ']', '{', '}', '\\left(', '\\right)', '\\frac{', '^', '_', '1e308', '1e309', '-0', 'NaN', 'Infinity', 'constructor', 'toString',
  '__proto__', 'valueOf', '$', '$$', '```', '\n', '\n\n', '\\begin{pmatrix}', '\\end{pmatrix}', '&', '\\\\', '\\exp', 'exp(', 'log(', 'sqrt(', '/', '*', '**',
  '=', '->', '∘', '…', 'domain: x in [0, 1]', '<!--', '`', '[[', "'", '\\prime', '\\newcommand{\\f}{x}', 'return ', ';', '=>', 'Math.', '0.1', '3', 'x', 'y', 'z', ' '];

function mutate(text: string, rnd: () => number): string {
  let t = text;
  const steps = 1 + Math.floor(rnd() * 4);
  for (let s = 0; s < steps; s++) {
    const a = Math.floor(rnd() * (t.length + 1)), b = Math.min(t.length, a + Math.floor(rnd() * 40));
    switch (Math.floor(rnd() * 6)) {
      case 0: t = t.slice(0, a) + t.slice(b); break;
      case 1: t = t.slice(0, a) + TOKENS[Math.floor(rnd() * TOKENS.length)] + t.slice(a); break;
      case 2: t = t.slice(0, b) + t.slice(a, b).repeat(1 + Math.floor(rnd() * (rnd() < 0.1 ? 2000 : 5))) + t.slice(b); break;
      case 3: { const c = Math.floor(rnd() * (t.length + 1)); t = t.slice(0, c) + t.slice(a, b) + t.slice(c); break; }
      case 4: t = t.slice(0, a) + TOKENS[Math.floor(rnd() * TOKENS.length)].repeat(1 + Math.floor(rnd() * 300)) + t.slice(a); break;
      default: t = t.slice(0, a); break;
    }
  }
  return t;
}

/** A random expression in the variables, as a tree the three writers print. */
type G = { k: 'v'; i: number } | { k: 'n'; v: number } | { k: 'op'; op: '+' | '-' | '*' | '/' | '^'; a: G; b: G } | { k: 'fn'; f: string; a: G };
const FNS = ['sin', 'cos', 'exp', 'log', 'sqrt', 'tanh', 'atan'];
function expr(rnd: () => number, n: number, depth: number): G {
  const r = rnd();
  if (depth <= 0 || r < 0.25) return rnd() < 0.7 ? { k: 'v', i: Math.floor(rnd() * n) } : { k: 'n', v: Math.round(rnd() * 9) + 1 };
  if (r < 0.4) return { k: 'fn', f: FNS[Math.floor(rnd() * FNS.length)], a: expr(rnd, n, depth - 1) };
  const op = (['+', '-', '*', '/', '^'] as const)[Math.floor(rnd() * 5)];
  return { k: 'op', op, a: expr(rnd, n, depth - 1), b: op === '^' ? { k: 'n', v: 2 + Math.floor(rnd() * 3) } : expr(rnd, n, depth - 1) };
}
const VARS = ['x', 'y', 'z', 'w'];
function plain(g: G, ts = false): string {
  switch (g.k) {
    case 'v': return VARS[g.i];
    case 'n': return String(g.v);
    case 'fn': return `${ts ? 'Math.' : ''}${g.f}(${plain(g.a, ts)})`;
    default: return `(${plain(g.a, ts)} ${g.op === '^' && ts ? '**' : g.op} ${plain(g.b, ts)})`;
  }
}
function latex(g: G): string {
  switch (g.k) {
    case 'v': return VARS[g.i];
    case 'n': return String(g.v);
    case 'fn': return g.f === 'sqrt' ? `\\sqrt{${latex(g.a)}}` : `\\${g.f === 'atan' ? 'arctan' : g.f}\\left(${latex(g.a)}\\right)`;
    default:
      if (g.op === '/') return `\\frac{${latex(g.a)}}{${latex(g.b)}}`;
      if (g.op === '^') return `\\left(${latex(g.a)}\\right)^{${latex(g.b)}}`;
      return `\\left(${latex(g.a)} ${g.op === '*' ? '\\cdot' : g.op} ${latex(g.b)}\\right)`;
  }
}

function generated(rnd: () => number, k: number): { file: string; text: string } {
  const n = 1 + Math.floor(rnd() * 3);
  const vs = VARS.slice(0, n);
  const comps = vs.map(() => expr(rnd, n, 1 + Math.floor(rnd() * 4)));
  switch (k % 3) {
    case 0: return { file: 'gen.md', text: `\`\`\`transform\ng(${vs.join(', ')}) = (${comps.map((c) => plain(c)).join(', ')})\ndomain: ${vs.map((v) => `${v} in [0.5, 2]`).join(', ')}\n\`\`\`\n` };
    case 1: return { file: 'gen.md', text: `A map:\n\n$$g(${vs.join(', ')}) = \\begin{pmatrix} ${comps.map(latex).join(' \\\\ ')} \\end{pmatrix}$$\n\nwith $${vs.map((v) => `0.5 < ${v} < 2`).join(', ')}$.\n` };
    default: return { file: 'gen.ts', text: `/** @transform */\nexport function g(${vs.map((v) => `${v}: number`).join(', ')}): number[] {\n  return [${comps.map((c) => plain(c, true)).join(', ')}];\n}\n` };
  }
}

function* inputs(count: number, seed: number, only = ''): Generator<Input> {
  const base = seeds().filter((s) => s.file.includes(only));
  const rnd = random(seed);
  for (let k = 0; k < count; k++) {
    const s = Math.floor(rnd() * 2 ** 31);
    const r = random(s);
    if (k % 2 === 0 && base.length) {
      const from = base[Math.floor(r() * base.length)];
      yield { file: from.file.replace(/^.*(\.\w+)$/, 'mutant$1'), text: mutate(from.text, r), seed: s, origin: `mutation of ${from.file}` };
    } else {
      const g = generated(r, k >> 1);
      yield { ...g, text: r() < 0.3 ? mutate(g.text, r) : g.text, seed: s, origin: 'grammar' };
    }
  }
}

// ---------------------------------------------------------------------------------------
// Driver: a pool of long-lived children

/** A child process that checks many inputs, one at a time; replaced only when an input hangs or crashes it. */
class Checker {
  private proc!: ChildProcess;
  private pending: { resolve: (v: Verdict | { failure: string }) => void; timer: NodeJS.Timeout } | null = null;
  private ready!: Promise<void>;
  /** Stopped for good: an input pending then is never answered, and no child is started again. */
  private stopped = false;
  /** Every checker alive, stopped when the run exits (a hanging child is not left behind). */
  static readonly live = new Set<Checker>();
  constructor() { Checker.live.add(this); this.start(); }

  private start(): void {
    // --expose-gc: the child collects before each input, so that one input's garbage is not charged to the next
    this.proc = fork(__filename, ['--child'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: ['--expose-gc', '--max-old-space-size=2048'] });
    this.proc.on('message', (v: Verdict) => this.settle(v));
    this.proc.on('exit', (code, signal) => this.settle({ failure: `the process ended (${signal ?? `exit code ${code}`})` }));
    // the first documents of each kind load KaTeX and the TypeScript compiler: not timed
    this.ready = (async () => {
      for (const file of ['warm.md', 'warm.ts']) await this.send({ file, text: WARM_UP, seed: 1, origin: 'warm-up' }, WATCHDOG_MS * 3);
    })();
  }

  private settle(v: Verdict | { failure: string }): void {
    const p = this.pending;
    if (!p) return;
    this.pending = null;
    clearTimeout(p.timer);
    p.resolve(v);
  }

  private send(input: Input, ms: number): Promise<Verdict | { failure: string }> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => { this.settle({ failure: `no answer within ${ms / 1000} s` }); }, ms);
      this.pending = { resolve, timer };
      // a child stopped meanwhile (the run was stopped during its warm-up) answers nothing
      if (!this.proc.connected) this.settle({ failure: 'the process was stopped' });
      else this.proc.send(input, (e) => { if (e) this.settle({ failure: `the process was stopped (${e.message})` }); });
    });
  }

  /** The verdict on one input, or why the child gave none (then it is replaced). */
  async check(input: Input): Promise<Verdict | { failure: string }> {
    await this.ready;
    const v = await this.send(input, WATCHDOG_MS);
    if ('failure' in v && !this.stopped) { this.proc.removeAllListeners(); this.proc.kill('SIGKILL'); this.start(); }
    return v;
  }

  stop(): void {
    this.stopped = true;
    Checker.live.delete(this);
    if (this.pending) { clearTimeout(this.pending.timer); this.pending = null; }
    this.proc.removeAllListeners();
    this.proc.kill('SIGKILL');
  }

  /** The child's processor time so far (user and system, from /proc on Linux; undefined elsewhere). */
  private childCpuMs(): number | undefined {
    try {
      // fields after the command's name: state is the 3rd, utime the 14th, stime the 15th
      const f = fs.readFileSync(`/proc/${this.proc.pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
      return ((Number(f[11]) + Number(f[12])) * 1000) / clockTicks();
    } catch { return undefined; }
  }

  /** One input in this (fresh) child, measured: processor and wall time; the child is stopped after. */
  async alone(input: Input, kind: HitKind, label: string): Promise<AloneRun> {
    await this.ready;
    const cpu0 = this.childCpuMs(), t0 = Date.now();
    const v = await this.send(input, ALONE_WATCHDOG_MS);
    const wallMs = Date.now() - t0, cpu1 = this.childCpuMs();
    this.stop();
    if ('failure' in v) {
      const answered = false, crashed = !v.failure.startsWith('no answer');
      return { kind, label, answered, crashed, wallMs, cpuMs: cpu0 !== undefined && cpu1 !== undefined ? cpu1 - cpu0 : undefined };
    }
    return { kind, label, answered: true, cpuMs: v.ms, wallMs };
  }
}

let ticks: number | undefined;
/** Clock ticks per second of /proc's times. */
function clockTicks(): number {
  if (ticks === undefined) {
    try { ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100; } catch { ticks = 100; }
  }
  return ticks;
}

/** Every watchdog hit and every input over the budget, run again alone: one at a time, each in a fresh process. */
async function confirmAlone(hits: ReadonlyArray<{ input: Input; kind: HitKind; label: string }>): Promise<AloneRun[]> {
  const runs: AloneRun[] = [];
  for (const h of hits) {
    const r = await new Checker().alone(h.input, h.kind, h.label);
    console.log(aloneLine(r, OVER_MS));
    runs.push(r);
  }
  return runs;
}

const WARM_UP = '```transform\nf(x, y) = (x, y)\n```\n$$g(x) = x^2$$\n';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const opt = (name: string, d: string) => { const i = argv.indexOf(`--${name}`); return i >= 0 ? argv[i + 1] : d; };
  const count = Number(opt('count', '200')), seed = Number(opt('seed', '1')), outDir = path.resolve(opt('out', 'fuzz-out'));
  // at most 2 children: the machine is shared, and each child's processor time is what is measured
  const jobs = Math.max(1, Math.min(2, Number(opt('jobs', '1'))));
  const only = opt('only', '');
  // the inputs of a run without checking them: one line each (generation order, seed, origin,
  // size), or the input of one seed written out to be run alone or added to the regressions
  if (argv.includes('--list') || argv.includes('--write')) {
    const want = argv.includes('--write') ? Number(opt('write', 'NaN')) : null;
    let k = 0;
    for (const input of inputs(count, seed, only)) {
      if (want === null) console.log(`${k} seed ${input.seed} ${input.origin} ${input.text.length}`);
      else if (input.seed === want) {
        fs.mkdirSync(outDir, { recursive: true });
        const file = path.join(outDir, `seed-${input.seed}${path.extname(input.file)}`);
        fs.writeFileSync(file, input.text);
        console.log(`${file}: input ${k} of seed ${seed}, ${input.origin}, ${input.text.length} characters`);
        return;
      }
      k++;
    }
    if (want !== null) { console.log(`no input of seed ${want} among the first ${count} of seed ${seed}`); process.exitCode = 1; }
    return;
  }
  const pool = Array.from({ length: jobs }, () => new Checker());
  const tally = { inputs: 0, escaped: 0, over: 0, hangs: 0, crashes: 0, problems: 0, detMismatches: 0, maps: 0, slowest: 0, cpu: 0, handling: 0 };
  let failed = 0;
  const started = Date.now();
  const summary = (how: string) => `fuzz seed ${seed}${how}: ${tally.inputs} inputs (${tally.maps} maps) in ${Math.round((Date.now() - started) / 1000)} s; ` +
    `${tally.escaped} escaped exceptions, ${tally.over} over ${OVER_MS / 1000} s, ${tally.hangs} hangs, ${tally.crashes} crashed processes, ` +
    `${tally.problems} with schema problems, ${tally.detMismatches} with det J mismatches; slowest ${tally.slowest} ms; ` +
    `processor time ${Math.round(tally.cpu / 1000)} s in parse and analysis, ${Math.round((tally.handling - tally.cpu) / 1000)} s in the checks` +
    (failed ? `; inputs written to ${path.relative(process.cwd(), outDir) || '.'}` : '');
  const hits: Array<{ input: Input; kind: HitKind; label: string }> = [];
  const record = (input: Input, why: string, kind?: HitKind) => {
    failed++;
    const label = `#${tally.inputs} (${input.origin}, seed ${input.seed})`;
    if (kind) hits.push({ input, kind, label });
    console.log(`${label}: ${why}`);
    // written at once, so that a run stopped early keeps what it found
    fs.mkdirSync(outDir, { recursive: true });
    const name = `seed-${input.seed}${path.extname(input.file)}`;
    fs.writeFileSync(path.join(outDir, name), input.text);
    fs.writeFileSync(path.join(outDir, `${name}.why.txt`), `${input.origin}: ${why}\n`);
  };
  // the hits run again alone after the run (or after a stop), their figures printed apart
  const finish = async (how: string) => {
    pool.forEach((c) => c.stop());
    console.log(summary(how));
    if (hits.length) {
      console.log(`running ${hits.length} watchdog hits and inputs over ${OVER_MS / 1000} s again alone (a fresh process each, watchdog ${ALONE_WATCHDOG_MS / 1000} s):`);
      console.log(aloneSummary(await confirmAlone(hits), OVER_MS));
    }
    process.exit(failed ? 1 : 0);
  };
  // a run stopped by a signal still prints its figures (a second signal: at once, without the second look)
  let stopping = false;
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.on(sig, () => {
      if (stopping) { [...Checker.live].forEach((c) => c.stop()); console.log(summary(' (stopped)')); process.exit(failed ? 1 : 0); }
      stopping = true;
      void finish(' (stopped)');
    });
  }

  const source = inputs(count, seed, only);
  const run = async (checker: Checker) => {
    for (let next = source.next(); !next.done; next = source.next()) {
      const input = next.value;
      const v = await checker.check(input);
      if (stopping) return;
      tally.inputs++;
      let why = '';
      let kind: HitKind | undefined;
      if ('failure' in v) {
        kind = v.failure.startsWith('no answer') ? 'hang' : undefined;
        if (kind) tally.hangs++; else tally.crashes++;
        why = v.failure;
      } else {
        tally.maps += v.maps;
        tally.cpu += v.ms; tally.handling += (v as Verdict & { handlingMs: number }).handlingMs;
        tally.slowest = Math.max(tally.slowest, v.ms);
        if (v.escaped) { tally.escaped++; why = `escaped: ${v.escaped}`; }
        else if (v.ms > OVER_MS) { tally.over++; kind = 'over'; why = `took ${v.ms} ms of processor time`; }
        else if (v.problems.length) { tally.problems++; why = v.problems.join('; '); }
        else if (v.detMismatches.length) { tally.detMismatches++; why = v.detMismatches.join('; '); }
      }
      if (why) record(input, why, kind);
      if (tally.inputs % 1000 === 0) {
        const s = (Date.now() - started) / 1000;
        console.log(`… ${tally.inputs} inputs, ${Math.round(s)} s (${(tally.inputs / s).toFixed(1)} inputs/s)`);
      }
    }
  };
  await Promise.all(pool.map(run));
  if (!stopping) { stopping = true; await finish(''); }
}

if (process.argv.includes('--child')) {
  const gc = (globalThis as { gc?: (o?: { type: 'minor' | 'major'; execution: 'sync' }) => void }).gc;
  process.on('message', (input: Input) => {
    const cpu = process.cpuUsage();
    // the young generation is collected before each input (cheap); an input measured over the
    // budget is measured again after a full collection, so that garbage left by the inputs
    // before it is not charged to it
    gc?.({ type: 'minor', execution: 'sync' });
    const check = (): Verdict => {
      try { return checkInput(input.text, input.file, input.seed); } catch (e) { return { escaped: `checker: ${(e as Error).message}`, problems: [], detMismatches: [], ms: 0, wallMs: 0, maps: 0 }; }
    };
    let v = check();
    if (v.ms > OVER_MS && gc) { gc({ type: 'major', execution: 'sync' }); v = { ...check(), firstMs: v.ms } as Verdict; }
    const used = process.cpuUsage(cpu);
    process.send!({ ...v, handlingMs: (used.user + used.system) / 1000 });
  });
} else {
  void main();
}
