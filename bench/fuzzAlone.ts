/**
 * The fuzzer's second look (bench/fuzz.ts): after a run, every input that hit the watchdog or
 * was measured over the budget is run again alone, one at a time, each in a fresh process,
 * and its processor time and wall time are measured. Under the machine's load a watchdog hit
 * (wall clock) may be an input that merely waited for a core; alone it says which it was.
 * This module is the pure part: how one such second run is classified, and the lines printed.
 */

/** Why an input was run again: no answer within the watchdog, or measured over the budget. */
export type HitKind = 'hang' | 'over';

/** One input's run alone. */
export interface AloneRun {
  readonly kind: HitKind;
  /** The input's name in the run's log (`#N (origin, seed S)`). */
  readonly label: string;
  /** The child answered within the watchdog. */
  readonly answered: boolean;
  /** The child ended (crashed) instead of answering. */
  readonly crashed?: boolean;
  /** Processor time: of parse and analysis when answered; of the whole child while waiting when not (undefined: could not be read). */
  readonly cpuMs?: number;
  /** Wall time from sending the input to the answer (or to the watchdog). */
  readonly wallMs: number;
}

/**
 * - `hang`: no answer alone either, and the child used at least the budget's processor time
 *   meanwhile (or its time could not be read): a real hang, to examine;
 * - `over`: answered alone, but parse and analysis took more than the budget of processor time;
 * - `starved`: no answer alone, yet the child had less than the budget of processor time: the
 *   machine's load, not the input;
 * - `within`: answered alone within the budget: the first measure was the load's;
 * - `crash`: the process ended instead of answering.
 */
export type AloneClass = 'hang' | 'over' | 'starved' | 'within' | 'crash';

export function classifyAlone(r: AloneRun, overMs: number): AloneClass {
  if (r.crashed) return 'crash';
  if (!r.answered) return r.cpuMs !== undefined && r.cpuMs < overMs ? 'starved' : 'hang';
  return r.cpuMs !== undefined && r.cpuMs > overMs ? 'over' : 'within';
}

const secs = (ms: number | undefined) => (ms === undefined ? '?' : `${(ms / 1000).toFixed(2)} s`);

/** One line per input run alone. */
export function aloneLine(r: AloneRun, overMs: number): string {
  const c = classifyAlone(r, overMs);
  const what = { hang: 'still no answer: a hang', over: `over ${overMs / 1000} s: confirmed`, starved: 'no answer, but little processor time: the load', within: 'within the budget: the load', crash: 'the process ended' }[c];
  return `alone: ${r.label} (${r.kind === 'hang' ? 'watchdog hit' : `over ${overMs / 1000} s`}): processor ${secs(r.cpuMs)}, wall ${secs(r.wallMs)}; ${what}`;
}

/** The figures of the second look: hangs and over-budget inputs confirmed alone, apart from the run's own figures. */
export function aloneSummary(runs: readonly AloneRun[], overMs: number): string {
  const of = (kind: HitKind) => runs.filter((r) => r.kind === kind);
  const count = (rs: readonly AloneRun[], ...cs: AloneClass[]) => rs.filter((r) => cs.includes(classifyAlone(r, overMs))).length;
  const hangs = of('hang'), over = of('over');
  return `hangs confirmed alone: ${count(hangs, 'hang', 'crash')} of ${hangs.length} watchdog hits (${count(hangs, 'over')} answered over ${overMs / 1000} s, ` +
    `${count(hangs, 'within', 'starved')} the load); over ${overMs / 1000} s confirmed alone: ${count(over, 'over', 'hang', 'crash')} of ${over.length}`;
}
