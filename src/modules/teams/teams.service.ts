import { Injectable } from '@nestjs/common';
import { In, type Repository } from 'typeorm';
import { type EmbeddedRows, embeddedEntities } from '../../common/database/embedded-rows.js';
import { type Db, InjectDb } from '../../common/database/transactions.js';
import { ReferenceTarget, type ReferenceTargetService } from '../../common/records/record-kind.decorator.js';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import { ConflictError, NotFoundError } from '../../common/errors/app-error.js';
import { containsPattern } from '../../common/database/like.js';
import { type LinkTable, loadLinks, replaceLinks } from '../../common/database/links.js';
import { type Page, toPage } from '../../common/pagination/page.js';
import { assertReferences } from '../../common/validation/references.js';
import { MembersService } from '../users/members.service.js';
import type {
  CreateTeamDto,
  ListTeamsQueryDto,
  TeamRefDto,
  TeamResponseDto,
  UpdateTeamDto,
} from './dto/team.dto.js';
import { Team } from './team.entity.js';

const TEAM_MEMBERS: LinkTable = { table: 'team_members', owner: 'team_id', target: 'user_id' };

const nameTaken = () =>
  new ConflictError('TEAM_NAME_TAKEN', 'A team with this name already exists', {
    name: ['is already used by another team'],
  });

/** Also what bodies mean by team ids (`teams`): teams of the organization. */
@ReferenceTarget('team')
@Injectable()
export class TeamsService implements ReferenceTargetService {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly members: MembersService,
  ) {}

  private get teams(): Repository<Team> {
    return this.db.tx.getRepository(Team);
  }

  referableIds(principal: OrgPrincipal, ids: readonly string[]): Promise<string[]> {
    return this.existingIds(principal.orgId, ids);
  }

  async list(orgId: string, query: ListTeamsQueryDto): Promise<Page<TeamResponseDto>> {
    const builder = this.teams.createQueryBuilder('team').where('team.orgId = :orgId', { orgId });
    if (query.name) builder.andWhere('team.name ILIKE :name', { name: containsPattern(query.name) });
    const [rows, count] = await builder
      .orderBy('team.createdOn', 'DESC')
      .addOrderBy('team.id', 'DESC')
      .skip(query.offset)
      .take(query.limit)
      .getManyAndCount();
    return toPage('/api/teams/', query, count, await this.toResponses(orgId, rows));
  }

  /** The organization's teams by name with their members, at most `max` (Django-CRM's get-teams-and-users). */
  async directory(orgId: string, max: number): Promise<TeamResponseDto[]> {
    const rows = await this.teams
      .createQueryBuilder('team')
      .where('team.orgId = :orgId', { orgId })
      .orderBy('team.name', 'ASC')
      .addOrderBy('team.id', 'ASC')
      .take(max)
      .getMany();
    return this.toResponses(orgId, rows);
  }

  async get(orgId: string, id: string): Promise<TeamResponseDto> {
    const [team] = await this.toResponses(orgId, [await this.load(this.teams, orgId, id)]);
    return team;
  }

  async create(principal: OrgPrincipal, dto: CreateTeamDto): Promise<TeamResponseDto> {
    await this.checkMembers(principal.orgId, dto.users);
    const id = await this.db.withTransaction(async () => {
      await this.assertNameFree(principal.orgId, dto.name);
      const team = await this.teams.save({
        orgId: principal.orgId,
        name: dto.name,
        description: dto.description ?? '',
        createdBy: principal.userId,
      });
      await replaceLinks(this.db.tx, TEAM_MEMBERS, team.id, dto.users ?? []);
      return team.id;
    });
    return this.get(principal.orgId, id);
  }

  async update(orgId: string, id: string, dto: UpdateTeamDto): Promise<TeamResponseDto> {
    await this.checkMembers(orgId, dto.users);
    await this.db.withTransaction(async () => {
      const teams = this.teams;
      const team = await this.load(teams, orgId, id);
      if (dto.name !== undefined && dto.name.toLowerCase() !== team.name.toLowerCase()) {
        await this.assertNameFree(orgId, dto.name);
      }
      await teams.update(
        { id, orgId },
        { name: dto.name ?? team.name, description: dto.description ?? team.description },
      );
      await replaceLinks(this.db.tx, TEAM_MEMBERS, id, dto.users);
    });
    return this.get(orgId, id);
  }

  async remove(orgId: string, id: string): Promise<void> {
    const result = await this.teams.delete({ id, orgId });
    if (!result.affected) throw new NotFoundError('Team');
  }

  /** Of the given team ids, those in the organization (one query). */
  async existingIds(orgId: string, ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await this.teams.find({ where: { orgId, id: In([...ids]) }, select: { id: true } });
    return rows.map((row) => row.id);
  }

  /** The organization's first teams (by name) and how many there are, embedded in a page's statement: the side list of account pages. */
  sideList(orgId: string): EmbeddedRows<TeamRefDto> {
    const builder = this.teams.createQueryBuilder('team').where('team.orgId = :orgId', { orgId }).orderBy('team.name', 'ASC').addOrderBy('team.id', 'ASC');
    return embeddedEntities(builder, ['id', 'name'], ({ id, name }) => ({ id, name }), true);
  }

  /** Compact `{id, name}` of the teams whose ids `ids` selects (see RecordStore.linkedIds), by name, for a record's detail. */
  refsEmbedded(orgId: string, ids: string): EmbeddedRows<TeamRefDto> {
    const builder = this.teams
      .createQueryBuilder('team')
      .where('team.orgId = :orgId', { orgId })
      .andWhere(`team.id IN (${ids})`)
      .orderBy('team.name', 'ASC');
    return embeddedEntities(builder, ['id', 'name'], ({ id, name }) => ({ id, name }));
  }

  private checkMembers(orgId: string, users: string[] | undefined): Promise<void> {
    return assertReferences('users', users, (ids) => this.members.activeMemberIds(orgId, ids));
  }

  private async assertNameFree(orgId: string, name: string): Promise<void> {
    // Serialises creates and renames to the same name; the unique index is the last word.
    await this.db.tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`team:${orgId}:${name.toLowerCase()}`]);
    const taken = await this.teams
      .createQueryBuilder('team')
      .where('team.orgId = :orgId AND lower(team.name) = lower(:name)', { orgId, name })
      .getExists();
    if (taken) throw nameTaken();
  }

  private async load(teams: Repository<Team>, orgId: string, id: string): Promise<Team> {
    const team = await teams.findOneBy({ id, orgId });
    if (!team) throw new NotFoundError('Team');
    return team;
  }

  /** Members of a whole page of teams in two queries (links, then people). */
  private async toResponses(orgId: string, teams: Team[]): Promise<TeamResponseDto[]> {
    const links = await loadLinks(this.db.tx, TEAM_MEMBERS, teams.map((team) => team.id));
    const people = new Map(
      (await this.members.refs(orgId, [...new Set([...links.values()].flat())])).map((ref) => [ref.id, ref]),
    );
    return teams.map((team) => ({
      id: team.id,
      name: team.name,
      description: team.description,
      users: (links.get(team.id) ?? []).flatMap((userId) => people.get(userId) ?? []),
      created_by: team.createdBy,
      created_on: team.createdOn.toISOString(),
    }));
  }
}
