import { Environment } from './environment.js';

/** The validated, typed settings; inject this instead of reading process.env. */
export class AppConfig {
  constructor(private readonly env: Environment) {}

  get isProduction(): boolean {
    return this.env.NODE_ENV === 'production';
  }

  get http() {
    const origins = this.env.CORS_ORIGINS.split(',')
      .map((origin) => origin.trim())
      .filter(Boolean);
    return { port: this.env.PORT, host: this.env.HOST, corsOrigins: origins, trustProxy: this.env.TRUST_PROXY, maxInFlight: this.env.HTTP_MAX_IN_FLIGHT };
  }

  get database() {
    return {
      url: this.env.DATABASE_URL,
      poolSize: this.env.DATABASE_POOL_SIZE,
      backgroundPoolSize: this.env.DATABASE_BACKGROUND_POOL_SIZE,
      prepareStatements: this.env.DATABASE_PREPARED_STATEMENTS,
      embeddedDataDir: this.env.PGLITE_DATA_DIR,
      limits: {
        statementTimeoutMs: this.env.DATABASE_STATEMENT_TIMEOUT_MS,
        acquireTimeoutMs: this.env.DATABASE_ACQUIRE_TIMEOUT_MS,
        lockTimeoutMs: this.env.DATABASE_LOCK_TIMEOUT_MS,
      },
    };
  }

  /** The web app's base URL, without a trailing slash, for links in mails. */
  get appUrl(): string {
    return this.env.APP_URL.replace(/\/+$/, '');
  }

  get redisUrl(): string | undefined {
    return this.env.REDIS_URL;
  }

  get jwt() {
    return {
      accessSecret: this.env.JWT_ACCESS_SECRET,
      refreshSecret: this.env.JWT_REFRESH_SECRET,
      accessTtlSeconds: this.env.JWT_ACCESS_TTL,
      refreshTtlSeconds: this.env.JWT_REFRESH_TTL,
      reuseGraceSeconds: this.env.REFRESH_TOKEN_REUSE_GRACE_SECONDS,
    };
  }

  /** Invoice PDFs: worker threads drawing them, renders that may wait, renders per organization per minute, bytes kept drawn. */
  get pdf() {
    return { workers: this.env.PDF_WORKERS, queue: this.env.PDF_QUEUE, perOrgPerMinute: this.env.PDF_RENDERS_PER_ORG_PER_MINUTE, cacheBytes: this.env.PDF_CACHE_BYTES };
  }

  get passwordHashing() {
    return { memoryCost: this.env.PASSWORD_HASH_MEMORY_KIB, timeCost: this.env.PASSWORD_HASH_PASSES };
  }

  get uploads() {
    return { dir: this.env.UPLOAD_DIR, maxBytes: this.env.MAX_UPLOAD_BYTES, quotaBytes: this.env.STORAGE_QUOTA_BYTES };
  }

  get webhooks() {
    return {
      retryScheduleMs: this.env.WEBHOOK_RETRY_SCHEDULE_MS.split(',').map(Number),
      timeoutMs: this.env.WEBHOOK_TIMEOUT_MS,
      pollMs: this.env.WEBHOOK_POLL_MS,
      allowPrivateNetworks: this.env.WEBHOOK_ALLOW_PRIVATE_NETWORKS ?? this.env.NODE_ENV !== 'production',
      httpsOnly: this.env.NODE_ENV === 'production',
    };
  }

  get changeFeed() {
    return { retentionDays: this.env.CHANGE_FEED_RETENTION_DAYS };
  }

  get mail() {
    return {
      smtpUrl: this.env.SMTP_URL,
      from: this.env.MAIL_FROM,
      maxAttempts: this.env.MAIL_MAX_ATTEMPTS,
      retryDelayMs: this.env.MAIL_RETRY_DELAY_MS,
    };
  }

  /** Background jobs: attempts and first retry delay (the mail settings), and the outbox poll. */
  get jobs() {
    return { maxAttempts: this.env.MAIL_MAX_ATTEMPTS, retryDelayMs: this.env.MAIL_RETRY_DELAY_MS, pollMs: this.env.JOBS_POLL_MS };
  }

  get membershipCacheMs(): number {
    return this.env.MEMBERSHIP_CACHE_MS;
  }

  get invoiceOverdueSweepMs(): number {
    return this.env.INVOICE_OVERDUE_SWEEP_MS;
  }

  get recordTotalsFoldMs(): number {
    return this.env.RECORD_TOTALS_FOLD_MS;
  }

  get queuePrefix(): string {
    return this.env.QUEUE_PREFIX;
  }

  get imports() {
    return { syncBytes: this.env.LEAD_IMPORT_SYNC_BYTES, staleMs: this.env.LEAD_IMPORT_STALE_MS };
  }

  get rateLimits() {
    return {
      authPerIpPerMinute: this.env.AUTH_RATE_PER_IP,
      loginPerAccountPer15Minutes: this.env.LOGIN_RATE_PER_ACCOUNT,
      apiKeyPerMinute: this.env.API_KEY_RATE_PER_MINUTE,
      memberPerMinute: this.env.MEMBER_RATE_PER_MINUTE,
      mailPerOrgPerMinute: this.env.MAIL_PER_ORG_PER_MINUTE,
      mailPerOrgPerDay: this.env.MAIL_PER_ORG_PER_DAY,
    };
  }

  get leadIntakePerMinute(): number {
    return this.env.LEAD_INTAKE_PER_MINUTE;
  }

  get logLevel(): string {
    return this.env.LOG_LEVEL;
  }
}
