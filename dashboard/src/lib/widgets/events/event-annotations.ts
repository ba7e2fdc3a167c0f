import type { ChartConfiguration } from 'chart.js';
import type { AnnotationOptions } from 'chartjs-plugin-annotation';
import type { PolicyEvent } from '$api/events/dto/events.responses.js';
import { OKABE_ITO } from '../../palette.js';

/** ①, ② … ⑳, then (21): the marker that ties a line on the chart to its entry below it. */
export const eventMarker = (index: number) => (index < 20 ? String.fromCodePoint(0x2460 + index) : `(${index + 1})`);

/** The events that fall in one of the chart's months ('YYYY-MM' labels), in date order. */
export const eventsOnChart = (events: PolicyEvent[], months: string[]) => {
  const shown = new Set(months.map((m) => m.slice(0, 7)));
  return events.filter((e) => shown.has(e.occurred_on.slice(0, 7)));
};

/** The events of the month a month-end row stands for ('YYYY-MM-DD'), for the chart's table. */
export const eventsOfMonth = (events: PolicyEvent[], monthEnd: string) =>
  events.filter((e) => e.occurred_on.slice(0, 7) === monthEnd.slice(0, 7));

/** The chart with a dotted vertical line and its marker at the month of each event it spans. */
export function withEvents(config: ChartConfiguration, events: PolicyEvent[]): ChartConfiguration {
  const months = (config.data.labels ?? []).map(String);
  const shown = eventsOnChart(events, months);
  if (shown.length === 0) return config;
  const annotations: Record<string, AnnotationOptions> = {};
  shown.forEach((event, i) => {
    const month = event.occurred_on.slice(0, 7);
    annotations[`event-${i}`] = {
      type: 'line',
      scaleID: 'x',
      value: month,
      borderColor: OKABE_ITO.black,
      borderWidth: 1,
      borderDash: [2, 3],
      label: {
        display: true,
        content: eventMarker(i),
        position: 'start',
        yAdjust: (i % 3) * 16,
        backgroundColor: 'rgba(255,255,255,0.85)',
        color: OKABE_ITO.black,
        font: { size: 11 },
        padding: 2,
      },
    };
  });
  return { ...config, options: { ...config.options, plugins: { ...config.options?.plugins, annotation: { annotations } } } };
}
