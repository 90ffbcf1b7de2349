import type {} from '@fastify/multipart';
import type { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { AppError, ValidationFailedError } from '../../common/errors/app-error.js';
import { MAX_COMMENT_LENGTH, MAX_FILES_PER_UPLOAD } from './dto/comment.dto.js';

/** `attachment`, or the reference's per-kind alias (`account_attachment`, `lead_attachment`, ...). */
const isFileField = (name: string) => name === 'attachment' || /^[a-z]+_attachment$/.test(name);

export interface IncomingFile {
  fileName: string;
  stream: Readable;
}

/** Checks the comment text of a JSON or form body; undefined when absent or blank. */
export function validComment(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw ValidationFailedError.field('comment', 'comment must be a string');
  const text = value.trim();
  if (text.length > MAX_COMMENT_LENGTH) {
    throw ValidationFailedError.field('comment', `comment must be at most ${MAX_COMMENT_LENGTH} characters`);
  }
  return text || undefined;
}

/**
 * Reads `comment` and at most one file from a JSON body or a multipart form. The file is handed
 * to `onFile` as a stream while the form is read, so it is never held in memory; `onFile` must
 * consume it before the next part can arrive.
 */
export async function readCommentInput(
  request: FastifyRequest,
  onFile: (file: IncomingFile) => Promise<void>,
): Promise<{ comment?: string; hadFile: boolean }> {
  if (!request.isMultipart()) {
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (typeof body !== 'object' || Array.isArray(body)) throw ValidationFailedError.field('body', 'must be an object');
    const unknown = Object.keys(body).filter((key) => key !== 'comment');
    if (unknown.length > 0) {
      throw new ValidationFailedError(Object.fromEntries(unknown.map((key) => [key, ['is not an allowed field']])));
    }
    return { comment: validComment(body.comment), hadFile: false };
  }
  let comment: string | undefined;
  let hadFile = false;
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      if (!isFileField(part.fieldname)) {
        part.file.resume();
        throw ValidationFailedError.field(part.fieldname, 'is not an allowed field');
      }
      if (hadFile) {
        part.file.resume();
        throw new AppError(400, 'VALIDATION_FAILED', 'Send one file per request', {
          [part.fieldname]: ['only one file may be sent'],
        });
      }
      hadFile = true;
      await onFile({ fileName: part.filename, stream: part.file });
    } else if (part.fieldname === 'comment') {
      comment = validComment(part.value);
    } else {
      throw ValidationFailedError.field(part.fieldname, 'is not an allowed field');
    }
  }
  return { comment, hadFile };
}

/**
 * Reads the files of a multipart form whose every part is a file in the `attachment` field (the
 * upload-only route, which SDK generators can type as files): each is streamed to `onFile`.
 * Answers how many there were; none, another field, or a body that is not a form is refused.
 */
export async function readAttachmentFiles(request: FastifyRequest, onFile: (file: IncomingFile) => Promise<void>): Promise<number> {
  if (!request.isMultipart()) {
    throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the files as a multipart/form-data form', { attachment: ['send one or more files in the attachment field of a multipart form'] });
  }
  let files = 0;
  for await (const part of request.parts({ limits: { files: MAX_FILES_PER_UPLOAD } })) {
    if (part.type !== 'file' || part.fieldname !== 'attachment') {
      if (part.type === 'file') part.file.resume();
      throw ValidationFailedError.field(part.fieldname, 'is not an allowed field: files go in attachment');
    }
    files += 1;
    await onFile({ fileName: part.filename, stream: part.file });
  }
  if (files === 0) throw ValidationFailedError.field('attachment', 'is required: send one or more files');
  return files;
}

/** A record form has a few dozen fields (a lead's are the most); more is not a form of this API. */
const RECORD_FORM_FIELDS = 64;

/**
 * Reads a record's create or update form (Django-CRM's clients send them as multipart): its text
 * fields as a body, a field sent more than once as a list, and at most one file in `fileField`,
 * streamed to `onFile`. A file input left empty (no file name, as browsers send it) and a text
 * `fileField` of "" or "null" mean no file.
 */
export async function readRecordForm(
  request: FastifyRequest,
  fileField: string,
  onFile: (file: IncomingFile) => Promise<void>,
): Promise<Record<string, string | string[]>> {
  const fields: Record<string, string | string[]> = {};
  let hadFile = false;
  for await (const part of request.parts({ limits: { files: 1, fields: RECORD_FORM_FIELDS, parts: RECORD_FORM_FIELDS + 1 } })) {
    if (part.type === 'file') {
      if (part.fieldname !== fileField) {
        part.file.resume();
        throw ValidationFailedError.field(part.fieldname, `is not an allowed field: the file goes in ${fileField}`);
      }
      if (!part.filename) {
        part.file.resume();
        continue;
      }
      if (hadFile) throw ValidationFailedError.field(fileField, 'only one file may be sent');
      hadFile = true;
      await onFile({ fileName: part.filename, stream: part.file });
      continue;
    }
    const value = typeof part.value === 'string' ? part.value : String(part.value);
    if (part.fieldname === fileField) {
      if (value === '' || value === 'null') continue;
      throw ValidationFailedError.field(fileField, 'must be a file (or empty)');
    }
    const earlier = fields[part.fieldname];
    fields[part.fieldname] = earlier === undefined ? value : [...(Array.isArray(earlier) ? earlier : [earlier]), value];
  }
  return fields;
}
