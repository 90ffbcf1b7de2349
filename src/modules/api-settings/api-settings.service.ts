import { timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Repository, SelectQueryBuilder } from 'typeorm';
import { type Db, InjectDb } from '../../common/database/transactions.js';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import { newSecretToken, tokenDigest } from '../../common/auth/secret-token.js';
import { NotFoundError } from '../../common/errors/app-error.js';
import { selectLinkArrays, selectTagNames } from '../../common/database/link-arrays.js';
import { type LinkTable, replaceLinks } from '../../common/database/links.js';
import { type Page, toPage } from '../../common/pagination/page.js';
import type { PaginationQueryDto } from '../../common/pagination/pagination-query.dto.js';
import { assertReferences } from '../../common/validation/references.js';
import { TagsService } from '../tags/tags.service.js';
import { MembersService } from '../users/members.service.js';
import { ApiSetting } from './api-setting.entity.js';
import type {
  ApiSettingResponseDto,
  CreateApiSettingDto,
  CreatedApiSettingResponseDto,
  UpdateApiSettingDto,
} from './dto/api-setting.dto.js';

const ASSIGNEES: LinkTable = { table: 'api_setting_assignees', owner: 'api_setting_id', target: 'user_id' };
const TAGS: LinkTable = { table: 'api_setting_tags', owner: 'api_setting_id', target: 'tag_id' };
const PREFIX_LENGTH = 12;

/** What a valid key lets its holder do: create leads in one organization with these links. */
export interface KeyGrant {
  settingId: string;
  orgId: string;
  assignees: string[];
  tags: string[];
}

@Injectable()
export class ApiSettingsService {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly members: MembersService,
    private readonly tags: TagsService,
  ) {}

  private get settings(): Repository<ApiSetting> {
    return this.db.tx.getRepository(ApiSetting);
  }

  async list(orgId: string, query: PaginationQueryDto): Promise<Page<ApiSettingResponseDto>> {
    const builder = this.inOrg(orgId).orderBy('setting.createdOn', 'DESC').addOrderBy('setting.id', 'DESC');
    const [results, count] = await Promise.all([
      this.responses(builder.clone().offset(query.offset).limit(query.limit)),
      builder.getCount(),
    ]);
    return toPage('/api/api-settings/', query, count, results);
  }

  async get(orgId: string, id: string): Promise<ApiSettingResponseDto> {
    const [setting] = await this.responses(this.inOrg(orgId).andWhere('setting.id = :id', { id }));
    if (!setting) throw new NotFoundError('API setting');
    return setting;
  }

  /** Makes a random key; answers it this once. */
  async create(principal: OrgPrincipal, dto: CreateApiSettingDto): Promise<CreatedApiSettingResponseDto> {
    await this.checkAssignees(principal.orgId, dto.lead_assigned_to);
    const { token: apikey, digest: keyDigest } = newSecretToken('crm');
    const id = await this.db.withTransaction(async () => {
      const setting = await this.settings.save({
        orgId: principal.orgId,
        createdBy: principal.userId,
        title: dto.title,
        website: dto.website ?? '',
        keyPrefix: apikey.slice(0, PREFIX_LENGTH),
        keyDigest,
      });
      await this.writeLinks(principal.orgId, setting.id, {
        lead_assigned_to: dto.lead_assigned_to ?? [],
        tags: dto.tags ?? [],
      });
      return setting.id;
    });
    return { ...(await this.get(principal.orgId, id)), apikey };
  }

  async update(orgId: string, id: string, dto: UpdateApiSettingDto): Promise<ApiSettingResponseDto> {
    await this.get(orgId, id);
    await this.checkAssignees(orgId, dto.lead_assigned_to);
    await this.db.withTransaction(async () => {
      const changes = Object.fromEntries(
        Object.entries({ title: dto.title, website: dto.website === null ? '' : dto.website }).filter(([, v]) => v !== undefined),
      );
      if (Object.keys(changes).length > 0) await this.settings.update({ id, orgId }, changes);
      await this.writeLinks(orgId, id, dto);
    });
    return this.get(orgId, id);
  }

  /** A revoked key stops working at once; the record stays for the history. */
  async revoke(orgId: string, id: string): Promise<void> {
    await this.get(orgId, id);
    await this.settings
      .createQueryBuilder()
      .update()
      .set({ revokedAt: () => 'now()' })
      .where('id = :id AND org_id = :orgId AND revoked_at IS NULL', { id, orgId })
      .execute();
  }

  /** The grant of a live key, or null for an unknown or revoked one. */
  async resolve(apikey: string): Promise<KeyGrant | null> {
    const keyDigest = tokenDigest(apikey);
    const [setting] = await this.responsesWithOrg(
      this.settings.createQueryBuilder('setting').where('setting.keyDigest = :keyDigest', { keyDigest }),
    );
    if (!setting || setting.revoked || !timingSafeEqual(Buffer.from(setting.digest), Buffer.from(keyDigest))) return null;
    return {
      settingId: setting.id,
      orgId: setting.orgId,
      assignees: await this.members.activeMemberIds(setting.orgId, setting.assignees),
      tags: setting.tags,
    };
  }

  private inOrg(orgId: string): SelectQueryBuilder<ApiSetting> {
    return this.settings.createQueryBuilder('setting').where('setting.orgId = :orgId', { orgId });
  }

  private checkAssignees(orgId: string, ids: string[] | undefined): Promise<void> {
    return assertReferences('lead_assigned_to', ids, (wanted) => this.members.activeMemberIds(orgId, wanted));
  }

  private async withLinks(builder: SelectQueryBuilder<ApiSetting>) {
    selectTagNames(selectLinkArrays(builder, 'setting', { lead_assigned_to: ASSIGNEES }), 'setting', TAGS);
    const { entities, raw } = await builder.getRawAndEntities<{
      setting_id: string;
      lead_assigned_to: string[];
      tag_names: string[];
    }>();
    const links = new Map(raw.map((row) => [row.setting_id, row]));
    return entities.map((setting) => ({ setting, links: links.get(setting.id)! }));
  }

  private async responses(builder: SelectQueryBuilder<ApiSetting>): Promise<ApiSettingResponseDto[]> {
    return (await this.withLinks(builder)).map(({ setting, links }) => ({
      id: setting.id,
      title: setting.title,
      website: setting.website,
      key_prefix: setting.keyPrefix,
      lead_assigned_to: links.lead_assigned_to,
      tags: links.tag_names,
      revoked_at: setting.revokedAt?.toISOString() ?? null,
      created_by: setting.createdBy,
      created_on: setting.createdOn.toISOString(),
    }));
  }

  private async responsesWithOrg(builder: SelectQueryBuilder<ApiSetting>) {
    return (await this.withLinks(builder)).map(({ setting, links }) => ({
      id: setting.id,
      orgId: setting.orgId,
      digest: setting.keyDigest,
      revoked: setting.revokedAt !== null,
      assignees: links.lead_assigned_to,
      tags: links.tag_names,
    }));
  }

  private async writeLinks(orgId: string, id: string, links: Pick<UpdateApiSettingDto, 'lead_assigned_to' | 'tags'>): Promise<void> {
    await replaceLinks(this.db.tx, ASSIGNEES, id, links.lead_assigned_to);
    if (links.tags) {
      const tags = await this.tags.resolve(orgId, links.tags);
      await replaceLinks(this.db.tx, TAGS, id, tags.map((tag) => tag.id));
    }
  }
}
