import type { ChartConfiguration } from 'chart.js';
import { OKABE_ITO } from '../../palette.js';

/** Band labels of the peer distribution: 0–5%, 5–10%, …, 45–50%, 50%以上 (the API's 11 bands). */
export const BAND_LABELS = Array.from({ length: 11 }, (_, i) => (i < 10 ? `${i * 5}–${i * 5 + 5}%` : '50%以上'));

/** The band a rate falls in (the same rule as the API: floor(rate × 20), capped at 10). */
export function bandOf(rate: number | null): number | null {
  return rate === null ? null : Math.min(10, Math.floor(rate * 20 + 1e-9));
}

/** Bars of peers per band; the municipality's own band highlighted, the target's band edge marked by colour. */
export function distributionConfig(distribution: number[], ownRate: number | null, target: number): ChartConfiguration {
  const own = bandOf(ownRate);
  const targetBand = bandOf(target);
  return {
    type: 'bar',
    data: {
      labels: BAND_LABELS,
      datasets: [
        {
          label: '団体数',
          // A plain copy: chart.js instruments its data arrays, which Svelte's state proxies refuse.
          data: [...distribution],
          backgroundColor: distribution.map((_, i) =>
            i === own ? OKABE_ITO.vermillion : targetBand !== null && i >= targetBand ? OKABE_ITO.blue : OKABE_ITO.skyBlue,
          ),
        },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      plugins: { legend: { display: false } },
      scales: {
        y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: '団体数' } },
        x: { title: { display: true, text: '申請率' } },
      },
    },
  };
}
