/**
 * Keyword matching for the short requests people type (equipment, support): the text lowered,
 * without accents or punctuation, padded with a space at each end, so that ` (?:vpn|token) `
 * finds whole words and phrases anywhere in it ("VPN-Token!" → " vpn token ").
 */
export function wordsOf(text: string): string {
  return ` ${text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’'`´]/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()} `;
}

/** Matches any of `words` (already in `wordsOf`'s form) as whole words in what `wordsOf` gives. */
export const anyOf = (words: readonly string[]): RegExp => new RegExp(` (?:${words.join('|')}) `);
