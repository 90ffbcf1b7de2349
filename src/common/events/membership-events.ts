/**
 * Emitted inside the transaction that removes or deactivates a member, so that whatever the
 * membership granted outside the profile row (a calendar feed URL) ends with it, in the same commit.
 */
export const MEMBERSHIP_ENDED = 'membership.ended';

export interface MembershipEnded {
  orgId: string;
  userId: string;
}
