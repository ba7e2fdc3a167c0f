import { Injectable, Logger } from '@nestjs/common';
import { FiguresService } from '../figures/figures.service.js';
import { addDays, dateJa, isoWeekOf, monthEndOnOrBefore, todayInTokyo } from '../core/domain/dates.js';
import { AreaFiguresRepository } from './area-figures.repository.js';
import { digestContent, type DigestFigures } from './digest-content.js';
import { NotificationsRepository, type Subscriber } from './notifications.repository.js';
import { areaOf, areaPath, type Area } from './recipient-area.js';
import { MessageWriter } from './message-writer.js';
import { EventsRepository } from '../events/events.repository.js';

/** Which digest, for which period, on which date, compared with what. */
interface DigestPeriod {
  kind: 'digest_monthly' | 'digest_weekly';
  period: string;
  asOf: string;
  title: string;
  /** The figures to compare with: those of the month end before (monthly), or of the user's last digest (weekly). */
  before(subscriber: Subscriber, area: Area): Promise<DigestFigures | null>;
}

/** An area's figures on a date, read once per round however many of its users subscribed. */
type FiguresOf = (area: Area, asOf: string) => Promise<DigestFigures>;

/**
 * Digests after a run of every job: monthly for the latest month end (sent once per month: its key is user ×
 * month), weekly for the week of the run (once per ISO week). Each covers the subscriber's area only.
 */
@Injectable()
export class DigestsService {
  private readonly logger = new Logger(DigestsService.name);

  constructor(
    private readonly repository: NotificationsRepository,
    private readonly areas: AreaFiguresRepository,
    private readonly figures: FiguresService,
    private readonly writer: MessageWriter,
    private readonly events: EventsRepository,
  ) {}

  /** Writes the digests due (those not written yet); answers how many. */
  async sendDue(today = todayInTokyo()): Promise<number> {
    const subscribers = await this.repository.subscribers();
    if (!subscribers.some((s) => s.digest_monthly || s.digest_weekly)) return 0;
    const read = new Map<string, Promise<DigestFigures>>();
    const figuresOf: FiguresOf = (area, asOf) => {
      const key = `${area.level}:${area.code ?? ''}:${asOf}`;
      if (!read.has(key)) read.set(key, this.figuresFor(area, asOf));
      return read.get(key)!;
    };
    const periods = await this.periods(today, figuresOf);
    let written = 0;
    for (const subscriber of subscribers) {
      for (const period of periods) {
        if (!subscriber[period.kind]) continue;
        if (await this.sendOne(subscriber, period, figuresOf)) written++;
      }
    }
    if (written) this.logger.log(`${written} digest(s) written`);
    return written;
  }

  private async periods(today: string, figuresOf: FiguresOf): Promise<DigestPeriod[]> {
    const monthEnd = await this.figures.defaultAsOf('adoption');
    const latest = (await this.figures.latestNotAfter('adoption', today)) ?? undefined;
    const periods: DigestPeriod[] = [];
    if (monthEnd) {
      const previous = monthEndOnOrBefore(addDays(`${monthEnd.slice(0, 7)}-01`, -1));
      periods.push({
        kind: 'digest_monthly',
        period: monthEnd.slice(0, 7),
        asOf: monthEnd,
        title: `月次ダイジェスト（${dateJa(monthEnd)}時点）`,
        before: (_subscriber, area) => figuresOf(area, previous).then((f) => (f.adoption ? f : null)),
      });
    }
    if (latest) {
      periods.push({
        kind: 'digest_weekly',
        period: isoWeekOf(today),
        asOf: latest,
        title: `週次ダイジェスト（${dateJa(latest)}時点）`,
        before: (subscriber) => this.repository.lastFigures(subscriber.user_id, 'digest_weekly') as Promise<DigestFigures | null>,
      });
    }
    return periods;
  }

  private async sendOne(subscriber: Subscriber, period: DigestPeriod, figuresOf: FiguresOf): Promise<boolean> {
    const key = `${period.kind}:${period.period}:user-${subscriber.user_id}`;
    if (await this.repository.exists(key)) return false;
    const area = areaOf(subscriber);
    const before = await period.before(subscriber, area);
    const now = { ...(await figuresOf(area, period.asOf)), events: await this.eventsSince(area, before, period) };
    const content = digestContent(area, period.title, now, before, areaPath(area));
    return this.writer.write(subscriber, {
      kind: period.kind,
      topic: null,
      period: period.period,
      idempotencyKey: key,
      jobRunId: null,
      content,
      figures: now,
    });
  }

  /** The area's events after the digest before (or the period's length back) up to its date. */
  private async eventsSince(area: Area, before: DigestFigures | null, period: DigestPeriod): Promise<DigestFigures['events']> {
    const from = before?.adoption?.as_of ?? addDays(period.asOf, period.kind === 'digest_weekly' ? -7 : -31);
    const prefecture = area.level === 'national' ? null : area.code.slice(0, 2);
    const municipality = area.level === 'municipality' ? area.code : null;
    return (await this.events.inArea(prefecture, municipality))
      .filter((e) => e.occurred_on > from && e.occurred_on <= period.asOf)
      .map((e) => ({ occurred_on: e.occurred_on, title: e.title, source: e.source }));
  }

  /** The area's figures on an adoption date, with the standardisation figures of the latest date not after it. */
  async figuresFor(area: Area, asOf: string): Promise<DigestFigures> {
    const run = await this.figures.run('adoption');
    const adoption = await this.areas.adoption(asOf, area);
    const standardization = await this.figures.resolve('standardization', { as_of: asOf, as_of_rule: 'on_or_before' }).catch(() => null);
    return {
      area_name: await this.areas.areaName(area),
      adoption: adoption ? { ...adoption, as_of: asOf, source: this.figures.meta('adoption', asOf, run).source } : null,
      meeting_target: area.level === 'national' ? [] : await this.areas.meetingTarget(asOf, area),
      at_risk: standardization
        ? {
            as_of: standardization.as_of,
            source: this.figures.meta('standardization', standardization.as_of, standardization.run).source,
            municipalities: await this.areas.atRisk(standardization.as_of, area),
          }
        : null,
      prefectures: area.level === 'national' ? await this.areas.prefectureRates(asOf) : [],
      events: [],
    };
  }
}
