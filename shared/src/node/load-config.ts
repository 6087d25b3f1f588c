import { configSchema, type Config } from './config-schema';

/** Thrown when the environment does not describe a valid configuration; names the variables. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Reads the environment once and returns a frozen, typed configuration.
 * @example const config = loadConfig(process.env);
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  return Object.freeze(result.data);
}

/** A configuration for tests: the defaults plus the given overrides. */
export function createTestConfig(overrides: Partial<Record<keyof Config, string>> = {}): Config {
  return loadConfig({ LLMFB_LOG_LEVEL: 'silent', ...overrides });
}
