import { describe, expect, it } from 'vitest';
import { understandSupport, type ProblemKind } from '../../../src/language/support/understand-support.js';

type Row = [text: string, problem: ProblemKind, language: 'fr' | 'de' | 'it' | 'en', wantsPerson?: boolean];

const ROWS: Row[] = [
  ['my VPN does not connect', 'vpn_blocked', 'en'],
  ['The VPN keeps failing but internet works', 'vpn_blocked', 'en'],
  ['Internet ok mais le VPN ne marche pas', 'vpn_blocked', 'fr'],
  ['Le VPN ne se connecte pas depuis chez moi', 'vpn_blocked', 'fr'],
  ['Das VPN funktioniert nicht, Internet geht', 'vpn_blocked', 'de'],
  ['Ich kann mich nicht mit dem VPN verbinden', 'vpn_blocked', 'de'],
  ['la VPN non si connette', 'vpn_blocked', 'it'],
  ['internet funziona ma la VPN no', 'vpn_blocked', 'it'],
  ['il token VPN non funziona', 'vpn_token', 'it'],
  ['ho perso il token', 'vpn_token', 'it'],
  ['I lost my VPN token', 'vpn_token', 'en'],
  ['my MFA code is not accepted', 'vpn_token', 'en'],
  ["j'ai perdu mon jeton VPN", 'vpn_token', 'fr'],
  ['mon token est cassé', 'vpn_token', 'fr'],
  ['Mein Token ist kaputt', 'vpn_token', 'de'],
  ['Authenticator App verloren, neues Handy', 'vpn_token', 'de'],
  ["pas d'internet à la maison", 'no_home_internet', 'fr'],
  ['ma box internet est en panne', 'no_home_internet', 'fr'],
  ['no internet at home', 'no_home_internet', 'en'],
  ['my wifi is down', 'no_home_internet', 'en'],
  ['kein Internet zu Hause', 'no_home_internet', 'de'],
  ['Mein WLAN geht nicht', 'no_home_internet', 'de'],
  ['niente internet a casa', 'no_home_internet', 'it'],
  ['il router è guasto, non ho internet', 'no_home_internet', 'it'],
  ['connexion très lente', 'slow_connection', 'fr'],
  ['le wifi se coupe tout le temps', 'slow_connection', 'fr'],
  ['my internet is very slow', 'slow_connection', 'en'],
  ['the connection keeps dropping', 'slow_connection', 'en'],
  ['Die Verbindung ist sehr langsam', 'slow_connection', 'de'],
  ['VPN langsam und instabil', 'slow_connection', 'de'],
  ['la connessione è lentissima e lenta', 'slow_connection', 'it'],
  ['internet lento a casa', 'slow_connection', 'it'],
  ['kein 4G-Empfang', 'no_mobile_coverage', 'de'],
  ['kein Handynetz im Dorf', 'no_mobile_coverage', 'de'],
  ['pas de réseau 4G chez moi', 'no_mobile_coverage', 'fr'],
  ['aucune couverture mobile à la maison', 'no_mobile_coverage', 'fr'],
  ['no 4G coverage where I live', 'no_mobile_coverage', 'en'],
  ['nessuna copertura 4G a casa', 'no_mobile_coverage', 'it'],
  ['my laptop does not start', 'other', 'en'],
  ['Teams ne marche pas sur mon ordinateur', 'other', 'fr'],
  ['I want a person', 'other', 'en', true],
  ["je veux parler à quelqu'un", 'other', 'fr', true],
  ['Ich möchte mit einem Menschen sprechen', 'other', 'de', true],
  ['vorrei parlare con qualcuno', 'other', 'it', true],
  ['my VPN does not connect, I want to talk to a person', 'vpn_blocked', 'en', true],
];

const NOT_SUPPORT = ['I need a headset', 'when am I in the office', 'merci', 'Danke schön', 'thanks', ''];

describe('understandSupport', () => {
  it.each(ROWS)('reads “%s” as %s (%s)', (text, problem, language, wantsPerson = false) => {
    expect(understandSupport({ text, localeHint: 'en-US' })).toEqual({ problem, language, wantsPerson });
  });

  it.each(NOT_SUPPORT)('leaves “%s” alone', (text) => {
    expect(understandSupport({ text, localeHint: 'en-US' })).toBeNull();
  });
});
