import { percent } from '../format.js';

/** The rate axis every rate chart shares: 0 to max, ticks as percentages. */
export const percentAxis = (max?: number) => ({
  beginAtZero: true,
  max,
  ticks: { callback: (v: string | number) => percent(Number(v), 0) },
  title: { display: true, text: '割合' },
});
