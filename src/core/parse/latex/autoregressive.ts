/**
 * A family written with an index (recognizers/autoregressive.ts) as a Transform: the generic
 * component with the note's parameters and helpers resolved, written out at D = 3 for the
 * engine (J, hover, checks), with the family itself on `Transform.autoregressive` so that the
 * report gives det J, log|det J| and the inverse for any D (math/autoregressive.ts).
 */
import { symbolsOf } from '../../math/expr';
import { AutoregressiveSpec, coefficientAt, coordinate, instanceAt } from '../../math/autoregressive';
import { readableName } from '../../format';
import { Severity, Transform } from '../../model';
import { ResolveError, resolveComponents } from '../resolve';
import { Definitions, displayNamesOf, environmentOf, freeNamesSaid, keepUsedNames } from './definitions';
import { Candidate } from './recognizer';
import { Reading, docSpan } from './reading';
import { Span } from './tree';

/** The size the family is written out at for the engine: large enough to show the triangle. */
export const INSTANCE_SIZE = 3;

export function buildAutoregressive(
  reading: Reading, d: Candidate & { autoregressive: AutoregressiveSpec & { display: Readonly<Record<string, string>> } }, name: string, defs: Definitions,
  dflt: readonly [number, number], say: (message: string, span: Span, severity: Severity, code: string) => void,
): Transform | null {
  const { display: written, ...family } = d.autoregressive;
  const spans = d.parts.map(docSpan);
  const start = Math.min(...spans.map((s) => s[0])), end = Math.max(...spans.map((s) => s[1]));
  const at = docSpan(d.nameAt);
  // the family's own names are not parameters (a note that defines \mu_i = f(x_{1:i-1}) gives its dependence, not a value)
  const own = new Set([family.input, family.output, ...family.coefficients.map((c) => c.name)]);
  const near = environmentOf(d, defs, reading);
  const env = { parameters: new Map([...near.parameters].filter(([k]) => !own.has(k) && ![...symbolsOf(near.parameters.get(k)!)].some((s) => own.has(s)))), functions: near.functions };
  let resolved;
  try {
    resolved = resolveComponents(d.raw, [...own], env);
  } catch (e) {
    if (e instanceof ResolveError) { say(e.message, [start, end], 'error', 'resolve'); return null; }
    throw e;
  }
  const spec: AutoregressiveSpec = { ...family, component: resolved.components[0] };
  const inst = instanceAt(spec, INSTANCE_SIZE);
  const display = { ...displayNamesOf(d, reading), ...written };
  const baseTex = (id: string) => withoutArguments(display[id] ?? id).replace(/\s*_\s*\{?[a-z]\}?\s*$/, '');
  const outputs = inst.variables.map((_, k) => `${baseTex(family.output)}_{${k + 1}}`);
  keepUsedNames(display, [family.input, family.output, ...family.coefficients.map((c) => c.name), ...env.parameters.keys()], [spec.component]);
  for (let k = 1; k <= INSTANCE_SIZE; k++) {
    display[coordinate(family.inputBase, k)] = `${baseTex(family.input)}_{${k}}`;
    for (const c of family.coefficients) display[coefficientAt(c, k)] = `${baseTex(c.name)}_{${k}}`;
  }
  // the coefficients at k are unknown functions, or constants where they depend on no coordinate (α_1 on x_{1:0})
  const unknown = new Set(resolved.unknownFunctions);
  for (const c of family.coefficients) for (let k = 1; k <= INSTANCE_SIZE; k++) if (!inst.constants.includes(coefficientAt(c, k))) unknown.add(coefficientAt(c, k));
  const free = resolved.freeSymbols.filter((s) => !own.has(s));
  return {
    name,
    variables: inst.variables,
    components: inst.components,
    parameters: Object.fromEntries(env.parameters),
    helpers: env.functions.size ? Object.fromEntries(env.functions) : undefined,
    freeSymbols: [...free, ...inst.constants],
    unknownFunctions: [...unknown],
    domain: inst.variables.map(() => [dflt[0], dflt[1]] as [number, number]),
    domainGiven: inst.variables.map(() => false),
    range: reading.range(start, end),
    nameRange: reading.range(at[0], at[1]),
    notation: 'latex',
    display,
    outputs,
    autoregressive: spec,
    ...(free.length ? { assumed: freeNamesSaid(free, near.later, (s) => readableName(display[s] ?? s), reading) } : {}),
  };
}

/** A coefficient written as a call, \mu_i\left(x_{1:i-1}\right) or \mu_i(x_{<i}): its name alone (\mu_i). */
function withoutArguments(tex: string): string {
  const t = tex.trimEnd();
  if (t.endsWith('\\right)')) {
    const open = t.lastIndexOf('\\left(');
    if (open > 0) return t.slice(0, open).trimEnd();
  }
  if (t.endsWith(')')) {
    const open = t.lastIndexOf('(');
    if (open > 0 && !t.slice(open + 1, -1).includes(')')) return t.slice(0, open).trimEnd();
  }
  return t;
}
