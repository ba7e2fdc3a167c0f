import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../core/config/app-config.js';
import { NotificationsRepository, type Subscriber } from './notifications.repository.js';
import { renderHtml, renderText, type MessageContent } from './message-format.js';
import type { MessageKind } from './dto/notifications.responses.js';

export interface OutgoingMessage {
  kind: MessageKind;
  topic: string | null;
  period: string;
  /** user × subscription × period: a message with the same key is never written (nor sent) twice. */
  idempotencyKey: string;
  /** The job run that caused it (alerts). */
  jobRunId: number | null;
  content: MessageContent;
  figures: unknown;
}

/** The e-mail's Message-ID, from its key: a resend after a crash carries the same one, so mail clients fold it. */
const messageIdOf = (key: string) => `<${createHash('sha256').update(key).digest('hex').slice(0, 32)}@kaigo-dx-dashboard>`;

/**
 * Writes a message to the user's お知らせ and, when this server sends e-mail and the user gave an address,
 * its e-mail to the outbox — both in one transaction (the outbox sends it later, see MailOutbox).
 */
@Injectable()
export class MessageWriter {
  constructor(
    private readonly repository: NotificationsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get emailEnabled(): boolean {
    return this.config.mail.smtpUrl !== null;
  }

  /** Answers whether it was new (false: the key was written before). */
  write(subscriber: Subscriber, message: OutgoingMessage, tx?: EntityManager): Promise<boolean> {
    const base = this.config.mail.publicUrl;
    const row = {
      user_id: subscriber.user_id,
      kind: message.kind,
      topic: message.topic,
      period: message.period,
      idempotency_key: message.idempotencyKey,
      job_run_id: message.jobRunId,
      subject: message.content.subject,
      body_text: renderText(message.content, base),
      body_html: renderHtml(message.content, base),
      link: message.content.link,
      figures: message.figures,
    };
    const mail = this.emailEnabled && subscriber.email ? { to: subscriber.email, messageId: messageIdOf(message.idempotencyKey) } : null;
    if (tx) return this.repository.write(tx, row, mail);
    return this.repository.transaction((t) => this.repository.write(t, row, mail));
  }
}
