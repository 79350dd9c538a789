// The tab's words come only from the shared message catalogue (src/i18n/catalog), the same one the
// bot speaks from, so a label reads the same in chat and in the tab.
import { createContext, useContext } from 'react';
import { ROLES, type Role } from '../../src/domain/directory/people.js';
import { supportedLocaleOf, type SupportedLocale } from '../../src/domain/shared/locale.js';
import { translate, type MessageKey, type MessageParams } from '../../src/i18n/translate.js';

export type { SupportedLocale };

export interface Texts {
  locale: SupportedLocale;
  t(key: MessageKey, params?: MessageParams): string;
  /** "Manager", "Responsable"…; a role the catalogue does not know is shown as sent. */
  roleLabel(role: string): string;
  /** The name of a language tag in the reader's language: fr-CH → "French (Switzerland)". */
  languageName(tag: string): string;
}

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function textsFor(locale: SupportedLocale): Texts {
  let languageNames: Intl.DisplayNames | undefined;
  return {
    locale,
    t: (key, params) => translate(locale, key, params),
    roleLabel: (role) => (isRole(role) ? translate(locale, `roles.${role}`) : role),
    languageName(tag) {
      try {
        languageNames ??= new Intl.DisplayNames([locale], { type: 'language' });
        const name = languageNames.of(tag) ?? tag;
        // French and Italian write language names in lower case; shown alone, they start a line.
        return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
      } catch {
        return tag;
      }
    },
  };
}

/**
 * The language of the tab outside Teams: `?lang=fr` wins (handy for demos and tests), then the
 * browser's preferred languages, the first one we speak; English otherwise.
 */
export function browserLocale(search: string, preferred: readonly string[]): SupportedLocale {
  const override = new URLSearchParams(search).get('lang');
  if (override) return supportedLocaleOf(override);
  for (const tag of preferred) {
    const supported = supportedLocaleOf(tag);
    if (supported !== 'en' || tag.toLowerCase().startsWith('en')) return supported;
  }
  return 'en';
}

export const TextsContext = createContext<Texts>(textsFor('en'));

export function useTexts(): Texts {
  return useContext(TextsContext);
}
