/**
 * A harness for the panel's page in headless Chromium (Debian's, driven by playwright-core):
 * a local server serves dist/webview and the very HTML the extension serves (panelHtml,
 * with its CSP and a fresh nonce); acquireVsCodeApi is stubbed before the page's script
 * runs, keeping posted messages and the state (in sessionStorage, so that it survives a
 * reload, as VS Code keeps it); a VS Code theme is imitated with its CSS variables and
 * body class. Messages are posted into the page as the host would.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { chromium, Browser, Page } from 'playwright-core';
import { panelHtml } from '../../src/extension/panel/html';
import { analyzeDocument } from '../../src/core/document';
import { createEngineOptions } from '../../src/core/engine';
import type { TransformReport } from '../../src/core/report';
import type { HostToPanel, PanelSubject } from '../../src/protocol/messages';
import { createScratch, Scratch } from '../vscode/env';

export const ROOT = path.resolve(__dirname, '../../..');
const DIST = path.join(ROOT, 'dist', 'webview');
export const ARTIFACTS = path.join(ROOT, 'artifacts', 'webview');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export type Theme = 'light' | 'dark' | 'high-contrast';

/** VS Code's default colours for the variables the page uses (Light Modern, Dark Modern, High Contrast). */
export const THEMES: Record<Theme, { bodyClass: string; vars: Record<string, string> }> = {
  light: {
    bodyClass: 'vscode-light',
    vars: {
      'editor-background': '#ffffff', 'editor-foreground': '#3b3b3b', foreground: '#3b3b3b', descriptionForeground: '#717171',
      'charts-foreground': '#616161', 'charts-blue': '#1a85ff', 'charts-orange': '#d18616', 'charts-purple': '#652d90',
      'charts-green': '#388a34', 'charts-red': '#e51400', 'button-background': '#005fb8', 'button-foreground': '#ffffff',
      'button-secondaryBackground': '#e5e5e5', 'button-secondaryForeground': '#3b3b3b', 'input-background': '#ffffff',
      'input-foreground': '#3b3b3b', 'input-border': '#cecece', 'textLink-foreground': '#005fb8', errorForeground: '#f85149',
      'focusBorder': '#005fb8', 'panel-border': '#e5e5e5', 'font-family': 'system-ui, sans-serif', 'font-size': '13px', 'editor-font-family': 'monospace',
    },
  },
  dark: {
    bodyClass: 'vscode-dark',
    vars: {
      'editor-background': '#1f1f1f', 'editor-foreground': '#cccccc', foreground: '#cccccc', descriptionForeground: '#9d9d9d',
      'charts-foreground': '#cccccc', 'charts-blue': '#3794ff', 'charts-orange': '#d18616', 'charts-purple': '#b180d7',
      'charts-green': '#89d185', 'charts-red': '#f14c4c', 'button-background': '#0078d4', 'button-foreground': '#ffffff',
      'button-secondaryBackground': '#313131', 'button-secondaryForeground': '#cccccc', 'input-background': '#313131',
      'input-foreground': '#cccccc', 'input-border': '#3c3c3c', 'textLink-foreground': '#4daafc', errorForeground: '#f85149',
      'focusBorder': '#0078d4', 'panel-border': '#2b2b2b', 'font-family': 'system-ui, sans-serif', 'font-size': '13px', 'editor-font-family': 'monospace',
    },
  },
  'high-contrast': {
    bodyClass: 'vscode-high-contrast',
    vars: {
      'editor-background': '#000000', 'editor-foreground': '#ffffff', foreground: '#ffffff', descriptionForeground: '#ffffff',
      'charts-foreground': '#ffffff', 'charts-blue': '#3794ff', 'charts-orange': '#d18616', 'charts-purple': '#b180d7',
      'charts-green': '#89d185', 'charts-red': '#f14c4c', 'button-background': '#000000', 'button-foreground': '#ffffff',
      'button-border': '#6fc3df', 'contrastBorder': '#6fc3df', 'input-background': '#000000', 'input-foreground': '#ffffff',
      'input-border': '#6fc3df', 'textLink-foreground': '#21a6ff', errorForeground: '#f48771', 'focusBorder': '#f38518',
      'font-family': 'system-ui, sans-serif', 'font-size': '13px', 'editor-font-family': 'monospace',
    },
  },
};

/** Reports for the transforms of a Markdown text, analysed by the core as the extension does. */
export function reportsOf(markdown: string): TransformReport[] {
  return analyzeDocument(markdown, 'markdown', 'note.md', createEngineOptions()).transforms;
}

export function subjectOf(markdown: string, index = 0): PanelSubject {
  const t = reportsOf(markdown)[index];
  if (!t) throw new Error(`no transform ${index} in:\n${markdown}`);
  return { uri: 'file:///work/note.md', fileName: 'note.md', report: t };
}

export const block = (def: string) => `\`\`\`transform\n${def}\n\`\`\`\n`;

/** `initials`: the first messages of pages made with one (`/?initial=key`), as the host puts a known report in the page. */
function serve(initials: ReadonlyMap<string, HostToPanel>): Promise<{ server: http.Server; origin: string }> {
  return new Promise((resolve) => {
    const server = http.createServer((req, res) => {
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const url = new URL(req.url ?? '/', origin);
      if (url.pathname === '/' || url.pathname === '/panel.html') {
        const nonce = randomBytes(16).toString('base64').replace(/[+/=]/g, '');
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        const initial = initials.get(url.searchParams.get('initial') ?? '');
        res.end(panelHtml({ cspSource: origin, nonce, asset: (p) => `${origin}/webview/${p}`, ...(initial ? { initial } : {}) }));
        return;
      }
      if (url.pathname === '/favicon.ico') { res.writeHead(204); res.end(); return; }
      if (url.pathname.startsWith('/webview/')) {
        const file = path.join(DIST, decodeURIComponent(url.pathname.slice('/webview/'.length)));
        if (!file.startsWith(DIST) || !fs.existsSync(file) || !fs.statSync(file).isFile()) { res.writeHead(404); res.end(); return; }
        const type = file.endsWith('.js') ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : file.endsWith('.woff2') ? 'font/woff2' : file.endsWith('.map') ? 'application/json' : 'application/octet-stream';
        res.writeHead(200, { 'content-type': type });
        fs.createReadStream(file).pipe(res);
        return;
      }
      res.writeHead(404);
      res.end();
    });
    server.listen(0, '127.0.0.1', () => resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
  });
}

/** The stub of VS Code's webview API and the theme, installed before the page's scripts run. */
function initScript(theme: Theme): string {
  const t = THEMES[theme];
  return `(() => {
    window.__posted = [];
    const vars = ${JSON.stringify(t.vars)};
    const apply = () => {
      for (const [k, v] of Object.entries(vars)) document.documentElement.style.setProperty('--vscode-' + k, v);
      document.body.classList.add(${JSON.stringify(t.bodyClass)});
    };
    // As in VS Code, the theme is in place before the page's script runs.
    if (document.body) apply();
    else new MutationObserver((_, obs) => { if (document.body) { obs.disconnect(); apply(); } }).observe(document, { childList: true, subtree: true });
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push({ directive: e.violatedDirective, blocked: e.blockedURI }));
    let acquired = false;
    window.acquireVsCodeApi = () => {
      if (acquired) throw new Error('acquireVsCodeApi may be called once');
      acquired = true;
      return {
        postMessage: (m) => { window.__posted.push(JSON.parse(JSON.stringify(m))); },
        getState: () => { const s = sessionStorage.getItem('vscodeState'); return s ? JSON.parse(s) : undefined; },
        setState: (s) => { sessionStorage.setItem('vscodeState', JSON.stringify(s)); return s; },
      };
    };
  })();`;
}

export interface Panel {
  readonly page: Page;
  post(m: HostToPanel | unknown): Promise<void>;
  /** Post an update and wait until the picture computed for it is drawn. */
  show(subject: PanelSubject): Promise<void>;
  /** Do something (a click, a message) and wait for the picture it causes. */
  redraw(action: () => Promise<unknown>): Promise<void>;
  /** Click a control and wait for the picture it causes. */
  click(selector: string): Promise<void>;
  /** Wait until `count` pictures have been drawn in all (or one more than now). */
  waitForPicture(after?: number): Promise<number>;
  pictureVersion(): Promise<number>;
  posted(): Promise<Array<Record<string, unknown>>>;
  state(): Promise<Record<string, unknown> | undefined>;
  /** RGBA of the canvas (device pixels = CSS pixels here). */
  pixels(): Promise<{ width: number; height: number; data: Uint8Array }>;
  screenshot(name: string): Promise<string>;
  setTheme(theme: Theme): Promise<void>;
  errors: string[];
}

export class Browsers {
  private browser: Browser | null = null;
  private server: http.Server | null = null;
  private origin = '';
  /** Chromium's XDG folders (crash reports, dconf), so that nothing is written to the home folder. */
  private scratch: Scratch | null = null;
  private readonly initials = new Map<string, HostToPanel>();

  static available(): boolean { return fs.existsSync(CHROMIUM); }

  async start(): Promise<void> {
    if (!Browsers.available()) {
      throw new Error(`Chromium is not installed at ${CHROMIUM}: the webview tests need Debian's chromium. Install it with: apt-get install -y chromium`);
    }
    if (!fs.existsSync(path.join(DIST, 'panel.js')) || !fs.existsSync(path.join(DIST, 'worker.js'))) throw new Error('dist/webview is not built: run npm run build first');
    const s = await serve(this.initials);
    this.server = s.server;
    this.origin = s.origin;
    this.scratch = createScratch('webview');
    this.browser = await chromium.launch({
      executablePath: CHROMIUM,
      env: this.scratch.env,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  }

  /**
   * `initial`: the page is made with this first message in it (the host had the report).
   * `hold`: files of dist/webview not served while the page lives (`worker.js`: a worker still
   * starting; `typeset.js`: KaTeX not loaded yet).
   */
  async open(opts: { theme?: Theme; width?: number; height?: number; initial?: HostToPanel; hold?: readonly string[] } = {}): Promise<Panel> {
    const theme = opts.theme ?? 'light';
    const context = await this.browser!.newContext({ viewport: { width: opts.width ?? 760, height: opts.height ?? 1100 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
    await page.addInitScript(initScript(theme));
    for (const f of opts.hold ?? []) await page.route(`**/webview/${f}`, () => { /* not answered while the page lives */ });
    const typesetHeld = opts.hold?.includes('typeset.js') ?? false;
    const key = opts.initial ? String(this.initials.size + 1) : '';
    if (opts.initial) this.initials.set(key, opts.initial);
    // a held file never loads: then wait for the page's script only
    await page.goto(`${this.origin}/${key ? `?initial=${key}` : ''}`, { waitUntil: opts.hold?.length ? 'domcontentloaded' : 'load' });
    await page.waitForFunction(() => (window as unknown as { __posted: Array<{ type: string }> }).__posted.some((m) => m.type === 'ready'));
    const panel: Panel = {
      page, errors,
      post: async (m) => { await page.evaluate((msg) => window.postMessage(msg, '*'), m as object); },
      pictureVersion: () => page.evaluate(() => Number(document.body.dataset.pictureVersion ?? 0)),
      waitForPicture: async (after?: number) => {
        const base = after ?? await panel.pictureVersion();
        await page.waitForFunction((b) => Number(document.body.dataset.pictureVersion ?? 0) > b, base, { timeout: 20000 });
        // and the formulas typeset (KaTeX comes in a script of its own), unless it is held back
        if (!typesetHeld) await page.waitForFunction(() => !document.querySelector('.formula .tex:empty'), undefined, { timeout: 20000 });
        // Let pending computations (a refit, a resize) settle: no new picture for 400 ms.
        let v = await panel.pictureVersion();
        for (;;) {
          await page.waitForTimeout(400);
          const w = await panel.pictureVersion();
          if (w === v) return w;
          v = w;
        }
      },
      show: async (subject) => {
        const before = await panel.pictureVersion();
        await panel.post({ type: 'update', subject });
        await panel.waitForPicture(before);
      },
      redraw: async (action) => {
        const before = await panel.pictureVersion();
        await action();
        await panel.waitForPicture(before);
      },
      click: (selector) => panel.redraw(() => page.click(selector)),
      posted: () => page.evaluate(() => (window as unknown as { __posted: Array<Record<string, unknown>> }).__posted),
      state: () => page.evaluate(() => { const s = sessionStorage.getItem('vscodeState'); return s ? JSON.parse(s) : undefined; }),
      pixels: async () => {
        const r = await page.evaluate(() => {
          const c = document.querySelector('canvas.picture') as HTMLCanvasElement;
          const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
          let s = '';
          const bytes = d.data;
          for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
          return { width: c.width, height: c.height, b64: btoa(s) };
        });
        return { width: r.width, height: r.height, data: new Uint8Array(Buffer.from(r.b64, 'base64')) };
      },
      screenshot: async (name) => {
        fs.mkdirSync(ARTIFACTS, { recursive: true });
        const file = path.join(ARTIFACTS, `${name}.png`);
        await page.screenshot({ path: file, fullPage: true });
        return file;
      },
      setTheme: async (t) => {
        await page.evaluate(({ vars, cls }) => {
          for (const [k, v] of Object.entries(vars)) document.documentElement.style.setProperty(`--vscode-${k}`, v);
          document.body.classList.remove('vscode-light', 'vscode-dark', 'vscode-high-contrast');
          document.body.classList.add(cls);
        }, { vars: THEMES[t].vars, cls: THEMES[t].bodyClass });
      },
    };
    return panel;
  }

  /** A page of given HTML (no panel), with KaTeX's stylesheet from dist/webview and `css` inline, `width` pixels wide. */
  async page(body: string, opts: { css?: string; width?: number } = {}): Promise<Page> {
    const context = await this.browser!.newContext({ viewport: { width: opts.width ?? 760, height: 900 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    await page.setContent(`<!doctype html><html><head><link rel="stylesheet" href="${this.origin}/webview/katex/katex.min.css"><style>${opts.css ?? ''}</style></head><body>${body}</body></html>`, { waitUntil: 'load' });
    return page;
  }

  async stop(): Promise<void> {
    await this.browser?.close();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
    this.scratch?.remove();
  }
}

// ---------------------------------------------------------------------------------------
// Pixels

export type RGBA = [number, number, number, number];

export function pixel(img: { width: number; data: Uint8Array }, x: number, y: number): RGBA {
  const i = 4 * (Math.round(y) * img.width + Math.round(x));
  return [img.data[i], img.data[i + 1], img.data[i + 2], img.data[i + 3]];
}

export const hex = (s: string): [number, number, number] => [1, 3, 5].map((i) => parseInt(s.slice(i, i + 2), 16)) as [number, number, number];
export const dist = (a: readonly number[], b: readonly number[]) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

/** Centres of runs of pixels along a row that satisfy `pred`. */
export function runsAlongRow(img: { width: number; data: Uint8Array }, y: number, x0: number, x1: number, pred: (c: RGBA) => boolean): number[] {
  const out: number[] = [];
  let start = -1;
  for (let x = x0; x <= x1; x++) {
    const ok = x < x1 && pred(pixel(img, x, y));
    if (ok && start < 0) start = x;
    if (!ok && start >= 0) { out.push((start + x - 1) / 2); start = -1; }
  }
  return out;
}
