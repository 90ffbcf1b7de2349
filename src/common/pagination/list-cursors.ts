import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { HttpStatus } from '@nestjs/common';
import { AppError } from '../errors/app-error.js';

/** Where a keyset page ended: the last row's sort key (as PostgreSQL printed it) and its id. */
export interface CursorPosition {
  key: string;
  id: string;
}

/** A cursor as read back: its position, and the half of a two-list answer it pages (`open`, `closed`). */
export interface ReadCursor extends CursorPosition {
  half?: string;
}

interface Payload {
  /** Hash of the list, sort and filters the cursor was made for. */
  b: string;
  k: string;
  i: string;
  h?: string;
}

const SIGNATURE_BYTES = 16;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class CursorInvalidError extends AppError {
  constructor() {
    super(HttpStatus.BAD_REQUEST, 'CURSOR_INVALID', 'The cursor was not made by this server or was altered: start again without one', {
      cursor: ['is not a cursor this server made'],
    });
  }
}

export class CursorMismatchError extends AppError {
  constructor() {
    super(HttpStatus.BAD_REQUEST, 'CURSOR_MISMATCH', 'The cursor was made for another list, sort or filters: send the same filters and sort, or start again', {
      cursor: ['was made for other filters or another sort'],
    });
  }
}

/**
 * Opaque list cursors: base64url JSON of the position, signed with an HMAC so a client cannot move
 * it, and carrying a hash of what it pages (list, half, sort, filters) so it cannot be replayed on
 * another question. Nothing is stored: any instance sharing the secret reads any other's cursors.
 */
export class ListCursors {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('crm list cursors v1').digest();
  }

  /** A stable fingerprint of a list question: the same filters in any order give the same one. */
  static binding(list: string, sort: string, filters: Record<string, unknown>): string {
    const entries = Object.entries(filters)
      .filter(([, value]) => value !== undefined && value !== null)
      .map(([name, value]) => [name, Array.isArray(value) ? value.map(String) : String(value)] as const)
      .sort(([a], [b]) => a.localeCompare(b));
    return createHash('sha256').update(JSON.stringify([list, sort, entries])).digest('base64url').slice(0, 22);
  }

  issue(binding: string, position: CursorPosition, half?: string): string {
    const payload: Payload = { b: binding, k: position.key, i: position.id, ...(half ? { h: half } : {}) };
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${body}.${this.sign(body).toString('base64url')}`;
  }

  /** The cursor's position, if it is one of ours (CURSOR_INVALID) made for `binding` (CURSOR_MISMATCH). */
  read(token: string, binding: string): ReadCursor {
    const [body, signature, extra] = token.split('.');
    if (!body || !signature || extra !== undefined) throw new CursorInvalidError();
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== SIGNATURE_BYTES || !timingSafeEqual(given, this.sign(body))) throw new CursorInvalidError();
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Payload;
    if (typeof payload.k !== 'string' || typeof payload.i !== 'string' || !UUID.test(payload.i)) throw new CursorInvalidError();
    if (payload.b !== binding) throw new CursorMismatchError();
    return { key: payload.k, id: payload.i, half: payload.h };
  }

  private sign(body: string): Buffer {
    return createHmac('sha256', this.key).update(body).digest().subarray(0, SIGNATURE_BYTES);
  }
}
