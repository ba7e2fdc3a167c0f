import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { FiguresService } from '../figures/figures.service.js';
import type { FigureFamily } from '../figures/figure-families.js';
import { formatRate } from '../core/rates.js';
import type { JobRun } from '../jobs/jobs.service.js';
import { AreaFiguresRepository, type ListedMunicipality } from './area-figures.repository.js';
import { AlertStatesRepository } from './alert-states.repository.js';
import { NotificationsRepository, type Subscriber } from './notifications.repository.js';
import { MessageWriter } from './message-writer.js';
import { nameList, reasonsText } from './digest-content.js';
import { areaOf, areaPath, coversMunicipality } from './recipient-area.js';
import type { MessageContent } from './message-format.js';
import type { AlertTopic } from './dto/notifications.responses.js';

/** A topic an alert watches: the job that moves it, and the municipalities "in" it on the family's default date. */
interface WatchedTopic {
  job: string;
  family: FigureFamily;
  read(areas: AreaFiguresRepository, asOf: string): Promise<ListedMunicipality[]>;
  content(
    areaName: string,
    asOf: string,
    source: string,
    entered: ListedMunicipality[],
    left: ListedMunicipality[],
  ): Omit<MessageContent, 'link'>;
}

const NATION = { level: 'national', code: null } as const;

const WATCHED: Record<Exclude<AlertTopic, 'job_failed'>, WatchedTopic> = {
  at_risk: {
    job: 'standardization',
    family: 'standardization',
    read: (areas, asOf) => areas.atRisk(asOf, NATION),
    content: (areaName, asOf, source, entered, left) => ({
      subject: `【介護DX】${areaName} 標準化の遅延リスク: 新たに該当 ${entered.length}・解消 ${left.length}`,
      intro: `${areaName}の市区町村で、標準化の遅延リスクの該当が変わりました。`,
      sections: [
        {
          heading: '新たに遅延リスクに該当',
          lines: entered.length ? entered.slice(0, 30).map((m) => `${m.name}（${reasonsText(m.detail)}）`) : ['なし'],
        },
        {
          heading: '遅延リスクに該当しなくなった',
          lines: [left.length ? nameList(left) : 'なし'],
          basis: `基準日 ${asOf} / 出典: ${source}`,
        },
      ],
    }),
  },
  target: {
    job: 'adoption',
    family: 'adoption',
    read: (areas, asOf) => areas.meetingTarget(asOf, NATION),
    content: (areaName, asOf, source, entered, left) => ({
      subject: `【介護DX】${areaName} 目標30%: 到達 ${entered.length}・割り込み ${left.length}`,
      intro: `${areaName}の市区町村で、ケアプランデータ連携システムの申請率が目標30%を越えた・下回った市区町村があります。`,
      sections: [
        {
          heading: '目標に到達',
          lines: entered.length ? entered.slice(0, 30).map((m) => `${m.name}（${formatRate(Number(m.detail), 0.3)}）`) : ['なし'],
        },
        { heading: '目標を下回った', lines: [left.length ? nameList(left) : 'なし'], basis: `基準日 ${asOf} / 出典: ${source}` },
      ],
    }),
  },
};

/**
 * Alerts after a job run: each watched topic compares the municipalities "in" it now (at risk; meeting the
 * target) with what it saw last (alert_states), and tells each subscriber of the municipalities of their area
 * that moved — in one transaction with the new state, so a crash neither loses nor repeats an alert. The first
 * evaluation only records what stands (a baseline is not news). Admins hear of failed runs.
 */
@Injectable()
export class AlertsService {
  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly states: AlertStatesRepository,
    private readonly areas: AreaFiguresRepository,
    private readonly figures: FiguresService,
    private readonly writer: MessageWriter,
  ) {}

  async afterRun(run: JobRun): Promise<number> {
    if (run.status === 'failed') return this.jobFailed(run);
    let written = 0;
    for (const [topic, watched] of Object.entries(WATCHED) as [Exclude<AlertTopic, 'job_failed'>, WatchedTopic][])
      if (watched.job === run.name) written += await this.evaluate(topic, watched, run);
    return written;
  }

  private async evaluate(topic: Exclude<AlertTopic, 'job_failed'>, watched: WatchedTopic, run: JobRun): Promise<number> {
    const resolved = await this.figures.resolve(watched.family).catch(() => null);
    if (!resolved) return 0; // nothing computed yet: nothing to compare
    const current = await watched.read(this.areas, resolved.as_of);
    const source = this.figures.meta(watched.family, resolved.as_of, resolved.run).source;
    return this.notifications.transaction(async (tx) => {
      await this.states.lock(tx, topic);
      const hadBaseline = await this.states.hasBaseline(tx, topic);
      const previous = await this.states.states(tx, topic);
      await this.states.replace(
        tx,
        topic,
        current.map((m) => ({ municipality_code: m.code, detail: m.detail })),
        run.runId,
        resolved.as_of,
      );
      if (!hadBaseline) return 0;
      const before = new Set(previous.map((s) => s.municipality_code));
      const now = new Set(current.map((m) => m.code));
      const entered = current.filter((m) => !before.has(m.code));
      const left = await this.listed(previous.map((s) => s.municipality_code).filter((code) => !now.has(code)));
      if (!entered.length && !left.length) return 0;
      let written = 0;
      for (const subscriber of (await this.notifications.subscribers(tx)).filter((s) => s.alerts)) {
        const area = areaOf(subscriber);
        const mine = (list: ListedMunicipality[]) => list.filter((m) => coversMunicipality(area, m));
        if (!mine(entered).length && !mine(left).length) continue;
        const areaName = await this.areas.areaName(area);
        const content = { ...watched.content(areaName, resolved.as_of, source, mine(entered), mine(left)), link: areaPath(area) };
        if (await this.write(tx, subscriber, topic, run, content)) written++;
      }
      return written;
    });
  }

  private async listed(codes: string[]): Promise<ListedMunicipality[]> {
    const names = await this.areas.names(codes);
    return codes.map((code) => ({
      code,
      name: names.get(code)?.name ?? code,
      prefecture_code: names.get(code)?.prefecture_code ?? '',
      detail: null,
    }));
  }

  /** Admins who subscribed to alerts hear that a run failed (the figures stay those of the last run that succeeded). */
  private async jobFailed(run: JobRun): Promise<number> {
    const admins = (await this.notifications.subscribers()).filter((s) => s.alerts && s.role === 'admin');
    let written = 0;
    for (const admin of admins) {
      const content: MessageContent = {
        subject: `【介護DX】ジョブ ${run.name} の実行に失敗しました（実行 ${run.runId}）`,
        intro: `集計ジョブ ${run.name} の実行 ${run.runId} が失敗しました。表示中の数値は、前回成功した実行のままです。`,
        sections: [{ heading: 'エラー', lines: [run.error ?? '(不明)'] }],
        link: '/data',
      };
      if (await this.notifications.transaction((tx) => this.write(tx, admin, 'job_failed', run, content))) written++;
    }
    return written;
  }

  private write(tx: EntityManager, subscriber: Subscriber, topic: AlertTopic, run: JobRun, content: MessageContent): Promise<boolean> {
    return this.writer.write(
      subscriber,
      {
        kind: 'alert',
        topic,
        period: `run-${run.runId}`,
        idempotencyKey: `alert:${topic}:run-${run.runId}:user-${subscriber.user_id}`,
        jobRunId: run.runId,
        content,
        figures: null,
      },
      tx,
    );
  }
}
