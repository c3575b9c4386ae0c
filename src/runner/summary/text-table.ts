// Aligned `name.....: value extras` lines for the text summary, in two passes: every cell is formatted
// first, then widths are measured and cells padded. Runs in: Node (runner main thread).

export type Paint = (text: string, style: 'green' | 'red' | 'cyan' | 'faint' | 'bold') => string;

const CODES = { green: '32', red: '31', cyan: '36', faint: '2', bold: '1' } as const;

export function painter(colors: boolean): Paint {
  return colors ? (text, style) => `\x1b[${CODES[style]}m${text}\x1b[0m` : (text) => text;
}

/** One metric line: trend rows hold `stat=value` cells, plain rows a value then extras. */
export interface TableRow {
  name: string;
  /** Nesting level: sub-metrics shown under their parent are one deeper. */
  depth: number;
  kind: 'trend' | 'plain';
  cells: string[];
}

function columnWidths(rows: TableRow[]): number[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.cells.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  return widths;
}

/** Lines without the base indent; trailing padding removed. */
export function renderTable(rows: TableRow[], paint: Paint): string[] {
  const nameWidth = Math.max(0, ...rows.map((r) => r.depth * 2 + r.name.length));
  const widths = {
    trend: columnWidths(rows.filter((r) => r.kind === 'trend')),
    plain: columnWidths(rows.filter((r) => r.kind === 'plain')),
  };
  return rows.map((row) => {
    const indent = '  '.repeat(row.depth);
    const dots = '.'.repeat(nameWidth - indent.length - row.name.length + 3);
    const cells = row.cells.map((cell, i) => {
      const padding = ' '.repeat((widths[row.kind][i] ?? 0) - cell.length);
      if (row.kind === 'plain') return (i === 0 ? paint(cell, 'cyan') : paint(cell, 'faint')) + padding;
      const eq = cell.indexOf('=');
      return cell.slice(0, eq + 1) + paint(cell.slice(eq + 1), 'cyan') + padding;
    });
    return `${indent}${row.name}${paint(`${dots}:`, 'faint')} ${cells.join(' ')}`.trimEnd();
  });
}
