/**
 * First-use timing in the extension's log: each milestone (the first analysis, the first
 * hover, the panel's first picture…) is logged once, with the wall-clock time and the time
 * since activation, so that a slow first use can be taken apart step by step and lined up
 * with what the user (or the e2e test) saw. No `vscode` import.
 */
export class Milestones {
  private readonly seen = new Set<string>();

  constructor(private readonly log: (m: string) => void, readonly origin: number = Date.now(), private readonly now: () => number = Date.now) {}

  /** Log `what` the first time only (`detail` after it); whether this was the first time. */
  mark(what: string, detail?: string): boolean {
    if (this.seen.has(what)) return false;
    this.seen.add(what);
    const t = this.now();
    this.log(`first use: ${what} at ${clockTime(t)} (+${t - this.origin} ms after activation)${detail ? `: ${detail}` : ''}`);
    return true;
  }

  private readonly counts = new Map<string, number>();

  /** Log the first `limit` occurrences of `kind` (numbered), each with `detail`. */
  early(kind: string, detail: string, limit = 8): void {
    const n = (this.counts.get(kind) ?? 0) + 1;
    if (n > limit) return;
    this.counts.set(kind, n);
    this.log(`first use: ${kind} #${n} (+${this.now() - this.origin} ms after activation): ${detail}`);
  }
}

/** A time as hh:mm:ss.mmm (UTC), to line the log up with other clocks. */
export const clockTime = (t: number): string => new Date(t).toISOString().slice(11, 23);
