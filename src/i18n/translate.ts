import { IntlMessageFormat } from 'intl-messageformat';
import { supportedLocaleOf, type SupportedLocale } from '../domain/shared/locale.js';
import { de } from './catalog/de.js';
import { en, type Catalog } from './catalog/en.js';
import { fr } from './catalog/fr.js';
import { it } from './catalog/it.js';

/** Dotted paths to the leaves of the catalogue: `help.title`, `hours.recorded`, … */
type LeafPaths<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : LeafPaths<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

export type MessageKey = LeafPaths<Catalog>;
export type MessageParams = Record<string, string | number | Date>;

const catalogs: Record<SupportedLocale, Catalog> = { en, 'fr-CH': fr, 'de-CH': de, 'it-CH': it };

const formatters = new Map<string, IntlMessageFormat>();

function lookup(catalog: Catalog, key: string): string | undefined {
  let node: unknown = catalog;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/**
 * The sentence for `key` in `locale` (any BCP 47 tag; unsupported languages get English),
 * with ICU MessageFormat parameters (plurals, numbers, dates).
 */
export function translate(locale: string, key: MessageKey, params: MessageParams = {}): string {
  const supported = supportedLocaleOf(locale);
  const cacheKey = `${supported}\u0000${key}`;
  let formatter = formatters.get(cacheKey);
  if (!formatter) {
    const message = lookup(catalogs[supported], key) ?? lookup(en, key) ?? key;
    formatter = new IntlMessageFormat(message, supported);
    formatters.set(cacheKey, formatter);
  }
  return String(formatter.format(params));
}

export type Translate = (key: MessageKey, params?: MessageParams) => string;

export function translatorFor(locale: string): Translate {
  return (key, params) => translate(locale, key, params);
}

export { type Catalog };
