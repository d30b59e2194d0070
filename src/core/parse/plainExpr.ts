/**
 * Plain math syntax (mathjs's grammar, implicit multiplication allowed) -> Expr.
 * Errors carry an offset into the source string so that callers can place a diagnostic.
 */
import { create, parseDependencies, MathNode } from 'mathjs';
import { Expr, add, div, mul, neg, num, pow, sym, ONE } from '../math/expr';
import { FUNCTIONS, FUNCTION_ALIASES } from '../math/functions';
import { fastPlainExpr } from './plainFast';
import { MAX_BRACKET_NESTING, MAX_NESTING, deepBracket, dict, exprDepth, isStackOverflow, own, tooDeep } from '../limits';

/**
 * mathjs's parser alone, made on first use: the full instance (`import { parse }`) sets up
 * every typed function at load, seconds on a busy machine, before the first report.
 */
let parser: ((expr: string) => MathNode) | undefined;
let parses = 0;
const mathParse = (text: string): MathNode => { parses++; return (parser ??= create({ parseDependencies }).parse)(text); };

/** How many texts mathjs's parser has read in this process (the common forms skip it: plainFast.ts). */
export const mathjsParses = (): number => parses;

export class ExprSyntaxError extends Error {
  constructor(message: string, readonly offset: number, readonly length = 1) {
    super(message);
  }
}

/** Same-length rewrites, so that offsets stay valid: `**` -> `^ `, unicode operators -> ASCII. */
function normalize(src: string): string {
  return src
    // code's Math.sin(x), Math.PI, Math.E, as the names they stand for
    .replace(/(?<![\w.])Math\.PI\b/g, 'pi     ')
    .replace(/(?<![\w.])Math\.E\b/g, 'e     ')
    .replace(/(?<![\w.])Math\.(?=[a-z])/g, '     ')
    .replace(/\*\*/g, '^ ')
    .replace(/[·×⋅∙]/g, '*')
    .replace(/[−–]/g, '-')
    .replace(/÷/g, '/');
}

const OPERATORS: Readonly<Record<string, string>> = dict({
  add: '+', subtract: '-', multiply: '*', divide: '/', pow: '^', unaryMinus: '-', unaryPlus: '+',
  dotMultiply: '*', dotDivide: '/', dotPow: '^', ctranspose: "'", transpose: "'",
});

export interface PlainOptions {
  /** w' is the transpose of w (vector maps in ```transform blocks). */
  readonly transpose?: boolean;
}

/** Parse one expression. */
export function parsePlainExpr(src: string): Expr {
  return fast(src) ?? convert(parseNode(src, {}), normalize(src));
}

/** Parse one expression of a vector map: w' is the transpose of w. */
export function parseVectorExpr(src: string): Expr {
  return fast(src) ?? convert(parseNode(src, { transpose: true }), normalize(src));
}

/** The tree mathjs's parser gives (the path of every form plainFast.ts does not read): for comparisons. */
export const mathjsPlainExpr = (src: string): Expr => convert(parseNode(src, {}), normalize(src));

/** The common forms without mathjs's parser (the same tree), or null (plainFast.ts). */
function fast(src: string): Expr | null {
  const text = normalize(src);
  const e = fastPlainExpr(text, (name, args) => callByName(name, args, text));
  return e && exprDepth(e) <= MAX_NESTING ? e : null;
}

function parseNode(src: string, opts: PlainOptions): MathNode {
  const text = normalize(src);
  if (!text.trim()) throw new ExprSyntaxError('expected an expression', 0, Math.max(1, src.length));
  const sup = /[⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺]/.exec(text);
  if (sup) throw new ExprSyntaxError(`write a power with ^: x^2 for x², x^(-1) for x⁻¹`, sup.index);
  const quote = opts.transpose ? /["]|(?<![\w)\]'])'/.exec(text) : /["']/.exec(text);
  if (quote) throw new ExprSyntaxError(`unexpected ${quote[0]}: strings and primes are not part of an expression here`, quote.index);
  // mathjs's parser recurses per bracket: deeper nesting is refused before it is read
  const deep = deepBracket(text);
  if (deep >= 0) throw new ExprSyntaxError(tooDeep('this expression', null, MAX_BRACKET_NESTING), deep);
  let node: MathNode;
  try {
    node = mathParse(text);
  } catch (err) {
    if (isStackOverflow(err)) throw new ExprSyntaxError(tooDeep('this expression', null), 0, Math.max(1, src.length));
    const e = err as Error & { char?: number };
    const at = typeof e.char === 'number' ? Math.max(0, Math.min(text.length - 1, e.char - 1)) : 0;
    const msg = String(e.message).replace(/\s*\(char \d+\)\s*$/, '');
    const said = humanize(msg);
    // a brace is where the reader looks, not the character after it
    throw new ExprSyntaxError(said, said === BRACES && text.lastIndexOf('{', at) >= 0 ? text.lastIndexOf('{', at) : at);
  }
  return node;
}

/** A value: one expression, or a vector [a, b] (one column) or a matrix [[a, b], [c, d]] (rows). */
export type PlainValue = { readonly k: 'expr'; readonly e: Expr } | { readonly k: 'array'; readonly rows: Expr[][]; readonly matrix: boolean };

export function parsePlainValue(src: string, opts: PlainOptions = {}): PlainValue {
  const node = parseNode(src, opts);
  const text = normalize(src);
  const n = node as MathNode & Record<string, any>;
  if (node.type !== 'ArrayNode') return { k: 'expr', e: convert(node, text) };
  const items = n.items as MathNode[];
  if (!items.length) throw new ExprSyntaxError('an empty vector []', locate(text, '['));
  if (items.every((it) => it.type === 'ArrayNode')) {
    const rows = items.map((it) => ((it as MathNode & { items: MathNode[] }).items).map((c) => convert(c, text)));
    if (rows.some((r) => r.length !== rows[0].length || r.length === 0)) throw new ExprSyntaxError('the rows of a matrix need the same number of entries', locate(text, '['));
    return { k: 'array', rows, matrix: true };
  }
  return { k: 'array', rows: items.map((c) => [convert(c, text)]), matrix: false };
}

const BRACES = 'braces { } do not group in a map: use parentheses ( ) for grouping and [ ] or ( , ) for a vector';

function humanize(msg: string): string {
  if (/Unexpected end of expression/i.test(msg)) return 'the expression ends too early (a missing operand or closing parenthesis?)';
  if (/Parenthesis \) expected/i.test(msg)) return 'a closing parenthesis ) is missing';
  if (/Value expected/i.test(msg)) return 'a value is missing here';
  if (/after object key|object key expected|expected after object|\} expected/i.test(msg)) return BRACES;
  if (/Unexpected operator/i.test(msg)) return msg.replace(/^Unexpected operator/, 'unexpected operator');
  return msg.charAt(0).toLowerCase() + msg.slice(1);
}

function locate(text: string, token: string): number {
  const i = text.indexOf(token);
  return i < 0 ? 0 : i;
}

export const TOO_LARGE_NUMBER = 'this number is too large for a double (the largest is about 1.8e308): rescale the map, or give the factor a name and a smaller unit';

/** Where the first number literal too large for a double is ([offset, length]). */
function hugeLiteral(text: string): [number, number] {
  for (const m of text.matchAll(/(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/g)) if (!Number.isFinite(Number(m[0]))) return [m.index!, m[0].length];
  return [0, 1];
}

type Node = MathNode & Record<string, any>;

/** Sums and products chain: a + b - c and a * b / c are read as one list of terms or factors. */
const chainOf = (n: Node): 'add' | 'mul' | null =>
  n.type === 'OperatorNode' ? (n.fn === 'add' || n.fn === 'subtract' ? 'add' : n.fn === 'multiply' || n.fn === 'divide' || n.fn === 'dotMultiply' || n.fn === 'dotDivide' ? 'mul' : null) : null;

const kidsOf = (n: Node): Node[] =>
  n.type === 'ParenthesisNode' ? [n.content] : n.type === 'OperatorNode' || n.type === 'FunctionNode' ? n.args : [];

/**
 * mathjs nodes -> Expr, without recursion (a sum of thousands of terms is a left-deep tree of
 * thousands of levels): children first, from an explicit stack; the terms of a chain of + and -
 * (factors of * and /) are gathered into one list, so that the whole sum is built once.
 */
function convert(root: MathNode, text: string): Expr {
  const e = convertTree(root, text);
  const depth = exprDepth(e);
  if (depth > MAX_NESTING) throw new ExprSyntaxError(tooDeep('this expression', depth), 0, Math.max(1, text.length));
  return e;
}

function convertTree(root: MathNode, text: string): Expr {
  const done = new Map<Node, Expr>();
  const lists = new Map<Node, Expr[]>();
  const value = (k: Node): Expr => {
    const list = lists.get(k);
    if (!list) return done.get(k)!;
    lists.delete(k);
    return chainOf(k) === 'add' ? add(...list) : mul(...list);
  };
  const stack: Array<[Node, boolean]> = [[root as Node, false]];
  while (stack.length) {
    const [node, expanded] = stack.pop()!;
    const kids = kidsOf(node);
    if (!expanded) {
      if (node.type === 'OperatorNode' && !OPERATORS[node.fn as string]) {
        throw new ExprSyntaxError(`the operator ${node.op} is not supported in a map (use + - * / ^ and functions)`, locate(text, node.op), String(node.op).length);
      }
      stack.push([node, true]);
      for (let i = kids.length - 1; i >= 0; i--) stack.push([kids[i], false]);
      continue;
    }
    const chain = chainOf(node);
    if (chain) {
      const [left, right] = node.args as Node[];
      const list = chainOf(left) === chain && lists.has(left) ? lists.get(left)! : [value(left)];
      lists.delete(left);
      const r = value(right);
      list.push(node.fn === 'subtract' ? neg(r) : node.fn === 'divide' || node.fn === 'dotDivide' ? pow(r, num(-1)) : r);
      lists.set(node, list);
      continue;
    }
    done.set(node, build(node, kids.map(value), text));
  }
  return value(root as Node);
}

function build(n: Node, args: Expr[], text: string): Expr {
  switch (n.type) {
    case 'ParenthesisNode': return args[0];
    case 'ConstantNode': {
      if (typeof n.value === 'number' && Number.isFinite(n.value)) return num(n.value);
      if (typeof n.value === 'number') {
        // NaN and Infinity written as such are not numbers too large, but no numbers at all
        const word = Number.isNaN(n.value) ? 'NaN' : /\bInfinity\b/.test(text) ? 'Infinity' : null;
        if (word) throw new ExprSyntaxError(`"${word}" is not a finite number: write a number, a parameter or a formula here`, locate(text, word), word.length);
        const [at, length] = hugeLiteral(text);
        throw new ExprSyntaxError(TOO_LARGE_NUMBER, at, length);
      }
      // an empty statement (`;;;`) reads as a constant without a value
      if (n.value === undefined) throw new ExprSyntaxError('expected an expression, not an empty statement', Math.max(0, text.indexOf(';')));
      throw new ExprSyntaxError(`${String(n.value).slice(0, 40)} is not a number`, locate(text, String(n.value)));
    }
    case 'SymbolNode': return sym(n.name);
    case 'OperatorNode':
      switch (n.fn) {
        case 'pow': case 'dotPow': return pow(args[0], args[1]);
        case 'unaryMinus': return neg(args[0]);
        case 'ctranspose': case 'transpose': return { k: 'call', fn: 'transpose', args: [args[0]] };
        default: return args[0];
      }
    case 'FunctionNode': {
      if (n.fn.type !== 'SymbolNode') throw new ExprSyntaxError('only named functions can be called', 0);
      return callByName(n.fn.name, args, text);
    }
    case 'ArrayNode': throw new ExprSyntaxError('a vector [ ... ] cannot appear inside a component', locate(text, '['));
    case 'AssignmentNode': case 'FunctionAssignmentNode': throw new ExprSyntaxError('unexpected =', locate(text, '='));
    case 'ConditionalNode': throw new ExprSyntaxError('conditionals (a ? b : c) are not supported in a map', locate(text, '?'));
    case 'RangeNode': throw new ExprSyntaxError('ranges (a:b) are not supported in a map', locate(text, ':'));
    case 'IndexNode': case 'AccessorNode': throw new ExprSyntaxError('indexing (x[i] or x.y) is not supported: name each variable (x1, x2, ...)', locate(text, '['));
    case 'BlockNode': throw new ExprSyntaxError('one expression was expected here: put each definition on a line of its own (or separate them with ;)', Math.max(0, text.search(/[;\n]/)));
    case 'ObjectNode': throw new ExprSyntaxError(BRACES, locate(text, '{'));
    default: throw new ExprSyntaxError(`unsupported syntax (${n.type})`, 0);
  }
}

/** Build a call, mapping aliases and the few mathjs functions that are really operators. */
export function callByName(rawName: string, args: Expr[], text = ''): Expr {
  const name = own(FUNCTION_ALIASES, rawName) ?? rawName;
  const at = () => locate(text, rawName);
  const arity = (k: number) => {
    if (args.length !== k) throw new ExprSyntaxError(`${rawName} takes ${k} argument${k === 1 ? '' : 's'}, got ${args.length}`, at(), rawName.length);
  };
  switch (name) {
    case 'pow': arity(2); return pow(args[0], args[1]);
    case 'square': arity(1); return pow(args[0], num(2));
    case 'cube': arity(1); return pow(args[0], num(3));
    case 'nthRoot': {
      arity(2);
      const k = args[1];
      if (k.k === 'num' && k.v === 2) return { k: 'call', fn: 'sqrt', args: [args[0]] };
      if (k.k === 'num' && k.v === 3) return { k: 'call', fn: 'cbrt', args: [args[0]] };
      return pow(args[0], div(ONE, k));
    }
    case 'log':
      if (args.length === 2) return div({ k: 'call', fn: 'log', args: [args[0]] }, { k: 'call', fn: 'log', args: [args[1]] });
      break;
  }
  const known = own(FUNCTIONS, name);
  if (known && args.length !== known.arity) arity(known.arity);
  if (args.length === 0) throw new ExprSyntaxError(`${rawName}() needs an argument`, at(), rawName.length);
  return { k: 'call', fn: name, args };
}
