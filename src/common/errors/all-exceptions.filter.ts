import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { toErrorBody } from './error-body.js';

/** The one place an exception becomes a response: every error has the contract's body. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const { status, body, unexpected, retryAfterSeconds } = toErrorBody(exception, String(request.id));
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
