import { type CallHandler, type ExecutionContext, HttpStatus, Injectable, type NestInterceptor } from '@nestjs/common';
import { AppError } from '../errors/app-error.js';
import { Reflector } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CHANGES_RECORD } from './changes-record.decorator.js';
import { catchError, Observable, tap, throwError } from 'rxjs';
import { etagOf, noneMatchHolds, parseTagCondition } from './entity-tags.js';
import { RecordKinds } from './record-kinds.js';
import { PreconditionFailedError, RecordRevisions, type RevisionSubject } from './record-revisions.js';

/** Answers that an If-None-Match turned into 304, finished by the onSend hook below. */
const notModified = new WeakSet<FastifyReply>();

interface RecordRoute {
  kind: string;
  path: string;
  creating: boolean;
}

/**
 * ETags and conditional requests on every registered record kind, from its path alone: the
 * detail (`GET /api/{path}/{id}/`: ETag, If-None-Match -> 304), the create (`POST /api/{path}/`:
 * ETag and Location) and the writes (`PUT` and `DELETE /api/{path}/{id}/`, and actions marked @ChangesRecord():
 * If-Match, else 412 with the current ETag). The RecordStore does the checking where it reads and writes (RecordRevisions).
 */
@Injectable()
export class ConditionalRequests implements NestInterceptor {
  private routes?: Map<string, RecordRoute>;

  constructor(
    private readonly kinds: RecordKinds,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const route = this.routeOf(request) ?? this.actionOf(request, context);
    if (!route) return next.handle();
    const reply = http.getResponse<FastifyReply>();
    const reading = request.method === 'GET';
    const subject: RevisionSubject = {
      kind: route.kind,
      id: route.creating ? undefined : (request.params as { id?: string }).id,
      creating: route.creating,
      checked: false,
      ifMatch: reading ? undefined : parseTagCondition('If-Match', request.headers['if-match']),
    };
    const ifNoneMatch = reading ? parseTagCondition('If-None-Match', request.headers['if-none-match']) : undefined;
    if (!reading && !route.creating && !subject.ifMatch && (request.principal as { requireIfMatch?: boolean } | undefined)?.requireIfMatch) {
      throw new AppError(HttpStatus.PRECONDITION_REQUIRED, 'PRECONDITION_REQUIRED', 'This organization requires If-Match on every change to a record', {
        'If-Match': ['is required: send the ETag of the record as you last read it'],
      });
    }
    return new Observable((subscriber) =>
      RecordRevisions.run(subject, () =>
        next
          .handle()
          .pipe(
            tap(() => {
              if (subject.revision === undefined || request.method === 'DELETE') return;
              const etag = etagOf(subject.revision);
              void reply.header('etag', etag);
              if (route.creating && subject.id) void reply.header('location', `/api/${route.path}/${subject.id}/`);
              if (ifNoneMatch && !noneMatchHolds(ifNoneMatch, etag)) notModified.add(reply);
            }),
            catchError((error: unknown) => {
              if (error instanceof PreconditionFailedError && error.currentRevision !== null) void reply.header('etag', etagOf(error.currentRevision));
              return throwError(() => error);
            }),
          )
          .subscribe(subscriber),
      ),
    );
  }

  /** An action under a record (`POST /api/invoices/:id/send`) that declares it changes the record. */
  private actionOf(request: FastifyRequest, context: ExecutionContext): RecordRoute | undefined {
    if (request.method !== 'POST' || !this.reflector.get<string | undefined>(CHANGES_RECORD, context.getHandler())) return undefined;
    const url = request.routeOptions.url ?? '';
    const kind = this.kinds.all().find(({ path }) => url.startsWith(`/api/${path}/:id/`));
    return kind && { kind: kind.kind, path: kind.path, creating: false };
  }

  private routeOf(request: FastifyRequest): RecordRoute | undefined {
    this.routes ??= new Map<string, RecordRoute>(
      this.kinds.all().flatMap(({ kind, path, comments }): [string, RecordRoute][] => [
        [`GET /api/${path}/:id`, { kind, path, creating: false }],
        [`PUT /api/${path}/:id`, { kind, path, creating: false }],
        [`DELETE /api/${path}/:id`, { kind, path, creating: false }],
        [`POST /api/${path}`, { kind, path, creating: true }],
        // A comment's edit and removal, conditional on the comment's own revision (CommentsService).
        ...(comments
          ? ([
              [`PUT /api/${path}/comment/:id`, { kind: 'comment', path, creating: false }],
              [`DELETE /api/${path}/comment/:id`, { kind: 'comment', path, creating: false }],
            ] as [string, RecordRoute][])
          : []),
      ]),
    );
    const url = request.routeOptions.url?.replace(/\/+$/, '');
    return url ? this.routes.get(`${request.method} ${url}`) : undefined;
  }
}

/** Sends the 304s the interceptor decided on: Nest would otherwise set the route's own status and the body. */
export function answerNotModified(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (_request, reply, payload) => {
    if (!notModified.has(reply)) return payload;
    void reply.code(304).removeHeader('content-type').removeHeader('content-length');
    return '';
  });
}
