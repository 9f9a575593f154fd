import { resolve } from 'node:path';
import { z } from 'zod';

// Every environment variable leadflow reads is declared here, parsed once at boot.
// Nothing else in the code reads process.env.

const csv = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  );

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('localhost'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  LEADFLOW_DATA_DIR: z.string().min(1).default('./data'),
  LEADFLOW_ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  LEADFLOW_CAPTURE_TOKENS: csv,
  LEADFLOW_DEFAULT_REGION: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be a two-letter ISO 3166 country code, e.g. RU')
    .default('RU'),
  LEADFLOW_DEFAULT_CURRENCY: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code, e.g. RUB')
    .default('RUB'),
  LEADFLOW_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(256 * 1024),
  LEADFLOW_MIN_FILL_SECONDS: z.coerce.number().min(0).default(3),
  LEADFLOW_FLOOD_LIMIT: z.coerce.number().int().min(1).default(10),
  LEADFLOW_FLOOD_WINDOW_SECONDS: z.coerce.number().int().min(1).default(600),
  LEADFLOW_MATCHER_CONFIG: z.string().optional(),
  LEADFLOW_CAPTURE_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(200),
  LEADFLOW_TRUST_PROXY: z.string().optional(),
  LEADFLOW_WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  LEADFLOW_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.com:587')
    .optional(),
  LEADFLOW_MAIL_FROM: z.string().min(3).default('leadflow <leadflow@localhost>'),
  LEADFLOW_SCHEDULER: z.enum(['on', 'off']).default('on'),
  LEADFLOW_SCHEDULER_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  LEADFLOW_REMINDER_MINUTES: z.coerce.number().int().min(0).max(10080).default(15),
  LEADFLOW_SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  LEADFLOW_REPS_SEE_ALL_LEADS: z.enum(['true', 'false']).default('false'),
  LEADFLOW_PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s):// URL, e.g. https://crm.example.com' })
    .default('http://localhost:3000'),
  LEADFLOW_REPORT_TIME_ZONE: z
    .string()
    .refine(isTimeZone, 'must be an IANA time zone, e.g. Europe/Moscow')
    .default('Europe/Moscow'),
  LEADFLOW_AVERAGE_MARGIN: z
    .string()
    .regex(/^\d+(\.\d+)?$/, 'must be a decimal amount, e.g. 30000')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  adminToken: string | undefined;
  captureTokens: string[];
  defaultRegion: string;
  defaultCurrency: string;
  bodyLimitBytes: number;
  spam: { minFillSeconds: number; floodLimit: number; floodWindowSeconds: number };
  matcherConfigPath: string | undefined;
  captureBatchSize: number;
  /** Fastify's trustProxy: true (trust all), or the addresses/CIDRs of the proxies in front. */
  trustProxy: boolean | string[];
  /** HTTP worker processes (PostgreSQL only: PGlite lives inside one process). */
  workers: number;
  /** Outgoing email; without an SMTP URL notifications stay in the app only. */
  mail: { smtpUrl: string | undefined; from: string };
  /** The in-process job loop (reminders, overdue marks, escalations, email delivery). */
  scheduler: { enabled: boolean; intervalSeconds: number; reminderMinutes: number };
  /** How long a login lasts before the user must sign in again. */
  sessionDays: number;
  /** Default lead visibility for reps until an admin saves the setting. */
  repsSeeAllLeads: boolean;
  /** Where people reach this server from outside: links in emails (farewell questionnaire) start with it. */
  publicUrl: string;
  /** Reports: the time zone their calendar dates are read in, and the default average margin per customer. */
  reports: { timeZone: string; averageMargin: string | null };
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
};

function parseTrustProxy(value: string | undefined): boolean | string[] {
  if (!value || value === 'false') return false;
  if (value === 'true') return true;
  return value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.LEADFLOW_WORKERS > 1 && !e.DATABASE_URL) {
    throw new ConfigError(
      'Invalid configuration:\n  LEADFLOW_WORKERS: more than one worker needs DATABASE_URL (the embedded PGlite serves one process)',
    );
  }
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: resolve(e.LEADFLOW_DATA_DIR),
    adminToken: e.LEADFLOW_ADMIN_TOKEN,
    captureTokens: e.LEADFLOW_CAPTURE_TOKENS,
    defaultRegion: e.LEADFLOW_DEFAULT_REGION,
    defaultCurrency: e.LEADFLOW_DEFAULT_CURRENCY,
    bodyLimitBytes: e.LEADFLOW_BODY_LIMIT_BYTES,
    spam: {
      minFillSeconds: e.LEADFLOW_MIN_FILL_SECONDS,
      floodLimit: e.LEADFLOW_FLOOD_LIMIT,
      floodWindowSeconds: e.LEADFLOW_FLOOD_WINDOW_SECONDS,
    },
    matcherConfigPath: e.LEADFLOW_MATCHER_CONFIG,
    captureBatchSize: e.LEADFLOW_CAPTURE_BATCH_SIZE,
    trustProxy: parseTrustProxy(e.LEADFLOW_TRUST_PROXY),
    workers: e.LEADFLOW_WORKERS,
    mail: { smtpUrl: e.LEADFLOW_SMTP_URL, from: e.LEADFLOW_MAIL_FROM },
    scheduler: {
      enabled: e.LEADFLOW_SCHEDULER === 'on',
      intervalSeconds: e.LEADFLOW_SCHEDULER_INTERVAL_SECONDS,
      reminderMinutes: e.LEADFLOW_REMINDER_MINUTES,
    },
    sessionDays: e.LEADFLOW_SESSION_DAYS,
    repsSeeAllLeads: e.LEADFLOW_REPS_SEE_ALL_LEADS === 'true',
    publicUrl: e.LEADFLOW_PUBLIC_URL.replace(/\/+$/, ''),
    reports: { timeZone: e.LEADFLOW_REPORT_TIME_ZONE, averageMargin: e.LEADFLOW_AVERAGE_MARGIN ?? null },
    logLevel: e.LOG_LEVEL,
  };
}
