import type { FiguresService } from '../figures/figures.service.js';
import type { AdoptionService } from '../adoption/adoption.service.js';
import { formatRate } from '../core/domain/rates.js';
import type { AreaFiguresRepository, ListedMunicipality } from './area-figures.repository.js';
import type { AlertSubject } from './alert-states.repository.js';
import { nameList, reasonsText } from './digest-content.js';
import type { MessageContent } from './message-format.js';
import type { AlertTopic } from './dto/notifications.responses.js';

export interface TopicSources {
  areas: AreaFiguresRepository;
  figures: FiguresService;
  adoption: AdoptionService;
}

/** A topic an alert watches: the job that moves it, the date and source it is read on, what is "in" it then, and its words. */
export interface WatchedTopic {
  job: string;
  basis(sources: TopicSources): Promise<{ asOf: string; source: string } | null>;
  read(sources: TopicSources, asOf: string): Promise<AlertSubject[]>;
  content(areaName: string, entered: AlertSubject[], left: AlertSubject[]): Omit<MessageContent, 'link'>;
}

export type WatchedTopicName = Exclude<AlertTopic, 'job_failed' | 'import_rejected'>;

const NATION = { level: 'national', code: null } as const;

const municipalitySubject = (m: ListedMunicipality): AlertSubject => ({
  subject: m.code,
  municipality_code: m.code,
  prefecture_code: m.prefecture_code,
  name: m.name,
  detail: m.detail,
});

/** The default date of a figure family and its source line; null while nothing is computed. */
const familyBasis = (family: 'adoption' | 'standardization') => async (s: TopicSources) => {
  const resolved = await s.figures.resolve(family).catch(() => null);
  return resolved && { asOf: resolved.as_of, source: s.figures.meta(family, resolved.as_of, resolved.run).source };
};

const listOr = (items: string[]) => (items.length ? items : ['なし']);

export const WATCHED: Record<WatchedTopicName, WatchedTopic> = {
  at_risk: {
    job: 'standardization',
    basis: familyBasis('standardization'),
    read: async (s, asOf) => (await s.areas.atRisk(asOf, NATION)).map(municipalitySubject),
    content: (areaName, entered, left) => ({
      subject: `【介護DX】${areaName} 標準化の遅延リスク: 新たに該当 ${entered.length}・解消 ${left.length}`,
      intro: `${areaName}の市区町村で、標準化の遅延リスクの該当が変わりました。`,
      sections: [
        { heading: '新たに遅延リスクに該当', lines: listOr(entered.slice(0, 30).map((m) => `${m.name}（${reasonsText(m.detail)}）`)) },
        { heading: '遅延リスクに該当しなくなった', lines: listOr(left.length ? [nameList(left)] : []) },
      ],
    }),
  },
  target: {
    job: 'adoption',
    basis: familyBasis('adoption'),
    read: async (s, asOf) => (await s.areas.meetingTarget(asOf, NATION)).map(municipalitySubject),
    content: (areaName, entered, left) => ({
      subject: `【介護DX】${areaName} 目標30%: 到達 ${entered.length}・割り込み ${left.length}`,
      intro: `${areaName}で、ケアプランデータ連携システムの申請率が目標30%に到達した・下回った市区町村があります。`,
      sections: [
        { heading: '目標に到達', lines: listOr(entered.slice(0, 30).map((m) => `${m.name}（${formatRate(Number(m.detail), 0.3)}）`)) },
        { heading: '目標を下回った', lines: listOr(left.length ? [nameList(left)] : []) },
      ],
    }),
  },
  projection_late: {
    job: 'adoption',
    basis: familyBasis('adoption'),
    // Municipalities below the target whose recent pace does not reach it by the fiscal year end (the projections page's rule).
    read: async (s, asOf) =>
      (await s.adoption.projections({ as_of: asOf, level: 'municipality', by_fiscal_year_end: 'false' })).data.map((a) => ({
        subject: a.code,
        municipality_code: a.code,
        prefecture_code: a.prefecture_code ?? a.code.slice(0, 2),
        name: a.name,
        detail: a.projection.reaches_on,
      })),
    content: (areaName, entered, left) => ({
      subject: `【介護DX】${areaName} 目標到達見込みが年度末を越えた市区町村 ${entered.length}`,
      intro: `${areaName}で、最近6か月のペースでは目標30%への到達が年度末に間に合わない見込みになった市区町村があります。`,
      sections: [
        {
          heading: '年度末までに目標に届かない見込みになった',
          lines: listOr(entered.slice(0, 30).map((m) => `${m.name}（到達見込み: ${m.detail ?? '見込みなし'}）`)),
        },
        { heading: '年度末までに届く見込みに戻った', lines: listOr(left.length ? [nameList(left)] : []) },
      ],
    }),
  },
  subsidy_overdue: {
    job: 'subsidies',
    basis: async (s) => {
      const run = await s.figures.run('subsidies').catch(() => null);
      return run && { asOf: run.as_of, source: s.figures.meta('subsidies', run.as_of, run).source };
    },
    read: (s) => s.areas.overdueConditions(),
    content: (areaName, entered, left) => ({
      subject: `【介護DX】${areaName} 補助金の連携要件: 期限を過ぎた事業所 ${entered.length}`,
      intro: `${areaName}で、補助金・加算の連携要件（ケアプランデータ連携システムへの参加、利用実績の報告）を期限までに満たさなかった事業所があります。事業所名の後に要件を記します。`,
      sections: [
        { heading: '期限を過ぎて要件が未達', lines: listOr(entered.slice(0, 30).map((o) => `${o.name}（${o.detail ?? ''}）`)) },
        { heading: '未達が解消（要件を満たした）', lines: listOr(left.length ? [nameList(left)] : []) },
      ],
    }),
  },
};
