/**
 * A typed client for the CRM API, generated from the committed openapi.json: openapi-fetch with the
 * bearer token and organization header set once, errors thrown as CrmApiError with their `code`,
 * and helpers that walk every page of a list.
 */
import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from './generated/schema.js';

export type { components, paths };
export type Schemas = components['schemas'];
export type ErrorBody = Schemas['ErrorResponseDto'];
export type ErrorCode = ErrorBody['code'];

/** An error answer of the API: its status, its stable `code`, and the fields at fault. */
export class CrmApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(`${status} ${body.code}: ${body.message}`);
    this.name = 'CrmApiError';
  }

  get code(): ErrorCode {
    return this.body.code;
  }
}

export interface CrmClientOptions {
  baseUrl: string;
  /** A server API key (`crm_...`) instead of a person's sign-in: it implies its organization. */
  apiKey?: string;
  accessToken?: string;
  organizationId?: string;
  fetch?: typeof fetch;
  /**
   * How many times a request is sent again after a network failure, a 429, 502, 503 or 504, or a
   * 409 with Retry-After (its Idempotency-Key still in progress); default 2, 0 for none. Every
   * write carries an Idempotency-Key (one is made unless the call sets it), the same on each retry,
   * so a retried write is never applied twice.
   */
  retries?: number;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const RETRYABLE = new Set([429, 502, 503, 504]);

/** `fetch`, sending each write with an Idempotency-Key and retrying what is safe to retry. */
function retrying(base: typeof fetch, retries: number): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    if (WRITES.has(request.method) && !request.headers.has('idempotency-key')) request.headers.set('idempotency-key', crypto.randomUUID());
    for (let attempt = 0; ; attempt += 1) {
      const last = attempt >= retries;
      let response: Response;
      try {
        response = await base(request.clone());
      } catch (error) {
        if (last) throw error;
        await pause(attempt, null);
        continue;
      }
      const again = RETRYABLE.has(response.status) || (response.status === 409 && response.headers.has('retry-after'));
      if (!again || last) return response;
      await pause(attempt, response.headers.get('retry-after'));
    }
  };
}

/** Retry-After when the answer says, else 0.5 s, 1 s, 2 s...; at most 30 s. */
function pause(attempt: number, retryAfter: string | null): Promise<void> {
  const seconds = retryAfter && Number.isFinite(Number(retryAfter)) ? Number(retryAfter) : 0.5 * 2 ** attempt;
  return new Promise((done) => setTimeout(done, Math.min(seconds, 30) * 1000));
}

export interface CrmClient {
  /** The generated client: every operation, typed from the document. */
  api: Client<paths>;
  signIn(email: string, password: string): Promise<Schemas['LoginResponseDto']>;
  useOrganization(organizationId: string): void;
}

/** The client, sending `Authorization` (a key or an access token) and `organization-id` on every call once they are known. */
export function createCrmClient(options: CrmClientOptions): CrmClient {
  let accessToken = options.apiKey ?? options.accessToken;
  let organizationId = options.organizationId;
  const api = createClient<paths>({ baseUrl: options.baseUrl, fetch: retrying(options.fetch ?? ((input, init) => fetch(input, init)), options.retries ?? 2) });
  api.use({
    onRequest({ request }) {
      if (accessToken) request.headers.set('authorization', `Bearer ${accessToken}`);
      if (organizationId) request.headers.set('organization-id', organizationId);
      return request;
    },
  });
  return {
    api,
    async signIn(email, password) {
      const session = await ok(api.POST('/api/auth/login', { body: { email, password } }));
      accessToken = session.access_token;
      return session;
    },
    useOrganization(id) {
      organizationId = id;
    },
  };
}

/** The data of a call, or its error as a CrmApiError. */
export async function ok<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw new CrmApiError(response.status, error as ErrorBody);
  return data as T;
}

type Call<T> = Promise<{ data?: T; error?: unknown; response: Response }>;
type ItemOf<A> = A extends (infer T)[] ? T : never;

/**
 * Every item of a record kind's list, by cursor (no depth limit, nothing met twice while others
 * write): give it the call for the page after a cursor (undefined for the first).
 */
export async function* everyRecord<L extends { next_cursor: string | null; results: unknown[] }>(
  callPage: (cursor: string | undefined) => Call<L>,
): AsyncGenerator<ItemOf<L['results']>> {
  for (let cursor: string | undefined; ; ) {
    const page = await ok(callPage(cursor));
    yield* page.results as ItemOf<L['results']>[];
    if (!page.next_cursor) return;
    cursor = page.next_cursor;
  }
}

/** Every item of one half of an open/closed list (`open_accounts`), by its cursor (`open_accounts_next_cursor`). */
export async function* everyRecordOfHalf<L extends object, K extends keyof L & string>(callPage: (cursor: string | undefined) => Call<L>, half: K): AsyncGenerator<ItemOf<L[K]>> {
  for (let cursor: string | undefined; ; ) {
    const page = await ok(callPage(cursor));
    yield* page[half] as ItemOf<L[K]>[];
    const next = page[`${half}_next_cursor` as keyof L] as string | null;
    if (!next) return;
    cursor = next;
  }
}

/** Every item of a `{count, next, previous, results}` list: give it the call for one page at an offset (at most 10,000 deep; record kinds page by cursor with everyRecord). */
export async function* everyItem<L extends { next: string | null; results: unknown[] }>(
  callPage: (offset: number) => Call<L>,
): AsyncGenerator<ItemOf<L['results']>> {
  for (let offset = 0; ; ) {
    const page = await ok(callPage(offset));
    yield* page.results as ItemOf<L['results']>[];
    if (!page.next || page.results.length === 0) return;
    offset += page.results.length;
  }
}

