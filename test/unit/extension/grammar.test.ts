import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

const root = path.join(__dirname, '../../../..');
const read = (p: string) => fs.readFileSync(path.join(root, p), 'utf8');

/**
 * A stand-in for VS Code's Markdown grammar: the injection only needs a grammar whose scope
 * is text.html.markdown (VS Code's own fenced-code rules come after the injection's, which
 * is on the left: `L:`).
 */
const MARKDOWN_STUB = { scopeName: 'text.html.markdown', patterns: [{ match: '^#+ .*$', name: 'markup.heading.markdown' }] };

async function registry(): Promise<vsctm.Registry> {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer;
  await oniguruma.loadWASM(wasm);
  const pkg = JSON.parse(read('package.json')) as { contributes: { grammars: Array<{ scopeName: string; path: string; injectTo?: string[] }> } };
  const byScope = new Map(pkg.contributes.grammars.map((g) => [g.scopeName, g]));
  return new vsctm.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (s: string[]) => new oniguruma.OnigScanner(s), createOnigString: (s: string) => new oniguruma.OnigString(s) }),
    loadGrammar: async (scope) => {
      if (scope === 'text.html.markdown') return vsctm.parseRawGrammar(JSON.stringify(MARKDOWN_STUB), 'markdown.json');
      const g = byScope.get(scope);
      return g ? vsctm.parseRawGrammar(read(g.path), g.path) : null;
    },
    getInjections: (scope) => pkg.contributes.grammars.filter((g) => g.injectTo?.includes(scope)).map((g) => g.scopeName),
  });
}

/** Each token's text and its innermost scope, line by line. */
function tokenize(grammar: vsctm.IGrammar, text: string): Array<Array<{ text: string; scopes: string[] }>> {
  let stack = vsctm.INITIAL;
  return text.split('\n').map((line) => {
    const r = grammar.tokenizeLine(line, stack);
    stack = r.ruleStack;
    return r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

const scopeOf = (lines: ReturnType<typeof tokenize>, line: number, text: string): string[] => {
  const t = lines[line].find((x) => x.text.trim() === text);
  assert.ok(t, `no token "${text}" on line ${line}: ${JSON.stringify(lines[line].map((x) => x.text))}`);
  return t!.scopes;
};
const innermost = (s: string[]) => s[s.length - 1];

describe('the ```transform grammar injected into Markdown', () => {
  const sample = [
    '# A note',
    '```transform',
    '# helpers first',
    'a = 0.5',
    's(u) = tanh(a u)',
    'layer(x, y) = (x, y exp(s(x)) + x^2)',
    'domain: x in [-2, 2], 0.1 < y < 2',
    '```',
    'layer(x, y) = (x, y) # not a transform',
  ].join('\n');
  let lines: ReturnType<typeof tokenize>;

  before(async function () {
    this.timeout(10000);
    const g = await (await registry()).loadGrammar('text.html.markdown');
    assert.ok(g);
    lines = tokenize(g!, sample);
  });

  it('the fence and its language', () => {
    assert.equal(innermost(scopeOf(lines, 1, '```')), 'punctuation.definition.markdown');
    assert.equal(innermost(scopeOf(lines, 1, 'transform')), 'fenced_code.block.language.markdown');
    assert.ok(scopeOf(lines, 1, 'transform').includes('markup.fenced_code.block.markdown'));
    assert.equal(innermost(scopeOf(lines, 7, '```')), 'punctuation.definition.markdown');
  });

  it('inside: comments, numbers, operators, definitions, known and unknown functions, variables', () => {
    assert.ok(scopeOf(lines, 2, 'helpers first').includes('comment.line.number-sign.jacobian-transform'));
    assert.ok(scopeOf(lines, 3, 'a').includes('meta.embedded.block.jacobian-transform'));
    assert.equal(innermost(scopeOf(lines, 3, '0.5')), 'constant.numeric.jacobian-transform');
    assert.equal(innermost(scopeOf(lines, 3, '=')), 'keyword.operator.assignment.jacobian-transform');
    assert.equal(innermost(scopeOf(lines, 4, 's')), 'entity.name.function.jacobian-transform');
    assert.equal(innermost(scopeOf(lines, 4, 'tanh')), 'support.function.math.jacobian-transform');
    assert.equal(innermost(scopeOf(lines, 5, 'layer')), 'entity.name.function.jacobian-transform');
    assert.equal(innermost(scopeOf(lines, 5, 'exp')), 'support.function.math.jacobian-transform');
    assert.equal(innermost(scopeOf(lines, 5, '^')), 'keyword.operator.arithmetic.jacobian-transform');
    assert.equal(innermost(scopeOf(lines, 5, 'y')), 'variable.other.jacobian-transform');
  });

  it('domain lines: the keyword, `in`, comparisons and numbers', () => {
    assert.equal(innermost(scopeOf(lines, 6, 'domain')), 'keyword.other.domain.jacobian-transform');
    assert.equal(innermost(scopeOf(lines, 6, 'in')), 'keyword.operator.word.in.jacobian-transform');
    assert.equal(innermost(scopeOf(lines, 6, '<')), 'keyword.operator.comparison.jacobian-transform');
    assert.equal(innermost(scopeOf(lines, 6, '0.1')), 'constant.numeric.jacobian-transform');
    assert.ok(scopeOf(lines, 6, '-').includes('meta.domain.jacobian-transform'));
  });

  it('nothing outside the block is touched', () => {
    assert.equal(innermost(scopeOf(lines, 0, '# A note')), 'markup.heading.markdown');
    for (const t of lines[8]) assert.ok(!t.scopes.some((s) => s.endsWith('.jacobian-transform')), `${t.text}: ${t.scopes.join(' ')}`);
  });
});
