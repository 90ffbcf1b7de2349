/** class-transformer's metadata of `@Type()`, which its entry point does not export (Nest's mapped types read it the same way). */
declare module 'class-transformer/cjs/storage.js' {
  type Constructor = abstract new (...args: never[]) => unknown;
  export const defaultMetadataStorage: {
    findTypeMetadata(target: Constructor, propertyName: string): { typeFunction: () => Constructor } | undefined;
  };
}
