/**
 * The one place that imports chart.js: a Svelte action that creates, updates and destroys a chart.
 * Widgets pass a configuration built by their pure `*-config.ts` functions (unit-tested).
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  ScatterController,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import annotationPlugin from 'chartjs-plugin-annotation';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  ScatterController,
  Tooltip,
  annotationPlugin,
);
Chart.defaults.font.family = '"Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", "Yu Gothic", sans-serif';
Chart.defaults.animation = false;

export type ChartConfig = ChartConfiguration;

export function chart(canvas: HTMLCanvasElement, config: ChartConfig) {
  let instance = new Chart(canvas, config);
  return {
    update(next: ChartConfig) {
      if ((next as { type?: string }).type !== (instance.config as { type?: string }).type) {
        instance.destroy();
        instance = new Chart(canvas, next);
        return;
      }
      instance.data = next.data;
      instance.options = next.options ?? {};
      instance.update('none');
    },
    destroy() {
      instance.destroy();
    },
  };
}

/** Printing lays the page out anew: every chart is redrawn at its box's print size, and back after. */
if (typeof window !== 'undefined') {
  const resizeAll = () => Object.values(Chart.instances).forEach((c) => c.resize());
  window.addEventListener('beforeprint', resizeAll);
  window.addEventListener('afterprint', resizeAll);
  window.matchMedia?.('print').addEventListener?.('change', resizeAll);
}
