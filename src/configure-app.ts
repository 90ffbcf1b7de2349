import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { createValidationPipe } from './common/errors/validation.js';
import { registerBodyParsers } from './common/http/body-parsers.js';
import { REQUEST_ID_HEADER } from './common/http/request-id.js';
import { buildOpenApiDocument } from './common/openapi/openapi.js';
import { AppConfig } from './config/app-config.js';

/** Everything main.ts and the e2e tests share, so tests run the app users get. */
export async function configureApp(app: NestFastifyApplication): Promise<NestFastifyApplication> {
  const config = app.get(AppConfig);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
  });

  registerBodyParsers(app);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'validator.swagger.io'],
        scriptSrc: ["'self'", "https: 'unsafe-inline'"],
      },
    },
  });
  // Files stream to storage part by part; past the limit the upload fails with 413.
  await app.register(multipart, {
    limits: { fileSize: config.uploads.maxBytes, files: 2, fields: 20, fieldSize: 64 * 1024, parts: 25 },
  });
  app.enableCors({ origin: config.http.corsOrigins, exposedHeaders: [REQUEST_ID_HEADER] });

  app.setGlobalPrefix('api', { exclude: ['health', 'health/ready'] });
  app.useGlobalPipes(createValidationPipe());

  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'docs-json',
    yamlDocumentUrl: 'docs-yaml',
    customSiteTitle: 'CRM API',
  });
  return app;
}
