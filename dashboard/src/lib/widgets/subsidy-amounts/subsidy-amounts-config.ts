import type { ChartConfiguration } from 'chart.js';
import { SERIES } from '../../palette.js';

export interface AmountRow {
  label: string;
  amount: number;
}

export function amountBarsConfig(rows: AmountRow[]): ChartConfiguration {
  return {
    type: 'bar',
    data: {
      labels: rows.map((r) => r.label),
      datasets: [{ label: '交付決定額（円）', data: rows.map((r) => r.amount), backgroundColor: SERIES[0] }],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      scales: {
        y: { beginAtZero: true, ticks: { callback: (v) => `${(Number(v) / 1e8).toLocaleString('ja-JP')}億円` } },
        x: { ticks: { autoSkip: false, maxRotation: 90, minRotation: 60, font: { size: 10 } } },
      },
    },
  };
}
