import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import { ToBoolean } from '../common/validation/to-boolean.decorator.js';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  Min,
  Matches,
  MinLength,
  validateSync,
} from 'class-validator';

const DEV_SECRET = 'dev-only-insecure-secret-change-me-0000000000';

/** The production floor of password hashing; tests lower it to keep sign-ups cheap. */
export const PASSWORD_HASH_DEFAULTS = { memoryKib: 19_456, passes: 2 } as const;

/** Every setting the process reads, with its default. `.env.example` mirrors this class. */
export class Environment {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  /** PostgreSQL connection string with a database name; without it an embedded PGlite database is started. */
  @IsOptional()
  @IsUrl(
    { protocols: ['postgres', 'postgresql'], require_protocol: true, require_tld: false },
    { message: 'must be a postgres:// (or postgresql://) URL, e.g. postgres://user:password@host:5432/crm' },
  )
  @Matches(/^postgres(?:ql)?:\/\/[^/]*\/[^/?#]+/, { message: 'must name a database after the host, e.g. postgres://user@host:5432/crm (without one, every table would go into the server’s default database)' })
  DATABASE_URL?: string;

  /** Connections in the pool. The embedded database always uses one (see DatabaseEndpoint). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  DATABASE_POOL_SIZE = 10;

  /**
   * Connections of a second pool for background work (the outbox dispatcher, jobs such as mail,
   * totals folding, the overdue sweep), so a lock or a flood that fills one pool never stalls the
   * other. 0 shares the request pool. The embedded database always shares its one connection.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(50)
  DATABASE_BACKGROUND_POOL_SIZE = 4;

  /** A statement running longer is cancelled (503 with Retry-After), so one tenant cannot hold the pool. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  DATABASE_STATEMENT_TIMEOUT_MS = 15_000;

  /** How long a statement waits for a lock (a row, a table, an advisory lock) before answering 503 SERVICE_BUSY with Retry-After. */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  DATABASE_LOCK_TIMEOUT_MS = 2000;

  /** How long a request waits for a free pooled connection before answering 503 with Retry-After. */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  DATABASE_ACQUIRE_TIMEOUT_MS = 2000;

  /**
   * Parameterized statements run as named prepared statements, parsed and planned once per
   * connection (PreparingClient). Turn off behind a pooler that cannot carry them (PgBouncer
   * before 1.21, or without max_prepared_statements). The embedded database never prepares.
   */
  @ToBoolean()
  @IsBoolean()
  DATABASE_PREPARED_STATEMENTS = true;

  /** Where the embedded database keeps its files; `memory://` keeps nothing. */
  @IsString()
  PGLITE_DATA_DIR = './data/pglite';

  @IsOptional()
  @IsUrl({ protocols: ['redis', 'rediss'], require_tld: false })
  REDIS_URL?: string;

  @IsString()
  @MinLength(32)
  JWT_ACCESS_SECRET = DEV_SECRET;

  @IsString()
  @MinLength(32)
  JWT_REFRESH_SECRET = `${DEV_SECRET}-refresh`;

  /** Access token lifetime in seconds. */
  @Type(() => Number)
  @IsInt()
  @Min(30)
  JWT_ACCESS_TTL = 3600;

  /** Refresh token lifetime in seconds. */
  @Type(() => Number)
  @IsInt()
  @Min(60)
  JWT_REFRESH_TTL = 30 * 24 * 3600;

  /**
   * A used refresh token presented again this soon answers the same new pair (two workers that
   * refreshed at once both carry on); later, reuse is taken for theft and its family revoked.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(300)
  REFRESH_TOKEN_REUSE_GRACE_SECONDS = 30;

  @IsString()
  UPLOAD_DIR = './data/uploads';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

  /** Bytes of files one organization may keep (attachments, document versions, invoice PDFs); 0 for no quota. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  STORAGE_QUOTA_BYTES = 5 * 1024 * 1024 * 1024;

  @IsOptional()
  @IsUrl({ protocols: ['smtp', 'smtps'], require_tld: false })
  SMTP_URL?: string;

  /** Where people open links from mails (invitations, verification): the web app's base URL. */
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  APP_URL = 'http://localhost:3000';

  @IsString()
  MAIL_FROM = 'CRM <no-reply@localhost>';

  /** Days the change feed keeps its events (GET /api/changes/): an older `after` answers 410. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3650)
  CHANGE_FEED_RETENTION_DAYS = 30;

  /**
   * Delays in milliseconds before each retry of a failed webhook delivery, increasing (each is
   * jittered by up to 10%). The default retries for three days; past the last, the endpoint is
   * disabled and its creator mailed.
   */
  @Matches(/^\d+(,\d+)*$/, { message: 'must be a comma-separated list of delays in milliseconds, e.g. 1000,2000,3000' })
  WEBHOOK_RETRY_SCHEDULE_MS = '5000,300000,1800000,7200000,18000000,28800000,36000000,43200000,50400000,72000000';

  /** How long a webhook receiver may take to answer. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(60_000)
  WEBHOOK_TIMEOUT_MS = 10_000;

  /** How often each process looks for webhook deliveries that are due (retries, and after a restart). */
  @Type(() => Number)
  @IsInt()
  @Min(50)
  @Max(60_000)
  WEBHOOK_POLL_MS = 1000;

  /** Whether webhook URLs may reach private, loopback and link-local addresses; unset: only outside production. */
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  WEBHOOK_ALLOW_PRIVATE_NETWORKS?: boolean;

  /** Send attempts per recipient before a delivery stays failed. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(20)
  MAIL_MAX_ATTEMPTS = 5;

  /** First retry delay in milliseconds; each further retry doubles it. */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  MAIL_RETRY_DELAY_MS = 5000;

  /** How often the outbox looks for jobs that are due or that Redis could not take before. */
  @Type(() => Number)
  @IsInt()
  @Min(50)
  JOBS_POLL_MS = 1000;

  /**
   * How long a process trusts what it read of a membership: the bound on how late another process
   * refuses a removed member when the change could not be announced through Redis.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(60_000)
  MEMBERSHIP_CACHE_MS = 5000;

  /** How often each process looks for invoices that have become overdue (each is recorded once). */
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  INVOICE_OVERDUE_SWEEP_MS = 3_600_000;

  /** How often each process folds the kept record totals that writers left in slots of their own (one fold at a time runs). */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  RECORD_TOTALS_FOLD_MS = 5000;

  /** Redis key prefix of the job queues, so several deployments can share one Redis. */
  @IsString()
  QUEUE_PREFIX = 'crm';

  /** Comma-separated list of browser origins allowed by CORS; empty allows none. */
  @IsString()
  CORS_ORIGINS = '';

  /** Sign-in, registration, refresh, invitation and web-form requests one IP address may make per minute. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  AUTH_RATE_PER_IP = 30;

  /** Requests one server API key may make per minute. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  API_KEY_RATE_PER_MINUTE = 600;

  /** Requests one member may make in one organization per minute. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  MEMBER_RATE_PER_MINUTE = 600;

  /** Sign-in attempts for one e-mail address per 15 minutes, from any address. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_RATE_PER_ACCOUNT = 10;

  /** Mail recipients one organization may queue per minute, and per day. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  MAIL_PER_ORG_PER_MINUTE = 100;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  MAIL_PER_ORG_PER_DAY = 1000;

  /** The longest a client may take to send a whole request, headers and body (408 after; a proxy in front should enforce its own). */
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  HTTP_REQUEST_TIMEOUT_MS = 60_000;

  /** Worker threads that draw invoice PDFs (each draws one at a time, off the event loop). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(16)
  PDF_WORKERS = 1;

  /** PDFs that may wait for a worker thread; past that, 503 with Retry-After. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  PDF_QUEUE = 20;

  /** Invoice PDFs (downloads and sends) one organization may have drawn per minute, then 429. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  PDF_RENDERS_PER_ORG_PER_MINUTE = 30;

  /** Bytes of drawn PDFs kept per process, by what they print, so an unchanged invoice is not drawn again. 0 keeps none. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  PDF_CACHE_BYTES = 32 * 1024 * 1024;

  /** Requests one process works on at once; one more answers 503 SERVICE_BUSY at once (0: no limit). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  HTTP_MAX_IN_FLIGHT = 256;

  /** After SIGTERM, how long the server keeps serving (readiness already 503) before it closes. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(120_000)
  SHUTDOWN_DRAIN_MS = 5000;

  /** Whether to read the client address from X-Forwarded-For (set when behind a reverse proxy). */
  @ToBoolean()
  @IsBoolean()
  TRUST_PROXY = false;

  /** Leads one web-form API key may create per minute before answers turn 429. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  LEAD_INTAKE_PER_MINUTE = 60;

  /** Lead files up to this size are imported while the request waits; larger ones in the background (202). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  LEAD_IMPORT_SYNC_BYTES = 1024 * 1024;

  /** A background import not shown alive for this long is taken for orphaned (its process died) and marked failed by any instance. */
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  LEAD_IMPORT_STALE_MS = 60_000;

  /** Argon2id memory per password hash, in KiB (OWASP's 19 MiB); lower only in tests, never in production. */
  @Type(() => Number)
  @IsInt()
  @Min(8)
  @Max(4 * 1024 * 1024)
  PASSWORD_HASH_MEMORY_KIB = PASSWORD_HASH_DEFAULTS.memoryKib;

  /** Argon2id passes per password hash (OWASP: 2 with 19 MiB). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  PASSWORD_HASH_PASSES = PASSWORD_HASH_DEFAULTS.passes;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';
}

export class InvalidEnvironmentError extends Error {}

/** Parses and validates the environment, naming every bad variable at once. */
export function parseEnvironment(source: NodeJS.ProcessEnv): Environment {
  // An empty variable (as left by copying .env.example) means "use the default".
  const given = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const env = plainToInstance(Environment, given, { exposeDefaultValues: true });
  const problems = validateSync(env, { whitelist: false }).map(
    (error) => `${error.property}: ${Object.values(error.constraints ?? {}).join('; ')}`,
  );
  if (env.NODE_ENV === 'production') {
    for (const key of ['JWT_ACCESS_SECRET', 'JWT_REFRESH_SECRET'] as const) {
      if (!given[key]) problems.push(`${key}: must be set in production`);
    }
    if (env.PASSWORD_HASH_MEMORY_KIB < PASSWORD_HASH_DEFAULTS.memoryKib) {
      problems.push(`PASSWORD_HASH_MEMORY_KIB: must be at least ${PASSWORD_HASH_DEFAULTS.memoryKib} in production`);
    }
    if (env.PASSWORD_HASH_PASSES < PASSWORD_HASH_DEFAULTS.passes) {
      problems.push(`PASSWORD_HASH_PASSES: must be at least ${PASSWORD_HASH_DEFAULTS.passes} in production`);
    }
  }
  const schedule = env.WEBHOOK_RETRY_SCHEDULE_MS.split(',').map(Number);
  if (schedule.some((delay, at) => at > 0 && delay <= schedule[at - 1])) problems.push('WEBHOOK_RETRY_SCHEDULE_MS: must increase');
  if (problems.length > 0) {
    throw new InvalidEnvironmentError(`Invalid environment:\n  ${problems.join('\n  ')}`);
  }
  return env;
}
