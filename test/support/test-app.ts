import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { AppModule } from '../../src/app.module.js';
import { verifyStatementTexts } from '../../src/common/database/statement-texts.js';
import { createFastifyAdapter } from '../../src/common/http/fastify-adapter.js';
import { AppConfig } from '../../src/config/app-config.js';
import { parseEnvironment } from '../../src/config/environment.js';
import { configureApp } from '../../src/configure-app.js';
import { Api } from './api.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface TestApp {
  app: NestFastifyApplication;
  api: Api;
  database: TestDatabase;
  close(): Promise<void>;
}

/**
 * The real AppModule on Fastify, configured as main.ts does, on a database of its own — or on
 * `shared.database`, to run several instances of the app against one database (kept on close).
 */
export async function createTestApp(
  overrides: Record<string, string> = {},
  shared?: { database: TestDatabase },
): Promise<TestApp> {
  // Every statement text reused from its shape is compared with TypeORM's own, in every test.
  verifyStatementTexts(true);
  const database = shared?.database ?? (await createTestDatabase());
  const uploadDir = await mkdtemp(join(tmpdir(), 'crm-uploads-'));
  const env = parseEnvironment({
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: database.url,
    DATABASE_POOL_SIZE: String(database.poolSize),
    // A one-connection database (the embedded farm) cannot give background work connections of its own.
    DATABASE_BACKGROUND_POOL_SIZE: database.poolSize === 1 ? '0' : '2',
    DATABASE_PREPARED_STATEMENTS: String(database.prepareStatements),
    // One embedded connection serves a file's concurrent requests in turn (the app does the same for its own embedded engine).
    ...(database.poolSize === 1 ? { DATABASE_ACQUIRE_TIMEOUT_MS: '30000' } : {}),
    UPLOAD_DIR: uploadDir,
    // Each app gets its own queues, so parallel test files never take each other's jobs.
    QUEUE_PREFIX: `crm-test-${randomUUID()}`,
    MAIL_RETRY_DELAY_MS: '50',
    // Writes hand their jobs over at once; the periodic pass would only add stray queries to counts.
    JOBS_POLL_MS: '60000',
    // Every test signs people in from one address; the throttling spec sets its own limits.
    AUTH_RATE_PER_IP: '100000',
    LOGIN_RATE_PER_ACCOUNT: '100000',
    API_KEY_RATE_PER_MINUTE: '100000',
    MEMBER_RATE_PER_MINUTE: '100000',
    MAIL_PER_ORG_PER_MINUTE: '100000',
    MAIL_PER_ORG_PER_DAY: '100000',
    PDF_RENDERS_PER_ORG_PER_MINUTE: '100000',
    // Sign-ups are setup, not what most files test; production's cost is held by password-hasher.spec.ts.
    PASSWORD_HASH_MEMORY_KIB: '64',
    PASSWORD_HASH_PASSES: '1',
    ...overrides,
  });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(AppConfig)
    .useValue(new AppConfig(env))
    .compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter({}), {
    logger: false,
  });
  await configureApp(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    api: new Api(app),
    database,
    close: async () => {
      await app.close();
      if (!shared) await database.dispose();
      await rm(uploadDir, { recursive: true, force: true });
    },
  };
}
