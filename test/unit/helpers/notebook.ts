/** Notebooks for the tests: nbformat 4 JSON as Jupyter saves it. */

/** Cells given as [kind, source]; each source is saved as a list of lines that keep their \n. */
export function notebook(...cells: Array<['markdown' | 'code' | 'raw', string]>): string {
  return JSON.stringify({
    nbformat: 4, nbformat_minor: 5, metadata: { kernelspec: { name: 'python3', display_name: 'Python 3' } },
    cells: cells.map(([kind, src]) => ({
      cell_type: kind, metadata: {}, source: src.split(/(?<=\n)/),
      ...(kind === 'code' ? { execution_count: null, outputs: [] } : {}),
    })),
  }, null, 1);
}
