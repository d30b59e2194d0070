/**
 * The panel's page: one function, no `vscode` import, so that the extension and the
 * headless-browser tests serve exactly the same HTML and Content Security Policy.
 *
 * The policy: nothing but what the page's own folder serves (`cspSource`), the page's one
 * script by nonce, no inline script, no eval. The computing worker is started from a blob
 * of its script, fetched from that folder (`connect-src`, `worker-src blob:`); blob
 * workers inherit this policy. The first report may come in the page (`data-initial`, JSON
 * in an attribute, read by the page's script, never run). KaTeX is a second script
 * (`data-typeset`) with its stylesheet (`data-katex-css`), which the page's script adds (the
 * script with its own nonce) after its first picture: the page's first paint and script wait
 * for neither.
 */
import type { HostToPanel } from '../../protocol/messages';

export interface PageOptions {
  /** The webview's resource origin (`webview.cspSource`). */
  readonly cspSource: string;
  /** A fresh random nonce for this page. */
  readonly nonce: string;
  /** The URL of a file in dist/webview, e.g. asset('panel.js'). */
  readonly asset: (path: string) => string;
  /** The first message, when the host has it as it makes the page: read by the page's script at once (no round trip). */
  readonly initial?: HostToPanel;
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data: blob:`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    `connect-src ${cspSource}`,
    'worker-src blob:',
  ].join('; ');
}

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function panelHtml({ cspSource, nonce, asset, initial }: PageOptions): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(asset('panel.css'))}">
<title>Jacobian Lens</title>
</head>
<body data-worker="${attr(asset('worker.js'))}" data-typeset="${attr(asset('typeset.js'))}" data-katex-css="${attr(asset('katex/katex.min.css'))}"${initial ? ` data-initial="${attr(JSON.stringify(initial))}"` : ''}>
<main id="app" aria-live="polite"><p class="empty">Loading…</p></main>
<script nonce="${attr(nonce)}" src="${attr(asset('panel.js'))}"></script>
</body>
</html>`;
}
