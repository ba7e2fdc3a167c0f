import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { SessionUser } from '../auth/user.js';
import { JobsService } from '../jobs/jobs.service.js';
import { ImportsService } from '../imports/imports.service.js';
import { NotificationsRepository } from './notifications.repository.js';
import { AlertsService } from './alerts.service.js';
import { DigestsService } from './digests.service.js';
import { MailOutbox } from './mail-outbox.service.js';
import { MessageWriter } from './message-writer.js';
import { UnsubscribeLinks } from './unsubscribe-links.js';
import type { MailDelivery, NotificationItem, SubscriptionKind, SubscriptionSettings } from './dto/notifications.responses.js';
import type { SubscriptionBody } from './dto/subscription.body.js';
import { notificationsErrors } from './notifications.errors.js';

/** The お知らせ inbox, each user's subscriptions, and the hooks that write messages after the jobs run. */
@Injectable()
export class NotificationsService implements OnModuleInit {
  private readonly logger = new Logger(NotificationsService.name);

  constructor(
    private readonly repository: NotificationsRepository,
    private readonly jobs: JobsService,
    private readonly imports: ImportsService,
    private readonly alerts: AlertsService,
    private readonly digests: DigestsService,
    private readonly outbox: MailOutbox,
    private readonly writer: MessageWriter,
    private readonly links: UnsubscribeLinks,
  ) {}

  /** Alerts follow each run (in the job queue); digests follow a run of every job (the nightly). */
  onModuleInit(): void {
    this.jobs.onRunFinished(async (run) => {
      if (await this.alerts.afterRun(run)) this.sendSoon();
    });
    this.jobs.onRoundFinished(async () => {
      if (await this.digests.sendDue()) this.sendSoon();
    });
    this.imports.onRejected(async (report, uploadedBy) => {
      if (await this.alerts.importRejected(report, uploadedBy)) this.sendSoon();
    });
  }

  /** New e-mail goes out now rather than at the next poll (errors are the outbox's to log and retry). */
  private sendSoon(): void {
    void this.outbox.deliverDue().catch((error: Error) => this.logger.error(`mail outbox: ${error.message}`));
  }

  async inbox(user: SessionUser, limit = 100): Promise<{ data: NotificationItem[]; meta: { unread: number } }> {
    return { data: await this.repository.inbox(user.id, limit), meta: { unread: await this.repository.unreadCount(user.id) } };
  }

  unreadCount(user: SessionUser): Promise<number> {
    return this.repository.unreadCount(user.id);
  }

  async markRead(user: SessionUser, id: number): Promise<void> {
    if (!(await this.repository.ownsMessage(user.id, id))) throw notificationsErrors.noMessage(id);
    await this.repository.markRead(user.id, id);
  }

  markAllRead(user: SessionUser): Promise<number> {
    return this.repository.markRead(user.id, null);
  }

  async settings(user: SessionUser): Promise<SubscriptionSettings> {
    return { ...(await this.repository.preferences(user.id)), email_enabled: this.writer.emailEnabled };
  }

  async saveSettings(user: SessionUser, body: SubscriptionBody): Promise<SubscriptionSettings> {
    const current = await this.repository.preferences(user.id);
    const email = body.email === undefined ? current.email : body.email === null || body.email.trim() === '' ? null : body.email.trim();
    await this.repository.savePreferences(user.id, {
      email,
      digest_monthly: body.digest_monthly,
      digest_weekly: body.digest_weekly,
      alerts: body.alerts,
    });
    return this.settings(user);
  }

  /** An unsubscribe link: turns off the one subscription it was signed for; null when the link is not one of ours. */
  async unsubscribe(token: string): Promise<{ kind: SubscriptionKind; wasOn: boolean } | null> {
    const named = await this.links.verify(token);
    if (!named) return null;
    return { kind: named.kind, wasOn: await this.repository.unsubscribe(named.userId, named.kind) };
  }

  deliveries(limit = 200): Promise<MailDelivery[]> {
    return this.repository.deliveries(limit);
  }
}
