// What the page's chart script draws: one spec per chart, inlined as JSON. Node decides series,
// units and annotations; the browser side only lays them out with uPlot. Types only. Runs in: Node
// (built) and the browser (read).

/** How axis ticks and legend values read: `percent` values are already ×100. */
type ChartUnit = 'ms' | 'percent' | 'rps' | 'vus';

interface ChartSeriesSpec {
  label: string;
  /** One value per x; null draws a gap. */
  values: (number | null)[];
  /** CSS colour. */
  color: string;
  unit: ChartUnit;
  /** Second y axis on the right, for a series in another unit (VUs next to req/s). */
  rightAxis?: boolean;
  /** Fill the area under the line, lightly. */
  fill?: boolean;
}

/**
 * A shaded time window: `phase` (profile phase or stage), `chaos` (injection to provider recovery),
 * `breaking` (the step the system broke at), `lag` (the load generator fell behind).
 */
export interface ChartBand {
  fromS: number;
  toS: number;
  label: string;
  tone: 'phase' | 'chaos' | 'breaking' | 'lag';
}

/** A vertical line at one instant: `recovered` (users saw normal service again) or `failed` (a run). */
export interface ChartMarker {
  atS: number;
  label: string;
  tone: 'recovered' | 'failed';
}

export interface ChartSpec {
  /** Element id of the chart's container, unique on the page. */
  id: string;
  /** Unix seconds, ascending. */
  x: number[];
  series: ChartSeriesSpec[];
  bands: ChartBand[];
  markers: ChartMarker[];
  /** Draw a dot at every value: for sparse series such as one point per run. */
  showPoints?: boolean;
  /** Pixel height of the plot. */
  heightPx?: number;
  /** Fixed time axis [from, to] in Unix seconds, e.g. a day around a lone run; default: the data. */
  xRangeS?: [number, number];
}

/** The JSON document inlined in the page. */
export interface PageData {
  charts: ChartSpec[];
  /** Cursor sync group: charts of one run share a time axis. */
  syncKey?: string;
}
