import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module.js';
import { createFastifyAdapter } from './common/http/fastify-adapter.js';
import { createAppLogger } from './common/logging/app-logger.js';
import { PinoNestLogger } from './common/logging/pino-nest-logger.js';
import { isDatabaseUnavailable } from './common/errors/error-body.js';
import { markClosing } from './common/http/shutdown.js';
import { HealthService } from './modules/health/health.service.js';
import { InvalidEnvironmentError, parseEnvironment } from './config/environment.js';
import { configureApp } from './configure-app.js';

async function bootstrap(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  // Fail before anything starts, naming every bad variable.
  const env = parseEnvironment(process.env);
  const logger = env.LOG_LEVEL === 'silent' ? undefined : createAppLogger(env.LOG_LEVEL);
  const adapter = createFastifyAdapter({ logger, trustProxy: env.TRUST_PROXY, requestTimeoutMs: env.HTTP_REQUEST_TIMEOUT_MS });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, {
    // Nest's lines go through the same pino logger as Fastify's: one JSON schema on stdout.
    logger: logger ? new PinoNestLogger(logger) : false,
    // A failed start reaches bootstrap's catch, which names what to fix, instead of Nest's own exit.
    abortOnError: false,
  });
  await configureApp(app);
  await app.listen(env.PORT, env.HOST);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void shutDown(app, signal, env.SHUTDOWN_DRAIN_MS));
}

/**
 * SIGTERM (a rolling deploy): readiness turns 503 at once, so the load balancer stops sending, and
 * the server keeps serving for SHUTDOWN_DRAIN_MS while it notices; then it stops accepting,
 * finishes what is in flight, closes its pools and exits.
 */
async function shutDown(app: NestFastifyApplication, signal: string, drainMs: number): Promise<void> {
  const logger = new Logger('Shutdown');
  app.get(HealthService).drain();
  logger.warn(`${signal}: unready now, serving for ${drainMs} ms more, then closing`);
  await new Promise((done) => setTimeout(done, drainMs));
  markClosing();
  await app.close();
  logger.warn('closed');
  process.exit(0);
}

/** The database named by DATABASE_URL, as host:port, for a start that could not reach it. */
function databaseAddress(): string | null {
  const url = process.env.DATABASE_URL;
  if (!url) return null;
  try {
    const { hostname, port } = new URL(url);
    return `${hostname}:${port || 5432}`;
  } catch {
    return null;
  }
}

bootstrap().catch((error: unknown) => {
  const address = databaseAddress();
  if (error instanceof InvalidEnvironmentError) {
    process.stderr.write(`${error.message}\n`);
  } else if (address && isDatabaseUnavailable(error)) {
    const reason = (error as { code?: string }).code ?? String(error);
    process.stderr.write(`Cannot start: DATABASE_URL names ${address}, which cannot be reached (${reason}). Is PostgreSQL running there?\n`);
  } else {
    process.stderr.write(`${JSON.stringify({ level: 'fatal', message: 'Failed to start', error: String(error) })}\n`);
  }
  process.exit(1);
});
