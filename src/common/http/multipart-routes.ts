import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { AppError } from '../errors/app-error.js';

const TAKES_MULTIPART = 'takesMultipart';

/** The route reads a multipart form itself (an upload); every other route refuses one with 415. */
export const TakesMultipart = () => SetMetadata(TAKES_MULTIPART, true);

/**
 * A multipart body on a JSON route was read as no body at all: a `PUT` of a record with a form
 * answered 200 and changed nothing. Such a request is refused instead (415), before the route runs.
 */
@Injectable()
export class MultipartOnlyWhereTaken implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (request.isMultipart?.() && !this.reflector.getAllAndOverride<boolean>(TAKES_MULTIPART, [context.getHandler(), context.getClass()])) {
      throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'This route takes application/json, not a multipart form', {
        body: ['send the fields as application/json; files go to the routes that take uploads'],
      });
    }
    return next.handle();
  }
}
