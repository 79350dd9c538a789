/** The languages Crewdesk speaks, as the directory names them. */
export const SUPPORTED_LOCALES = ['fr-CH', 'de-CH', 'it-CH', 'en'] as const;
export type SupportedLocale = (typeof SUPPORTED_LOCALES)[number];

/**
 * Maps any BCP 47 tag a Teams client sends (fr-FR, de, it-IT, en-US…) to one of ours; languages we
 * do not speak fall back to English.
 */
export function supportedLocaleOf(tag: string | undefined | null): SupportedLocale {
  const language = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0];
  switch (language) {
    case 'fr':
      return 'fr-CH';
    case 'de':
    case 'gsw':
      return 'de-CH';
    case 'it':
      return 'it-CH';
    default:
      return 'en';
  }
}
