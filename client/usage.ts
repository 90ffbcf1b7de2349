/**
 * Proves that an SDK generated from openapi.json is usable: CI generates the types with
 * openapi-typescript and this file must compile against them (npm run openapi:client).
 */
import createClient from 'openapi-fetch';
import type { components, paths } from './generated/schema.js';

type Organization = components['schemas']['OrganizationResponseDto'];
type ErrorBody = components['schemas']['ErrorResponseDto'];

export async function firstOrganization(baseUrl: string, email: string, password: string): Promise<Organization> {
  const client = createClient<paths>({ baseUrl });
  const login = await client.POST('/api/auth/login', { body: { email, password } });
  if (!login.data) throw new Error((login.error as ErrorBody | undefined)?.message ?? 'login failed');
  const headers = { Authorization: `Bearer ${login.data.access_token}` };

  const list = await client.GET('/api/org', { headers });
  const existing = list.data?.organizations[0];
  if (existing) return existing;

  const created = await client.POST('/api/org', { headers, body: { name: 'My company' } });
  if (!created.data) throw new Error(created.error?.message ?? 'create failed');
  const profile = await client.GET('/api/profile', {
    headers,
    params: { header: { 'organization-id': created.data.id } },
  });
  const role: 'ADMIN' | 'USER' | undefined = profile.data?.role;
  if (role !== 'ADMIN') throw new Error('the creator of an organization is its ADMIN');
  return created.data;
}
