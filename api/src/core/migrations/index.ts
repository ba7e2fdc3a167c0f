import { ReferenceAndJobs1764000000000 } from './1764000000000-reference-and-jobs.js';
import { Adoption1764000100000 } from './1764000100000-adoption.js';
import { Standardization1764000200000 } from './1764000200000-standardization.js';
import { Subsidies1764000300000 } from './1764000300000-subsidies.js';
import { Auth1764000400000 } from './1764000400000-auth.js';
import { Usage1764000500000 } from './1764000500000-usage.js';
import { Hardening1764000600000 } from './1764000600000-hardening.js';
import { AtRiskReasonCodes1764000700000 } from './1764000700000-at-risk-reason-codes.js';
import { RealData1764000800000 } from './1764000800000-real-data.js';
import { AtRiskOnEveryDate1764000900000 } from './1764000900000-at-risk-on-every-date.js';
import { Accounts1764001000000 } from './1764001000000-accounts.js';
import { UndoImports1764001100000 } from './1764001100000-undo-imports.js';
import { OfficeOutreach1764001200000 } from './1764001200000-office-outreach.js';
import { OfficePhone1764001300000 } from './1764001300000-office-phone.js';
import { IncrementalJobs1764001400000 } from './1764001400000-incremental-jobs.js';
import { OfficialMunicipalityNames1764001500000 } from './1764001500000-official-municipality-names.js';
import { ImportSetAside1764001600000 } from './1764001600000-import-set-aside.js';
import { WardValidity1764001700000 } from './1764001700000-ward-validity.js';
import { SubsidySummaryPerDate1764001800000 } from './1764001800000-subsidy-summary-per-date.js';
import { OfficeAddress1764001900000 } from './1764001900000-office-address.js';
import { ScheduleClaims1764002000000 } from './1764002000000-schedule-claims.js';
import { PolicyEvents1764002100000 } from './1764002100000-policy-events.js';
import { PublishedFigures1764002200000 } from './1764002200000-published-figures.js';
import { Notifications1764002300000 } from './1764002300000-notifications.js';
import { SubsidyConditions1764002400000 } from './1764002400000-subsidy-conditions.js';
import { LicenceFee1764002500000 } from './1764002500000-licence-fee.js';
import { OfficeListWindow1764002600000 } from './1764002600000-office-list-window.js';
import { UsageReportCondition1764002700000 } from './1764002700000-usage-report-condition.js';

/** Every migration, in order; the same list runs on an external PostgreSQL and on the embedded server. */
export const MIGRATIONS = [
  ReferenceAndJobs1764000000000,
  Adoption1764000100000,
  Standardization1764000200000,
  Subsidies1764000300000,
  Auth1764000400000,
  Usage1764000500000,
  Hardening1764000600000,
  AtRiskReasonCodes1764000700000,
  RealData1764000800000,
  AtRiskOnEveryDate1764000900000,
  Accounts1764001000000,
  UndoImports1764001100000,
  OfficeOutreach1764001200000,
  OfficePhone1764001300000,
  IncrementalJobs1764001400000,
  OfficialMunicipalityNames1764001500000,
  ImportSetAside1764001600000,
  WardValidity1764001700000,
  SubsidySummaryPerDate1764001800000,
  OfficeAddress1764001900000,
  ScheduleClaims1764002000000,
  PolicyEvents1764002100000,
  PublishedFigures1764002200000,
  Notifications1764002300000,
  SubsidyConditions1764002400000,
  LicenceFee1764002500000,
  OfficeListWindow1764002600000,
  UsageReportCondition1764002700000,
];
