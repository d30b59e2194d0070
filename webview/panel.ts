/**
 * The preview panel's page. It only reads what the host posts (Reports) and draws them:
 * formulas (KaTeX) above a picture (a canvas: warped grid, volume colours, fold, ellipses,
 * density) with its controls and a read-out under the pointer. Pictures are computed in a
 * worker (computeClient.ts); the page keeps the last picture on screen until the next one
 * is ready, so edits redraw without flicker.
 */
import type { HostToPanel, PanelSubject, PanelToHost } from '../src/protocol/messages';
import { hostMessageProblem } from '../src/protocol/messages';
import type { TransformReport } from '../src/core/report';
import { domainNote, reasonDetail, reasonLine } from '../src/core/format';
import { formulaList } from './lib/formulas';
import type { Typeset } from './typeset';
import { CanvasSurface, rasterToPngUrl } from './canvasSurface';
import { ComputeClient } from './computeClient';
import { Action, flowRow, h, optionsPanel, sliceRow, toolbar } from './controls';
import { readPalette, watchTheme } from './theme';
import type { ComputeResponse, ModelInfo, PictureRequest } from './lib/compute';
import type { FlowSpec, Model, ModelSpec } from './lib/model';
import { describeFlowPoint, flowSummary, modelOf } from './lib/flow';
import { Layout, Mark, PaneBox, RenderInput, layout, renderScene, renderScene1D } from './lib/render';
import type { Scene } from './lib/scene';
import type { Scene1D } from './lib/scene1d';
import { FieldScene, renderField } from './lib/field';
import { describePoint, pointInfo, preimages } from './lib/readout';
import { SvgSurface } from './lib/surface';
import { View, panBy, toWorldX, toWorldY, zoomAbout, formatNumber } from './lib/view';
import {
  PersistedState, ViewOptions, defaultOptions, effectiveDomain, orientTowardsSlice, projectionMatrix, reconcile, remember, sanitize, transformKey,
} from './lib/viewState';

/** When the page's script started (ms after its navigation began), for the first picture's timing line in the host's log. */
const scriptStarted = Math.round(performance.now());
/** The first report's arrival and its formulas' typesetting (ms on the page's clock), logged with the first picture. */
const firstShown: { report?: number; formulasAt?: number; logged?: boolean } = {};

/**
 * KaTeX (most of the page's code) is a script of its own, `typeset.js`, with its stylesheet:
 * both fetched after the first frame (through the webview's resource path, which a busy
 * workbench serves slowly), so that neither holds up the first picture; the formulas are
 * typeset when it is there. Same nonce as this script.
 */
const typesetScript = { url: document.body.dataset.typeset, css: document.body.dataset.katexCss, nonce: (document.currentScript as HTMLScriptElement | null)?.nonce };
let typesetter: Promise<Typeset> | undefined;
function whenTypeset(): Promise<Typeset> {
  return typesetter ??= new Promise<Typeset>((resolve, reject) => {
    const { url, css, nonce } = typesetScript;
    if (!url) { reject(new Error('the page names no script for its formulas')); return; }
    if (css) document.head.append(h('link', { rel: 'stylesheet', href: css }));
    window.addEventListener('jacobian-lens-typeset', () => { const t = (window as unknown as { jacobianLensTypeset?: Typeset }).jacobianLensTypeset; if (t) resolve(t); }, { once: true });
    const script = document.createElement('script');
    script.src = url;
    if (nonce) script.nonce = nonce;
    script.onerror = () => reject(new Error('the script that typesets the formulas could not be loaded'));
    document.head.append(script);
  });
}
requestAnimationFrame(() => setTimeout(() => { void whenTypeset().catch(() => undefined); }, 0));

const vscode = acquireVsCodeApi<PersistedState>();
const send = (m: PanelToHost) => vscode.postMessage(m);
const app = document.getElementById('app')!;

let persisted: PersistedState = vscode.getState() ?? { uri: '', line: 0, character: 0 };

// ---------------------------------------------------------------------------------------
// The page's parts, built once and updated in place.

const banner = h('div', { class: 'banner', role: 'alert' });
const info = h('section', { class: 'info' });
const standInBox = h('section', { class: 'standins' });
const toolbarSlot = h('div');
const sliceSlot = h('div');
const flowSlot = h('div');
const canvas = h('canvas', { class: 'picture', tabindex: '0', role: 'img', 'aria-label': 'The picture of the map' });
const pictureWrap = h('div', { class: 'picture-wrap' }, canvas);
const readout = h('pre', { class: 'readout', 'aria-live': 'polite' });
const status = h('p', { class: 'status' });
const optionsSlot = h('div');
const main = h('div', { class: 'subject' }, banner, info, standInBox, toolbarSlot, sliceSlot, flowSlot, pictureWrap, readout, status, optionsSlot);

interface Current {
  subject: PanelSubject;
  report: TransformReport;
  key: string;
  options: ViewOptions;
  /** Bumped when what the model is built from changes (report, stand-ins, symbol values). */
  modelVersion: number;
  model: Model | null;
  modelError: string | null;
  modelInfo: ModelInfo | null;
  scene: Scene | Scene1D | FieldScene | null;
  sceneError: string | null;
  marks: Array<{ at: number[]; label: string }>;
  pointer: RenderInput['pointer'];
}

let cur: Current | null = null;
let lastLayout: Layout | null = null;
let fallbackNote: string | null = null;
let exportNote: string | null = null;
const computer = new ComputeClient(document.body.dataset.worker, (why) => {
  fallbackNote = `Pictures are computed on the page (no worker: ${why}).`;
  send({ type: 'log', level: 'info', message: fallbackNote });
  updateStatus();
});

function persist(): void {
  if (cur) persisted = { ...persisted, current: cur.key, views: remember(persisted.views ?? [], cur.key, cur.options) };
  vscode.setState(persisted);
}

// ---------------------------------------------------------------------------------------
// Messages

/** Something went wrong in the page itself: say so in place, and log it for the host. */
function reportFailure(doing: string, e: unknown): void {
  const message = `The panel failed while ${doing}: ${(e as Error)?.message ?? String(e)}`;
  if (cur) showError(message); else showMessage('error', message);
  send({ type: 'log', level: 'error', message: (e as Error)?.stack ?? String(e) });
}

function showMessage(cls: string, text: string, where?: string): void {
  cur = null;
  shownSubject = '';
  const kids: Node[] = [h('p', { class: cls, text })];
  if (where) kids.push(h('p', { class: 'where', text: where }));
  app.replaceChildren(...kids);
}

function showError(message: string, where?: string): void {
  // the same report again after an error is drawn again (it clears the error)
  shownSubject = '';
  if (cur) {
    // Keep the last good picture; say what is wrong above it.
    banner.replaceChildren(h('strong', { text: 'The definition has a problem: ' }), message, ...(where ? [h('span', { class: 'where', text: ` (${where})` })] : []),
      h('div', { class: 'where', text: 'The picture below is of the last valid definition.' }));
    banner.hidden = false;
  } else showMessage('error', message, where);
}

window.addEventListener('message', (ev: MessageEvent<unknown>) => handle(ev.data));

/** The subject on screen as the host sent it: the same one sent again (the page's `ready` crossing the first report) is not drawn twice. */
let shownSubject = '';

function handle(m: unknown): void {
  try {
    const problem = hostMessageProblem(m);
    if (problem) throw new Error(problem);
    const msg = m as HostToPanel;
    switch (msg.type) {
      case 'update': {
        const json = JSON.stringify(msg.subject);
        if (cur && json === shownSubject) break;
        shownSubject = json;
        setSubject(msg.subject);
        break;
      }
      case 'empty': showMessage('empty', msg.reason); break;
      case 'error': showError(msg.message, msg.where); break;
      case 'mark':
        if (cur) { cur.marks = msg.points.map((p) => ({ at: [...p.at], label: p.label })); focusMarks(); draw(); }
        break;
      case 'exported':
        exportNote = msg.error ? `Export failed: ${msg.error}` : msg.path ? `Saved ${msg.format.toUpperCase()} to ${msg.path}` : null;
        updateStatus();
        break;
    }
  } catch (e) {
    const message = `The panel could not show this: ${(e as Error).message}`;
    if (cur) showError(message); else showMessage('error', message);
    send({ type: 'log', level: 'error', message: (e as Error).stack ?? String(e) });
  }
}

// ---------------------------------------------------------------------------------------
// A new report

function setSubject(s: PanelSubject): void {
  const r = s.report;
  const key = transformKey(r);
  const same = cur !== null && cur.key === key && cur.subject.uri === s.uri;
  let options: ViewOptions;
  if (same) options = reconcile(cur!.options, r);
  else {
    const saved = (persisted.views ?? []).find(([k]) => k === key);
    options = saved ? sanitize(saved[1], r) : defaultOptions(r, s.defaults?.lines);
  }
  const marks = same ? cur!.marks : [];
  cur = {
    subject: s, report: r, key, options, modelVersion: (cur?.modelVersion ?? 0) + 1, model: null, modelError: null,
    modelInfo: cur && same ? cur.modelInfo : null, scene: same ? cur!.scene : null, sceneError: null, marks, pointer: undefined,
  };
  persisted = { ...persisted, uri: s.uri, line: r.nameRange.start.line, character: r.nameRange.start.character };
  banner.hidden = true;
  rebuildModel();
  if (!same && options.projection.kind === 'orbit' && options.output === null && cur.model) {
    cur.options = { ...options, projection: orientTowardsSlice(cur.model, effectiveDomain(options), options.vary, options.base) };
  }
  firstShown.report ??= Math.round(performance.now());
  const typeset = renderInfo(s);
  renderControls();
  if (!main.isConnected) app.replaceChildren(main);
  persist();
  // the picture first (computed on the page until the worker is up, then in the worker); the
  // formulas when KaTeX's script is there
  compute(cur.options.output === null);
  void typeset().then(() => {
    firstShown.formulasAt ??= Math.round(performance.now());
    markFirst('formulas typeset');
  }, (e: unknown) => reportFailure('typesetting the formulas', e));
}

/** A mark on the page's timeline the first time only (first use: the devtools, the tests' checks of order). */
function markFirst(name: string): void {
  if (!performance.getEntriesByName(name, 'mark').length) performance.mark(name);
}

/** A composition's layers as the model steps through them, at the options' step; undefined for other maps. */
function flowOf(r: TransformReport, o: ViewOptions): FlowSpec | undefined {
  const layers = r.trees.layers;
  if (!layers?.length || !r.layers) return undefined;
  return { layers, upTo: Math.min(layers.length, o.step ?? layers.length), colour: o.colourBy };
}

function modelSpec(r: TransformReport, o: ViewOptions): ModelSpec {
  return { variables: r.variables, trees: r.trees, freeSymbols: r.freeSymbols, standIns: o.standIns, symbolValues: o.symbols, flow: flowOf(r, o) };
}

function rebuildModel(): void {
  if (!cur) return;
  const r = cur.report, o = cur.options;
  try {
    cur.model = modelOf(modelSpec(r, o));
    cur.modelError = null;
  } catch (e) {
    cur.model = null;
    cur.modelError = (e as Error).message;
  }
}

/** The header, verdict and formula rows in place; the formulas are typeset by the function returned (after the picture is asked for), once KaTeX is loaded. */
function renderInfo(s: PanelSubject): () => Promise<void> {
  const t = s.report;
  const header = h('header', {}, h('h1', { text: `${t.name}(${t.variables.join(', ')})` }));
  const link = h('button', { class: 'link', type: 'button', title: 'Reveal the definition', text: `${s.fileName}:${t.range.start.line + 1}` });
  link.addEventListener('click', () => send({ type: 'reveal' }));
  header.append(link);
  const inv = t.invertibility;
  // the verdict in one line; the whole argument one click away
  const facts = h('p', { class: 'facts', text: `structure: ${t.structure} · invertibility: ${inv.verdict}${inv.verdict === 'unknown' ? '' : ` (${inv.certainty})`} — ${reasonLine(inv)}` });
  const detail = reasonDetail(inv);
  const argument = detail ? h('details', { class: 'argument' }, h('summary', { text: 'Full argument' }), h('p', { text: detail })) : null;
  // a domain nobody chose: say so, and offer to write it into the definition
  const assumed = domainNote(t);
  let domain: HTMLElement | null = null;
  if (assumed) {
    const add = h('button', { class: 'link', type: 'button', title: 'Write the assumed domain into the definition, to edit', text: 'Add a domain' });
    add.addEventListener('click', () => send({ type: 'addDomain' }));
    domain = h('p', { class: 'domain-note', text: `${assumed} ` }, add);
  }
  const formulas = h('details', { class: 'formulas' });
  formulas.open = persisted.formulasOpen !== false;
  formulas.addEventListener('toggle', () => { persisted = { ...persisted, formulasOpen: formulas.open }; vscode.setState(persisted); });
  formulas.append(h('summary', { text: 'Formulas' }));
  const rows = formulaList(t).map((f) => {
    const tex = h('div', { class: 'tex' });
    formulas.append(h('div', { class: 'formula', 'data-label': f.label }, tex));
    return { tex, source: f.tex };
  });
  const notes = t.notes.map((n) => h('p', { class: 'note', text: n }));
  // Built off-document, swapped in at once: no blank frame between two reports.
  info.replaceChildren(header, facts, ...(argument ? [argument] : []), ...(domain ? [domain] : []), formulas, ...notes);
  formulas.addEventListener('toggle', () => fitFormulas(formulas));
  return async () => {
    const render = await whenTypeset();
    for (const r of rows) render(r.tex, r.source);
    // measured once laid out, again when opened or resized
    requestAnimationFrame(() => fitFormulas(formulas));
  };
}
window.addEventListener('resize', () => { const f = info.querySelector<HTMLElement>('details.formulas'); if (f) fitFormulas(f); });

/** Formulas wider than the panel are scaled down to fit (to at most 60%; beyond that they scroll). */
function fitFormulas(root: HTMLElement): void {
  for (const tex of root.querySelectorAll<HTMLElement>('.formula .tex')) {
    tex.style.fontSize = '';
    const over = tex.scrollWidth / Math.max(1, tex.clientWidth);
    if (over > 1.01) tex.style.fontSize = `${Math.max(0.6, 1 / over).toFixed(3)}em`;
  }
}

function renderStandIns(): void {
  if (!cur) return;
  const mi = cur.modelInfo ?? (cur.model ? { standIns: cur.model.standIns, symbols: cur.model.symbols, detSource: cur.model.detSource } : null);
  if (!mi || (mi.standIns.length === 0 && mi.symbols.length === 0)) { standInBox.replaceChildren(); standInBox.hidden = true; return; }
  const active = document.activeElement;
  const focusKey = active instanceof HTMLInputElement ? active.dataset.standin ?? active.dataset.symbol : undefined;
  const parts: Node[] = [];
  const fnames = mi.standIns.map((s) => s.name);
  const what: string[] = [];
  if (fnames.length) what.push(`${fnames.join(', ')} ${fnames.length === 1 ? 'is an unknown function' : 'are unknown functions'}`);
  if (mi.symbols.length) what.push(`${mi.symbols.map((s) => s.name).join(', ')} ${mi.symbols.length === 1 ? 'has' : 'have'} no value`);
  parts.push(h('p', { class: 'standin-note', text: `${what.join(' and ')} in the definition, so the picture uses the stand-ins below. The formulas above hold for any choice; the picture is of this one. Edit them to explore.` }));
  for (const s of mi.standIns) {
    const input = h('input', { type: 'text', value: cur.options.standIns[s.name] ?? s.formula, spellcheck: 'false', 'aria-label': `Stand-in for ${s.name}`, 'data-standin': s.name });
    let timer: number | undefined;
    input.addEventListener('input', () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => {
        if (!cur) return;
        setOptions({ ...cur.options, standIns: { ...cur.options.standIns, [s.name]: input.value } }, { model: true });
      }, 350);
    });
    const row = h('label', { class: 'standin' }, `${s.name}(${s.params.join(', ')}) = `, input);
    if (s.rejected) row.append(h('span', { class: 'field-error', text: ` not used: ${s.rejected.message} (at character ${s.rejected.offset + 1}); showing ${s.formula}` }));
    parts.push(row);
  }
  for (const s of mi.symbols) {
    const input = h('input', { type: 'number', step: 'any', value: String(s.value), 'aria-label': `Value of ${s.name}`, 'data-symbol': s.name });
    input.addEventListener('change', () => {
      const v = Number(input.value);
      if (!cur || !Number.isFinite(v)) return;
      setOptions({ ...cur.options, symbols: { ...cur.options.symbols, [s.name]: v } }, { model: true });
    });
    parts.push(h('label', { class: 'standin' }, `${s.name} = `, input));
  }
  standInBox.replaceChildren(...parts);
  standInBox.hidden = false;
  if (focusKey) {
    const again = standInBox.querySelector<HTMLInputElement>(`input[data-standin="${CSS.escape(focusKey)}"], input[data-symbol="${CSS.escape(focusKey)}"]`);
    if (again && again !== active) { again.focus(); again.setSelectionRange?.(again.value.length, again.value.length); }
  }
}

function renderControls(): void {
  if (!cur) return;
  const o = cur.options, r = cur.report;
  const ev = {
    change: (next: ViewOptions, how: { refit?: boolean; recompute?: boolean }) => setOptions(next, { refit: how.refit, recompute: how.recompute || how.refit }),
    action: (a: Action) => act(a),
  };
  toolbarSlot.replaceChildren(toolbar(o, r.variables.length, ev, isField(r)));
  const slice = sliceRow(o, r.variables, ev);
  // Keep a slider that is being dragged: replace the row only when its layout changes.
  const sig = JSON.stringify([o.vary, effectiveDomain(o)]);
  if (!slice) sliceSlot.replaceChildren();
  else if (sliceSlot.dataset.sig !== sig || !sliceSlot.firstChild) { sliceSlot.replaceChildren(slice); sliceSlot.dataset.sig = sig; }
  renderFlowRow();
  const open = persisted.optionsOpen === true;
  optionsSlot.replaceChildren(optionsPanel(o, r.variables, ev, open, (v) => { persisted = { ...persisted, optionsOpen: v }; vscode.setState(persisted); }, isField(r)));
  renderStandIns();
}

/** The flow row of a composition, with the summary of the picture on screen. */
function renderFlowRow(): void {
  if (!cur) return;
  const c = cur;
  const names = c.report.layers?.map((l) => l.name) ?? [];
  const step = Math.min(names.length, c.options.step ?? names.length);
  const summary = c.scene && c.scene.kind === 'nd' ? flowSummary(c.scene, names, step) : 'Computing…';
  const ev = {
    change: (next: ViewOptions, how: { refit?: boolean; recompute?: boolean }) => setOptions(next, { refit: how.refit, recompute: how.recompute || how.refit, model: true }),
    action: (a: Action) => act(a),
  };
  const row = c.report.variables.length >= 2 ? flowRow(c.options, names, ev, summary) : null;
  if (row) flowSlot.replaceChildren(row); else flowSlot.replaceChildren();
}

function setOptions(next: ViewOptions, how: { refit?: boolean; recompute?: boolean; model?: boolean }): void {
  if (!cur) return;
  cur.options = next;
  if (how.model) { cur.modelVersion++; rebuildModel(); }
  renderControls();
  persist();
  if (how.recompute || how.refit || how.model) compute(!!how.refit || next.output === null);
  else draw();
}

function act(a: Action): void {
  if (!cur) return;
  const o = cur.options;
  switch (a) {
    case 'zoom-in': case 'zoom-out': {
      const f = a === 'zoom-in' ? 1.25 : 0.8;
      const views = currentViews();
      if (!views || !lastLayout) return;
      const zoomPane = (v: View, box: PaneBox) => zoomAbout(v, { width: box.width, height: box.height }, f, box.width / 2, box.height / 2);
      const outBox = lastLayout.panes.find((p) => p.kind === 'output' || p.kind === 'graph')!;
      const inBox = lastLayout.panes.find((p) => p.kind === 'input');
      setOptions({ ...o, output: zoomPane(views.output, outBox), input: inBox ? zoomPane(views.input, inBox) : views.input }, { recompute: true });
      break;
    }
    case 'fit': {
      let next: ViewOptions = { ...o, input: null, output: null, aspect: null };
      if (o.projection.kind === 'orbit' && cur.model) next = { ...next, projection: orientTowardsSlice(cur.model, effectiveDomain(o), o.vary, o.base) };
      setOptions(next, { refit: true });
      break;
    }
    case 'reset': {
      const d = defaultOptions(cur.report, cur.subject.defaults?.lines);
      let next: ViewOptions = { ...d, standIns: o.standIns, symbols: o.symbols };
      if (next.projection.kind === 'orbit' && cur.model) next = { ...next, projection: orientTowardsSlice(cur.model, effectiveDomain(next), next.vary, next.base) };
      setOptions(next, { refit: true });
      break;
    }
    case 'export-png': case 'export-svg': exportPicture(a === 'export-png' ? 'png' : 'svg'); break;
  }
}

// ---------------------------------------------------------------------------------------
// Computing and drawing

function canvasSize(): { width: number; height: number } {
  const width = Math.max(280, Math.floor(pictureWrap.clientWidth || 600));
  const n = cur?.report.variables.length ?? 2;
  const side = cur?.options.mode === 'side' && n >= 2;
  const height = Math.round(Math.min(820, Math.max(340, side ? width * 0.56 + 60 : width * 0.78)));
  return { width, height };
}

/** The layout of the current picture: a field is drawn in one plane whatever the mode. */
function layoutOf(c: Current, width: number, height: number): Layout {
  return layout(width, height, isField(c.report) ? 'overlay' : c.options.mode, c.report.variables.length);
}

const isField = (r: TransformReport): boolean => r.kind === 'field' && r.variables.length >= 2;

function paneOf(kind: string): PaneBox | undefined { return lastLayout?.panes.find((p) => p.kind === kind); }

/** The views in use: the options' own, or the scene's fitted ones. */
function currentViews(): { input: View; output: View } | null {
  if (!cur || !cur.scene) return null;
  const s = cur.scene;
  if (s.kind === '1d') return { input: cur.options.output ?? s.graphPane, output: cur.options.output ?? s.graphPane };
  return { input: cur.options.input ?? s.input, output: cur.options.output ?? s.output };
}

let computeTimer: number | undefined;
function compute(fit: boolean, delay = 0): void {
  window.clearTimeout(computeTimer);
  if (delay > 0) { computeTimer = window.setTimeout(() => compute(fit), delay); return; }
  if (!cur) return;
  const c = cur;
  const { width, height } = canvasSize();
  const n = c.report.variables.length;
  const lay = layoutOf(c, width, height);
  const o = c.options;
  const dom = effectiveDomain(o);
  const pane = (kind: string, v: View | null) => {
    const b = lay.panes.find((p) => p.kind === kind) ?? lay.panes[0];
    return { ...(v ?? { cx: 0, cy: 0, scale: 1 }), width: b.width, height: b.height };
  };
  const flow = flowOf(c.report, o);
  // a flow's mass after each step is shown in any picture, so its density is always computed
  const density = o.picture === 'density' || (!!flow && n >= 2);
  let picture: PictureRequest;
  if (isField(c.report)) {
    picture = { n: 'field', domain: dom, vary: o.vary, base: o.base, arrows: Math.min(40, Math.max(8, 2 * o.lines)), pane: pane('output', o.output), fit: fit || o.output === null };
  } else if (n === 1) {
    picture = { n: 1, domain: dom[0], lines: o.lines, graph: pane('graph', o.output), aspect: o.aspect ?? 1, fit: fit || o.output === null, density };
  } else {
    picture = {
      n: 2, domain: dom, vary: o.vary, base: o.base, projection: projectionMatrix(o.projection, n), lines: o.lines,
      cells: Math.min(48, Math.max(12, 2 * o.lines)), ellipses: Math.min(9, Math.max(3, Math.round(o.lines / 2))),
      input: pane('input', o.input), output: pane('output', o.output), density, baseDensity: o.baseDensity, fit: fit || o.output === null, linkScales: o.linkScales && o.mode === 'side',
      fitInputToo: o.mode === 'overlay' && o.overlays.inputGrid,
    };
  }
  const version = c.modelVersion;
  const started = performance.now();
  markFirst('picture requested');
  status.dataset.busy = 'true';
  void computer.request({
    modelKey: `${c.key}#${version}${flow ? `#${flow.upTo}#${flow.colour}` : ''}`,
    spec: modelSpec(c.report, o),
    picture,
  }).then((r) => { if (r) received(c, version, r, fit || o.output === null, performance.now() - started); })
    .catch((e: unknown) => reportFailure('drawing the picture', e));
}

function received(c: Current, version: number, r: ComputeResponse, fitted: boolean, ms: number): void {
  if (cur !== c || c.modelVersion !== version) return;
  delete status.dataset.busy;
  if (!r.ok) {
    c.sceneError = r.error;
    c.scene = null;
  } else {
    c.sceneError = null;
    c.scene = r.scene;
    c.modelInfo = r.model;
    if (fitted) {
      const s = r.scene;
      if (s.kind === '1d') c.options = { ...c.options, output: viewOf(s.graphPane), aspect: s.aspect };
      else c.options = { ...c.options, input: viewOf(s.input), output: viewOf(s.output) };
      persist();
    }
    renderStandIns();
  }
  lastCompute = { ms, worker: r.ok ? r.scene.stats.ms : 0 };
  draw();
  if (r.ok && !firstShown.logged) {
    firstShown.logged = true;
    markFirst('picture drawn');
    send({ type: 'log', level: 'info', message: `first picture drawn ${Math.round(performance.now())} ms after the page's navigation began: its script ran at ${scriptStarted} ms, the report came at ${firstShown.report} ms, formulas ${firstShown.formulasAt === undefined ? 'not yet typeset' : `typeset at ${firstShown.formulasAt} ms`}, the picture computed in ${Math.round(ms)} ms (${Math.round(r.scene.stats.ms)} ms of it computing, ${computer.lastPlace === 'page' ? 'on the page' : 'in the worker'})` });
  }
  updateStatus();
  renderFlowRow();
  document.body.dataset.pictureVersion = String(Number(document.body.dataset.pictureVersion ?? 0) + 1);
}

let lastCompute: { ms: number; worker: number } | null = null;
const viewOf = (p: View): View => ({ cx: p.cx, cy: p.cy, scale: p.scale });

function renderInput(c: Current, views: { input: View; output: View }): RenderInput {
  const r = c.report, o = c.options, n = r.variables.length;
  const P = projectionMatrix(o.projection, n);
  const marks: Mark[] = [];
  if (c.model) {
    for (const m of c.marks) {
      if (m.at.length !== n) continue;
      const fz = new Float64Array(n);
      c.model.f(m.at, fz);
      const out: [number, number] | null = n === 1 ? [fz[0], 0] : [P[0].reduce((s, p, k) => s + p * fz[k], 0), P[1].reduce((s, p, k) => s + p * fz[k], 0)];
      marks.push({ label: m.label, input: n === 1 ? [m.at[0], 0] : [m.at[o.vary[0]], m.at[o.vary[1]]], output: out.every(Number.isFinite) ? out : null });
    }
  }
  const fixed = r.variables.map((v, i) => (i === o.vary[0] || i === o.vary[1] ? null : `${v} = ${formatNumber(o.base[i], 3)}`)).filter((x): x is string => x !== null);
  const outNames = r.variables.map((_, i) => `f${i + 1}`);
  const axesNames: [string, string] = n < 2 ? ['f', 'f'] : o.projection.kind === 'axes' ? [outNames[o.projection.axes[0]], outNames[o.projection.axes[1]]] : ['', ''];
  return {
    mode: o.mode, picture: o.picture, overlays: o.overlays, input: views.input, output: views.output, palette: readPalette(),
    inputAxes: n === 1 ? [r.variables[0], r.variables[0]] : [r.variables[o.vary[0]], r.variables[o.vary[1]]],
    outputAxes: axesNames,
    sliceNote: n > 2 ? `slice ${fixed.join(', ')}` : undefined,
    marks, pointer: c.pointer,
    orbit: n === 3 && o.projection.kind === 'orbit' ? P : undefined,
    outputNames: outNames,
    aspect: c.scene && c.scene.kind === '1d' ? c.scene.aspect : undefined,
    baseNormSq: o.base.reduce((a, x, i) => (i === o.vary[0] || i === o.vary[1] ? a : a + x * x), 0),
    mapName: stepName(r, o),
  };
}

/** A flow's step as a map: 'R ∘ c' after two layers, 'the identity' before any; undefined for other maps. */
function stepName(r: TransformReport, o: ViewOptions): string | undefined {
  const flow = flowOf(r, o);
  if (!flow || !r.layers || flow.upTo === r.layers.length) return undefined;
  return flow.upTo === 0 ? 'the identity' : r.layers.slice(0, flow.upTo).map((l) => l.name).reverse().join(' ∘ ');
}

function fontFamily(): string {
  return getComputedStyle(document.body).fontFamily || 'sans-serif';
}

function draw(): void {
  if (!cur) return;
  const { width, height } = canvasSize();
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const lay = layoutOf(cur, width, height);
  lastLayout = lay;
  const surface = new CanvasSurface(canvas, width, height, window.devicePixelRatio || 1, fontFamily());
  const views = currentViews();
  if (!cur.scene || !views) {
    const p = readPalette();
    surface.rect(0, 0, width, height, { colour: p.background });
    const msg = cur.sceneError ?? cur.modelError ?? 'Computing the picture…';
    surface.text(msg, width / 2, height / 2, { colour: cur.sceneError || cur.modelError ? p.mark : p.muted, size: 13, align: 'center', baseline: 'middle' });
    canvas.setAttribute('aria-label', msg);
    return;
  }
  const ri = renderInput(cur, views);
  if (cur.scene.kind === '1d') renderScene1D(surface, cur.scene, ri, lay);
  else if (cur.scene.kind === 'field') renderField(surface, cur.scene, ri, lay);
  else renderScene(surface, cur.scene, ri, lay);
  canvas.setAttribute('aria-label', describePicture(cur));
}

function describePicture(c: Current): string {
  const s = c.scene!;
  if (s.kind === 'field') {
    const d = s.divRange;
    return `The vector field ${c.report.name}: arrows along f coloured by the divergence tr J; ${d ? `tr J from ${formatNumber(d[0], 3)} to ${formatNumber(d[1], 3)}` : 'tr J undefined'}.`;
  }
  const range = s.detRange ? `det J from ${formatNumber(s.detRange[0], 3)} to ${formatNumber(s.detRange[1], 3)}` : 'det J undefined';
  return `The picture of ${c.report.name}: ${c.options.picture === 'density' ? 'the density pushed through f' : 'the image of a grid, cells coloured by log|det J|'}; ${range}.`;
}

function updateStatus(): void {
  if (!cur) return;
  const parts: string[] = [];
  const s = cur.scene;
  if (s) {
    if (s.detRange) parts.push(`det J on the ${s.kind === '1d' ? 'intervals' : 'cells'}: ${formatNumber(s.detRange[0], 3)} … ${formatNumber(s.detRange[1], 3)}`);
    if (cur.options.picture === 'density' && s.density) {
      const d = s.density;
      const base = 'base' in d && d.base === 'uniform' ? 'uniform density: mass 1' : `N(0, I) mass of the domain ${d.expected.toFixed(4)}`;
      parts.push(`∫ p_X dx = ${d.mass.toFixed(4)}, ${base}${'error' in d ? ` (quadrature error ±${d.error.toExponential(1)})` : ''}`);
    }
    if (s.kind === 'field' && s.divRange) parts.push(`tr J on the arrows: ${formatNumber(s.divRange[0], 3)} … ${formatNumber(s.divRange[1], 3)}`);
    else if (cur.modelInfo) parts.push(`det J from ${cur.modelInfo.detSource}`);
    if (lastCompute) parts.push(`computed in ${Math.round(lastCompute.worker)} ms`);
  }
  if (fallbackNote) parts.push(fallbackNote);
  if (exportNote) parts.push(exportNote);
  const warnings = s ? s.warnings : [];
  status.replaceChildren(h('span', { text: parts.join(' · ') }), ...warnings.map((w) => h('span', { class: 'warning', text: ` ${w}` })));
}

// ---------------------------------------------------------------------------------------
// Interaction

function paneAt(px: number, py: number): PaneBox | undefined {
  return lastLayout?.panes.find((b) => px >= b.x && px < b.x + b.width && py >= b.y && py < b.y + b.height);
}

function localPoint(e: PointerEvent | WheelEvent): [number, number] {
  const r = canvas.getBoundingClientRect();
  return [e.clientX - r.left, e.clientY - r.top];
}

function setPaneView(kind: string, v: View): void {
  if (!cur) return;
  if (kind === 'input') cur.options = { ...cur.options, input: v };
  else cur.options = { ...cur.options, output: v };
}

let drag: { kind: string; x: number; y: number; id: number } | null = null;

canvas.addEventListener('pointerdown', (e) => {
  const [x, y] = localPoint(e);
  const box = paneAt(x, y);
  if (!box || box.kind === 'stretch' || !cur?.scene) return;
  drag = { kind: box.kind, x, y, id: e.pointerId };
  canvas.setPointerCapture(e.pointerId);
  canvas.classList.add('dragging');
});

canvas.addEventListener('pointermove', (e) => {
  const [x, y] = localPoint(e);
  if (drag && drag.id === e.pointerId && cur) {
    const views = currentViews();
    if (!views) return;
    const v = drag.kind === 'input' ? views.input : views.output;
    setPaneView(drag.kind, panBy(v, x - drag.x, y - drag.y));
    drag.x = x; drag.y = y;
    draw();
    compute(false, 160);
    return;
  }
  hover(x, y);
});

const endDrag = (e: PointerEvent) => {
  if (drag && drag.id === e.pointerId) { drag = null; canvas.classList.remove('dragging'); persist(); }
};
canvas.addEventListener('pointerup', endDrag);
canvas.addEventListener('pointercancel', endDrag);
canvas.addEventListener('pointerleave', () => { if (cur && !drag) { cur.pointer = undefined; readout.textContent = ''; draw(); } });

canvas.addEventListener('wheel', (e) => {
  const [x, y] = localPoint(e);
  const box = paneAt(x, y);
  const views = currentViews();
  if (!box || box.kind === 'stretch' || !cur || !views) return;
  e.preventDefault();
  const f = Math.exp(-e.deltaY * (e.deltaMode === 1 ? 0.05 : 0.0015));
  const size = { width: box.width, height: box.height };
  const v = box.kind === 'input' ? views.input : views.output;
  setPaneView(box.kind, zoomAbout(v, size, f, x - box.x, y - box.y));
  if (cur.options.linkScales && cur.options.mode === 'side') {
    const otherKind = box.kind === 'input' ? 'output' : 'input';
    const other = paneOf(otherKind);
    const ov = otherKind === 'input' ? views.input : views.output;
    if (other) setPaneView(otherKind, zoomAbout(ov, { width: other.width, height: other.height }, f, other.width / 2, other.height / 2));
  }
  draw();
  compute(false, 160);
  persist();
}, { passive: false });

canvas.addEventListener('keydown', (e) => {
  if (!cur) return;
  const views = currentViews();
  const box = paneOf('output') ?? paneOf('graph');
  if (!views || !box) return;
  const step = 40;
  const moves: Record<string, [number, number]> = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
  if (moves[e.key]) { setPaneView(box.kind, panBy(views.output, ...moves[e.key])); }
  else if (e.key === '+' || e.key === '=') { act('zoom-in'); e.preventDefault(); return; }
  else if (e.key === '-') { act('zoom-out'); e.preventDefault(); return; }
  else if (e.key === '0') { act('fit'); e.preventDefault(); return; }
  else return;
  e.preventDefault();
  draw();
  compute(false, 160);
  persist();
});

function hover(x: number, y: number): void {
  if (!cur || !cur.model || !cur.scene) return;
  const box = paneAt(x, y);
  const views = currentViews();
  if (!box || !views) return;
  const c = cur, model = cur.model, r = cur.report, o = cur.options, n = r.variables.length;
  const size = { width: box.width, height: box.height };
  const lines: string[] = [];
  if (c.scene!.kind === 'field') {
    const u = toWorldX(views.output, size, x - box.x), v = toWorldY(views.output, size, y - box.y);
    const z = [...o.base];
    z[o.vary[0]] = u; z[o.vary[1]] = v;
    const fz = new Float64Array(n), J = new Float64Array(n * n);
    model.f(z, fz);
    model.J(z, J);
    let tr = 0;
    for (let i = 0; i < n; i++) tr += J[i * n + i];
    lines.push(`${r.variables.join(', ')} = ${z.map((a) => formatNumber(a)).join(', ')}`, `f = (${[...fz].map((a) => formatNumber(a)).join(', ')})`,
      `tr J = ${formatNumber(tr)}, d log p/dt = ${formatNumber(-tr)}`);
    c.pointer = undefined;
  } else if (c.scene!.kind === '1d') {
    if (box.kind !== 'graph') return;
    const s = c.scene as Scene1D;
    const wx = toWorldX(views.output, size, x - box.x);
    if (o.picture === 'density') {
      const wy = toWorldY(views.output, size, y - box.y) / s.aspect;
      lines.push(`x = ${formatNumber(wx)}, p = ${formatNumber(wy)} (pointer height)`);
      c.pointer = undefined;
    } else {
      const p = pointInfo(model, [wx]);
      lines.push(...describePoint(p, r.variables, r.name));
      c.pointer = { input: [wx, s.aspect * p.fz[0]] };
    }
  } else {
    const scene = c.scene as Scene;
    const P = projectionMatrix(o.projection, n);
    const project = (fz: number[]): [number, number] => [P[0].reduce((a, p, k) => a + p * fz[k], 0), P[1].reduce((a, p, k) => a + p * fz[k], 0)];
    if (box.kind === 'input') {
      const u = toWorldX(views.input, size, x - box.x), v = toWorldY(views.input, size, y - box.y);
      const z = [...o.base];
      z[o.vary[0]] = u; z[o.vary[1]] = v;
      const p = pointInfo(model, z);
      lines.push(...describePoint(p, r.variables, r.name), ...describeFlowPoint(model, z, r.layers?.map((l) => l.name) ?? []));
      c.pointer = { input: [u, v], outputs: [project(p.fz)] };
    } else {
      const wx = toWorldX(views.output, size, x - box.x), wy = toWorldY(views.output, size, y - box.y);
      const pre = preimages(model, scene, o.base, P, wx, wy);
      if (pre.length === 0) {
        lines.push(`(${formatNumber(wx)}, ${formatNumber(wy)}) is not the image of a point of the ${n > 2 ? 'slice' : 'domain'}`);
        c.pointer = { outputs: [[wx, wy]] };
      } else {
        const z = [...o.base];
        z[o.vary[0]] = pre[0][0]; z[o.vary[1]] = pre[0][1];
        lines.push(...describePoint(pointInfo(model, z), r.variables, r.name));
        if (pre.length > 1) lines.push(`${pre.length} preimages in the ${n > 2 ? 'slice' : 'domain'}: ${pre.map(([a, b]) => `(${formatNumber(a, 3)}, ${formatNumber(b, 3)})`).join(', ')}`);
        c.pointer = { input: pre[0], outputs: [[wx, wy]] };
      }
    }
  }
  readout.textContent = lines.join('\n');
  draw();
}

/** Put the slice through the first mark (n > 2), so that marked points are in the picture. */
function focusMarks(): void {
  if (!cur || cur.marks.length === 0) return;
  const n = cur.report.variables.length;
  const m = cur.marks[0];
  if (n > 2 && m.at.length === n) {
    cur.options = { ...cur.options, base: m.at.map((x, i) => (i === cur!.options.vary[0] || i === cur!.options.vary[1] ? cur!.options.base[i] : x)) };
    renderControls();
    compute(false);
  }
}

// ---------------------------------------------------------------------------------------
// Export

function exportPicture(format: 'png' | 'svg'): void {
  if (!cur || !cur.scene) { exportNote = 'Nothing to export yet.'; updateStatus(); return; }
  const views = currentViews()!;
  const { width, height } = canvasSize();
  const lay = layoutOf(cur, width, height);
  const ri = { ...renderInput(cur, views), pointer: undefined };
  const name = `${cur.report.name}-${cur.options.picture}`;
  const draw = (s: CanvasSurface | SvgSurface) => {
    const sc = cur!.scene!;
    if (sc.kind === '1d') renderScene1D(s, sc, ri, lay); else if (sc.kind === 'field') renderField(s, sc, ri, lay); else renderScene(s, sc, ri, lay);
  };
  if (format === 'png') {
    const off = document.createElement('canvas');
    draw(new CanvasSurface(off, width, height, 2, fontFamily()));
    const url = off.toDataURL('image/png');
    send({ type: 'export', format, data: url.slice(url.indexOf(',') + 1), suggestedName: `${name}.png` });
  } else {
    const svg = new SvgSurface(width, height, rasterToPngUrl, fontFamily());
    draw(svg);
    send({ type: 'export', format, data: svg.toString(), suggestedName: `${name}.svg` });
  }
  exportNote = `Exporting ${format.toUpperCase()}…`;
  updateStatus();
}

// ---------------------------------------------------------------------------------------
// Size and theme

let resizeTimer: number | undefined;
new ResizeObserver(() => {
  if (!cur) return;
  draw();
  window.clearTimeout(resizeTimer);
  resizeTimer = window.setTimeout(() => compute(false), 200);
}).observe(pictureWrap);
watchTheme(() => draw());

// The first report may come in the page itself (the host had it when it made the panel): drawn at once, before `ready` is answered.
if (document.body.dataset.initial) {
  let initial: unknown;
  try { initial = JSON.parse(document.body.dataset.initial); } catch (e) { initial = { type: 'error', message: `The panel's first report could not be read: ${(e as Error).message}` }; }
  handle(initial);
}
send({ type: 'ready' });
