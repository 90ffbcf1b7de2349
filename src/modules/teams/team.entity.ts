import { Column, Entity, Index, JoinTable, ManyToMany, type Relation } from 'typeorm';
import { TenantRecord } from '../../common/database/tenant-entity.js';
import { User } from '../users/user.entity.js';

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
    name: 'team_members',
    joinColumn: { name: 'team_id', referencedColumnName: 'id' },
    inverseJoinColumn: { name: 'user_id', referencedColumnName: 'id' },
  })
  users?: Relation<User>[];
}
