import type { ChartConfiguration } from 'chart.js';
import { percent } from '../../format.js';
import { OKABE_ITO } from '../../palette.js';

export interface Fy2025Group {
  label: string;
  possible: number;
  difficult: number;
  answered: number;
}

/** The seed's first survey chart: migration by the end of FY2025 possible or difficult, as shares of those that answered. */
export function fy2025Config(groups: Fy2025Group[]): ChartConfiguration {
  const share = (n: number, g: Fy2025Group) => (g.answered > 0 ? n / g.answered : 0);
  return {
    type: 'bar',
    data: {
      labels: groups.map((g) => g.label),
      datasets: [
        { label: '移行可能', data: groups.map((g) => share(g.possible, g)), backgroundColor: OKABE_ITO.blue },
        { label: '移行困難', data: groups.map((g) => share(g.difficult, g)), backgroundColor: OKABE_ITO.vermillion },
      ],
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
