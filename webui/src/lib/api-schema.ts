import type { components } from './api-types';

/**
 * A schema of the API's OpenAPI document (webui/openapi.json, generated into api-types.ts by
 * `npm run gen:api`). The document marks every property as present (records always serialise
 * all their components) but cannot say which may be null (JSpecify's @Nullable is not part of
 * it), so a feature names those with `nullable`.
 */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

/** `T` with the properties `K` also allowed to be null, as the Java record's @Nullable says. */
export type WithNullable<T, K extends keyof T> = Omit<T, K> & { [P in K]: T[P] | null };

/**
 * `true` when `Mine` has exactly the properties of the API's `Api` schema, else the mismatched
 * names. For types a feature writes itself (finer than the schema: nullable fields, string
 * unions); wrapped in {@link Holds} so that a renamed, added or removed API field fails the type
 * check.
 */
export type SameFields<Mine, Api> = [Exclude<keyof Mine, keyof Api>, Exclude<keyof Api, keyof Mine>] extends [
  never,
  never,
]
  ? true
  : { onlyHere: Exclude<keyof Mine, keyof Api>; onlyInTheApi: Exclude<keyof Api, keyof Mine> };

/** A compile-time check: `Holds<SameFields<A, B>>` is a type error unless the check is `true`. */
export type Holds<Check extends true> = Check;
