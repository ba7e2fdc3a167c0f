import type { ChartConfiguration } from 'chart.js';
import { percent } from '../../format.js';
import { OKABE_ITO } from '../../palette.js';

export interface SurveyGroup {
  label: string;
  fy2025: number;
  fy2026: number;
  fy2027: number;
  fy2028_or_later: number;
  gave_period: number;
}

export const PERIOD_LABELS = ['令和7年度中', '令和8年度中', '令和9年度中', '令和10年度以降'] as const;
const PERIOD_KEYS = ['fy2025', 'fy2026', 'fy2027', 'fy2028_or_later'] as const;

/** The seed's chart: for each population group, the planned period as shares of those that gave one, stacked. */
export function surveyConfig(groups: SurveyGroup[]): ChartConfiguration {
  return {
    type: 'bar',
    data: {
      labels: groups.map((g) => g.label),
      datasets: PERIOD_KEYS.map((key, i) => ({
        label: PERIOD_LABELS[i],
        data: groups.map((g) => (g.gave_period > 0 ? g[key] / g.gave_period : 0)),
        backgroundColor: [OKABE_ITO.blue, OKABE_ITO.skyBlue, OKABE_ITO.orange, OKABE_ITO.vermillion][i],
      })),
    },
    options: {
      indexAxis: 'y',
      responsive: true,
      maintainAspectRatio: false,
      scales: { x: { stacked: true, max: 1, ticks: { callback: (v) => percent(Number(v), 0) } }, y: { stacked: true } },
      plugins: { tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${percent(Number(c.raw))}` } } },
    },
  };
}
