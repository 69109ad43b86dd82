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
