import type { ChartConfiguration } from 'chart.js';
import { OKABE_ITO } from '../../palette.js';
import { percentAxis } from '../chart-axes.js';

export interface EffectRow {
  label: string;
  rate_before: number | null;
  rate_after: number | null;
}

export function effectConfig(rows: EffectRow[], baseline: string, asOf: string): ChartConfiguration {
  return {
    type: 'bar',
    data: {
      labels: rows.map((r) => r.label),
      datasets: [
        { label: `補助前 ${baseline}`, data: rows.map((r) => r.rate_before), backgroundColor: OKABE_ITO.skyBlue },
        { label: `現在 ${asOf}`, data: rows.map((r) => r.rate_after), backgroundColor: OKABE_ITO.blue },
      ],
    },
    options: { responsive: true, maintainAspectRatio: false, scales: { y: percentAxis() } },
  };
}
