/** What the bench reads of a corpus map, and the map as the extension reads it. */
export interface CorpusMap {
  readonly id: string;
  readonly variables: readonly string[];
  readonly components_mathjs: readonly string[];
  readonly domain: ReadonlyArray<readonly [number, number]>;
}

/** The map as a ```transform block with its domain. */
export function blockOf(c: Pick<CorpusMap, 'variables' | 'components_mathjs' | 'domain'>): string {
  const dom = c.variables.map((v, i) => `${v} in [${c.domain[i][0]}, ${c.domain[i][1]}]`).join(', ');
  return ['```transform', `f(${c.variables.join(', ')}) = (${c.components_mathjs.join(', ')})`, `domain: ${dom}`, '```'].join('\n');
}
