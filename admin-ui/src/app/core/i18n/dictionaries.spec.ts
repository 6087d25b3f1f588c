import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import english from './en.json';
import chinese from './zh-CN.json';

interface Dictionary {
  readonly [key: string]: string | Dictionary;
}

function flatten(dictionary: Dictionary, prefix = ''): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(dictionary)) {
    if (typeof value === 'string') entries.set(prefix + key, value);
    else for (const [inner, text] of flatten(value, `${prefix}${key}.`)) entries.set(inner, text);
  }
  return entries;
}

function listSourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return listSourceFiles(path);
    return /\.(ts|html)$/.test(name) && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

function readPlaceholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1] ?? '').sort();
}

const en = flatten(english);
const zh = flatten(chinese);
const namespaces = [...new Set([...en.keys()].map((key) => key.split('.')[0]))];

describe('translation dictionaries', () => {
  it('have exactly the same keys in English and Chinese', () => {
    expect([...zh.keys()].sort()).toEqual([...en.keys()].sort());
  });

  it('have no empty texts', () => {
    const empty = [...en, ...zh].filter(([, text]) => text.trim() === '').map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it('use the same placeholders in both languages', () => {
    const mismatched = [...en.keys()].filter(
      (key) =>
        readPlaceholders(en.get(key) ?? '').join() !== readPlaceholders(zh.get(key) ?? '').join(),
    );
    expect(mismatched).toEqual([]);
  });

  it('define every key the templates and code refer to', () => {
    const pattern = new RegExp(`['"]((?:${namespaces.join('|')})\\.[A-Za-z0-9.]+)['"]`, 'g');
    const referenced = new Set<string>();
    for (const file of listSourceFiles(join(__dirname, '..', '..'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(pattern)) {
        const key = match[1] ?? '';
        // `'ranges.' + range` style prefixes are checked by the dynamic-key test below.
        if (!key.endsWith('.')) referenced.add(key);
      }
    }
    expect(referenced.size).toBeGreaterThan(200);
    expect([...referenced].filter((key) => !en.has(key))).toEqual([]);
  });

  it('carry no text that nothing shows', () => {
    const sources = listSourceFiles(join(__dirname, '..', '..'))
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    const builtAtRunTime = ['ranges.', 'granularity.', 'groupBy.', 'formats.'];
    const unused = [...en.keys()].filter(
      (key) =>
        !sources.includes(`'${key}'`) &&
        !sources.includes(`"${key}"`) &&
        !builtAtRunTime.some((prefix) => key.startsWith(prefix)),
    );
    expect(unused).toEqual([]);
  });

  it('define the keys built at run time from enums', () => {
    const dynamic = [
      ...['15m', '1h', '6h', '24h', '7d', '30d', 'all', 'custom'].map((range) => `ranges.${range}`),
      ...['minute', 'hour', 'day'].map((granularity) => `granularity.${granularity}`),
      ...['model', 'key', 'credential', 'user'].map((group) => `groupBy.${group}`),
      ...['openai', 'anthropic'].flatMap((format) => [
        `formats.${format}`,
        `formats.short.${format}`,
      ]),
    ];
    expect(dynamic.filter((key) => !en.has(key))).toEqual([]);
  });
});
