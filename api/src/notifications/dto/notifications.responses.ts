/** The subscriptions a user can hold (columns of notification_preferences). */
export const SUBSCRIPTION_KINDS = ['digest_monthly', 'digest_weekly', 'alerts'] as const;
export type SubscriptionKind = (typeof SUBSCRIPTION_KINDS)[number];

/** What a message is: a digest of a period, or an alert. */
export type MessageKind = 'digest_monthly' | 'digest_weekly' | 'alert';

/** What an alert is about. */
export type AlertTopic = 'at_risk' | 'target' | 'projection_late' | 'subsidy_overdue' | 'job_failed' | 'import_rejected';

/** The subscription a message belongs to (what its unsubscribe link turns off). */
export const subscriptionOf = (kind: MessageKind): SubscriptionKind => (kind === 'alert' ? 'alerts' : kind);

export const SUBSCRIPTION_LABELS_JA: Record<SubscriptionKind, string> = {
  digest_monthly: '月次ダイジェスト',
  digest_weekly: '週次ダイジェスト',
  alerts: 'アラート',
};

/** A message in the お知らせ inbox. */
export interface NotificationItem {
  id: number;
  kind: MessageKind;
  topic: string | null;
  period: string;
  subject: string;
  body_text: string;
  /** The dashboard page it is about. */
  link: string;
  job_run_id: number | null;
  created_at: string;
  read_at: string | null;
}

export interface SubscriptionSettings {
  email: string | null;
  digest_monthly: boolean;
  digest_weekly: boolean;
  alerts: boolean;
  updated_at: string | null;
  /** Whether this server sends e-mail (SMTP_URL set); without it messages are in お知らせ only. */
  email_enabled: boolean;
}

/** An e-mail in the delivery log (admins). */
export interface MailDelivery {
  id: number;
  notification_id: number;
  username: string;
  to_address: string;
  subject: string;
  kind: MessageKind;
  job_run_id: number | null;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  sent_at: string | null;
  created_at: string;
}
