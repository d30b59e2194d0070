/**
 * Plain math syntax (mathjs's grammar, implicit multiplication allowed) -> Expr.
 * Errors carry an offset into the source string so that callers can place a diagnostic.
 */
import { parse as mathParse, MathNode } from 'mathjs';
import { Expr, add, div, mul, neg, num, pow, sym, ONE } from '../math/expr';
import { FUNCTIONS, FUNCTION_ALIASES } from '../math/functions';

export class ExprSyntaxError extends Error {
  constructor(message: string, readonly offset: number, readonly length = 1) {
    super(message);
  }
}

/** Same-length rewrites, so that offsets stay valid: `**` -> `^ `, unicode operators -> ASCII. */
function normalize(src: string): string {
  return src
    .replace(/\*\*/g, '^ ')
    .replace(/[·×⋅∙]/g, '*')
    .replace(/[−–]/g, '-')
    .replace(/÷/g, '/');
}

const OPERATORS: Record<string, string> = {
  add: '+', subtract: '-', multiply: '*', divide: '/', pow: '^', unaryMinus: '-', unaryPlus: '+',
  dotMultiply: '*', dotDivide: '/', dotPow: '^', ctranspose: "'", transpose: "'",
};

export interface PlainOptions {
  /** w' is the transpose of w (vector maps in ```transform blocks). */
  readonly transpose?: boolean;
}

/** Parse one expression. */
export function parsePlainExpr(src: string): Expr {
  return convert(parseNode(src, {}), normalize(src));
}

/** Parse one expression of a vector map: w' is the transpose of w. */
export function parseVectorExpr(src: string): Expr {
  return convert(parseNode(src, { transpose: true }), normalize(src));
}

function parseNode(src: string, opts: PlainOptions): MathNode {
  const text = normalize(src);
  if (!text.trim()) throw new ExprSyntaxError('expected an expression', 0, Math.max(1, src.length));
  const quote = opts.transpose ? /["]|(?<![\w)\]'])'/.exec(text) : /["']/.exec(text);
  if (quote) throw new ExprSyntaxError(`unexpected ${quote[0]}: strings and primes are not part of an expression here`, quote.index);
  let node: MathNode;
  try {
    node = mathParse(text);
  } catch (err) {
    const e = err as Error & { char?: number };
    const at = typeof e.char === 'number' ? Math.max(0, Math.min(text.length - 1, e.char - 1)) : 0;
    const msg = String(e.message).replace(/\s*\(char \d+\)\s*$/, '');
    throw new ExprSyntaxError(humanize(msg), at);
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

function humanize(msg: string): string {
  if (/Unexpected end of expression/i.test(msg)) return 'the expression ends too early (a missing operand or closing parenthesis?)';
  if (/Parenthesis \) expected/i.test(msg)) return 'a closing parenthesis ) is missing';
  if (/Value expected/i.test(msg)) return 'a value is missing here';
  if (/Unexpected operator/i.test(msg)) return msg.replace(/^Unexpected operator/, 'unexpected operator');
  return msg.charAt(0).toLowerCase() + msg.slice(1);
}

function locate(text: string, token: string): number {
  const i = text.indexOf(token);
  return i < 0 ? 0 : i;
}

function convert(node: MathNode, text: string): Expr {
  const n = node as MathNode & Record<string, any>;
  switch (node.type) {
    case 'ParenthesisNode': return convert(n.content, text);
    case 'ConstantNode': {
      if (typeof n.value === 'number' && Number.isFinite(n.value)) return num(n.value);
      throw new ExprSyntaxError(`${JSON.stringify(n.value)} is not a number`, locate(text, String(n.value)));
    }
    case 'SymbolNode': return sym(n.name);
    case 'OperatorNode': {
      const op = OPERATORS[n.fn as string];
      if (!op) {
        throw new ExprSyntaxError(`the operator ${n.op} is not supported in a map (use + - * / ^ and functions)`, locate(text, n.op), String(n.op).length);
      }
      const args: Expr[] = n.args.map((a: MathNode) => convert(a, text));
      switch (n.fn) {
        case 'add': return add(args[0], args[1]);
        case 'subtract': return add(args[0], neg(args[1]));
        case 'multiply': case 'dotMultiply': return mul(args[0], args[1]);
        case 'divide': case 'dotDivide': return div(args[0], args[1]);
        case 'pow': case 'dotPow': return pow(args[0], args[1]);
        case 'unaryMinus': return neg(args[0]);
        case 'ctranspose': case 'transpose': return { k: 'call', fn: 'transpose', args: [args[0]] };
        default: return args[0];
      }
    }
    case 'FunctionNode': {
      if (n.fn.type !== 'SymbolNode') throw new ExprSyntaxError('only named functions can be called', 0);
      const name: string = n.fn.name;
      const args: Expr[] = n.args.map((a: MathNode) => convert(a, text));
      return callByName(name, args, text);
    }
    case 'ArrayNode': throw new ExprSyntaxError('a vector [ ... ] cannot appear inside a component', locate(text, '['));
    case 'AssignmentNode': case 'FunctionAssignmentNode': throw new ExprSyntaxError('unexpected =', locate(text, '='));
    case 'ConditionalNode': throw new ExprSyntaxError('conditionals (a ? b : c) are not supported in a map', locate(text, '?'));
    case 'RangeNode': throw new ExprSyntaxError('ranges (a:b) are not supported in a map', locate(text, ':'));
    case 'IndexNode': case 'AccessorNode': throw new ExprSyntaxError('indexing (x[i] or x.y) is not supported: name each variable (x1, x2, ...)', locate(text, '['));
    default: throw new ExprSyntaxError(`unsupported syntax (${node.type})`, 0);
  }
}

/** Build a call, mapping aliases and the few mathjs functions that are really operators. */
export function callByName(rawName: string, args: Expr[], text = ''): Expr {
  const name = FUNCTION_ALIASES[rawName] ?? rawName;
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
  const known = FUNCTIONS[name];
  if (known && args.length !== known.arity) arity(known.arity);
  if (args.length === 0) throw new ExprSyntaxError(`${rawName}() needs an argument`, at(), rawName.length);
  return { k: 'call', fn: name, args };
}
