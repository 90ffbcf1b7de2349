import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { assertDocumented } from './documented-responses.js';
import { eventually, mailedTokens } from './smtp-sink.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Caller {
  token?: string;
  orgId?: string;
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | number | undefined>;
}

export interface Member {
  userId: string;
  email: string;
  token: string;
  refreshToken: string;
  password: string;
}

/** Where invitation mail lands when the app has SMTP configured (then no token is handed back). */
export interface Inbox {
  to(address: string): { raw: string }[];
}

const takenTokens = new Set<string>();

/** The token of an invitation mailed to `address` that no earlier call has returned. */
export async function mailedInviteToken(inbox: Inbox, address: string): Promise<string> {
  const token = await eventually(async () => {
    const found = inbox
      .to(address)
      .flatMap((mail) => mailedTokens(mail.raw, 'inv'))
      .find((candidate) => !takenTokens.has(candidate));
    if (!found) throw new Error(`no new invitation mailed to ${address}`);
    return found;
  });
  takenTokens.add(token);
  return token;
}

/** Calls the app in-process (`inject`), the way a client would over HTTP. */
export class Api {
  /** Set by tests whose app sends mail, so `addMember` can read the invitation from the mailbox. */
  inbox?: Inbox;

  constructor(readonly app: NestFastifyApplication) {}

  async request<T = any>(
    method: Method,
    url: string,
    options: Caller & { body?: unknown; headers?: Record<string, string>; remoteAddress?: string } = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.orgId) headers['organization-id'] = options.orgId;
    const response = await this.app.inject({
      method,
      url,
      headers,
      ...(options.remoteAddress ? { remoteAddress: options.remoteAddress } : {}),
      ...(options.body === undefined ? {} : { payload: options.body as object }),
    });
    const text = response.body;
    const contentType = String(response.headers['content-type'] ?? '');
    const isFile = String(response.headers['content-disposition'] ?? '').startsWith('attachment');
    if (isFile) {
      assertDocumented(method, url, response.statusCode, contentType, undefined);
      return { status: response.statusCode, body: response.rawPayload as T, headers: response.headers };
    }
    const isJson = contentType.includes('json');
    const body = (isJson && text ? JSON.parse(text) : text) as T;
    assertDocumented(method, url, response.statusCode, contentType, body);
    return { status: response.statusCode, body, headers: response.headers };
  }

  /** Sends a multipart form (see multipart.ts). */
  upload<T = any>(url: string, form: { body: Buffer; headers: Record<string, string> }, caller: Caller = {}) {
    return this.request<T>('POST', url, { ...caller, body: form.body, headers: form.headers });
  }

  get<T = any>(url: string, caller: Caller = {}) {
    return this.request<T>('GET', url, caller);
  }

  post<T = any>(url: string, body: unknown, caller: Caller = {}) {
    return this.request<T>('POST', url, { ...caller, body });
  }

  put<T = any>(url: string, body: unknown, caller: Caller = {}) {
    return this.request<T>('PUT', url, { ...caller, body });
  }

  patch<T = any>(url: string, body: unknown, caller: Caller = {}) {
    return this.request<T>('PATCH', url, { ...caller, body });
  }

  delete<T = any>(url: string, caller: Caller = {}) {
    return this.request<T>('DELETE', url, caller);
  }

  /** A new person, registered and signed in, with a unique e-mail. */
  async signUp(name = 'user'): Promise<Member> {
    const email = `${name}-${randomUUID()}@example.com`;
    const password = 'violet kettle marching north';
    const registered = await this.post('/api/auth/register/', { email, password, first_name: name });
    if (registered.status !== 201) throw new Error(`register failed: ${JSON.stringify(registered.body)}`);
    const login = await this.post('/api/auth/login/', { email, password });
    if (login.status !== 200) throw new Error(`login failed: ${JSON.stringify(login.body)}`);
    return {
      userId: login.body.user_id,
      email,
      password,
      token: login.body.access_token,
      refreshToken: login.body.refresh_token,
    };
  }

  /** A new organization with `admin` as its ADMIN. */
  async createOrg(admin: Member, name = `Org ${randomUUID()}`): Promise<string> {
    const created = await this.post('/api/org/', { name }, { token: admin.token });
    if (created.status !== 201) throw new Error(`create org failed: ${JSON.stringify(created.body)}`);
    return created.body.id;
  }

  /** The invitation token for `email`: handed back without SMTP, else read from the inbox. */
  async invite(admin: Member, orgId: string, email: string, role: 'ADMIN' | 'USER' = 'USER', firstName?: string): Promise<string> {
    const invited = await this.post('/api/users/', { email, role, first_name: firstName }, { token: admin.token, orgId });
    if (invited.status !== 201) throw new Error(`invite failed: ${JSON.stringify(invited.body)}`);
    if (invited.body.invite_token) return invited.body.invite_token;
    if (!this.inbox) throw new Error('the app mails invitations: set api.inbox to the SMTP sink');
    return mailedInviteToken(this.inbox, email);
  }

  /** A new person invited by the organization's ADMIN with `role`, who accepts and signs in. */
  async addMember(admin: Member, orgId: string, role: 'ADMIN' | 'USER' = 'USER', name = 'member'): Promise<Member> {
    const email = `${name}-${randomUUID()}@example.com`;
    const password = 'violet kettle marching north';
    const token = await this.invite(admin, orgId, email, role, name);
    const accepted = await this.post('/api/auth/accept-invite/', { token, password });
    if (accepted.status !== 200) throw new Error(`accept invite failed: ${JSON.stringify(accepted.body)}`);
    const login = await this.post('/api/auth/login/', { email, password });
    if (login.status !== 200) throw new Error(`login failed: ${JSON.stringify(login.body)}`);
    return { userId: accepted.body.user_id, email, password, token: login.body.access_token, refreshToken: login.body.refresh_token };
  }
}
