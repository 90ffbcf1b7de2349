import type {} from '@fastify/multipart';
import type { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { ValidationFailedError } from '../../common/errors/app-error.js';
import { createValidationPipe } from '../../common/errors/validation.js';

const FILE_FIELD = 'document_file';
const LIST_FIELDS = new Set(['shared_to', 'teams']);

export interface DocumentUpload {
  fileName: string;
  stream: Readable;
}

/**
 * Reads a document's fields from a multipart form (or a JSON body, which carries no file) and
 * validates them as `dto`. The file, at most one, is handed to `onFile` as a stream while the form
 * is read (never held in memory); `onFile` must consume it before the next part arrives.
 */
export async function readDocumentInput<T extends object>(
  request: FastifyRequest,
  dto: new () => T,
  onFile: (file: DocumentUpload) => Promise<void>,
): Promise<{ fields: T; hadFile: boolean }> {
  if (!request.isMultipart()) return { fields: await validated(dto, request.body ?? {}), hadFile: false };
  const fields: Record<string, unknown> = {};
  let hadFile = false;
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      if (part.fieldname !== FILE_FIELD || hadFile) {
        part.file.resume();
        throw ValidationFailedError.field(part.fieldname, part.fieldname === FILE_FIELD ? 'only one file may be sent' : 'is not an allowed field');
      }
      hadFile = true;
      await onFile({ fileName: part.filename, stream: part.file });
    } else if (LIST_FIELDS.has(part.fieldname) && part.fieldname in fields) {
      // A repeated form field is a list.
      fields[part.fieldname] = [...[fields[part.fieldname]].flat(), part.value];
    } else {
      if (part.fieldname in fields) throw ValidationFailedError.field(part.fieldname, 'must be sent once');
      fields[part.fieldname] = part.value;
    }
  }
  return { fields: await validated(dto, fields), hadFile };
}

const pipe = createValidationPipe();

function validated<T extends object>(dto: new () => T, body: unknown): Promise<T> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw ValidationFailedError.field('body', 'must be an object');
  return pipe.transform(body, { type: 'body', metatype: dto }) as Promise<T>;
}
