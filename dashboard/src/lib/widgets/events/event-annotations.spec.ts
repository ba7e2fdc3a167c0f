import type { ChartConfiguration } from 'chart.js';
import type { PolicyEvent } from '$api/events/dto/events.responses.js';
import { eventMarker, eventsOfMonth, eventsOnChart, withEvents } from './event-annotations.js';

const event = (occurred_on: string, title: string): PolicyEvent => ({
  id: 1,
  occurred_on,
  title,
  kind: 'policy',
  source: null,
  source_url: null,
  scope: 'national',
  prefecture_code: null,
  municipality_code: null,
  created_by: 'seed',
  deletable: false,
});
const chart = (labels: string[]): ChartConfiguration => ({
  type: 'line',
  data: { labels, datasets: [] },
  options: { plugins: { legend: { display: true } } },
});

describe('events on a time-series chart', () => {
  const events = [event('2025-06-01', 'A'), event('2025-07-22', 'B'), event('2028-04-01', 'C')];

  it('marks only the events inside the months the chart spans, at their month, numbered in order', () => {
    const drawn = withEvents(chart(['2025-05', '2025-06', '2025-07']), events);
    const annotations = (
      drawn.options?.plugins as { annotation: { annotations: Record<string, { value: string; label: { content: string } }> } }
    ).annotation.annotations;
    expect(Object.values(annotations).map((a) => [a.value, a.label.content])).toEqual([
      ['2025-06', '①'],
      ['2025-07', '②'],
    ]);
    // The chart's own plugin options stay.
    expect(drawn.options?.plugins?.legend).toEqual({ display: true });
  });

  it('leaves a chart with no event in its span as it was', () => {
    const config = chart(['2023-04', '2023-05']);
    expect(withEvents(config, events)).toBe(config);
    expect(eventsOnChart(events, ['2023-04'])).toEqual([]);
  });

  it("lists a month-end row's events for the chart's table", () => {
    expect(eventsOfMonth(events, '2025-07-31').map((e) => e.title)).toEqual(['B']);
  });

  it('numbers ① to ⑳, then (21)', () => {
    expect([eventMarker(0), eventMarker(19), eventMarker(20)]).toEqual(['①', '⑳', '(21)']);
  });
});
