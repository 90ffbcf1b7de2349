import { applyDecorators, type CallHandler, type ExecutionContext, Injectable, type NestInterceptor, SetMetadata, UseInterceptors } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiExtension } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { from, lastValueFrom, type Observable } from 'rxjs';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import { ValidationFailedError } from '../../common/errors/app-error.js';
import { TakesMultipart } from '../../common/http/multipart-routes.js';
import { FORM_FILE_EXTENSION } from '../../common/openapi/record-forms.js';
import type { RecordKindOptions } from '../../common/records/record-kind.decorator.js';
import { CommentsService } from './comments.service.js';

const RECORD_FORM_KIND = 'recordFormKind';

/**
 * Creates and updates of Django-CRM's forms: the route takes its JSON body, or the same fields
 * as a multipart form with one file in `<kind>_attachment` (`lead_attachment`...), attached to
 * the record in the write's transaction. In JSON, `<kind>_attachment: null` (what the forms send
 * without a file) is taken as no file.
 */
export const RecordForm = (kind: Pick<RecordKindOptions, 'kind'>) =>
  applyDecorators(
    TakesMultipart(),
    SetMetadata(RECORD_FORM_KIND, kind.kind),
    ApiExtension(FORM_FILE_EXTENSION, `${kind.kind}_attachment`),
    UseInterceptors(RecordFormInterceptor),
  );

@Injectable()
export class RecordFormInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly comments: CommentsService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const kind = this.reflector.get<string>(RECORD_FORM_KIND, context.getHandler());
    if (!request.isMultipart()) {
      withoutEmptyFile(request.body, `${kind}_attachment`);
      return next.handle();
    }
    const principal = request.principal as OrgPrincipal;
    return from(
      this.comments.writeWithForm(principal, kind, request, (fields) => {
        request.body = fields;
        return lastValueFrom(next.handle()) as Promise<{ id: string }>;
      }),
    );
  }
}

function withoutEmptyFile(body: unknown, field: string): void {
  if (!body || typeof body !== 'object' || Array.isArray(body) || !(field in body)) return;
  const value = (body as Record<string, unknown>)[field];
  if (value !== null && value !== '') throw ValidationFailedError.field(field, 'takes a file in a multipart/form-data body; in JSON only null');
  delete (body as Record<string, unknown>)[field];
}
