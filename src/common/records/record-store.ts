import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { OrgPrincipal } from '../auth/principal.js';
import { Role } from '../auth/role.js';
import { NotFoundError } from '../errors/app-error.js';
import { Assignments, newlyAssigned } from '../events/assignment-events.js';
import { selectLinkArrays, selectTagNames, whereHasAnyTag, whereLinkedTo } from '../database/link-arrays.js';
import { type LinkTable, replaceLinks } from '../database/links.js';
import { type Db, InjectDb } from '../database/transactions.js';
import { type EmbeddedLists, type EmbeddedRows, type EmbeddedRowsMap, embedRows, embeddedEntities } from '../database/embedded-rows.js';
import { rowHydrator } from '../database/row-hydrator.js';
import { sqlLiterals } from '../database/sql-literal.js';
import { statementText, withStatementText } from '../database/statement-texts.js';
import { assertCanDelete, whereVisible } from '../database/visibility.js';
import { ListCursors } from '../pagination/list-cursors.js';
import { filtersNothing, type PaginationQueryDto } from '../pagination/pagination-query.dto.js';
import { assertReferences } from '../validation/references.js';
import { KeysetPages, type SortColumn, TIME_SORTS } from './keyset-pages.js';
import type { RecordKindOptions } from './record-kind.decorator.js';
import { RecordKinds } from './record-kinds.js';
import { updatedSince } from './record-list-query.dto.js';
import { PreconditionFailedError, RecordRevisions } from './record-revisions.js';
import { RecordTotal } from './record-total.entity.js';
import { emitInTurn } from '../events/in-turn.js';

/** A link a body can set: the entity's many-to-many relation, and what its ids must be (`user`, `team`, `contact`). */
export interface LinkSpec {
  relation: string;
  target: string;
}

/** A kind's links, by body field: `{ ...ASSIGNEES_AND_TEAMS, ...CONTACTS_LINK }`. */
export type LinkDeclaration = Record<string, LinkSpec>;

/** A row's link arrays, one per declared link field: what a kind's mapper reads, so a renamed link does not compile. */
export type LinkRow<L extends LinkDeclaration> = { [K in keyof L]: string[] };

/** What a kind with tags reads beside its links. */
export interface TagNames {
  tag_names: string[];
}

export interface RecordStoreOptions<T extends ObjectLiteral, L extends LinkDeclaration = LinkDeclaration> {
  kind: RecordKindOptions;
  entity: EntityTarget<T>;
  /** The query alias (`case` is an SQL keyword: cases use `kase`). */
  alias: string;
  /** Body and response fields that are links (`assigned_to`, `teams`, `contacts`), by relation: what a row's LinkRow holds. */
  links: L;
  /** Body fields holding one id of another record (a case's `account`), by reference target. */
  references?: Record<string, string>;
  /** The link whose users may see the record besides its creator (`assigned_to`). */
  assignees: keyof L & string;
  /** The tag relation, when the kind has tags (answered as `tag_names`). */
  tags?: string;
  /**
   * A kind's own rule for whom a USER may see (ADMINs see everything), instead of "its creator and
   * its `assignees`": documents are also seen by the members and teams they are shared with.
   */
  visibleToUser?: (builder: SelectQueryBuilder<T>, principal: OrgPrincipal, links: Record<string, LinkTable>) => SelectQueryBuilder<T>;
  /**
   * The column (`status`) by whose values the table keeps each organization's totals, when a
   * migration ran keep_record_totals on it: unfiltered lists then count from those (see totals()).
   */
  keptTotalsBy?: string;
  /** Sorts beyond `created_on` and `updated_on` (NAME_SORT for a kind with a `name`). */
  sorts?: Record<string, SortColumn>;
}

/** The rows a count covers: every one, or those whose kept-totals column has one of these values. */
export type CountedValues = readonly string[] | 'all';

/** The row columns every record has. */
export interface StoredRecord extends ObjectLiteral {
  id: string;
  orgId: string;
  createdBy: string | null;
  revision: number;
}

/**
 * Emitted inside the transaction that deletes a record: listeners delete what hangs off it (its
 * comments and attachments), may leave work for after the commit (removing files), or refuse the
 * deletion by throwing. Listen with `{ promisify: true, suppressErrors: false }`: Nest's emitter
 * otherwise logs a listener's error and the deletion goes on without it.
 */
export const RECORD_DELETING = 'record.deleting';

export interface RecordDeleting {
  kind: string;
  orgId: string;
  id: string;
  afterCommit(work: () => Promise<void>): void;
}

/**
 * What every record kind repeats, once: the organization and visibility rule (404 for what the
 * caller may not see), pages of rows with their links in one query, reference checks (the
 * organization and the caller's visibility), writes with their links, deletion with what hangs off
 * the record, and assignment notices after commit. Link tables are read from TypeORM's metadata,
 * so each join table is named once, on its entity.
 */
export class RecordStore<T extends StoredRecord, L extends LinkDeclaration = LinkDeclaration> {
  private linkTables?: { links: Record<string, LinkTable>; tags?: LinkTable };
  private hydrate?: (row: Record<string, unknown>) => T;
  /** The row's numeric and bigint columns under their raw aliases, which JSON would turn into numbers (embeddedWithLinks). */
  private textColumns?: string[];
  /** How its lists sort and continue from a cursor. */
  readonly keyset: KeysetPages;

  constructor(
    private readonly options: RecordStoreOptions<T, L>,
    private readonly db: Db,
    private readonly kinds: RecordKinds,
    private readonly assignments: Assignments,
    private readonly events: EventEmitter2,
    cursors: ListCursors,
  ) {
    this.keyset = new KeysetPages(options.kind.path, options.alias, { ...TIME_SORTS, ...options.sorts }, cursors);
  }

  get alias(): string {
    return this.options.alias;
  }

  get kind(): RecordKindOptions {
    return this.options.kind;
  }

  get hasTags(): boolean {
    return this.options.tags !== undefined;
  }

  /** A body's link lists, an absent one empty: what a new record is linked to. */
  linksOf(body: object): Record<string, string[]> {
    const lists = body as Record<string, string[] | undefined>;
    return Object.fromEntries(Object.keys(this.options.links).map((field) => [field, lists[field] ?? []]));
  }

  /** The users a body or item assigns (its `assignees` link), if it names them. */
  assigneesOf(body: object): string[] | undefined {
    return (body as Record<string, string[] | undefined>)[this.options.assignees];
  }

  /** Join tables by body field (and the tag table), from the entity's relations. */
  tables(): { links: Record<string, LinkTable>; tags?: LinkTable } {
    this.linkTables ??= (() => {
      const metadata = this.db.tx.connection.getMetadata(this.options.entity);
      const table = (relation: string): LinkTable => {
        const found = metadata.findRelationWithPropertyPath(relation);
        const junction = found?.junctionEntityMetadata;
        if (!found || !junction) throw new Error(`${metadata.name}.${relation} is not a many-to-many relation`);
        return {
          table: junction.tableName,
          owner: found.joinColumns[0].databaseName,
          target: found.inverseJoinColumns[0].databaseName,
        };
      };
      const links = Object.fromEntries(Object.entries(this.options.links).map(([field, spec]) => [field, table(spec.relation)]));
      return { links, tags: this.options.tags ? table(this.options.tags) : undefined };
    })();
    return this.linkTables;
  }

  /** Rows of the caller's organization that the caller may see. */
  visible(principal: OrgPrincipal): SelectQueryBuilder<T> {
    const { alias, assignees, visibleToUser } = this.options;
    const builder = this.ofOrganization(principal.orgId);
    if (visibleToUser) return principal.role === Role.ADMIN ? builder : visibleToUser(builder, principal, this.tables().links);
    return whereVisible(builder, alias, this.tables().links[assignees], principal);
  }

  /**
   * Rows of the organization whoever is asking: only for what is shown about a record through
   * another one the caller may see (the account named on an invoice).
   */
  ofOrganization(orgId: string): SelectQueryBuilder<T> {
    const { entity, alias } = this.options;
    return this.db.tx.getRepository(entity).createQueryBuilder(alias).where(`${alias}.orgId = :orgId`, { orgId });
  }

  byId(builder: SelectQueryBuilder<T>, id: string): SelectQueryBuilder<T> {
    return builder.andWhere(`${this.options.alias}.id = :id`, { id });
  }

  async load(principal: OrgPrincipal, id: string): Promise<T> {
    const record = await this.byId(this.visible(principal), id).getOne();
    if (!record) throw new NotFoundError(this.options.kind.name);
    RecordRevisions.read(this.options.kind.kind, record.id, record.revision);
    return record;
  }

  /**
   * A visible record with its links, in one statement (404 otherwise): what an update checks and
   * answers from; `lock` holds the row for the rest of the transaction, so what the update derives
   * from it (a version, a sequence, a completion time) cannot be derived twice at once.
   */
  async loadWithLinks<X extends object = object>(principal: OrgPrincipal, id: string, { lock = false }: { lock?: boolean } = {}): Promise<[T, LinkRow<L> & X]> {
    const builder = this.byId(this.visible(principal), id);
    if (lock) builder.setLock('pessimistic_write');
    const [found] = await this.withLinks<X>(builder);
    if (!found) throw new NotFoundError(this.options.kind.name);
    return found;
  }

  /** A visible record, locked for the rest of the transaction (404 otherwise): for a change that depends on what it holds. */
  async lockForChange(principal: OrgPrincipal, id: string): Promise<T> {
    const record = await this.byId(this.visible(principal), id).setLock('pessimistic_write').getOne();
    if (!record) throw new NotFoundError(this.options.kind.name);
    RecordRevisions.read(this.options.kind.kind, record.id, record.revision);
    return record;
  }

  canSee(principal: OrgPrincipal, id: string): Promise<boolean> {
    return this.byId(this.visible(principal), id).getExists();
  }

  /** Whether the caller may see a record of another kind, named by the kind (an ADMIN without a query). */
  async canSeeOfKind(kind: string, principal: OrgPrincipal, id: string): Promise<boolean> {
    return principal.role === Role.ADMIN || this.kinds.get(kind).canSee(principal, id);
  }

  /** Of `ids`, those the caller may see: what a body may link to. */
  async visibleIds(principal: OrgPrincipal, ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await this.visible(principal)
      .andWhere(`${this.options.alias}.id IN (:...ids)`, { ids })
      .select(`${this.options.alias}.id`)
      .getMany();
    return rows.map((row) => row.id);
  }

  /**
   * The builder's rows, each with its link arrays typed from the store's declaration (LinkRow) and
   * `X`, what else the query selected (`tag_names` for a kind with tags, a computed flag).
   */
  async withLinks<X extends object = object>(builder: SelectQueryBuilder<T>): Promise<[T, LinkRow<L> & X][]> {
    const rows = await withStatementText(this.selectWithLinks(builder)).getRawMany<Record<string, unknown>>();
    return rows.map((row) => this.hydrated<X>(row));
  }

  /**
   * The builder's rows with their link arrays, as withLinks() reads them, carried as a JSON column
   * of another statement (see embedRows and selectEmbedded); `total` counts them when the builder
   * is a first page.
   */
  embeddedWithLinks<X extends object, R>(builder: SelectQueryBuilder<T>, toItem: (row: T, links: LinkRow<L> & X) => R, total?: SelectQueryBuilder<ObjectLiteral>): EmbeddedRows<R> {
    const query = this.selectWithLinks(builder) as SelectQueryBuilder<ObjectLiteral>;
    const { alias, entity } = this.options;
    this.textColumns ??= this.db.tx.connection
      .getMetadata(entity)
      .columns.filter((column) => column.type === 'numeric' || column.type === 'bigint')
      .map((column) => `${alias}_${column.databaseName}`);
    return { query, total, textColumns: this.textColumns, read: (row) => toItem(...this.hydrated<X>(row)) };
  }

  private selectWithLinks(builder: SelectQueryBuilder<T>): SelectQueryBuilder<T> {
    const { alias } = this.options;
    const { links, tags } = this.tables();
    if (builder.expressionMap.limit !== undefined) onlyPageRows(builder, alias);
    selectLinkArrays(builder, alias, links);
    if (tags) selectTagNames(builder, alias, tags);
    return builder;
  }

  private hydrated<X extends object>(row: Record<string, unknown>): [T, LinkRow<L> & X] {
    this.hydrate ??= rowHydrator(this.db.tx.connection, this.options.entity, this.options.alias);
    const record = this.hydrate(row);
    RecordRevisions.read(this.options.kind.kind, record.id, record.revision);
    return [record, row as LinkRow<L> & X];
  }

  /**
   * A visible record with its link arrays and the rows other modules show in its detail (see
   * embedRows), in one statement; 404 when the caller may not see it.
   */
  async detail<X extends object, E extends EmbeddedRowsMap>(principal: OrgPrincipal, id: string, embeds: E): Promise<[T, LinkRow<L> & X, EmbeddedLists<E>]> {
    const builder = this.byId(this.visible(principal), id);
    const read = embedRows(builder, embeds);
    const [found] = await this.withLinks<X>(builder);
    if (!found) throw new NotFoundError(this.options.kind.name);
    return [found[0], found[1], read(found[1] as Record<string, unknown>)];
  }

  /** SQL for the ids linked to the row under this store's alias through `field` (its contacts, say), for an embedded query. */
  linkedIds(field: string): string {
    const link = this.tables().links[field];
    return `SELECT linked."${link.target}" FROM "${link.table}" linked WHERE linked."${link.owner}" = ${this.options.alias}.id`;
  }

  /**
   * One row with an integer column per group: how many of `filtered`'s rows have a kept-totals
   * value in the group. `filtered` is visible(principal) narrowed by `query`'s filters and by
   * conditions on the kept-totals column only. When `query` filters nothing and the caller sees
   * the whole organization (an ADMIN), the numbers are summed from the organization's kept totals,
   * a few rows, instead of counted from every record.
   */
  totals(principal: OrgPrincipal, query: PaginationQueryDto, filtered: SelectQueryBuilder<T>, groups: Record<string, CountedValues>): SelectQueryBuilder<ObjectLiteral> {
    const { alias, entity, keptTotalsBy } = this.options;
    const matching = (column: string, values: CountedValues) => (values === 'all' ? '' : ` FILTER (WHERE ${column} IN (${sqlLiterals(values)}))`);
    if (keptTotalsBy && principal.role === Role.ADMIN && filtersNothing(query)) {
      const kept = this.db.tx
        .getRepository(RecordTotal)
        .createQueryBuilder('kept')
        .select([])
        .where(`kept.orgId = :orgId AND kept.recordTable = ${sqlLiterals([this.db.tx.connection.getMetadata(entity).tableName])}`, { orgId: principal.orgId });
      for (const [name, values] of Object.entries(groups)) kept.addSelect(`coalesce(sum(kept.total)${matching('kept.value', values)}, 0)::int`, name);
      return kept;
    }
    const counting = this.whereChangedSince(filtered.clone(), query).orderBy().offset(undefined).limit(undefined).select([]);
    for (const [name, values] of Object.entries(groups)) {
      if (values !== 'all' && !keptTotalsBy) throw new Error(`${alias} keeps no totals by a column to count values of`);
      counting.addSelect(`count(*)${matching(`${alias}.${keptTotalsBy}`, values)}::int`, name);
    }
    return counting;
  }

  /**
   * One total a migration's triggers keep in record_totals beside the kinds' own (the open tasks
   * per assignee: `task_assignees` by user id), as a query of one integer column `count`.
   */
  keptTotal(orgId: string, recordTable: string, value: string): SelectQueryBuilder<ObjectLiteral> {
    return this.db.tx
      .getRepository(RecordTotal)
      .createQueryBuilder('kept')
      .select('coalesce(sum(kept.total), 0)::int', 'count')
      .where(`kept.orgId = :orgId AND kept.recordTable = ${sqlLiterals([recordTable])} AND kept.value = :keptValue`, { orgId, keptValue: value });
  }

  /** How many rows a list's `filtered` builder matches, of those with kept-totals values in `values` (see totals()). */
  async listCount(principal: OrgPrincipal, query: PaginationQueryDto, filtered: SelectQueryBuilder<T>, values: CountedValues = 'all'): Promise<number> {
    const row = await withStatementText(this.totals(principal, query, filtered, { count: values })).getRawOne<{ count: number }>();
    return row?.count ?? 0;
  }

  /** How many rows the builder matches, in one statement whose text is reused per shape. */
  async count(builder: SelectQueryBuilder<T>): Promise<number> {
    const counting = builder.clone().orderBy().offset(undefined).limit(undefined).select('count(*)::int', 'count');
    return (await withStatementText(counting).getRawOne<{ count: number }>())?.count ?? 0;
  }

  /**
   * One page by the query's sort (newest first by default), id as tie-breaker so pages stay
   * stable, after its cursor or at its offset, with one look-ahead row: keyset.page() trims it and
   * makes the next cursor. `half` names the half of a two-list answer the page is of.
   */
  page(builder: SelectQueryBuilder<T>, query: PaginationQueryDto, half?: string): SelectQueryBuilder<T> {
    return this.keyset.apply(this.whereChangedSince(builder.clone(), query), query, half);
  }

  /**
   * Narrows a list to the records changed since the query's `updated_since` (RecordListQueryDto).
   * page() and totals() apply it; a list that counts by a query of its own applies it there.
   */
  whereChangedSince(builder: SelectQueryBuilder<T>, query: PaginationQueryDto): SelectQueryBuilder<T> {
    const since = updatedSince(query);
    return since ? builder.andWhere(`${this.options.alias}.updatedOn >= :updatedSince`, { updatedSince: since }) : builder;
  }

  /** The newest SIDE_LIST_LIMIT records of `builder` and their total, embedded in another record's detail (an account's related lists). */
  newestEmbedded<R>(builder: SelectQueryBuilder<T>, properties: readonly (keyof T & string)[], toItem: (row: T) => R): EmbeddedRows<R> {
    const { alias } = this.options;
    return embeddedEntities(builder.orderBy(`${alias}.createdOn`, 'DESC').addOrderBy(`${alias}.id`, 'DESC'), properties, toItem, true);
  }

  /** Restricts to records linked through `field` to `id` (assigned to a user, say). */
  whereLinked(builder: SelectQueryBuilder<T>, field: string, id: string): SelectQueryBuilder<T> {
    return whereLinkedTo(builder, this.options.alias, this.tables().links[field], id, field);
  }

  whereTagged(builder: SelectQueryBuilder<T>, names: readonly string[]): SelectQueryBuilder<T> {
    return whereHasAnyTag(builder, this.options.alias, this.tables().tags!, names);
  }

  /**
   * Checks every link a body sets, one query per link: ids must be of the caller's organization and
   * ones the caller may name. Ids the record already links pass, so a client can send back its list.
   */
  async checkReferences(principal: OrgPrincipal, body: object, before?: object): Promise<void> {
    for (const [field, spec] of Object.entries(this.options.links)) {
      const ids = (body as Record<string, string[] | undefined>)[field];
      const linked = (before as Record<string, string[] | undefined> | undefined)?.[field] ?? [];
      await assertReferences(field, ids, (wanted) => this.kinds.referableIds(spec.target, principal, wanted), linked);
    }
    for (const [field, target] of Object.entries(this.options.references ?? {})) {
      const id = (body as Record<string, string | null | undefined>)[field];
      const current = (before as Record<string, string | null | undefined> | undefined)?.[field];
      if (id) await assertReferences(field, [id], (wanted) => this.kinds.referableIds(target, principal, wanted), current ? [current] : []);
    }
  }

  /** Runs `work` in one transaction (joining the caller's, if any). */
  transaction<R>(work: () => Promise<R>): Promise<R> {
    return this.db.withTransaction(work);
  }

  /** Inserts a record of the caller's organization, created by the caller, with its links. */
  async insert(principal: Pick<OrgPrincipal, 'orgId'> & { userId: string | null }, columns: object, links: object, tagIds?: string[]): Promise<string> {
    const saved = await this.db.tx
      .getRepository(this.options.entity)
      .save({ ...columns, orgId: principal.orgId, createdBy: principal.userId, updatedBy: principal.userId } as unknown as T);
    RecordRevisions.created(this.options.kind.kind, saved.id);
    await this.writeLinks(saved.id, links, tagIds, true);
    return saved.id;
  }

  /**
   * Updates the columns given and replaces the links the body sets (an absent list is left alone).
   * The row is written even when only links change, so its revision, `updated_on` and `updated_by`
   * say so; under If-Match the write only happens at the revision the request read (else 412).
   */
  async update(principal: OrgPrincipal, id: string, columns: object, links: object, tagIds?: string[]): Promise<void> {
    const { kind } = this.options.kind;
    const expected = RecordRevisions.expected(kind, id);
    const write = this.db.tx
      .getRepository(this.options.entity)
      .createQueryBuilder()
      .update()
      .set({ ...columns, updatedBy: principal.userId } as never)
      .where('id = :id AND org_id = :orgId', { id, orgId: principal.orgId });
    if (expected !== undefined) write.andWhere('revision = :expected', { expected });
    const [row] = (await write.returning('revision').execute()).raw as { revision: number }[];
    if (!row) throw await this.missed(principal.orgId, id);
    RecordRevisions.wrote(kind, id, row.revision);
    await this.writeLinks(id, links, tagIds);
  }

  /** Why a conditional write found no row: the record changed since it was read (412), or it is gone (404). */
  private async missed(orgId: string, id: string): Promise<Error> {
    const current = await this.ofOrganization(orgId).select(`${this.options.alias}.revision`, 'revision').andWhere(`${this.options.alias}.id = :id`, { id }).getRawOne<{ revision: number }>();
    return current ? new PreconditionFailedError(current.revision) : new NotFoundError(this.options.kind.name);
  }

  private async writeLinks(id: string, links: object, tagIds?: string[], fresh = false): Promise<void> {
    const { links: tables, tags } = this.tables();
    const body = links as Record<string, string[] | undefined>;
    for (const [field, table] of Object.entries(tables)) await replaceLinks(this.db.tx, table, id, body[field], { fresh });
    if (tags && tagIds) await replaceLinks(this.db.tx, tags, id, tagIds, { fresh });
  }

  /**
   * Deletes a record the caller may see (404 otherwise) and may delete (its creator or an ADMIN),
   * with whatever hangs off it (RECORD_DELETING listeners), in one transaction.
   */
  async remove(principal: OrgPrincipal, id: string): Promise<void> {
    const followUps: (() => Promise<void>)[] = [];
    await this.transaction(async () => {
      const record = await this.load(principal, id);
      assertCanDelete(principal, record, this.options.kind.name.toLowerCase());
      const event: RecordDeleting = { kind: this.options.kind.kind, orgId: principal.orgId, id, afterCommit: (work) => followUps.push(work) };
      await emitInTurn(this.events, RECORD_DELETING, event);
      const expected = RecordRevisions.expected(this.options.kind.kind, id);
      const removal = this.db.tx.getRepository(this.options.entity).createQueryBuilder().delete().where('id = :id AND org_id = :orgId', { id, orgId: principal.orgId });
      if (expected !== undefined) removal.andWhere('revision = :expected', { expected });
      if (!(await removal.execute()).affected) throw await this.missed(principal.orgId, id);
    });
    for (const work of followUps) await work();
  }

  /** Tells people newly assigned (not the one who assigned them), after the write has committed. */
  announce(principal: Pick<OrgPrincipal, 'orgId'> & { userId: string | null }, record: { id: string; name: string }, before: readonly string[], after: readonly string[] | undefined): Promise<void> {
    return this.assignments.announce({
      orgId: principal.orgId,
      kind: this.options.kind.kind,
      recordId: record.id,
      recordName: record.name,
      userIds: newlyAssigned(before, after, principal.userId),
      assignedBy: principal.userId,
    });
  }
}

/** Makes the RecordStore of a kind: `this.store = stores.for({ kind: ACCOUNT_KIND, entity: Account, ... })`. */
@Injectable()
export class RecordStores {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly kinds: RecordKinds,
    private readonly assignments: Assignments,
    private readonly events: EventEmitter2,
    private readonly cursors: ListCursors,
  ) {}

  for<T extends StoredRecord, L extends LinkDeclaration>(options: RecordStoreOptions<T, L>): RecordStore<T, L> {
    return new RecordStore(options, this.db, this.kinds, this.assignments, this.events, this.cursors);
  }
}

/**
 * What a record kind's service answers by delegating to its store: visibility for comments and
 * downloads, referable ids for bodies, deletion. A kind's service extends this and keeps only its
 * own filters, mapping and rules.
 */
export abstract class RecordService<T extends StoredRecord, L extends LinkDeclaration = LinkDeclaration> {
  protected abstract readonly store: RecordStore<T, L>;

  canSee(principal: OrgPrincipal, id: string): Promise<boolean> {
    return this.store.canSee(principal, id);
  }

  /** Of `ids` named in a body, those the caller may see. */
  referableIds(principal: OrgPrincipal, ids: readonly string[]): Promise<string[]> {
    return this.store.visibleIds(principal, ids);
  }

  /** Deletes a record the caller may see and delete, with what hangs off it (comments, files). */
  remove(principal: OrgPrincipal, id: string): Promise<void> {
    return this.store.remove(principal, id);
  }
}

/**
 * Narrows a page query to the page's own ids, found by a subquery with the same filters, order and
 * bounds. The link arrays in the select list are then computed for the page's rows only: a sort
 * the index cannot serve (the leads' open half spans several statuses) would otherwise compute
 * them for every row it reads.
 */
function onlyPageRows<T extends ObjectLiteral>(builder: SelectQueryBuilder<T>, alias: string): void {
  const ids = builder.clone().select(`${alias}.id`);
  builder.andWhere(`${alias}.id IN (${statementText(ids)})`).offset(undefined);
}
