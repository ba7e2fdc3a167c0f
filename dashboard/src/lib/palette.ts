/**
 * Okabe–Ito colours (safe for the common colour-vision deficiencies); the sequential scale for rates
 * runs light to dark blue, with dark text on light tiles and white on dark ones for WCAG AA contrast.
 */
export const OKABE_ITO = {
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  green: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  purple: '#CC79A7',
  black: '#000000',
  grey: '#767676',
} as const;

export const SERIES = [
  OKABE_ITO.blue,
  OKABE_ITO.orange,
  OKABE_ITO.green,
  OKABE_ITO.vermillion,
  OKABE_ITO.purple,
  OKABE_ITO.skyBlue,
  OKABE_ITO.yellow,
];

const SCALE = ['#eff3ff', '#c6dbef', '#9ecae1', '#6baed6', '#2166ac', '#08519c'];

/** Colour for a rate relative to the target (0 → lightest, ≥ target → darkest). */
export function rateColour(rate: number | null, target = 0.3): { background: string; text: string } {
  if (rate === null) return { background: '#f0f0f0', text: '#333333' };
  const i = Math.min(SCALE.length - 1, Math.floor((rate / target) * (SCALE.length - 1)));
  return { background: SCALE[i], text: i >= 4 ? '#ffffff' : '#1a1a1a' };
}

export const TARGET_LINE = OKABE_ITO.vermillion;
