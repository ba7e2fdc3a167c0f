import type { MunicipalityClass } from '../../core/domain/municipality-class.js';

/** A municipality of the reference list (`/api/v1/municipalities`), declared once for the API and the dashboard. */
export interface MunicipalityRecord {
  class_label?: string;
  code: string;
  prefecture_code: string;
  prefecture_name: string;
  name: string;
  kana: string;
  class: MunicipalityClass;
  valid_from: string | null;
  valid_to: string | null;
}
