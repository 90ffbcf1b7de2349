/** A person's role in one organization. */
export enum Role {
  ADMIN = 'ADMIN',
  USER = 'USER',
}
