import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '../core/config/app-config.js';
import { RUN_MODE, type RunMode } from '../core/config/config.module.js';
import { NotificationsRepository, type DueMail } from './notifications.repository.js';
import { UnsubscribeLinks } from './unsubscribe-links.js';
import { mailFooter } from './message-format.js';
import { SUBSCRIPTION_LABELS_JA, subscriptionOf } from './dto/notifications.responses.js';

/** After this many failed attempts an e-mail is given up (status failed, in the delivery log). */
export const MAX_ATTEMPTS = 10;
const POLL_MS = 15_000;

/** 1 min, 2, 4 … capped at 6 h: SMTP down for a while is retried without hammering it. */
export const retryDelayMs = (attempts: number) => Math.min(60_000 * 2 ** Math.max(attempts - 1, 0), 6 * 3_600_000);

/** An SMTP reply of 5xx: the server refuses the message for good (a bad address), so retrying will not help. */
const isPermanent = (error: unknown) => {
  const code = (error as { responseCode?: number }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
};

export interface DeliveryRound {
  sent: number;
  retrying: number;
  failed: number;
}

/**
 * Sends the outbox's e-mails over SMTP: each claimed under a row lock (another instance skips it), marked
 * sent in the same transaction once the server accepted it, retried with backoff while SMTP is down. The process
 * that wrote new messages sends them at once (a CLI before it exits); a server also polls for what is due.
 */
@Injectable()
export class MailOutbox implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MailOutbox.name);
  private readonly transport: Transporter | null;
  private timer?: NodeJS.Timeout;
  private running: Promise<DeliveryRound> | null = null;

  constructor(
    private readonly repository: NotificationsRepository,
    private readonly links: UnsubscribeLinks,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(RUN_MODE) private readonly mode: RunMode,
  ) {
    this.transport = config.mail.smtpUrl
      ? nodemailer.createTransport({ url: config.mail.smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 })
      : null;
  }

  onApplicationBootstrap(): void {
    if (this.mode !== 'server' || !this.transport) return;
    this.timer = setInterval(() => void this.deliverDue().catch((e: Error) => this.logger.error(`mail outbox: ${e.message}`)), POLL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
    this.transport?.close();
  }

  /** Sends every e-mail due at `now`; one round at a time in this process. */
  deliverDue(now = new Date()): Promise<DeliveryRound> {
    if (!this.transport) return Promise.resolve({ sent: 0, retrying: 0, failed: 0 });
    this.running ??= this.deliverAll(this.transport, now).finally(() => (this.running = null));
    return this.running;
  }

  private async deliverAll(transport: Transporter, now: Date): Promise<DeliveryRound> {
    const round: DeliveryRound = { sent: 0, retrying: 0, failed: 0 };
    for (;;) {
      const outcome = await this.repository.transaction(async (tx) => {
        const mail = await this.repository.claimDue(tx, now);
        if (!mail) return null;
        try {
          await transport.sendMail(await this.envelope(mail));
          await this.repository.markSent(tx, mail.id, new Date());
          return 'sent' as const;
        } catch (error) {
          const giveUp = isPermanent(error) || mail.attempts + 1 >= MAX_ATTEMPTS;
          const retryAt = giveUp ? null : new Date(now.getTime() + retryDelayMs(mail.attempts + 1));
          await this.repository.markAttemptFailed(tx, mail.id, (error as Error).message, retryAt);
          this.logger.warn(`mail ${mail.id} to ${mail.to_address}: ${(error as Error).message}${giveUp ? ' (given up)' : ''}`);
          return giveUp ? ('failed' as const) : ('retrying' as const);
        }
      });
      if (!outcome) return round;
      round[outcome]++;
    }
  }

  private async envelope(mail: DueMail) {
    const subscription = subscriptionOf(mail.kind);
    const base = this.config.mail.publicUrl;
    const footer = mailFooter(SUBSCRIPTION_LABELS_JA[subscription], await this.links.pageUrl(base, mail.user_id, subscription));
    const oneClick = await this.links.oneClickUrl(base, mail.user_id, subscription);
    return {
      from: this.config.mail.from,
      to: mail.to_address,
      subject: mail.subject,
      text: mail.body_text + footer.text,
      html: mail.body_html.replace('</body>', `${footer.html}</body>`),
      messageId: mail.message_id,
      list: { unsubscribe: { url: oneClick, comment: '配信停止' } },
      headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    };
  }
}
