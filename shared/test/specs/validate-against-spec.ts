/**
 * @module test/specs/validate-against-spec
 * Validates a value against an official schema of its dialect, for tests: the OpenAI OpenAPI 3.1
 * components and the (relaxed, documented) Anthropic mirror, extracted into this folder by
 * `node scripts/extract-specs.mjs`. Schema names are the component names, e.g.
 * `CreateChatCompletionRequest`, `CreateChatCompletionStreamResponse`, `ErrorResponse`,
 * `ListModelsResponse` (OpenAI) and `CreateMessageParams`, `Message`, `MessageStreamEvent`,
 * `ErrorResponse`, `ListModelsResponse` (Anthropic).
 *
 * @example
 * expect(validateOpenAI('CreateChatCompletionResponse', body)).toEqual({ valid: true, errors: [] });
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

export interface SpecValidationResult {
  readonly valid: boolean;
  /** One line per problem: `<instance path> <message>`. */
  readonly errors: readonly string[];
}

interface SchemaDocument {
  readonly $id: string;
  readonly $defs: Record<string, unknown>;
}

type Dialect = 'openai' | 'anthropic';

const validators = new Map<Dialect, (name: string) => ValidateFunction>();

function loadDialect(dialect: Dialect): (name: string) => ValidateFunction {
  const existing = validators.get(dialect);
  if (existing) return existing;
  const document = JSON.parse(
    readFileSync(join(__dirname, `${dialect}.schemas.json`), 'utf8'),
  ) as SchemaDocument;
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  // OpenAI's Unix-seconds timestamps.
  ajv.addFormat('unixtime', {
    type: 'number',
    validate: (value: number) => Number.isInteger(value) && value >= 0,
  });
  ajv.addSchema(document);
  const compiled = new Map<string, ValidateFunction>();
  const lookup = (name: string): ValidateFunction => {
    const cached = compiled.get(name);
    if (cached) return cached;
    if (!(name in document.$defs)) throw new Error(`no ${dialect} schema named ${name}`);
    const validate = ajv.getSchema(`${document.$id}#/$defs/${name}`);
    if (!validate) throw new Error(`cannot compile ${dialect} schema ${name}`);
    compiled.set(name, validate);
    return validate;
  };
  validators.set(dialect, lookup);
  return lookup;
}

function validateWith(dialect: Dialect, schemaName: string, value: unknown): SpecValidationResult {
  const validate = loadDialect(dialect)(schemaName);
  if (validate(value)) return { valid: true, errors: [] };
  const errors = (validate.errors ?? []).map(
    (error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`,
  );
  return { valid: false, errors: [...new Set(errors)] };
}

/** Validates `value` against the OpenAI component schema `schemaName`. */
export function validateOpenAI(schemaName: string, value: unknown): SpecValidationResult {
  return validateWith('openai', schemaName, value);
}

/** Validates `value` against the Anthropic component schema `schemaName` (relaxed mirror). */
export function validateAnthropic(schemaName: string, value: unknown): SpecValidationResult {
  return validateWith('anthropic', schemaName, value);
}
