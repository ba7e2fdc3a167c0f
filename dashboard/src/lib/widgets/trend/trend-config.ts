import type { ChartConfiguration } from 'chart.js';
import { percent } from '../../format.js';
import { OKABE_ITO, TARGET_LINE } from '../../palette.js';
import { percentAxis } from '../chart-axes.js';

export interface TrendPoint {
  as_of: string;
  application_rate: number | null;
  usage_rate: number | null;
}

export function trendConfig(points: TrendPoint[], target: number, label: string): ChartConfiguration {
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
