import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { toErrorBody } from './error-body.js';

/** An outage is logged once, then again at most this often while it lasts, not once per request. */
const OUTAGE_LOG_EVERY_MS = 60_000;

/** The one place an exception becomes a response: every error has the contract's body. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');
  private outageLoggedAt = 0;

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const { status, body, unexpected, retryAfterSeconds } = toErrorBody(exception, String(request.id));
    if (body.code === 'DATABASE_UNAVAILABLE' && Date.now() - this.outageLoggedAt > OUTAGE_LOG_EVERY_MS) {
      this.outageLoggedAt = Date.now();
      this.logger.warn({ requestId: body.requestId, error: exception instanceof Error ? exception.message : String(exception) }, 'Database unavailable: answering 503');
    }
    if (unexpected) {
      this.logger.error(
        { requestId: body.requestId, err: exception instanceof Error ? exception.stack : exception },
        'Unhandled error',
      );
    }
    const response = http.getResponse();
    if (retryAfterSeconds !== undefined) {
      this.adapterHost.httpAdapter.setHeader(response, 'retry-after', String(retryAfterSeconds));
    }
    this.adapterHost.httpAdapter.reply(response, body, status);
  }
}
