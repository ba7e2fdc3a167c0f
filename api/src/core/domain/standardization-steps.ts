/**
 * The steps every municipality takes toward the LTC information platform (介護情報基盤), in order:
 * ① move to a standard-compliant system, ② modify it to send data, start sending, ③ migrate the
 * data, start sharing (seed: 社会保障審議会 介護保険部会 2025-03-17 / 2025-04-21).
 */
export type Step = 'migration' | 'modification' | 'data_migration' | 'transmission_start' | 'sharing_start';

export const STEP_ORDER: Step[] = ['migration', 'modification', 'transmission_start', 'data_migration', 'sharing_start'];

export const STEP_LABELS_JA: Record<Step, string> = {
  migration: '① 標準準拠システムへの移行',
  modification: '② 介護情報基盤へのデータ送信のための改修',
  transmission_start: 'データ送信開始',
  data_migration: '③ 介護情報基盤へのデータ移行',
  sharing_start: '情報共有開始',
};

/** How files name a step (the circled number is stripped before matching), in Japanese or by key. */
export const STEP_NAMES: Record<string, Step> = {
  標準準拠システムへの移行: 'migration',
  migration: 'migration',
  介護情報基盤へのデータ送信のための改修: 'modification',
  modification: 'modification',
  介護情報基盤へのデータ移行: 'data_migration',
  data_migration: 'data_migration',
  データ送信開始: 'transmission_start',
  transmission_start: 'transmission_start',
  情報共有開始: 'sharing_start',
  sharing_start: 'sharing_start',
};

export const stepsWithLabels = () => STEP_ORDER.map((step) => ({ step, label_ja: STEP_LABELS_JA[step] }));
