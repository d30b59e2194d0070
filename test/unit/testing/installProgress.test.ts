import * as assert from 'node:assert/strict';
import { Clock, elapsed, progressTicker, runWithProgress } from '../../vscode/env';

/** A clock that moves only when told: `tick(ms)` runs the intervals due on the way, in order. */
class FakeClock implements Clock {
  private t = 1_000_000;
  private timers = new Map<number, { f: () => void; every: number; next: number }>();
  private ids = 0;
  now(): number { return this.t; }
  setInterval(f: () => void, ms: number): unknown {
    this.timers.set(++this.ids, { f, every: ms, next: this.t + ms });
    return this.ids;
  }
  clearInterval(h: unknown): void { this.timers.delete(h as number); }
  get pending(): number { return this.timers.size; }
  tick(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const due = [...this.timers.values()].filter((x) => x.next <= end).sort((a, b) => a.next - b.next)[0];
      if (!due) break;
      this.t = due.next;
      due.next += due.every;
      due.f();
    }
    this.t = end;
  }
}

describe('the first install of code-server says how it goes', () => {
  it('over an eight-minute build, a line at most every 30 s: what is installed, the time so far, the last build step', () => {
    const clock = new FakeClock();
    const said: { at: number; m: string }[] = [];
    const p = progressTicker('installing code-server@4.139.1', { clock, say: (m) => said.push({ at: clock.now(), m }) });
    clock.tick(10_000);
    assert.equal(said.length, 0, 'nothing before the first interval');
    p.take('npm http fetch GET 200 https://registry.npmjs.org/code-server 120ms\n');
    clock.tick(10_000);
    assert.equal(said.at(-1)!.m, 'installing code-server@4.139.1: 20 s so far (last: npm http fetch GET 200 https://registry.npmjs.org/code-server 120ms)');
    // a build step outranks the compiler's warnings and excerpts that follow it; a line split over two chunks is read whole
    p.take('  CXX(target) Release/obj.target/kerb', 'err');
    p.take('eros/src/kerberos.o\n', 'err');
    p.take('../src/kerberos.cc:12:5: warning: unused variable\n   12 |   int x;\n      |       ^\n', 'err');
    clock.tick(20_000);
    assert.equal(said.at(-1)!.m, 'installing code-server@4.139.1: 40 s so far (last: CXX(target) Release/obj.target/kerberos/src/kerberos.o)');
    for (let t = 40_000; t < 480_000; t += 5_000) {
      if (t % 60_000 === 0) p.take(`  CXX(target) Release/obj.target/spdlog/step${t / 1000}.o\n`);
      clock.tick(5_000);
    }
    assert.equal(said.at(-1)!.m, 'installing code-server@4.139.1: 8 min 0 s so far (last: CXX(target) Release/obj.target/spdlog/step420.o)');
    assert.equal(said.length, 24);
    const gaps = said.map((s, i) => s.at - (i ? said[i - 1].at : clock.now() - 480_000));
    assert.ok(gaps.every((g) => g <= 30_000), `gaps ${gaps}`);
    p.stop();
    assert.equal(clock.pending, 0);
    clock.tick(60_000);
    assert.equal(said.length, 24, 'silent once stopped');
  });

  it('runs a command quietly, keeps its output, and stops ticking when it ends', async () => {
    const clock = new FakeClock();
    const said: string[] = [];
    const script = 'console.log("fetching"); setTimeout(() => console.error("CXX(target) kerberos.o"), 400); setTimeout(() => {}, 800)';
    const run = runWithProgress(process.execPath, ['-e', script], { cwd: process.cwd(), env: process.env, what: 'installing x', clock, say: (m) => said.push(m) });
    let done = false;
    void run.finally(() => { done = true; });
    // move the fake clock by one interval for every 40 ms of real time while the command runs
    while (!done) {
      await new Promise((r) => setTimeout(r, 40));
      clock.tick(20_000);
    }
    const r = await run;
    assert.equal(r.code, 0);
    assert.match(r.output, /fetching[\s\S]*CXX\(target\) kerberos\.o/);
    assert.ok(said.some((m) => m.endsWith('so far (last: fetching)')), said.join('\n'));
    assert.match(said.at(-1)!, /^installing x: \d+ (min \d+ )?s so far \(last: CXX\(target\) kerberos\.o\)$/);
    assert.equal(clock.pending, 0, 'the ticker stopped with the command');
  });

  it('a failing command gives its exit code and output; a missing one rejects and stops ticking', async () => {
    const r = await runWithProgress(process.execPath, ['-e', 'console.error("gyp ERR! missing krb5.h"); process.exit(3)'], { cwd: process.cwd(), env: process.env, what: 'x', say: () => undefined });
    assert.equal(r.code, 3);
    assert.match(r.output, /krb5\.h/);
    const clock = new FakeClock();
    await assert.rejects(runWithProgress('/nonexistent/npm', [], { cwd: process.cwd(), env: process.env, what: 'x', clock, say: () => undefined }));
    assert.equal(clock.pending, 0);
  });

  it('elapsed time reads in seconds, then minutes', () => {
    assert.equal(elapsed(4_400), '4 s');
    assert.equal(elapsed(95_000), '1 min 35 s');
    assert.equal(elapsed(480_000), '8 min 0 s');
  });
});
