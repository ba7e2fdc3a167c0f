import { contextRows, type ExportContext } from './table-data.js';

const FONT = '"Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", "Yu Gothic", sans-serif';
const PADDING = 16;

/**
 * A chart as a PNG that stands on its own: its title (and area) above, then its 基準日, filters and source
 * (the same lines as an export's title rows) below, on white, at the chart's own resolution.
 */
export function chartImage(chart: HTMLCanvasElement, context: ExportContext): Promise<Blob> {
  const scale = chart.width / Math.max(1, chart.clientWidth || chart.width);
  const [title, ...notes] = contextRows(context).map((r) => r[0]);
  const titleSize = Math.round(18 * scale);
  const noteSize = Math.round(12 * scale);
  const pad = Math.round(PADDING * scale);
  const head = pad + titleSize + pad;
  const foot = pad + notes.length * Math.round(noteSize * 1.5) + pad;
  const image = document.createElement('canvas');
  image.width = chart.width + pad * 2;
  image.height = head + chart.height + foot;
  const g = image.getContext('2d')!;
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, image.width, image.height);
  g.fillStyle = '#1a1a1a';
  g.textBaseline = 'top';
  g.font = `bold ${titleSize}px ${FONT}`;
  g.fillText(title, pad, pad, image.width - pad * 2);
  g.drawImage(chart, pad, head);
  g.font = `${noteSize}px ${FONT}`;
  notes.forEach((line, i) => g.fillText(line, pad, head + chart.height + pad + i * Math.round(noteSize * 1.5), image.width - pad * 2));
  return new Promise((resolve, reject) => image.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG'))), 'image/png'));
}
