/**
 * The answer of `GET /api/v1/probe-types`: every probe type's parameter, target and result
 * contract as the API publishes it. The UI interprets it (lib/probe-schema.ts) instead of
 * repeating the rules.
 *
 * The `params` part is a JSON Schema (draft 2020-12) with WaddlePerf's `x-` keywords; the
 * OpenAPI document types it as a free-form object, so its shape is written out here.
 */

import type { components } from './api-types';

interface PropertyBase {
  readonly title: string;
  /** The unit of the value ("ms", "bytes"), or "" for a count or a name. */
  readonly 'x-unit': string;
  /** The API's message for any problem with this parameter, word for word. */
  readonly 'x-message': string;
}

export interface IntegerProperty extends PropertyBase {
  readonly type: 'integer';
  readonly minimum: number;
  readonly maximum: number;
  readonly default?: number;
}

export interface EnumProperty extends PropertyBase {
  readonly type: 'string';
  readonly enum: readonly string[];
  readonly default?: string;
}

export interface PatternProperty extends PropertyBase {
  readonly type: 'string';
  /** An anchored ECMAScript regular expression. */
  readonly pattern: string;
  readonly default?: string;
}

export interface BooleanProperty extends PropertyBase {
  readonly type: 'boolean';
  readonly default?: boolean;
}

/** A parameter; one without `default` is optional and the node decides. */
export type ParamProperty = IntegerProperty | EnumProperty | PatternProperty | BooleanProperty;

/** The product of `fields` (their defaults when unset) must not exceed `max`; `{value}` in `message` is product / scale. */
export interface MaxProductRule {
  readonly kind: 'max-product';
  readonly fields: readonly string[];
  readonly max: number;
  readonly scale: number;
  /** The API's field path the error belongs to ("params.count"). */
  readonly field: string;
  readonly message: string;
}

/** The two boolean `fields` must not both be true. */
export interface NotBothRule {
  readonly kind: 'not-both';
  readonly fields: readonly [string, string];
  readonly field: string;
  readonly message: string;
}

export type CrossFieldRule = MaxProductRule | NotBothRule;

export interface ParamsSchema {
  readonly $schema: string;
  readonly type: 'object';
  readonly additionalProperties: false;
  readonly properties: Readonly<Record<string, ParamProperty>>;
  readonly 'x-rules'?: readonly CrossFieldRule[];
}

export interface TargetSpec {
  readonly format: 'host-port' | 'url' | 'dns-name';
  /** host-port only: whether "host" alone is refused. */
  readonly portRequired: boolean;
  /** host-port only: the port the node uses when the target names none. */
  readonly defaultPort: number | null;
  readonly hint: string;
}

/** A field of a result summary or of a per-second sample: a dotted path, its name and unit. */
export interface MeasureField {
  readonly key: string;
  readonly label: string;
  readonly unit: string;
}

/**
 * The generated OpenAPI type of one entry, refined: `params` is typed as a free-form object
 * there and `target.format` as a string. The compile-time check below keeps the two in step:
 * a field the API renames or drops breaks the build here.
 */
export interface ProbeTypeInfo {
  /** The wire name: tcp_connect, udp_echo, http, dns, ssh, throughput. */
  readonly type: string;
  readonly label: string;
  readonly target: TargetSpec;
  readonly params: ParamsSchema;
  readonly results: readonly MeasureField[];
  readonly progress: readonly MeasureField[];
}

type GeneratedProbeType = components['schemas']['ProbeTypeView'];
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
const sameEntryFields: SameKeys<GeneratedProbeType, ProbeTypeInfo> = true;
const sameTargetFields: SameKeys<GeneratedProbeType['target'], TargetSpec> = true;
void [sameEntryFields, sameTargetFields];
