import { type EmbeddedRows, embeddedEntities } from '../../common/database/embedded-rows.js';
import { Injectable } from '@nestjs/common';
import type { Repository } from 'typeorm';
import { type Db, InjectDb } from '../../common/database/transactions.js';
import { containsPattern } from '../../common/database/like.js';
import { type Page, toPage } from '../../common/pagination/page.js';
import type { ListTagsQueryDto, TagResponseDto } from './dto/tag.dto.js';
import { Tag } from './tag.entity.js';

/** Trims and folds inner white space; case is kept as first written. */
export const normalizeTagName = (name: string) => name.trim().replace(/\s+/g, ' ');

@Injectable()
export class TagsService {
  constructor(@InjectDb() private readonly db: Db) {}

  private get tags(): Repository<Tag> {
    return this.db.tx.getRepository(Tag);
  }

  /**
   * The tags with these names in the organization, creating the missing ones. Names are compared
   * ignoring case, so "VIP" and "vip" are one tag. Safe under concurrent calls.
   */
  async resolve(orgId: string, names: readonly string[]): Promise<Tag[]> {
    const unique = new Map<string, string>();
    for (const name of names.map(normalizeTagName).filter(Boolean)) {
      if (!unique.has(name.toLowerCase())) unique.set(name.toLowerCase(), name);
    }
    if (unique.size === 0) return [];
    const repository = this.tags;
    await repository.query(
      `INSERT INTO tags (org_id, name) SELECT $1, unnest($2::text[]) ON CONFLICT (org_id, lower(name)) DO NOTHING`,
      [orgId, [...unique.values()]],
    );
    return repository
      .createQueryBuilder('tag')
      .where('tag.orgId = :orgId AND lower(tag.name) = ANY(:names)', { orgId, names: [...unique.keys()] })
      .getMany();
  }

  /** The organization's first tags (by name) and how many there are, embedded in a page's statement: the side list of lead pages. */
  sideList(orgId: string): EmbeddedRows<TagResponseDto> {
    const builder = this.tags.createQueryBuilder('tag').where('tag.orgId = :orgId', { orgId }).orderBy('lower(tag.name)', 'ASC').addOrderBy('tag.id', 'ASC');
    return embeddedEntities(builder, ['id', 'name'], ({ id, name }) => ({ id, name }), true);
  }

  async list(orgId: string, query: ListTagsQueryDto): Promise<Page<TagResponseDto>> {
    const builder = this.tags.createQueryBuilder('tag').where('tag.orgId = :orgId', { orgId });
    if (query.name) builder.andWhere('tag.name ILIKE :name', { name: containsPattern(query.name) });
    const [rows, count] = await builder
      .orderBy('lower(tag.name)', 'ASC')
      .addOrderBy('tag.id', 'ASC')
      .skip(query.offset)
      .take(query.limit)
      .getManyAndCount();
    return toPage('/api/tags/', query, count, rows.map(({ id, name }) => ({ id, name })));
  }
}
