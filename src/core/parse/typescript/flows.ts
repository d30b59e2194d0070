/**
 * Flows in code: a function that applies maps of the file in sequence is a composition of
 * them, read from its statements (never run):
 *
 *     function flow(x: number, y: number) {
 *       const [u, v] = coupling(x, y);        // each layer takes what the one before gave,
 *       const z = rotate(u, v);               // as names in order or as one array
 *       return shear(...swap(...z));          // spread calls nest, innermost first
 *     }
 *
 * The layers may be imported from another file of the workspace (`import { coupling } from
 * "./layers"`): read there by the same bounded, read-only module reader.
 *
 * Anything else in the body (arithmetic between layers, reordered arguments, constants)
 * makes it an ordinary map: the symbolic reader inlines it as before.
 */
import type * as TS from 'typescript';
import { ComposeError, composeTransform } from '../../compose';
import type { CompositionLayer, Problem, Range, Transform } from '../../model';
import type { TypeScriptApi } from './loader';
import { FunctionLike, skipOuter } from './translate';

/** What flows only pass along: names in order, or one array. */
type State = { readonly names: readonly string[] } | { readonly array: string };

/**
 * The callees of `fn`'s body in application order when it only applies functions in
 * sequence to its parameters (at least two calls); null otherwise.
 */
export function layerCalls(ts: TypeScriptApi, fn: FunctionLike, params: readonly string[]): Callee[] | null {
  if (!fn.body) return null;
  const stmts: readonly TS.Statement[] = ts.isBlock(fn.body) ? fn.body.statements : [];
  const last = ts.isBlock(fn.body) ? stmts[stmts.length - 1] : null;
  const result = last ? (ts.isReturnStatement(last) && last.expression ? last.expression : null) : (fn.body as TS.Expression);
  if (!result) return null;
  let state: State = { names: params };
  const calls: Callee[] = [];
  for (const st of stmts.slice(0, -1)) {
    if (!ts.isVariableStatement(st) || st.declarationList.declarations.length !== 1) return null;
    const d = st.declarationList.declarations[0];
    if (!d.initializer) return null;
    const inner = chain(ts, skipOuter(ts, d.initializer), state);
    if (!inner) return null;
    calls.push(...inner);
    if (ts.isIdentifier(d.name)) state = { array: d.name.text };
    else if (ts.isArrayBindingPattern(d.name) && d.name.elements.every((el) => ts.isBindingElement(el) && !el.dotDotDotToken && ts.isIdentifier(el.name))) {
      state = { names: d.name.elements.map((el) => ((el as TS.BindingElement).name as TS.Identifier).text) };
    } else return null;
  }
  const e = skipOuter(ts, result);
  // return [u, v]: the state as it is
  const tail = ts.isArrayLiteralExpression(e) && passes(ts, e.elements, state) ? [] : chain(ts, e, state);
  if (!tail) return null;
  calls.push(...tail);
  return calls.length >= 2 ? calls : null;
}

/** A layer as the flow calls it: `coupling`, or `L.coupling` (a namespace import, or a function property such as `forward.invert`). */
export type Callee = TS.Identifier | (TS.PropertyAccessExpression & { readonly expression: TS.Identifier; readonly name: TS.Identifier });

/** The layer's name as the flow writes it. */
export const calleeName = (ts: TypeScriptApi, c: Callee): string => (ts.isIdentifier(c) ? c.text : `${c.expression.text}.${c.name.text}`);

/** `g(…)` whose arguments pass `state` on, or `g(...h(…))`: the callees innermost first. */
function chain(ts: TypeScriptApi, e: TS.Expression, state: State): Callee[] | null {
  if (!ts.isCallExpression(e) || e.questionDotToken) return null;
  const callee = skipOuter(ts, e.expression);
  if (!ts.isIdentifier(callee) && !(ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && ts.isIdentifier(callee.name))) return null;
  if (passes(ts, e.arguments, state)) return [callee as Callee];
  // g(...h(…)), or g(h(…)) for a g of one array
  const a = e.arguments.length === 1 ? e.arguments[0] : null;
  if (!a) return null;
  const inner = chain(ts, skipOuter(ts, ts.isSpreadElement(a) ? a.expression : a), state);
  return inner ? [...inner, callee as Callee] : null;
}

/** Arguments that are exactly the state: its names in order, `...z` for an array z, or `[u, v]` for a function of one array. */
function passes(ts: TypeScriptApi, args: readonly TS.Expression[], state: State): boolean {
  const id = (x: TS.Expression, name: string) => { const y = skipOuter(ts, x); return ts.isIdentifier(y) && y.text === name; };
  if ('array' in state) return args.length === 1 && ts.isSpreadElement(args[0]) && id(args[0].expression, state.array);
  if (args.length === state.names.length && args.every((a, i) => !ts.isSpreadElement(a) && id(a, state.names[i]))) return true;
  return args.length === 1 && ts.isArrayLiteralExpression(skipOuter(ts, args[0])) && passes(ts, (skipOuter(ts, args[0]) as TS.ArrayLiteralExpression).elements, state);
}

export interface FlowCandidate {
  readonly name: string;
  readonly nameNode: TS.Node;
  readonly fn: FunctionLike;
  readonly holder: TS.Node;
}

const sameRange = (a: Range, b: Range) => a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;

/**
 * The file's functions that apply its maps in sequence, as compositions: each replaces the
 * inlined map of the same function (and what was said about reading it), or stands where the
 * function could not be inlined. Layers are the file's maps read so far, by name, the
 * functions that only pass their inputs on (`passing`: a permutation (u, v) => [v, u]), and
 * maps the file imports from another file of the workspace (`imported`, read on demand).
 */
export function composeFlows(ts: TypeScriptApi, candidates: readonly FlowCandidate[], transforms: Transform[], problems: Problem[], rangeOf: (n: TS.Node) => Range,
  passing: readonly Transform[] = [], imported: (c: Callee) => Transform | undefined = () => undefined): void {
  const importedLayers = new Map<string, Transform | undefined>();
  const fromImport = (c: Callee) => {
    const key = calleeName(ts, c);
    if (!importedLayers.has(key)) importedLayers.set(key, imported(c));
    return importedLayers.get(key);
  };
  // a flow may apply another flow written after it: a second pass finds it
  for (let pass = 0; pass < 2; pass++) {
    for (const c of candidates) {
      const params = c.fn.parameters.map((p) => (ts.isIdentifier(p.name) && p.name.text !== 'this' ? p.name.text : null));
      if (params.length < 1 || params.some((p) => p === null)) continue;
      const calls = layerCalls(ts, c.fn, params as string[]);
      if (!calls) continue;
      const where = rangeOf(c.holder);
      const own = transforms.findIndex((t) => t.name === c.name && sameRange(t.range, where));
      if (own >= 0 && transforms[own].composition) continue;
      const names = calls.map((id) => calleeName(ts, id));
      const found = calls.map((id, k) => transforms.find((t, i) => i !== own && t.name === names[k]) ?? passing.find((t) => t.name === names[k]) ?? fromImport(id));
      if (found.some((t) => !t)) continue;
      const layers: CompositionLayer[] = [];
      found.forEach((t, i) => { if (t!.composition) layers.push(...t!.composition.layers); else layers.push({ name: names[i], transform: t! }); });
      const inlined = own >= 0 ? transforms[own] : null;
      const nameRange = rangeOf(c.nameNode);
      // what was said about inlining this function (a spread it could not read) no longer applies
      const aboutIt = (p: Problem) => p.related?.some((r) => r.message === `the map ${c.name}` && sameRange(r.range, nameRange));
      // one parameter passed whole to the first layer (`c => toRgb(toLinear(c))`, c an object or
      // array of channels): its entries, the first layer's variables, are the variables
      const whole = params.length === 1 && layers[0].transform.variables.length > 1;
      try {
        const t = composeTransform({
          name: c.name, layers, variables: whole ? [...layers[0].transform.variables] : params as string[], range: where, nameRange, notation: 'typescript',
          ...(inlined ? { domain: inlined.domain, domainGiven: inlined.domainGiven, domainOpen: inlined.domainOpen } : {}),
        });
        if (own >= 0) transforms[own] = t; else transforms.push(t);
        for (let i = problems.length - 1; i >= 0; i--) if (aboutIt(problems[i])) problems.splice(i, 1);
      } catch (e) {
        if (!(e instanceof ComposeError)) throw e;
        // a point passed whole whose layers do not chain (channels left out of one) is no mistake of the user's
        if (!whole && !problems.some(aboutIt)) problems.push({ message: `${c.name} applies ${names.join(', ')} in sequence, but not as a composition: ${e.message}`, range: nameRange, severity: 'warning', code: 'compose', related: [{ message: `the map ${c.name}`, range: nameRange }] });
      }
    }
  }
}
