import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { type EmbeddedLists, type EmbeddedRows, type EmbeddedRowsMap, embedRows } from '../database/embedded-rows.js';
import type { OrgPrincipal } from '../auth/principal.js';
import { NotFoundError } from '../errors/app-error.js';
import { type CursorPage, toCursorPage } from '../pagination/page.js';
import type { PaginationQueryDto } from '../pagination/pagination-query.dto.js';
import type { CursorKey } from './keyset-pages.js';
import { type CountedValues, type LinkDeclaration, type LinkRow, RecordService, type StoredRecord } from './record-store.js';

/** Items of one page and the cursor after them. */
export interface ItemsPage<I> {
  results: I[];
  next_cursor: string | null;
}

const EMPTY_PAGE: ItemsPage<never> = { results: [], next_cursor: null };

/** Records an export reads per statement. */
export const EXPORT_BATCH = 1_000;

/** A body's link lists (`assigned_to`, `teams`, `contacts`) and tag names, as every kind names them. */
type LinkBody = Partial<Record<string, unknown>> & { tags?: string[] };

/**
 * The use cases every record kind shares, written once over its RecordStore: a page of a list,
 * one item, create and update (references checked, one transaction, read back, assignees told).
 * A kind declares its mapper (`toItem`, given the row's link arrays typed from its store's links, and
 * `X`, what else its queries select), the columns a body writes, and its own rules as hooks:
 * `validate` (body rules, before anything is read), the column hooks (in the write's transaction,
 * where unique names are locked and checked and workflow fields such as `closed_on` derived),
 * `tagIds` for a kind with tags, `written` for what follows a write in its transaction (an event's
 * invitations). Its service then holds only those and its own routes.
 */
export abstract class RecordUseCases<
  T extends StoredRecord,
  I extends { id: string },
  L extends LinkDeclaration,
  C extends object,
  U extends object,
  X extends object = object,
  A extends I = I,
> extends RecordService<T, L> {
  /** The item of a row and its links (the kind's mapper). */
  protected abstract toItem(row: T, links: LinkRow<L> & X): I;

  /** The columns of a new record, in the create's transaction, after its references were checked. */
  protected abstract insertColumns(principal: OrgPrincipal, dto: C): Promise<object> | object;

  /** The columns an update writes, in its transaction, given the record as it was read for it. */
  protected abstract updateColumns(principal: OrgPrincipal, dto: U, current: T): Promise<object> | object;

  /** Rules of a body alone (and of the record it changes): thrown before anything else is checked. */
  protected validate(_dto: C | U, _current?: T): void {}

  /** The ids of the tags a body names (created on first use), for a kind with tags. */
  protected tagIds(_orgId: string, _names: readonly string[]): Promise<string[]> {
    throw new Error(`${this.constructor.name} declares tags on its store but not tagIds()`);
  }

  /**
   * Work of the kind's own in the write's transaction, once the record is written with `columns`:
   * `current` is the record as it was before an update (absent for a create).
   */
  protected async written(_principal: OrgPrincipal, _id: string, _columns: object, _dto: C | U, _current?: T): Promise<void> {}

  /** After the write committed (wake a queue). */
  protected committed(): void {}

  /** What a create or an update answers: the item, or the kind's fuller answer (an invoice with its lines). */
  protected answer(principal: OrgPrincipal, id: string, _dto: C | U): Promise<A> {
    return this.item(principal, id) as Promise<A>;
  }

  /** What an assignment notice calls the record. */
  protected nameOf(item: I): string {
    return (item as { name?: string }).name ?? '';
  }

  /** The records the caller may see, narrowed by a list query's filters: what the list and the export page through. */
  protected filtered(principal: OrgPrincipal, _query: object): SelectQueryBuilder<T> {
    return this.store.visible(principal);
  }

  /**
   * Every record of `filtered` in the query's sort, `size` at a time by keyset (constant memory and
   * statements per batch, however many): what an export streams.
   */
  async *everyItem(principal: OrgPrincipal, query: PaginationQueryDto, size = EXPORT_BATCH): AsyncGenerator<I[]> {
    const filtered = this.filtered(principal, query);
    let page: PaginationQueryDto & { cursor?: string } = { ...query, limit: size, offset: 0, cursor: undefined };
    for (;;) {
      const { results, next_cursor } = await this.pageItems(filtered.clone(), page);
      if (results.length > 0) yield results;
      if (!next_cursor) return;
      page = { ...page, cursor: next_cursor };
    }
  }

  /** Columns an item reads beyond the row (a computed flag), added to every query of items. */
  protected selectExtras(builder: SelectQueryBuilder<T>): SelectQueryBuilder<T> {
    return builder;
  }

  /** One page of `filtered` (visible rows with the list's filters) and their count: two statements whatever the data. */
  protected async listPage(principal: OrgPrincipal, query: PaginationQueryDto, filtered: SelectQueryBuilder<T>): Promise<CursorPage<I>> {
    const [page, count] = await Promise.all([this.pageItems(filtered, query), this.store.listCount(principal, query, filtered)]);
    return toCursorPage(`/api/${this.store.kind.path}/`, query, count, page);
  }

  /** One page of `builder` by the query's sort and cursor (or offset), with the cursor after it. */
  protected async pageItems(builder: SelectQueryBuilder<T>, query: PaginationQueryDto, half?: string): Promise<ItemsPage<I>> {
    const rows = await this.store.withLinks<X & CursorKey>(this.selectExtras(this.store.page(builder, query, half)));
    const page = this.store.keyset.page(rows, ([row, links]) => ({ id: row.id, cursor_key: links.cursor_key }), query, half);
    return { results: page.rows.map(([row, links]) => this.toItem(row, links)), next_cursor: page.next_cursor };
  }

  /**
   * The pages of a list answered in halves (`open` and `closed` accounts), by half name: a half
   * the query's status filter or cursor excludes is empty. `of(half)` narrows the filtered rows to it.
   */
  protected async halves<H extends string>(query: PaginationQueryDto & { status?: string }, names: readonly H[], of: (half: H) => SelectQueryBuilder<T>, statusHalf: (status: string) => H = (status) => status as H): Promise<Record<H, ItemsPage<I>>> {
    const paged = this.store.keyset.halfOf(query, names);
    const wanted = (half: H) => (!query.status || statusHalf(query.status) === half) && (!paged || paged === half);
    const pages = await Promise.all(names.map((half) => (wanted(half) ? this.pageItems(of(half), query, half) : Promise.resolve(EMPTY_PAGE as ItemsPage<I>))));
    return Object.fromEntries(names.map((half, at) => [half, pages[at]])) as Record<H, ItemsPage<I>>;
  }

  async create(principal: OrgPrincipal, dto: C): Promise<A> {
    this.validate(dto);
    await this.store.checkReferences(principal, dto);
    const id = await this.store.transaction(async () => {
      const columns = await this.insertColumns(principal, dto);
      const inserted = await this.insertFrom(principal, dto, columns);
      await this.written(principal, inserted, columns, dto);
      return inserted;
    });
    this.committed();
    const created = await this.answer(principal, id, dto);
    await this.store.announce(principal, { id, name: this.nameOf(created) }, [], this.store.assigneesOf(dto));
    return created;
  }

  async update(principal: OrgPrincipal, id: string, dto: U): Promise<A> {
    const before = await this.store.transaction(async () => {
      const [current, links] = await this.store.loadWithLinks<X>(principal, id, { lock: true });
      const item = this.toItem(current, links);
      this.validate(dto, current);
      await this.store.checkReferences(principal, dto, item);
      const names = (dto as LinkBody).tags;
      const tagIds = this.store.hasTags && names ? await this.tagIds(principal.orgId, names) : undefined;
      const columns = await this.updateColumns(principal, dto, current);
      await this.store.update(principal, id, columns, dto, tagIds);
      await this.written(principal, id, columns, dto, current);
      return item;
    });
    this.committed();
    const after = await this.answer(principal, id, dto);
    await this.store.announce(principal, { id, name: this.nameOf(after) }, this.store.assigneesOf(before) ?? [], this.store.assigneesOf(dto));
    return after;
  }

  /** Inserts a record with the body's links and tags (an absent list is empty), in the transaction in progress. */
  protected async insertFrom(principal: Pick<OrgPrincipal, 'orgId'> & { userId: string | null }, dto: C, columns: object): Promise<string> {
    const tagIds = this.store.hasTags ? await this.tagIds(principal.orgId, (dto as LinkBody).tags ?? []) : undefined;
    return this.store.insert(principal, columns, this.store.linksOf(dto), tagIds);
  }

  protected async items(builder: SelectQueryBuilder<T>): Promise<I[]> {
    return (await this.store.withLinks<X>(this.selectExtras(builder))).map(([row, links]) => this.toItem(row, links));
  }

  /** The builder's items as a JSON column of another statement (an overview); `total` counts them (see embeddedWithLinks). */
  protected embeddedItems(builder: SelectQueryBuilder<T>, total?: SelectQueryBuilder<ObjectLiteral>): EmbeddedRows<I> {
    return this.store.embeddedWithLinks<X, I>(this.selectExtras(builder), (row, links) => this.toItem(row, links), total);
  }

  /**
   * The newest `limit` items the caller may see and how many they may see in all, for an overview
   * to embed: the count from kept totals where the store keeps them. `only` narrows both to some
   * kept-totals values (`statuses`, the condition `narrow` adds to the page).
   */
  protected newest(
    principal: OrgPrincipal,
    limit: number,
    only?: { statuses: CountedValues; narrow: (builder: SelectQueryBuilder<T>) => SelectQueryBuilder<T> },
  ): EmbeddedRows<I> {
    const visible = only ? only.narrow(this.store.visible(principal)) : this.store.visible(principal);
    const page = { offset: 0, limit };
    return this.embeddedItems(this.store.page(visible, page).limit(limit), this.store.totals(principal, page, visible, { count: only?.statuses ?? 'all' }));
  }

  /** The items of `ids` as an ADMIN of the organization sees them: what the change feed says a write left. */
  snapshots(orgId: string, ids: readonly string[]): Promise<I[]> {
    return this.items(this.store.ofOrganization(orgId).andWhere(`${this.store.alias}.id IN (:...ids)`, { ids }));
  }

  /** The item the caller may see, or 404. */
  protected async item(principal: OrgPrincipal, id: string): Promise<I> {
    const [item] = await this.items(this.store.byId(this.store.visible(principal), id));
    if (!item) throw new NotFoundError(this.store.kind.name);
    return item;
  }

  /** A visible record's item and the rows `embeds` hang from it (its parts), in one statement; 404 otherwise. */
  protected async itemWith<E extends EmbeddedRowsMap>(principal: OrgPrincipal, id: string, embeds: E): Promise<[I, EmbeddedLists<E>]> {
    const builder = this.selectExtras(this.store.byId(this.store.visible(principal), id));
    const read = embedRows(builder, embeds);
    const [found] = await this.store.withLinks<X>(builder);
    if (!found) throw new NotFoundError(this.store.kind.name);
    return [this.toItem(...found), read(found[1] as Record<string, unknown>)];
  }
}
