/** Small SVG line charts with axes, units and a legend: no library, no network. */

const WIDTH = 940;
const HEIGHT = 420;
const MARGIN = { left: 70, right: 320, top: 40, bottom: 55 };
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom;
const COLOURS = ['#4f6bed', '#e0703a', '#2a9d5c', '#b04fbf', '#8a8a8a', '#c9a227'];

export const esc = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

/** Round tick steps (1, 2, 5 × 10^k) covering 0..max. */
export const ticks = (max: number, count = 5): number[] => {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  return Array.from({ length: Math.ceil(max / step) + 1 }, (_, i) => Number((i * step).toPrecision(12)));
};

interface Axes {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly xMax: number;
  readonly yMax: number;
}

const frame = ({ title, xLabel, yLabel, xMax, yMax }: Axes) => {
  const xTicks = ticks(xMax);
  const yTicks = ticks(yMax);
  const xTop = xTicks[xTicks.length - 1] as number;
  const yTop = yTicks[yTicks.length - 1] as number;
  const x = (v: number) => MARGIN.left + (v / xTop) * PLOT_W;
  const y = (v: number) => MARGIN.top + PLOT_H - (v / yTop) * PLOT_H;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<title>${esc(title)}</title>`,
    '<rect width="100%" height="100%" fill="#fff"/>',
    `<text x="${MARGIN.left}" y="22" font-size="15" font-weight="bold">${esc(title)}</text>`,
    ...xTicks.map(
      (t) =>
        `<line x1="${x(t)}" y1="${MARGIN.top}" x2="${x(t)}" y2="${MARGIN.top + PLOT_H}" stroke="#eee"/>` +
        `<text x="${x(t)}" y="${MARGIN.top + PLOT_H + 16}" text-anchor="middle">${t}</text>`,
    ),
    ...yTicks.map(
      (t) =>
        `<line x1="${MARGIN.left}" y1="${y(t)}" x2="${MARGIN.left + PLOT_W}" y2="${y(t)}" stroke="#eee"/>` +
        `<text x="${MARGIN.left - 6}" y="${y(t) + 4}" text-anchor="end">${t}</text>`,
    ),
    `<line x1="${MARGIN.left}" y1="${MARGIN.top + PLOT_H}" x2="${MARGIN.left + PLOT_W}" y2="${MARGIN.top + PLOT_H}" stroke="#000"/>`,
    `<line x1="${MARGIN.left}" y1="${MARGIN.top}" x2="${MARGIN.left}" y2="${MARGIN.top + PLOT_H}" stroke="#000"/>`,
    `<text x="${MARGIN.left + PLOT_W / 2}" y="${HEIGHT - 12}" text-anchor="middle">${esc(xLabel)}</text>`,
    `<text transform="translate(16 ${MARGIN.top + PLOT_H / 2}) rotate(-90)" text-anchor="middle">${esc(yLabel)}</text>`,
  ];
  return { parts, x, y };
};

const legend = (entries: readonly { label: string; colour: string; dashed?: boolean }[], offset = 16) =>
  entries.map((entry, i) => {
    const ly = MARGIN.top + 10 + i * 20;
    const lx = MARGIN.left + PLOT_W + offset;
    return (
      `<line x1="${lx}" y1="${ly}" x2="${lx + 24}" y2="${ly}" stroke="${entry.colour}" stroke-width="2"${entry.dashed ? ' stroke-dasharray="5 3"' : ''}/>` +
      `<text x="${lx + 30}" y="${ly + 4}">${esc(entry.label)}</text>`
    );
  });

const polyline = (points: readonly [number, number][], colour: string, dashed = false) =>
  `<polyline fill="none" stroke="${colour}" stroke-width="2"${dashed ? ' stroke-dasharray="5 3"' : ''} points="${points
    .map(([px, py]) => `${px.toFixed(1)},${py.toFixed(1)}`)
    .join(' ')}"/>`;

/**
 * Cumulative distribution of latencies (ms) per series, as a step line; each marker is a dashed
 * vertical line (e.g. the floor probe's p50).
 */
export const cdfChart = (
  title: string,
  series: readonly { label: string; valuesMs: readonly number[] }[],
  markers: readonly { label: string; valueMs: number }[] = [],
): string => {
  const all = [...series.flatMap((s) => s.valuesMs), ...markers.map((m) => m.valueMs)].filter(
    Number.isFinite,
  );
  const { parts, x, y } = frame({
    title,
    xLabel: 'end-to-end latency (ms)',
    yLabel: 'share of sagas at or below (%)',
    xMax: Math.max(1, ...all),
    yMax: 100,
  });
  const lines = series.map((s, i) => {
    const sorted = [...s.valuesMs].filter(Number.isFinite).sort((a, b) => a - b);
    const points: [number, number][] = [[x(sorted[0] ?? 0), y(0)]];
    sorted.forEach((v, k) => {
      points.push([x(v), y((k / sorted.length) * 100)], [x(v), y(((k + 1) / sorted.length) * 100)]);
    });
    return polyline(points, COLOURS[i % COLOURS.length] as string);
  });
  const markerLines = markers.map((m, i) => {
    const colour = COLOURS[(series.length + i) % COLOURS.length] as string;
    return polyline(
      [
        [x(m.valueMs), y(0)],
        [x(m.valueMs), y(100)],
      ],
      colour,
      true,
    );
  });
  return [
    ...parts,
    ...lines,
    ...markerLines,
    ...legend([
      ...series.map((s, i) => ({
        label: `${s.label} (n=${s.valuesMs.length})`,
        colour: COLOURS[i % COLOURS.length] as string,
      })),
      ...markers.map((m, i) => ({
        label: `${m.label} ${m.valueMs.toFixed(0)} ms`,
        colour: COLOURS[(series.length + i) % COLOURS.length] as string,
        dashed: true,
      })),
    ]),
    '</svg>',
  ].join('\n');
};

export interface LoadPoint {
  readonly offeredPerSecond: number;
  readonly completedPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/**
 * Throughput against offered load (left axis, sagas/s) with p50 and p99 latency (right axis, ms),
 * the ideal y = x line, and the knee as a dashed vertical line.
 */
export const loadChart = (title: string, points: readonly LoadPoint[], kneePerSecond?: number): string => {
  const maxRate = Math.max(1, ...points.map((p) => Math.max(p.offeredPerSecond, p.completedPerSecond)));
  const maxMs = Math.max(1, ...points.map((p) => p.p99Ms).filter(Number.isFinite));
  const { parts, x, y } = frame({
    title,
    xLabel: 'offered load (orders/s)',
    yLabel: 'completed sagas/s',
    xMax: maxRate,
    yMax: maxRate,
  });
  const msTicks = ticks(maxMs);
  const msTop = msTicks[msTicks.length - 1] as number;
  const yMs = (v: number) => MARGIN.top + PLOT_H - (v / msTop) * PLOT_H;
  const right = MARGIN.left + PLOT_W;
  const sorted = [...points].sort((a, b) => a.offeredPerSecond - b.offeredPerSecond);
  const colours = {
    ideal: '#8a8a8a',
    done: COLOURS[0] as string,
    p50: COLOURS[2] as string,
    p99: COLOURS[1] as string,
    knee: '#c00',
  };
  const kneeLine =
    kneePerSecond === undefined
      ? []
      : [
          polyline(
            [
              [x(kneePerSecond), y(0)],
              [x(kneePerSecond), MARGIN.top],
            ],
            colours.knee,
            true,
          ),
        ];
  return [
    ...parts,
    `<line x1="${right}" y1="${MARGIN.top}" x2="${right}" y2="${MARGIN.top + PLOT_H}" stroke="#000"/>`,
    ...msTicks.map((t) => `<text x="${right + 4}" y="${yMs(t) + 4}" fill="#555">${t}</text>`),
    `<text transform="translate(${right + 46} ${MARGIN.top + PLOT_H / 2}) rotate(90)" text-anchor="middle" fill="#555">latency (ms)</text>`,
    polyline(
      [
        [x(0), y(0)],
        [x(maxRate), y(maxRate)],
      ],
      colours.ideal,
      true,
    ),
    polyline(
      sorted.map((p) => [x(p.offeredPerSecond), y(p.completedPerSecond)]),
      colours.done,
    ),
    polyline(
      sorted.filter((p) => Number.isFinite(p.p50Ms)).map((p) => [x(p.offeredPerSecond), yMs(p.p50Ms)]),
      colours.p50,
    ),
    polyline(
      sorted.filter((p) => Number.isFinite(p.p99Ms)).map((p) => [x(p.offeredPerSecond), yMs(p.p99Ms)]),
      colours.p99,
    ),
    ...sorted.map(
      (p) =>
        `<circle cx="${x(p.offeredPerSecond)}" cy="${y(p.completedPerSecond)}" r="3" fill="${colours.done}"/>`,
    ),
    ...kneeLine,
    ...legend(
      [
        { label: 'completed sagas/s', colour: colours.done },
        { label: 'ideal (all offered)', colour: colours.ideal, dashed: true },
        { label: 'p50 latency (ms, right)', colour: colours.p50 },
        { label: 'p99 latency (ms, right; ∞ not drawn)', colour: colours.p99 },
        // Said, not left out: a reader must see that no rate qualified.
        kneePerSecond === undefined
          ? {
              label: 'no knee: no rate kept p99 under 2 s with a stable backlog',
              colour: colours.knee,
              dashed: true,
            }
          : { label: `knee ${kneePerSecond} orders/s`, colour: colours.knee, dashed: true },
      ],
      // Right of the latency axis.
      60,
    ),
    '</svg>',
  ].join('\n');
};
