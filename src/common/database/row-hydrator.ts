import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Builds entities from raw rows that select an entity's columns under TypeORM's aliases
 * (`account_billing_city`), by a plan made once from its metadata. TypeORM's own transformer
 * works the plan out again for every query, groups rows by primary key and constructs each
 * entity through its class; for a page of rows with their link arrays none of that is needed.
 * Entities come back as plain objects: they are read, never saved.
 */
export function rowHydrator<T extends ObjectLiteral>(dataSource: DataSource, entity: EntityTarget<T>, alias: string): (row: Record<string, unknown>) => T {
  const { driver } = dataSource;
  const metadata = dataSource.getMetadata(entity);
  const columns = metadata.columns
    .filter((column) => !column.isVirtual)
    .map((column) => {
      const key = `${alias}_${column.databaseName}`;
      // TypeORM shortens longer aliases with a hash; no entity here needs it, and a silent miss would drop the column.
      if (key.length > (driver.maxAliasLength ?? Infinity)) throw new Error(`${metadata.name}: alias ${key} is too long to read by name`);
      return { key, column };
    });
  return (row) => {
    const hydrated = {} as T;
    for (const { key, column } of columns) {
      const value = row[key];
      // A column the query did not select stays unset, as TypeORM leaves it.
      if (value !== undefined) column.setEntityValue(hydrated, driver.prepareHydratedValue(value, column));
    }
    return hydrated;
  };
}
