// One table builder for every table of the reports, so headers, number alignment and the empty
// case look the same everywhere. Cells return markup: callers escape their text. Runs in: Node.
import { escapeHtml } from './escape-html.ts';

export interface Column<Row> {
  header: string;
  /** Right-aligned, tabular figures. */
  numeric?: boolean;
  /** Escaped markup of the cell. */
  cell: (row: Row) => string;
}

interface TableOptions<Row> {
  /** Class of a row's <tr>, e.g. `status-fail`. */
  rowClass?: (row: Row) => string;
  /** Shown instead of an empty table. */
  emptyText?: string;
  /** Marks the table for tests and styling. */
  id?: string;
}

export function htmlTable<Row>(
  columns: readonly Column<Row>[],
  rows: readonly Row[],
  options: TableOptions<Row> = {},
): string {
  if (rows.length === 0) return `<p class="empty">${escapeHtml(options.emptyText ?? 'No data.')}</p>`;
  const numClass = (c: Column<Row>) => (c.numeric ? ' class="num"' : '');
  const head = columns.map((c) => `<th${numClass(c)}>${escapeHtml(c.header)}</th>`).join('');
  const body = rows
    .map((row) => {
      const cls = options.rowClass?.(row);
      const cells = columns.map((c) => `<td${numClass(c)}>${c.cell(row)}</td>`).join('');
      return `<tr${cls ? ` class="${escapeHtml(cls)}"` : ''}>${cells}</tr>`;
    })
    .join('\n');
  const id = options.id ? ` id="${escapeHtml(options.id)}"` : '';
  // Wide tables scroll inside their panel rather than push the page sideways.
  return `<div class="table-wrap"><table${id}><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>`;
}
