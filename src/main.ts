import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module.js';
import { createFastifyAdapter } from './common/http/fastify-adapter.js';
import { InvalidEnvironmentError, parseEnvironment } from './config/environment.js';
import { configureApp } from './configure-app.js';

// Nest's levels for each pino level name of LOG_LEVEL, so one setting drives both loggers.
const NEST_LEVELS: Record<string, LogLevel[]> = {
  fatal: ['fatal'],
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  info: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
  trace: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
};

async function bootstrap(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  // Fail before anything starts, naming every bad variable.
  const env = parseEnvironment(process.env);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, createFastifyAdapter({ logLevel: env.LOG_LEVEL, trustProxy: env.TRUST_PROXY, requestTimeoutMs: env.HTTP_REQUEST_TIMEOUT_MS }), {
    logger: env.LOG_LEVEL === 'silent' ? false : new ConsoleLogger({ json: true, logLevels: NEST_LEVELS[env.LOG_LEVEL] }),
  });
  await configureApp(app);
  // SIGTERM/SIGINT: stop accepting, finish in-flight requests, close pools, then exit.
  app.enableShutdownHooks();
  await app.listen(env.PORT, env.HOST);
}

bootstrap().catch((error: unknown) => {
  if (error instanceof InvalidEnvironmentError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`${JSON.stringify({ level: 'fatal', message: 'Failed to start', error: String(error) })}\n`);
  }
  process.exit(1);
});
