import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { FiguresService } from '../figures/figures.service.js';
import { AdoptionService } from '../adoption/adoption.service.js';
import type { JobRun } from '../jobs/jobs.service.js';
import type { ImportReport } from '../imports/dto/imports.responses.js';
import { AreaFiguresRepository } from './area-figures.repository.js';
import { AlertStatesRepository, type AlertSubject } from './alert-states.repository.js';
import { NotificationsRepository, type Subscriber } from './notifications.repository.js';
import { MessageWriter } from './message-writer.js';
import { areaOf, areaPath, covers } from './recipient-area.js';
import type { MessageContent } from './message-format.js';
import type { AlertTopic } from './dto/notifications.responses.js';
import { WATCHED, type TopicSources, type WatchedTopic, type WatchedTopicName } from './alert-topics.js';

/**
 * Alerts after a job run: each watched topic (alert-topics.ts) compares what is "in" it now with what it saw
 * last (alert_states) and tells each subscriber of what moved in their area — in one transaction with the new
 * state, so a crash neither loses nor repeats an alert. The first evaluation only records what stands (a
 * baseline is not news). Admins hear of failed runs.
 */
@Injectable()
export class AlertsService {
  private readonly sources: TopicSources;

  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly states: AlertStatesRepository,
    areas: AreaFiguresRepository,
    figures: FiguresService,
    adoption: AdoptionService,
    private readonly writer: MessageWriter,
  ) {
    this.sources = { areas, figures, adoption };
  }

  async afterRun(run: JobRun): Promise<number> {
    if (run.status === 'failed') return this.jobFailed(run);
    let written = 0;
    for (const [topic, watched] of Object.entries(WATCHED) as [WatchedTopicName, WatchedTopic][])
      if (watched.job === run.name) written += await this.evaluate(topic, watched, run);
    return written;
  }

  private async evaluate(topic: WatchedTopicName, watched: WatchedTopic, run: JobRun): Promise<number> {
    const basis = await watched.basis(this.sources);
    if (!basis) return 0; // nothing computed yet: nothing to compare
    const current = await watched.read(this.sources, basis.asOf);
    return this.notifications.transaction(async (tx) => {
      await this.states.lock(tx, topic);
      const hadBaseline = await this.states.hasBaseline(tx, topic);
      const previous = await this.states.states(tx, topic);
      await this.states.replace(tx, topic, current, run.runId, basis.asOf);
      if (!hadBaseline) return 0;
      const entered = without(current, previous);
      const left = without(previous, current);
      if (!entered.length && !left.length) return 0;
      let written = 0;
      for (const subscriber of (await this.notifications.subscribers(tx)).filter((s) => s.alerts)) {
        const area = areaOf(subscriber);
        const mine = (list: AlertSubject[]) => list.filter((item) => covers(area, item));
        if (!mine(entered).length && !mine(left).length) continue;
        const text = watched.content(await this.sources.areas.areaName(area), mine(entered), mine(left));
        const content: MessageContent = {
          ...text,
          sections: text.sections.map((section, i) =>
            i === text.sections.length - 1 ? { ...section, basis: `基準日 ${basis.asOf} / 出典: ${basis.source}` } : section,
          ),
          link: areaPath(area),
        };
        if (await this.writeForRun(tx, subscriber, topic, run, content)) written++;
      }
      return written;
    });
  }

  /** Admins who subscribed to alerts hear that a run failed (the figures stay those of the last run that succeeded). */
  private jobFailed(run: JobRun): Promise<number> {
    return this.tellAdmins('job_failed', `run-${run.runId}`, run.runId, {
      subject: `【介護DX】ジョブ ${run.name} の実行に失敗しました（実行 ${run.runId}）`,
      intro: `集計ジョブ ${run.name} の実行 ${run.runId} が失敗しました。表示中の数値は、前回成功した実行のままです。`,
      sections: [{ heading: 'エラー', lines: [run.error ?? '(不明)'] }],
      link: '/data',
    });
  }

  /** Admins who subscribed to alerts hear that an upload was rejected (nothing of it was written), with its first problems. */
  importRejected(report: ImportReport, uploadedBy: string): Promise<number> {
    const problems = report.errors.slice(0, 5).map((e) => `${e.row ? `${e.row}行目 ` : ''}${e.column ?? ''}: ${e.reason_ja}`);
    return this.tellAdmins('import_rejected', `import-${report.import_id}`, null, {
      subject: `【介護DX】取込が却下されました（${report.kind}、取込ID ${report.import_id}）`,
      intro: `${uploadedBy} さんの取込（${report.file_name}）は却下され、何も書き込まれていません。問題 ${report.error_count} 件。`,
      sections: [{ heading: '最初の問題', lines: problems.length ? problems : [report.message_ja] }],
      link: '/data',
    });
  }

  private async tellAdmins(topic: AlertTopic, period: string, jobRunId: number | null, content: MessageContent): Promise<number> {
    const admins = (await this.notifications.subscribers()).filter((s) => s.alerts && s.role === 'admin');
    let written = 0;
    for (const admin of admins) {
      const message = { topic, period, jobRunId, content };
      if (await this.notifications.transaction((tx) => this.write(tx, admin, message))) written++;
    }
    return written;
  }

  private writeForRun(
    tx: EntityManager,
    subscriber: Subscriber,
    topic: AlertTopic,
    run: JobRun,
    content: MessageContent,
  ): Promise<boolean> {
    return this.write(tx, subscriber, { topic, period: `run-${run.runId}`, jobRunId: run.runId, content });
  }

  private write(
    tx: EntityManager,
    subscriber: Subscriber,
    m: { topic: AlertTopic; period: string; jobRunId: number | null; content: MessageContent },
  ): Promise<boolean> {
    return this.writer.write(
      subscriber,
      {
        kind: 'alert',
        topic: m.topic,
        period: m.period,
        idempotencyKey: `alert:${m.topic}:${m.period}:user-${subscriber.user_id}`,
        jobRunId: m.jobRunId,
        content: m.content,
        figures: null,
      },
      tx,
    );
  }
}

/** Those of `list` whose subject is not in `other`. */
function without(list: AlertSubject[], other: AlertSubject[]): AlertSubject[] {
  const seen = new Set(other.map((s) => s.subject));
  return list.filter((s) => !seen.has(s.subject));
}
