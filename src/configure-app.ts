import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import { Reflector } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { createValidationPipe } from './common/errors/validation.js';
import { registerBodyParsers } from './common/http/body-parsers.js';
import { REQUEST_ID_HEADER } from './common/http/request-id.js';
import { answerMethodNotAllowed } from './common/http/method-not-allowed.js';
import { MultipartOnlyWhereTaken } from './common/http/multipart-routes.js';
import { shedLoad } from './common/http/load-shedding.js';
import { refuseWhileClosing } from './common/http/shutdown.js';
import { buildOpenApiDocument } from './common/openapi/openapi.js';
import { API_KEY_HEADER, ORG_HEADER, ORG_HEADER_ALIAS } from './common/openapi/security-schemes.js';
import { AppConfig } from './config/app-config.js';
import { answerNotModified, ConditionalRequests } from './common/records/conditional-requests.js';
import { RequestActors } from './common/records/request-actors.js';
import { IdempotentRequests } from './common/idempotency/idempotent-requests.js';
import { RecordKinds } from './common/records/record-kinds.js';

/** Every method the API routes, so browsers may send PUT and DELETE, not only the CORS defaults. */
const CORS_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const CORS_REQUEST_HEADERS = [
  'authorization',
  'content-type',
  ORG_HEADER,
  ORG_HEADER_ALIAS,
  REQUEST_ID_HEADER,
  API_KEY_HEADER,
  'idempotency-key',
  'if-match',
  'if-none-match',
];
const CORS_RESPONSE_HEADERS = [REQUEST_ID_HEADER, 'retry-after', 'content-disposition', 'etag', 'location'];
/** Browsers may reuse a preflight answer this long (Chromium caps it at two hours). */
const CORS_PREFLIGHT_CACHE_SECONDS = 7200;

/** Everything main.ts and the e2e tests share, so tests run the app users get. */
export async function configureApp(app: NestFastifyApplication): Promise<NestFastifyApplication> {
  const config = app.get(AppConfig);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
  });

  refuseWhileClosing(fastify);
  shedLoad(fastify, config.http.maxInFlight);
  answerMethodNotAllowed(fastify);
  answerNotModified(fastify);
  registerBodyParsers(app);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'validator.swagger.io'],
        scriptSrc: ["'self'", "https: 'unsafe-inline'"],
        // Helmet's default would make browsers fetch Swagger UI's assets over https, which a plain
        // HTTP deployment does not serve: a blank /docs. Whether to use HTTPS is the proxy's call.
        upgradeInsecureRequests: null,
      },
    },
  });
  // Files stream to storage part by part; past the limit the upload fails with 413.
  await app.register(multipart, {
    limits: { fileSize: config.uploads.maxBytes, files: 2, fields: 20, fieldSize: 64 * 1024, parts: 25 },
  });
  app.enableCors({
    origin: config.http.corsOrigins,
    methods: CORS_METHODS,
    allowedHeaders: CORS_REQUEST_HEADERS,
    exposedHeaders: CORS_RESPONSE_HEADERS,
    maxAge: CORS_PREFLIGHT_CACHE_SECONDS,
  });

  app.setGlobalPrefix('api', { exclude: ['health', 'health/ready'] });
  app.useGlobalPipes(createValidationPipe());
  // Outermost first: the actor is known before the idempotent request opens its transaction, and
  // the ETag a record's answer carries is set before that answer is stored.
  app.useGlobalInterceptors(
    new MultipartOnlyWhereTaken(app.get(Reflector)),
    new RequestActors(app.get(Reflector)),
    app.get(IdempotentRequests),
    new ConditionalRequests(app.get(RecordKinds), app.get(Reflector)),
  );

  SwaggerModule.setup('docs', app, () => openApiDocument(app), {
    jsonDocumentUrl: 'docs-json',
    yamlDocumentUrl: 'docs-yaml',
    customSiteTitle: 'CRM API',
    // The token and the organization typed into Authorize survive a page reload.
    swaggerOptions: { persistAuthorization: true },
  });
  return app;
}

/** The OpenAPI document of the app, with the record kinds it registered. */
export function openApiDocument(app: NestFastifyApplication): OpenAPIObject {
  return buildOpenApiDocument(app, app.get(RecordKinds).all());
}
