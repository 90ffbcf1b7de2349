import { Column, Entity, Index, JoinTable, ManyToMany, type Relation } from 'typeorm';
import { TenantRecord } from '../../common/database/tenant-entity.js';
import { User } from '../users/user.entity.js';

/** Who is in which team, for rules written in SQL elsewhere (documents shared with a team). */
export const TEAM_MEMBERS = { table: 'team_members', team: 'team_id', user: 'user_id' } as const;

/** A named group of members; records can be assigned to teams. */
@Entity('teams')
@Index('ix_teams_org_created', ['orgId', 'createdOn', 'id'])
@Index('uq_teams_org_name', { synchronize: false })
export class Team extends TenantRecord {
  @Column({ type: 'varchar', length: 255 })
  name: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @ManyToMany(() => User)
  @JoinTable({
    name: TEAM_MEMBERS.table,
    joinColumn: { name: TEAM_MEMBERS.team, referencedColumnName: 'id' },
    inverseJoinColumn: { name: TEAM_MEMBERS.user, referencedColumnName: 'id' },
  })
  users?: Relation<User>[];
}
