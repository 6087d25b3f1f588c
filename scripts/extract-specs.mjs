#!/usr/bin/env node
// Extracts the JSON Schemas the conversion tests validate against from the official OpenAI
// OpenAPI 3.1 file and the (outdated, Nov 2024) Anthropic mirror, into committed JSON files under
// shared/test/specs/ (CI cannot rely on /work/shared).
//
//   node scripts/extract-specs.mjs [specs-dir]        (default: /work/shared/specs)
//
// Each output file is one JSON Schema 2020-12 document whose `$defs` hold the named component
// schemas and everything they reference. OpenAPI-only keywords are translated or removed:
// `nullable: true` (an OpenAPI 3.0 keyword the 3.1 file still uses) becomes a `null` type,
// `discriminator` (a hint; `oneOf` still decides) and annotations (`description`, `title`,
// `example(s)`, `x-*`, `deprecated`) are removed. The Anthropic mirror predates thinking, models
// listing, server tools, structured outputs and more: every place where it is relaxed or
// extended is listed in `ANTHROPIC_RELAXATIONS` with its reason and written to `x-relaxations`.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { parse } from 'yaml';
import { ANTHROPIC_RELAXATIONS } from './extract-specs/anthropic-relaxations.mjs';

const specsDirectory = process.argv[2] ?? '/work/shared/specs';
const outputDirectory = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  'shared',
  'test',
  'specs',
);

const OPENAI_ROOTS = [
  'CreateChatCompletionRequest',
  'CreateChatCompletionResponse',
  'CreateChatCompletionStreamResponse',
  'ErrorResponse',
  'ListModelsResponse',
  'Model',
];
const ANTHROPIC_ROOTS = [
  'CreateMessageParams',
  'Message',
  'MessageStreamEvent',
  'ErrorResponse',
  'CacheControlEphemeral',
];

const ANNOTATIONS = new Set([
  'description',
  'title',
  'example',
  'examples',
  'deprecated',
  'discriminator',
]);
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'dependentSchemas']);
const SCHEMA_LISTS = new Set(['anyOf', 'oneOf', 'allOf', 'prefixItems']);
const SCHEMA_SINGLES = new Set([
  'items',
  'additionalProperties',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
  'unevaluatedProperties',
  'unevaluatedItems',
]);

/** Rewrites one OpenAPI schema object into plain JSON Schema 2020-12 (see the header). */
function convertSchema(schema) {
  if (typeof schema !== 'object' || schema === null) return schema;
  const result = {};
  for (const [key, value] of Object.entries(schema)) {
    if (ANNOTATIONS.has(key) || key.startsWith('x-') || key === 'nullable') continue;
    if (key === 'type' && value === null) continue;
    if (key === '$ref') result.$ref = value.replace('#/components/schemas/', '#/$defs/');
    else if (SCHEMA_MAPS.has(key)) {
      result[key] = Object.fromEntries(
        Object.entries(value).map(([name, sub]) => [name, convertSchema(sub)]),
      );
    } else if (SCHEMA_LISTS.has(key)) result[key] = value.map(convertSchema);
    else if (SCHEMA_SINGLES.has(key)) result[key] = convertSchema(value);
    else result[key] = value;
  }
  if (schema.nullable === true) return makeNullable(result);
  return result;
}

function makeNullable(schema) {
  if (typeof schema.type === 'string' && schema.$ref === undefined) {
    const nullable = { ...schema, type: [schema.type, 'null'] };
    if (Array.isArray(schema.enum) && !schema.enum.includes(null))
      nullable.enum = [...schema.enum, null];
    return nullable;
  }
  return { anyOf: [schema, { type: 'null' }] };
}

function collectReferences(schema, found) {
  if (Array.isArray(schema)) schema.forEach((item) => collectReferences(item, found));
  else if (typeof schema === 'object' && schema !== null) {
    for (const [key, value] of Object.entries(schema)) {
      if (
        key === '$ref' &&
        typeof value === 'string' &&
        value.startsWith('#/components/schemas/')
      ) {
        found.add(value.slice('#/components/schemas/'.length));
      } else collectReferences(value, found);
    }
  }
}

/** The named schemas plus their transitive `$ref`s, converted. */
function extractClosure(components, roots) {
  const pending = [...roots];
  const seen = new Set();
  while (pending.length > 0) {
    const name = pending.pop();
    if (seen.has(name)) continue;
    if (!(name in components)) throw new Error(`schema ${name} not found`);
    seen.add(name);
    const references = new Set();
    collectReferences(components[name], references);
    pending.push(...references);
  }
  return Object.fromEntries(
    [...seen].sort().map((name) => [name, convertSchema(components[name])]),
  );
}

function describeSource(fileName) {
  const bytes = readFileSync(join(specsDirectory, fileName));
  return {
    bytes,
    source: {
      file: fileName,
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    },
  };
}

async function writeDocument(fileName, document) {
  mkdirSync(outputDirectory, { recursive: true });
  const target = join(outputDirectory, fileName);
  const options = { ...(await resolveConfig(target)), parser: 'json' };
  writeFileSync(target, await format(JSON.stringify(document), options));
  process.stdout.write(`wrote ${fileName}: ${Object.keys(document.$defs).length} schemas\n`);
}

async function extractOpenAI() {
  const { bytes, source } = describeSource('openai-openapi.yaml');
  const spec = parse(bytes.toString('utf8'), { maxAliasCount: -1 });
  await writeDocument('openai.schemas.json', {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://llmfb.invalid/specs/openai.schemas.json',
    'x-source': { ...source, repository: 'openai/openai-openapi', version: spec.info.version },
    $defs: extractClosure(spec.components.schemas, OPENAI_ROOTS),
  });
}

async function extractAnthropic() {
  const { bytes, source } = describeSource('anthropic-openapi-2024-11-mirror.yaml');
  const spec = parse(bytes.toString('utf8'), { maxAliasCount: -1 });
  const definitions = extractClosure(spec.components.schemas, ANTHROPIC_ROOTS);
  for (const relaxation of ANTHROPIC_RELAXATIONS) relaxation.apply(definitions);
  await writeDocument('anthropic.schemas.json', {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://llmfb.invalid/specs/anthropic.schemas.json',
    'x-source': { ...source, repository: 'laszukdawid/anthropic-openapi-spec (mirror, Nov 2024)' },
    'x-relaxations': ANTHROPIC_RELAXATIONS.map(({ target, reason }) => ({ target, reason })),
    $defs: definitions,
  });
}

await extractOpenAI();
await extractAnthropic();
