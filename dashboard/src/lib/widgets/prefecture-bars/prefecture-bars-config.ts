import type { ChartConfiguration } from 'chart.js';
import { percent } from '../../format.js';
import { OKABE_ITO, TARGET_LINE } from '../../palette.js';
import { percentAxis } from '../chart-axes.js';

export interface PrefectureRate {
  prefecture_code: string;
  prefecture_name: string;
  application_rate: number | null;
}

/** Prefectures sorted by rate, with the target as a horizontal line; the selected one is highlighted. */
export function prefectureBarsConfig(rows: PrefectureRate[], target: number, selected?: string): ChartConfiguration {
  const sorted = [...rows].sort((a, b) => (b.application_rate ?? -1) - (a.application_rate ?? -1));
  return {
    type: 'bar',
    data: {
      labels: sorted.map((r) => r.prefecture_name),
      datasets: [
        {
          type: 'bar',
          label: '申請率',
          data: sorted.map((r) => r.application_rate ?? 0),
          backgroundColor: sorted.map((r) => (r.prefecture_code === selected ? OKABE_ITO.orange : OKABE_ITO.blue)),
        },
        {
          type: 'line',
          label: `目標 ${percent(target, 0)}`,
          data: sorted.map(() => target),
          borderColor: TARGET_LINE,
          borderDash: [6, 4],
          borderWidth: 2,
          pointRadius: 0,
        },
      ],
    } as ChartConfiguration['data'],
    options: {
      responsive: true,
      maintainAspectRatio: false,
      scales: {
        y: percentAxis(Math.max(target * 1.2, ...sorted.map((r) => r.application_rate ?? 0))),
        x: { ticks: { autoSkip: false, maxRotation: 90, minRotation: 60, font: { size: 10 } } },
      },
      plugins: { tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${percent(Number(c.raw))}` } } },
    },
  };
}
