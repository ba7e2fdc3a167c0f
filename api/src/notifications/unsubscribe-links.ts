import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { NotificationsRepository } from './notifications.repository.js';
import { SUBSCRIPTION_KINDS, type SubscriptionKind } from './dto/notifications.responses.js';

const KEY_NAME = 'unsubscribe';

const mac = (secret: string, payload: string) => createHmac('sha256', secret).update(payload).digest('base64url');

/** `user.kind.mac`: whoever holds it may turn that one subscription off, and nothing else. */
export function signUnsubscribe(secret: string, userId: number, kind: SubscriptionKind): string {
  const payload = `${userId}.${kind}`;
  return `${payload}.${mac(secret, payload)}`;
}

/** The user and subscription a token names, or null when it was not signed with this secret. */
export function verifyUnsubscribe(secret: string, token: string): { userId: number; kind: SubscriptionKind } | null {
  const match = /^(\d{1,10})\.([a-z_]{1,20})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match || !(SUBSCRIPTION_KINDS as readonly string[]).includes(match[2])) return null;
  const expected = Buffer.from(mac(secret, `${match[1]}.${match[2]}`));
  const given = Buffer.from(match[3]);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return { userId: Number(match[1]), kind: match[2] as SubscriptionKind };
}

/** Signs and checks unsubscribe links with a key kept in the database (the same on every instance). */
@Injectable()
export class UnsubscribeLinks {
  private secret?: Promise<string>;

  constructor(private readonly repository: NotificationsRepository) {}

  private key(): Promise<string> {
    this.secret ??= this.repository.signingKey(KEY_NAME, randomBytes(32).toString('base64url'));
    this.secret.catch(() => (this.secret = undefined));
    return this.secret;
  }

  /** The dashboard's page that turns the subscription off (what the e-mail's text links to). */
  async pageUrl(baseUrl: string, userId: number, kind: SubscriptionKind): Promise<string> {
    return `${baseUrl}/unsubscribe?token=${signUnsubscribe(await this.key(), userId, kind)}`;
  }

  /** The API address a mail client posts to for a one-click unsubscribe (List-Unsubscribe, RFC 8058). */
  async oneClickUrl(baseUrl: string, userId: number, kind: SubscriptionKind): Promise<string> {
    return `${baseUrl}/api/v1/notifications/unsubscribe?token=${signUnsubscribe(await this.key(), userId, kind)}`;
  }

  async verify(token: string): Promise<{ userId: number; kind: SubscriptionKind } | null> {
    return verifyUnsubscribe(await this.key(), token);
  }
}
