/**
 * The e2e helper: code-server on a scratch copy of a workspace, with the extension under
 * development loaded, and its workbench in headless Debian Chromium, driven as a person
 * would (keyboard and mouse). `close()` stops everything; it also runs when the process ends.
 * In a test file, `useWorkbench(folder)` does the set-up and clean-up.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { BrowserSession, CodeServer, launchBrowser, onProcessEnd, startCodeServer } from '../vscode/codeServer';
import { ARTIFACTS, ROOT, createScratch, useScratchInProcess } from '../vscode/env';

export const SHOTS = path.join(ARTIFACTS, 'e2e');

export interface Workbench {
  readonly page: Page;
  readonly server: CodeServer;
  /** The scratch copy of the workspace. */
  readonly folder: string;
  /** Open a file through Quick Open (Ctrl+P) and wait until its text is in the editor. */
  openFile(name: string, expectText: string): Promise<void>;
  /** Hover the mouse over the first place `text` is shown in the editor; the hover's text. */
  hover(text: string, expect: RegExp): Promise<string>;
  /** Click into the editor on `text` (puts the cursor there). */
  clickText(text: string): Promise<void>;
  /** Run a command from the command palette (F1) by its label. */
  runCommand(label: string): Promise<void>;
  /** The content of the webview in the tab titled `title` (iframe.webview.ready -> iframe#active-frame). */
  webview(title: string | RegExp): Promise<FrameLocator>;
  /** Notifications (from the Notification Center: the test driver hides toasts). */
  notifications(expect: RegExp): Promise<string[]>;
  /** A screenshot of the page (or of `target`) into artifacts/e2e/<name>.png; returns the path. */
  screenshot(name: string, target?: Locator): Promise<string>;
  close(): Promise<void>;
}

/** Start code-server and the workbench on a scratch copy of `workspace` (relative to the repository). */
export async function openWorkbench(workspace: string): Promise<Workbench> {
  const scratch = createScratch('e2e');
  useScratchInProcess(scratch);
  const forgetScratch = onProcessEnd(() => scratch.remove());
  const folder = path.join(scratch.dir, path.basename(workspace));
  fs.cpSync(path.join(ROOT, workspace), folder, { recursive: true });
  fs.mkdirSync(SHOTS, { recursive: true });
  let server: CodeServer | undefined;
  let ui: BrowserSession | undefined;
  const close = async () => {
    await ui?.close();
    await server?.stop();
    scratch.remove();
    forgetScratch();
  };
  try {
    server = await startCodeServer({
      scratch, smokeTestDriver: true, logFile: path.join(scratch.dir, 'code-server.log'),
      userDataDir: path.join(scratch.dir, 'user-data'), extensionsDir: path.join(scratch.dir, 'extensions'),
      settings: { 'workbench.colorTheme': 'Default Light Modern', 'editor.hover.delay': 200, 'editor.minimap.enabled': false },
    });
    ui = await launchBrowser();
    const page = ui.page;
    await page.goto(server.url(folder, { extensionDevelopmentPath: [ROOT] }));
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
    return { page, server, folder, close, ...actions(page) };
  } catch (e) {
    await close();
    throw e;
  }
}

function actions(page: Page): Omit<Workbench, 'page' | 'server' | 'folder' | 'close'> {
  const quickInput = page.locator('.quick-input-widget .quick-input-box input').first();
  const editorLines = page.locator('.editor-instance .monaco-editor .view-lines').first();

  const viewLine = (text: string) => page.locator('.editor-instance .view-line', { hasText: text }).first();

  /** Bounding box of `text` within its editor line (measured with a DOM Range, exact to the character). */
  async function textBox(text: string): Promise<{ x: number; y: number; width: number; height: number }> {
    const line = viewLine(text);
    await line.waitFor({ timeout: 20_000 });
    const box = await line.evaluate((el, t) => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      let all = '';
      const nodes: Array<{ node: Text; start: number }> = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode()) { nodes.push({ node: n as Text, start: all.length }); all += (n as Text).data.replace(/\u00a0/g, ' '); }
      const i = all.indexOf(t);
      if (i < 0) return null;
      const at = (k: number) => { const hit = nodes.filter((x) => x.start <= k).pop()!; return { node: hit.node, offset: k - hit.start }; };
      const a = at(i), b = at(i + t.length - 1);
      const r = document.createRange();
      r.setStart(a.node, a.offset);
      r.setEnd(b.node, b.offset + 1);
      const rect = r.getBoundingClientRect();
      return { x: rect.x, y: rect.y, width: rect.width, height: rect.height };
    }, text);
    if (!box) throw new Error(`"${text}" is not shown in the editor`);
    return box;
  }

  return {
    async openFile(name, expectText) {
      await page.keyboard.press('Control+P');
      await quickInput.waitFor({ timeout: 20_000 });
      await quickInput.fill(name);
      await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 20_000 });
      await page.keyboard.press('Enter');
      await editorLines.waitFor({ timeout: 20_000 });
      await viewLine(expectText).waitFor({ timeout: 20_000 });
    },

    async hover(text, expect) {
      const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: expect }).first();
      let lastError: unknown;
      // The extension host may still be analysing the file: move away and back until the hover shows.
      for (let attempt = 0; attempt < 8; attempt++) {
        const b = await textBox(text);
        await page.mouse.move(b.x + b.width / 2, b.y + b.height + 60);
        await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 4 });
        try {
          await hover.waitFor({ timeout: 4_000 });
          return await hover.innerText();
        } catch (e) {
          lastError = e;
        }
      }
      throw new Error(`no hover matching ${expect} over "${text}": ${String(lastError)}`);
    },

    async clickText(text) {
      // Click, then make sure the cursor is on that line (the status bar's "Ln N"): a line
      // can move between measuring and clicking (a CodeLens or a hover arriving), and a
      // command run next acts at the cursor. The line's number is read from the gutter.
      let seen = '';
      for (let attempt = 0; attempt < 4; attempt++) {
        const b = await textBox(text);
        const lineNumber = await viewLine(text).evaluate((el) => {
          const top = el.getBoundingClientRect().top;
          const editor = el.closest('.monaco-editor');
          const gutter = Array.from(editor?.querySelectorAll('.margin-view-overlays .line-numbers') ?? []).find((g) => Math.abs(g.getBoundingClientRect().top - top) < 2);
          return gutter ? Number((gutter.textContent ?? '').trim()) : undefined;
        });
        await page.mouse.click(b.x + Math.min(b.width / 2, 4), b.y + b.height / 2);
        if (!lineNumber) return; // no line numbers shown: nothing to confirm by
        for (const until = Date.now() + 3_000; Date.now() < until;) {
          seen = (await page.locator('[id="status.editor.selection"]').first().innerText().catch(() => '')).trim();
          if (new RegExp(`^Ln ${lineNumber},`).test(seen)) return;
          await page.waitForTimeout(100);
        }
      }
      throw new Error(`clicking "${text}" did not put the cursor on its line (the status bar says "${seen}")`);
    },

    async runCommand(label) {
      await page.keyboard.press('F1');
      await quickInput.waitFor({ timeout: 20_000 });
      await quickInput.fill(`>${label}`);
      // The row whose label is exactly `label` ("Check Invertibility", not "Check Invertibility in File").
      const exact = new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
      const row = page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: exact }) }).first();
      await row.waitFor({ timeout: 20_000 });
      await row.click();
      await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 20_000 });
    },

    async webview(title) {
      try {
        await page.locator('.tab', { hasText: title }).first().waitFor({ timeout: 60_000 });
      } catch (e) {
        // say what was there instead, so that a failure in CI can be read from its output
        const tabs = await page.locator('.tab').allInnerTexts().catch(() => []);
        const cursor = await page.locator('[id="status.editor.selection"]').first().innerText().catch(() => '?');
        const notes = await page.locator('.notification-list-item-message').allInnerTexts().catch(() => []);
        throw new Error(`no tab titled ${String(title)} in 60 s; tabs: ${JSON.stringify(tabs)}; cursor: ${cursor}; notifications: ${JSON.stringify(notes)}\n${String(e)}`);
      }
      const content = page.frameLocator('iframe.webview.ready').first().frameLocator('iframe#active-frame');
      await content.locator('body').waitFor({ timeout: 30_000 });
      return content;
    },

    async notifications(expect) {
      await this.runCommand('Notifications: Show Notifications');
      const item = page.locator('.notifications-center .notification-list-item-message', { hasText: expect }).first();
      await item.waitFor({ timeout: 30_000 });
      return page.locator('.notifications-center .notification-list-item-message').allInnerTexts();
    },

    async screenshot(name, target) {
      const file = path.join(SHOTS, `${name}.png`);
      if (target) await target.screenshot({ path: file });
      else await page.screenshot({ path: file });
      return file;
    },
  };
}

/**
 * In a mocha `describe`: open the workbench on `workspace` before its tests, screenshot the page
 * after each failing test (artifacts/e2e/failed-<title>.png), close everything after.
 */
export function useWorkbench(workspace: string): () => Workbench {
  let wb: Workbench | undefined;
  before(async function () {
    this.timeout(600_000); // code-server may be installed on first use
    wb = await openWorkbench(workspace);
  });
  afterEach(async function () {
    const t = this.currentTest;
    if (wb && t?.state === 'failed') await wb.screenshot(`failed-${t.title.replace(/[^\w-]+/g, '-').slice(0, 80)}`).catch(() => undefined);
  });
  after(async () => { await wb?.close(); });
  return () => {
    if (!wb) throw new Error('the workbench did not start');
    return wb;
  };
}
