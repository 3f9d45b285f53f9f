/** A column of a text table: its header and which side its cells line up on. */
export interface TextColumn {
  readonly header: string;
  readonly align: 'left' | 'right';
}

/**
 * The rows as a fixed-width table: a header line, a rule of dashes, one line per row; columns are two
 * spaces apart and as wide as their widest cell. Trailing spaces are trimmed.
 */
export function textTable(columns: readonly TextColumn[], rows: readonly (readonly string[])[]): string[] {
  const widths = columns.map((column, index) =>
    Math.max(column.header.length, ...rows.map((row) => (row[index] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    columns
      .map((column, index) => {
        const cell = cells[index] ?? '';
        const width = widths[index] ?? 0;
        return column.align === 'right' ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  return [
    line(columns.map((column) => column.header)),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...rows.map(line),
  ];
}
