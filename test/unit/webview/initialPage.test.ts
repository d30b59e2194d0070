import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../../src/core/document';
import { createEngineOptions } from '../../../src/core/engine';
import { hostMessageProblem, type HostToPanel } from '../../../src/protocol/messages';
import { panelHtml } from '../../../src/extension/panel/html';

/** The attribute's value as a browser reads it (the page's three escapes undone). */
const attribute = (html: string, name: string): string | undefined => {
  const m = new RegExp(` ${name}="([^"]*)"`).exec(html);
  return m?.[1].replace(/&lt;/g, '<').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
};

describe('the panel page made with its first report', () => {
  const page = (initial?: HostToPanel) => panelHtml({ cspSource: 'https://res.test', nonce: 'abc123', asset: (p) => `https://res.test/${p}`, ...(initial ? { initial } : {}) });

  it('carries the report in an attribute the page reads back exactly, hostile text included', () => {
    const report = analyzeDocument('```transform\nf(x, y) = (2 x, y)\n```\n', 'markdown', 'a.md', createEngineOptions()).transforms[0];
    const subject = { uri: 'file:///a&b/"q"/<script>.md', fileName: '</body><script>alert(1)</script>&amp;.md', report };
    const initial: HostToPanel = { type: 'update', subject };
    const html = page(initial);
    const text = attribute(html, 'data-initial');
    assert.ok(text, 'the page has its first report');
    const back = JSON.parse(text) as unknown;
    assert.deepEqual(back, JSON.parse(JSON.stringify(initial)));
    assert.equal(hostMessageProblem(back), null);
    // nothing of the report's text escapes the attribute: one script (the page's, by nonce), one body
    assert.equal(html.match(/<script/g)?.length, 1);
    assert.equal(html.match(/<body/g)?.length, 1);
  });

  it('has no first report when the host has none, and the same policy either way', () => {
    const plain = page();
    assert.equal(attribute(plain, 'data-initial'), undefined);
    const csp = (html: string) => /Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1];
    assert.equal(csp(page({ type: 'empty', reason: 'none' })), csp(plain));
  });
});
