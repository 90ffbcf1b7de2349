import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { TokenService } from '../../src/modules/auth/token.service.js';
import { PasswordHasher } from '../../src/modules/users/password-hasher.js';
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

type Role = keyof Omit<Cast, 'orgId' | 'outsiderOrgId'>;
const PASSWORD = 'violet kettle marching north';
/** Who is who: the ADMINs registered (address unproven), the USERs joined by invitation (proven). */
const PEOPLE: { who: Role; org: 0 | 1; role: 'ADMIN' | 'USER'; verified: boolean }[] = [
  { who: 'admin', org: 0, role: 'ADMIN', verified: false },
  { who: 'creator', org: 0, role: 'USER', verified: true },
  { who: 'assignee', org: 0, role: 'USER', verified: true },
  { who: 'other', org: 0, role: 'USER', verified: true },
  { who: 'outsider', org: 1, role: 'ADMIN', verified: false },
];

/**
 * The cast written straight into the database in one statement, with real password hashes and
 * real token pairs: the same rows the API would make, for files that test what the cast does,
 * not how people join. Each row is a millisecond apart, so orders by creation are the API's.
 */
export async function createCast(api: Api): Promise<Cast> {
  const passwordHash = await api.app.get(PasswordHasher).hash(PASSWORD);
  const emails = PEOPLE.map(({ who }) => `${who}-${randomUUID()}@example.com`);
  const orgNames = [`Org ${randomUUID()}`, `Org ${randomUUID()}`];
  const rows: { email: string; user_id: string; org_id: string }[] = await api.app.get(DataSource).query(
    `WITH people AS (
       SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::int[], $4::profile_role[], $5::boolean[])
         WITH ORDINALITY AS p(email, first_name, org, role, verified, n)
     ), orgs AS (
       INSERT INTO organizations (name, created_on) SELECT name, now() + n * interval '1 ms'
         FROM unnest($6::varchar[]) WITH ORDINALITY AS o(name, n) RETURNING id, name
     ), users AS (
       INSERT INTO users (email, password_hash, first_name, email_verified_at, created_on)
         SELECT email, $7, first_name, CASE WHEN verified THEN now() END, now() + n * interval '1 ms' FROM people
         RETURNING id, email
     ), profiles AS (
       INSERT INTO profiles (user_id, org_id, role, created_on)
         SELECT users.id, orgs.id, people.role, now() + people.n * interval '1 ms'
         FROM people JOIN users USING (email) JOIN orgs ON orgs.name = ($6::varchar[])[people.org + 1]
         RETURNING user_id, org_id
     )
     SELECT users.email, profiles.user_id, profiles.org_id FROM profiles JOIN users ON users.id = profiles.user_id`,
    [emails, PEOPLE.map(({ who }) => who), PEOPLE.map(({ org }) => org), PEOPLE.map(({ role }) => role), PEOPLE.map(({ verified }) => verified), orgNames, passwordHash],
  );
  const tokens = api.app.get(TokenService);
  const members = await Promise.all(
    PEOPLE.map(async (_, index): Promise<Member & { orgId: string }> => {
      const row = rows.find(({ email }) => email === emails[index])!;
      const pair = await tokens.issue({ id: row.user_id, sessionVersion: 0 });
      return { userId: row.user_id, email: emails[index], password: PASSWORD, token: pair.access_token, refreshToken: pair.refresh_token, orgId: row.org_id };
    }),
  );
  const [admin, creator, assignee, other, outsider] = members.map(({ orgId: _, ...member }) => member);
  return { orgId: members[0].orgId, admin, creator, assignee, other, outsider, outsiderOrgId: members[4].orgId };
}

/** The same people made through the API (sign-up, organization, invitations), for the files that test joining. */
export async function createCastThroughApi(api: Api): Promise<Cast> {
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
export function as(cast: Cast, who: Role) {
  return { token: cast[who].token, orgId: who === 'outsider' ? cast.outsiderOrgId : cast.orgId };
}
