import type { ChartConfiguration } from 'chart.js';
import { percent } from '../../format.js';
import { OKABE_ITO, TARGET_LINE } from '../../palette.js';
import { percentAxis } from '../chart-axes.js';
import type { PublishedFigure } from '$api/published/dto/published-figures.responses.js';

const PUBLISHED_LABELS = { application_rate: '公表値（申請率）', usage_rate: '公表値（利用率）' } as const;

/** Published figures of a month-end row ('YYYY-MM-DD'): those of the same month. */
export const publishedOfMonth = (published: PublishedFigure[], monthEnd: string) =>
  published.filter((f) => f.as_of.slice(0, 7) === monthEnd.slice(0, 7));

/** A published figure as the chart's table says it: "利用率 7.2%（WAMNET）". */
export const publishedText = (f: PublishedFigure) =>
  `${f.measure === 'usage_rate' ? '利用率' : '申請率'} ${percent(f.value)}（${f.source}）`;

export interface TrendPoint {
  as_of: string;
  application_rate: number | null;
  usage_rate: number | null;
}

/** Published figures as unjoined diamonds on the months they are of, beside the series they compare with. */
function publishedDatasets(points: TrendPoint[], published: PublishedFigure[]) {
  return (['application_rate', 'usage_rate'] as const)
    .map((measure) => ({ measure, figures: published.filter((f) => f.measure === measure) }))
    .filter(({ figures }) => points.some((p) => publishedOfMonth(figures, p.as_of).length > 0))
    .map(({ measure, figures }) => ({
      label: PUBLISHED_LABELS[measure],
      data: points.map((p) => publishedOfMonth(figures, p.as_of)[0]?.value ?? null),
      borderColor: OKABE_ITO.black,
      backgroundColor: measure === 'usage_rate' ? OKABE_ITO.orange : OKABE_ITO.blue,
      showLine: false,
      pointStyle: 'rectRot' as const,
      pointRadius: 7,
    }));
}

export function trendConfig(points: TrendPoint[], target: number, label: string, published: PublishedFigure[] = []): ChartConfiguration {
  return {
    type: 'line',
    data: {
      labels: points.map((p) => p.as_of.slice(0, 7)),
      datasets: [
        {
          label: `${label} 申請率`,
          data: points.map((p) => p.application_rate),
          borderColor: OKABE_ITO.blue,
          backgroundColor: OKABE_ITO.blue,
          pointRadius: 2,
        },
        {
          label: `${label} 利用率`,
          data: points.map((p) => p.usage_rate),
          borderColor: OKABE_ITO.orange,
          backgroundColor: OKABE_ITO.orange,
          borderDash: [3, 3],
          pointRadius: 2,
        },
        {
          label: `目標 ${percent(target, 0)}`,
          data: points.map(() => target),
          borderColor: TARGET_LINE,
          borderDash: [6, 4],
          pointRadius: 0,
        },
        ...publishedDatasets(points, published),
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      scales: { y: percentAxis() },
      plugins: { tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${percent(Number(c.raw))}` } } },
    },
  };
}
