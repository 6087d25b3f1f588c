/**
 * @module convert/__fixtures__/fixture-files
 * Test support for the golden fixtures (STYLE.md §10.3): scenario discovery, deterministic
 * conversion context, and golden comparison. `UPDATE_GOLDEN=1 npx jest shared/src/convert`
 * rewrites the expected files instead of comparing (review the diff by hand before committing).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConversionContext, ResponseHints } from '../types';

export type FixtureKind = 'responses' | 'streams' | 'errors' | 'models';

/** 2026-01-01T00:00:00Z: every converted `created` is 1767225600. */
export const FIXTURE_NOW = 1_767_225_600_000;

export const isUpdatingGolden = process.env.UPDATE_GOLDEN === '1';

export function fixtureDirectory(kind: FixtureKind, scenario: string): string {
  return join(__dirname, kind, scenario);
}

/** The scenario folder names of one kind, sorted. */
export function listScenarios(kind: FixtureKind): string[] {
  return readdirSync(join(__dirname, kind), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

export function readFixtureText(directory: string, file: string): string | undefined {
  const path = join(directory, file);
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

export function readFixtureJson<T = unknown>(directory: string, file: string): T | undefined {
  const text = readFixtureText(directory, file);
  return text === undefined ? undefined : (JSON.parse(text) as T);
}

/** `hints.json` of a scenario, defaulting the caller's model name. */
export function readFixtureHints(directory: string): ResponseHints {
  return { clientModel: 'client-model', ...readFixtureJson<Partial<ResponseHints>>(directory, 'hints.json') };
}

/** A fixed clock and numbered ids (`toolu_gen1`, …), so expected files are stable. */
export function createFixtureContext(): ConversionContext {
  let counter = 0;
  return {
    now: () => FIXTURE_NOW,
    generateId: (prefix) => `${prefix}gen${++counter}`,
  };
}

/**
 * Compares `actual` with the committed `file`, or writes it under `UPDATE_GOLDEN=1`. Returns the
 * expected text (for callers that compare more than once).
 */
export function expectGolden(directory: string, file: string, actual: string): void {
  if (isUpdatingGolden) {
    writeFileSync(join(directory, file), actual);
    return;
  }
  const expected = readFixtureText(directory, file);
  if (expected === undefined) {
    throw new Error(`${join(directory, file)} is missing: run with UPDATE_GOLDEN=1 and review it`);
  }
  expect(actual).toBe(expected);
}

/** Stable, reviewable JSON text for expected files. */
export function formatJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
