import type { ChartConfiguration } from 'chart.js';
import { percent } from '../../format.js';
import { OKABE_ITO, TARGET_LINE } from '../../palette.js';
import { percentAxis } from '../chart-axes.js';

export interface ComparisonSeries {
  label: string;
  points: { as_of: string; application_rate: number | null }[];
}

// Six colours (not the target line's vermillion, not the faint yellow) and three dashes: no two of the first
// 18 lines look alike, so a municipality and ten chosen ones fit.
const COLOURS = [OKABE_ITO.blue, OKABE_ITO.orange, OKABE_ITO.green, OKABE_ITO.purple, OKABE_ITO.skyBlue, OKABE_ITO.black];
const DASHES = [[], [6, 3], [2, 3]];
const dashOf = (i: number) => DASHES[(i + Math.floor(i / COLOURS.length)) % DASHES.length];

/** Application-rate lines of an area beside its prefecture and the nation, on the month ends of the first series. */
export function comparisonConfig(series: ComparisonSeries[], target: number): ChartConfiguration {
  const months = series[0]?.points.map((p) => p.as_of) ?? [];
  return {
    type: 'line',
    data: {
      labels: months.map((m) => m.slice(0, 7)),
      datasets: [
        ...series.map((s, i) => {
          const byMonth = new Map(s.points.map((p) => [p.as_of, p.application_rate]));
          return {
            label: `${s.label} 申請率`,
            data: months.map((m) => byMonth.get(m) ?? null),
            borderColor: COLOURS[i % COLOURS.length],
            backgroundColor: COLOURS[i % COLOURS.length],
            borderDash: dashOf(i),
            pointRadius: i === 0 ? 2 : 0,
            borderWidth: i === 0 ? 3 : 2,
          };
        }),
        {
          label: `目標 ${percent(target, 0)}`,
          data: months.map(() => target),
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
