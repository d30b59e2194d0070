/**
 * The panel's controls: the toolbar (view mode, picture, zoom, fit, reset, export), the
 * slice row for n > 2, and the options (overlays, grid density, domain, projection). They
 * show a ViewOptions and report changes; they hold no state of their own.
 */
import type { Overlays } from './lib/render';
import { MAX_LINES, MIN_LINES, Projection, ViewOptions, effectiveDomain } from './lib/viewState';
import { formatNumber } from './lib/view';

export type Action = 'zoom-in' | 'zoom-out' | 'fit' | 'reset' | 'export-png' | 'export-svg';

export interface ControlEvents {
  change(next: ViewOptions, how: { refit?: boolean; recompute?: boolean }): void;
  action(a: Action): void;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<Record<string, string>> = {}, ...kids: Array<Node | string>): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined) continue;
    if (k === 'class') e.className = v; else if (k === 'text') e.textContent = v; else e.setAttribute(k, v);
  }
  e.append(...kids);
  return e;
}

function segmented<T extends string>(label: string, value: T, choices: Array<[T, string, string]>, onPick: (v: T) => void): HTMLElement {
  const group = h('div', { class: 'segmented', role: 'radiogroup', 'aria-label': label });
  for (const [v, text, title] of choices) {
    const b = h('button', { type: 'button', role: 'radio', 'aria-checked': String(v === value), title, 'data-value': v, text });
    if (v === value) b.classList.add('on');
    b.addEventListener('click', () => { if (v !== value) onPick(v); });
    group.append(b);
  }
  return group;
}

function button(text: string, title: string, onClick: () => void, action?: string): HTMLButtonElement {
  const b = h('button', { type: 'button', title, 'aria-label': title, text, 'data-action': action });
  b.addEventListener('click', onClick);
  return b;
}

/**
 * A field (dz/dt = f(z)) has one picture, arrows coloured by tr J in one plane: no view,
 * picture or base density to choose.
 */
export function toolbar(o: ViewOptions, n: number, ev: ControlEvents, field = false): HTMLElement {
  const bar = h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Picture' });
  if (field) bar.append(h('span', { class: 'picture-name', text: 'Arrows coloured by tr J' }));
  if (n >= 2 && !field) {
    bar.append(segmented('View', o.mode, [
      ['overlay', 'Image + grid', 'The image of the grid, with the input grid dashed underneath'],
      ['side', 'Input | output', 'The input and its image side by side'],
    ], (mode) => ev.change({ ...o, mode, input: null, output: null }, { refit: true })));
  }
  if (!field) bar.append(segmented('Picture', o.picture, [
    ['volume', 'Volume', 'Cells coloured by how much f scales volume: log|det J|'],
    ['density', 'Density', 'N(0, I) pushed through f: p_X = p_Z / |det J|'],
  ], (picture) => ev.change({ ...o, picture, ...(n === 1 ? { output: null, aspect: null } : {}) }, { recompute: true, refit: n === 1 })));
  if (o.picture === 'density' && n >= 2 && !field) {
    bar.append(segmented('Base density', o.baseDensity, [
      ['normal', 'N(0, I)', 'Push the standard normal density (restricted to the domain) through f'],
      ['uniform', 'Uniform', 'Push the uniform density on the domain through f'],
    ], (baseDensity) => ev.change({ ...o, baseDensity }, { recompute: true })));
  }
  const zoom = h('div', { class: 'group' },
    button('−', 'Zoom out', () => ev.action('zoom-out'), 'zoom-out'),
    button('+', 'Zoom in', () => ev.action('zoom-in'), 'zoom-in'),
    button('Fit', 'Fit the picture to the panel', () => ev.action('fit'), 'fit'),
    button('Reset', 'Back to the definition\'s domain and the default view', () => ev.action('reset'), 'reset'));
  const exp = h('div', { class: 'group' },
    button('PNG', 'Export the picture as PNG', () => ev.action('export-png'), 'export-png'),
    button('SVG', 'Export the picture as SVG', () => ev.action('export-svg'), 'export-svg'));
  bar.append(zoom, exp);
  return bar;
}

/** The slice row (n > 2): which two coordinates vary, and a slider for each fixed one. */
export function sliceRow(o: ViewOptions, variables: readonly string[], ev: ControlEvents): HTMLElement | null {
  const n = variables.length;
  if (n < 3) return null;
  const dom = effectiveDomain(o);
  const row = h('div', { class: 'slice', role: 'group', 'aria-label': 'Slice' });
  const pick = (which: 0 | 1) => {
    const sel = h('select', { 'aria-label': which === 0 ? 'First varying coordinate' : 'Second varying coordinate' });
    variables.forEach((v, i) => { const op = h('option', { value: String(i), text: v }); if (i === o.vary[which]) op.selected = true; sel.append(op); });
    sel.addEventListener('change', () => {
      const i = Number(sel.value);
      const other = o.vary[1 - which];
      const vary: [number, number] = which === 0 ? [i, i === other ? o.vary[0] : other] : [i === other ? o.vary[1] : other, i];
      ev.change({ ...o, vary, input: null, output: null }, { refit: true });
    });
    return sel;
  };
  row.append(h('span', { text: 'Slice: vary' }), pick(0), h('span', { text: 'and' }), pick(1));
  variables.forEach((v, i) => {
    if (i === o.vary[0] || i === o.vary[1]) return;
    const [lo, hi] = dom[i];
    const value = Math.min(hi, Math.max(lo, o.base[i]));
    const out = h('output', { text: formatNumber(value, 3) });
    const slider = h('input', { type: 'range', min: String(lo), max: String(hi), step: String((hi - lo) / 200), value: String(value), 'aria-label': `${v}, the fixed coordinate of the slice`, 'data-slice': v });
    slider.addEventListener('input', () => {
      const base = [...o.base];
      base[i] = Number(slider.value);
      out.textContent = formatNumber(base[i], 3);
      ev.change({ ...o, base }, { recompute: true });
    });
    row.append(h('label', { class: 'slider' }, `${v} =`, slider, out));
  });
  return row;
}

/**
 * The flow row (a composition F = f_K ∘ … ∘ f_1): a slider over the steps (0: the base, k: after
 * the first k layers), back and forward buttons, and what the cells' colours show.
 */
export function flowRow(o: ViewOptions, layers: readonly string[], ev: ControlEvents, summary: string): HTMLElement | null {
  const K = layers.length;
  if (K === 0) return null;
  const step = Math.min(K, o.step ?? K);
  const row = h('div', { class: 'flow', role: 'group', 'aria-label': 'Layers of the flow' });
  const go = (k: number) => ev.change({ ...o, step: k === K ? null : k }, { recompute: true, refit: o.output === null });
  const label = (k: number) => (k === 0 ? 'the base density' : `after ${layers.slice(0, k).reverse().join(' ∘ ')}`);
  const slider = h('input', { type: 'range', min: '0', max: String(K), step: '1', value: String(step), 'aria-label': 'Layers applied', 'data-flow': 'step' });
  const out = h('output', { text: label(step), 'data-flow': 'label' });
  slider.addEventListener('input', () => { out.textContent = label(Number(slider.value)); });
  slider.addEventListener('change', () => go(Number(slider.value)));
  const back = button('◀', 'One layer back', () => go(Math.max(0, step - 1)), 'flow-back');
  const next = button('▶', 'One layer further', () => go(Math.min(K, step + 1)), 'flow-next');
  back.disabled = step === 0;
  next.disabled = step === K;
  const ticks = h('div', { class: 'flow-ticks', 'aria-hidden': 'true' }, ...['base', ...layers].map((name, k) => h('span', { class: k === step ? 'on' : '', text: name })));
  row.append(h('span', { text: 'Layers:' }), back, h('div', { class: 'flow-slider' }, slider, ticks), next, out,
    segmented('Colours', o.colourBy, [
      ['layer', 'This layer', 'Cells coloured by log|det J| of the last applied layer alone'],
      ['total', 'Running total', 'Cells coloured by log|det J| of the layers applied so far (their sum)'],
    ], (colourBy) => ev.change({ ...o, colourBy }, { recompute: true })),
    h('p', { class: 'flow-summary', 'data-flow': 'summary', text: summary }));
  return row;
}

/** The options: overlays, grid lines, domain, projection, linked scales (a field: axes, arrows, domain). */
export function optionsPanel(o: ViewOptions, variables: readonly string[], ev: ControlEvents, open: boolean, onToggle: (open: boolean) => void, field = false): HTMLElement {
  const n = variables.length;
  const det = h('details', { class: 'options' });
  det.open = open;
  det.addEventListener('toggle', () => onToggle(det.open));
  det.append(h('summary', { text: 'Picture options' }));

  const names: Array<[keyof Overlays, string]> = [
    ['grid', 'grid lines'], ['inputGrid', 'input grid underneath'], ['cells', 'volume colours'],
    ['fold', 'fold det J = 0'], ['flips', 'orientation flips'], ['ellipses', 'local ellipses'], ['axes', 'axes'],
  ];
  const ov = h('fieldset', {}, h('legend', { text: 'Show' }));
  for (const [k, label] of names) {
    if (n === 1 && (k === 'inputGrid' || k === 'ellipses' || k === 'cells' || k === 'grid')) continue;
    if (field && k !== 'axes') continue;
    const cb = h('input', { type: 'checkbox', 'data-overlay': k });
    cb.checked = o.overlays[k];
    cb.addEventListener('change', () => ev.change({ ...o, overlays: { ...o.overlays, [k]: cb.checked } }, {}));
    ov.append(h('label', {}, cb, ` ${label}`));
  }
  det.append(ov);

  const lines = h('input', { type: 'range', min: String(MIN_LINES), max: String(MAX_LINES), step: '1', value: String(o.lines), 'aria-label': 'Grid lines per axis' });
  const lineOut = h('output', { text: String(o.lines) });
  lines.addEventListener('input', () => { lineOut.textContent = lines.value; });
  lines.addEventListener('change', () => ev.change({ ...o, lines: Number(lines.value) }, { recompute: true }));
  const [legend, unit] = field ? ['Arrows', 'density'] : n === 1 ? ['Intervals', 'intervals'] : ['Grid density', 'lines per axis'];
  det.append(h('fieldset', {}, h('legend', { text: legend }), h('label', { class: 'slider' }, unit, lines, lineOut)));

  const dom = effectiveDomain(o);
  const df = h('fieldset', { class: 'domain' }, h('legend', { text: 'Domain' }));
  const err = h('p', { class: 'field-error', role: 'alert' });
  const inputs: Array<[HTMLInputElement, HTMLInputElement]> = [];
  variables.forEach((v, i) => {
    const lo = h('input', { type: 'number', step: 'any', value: String(dom[i][0]), 'aria-label': `${v} from`, 'data-domain': `${i}-lo` });
    const hi = h('input', { type: 'number', step: 'any', value: String(dom[i][1]), 'aria-label': `${v} to`, 'data-domain': `${i}-hi` });
    inputs.push([lo, hi]);
    df.append(h('label', {}, `${v} in [`, lo, ', ', hi, ']'));
  });
  const apply = () => {
    const d: Array<[number, number]> = inputs.map(([a, b]) => [Number(a.value), Number(b.value)]);
    const bad = d.findIndex(([a, b]) => !(Number.isFinite(a) && Number.isFinite(b) && a < b));
    if (bad >= 0) { err.textContent = `${variables[bad]}: give two numbers lo < hi.`; return; }
    err.textContent = '';
    ev.change({ ...o, domain: d, base: o.base.map((x, i) => Math.min(d[i][1], Math.max(d[i][0], x))), input: null, output: null, aspect: null }, { refit: true });
  };
  for (const [a, b] of inputs) { a.addEventListener('change', apply); b.addEventListener('change', apply); }
  const useDef = button('Use the definition\'s domain', 'Back to the domain the definition gives', () => ev.change({ ...o, domain: null, input: null, output: null, aspect: null }, { refit: true }));
  useDef.disabled = o.domain === null;
  df.append(useDef, err);
  det.append(df);

  if (n >= 3 && !field) {
    const pf = h('fieldset', {}, h('legend', { text: 'Projection of the output' }));
    const sel = h('select', { 'aria-label': 'Projection' });
    const choices: Array<[string, Projection]> = [];
    if (n === 3) choices.push(['3-D view (orbit)', o.projection.kind === 'orbit' ? o.projection : { kind: 'orbit', yaw: -55, pitch: 20 }]);
    for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) choices.push([`f${a + 1}, f${b + 1}`, { kind: 'axes', axes: [a, b] }]);
    choices.forEach(([label, p], i) => {
      const op = h('option', { value: String(i), text: label });
      if (p.kind === o.projection.kind && (p.kind === 'orbit' || (o.projection.kind === 'axes' && p.axes[0] === o.projection.axes[0] && p.axes[1] === o.projection.axes[1]))) op.selected = true;
      sel.append(op);
    });
    sel.addEventListener('change', () => ev.change({ ...o, projection: choices[Number(sel.value)][1], output: null }, { refit: true }));
    pf.append(sel);
    const proj = o.projection;
    if (proj.kind === 'orbit') {
      for (const [k, label, lo, hi] of [['yaw', 'turn', -180, 180], ['pitch', 'tilt', -89, 89]] as const) {
        const s = h('input', { type: 'range', min: String(lo), max: String(hi), step: '1', value: String(proj[k]), 'aria-label': label });
        s.addEventListener('input', () => ev.change({ ...o, projection: { ...proj, [k]: Number(s.value) } }, { recompute: true }));
        pf.append(h('label', { class: 'slider' }, label, s));
      }
    }
    det.append(pf);
  }
  if (n >= 2 && !field) {
    const cb = h('input', { type: 'checkbox' });
    cb.checked = o.linkScales;
    cb.addEventListener('change', () => ev.change({ ...o, linkScales: cb.checked, input: null, output: null }, { refit: true }));
    det.append(h('fieldset', {}, h('legend', { text: 'Scales' }), h('label', {}, cb, ' input and output at the same scale when they fit (lengths compare across panes)')));
  }
  return det;
}
