import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { RawServerDefault } from 'fastify';
import { AppError } from '../errors/app-error.js';
import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-depth.js';

/**
 * Request bodies the API reads: JSON no deeper than MAX_JSON_DEPTH (checked on the raw bytes before
 * parsing, so no hostile body reaches class-transformer's recursion), and multipart forms on the
 * upload routes. Form-encoded and plain-text bodies get 415 instead of being read as something else.
 */
export function registerBodyParsers(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  const json = fastify.getDefaultJsonParser('error', 'error');
  // An empty body is no body, whatever its Content-Type: what `axios.post(url)` and `fetch` with
  // JSON headers send to the actions that take none (convert, duplicate, resend).
  app.useBodyParser<RawServerDefault>('application/json', {}, (request, body, done) => {
    if (body.length === 0) {
      done(null, undefined);
      return;
    }
    if (nestsDeeperThan(body, MAX_JSON_DEPTH)) {
      done(new AppError(400, 'JSON_TOO_DEEP', `JSON bodies may nest at most ${MAX_JSON_DEPTH} levels`), undefined);
      return;
    }
    json(request, body.toString('utf8'), done);
  });
  const unsupported = () =>
    new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json (or multipart/form-data where a file is uploaded)');
  app.useBodyParser<RawServerDefault>('application/x-www-form-urlencoded', {}, (_request, body, done) =>
    body.length === 0 ? done(null, undefined) : done(unsupported(), undefined),
  );
  fastify.removeContentTypeParser('text/plain');
}
