/** Left-aligned columns separated by two spaces, the way the convox CLI prints its tables. */
export function formatTable(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]): string =>
    cells
      // The last column's padding goes with the line's trailing spaces.
      .map((cell, column) => cell.padEnd(widths[column]))
      .join('  ')
      .trimEnd();
  return [headers, ...rows].map(line).join('\n');
}
