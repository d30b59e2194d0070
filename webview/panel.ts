/**
 * The preview panel's page. It only reads what the host posts (Reports) and draws them.
 */
import type { HostToPanel, PanelToHost, PanelSubject } from '../src/protocol/messages';
import { formulaList, renderTex } from './formulas';

interface State { uri: string; line: number; character: number }

const vscode = acquireVsCodeApi<State>();
const app = document.getElementById('app')!;
const send = (m: PanelToHost) => vscode.postMessage(m);

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function showMessage(cls: string, text: string, where?: string): void {
  app.replaceChildren();
  const p = el('p', cls, text);
  app.append(p);
  if (where) app.append(el('p', 'where', where));
}

function showSubject(s: PanelSubject): void {
  const t = s.report;
  vscode.setState({ uri: s.uri, line: t.nameRange.start.line, character: t.nameRange.start.character });
  app.replaceChildren();
  const header = el('header');
  const title = el('h1', undefined, `${t.name}(${t.variables.join(', ')})`);
  const link = el('button', 'link', `${s.fileName}:${t.range.start.line + 1}`);
  link.title = 'Reveal the definition';
  link.addEventListener('click', () => send({ type: 'reveal' }));
  header.append(title, link);
  app.append(header);
  const facts = el('p', 'facts');
  const inv = t.invertibility;
  facts.textContent = `structure: ${t.structure} · invertibility: ${inv.verdict}${inv.verdict === 'unknown' ? '' : ` (${inv.certainty})`} — ${inv.reason}`;
  app.append(facts);
  const list = el('section', 'formulas');
  for (const f of formulaList(t)) {
    const row = el('div', 'formula');
    row.dataset.label = f.label;
    const tex = el('div', 'tex');
    renderTex(tex, f.tex);
    row.append(tex);
    list.append(row);
  }
  app.append(list);
  for (const n of t.notes) app.append(el('p', 'note', n));
}

window.addEventListener('message', (ev: MessageEvent<HostToPanel>) => {
  const m = ev.data;
  try {
    if (!m || typeof m !== 'object' || typeof (m as { type?: unknown }).type !== 'string') throw new Error('a malformed message reached the panel');
    switch (m.type) {
      case 'update': showSubject(m.subject); break;
      case 'empty': showMessage('empty', m.reason); break;
      case 'error': showMessage('error', m.message, m.where); break;
      case 'mark': break;
      default: throw new Error(`an unknown message "${(m as { type: string }).type}" reached the panel`);
    }
  } catch (e) {
    showMessage('error', `The panel could not show this: ${(e as Error).message}`);
    send({ type: 'log', level: 'error', message: (e as Error).stack ?? String(e) });
  }
});

send({ type: 'ready' });
