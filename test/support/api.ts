import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

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

/** Calls the app in-process (`inject`), the way a client would over HTTP. */
export class Api {
  constructor(private readonly app: NestFastifyApplication) {}

  async request<T = any>(
    method: Method,
    url: string,
    options: Caller & { body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.orgId) headers['organization-id'] = options.orgId;
    const response = await this.app.inject({
      method,
      url,
      headers,
      ...(options.body === undefined ? {} : { payload: options.body as object }),
    });
    const text = response.body;
    const isFile = String(response.headers['content-disposition'] ?? '').startsWith('attachment');
    if (isFile) return { status: response.statusCode, body: response.rawPayload as T, headers: response.headers };
    const isJson = String(response.headers['content-type'] ?? '').includes('json');
    return { status: response.statusCode, body: (isJson && text ? JSON.parse(text) : text) as T, headers: response.headers };
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

  delete<T = any>(url: string, caller: Caller = {}) {
    return this.request<T>('DELETE', url, caller);
  }

  /** A new person, registered and signed in, with a unique e-mail. */
  async signUp(name = 'user'): Promise<Member> {
    const email = `${name}-${randomUUID()}@example.com`;
    const password = 'correct horse battery staple';
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

  /** A new person added to the organization by its ADMIN with `role`, signed in. */
  async addMember(admin: Member, orgId: string, role: 'ADMIN' | 'USER' = 'USER', name = 'member'): Promise<Member> {
    const email = `${name}-${randomUUID()}@example.com`;
    const password = 'correct horse battery staple';
    const added = await this.post('/api/users/', { email, role, password, first_name: name }, { token: admin.token, orgId });
    if (added.status !== 201) throw new Error(`add member failed: ${JSON.stringify(added.body)}`);
    const login = await this.post('/api/auth/login/', { email, password });
    if (login.status !== 200) throw new Error(`login failed: ${JSON.stringify(login.body)}`);
    return { userId: added.body.id, email, password, token: login.body.access_token, refreshToken: login.body.refresh_token };
  }
}
