import type { ChartConfiguration } from 'chart.js';
import { percent } from '../../format.js';
import { OKABE_ITO, TARGET_LINE } from '../../palette.js';
import { percentAxis } from '../chart-axes.js';

export interface ScatterPoint {
  code: string;
  name: string;
  target_offices: number;
  application_rate: number | null;
}

/** Offices (log scale) against rate, with the target line. */
export function scatterConfig(points: ScatterPoint[], target: number): ChartConfiguration {
  const withOffices = points.filter((p) => p.target_offices > 0);
  const maxX = Math.max(10, ...withOffices.map((p) => p.target_offices));
  return {
    type: 'scatter',
    data: {
      datasets: [
        {
          label: '市区町村',
          data: withOffices.map((p) => ({ x: p.target_offices, y: p.application_rate ?? 0, name: p.name })),
          backgroundColor: OKABE_ITO.blue,
          pointRadius: 4,
        },
        {
          type: 'line',
          label: `目標 ${percent(target, 0)}`,
          data: [
            { x: 1, y: target },
            { x: maxX, y: target },
          ],
          borderColor: TARGET_LINE,
          borderDash: [6, 4],
          pointRadius: 0,
        },
      ],
    } as ChartConfiguration['data'],
    options: {
      responsive: true,
      maintainAspectRatio: false,
      scales: { x: { type: 'logarithmic', title: { display: true, text: '対象事業所数' } }, y: percentAxis() },
      plugins: {
        tooltip: { callbacks: { label: (c) => `${(c.raw as { name?: string }).name ?? ''} ${percent((c.raw as { y: number }).y)}` } },
      },
    },
  };
}
