import type { Api, Member } from './api.js';

/**
 * The people of a permission matrix: an organization with an ADMIN and three USERs (one creates
 * records, one is assigned to them, one has nothing to do with them), and an outsider who is
 * ADMIN of another organization.
 */
export interface Cast {
  orgId: string;
  admin: Member;
  creator: Member;
  assignee: Member;
  other: Member;
  outsider: Member;
  outsiderOrgId: string;
}

export async function createCast(api: Api): Promise<Cast> {
  const admin = await api.signUp('admin');
  const orgId = await api.createOrg(admin);
  const [creator, assignee, other] = await Promise.all([
    api.addMember(admin, orgId, 'USER', 'creator'),
    api.addMember(admin, orgId, 'USER', 'assignee'),
    api.addMember(admin, orgId, 'USER', 'other'),
  ]);
  const outsider = await api.signUp('outsider');
  const outsiderOrgId = await api.createOrg(outsider);
  return { orgId, admin, creator, assignee, other, outsider, outsiderOrgId };
}

/** How a cast member calls the API: in their own organization (the outsider in theirs). */
export function as(cast: Cast, who: keyof Omit<Cast, 'orgId' | 'outsiderOrgId'>) {
  return { token: cast[who].token, orgId: who === 'outsider' ? cast.outsiderOrgId : cast.orgId };
}
