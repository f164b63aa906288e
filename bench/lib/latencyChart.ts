/** A small horizontal bar chart as SVG text: no library, no network. */
export const latencyChart = (
  title: string,
  bars: readonly { label: string; value: number }[],
  unit = 'ms',
): string => {
  const width = 760;
  const labelWidth = 260;
  const rowHeight = 26;
  const height = 50 + bars.length * rowHeight;
  const max = Math.max(1, ...bars.map((bar) => (Number.isFinite(bar.value) ? bar.value : 0)));
  const scale = (width - labelWidth - 90) / max;
  const esc = (text: string) =>
    text.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c] ?? c);
  const rows = bars.map((bar, i) => {
    const y = 40 + i * rowHeight;
    const value = Number.isFinite(bar.value) ? bar.value : 0;
    return [
      `<text x="${labelWidth - 8}" y="${y + 14}" text-anchor="end">${esc(bar.label)}</text>`,
      `<rect x="${labelWidth}" y="${y}" width="${Math.max(1, value * scale).toFixed(1)}" height="18" fill="#4f6bed"/>`,
      `<text x="${labelWidth + value * scale + 6}" y="${y + 14}">${value.toFixed(0)} ${unit}</text>`,
    ].join('');
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<title>${esc(title)}</title>`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="10" y="22" font-size="15" font-weight="bold">${esc(title)}</text>`,
    ...rows,
    '</svg>',
  ].join('\n');
};
