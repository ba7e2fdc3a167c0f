/**
 * How a rate is shown: half-up to one decimal of a percent (as the seed writes 7.2%), except that a rate
 * below the target is never shown at or above it — it is rounded down instead (127 / 424 = 29.95% reads
 * 29.9%, not 30.0% beside "あと1事業所"). A rate that meets the target always reads at or above it.
 */
export function displayRate(rate: number, target?: number | null, digits = 1): number {
  const factor = 10 ** (digits + 2);
  const halfUp = Math.round(rate * factor + 1e-9) / factor;
  if (target !== undefined && target !== null && rate < target && halfUp >= target) {
    return Math.floor(rate * factor + 1e-9) / factor;
  }
  return halfUp;
}

/** The same rule as text: 0.2995 with target 0.3 → "29.9%". */
export function formatRate(rate: number | null | undefined, target?: number | null, digits = 1): string {
  if (rate === null || rate === undefined || Number.isNaN(rate)) return '—';
  return `${(displayRate(rate, target, digits) * 100).toFixed(digits)}%`;
}

export const ROUNDING_RULE_JA =
  '率は小数第1位まで四捨五入して表示します。ただし目標（30%）に届いていない率は、四捨五入で目標以上になる場合に限り切り捨てます（例: 127 / 424 = 29.95% は 29.9%）。目標に届いた率が目標未満に表示されることはありません。';
