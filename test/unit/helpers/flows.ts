/** A small flow for the tests of every layer (unit, page, extension host, workbench): three layers and their composition. */
export const FLOW_NOTE = [
  '```transform',
  'c(x, y) = (x, y exp(tanh(x) / 2) + x^2 / 4)',
  'R(u, v) = (v, u)',
  'd(p, q) = (p + sin(q) / 2, q)',
  'F = d ∘ R ∘ c',
  'domain: x in [-1.5, 1.5], y in [-1.5, 1.5]',
  '```', '',
].join('\n');
