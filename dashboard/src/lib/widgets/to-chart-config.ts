import type { ChartConfiguration } from 'chart.js';
import { percent } from '../format.js';
import { OKABE_ITO, SERIES, TARGET_LINE } from '../palette.js';

/** Pure builders of chart.js configurations; each widget gets one, tested without a browser. */

const percentAxis = (max?: number) => ({
  beginAtZero: true,
  max,
  ticks: { callback: (v: string | number) => percent(Number(v), 0) },
  title: { display: true, text: '割合' },
});

export interface PrefectureRate {
  prefecture_code: string;
  prefecture_name: string;
  application_rate: number | null;
}

/** Prefectures sorted by rate, with the target as a horizontal line; the selected one is highlighted. */
export function prefectureBarsConfig(rows: PrefectureRate[], target: number, selected?: string): ChartConfiguration {
  const sorted = [...rows].sort((a, b) => (b.application_rate ?? -1) - (a.application_rate ?? -1));
  return {
    type: 'bar',
    data: {
      labels: sorted.map((r) => r.prefecture_name),
      datasets: [
        {
          type: 'bar', label: '申請率', data: sorted.map((r) => r.application_rate ?? 0),
          backgroundColor: sorted.map((r) => (r.prefecture_code === selected ? OKABE_ITO.orange : OKABE_ITO.blue)),
        },
        {
          type: 'line', label: `目標 ${percent(target, 0)}`, data: sorted.map(() => target),
          borderColor: TARGET_LINE, borderDash: [6, 4], borderWidth: 2, pointRadius: 0,
        },
      ],
    } as ChartConfiguration['data'],
    options: {
      responsive: true, maintainAspectRatio: false,
      scales: { y: percentAxis(Math.max(target * 1.2, ...sorted.map((r) => r.application_rate ?? 0)) ), x: { ticks: { autoSkip: false, maxRotation: 90, minRotation: 60, font: { size: 10 } } } },
      plugins: { tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${percent(Number(c.raw))}` } } },
    },
  };
}

export interface TrendPoint {
  as_of: string;
  application_rate: number | null;
  usage_rate: number | null;
}

export function trendConfig(points: TrendPoint[], target: number, label: string): ChartConfiguration {
  return {
    type: 'line',
    data: {
      labels: points.map((p) => p.as_of.slice(0, 7)),
      datasets: [
        { label: `${label} 申請率`, data: points.map((p) => p.application_rate), borderColor: OKABE_ITO.blue, backgroundColor: OKABE_ITO.blue, pointRadius: 2 },
        { label: `${label} 利用率`, data: points.map((p) => p.usage_rate), borderColor: OKABE_ITO.orange, backgroundColor: OKABE_ITO.orange, borderDash: [3, 3], pointRadius: 2 },
        { label: `目標 ${percent(target, 0)}`, data: points.map(() => target), borderColor: TARGET_LINE, borderDash: [6, 4], pointRadius: 0 },
      ],
    },
    options: {
      responsive: true, maintainAspectRatio: false,
      scales: { y: percentAxis() },
      plugins: { tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${percent(Number(c.raw))}` } } },
    },
  };
}

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
      indexAxis: 'y', responsive: true, maintainAspectRatio: false,
      scales: { x: { stacked: true, max: 1, ticks: { callback: (v) => percent(Number(v), 0) } }, y: { stacked: true } },
      plugins: { tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${percent(Number(c.raw))}` } } },
    },
  };
}

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
      indexAxis: 'y', responsive: true, maintainAspectRatio: false,
      scales: { x: { stacked: true, max: 1, ticks: { callback: (v) => percent(Number(v), 0) } }, y: { stacked: true } },
      plugins: { tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${percent(Number(c.raw))}` } } },
    },
  };
}

export interface ScatterPoint {
  code: string;
  name: string;
  target_offices: number;
  application_rate: number | null;
}

/** Offices (log scale) against rate, with the target line. */
export function scatterConfig(points: ScatterPoint[], target: number): ChartConfiguration {
  const withOffices = points.filter((p) => p.target_offices > 0);
  const maxX = Math.max(10, ...withOffices.map((p) => p.target_offices));
  return {
    type: 'scatter',
    data: {
      datasets: [
        { label: '市区町村', data: withOffices.map((p) => ({ x: p.target_offices, y: p.application_rate ?? 0, name: p.name })), backgroundColor: OKABE_ITO.blue, pointRadius: 4 },
        { type: 'line', label: `目標 ${percent(target, 0)}`, data: [{ x: 1, y: target }, { x: maxX, y: target }], borderColor: TARGET_LINE, borderDash: [6, 4], pointRadius: 0 },
      ],
    } as ChartConfiguration['data'],
    options: {
      responsive: true, maintainAspectRatio: false,
      scales: { x: { type: 'logarithmic', title: { display: true, text: '対象事業所数' } }, y: percentAxis() },
      plugins: { tooltip: { callbacks: { label: (c) => `${(c.raw as { name?: string }).name ?? ''} ${percent((c.raw as { y: number }).y)}` } } },
    },
  };
}

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

export interface AmountRow {
  label: string;
  amount: number;
}

export function amountBarsConfig(rows: AmountRow[]): ChartConfiguration {
  return {
    type: 'bar',
    data: { labels: rows.map((r) => r.label), datasets: [{ label: '交付決定額（円）', data: rows.map((r) => r.amount), backgroundColor: SERIES[0] }] },
    options: {
      responsive: true, maintainAspectRatio: false,
      scales: { y: { beginAtZero: true, ticks: { callback: (v) => `${(Number(v) / 1e8).toLocaleString('ja-JP')}億円` } }, x: { ticks: { autoSkip: false, maxRotation: 90, minRotation: 60, font: { size: 10 } } } },
    },
  };
}
