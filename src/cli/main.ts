/**
 * The headless entry: `jacobian-lens analyze FILE... [--json]` and `jacobian-lens check FILE...`.
 * Exit codes: 0 all good; 1 a definition could not be parsed, a file could not be read or did
 * not finish within its time limit, or (check) a transform is not invertible; 2 wrong usage.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { languageOfFile } from '../core/languages';
import { publicReport, FileReport } from '../core/report';
import { DEFAULT_FILE_TIMEOUT_S, fileLimitMs, FileWatchdog, type AnalysisSettings, type FileAnswer, type FileJob } from './watchdog';
import { chainOf, describeLayers, describeInvertibility as describeVerdict, describePieces, formatNumber as fmtNum, reasonDetail, shownName, shownSignature, summaryComponents, witnessLine } from '../core/format';

const USAGE = `Usage:
  jacobian-lens analyze FILE|DIR... [--json] [--detail] [--budget MS] [--timeout S] [--one-dimensional]
  jacobian-lens check FILE|DIR... [--budget MS] [--timeout S] [--one-dimensional]

Finds maps f: R^n -> R^n in Markdown notes (\`\`\`transform blocks, LaTeX; also Quarto .qmd,
R Markdown .Rmd, MDX .mdx, MyST), LaTeX documents (.tex), Jupyter notebooks (.ipynb: the
markdown cells, placed as FILE:cell_K:LINE:COL) and TypeScript/JavaScript code (functions of
numbers returning n components; the code is read, never run), and reports J, det J, structure
and invertibility. Folders are searched for all of these.
  analyze   the report (--json: one JSON object per file, in an array; --detail: the
            full invertibility argument under its one-line reason)
  check     one line per transform: is it invertible, and why
  --one-dimensional  in code, functions of one number are maps too (else only with @transform)
  --timeout S   each file is analysed apart and stopped after S seconds, plus S per megabyte
                of the file (default ${DEFAULT_FILE_TIMEOUT_S}); it is then an entry with that error and the
                other files are answered as usual
Exit codes: 0 fine; 1 a definition could not be parsed, a file could not be read or did not
finish within its time, or (check) a transform is not invertible; 2 wrong usage.`;

interface Args { cmd: string; files: string[]; json: boolean; budgetMs?: number; oneDimensional?: boolean; detail?: boolean; timeoutS: number }

class UsageError extends Error {}

function parseArgs(argv: string[]): Args {
  const [cmd, ...rest] = argv;
  const help = (x: string) => x === '--help' || x === '-h' || x === 'help';
  if (!cmd || help(cmd) || rest.some((x) => x === '--help' || x === '-h')) throw new UsageError('');
  if (cmd !== 'analyze' && cmd !== 'check') throw new UsageError(`unknown command "${cmd}"`);
  const a: Args = { cmd, files: [], json: false, timeoutS: DEFAULT_FILE_TIMEOUT_S };
  for (let i = 0; i < rest.length; i++) {
    const x = rest[i];
    if (x === '--json') a.json = true;
    else if (x === '--one-dimensional') a.oneDimensional = true;
    else if (x === '--detail') a.detail = true;
    else if (x === '--budget') {
      const v = Number(rest[++i]);
      if (!(v > 0)) throw new UsageError('--budget takes a number of milliseconds');
      a.budgetMs = v;
    } else if (x === '--timeout') {
      const v = Number(rest[++i]);
      if (!(v > 0) || !Number.isFinite(v)) throw new UsageError('--timeout takes a number of seconds');
      a.timeoutS = v;
    } else if (x.startsWith('-')) throw new UsageError(`unknown option ${x}`);
    else a.files.push(x);
  }
  if (!a.files.length) throw new UsageError(`${cmd} needs at least one file or folder`);
  return a;
}

/** A file given or found, or why it cannot be read (then it is still an entry of the answer). */
type Input = { readonly file: string; readonly error?: string };

const READ_KINDS = 'Markdown .md .qmd .Rmd .mdx, LaTeX .tex, notebooks .ipynb, code .ts .tsx .mts .cts .js .jsx .mjs .cjs';

/** What a folder given on the command line says when nothing in it is a file the tool reads. */
const emptyFolder = (dir: string) => `${dir}\n  no files to read in this folder (nor in its subfolders, node_modules and dot folders left out): Jacobian Lens reads ${READ_KINDS}`;

/** Files to read: folders are walked for notes and code (skipping node_modules and dot folders); a folder or file that cannot be read is an entry with its error. */
function expand(p: string, out: Input[], explicit = true): void {
  let st: fs.Stats;
  try { st = fs.statSync(p); } catch (e) { out.push({ file: p, error: explicit ? 'no such file or folder' : `cannot be read (${errorCode(e)})` }); return; }
  if (st.isDirectory()) {
    let names: string[];
    try { names = fs.readdirSync(p).sort(); } catch (e) { out.push({ file: p, error: `this folder cannot be read (${errorCode(e)})` }); return; }
    for (const name of names) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      const child = path.join(p, name);
      let isDir = false;
      try { isDir = fs.statSync(child).isDirectory(); } catch { /* a broken link: read below, where its error is said */ }
      if (isDir) expand(child, out, false);
      else if (languageOfFile(name)) expand(child, out, false);
    }
  } else if (!languageOfFile(p)) {
    out.push({ file: p, error: `not a file Jacobian Lens reads (${READ_KINDS})` });
  } else out.push({ file: p });
}

const errorCode = (e: unknown): string => (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e));

/** The entry of a file that could not be read (or analysed in time): no transforms, its error at the file's start. */
const unreadable = (file: string, message: string, code = 'read'): FileReport => ({
  file, transforms: [], diagnostics: [{ message, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: 'error', code }],
});

/** What a file that ran out of time says. */
const tooLong = (ms: number) => `analysis of this file did not finish within ${Number((ms / 1000).toFixed(1))} s; it was stopped ` +
  '(the other files are answered as usual). Give it more time with --timeout SECONDS, or split the file';

/**
 * Where the files are analysed: in a worker under a per-file watchdog (by default the CLI's
 * worker, cliWorker.js beside this file; this module does not load the analysis itself), or
 * here by a given function (in-process callers, without a watchdog).
 */
export type Isolation = { readonly workerScript: string } | { readonly analyse: (job: FileJob, settings: AnalysisSettings) => FileAnswer };

/** file:line:col, 1-based; in a notebook file:cell_K:line:col (K counts all cells from 1, the line is the cell's). */
const where = (file: string, r: { start: { line: number; character: number } }, cell?: number) =>
  `${file}:${cell === undefined ? '' : `cell_${cell + 1}:`}${r.start.line + 1}:${r.start.character + 1}`;

/** A file without maps: say so, and what a map looks like in that kind of file. */
function emptyState(file: string): string {
  const kind = languageOfFile(file);
  return kind === 'typescript' || kind === 'javascript'
    ? 'no maps found (in code, a map is a function of n numbers that returns n numbers: return [u, v])'
    : "no maps found (in math, a map is f(x, y) = (…, …), equations such as u = …, v = … or x' = …, y' = …, or a ```transform block)";
}

function printHuman(r: FileReport, out: string[], detailed: boolean): void {
  out.push(r.file);
  if (!r.transforms.length && !r.diagnostics.length) out.push(`  ${emptyState(r.file)}`);
  for (const t of r.transforms) {
    // names as the user writes them where a person reads them; the formulas keep the names they paste back with
    out.push(`  ${where(r.file, t.range, t.cell)}  ${shownSignature(t)} = ${summaryComponents(t)}`);
    out.push(`      structure  ${t.structure}`);
    // the readable forms (shared parts named, "where" lines) when the report has them
    const w = t.where;
    out.push(`      J          [${(w?.jacobian ?? t.jacobian).map((row) => `[${row.join(', ')}]`).join(', ')}]`);
    // without a closed form det(J) of the J above says nothing more: say how it is evaluated
    out.push(`      det J      ${!t.detSymbolic ? 'no closed form: evaluated numerically from J' : `${w?.det ?? t.det}${t.detChecked ? '' : '   (not checked numerically)'}`}`);
    (w?.defs ?? []).forEach((d, i) => out.push(`      ${i === 0 ? 'where' : '     '}      ${d.name} = ${d.value}`));
    if (t.logDet) out.push(`      log|det J| ${t.logDet}`);
    if (t.layers?.length) {
      out.push(`      layers     ${t.name} = ${chainOf(t.layers)}, in application order:`);
      for (const line of describeLayers(t.layers, { at: true })) out.push(`        ${line}`);
    }
    const interval = (i: number) => `${t.domainOpen?.[i][0] ? '(' : '['}${t.domain[i].map(fmtNum).join(', ')}${t.domainOpen?.[i][1] ? ')' : ']'}`;
    out.push(`      domain     ${t.variables.map((v, i) => `${shownName(t, v)} in ${interval(i)}`).join(', ')}${t.domainDefault?.length ? `   (assumed: no domain given for ${t.domainDefault.map((v) => shownName(t, v)).join(', ')})` : ''}`);
    out.push(`      invertible ${describeVerdict(t)}`);
    if (t.invertibility.witness) out.push(`      witness    ${witnessLine(t.invertibility.witness)}`);
    const detail = reasonDetail(t.invertibility);
    if (detail && detailed) out.push(`      argument   ${detail}`);
    for (const line of describePieces(t)) out.push(`      ${line}`);
    for (const a of t.assumed ?? []) out.push(`      assumed    ${a}`);
    for (const n of t.notes) out.push(`      note       ${n}`);
  }
  for (const d of r.diagnostics) out.push(`  ${where(r.file, d.range, d.cell)}  ${d.severity}: ${d.message}`);
}

export function main(argv: string[], write: (s: string) => void = (s) => process.stdout.write(s), writeErr: (s: string) => void = (s) => process.stderr.write(s), isolation: Isolation = { workerScript: path.join(__dirname, 'cliWorker.js') }): number {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      if (e.message) writeErr(`jacobian-lens: ${e.message}\n\n`);
      (e.message ? writeErr : write)(USAGE + '\n');
      return e.message ? 2 : 0;
    }
    throw e;
  }
  const settings: AnalysisSettings = { budgetMs: args.budgetMs, oneDimensional: args.oneDimensional };
  // the worker loads while the files are found
  const watchdog = 'workerScript' in isolation ? new FileWatchdog(isolation.workerScript, settings) : undefined;
  watchdog?.warm();
  const inputs: Input[] = [];
  // a folder given that holds nothing to read is said, not passed over in silence
  const emptyFolders: string[] = [];
  for (const f of args.files) {
    const before = inputs.length;
    expand(f, inputs);
    if (inputs.length === before) emptyFolders.push(f);
  }
  const reports: FileReport[] = [];
  let unread = 0;
  for (const { file, error } of inputs) {
    let text: string | undefined;
    let why = error;
    if (!why) {
      try { text = fs.readFileSync(file, 'utf8'); } catch (e) { why = `cannot be read (${errorCode(e)})`; }
    }
    if (text === undefined) {
      unread++;
      writeErr(`jacobian-lens: ${file}: ${why}\n`);
      reports.push(unreadable(file, `${path.basename(file)}: ${why}`));
      continue;
    }
    const limitMs = fileLimitMs(args.timeoutS, text.length);
    const job = { file, text, language: languageOfFile(file)!, limitMs };
    const answer = watchdog ? watchdog.analyse(job, limitMs) : 'analyse' in isolation ? isolation.analyse(job, settings) : 'timeout';
    if (typeof answer === 'string') {
      const why = answer === 'timeout' ? tooLong(limitMs) : 'the analysis could not start (its worker did not load); this file was not analysed';
      unread++;
      writeErr(`jacobian-lens: ${file}: ${why}\n`);
      reports.push(unreadable(file, why, answer));
    } else if ('failure' in answer) {
      unread++;
      reports.push(unreadable(file, answer.failure));
    } else reports.push(answer.report);
  }
  watchdog?.stop();
  const parseErrors = reports.some((r) => r.diagnostics.some((d) => d.severity === 'error'));
  let status = unread || parseErrors ? 1 : 0;
  if (args.cmd === 'analyze') {
    if (args.json) {
      for (const d of emptyFolders) writeErr(`jacobian-lens: ${emptyFolder(d).replace('\n ', ':')}\n`);
      write(JSON.stringify(reports.map(publicReport), null, 2) + '\n');
    } else {
      const out: string[] = [];
      reports.forEach((r, i) => { if (i) out.push(''); printHuman(r, out, args.detail === true); });
      for (const d of emptyFolders) out.push(...(out.length ? [''] : []), emptyFolder(d));
      write(out.join('\n') + '\n');
    }
  } else {
    const out: string[] = [];
    for (const r of reports) {
      // one line each: the verdict, its reason in one line, and the two points of a counterexample
      for (const t of r.transforms) out.push(`${where(r.file, t.nameRange, t.cell)} ${t.name}: ${describeVerdict(t)}${t.invertibility.witness ? `; ${witnessLine(t.invertibility.witness)}` : ''}`);
      for (const d of r.diagnostics.filter((x) => x.severity === 'error')) out.push(`${where(r.file, d.range, d.cell)} error: ${d.message}`);
    }
    for (const d of emptyFolders) out.push(emptyFolder(d).replace('\n ', ':'));
    if (reports.length && !reports.some((r) => r.transforms.length)) out.push(reports.length === 1 ? emptyState(reports[0].file) : `no maps found in the ${reports.length} files`);
    if (reports.some((r) => r.transforms.some((t) => t.invertibility.verdict === 'not-invertible'))) status = 1;
    write(out.join('\n') + '\n');
  }
  return status;
}
