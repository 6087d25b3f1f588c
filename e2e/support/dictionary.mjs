// The console's own dictionaries, so the flows find buttons by the text a user reads in
// each language.
import { readFileSync } from 'node:fs';
import path from 'node:path';

const dictionaryDirectory = path.resolve(
  import.meta.dirname,
  '..',
  '..',
  'admin-ui',
  'src',
  'app',
  'core',
  'i18n',
);

/** `t('credentials.add')` → the text in that language; `{{name}}` placeholders are filled. */
export function loadDictionary(language) {
  const dictionary = JSON.parse(
    readFileSync(path.join(dictionaryDirectory, `${language}.json`), 'utf8'),
  );
  return function translate(key, params = {}) {
    const text = key.split('.').reduce((node, part) => node?.[part], dictionary);
    if (typeof text !== 'string') throw new Error(`no ${language} text for ${key}`);
    return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name) => String(params[name] ?? ''));
  };
}
