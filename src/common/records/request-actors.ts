import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { Observable } from 'rxjs';
import { type WriteActor, WriteActors } from '../database/write-actors.js';
import { CHANGES_RECORD } from './changes-record.decorator.js';

/** What authenticated a request, as the guards left it on the request. */
interface Authenticated {
  principal?: { userId: string; apiKeyId?: string };
  keyGrant?: { settingId: string };
}

/**
 * Makes every writing request (anything but GET and HEAD) the actor of the transactions it opens,
 * so each history entry says who wrote, through which request, and (for an action marked
 * @ChangesRecord) what it did to the record it is under.
 */
@Injectable()
export class RequestActors implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest & Authenticated>();
    if (request.method === 'GET' || request.method === 'HEAD') return next.handle();
    const action = this.reflector.get<string | undefined>(CHANGES_RECORD, context.getHandler());
    const actor: WriteActor = {
      ...(request.keyGrant
        ? { type: 'web_form', id: request.keyGrant.settingId }
        : request.principal?.apiKeyId
          ? { type: 'api_key', id: request.principal.apiKeyId }
          : { type: 'user', id: request.principal?.userId ?? null }),
      requestId: request.id,
      ...(action ? { action, subject: (request.params as { id?: string }).id } : {}),
    };
    return new Observable((subscriber) => WriteActors.run(actor, () => next.handle().subscribe(subscriber)));
  }
}
