import type { Projection } from '$api/core/domain/projection.js';
import { dateJa } from '../../format.js';

/** The projection in one Japanese sentence, saying when it cannot be made. */
export function projectionText(p: Projection | undefined | null): string {
  if (!p) return '—';
  switch (p.status) {
    case 'met':
      return '目標に到達済み';
    case 'insufficient_data':
      return '見通せない（直近6か月の値がそろっていない）';
    case 'not_rising':
      return '見通せない（直近6か月で申請率が伸びていない）';
    case 'projected':
      return `${dateJa(p.reaches_on)}ごろ到達の見込み（${p.by_fiscal_year_end ? '年度内' : '年度末までには届かない'}）`;
  }
}

/** The short form for a tile: 2028年10月ごろ, 到達済み, 見通せない. */
export function projectionShort(p: Projection | undefined | null): string {
  if (!p) return '—';
  if (p.status === 'met') return '到達済み';
  if (p.status !== 'projected' || !p.reaches_on) return '見通せない';
  const [y, m] = p.reaches_on.split('-').map(Number);
  return `${y}年${m}月ごろ`;
}

/** The tile's second line: within the fiscal year or not, and the pace. */
export function projectionDetail(p: Projection | undefined | null): string {
  if (!p) return '';
  if (p.status === 'met') return '申請率が目標以上';
  if (p.status === 'insufficient_data') return '直近6か月の値がそろっていない';
  const pace = `直近6か月のペース ${slopeText(p)}`;
  if (p.status === 'not_rising') return `${pace}（伸びていない）`;
  return `${p.by_fiscal_year_end ? '年度内に到達' : `${p.fiscal_year_end.slice(0, 4)}年3月末までには届かない`}・${pace}`;
}

/** "+0.4 ポイント/月". */
export function slopeText(p: Projection | undefined | null): string {
  if (!p || p.slope_per_month === null) return '—';
  const points = p.slope_per_month * 100;
  return `${points >= 0 ? '+' : ''}${points.toFixed(2)} ポイント/月`;
}
