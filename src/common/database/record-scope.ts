import type { EntityManager, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { OrgPrincipal } from '../auth/principal.js';
import { whereVisible } from './visibility.js';
import { NotFoundError } from '../errors/app-error.js';
import { selectLinkArrays, selectTagNames } from './link-arrays.js';
import type { LinkTable } from './links.js';

export interface RecordScopeOptions<T> {
  entity: EntityTarget<T>;
  alias: string;
  /** For "<name> not found". */
  name: string;
  /** The user join table that decides what a USER may see. */
  assignees: LinkTable;
  /** Link tables read with each row, by the name of the array column they become. */
  links: Record<string, LinkTable>;
  /** The tag join table; its names come back as `tag_names`. */
  tags?: LinkTable;
}

/**
 * The queries every CRM record kind (accounts, leads, cases) needs: rows of the caller's
 * organization that the caller may see, one by id or 404, and pages of rows with their links
 * selected as arrays in the same query.
 */
export class RecordScope<T extends ObjectLiteral & { id: string }> {
  constructor(private readonly options: RecordScopeOptions<T>) {}

  visible(manager: EntityManager, principal: OrgPrincipal): SelectQueryBuilder<T> {
    const { entity, alias, assignees } = this.options;
    const builder = manager
      .getRepository(entity)
      .createQueryBuilder(alias)
      .where(`${alias}.orgId = :orgId`, { orgId: principal.orgId });
    return whereVisible(builder, alias, assignees, principal);
  }

  async load(manager: EntityManager, principal: OrgPrincipal, id: string): Promise<T> {
    const record = await this.byId(this.visible(manager, principal), id).getOne();
    if (!record) throw new NotFoundError(this.options.name);
    return record;
  }

  canSee(manager: EntityManager, principal: OrgPrincipal, id: string): Promise<boolean> {
    return this.byId(this.visible(manager, principal), id).getExists();
  }

  byId(builder: SelectQueryBuilder<T>, id: string): SelectQueryBuilder<T> {
    return builder.andWhere(`${this.options.alias}.id = :id`, { id });
  }

  /** The builder's rows, each with its link arrays, in one query. */
  async withLinks<L>(builder: SelectQueryBuilder<T>): Promise<[T, L][]> {
    const { alias, links, tags } = this.options;
    selectLinkArrays(builder, alias, links);
    if (tags) selectTagNames(builder, alias, tags);
    const { entities, raw } = await builder.getRawAndEntities<Record<string, unknown>>();
    const byId = new Map(raw.map((row) => [row[`${alias}_id`] as string, row as L]));
    return entities.map((entity) => [entity, byId.get(entity.id)!]);
  }
}
