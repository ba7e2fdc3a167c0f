import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';

/** The one place that reads process.env; everything else receives an AppConfig. */
const cron = z.string().regex(/^(\S+\s+){4,5}\S+$/, 'must be a cron expression of 5 or 6 fields');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).max(100).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  JOB_SCHEDULE: cron.default('0 30 2 * * *'),
  JOB_TIMEZONE: z.literal('Asia/Tokyo').default('Asia/Tokyo'),
  BACKUP_SCHEDULE: z.union([z.literal('off'), cron]).default('0 0 4 * * *'),
  DEMO_DATA: z.enum(['auto', 'off']).default('auto'),
  MAX_UPLOAD_MB: z.coerce.number().positive().max(1024).default(100),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(8),
  COOKIE_SECURE: z.enum(['true', 'false']).default('false'),
  LOGIN_RATE_LIMIT: z.coerce.number().int().positive().default(10),
  LOGIN_LOCKOUT_ATTEMPTS: z.coerce.number().int().min(3).max(100).default(10),
  LOGIN_LOCKOUT_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  TRUST_PROXY: z
    .string()
    .regex(
      /^(false|true|\d{1,2}|[0-9a-fA-F.:/,\s]+|loopback|linklocal|uniquelocal)$/,
      'false, true, a hop count, or addresses/CIDRs separated by commas',
    )
    .default('false'),
  LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug']).default('log'),
  INSTANCE_ID: z.string().max(100).optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, 'must be smtp://host:port or smtps://user:pass@host:port')
    .optional(),
  OFFICE_LISTS_PREBUILD: z.enum(['on', 'off']).default('on'),
  MAIL_FROM: z.string().max(200).default('介護DXダッシュボード <no-reply@localhost>'),
  PUBLIC_URL: z
    .string()
    .regex(/^https?:\/\/[^\s]+[^/\s]$/, 'must be the address users open, e.g. https://dashboard.example.go.jp (no trailing slash)')
    .optional(),
  SHUTDOWN_DRAIN_SECONDS: z.coerce.number().min(0).max(120).default(0),
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().min(1).max(600).default(30),
  // Set by the supervisor (api/src/app/main.ts) for the server it restarts, never by hand.
  KAIGO_SUPERVISOR_RESTARTS: z.coerce.number().int().min(0).default(0),
  KAIGO_SUPERVISOR_LAST_EXIT: z.string().max(300).optional(),
});

export interface AppConfig {
  port: number;
  /** The address the server listens on (127.0.0.1; 0.0.0.0 for a balancer on another machine). */
  host: string;
  databaseUrl?: string;
  dataDir: string;
  jobSchedule: string;
  jobTimezone: 'Asia/Tokyo';
  /** When the nightly backup runs (Asia/Tokyo), or 'off'. */
  backupSchedule: string;
  demoData: 'auto' | 'off';
  logLevel: 'error' | 'warn' | 'log' | 'debug';
  maxUploadBytes: number;
  sessionTtlHours: number;
  cookieSecure: boolean;
  loginRateLimit: number;
  /** Failed sign-ins in a row after which an account is locked, and for how long. */
  loginLockout: { attempts: number; minutes: number };
  /** Express's `trust proxy`: false, a hop count, or the proxies' addresses. */
  trustProxy: false | true | number | string;
  /** How often the supervisor restarted the server process, and why the last one ended. */
  supervisor: { restarts: number; lastExit: string | null };
  /** Names this process among the instances on one database (INSTANCE_ID; default host:pid). */
  instanceId: string;
  /** On SIGTERM: how long readiness says "draining" before the port closes, and the most in-flight requests then get. */
  shutdown: { drainMs: number; timeoutMs: number };
  /** Build the nation's and each prefecture's office list when the offices job finishes (not at the first request). */
  officeListsPrebuild: boolean;
  /** E-mail: the SMTP server (off when unset: messages stay in the app's お知らせ), the sender, and the address links in messages use. */
  mail: { smtpUrl: string | null; from: string; publicUrl: string };
}

function trustProxy(value: string): AppConfig['trustProxy'] {
  if (value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration / 設定値が不正です:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: resolve(e.DATA_DIR),
    jobSchedule: e.JOB_SCHEDULE,
    jobTimezone: e.JOB_TIMEZONE,
    backupSchedule: e.BACKUP_SCHEDULE,
    demoData: e.DEMO_DATA,
    logLevel: e.LOG_LEVEL,
    maxUploadBytes: Math.round(e.MAX_UPLOAD_MB * 1024 * 1024),
    sessionTtlHours: e.SESSION_TTL_HOURS,
    cookieSecure: e.COOKIE_SECURE === 'true',
    loginRateLimit: e.LOGIN_RATE_LIMIT,
    loginLockout: { attempts: e.LOGIN_LOCKOUT_ATTEMPTS, minutes: e.LOGIN_LOCKOUT_MINUTES },
    trustProxy: trustProxy(e.TRUST_PROXY),
    supervisor: { restarts: e.KAIGO_SUPERVISOR_RESTARTS, lastExit: e.KAIGO_SUPERVISOR_LAST_EXIT ?? null },
    instanceId: e.INSTANCE_ID ?? `${hostname()}:${process.pid}`,
    shutdown: { drainMs: e.SHUTDOWN_DRAIN_SECONDS * 1000, timeoutMs: e.SHUTDOWN_TIMEOUT_SECONDS * 1000 },
    officeListsPrebuild: e.OFFICE_LISTS_PREBUILD === 'on',
    mail: { smtpUrl: e.SMTP_URL ?? null, from: e.MAIL_FROM, publicUrl: e.PUBLIC_URL ?? `http://${e.HOST}:${e.PORT}` },
  };
}

/** For entry points (the server, the CLIs): a bad configuration is its message and exit code 2. */
export function loadConfigOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
}

export const APP_CONFIG = Symbol('APP_CONFIG');
