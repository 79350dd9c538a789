/**
 * Single words of the four languages, accent-stripped and lower-case as `normalizeText` leaves
 * them. Multi-word phrases (absences, places, breaks…) live in `phrases.ts`.
 */

/** A set from words written one after the other, separated by white space. */
const words = (list: string): ReadonlySet<string> => new Set(list.split(/\s+/).filter(Boolean));

/** A list of phrases separated by commas (a phrase's words by single spaces). */
export const phrases = (list: string): readonly string[] =>
  list
    .split(',')
    .map((phrase) => phrase.trim().replace(/\s+/g, ' '))
    .filter(Boolean);

/** A map from `word:value` pairs separated by white space. */
const valued = (list: string): ReadonlyMap<string, number> =>
  new Map(
    list
      .split(/\s+/)
      .filter(Boolean)
      .map((pair) => {
        const [word = '', value = ''] = pair.split(':');
        return [word, Number(value)] as const;
      }),
  );

/** One line group per language: English ("a"/"an" count only before a unit), French, German, Italian. */
export const NUMBER_WORDS: ReadonlyMap<string, number> = valued(`
  a:1 an:1 one:1 two:2 three:3 four:4 five:5 six:6
  seven:7 eight:8 nine:9 ten:10 eleven:11 twelve:12
  un:1 une:1 deux:2 trois:3 quatre:4 cinq:5 sept:7
  huit:8 neuf:9 dix:10 onze:11 douze:12
  ein:1 eine:1 einer:1 einen:1 eins:1 zwei:2 drei:3
  vier:4 funf:5 fuenf:5 sechs:6 sieben:7 acht:8 neun:9
  zehn:10 elf:11 zwolf:12 zwoelf:12
  uno:1 una:1 due:2 tre:3 quattro:4 cinque:5 sei:6
  sette:7 otto:8 nove:9 dieci:10 undici:11 dodici:12
`);

/** Units that make a number a count of hours. */
export const HOUR_UNITS = words(`
  h hr hrs hour hours heure heures hre hres std stdn stunde stunden ora ore
`);
/** Spelled-out plural hour words: "8-9 hours" is a vague duration, "8-12h" a time range. */
export const PLURAL_HOUR_WORDS = words('hours hrs heures hres stunden ore');
export const MINUTE_UNITS = words('m min mins minute minutes mn minuten minuti minuto');
/** After a number, these make it a time of day ("8 Uhr", "8 am"), never a duration. */
export const CLOCK_WORDS = words('uhr am pm oclock');

/** "7 heures et demie", "sette ore e mezza", "7 hours and a half", "7 Stunden und eine halbe". */
export const HALF_SUFFIXES: readonly (readonly string[])[] = phrases(
  'et demie, et demi, e mezza, e mezzo, and a half, und eine halbe, und halb',
).map((phrase) => phrase.split(' '));

/** English, French, German, Italian. */
export const MONTHS: ReadonlyMap<string, number> = valued(`
  january:1 jan:1 february:2 feb:2 march:3 april:4 apr:4
  may:5 june:6 jun:6 july:7 jul:7 august:8 aug:8
  september:9 sep:9 sept:9 october:10 oct:10 november:11
  nov:11 december:12 dec:12
  janvier:1 janv:1 fevrier:2 fevr:2 mars:3 avril:4 avr:4
  mai:5 juin:6 juillet:7 juil:7 aout:8 septembre:9
  octobre:10 novembre:11 decembre:12
  januar:1 februar:2 marz:3 maerz:3 juni:6 juli:7
  oktober:10 okt:10 dezember:12 dez:12
  gennaio:1 gen:1 febbraio:2 marzo:3 aprile:4 maggio:5
  mag:5 giugno:6 giu:6 luglio:7 lug:7 agosto:8 settembre:9
  set:9 ottobre:10 ott:10 dicembre:12 dic:12
`);

/** JavaScript's numbering: 0 = Sunday … 6 = Saturday. */
export const WEEKDAYS: ReadonlyMap<string, number> = valued(`
  sunday:0 sun:0 monday:1 mon:1 tuesday:2 tue:2 tues:2
  wednesday:3 wed:3 thursday:4 thu:4 thur:4 thurs:4
  friday:5 fri:5 saturday:6 sat:6
  dimanche:0 lundi:1 mardi:2 mercredi:3 jeudi:4 vendredi:5
  samedi:6
  sonntag:0 montag:1 dienstag:2 mittwoch:3 donnerstag:4
  freitag:5 samstag:6 sonnabend:6
  domenica:0 lunedi:1 martedi:2 mercoledi:3 giovedi:4 venerdi:5
  sabato:6
`);

/**
 * Short weekday names that are also ordinary words ("do", "so", "di", "mer", "sam"): a weekday
 * only right before an amount or a time ("Mo 8h", "Di: 8-12", "lun 7h30") or in a span
 * ("Mo-Fr"); the German two-letter ones only in a German message.
 */
export const SHORT_WEEKDAYS: ReadonlyMap<string, number> = valued(`
  mo:1 di:2 mi:3 do:4 fr:5 sa:6 so:0
  lun:1 mar:2 mer:3 jeu:4 ven:5 sam:6 dim:0
  gio:4 sab:6 dom:0
`);
export const GERMAN_SHORT_WEEKDAYS = words('mo di mi do fr sa so');

/** Before a weekday: "last Monday", "letzten Montag", "scorso lunedì". */
export const LAST_BEFORE = words(`
  last past previous letzten letzter letzte vergangenen vergangener scorso scorsa dernier
`);
/** After a weekday: "lundi dernier", "lunedì scorso". */
export const LAST_AFTER = words('dernier derniere passe scorso scorsa passato');
export const NEXT_BEFORE = words(`
  next coming nachsten naechsten nachster kommenden kommender prossimo prossima prochain
`);
export const NEXT_AFTER = words('prochain prochaine prossimo prossima');

/** Before a time: "from 8", "de 8h", "von 8", "dalle 8", "between 8 and 12". */
export const RANGE_FROM = words(`
  from de des von vom ab dalle dal dalla da between entre zwischen tra fra
`);
/** Before a date: "du 23 au 25", "vom 23. bis 25.", "dal 23 al 25". */
export const SPAN_FROM = words('from du des de von vom dal dalla da between entre zwischen tra fra');
export const BETWEEN_WORDS = words('between entre zwischen tra fra');
export const TO_WORDS = words('to till til until through a au jusqu bis zum al alle fino');
export const AND_WORDS = words('and et und e ed');
/** Skipped between a connector and a time or date: "tra le 8 e le 12", "from the 23rd". */
export const ARTICLES = words('le les the den dem il l lo');

/** A time after these is a point in the day ("since 8h", "um 8"), not an amount of hours. */
export const TIME_POINT_WORDS = words(`
  at from since until till before after around des depuis vers jusqu avant apres um ab von
  seit bis gegen vor nach alle dalle verso prima dopo fino
`);
/** Before a day: "sick since Monday" — every day from then to today. */
export const SINCE_WORDS = words('since depuis seit da dal dalla');

/** Before a coming day: "until Friday", "jusqu'au 4 décembre", "bis Freitag", "fino al 4". */
export const UNTIL_WORDS = words('until till through jusqu bis fino');
/** Between an until-word and the day: "jusqu'au", "bis zum", "fino al". */
export const UNTIL_LINKS = words('a au zum am al a alla');

export const DAY_WORDS = words(`
  day days jour jours journee journees tag tage tagen giorno giorni giornata giornate
`);
export const AGO_WORDS = words('ago fa');

/** After a number, these show that it counts something else than hours ("2 screens" aside). */
export const NOT_HOURS_AFTER = words(`
  x times fois mal volte chf fr francs franken eur euro euros gb mb go kg km percent pourcent
  prozent percento people personnes leute personen persone st nd rd th er eme
`);
export const NOT_HOURS_BEFORE = words('no nr numero nummer number room salle raum stanza version ticket');

export const ORDINAL_SUFFIXES = words('st nd rd th er eme e o');

export const NOON_WORDS = words('noon midday midi mittag mezzogiorno');
export const MIDNIGHT_WORDS = words('midnight minuit mitternacht mezzanotte');

/**
 * A message starting with one of these asks something ("when…?", "show my hours"); it records
 * nothing.
 */
export const QUESTION_STARTERS = words(`
  when where what whats how why which who show list display
  quand comment pourquoi combien quel quelle quels quelles quoi estce montre montrez montremoi
  affiche affichez
  wann wo wie warum wieso weshalb welche welcher welches welchen wer wieviel wieviele zeig zeige
  zeigen
  quando dove cosa perche quanto quanti quante quale quali chi mostra mostrami mostrate
`);

/** Words that tell a language apart; shared words ("pause", "in", "la") are left out. */
export const LANGUAGE_MARKERS = {
  fr: words(`
  je j ai suis etais ete travaille travail bosse heures heure aujourd aujourdhui hui hier
  avanthier demain lundi mardi mercredi jeudi vendredi samedi dimanche et avec sans de du des
  les au aux mon ma mes matin apresmidi apres midi malade maladie vacances conge conges bureau
  maison teletravail magasin plutot semaine demi demie journee jour pas ne en une dans chez
  moi militaire civil formation bonjour merci salut quand pourquoi comment fait janvier
  fevrier avril juin juillet aout septembre octobre novembre decembre deux trois quatre cinq
  huit neuf dix pour ce cet cette est feries paye solde corriger corrige jours y novembre
`),
  de: words(`
  ich habe hab bin war heute gestern vorgestern morgen stunden stunde std gearbeitet arbeite
  arbeit und von bis im am zu hause zuhause krank ferien urlaub feiertag buro buero mit ohne
  montag dienstag mittwoch donnerstag freitag samstag sonntag uhr nachmittag vormittag mittag
  halbe halb stattdessen korrigiere statt der die das den dem ein eine einen nicht kein keine
  auch nur laden filiale unfall militar zivildienst weiterbildung schulung minuten woche tag
  tage tagen hallo danke wann wo wie warum meine mein fur fuer seit vom geschaft daheim zwei
  drei vier funf sechs sieben acht neun zehn januar februar marz juni juli oktober dezember
  krankgeschrieben mo di mi do arzt arzttermin zahnarzt unbezahlter gemacht homeoffice pausen
`),
  it: words(`
  ho sono ero stato stata oggi ieri domani altro ore ora lavorato lavoro dalle alle dal al e
  di da casa malato malata ammalato ammalata malattia vacanze vacanza ferie ufficio negozio
  invece mezza mezzo mezz pausa con senza lunedi martedi mercoledi giovedi venerdi sabato
  domenica mattina pomeriggio settimana giorno giorni festivo infortunio formazione servizio
  militare civile telelavoro minuti ciao grazie quando dove perche mi gli nel nella per sette
  otto nove dieci due tre quattro cinque sei gennaio febbraio marzo aprile maggio giugno
  luglio agosto settembre ottobre novembre dicembre congedo pagato stamattina fatto ammalata
  pranzo
`),
  en: words(`
  i worked work working hours hour today yesterday tomorrow from to and at the home office
  store shop sick vacation holiday holidays monday tuesday wednesday thursday friday saturday
  sunday with without break lunch instead half an was on my off day days leave minutes mins
  hrs morning afternoon training military of for hello hi thanks when where what how need
  please not yes last next this week mon tue tues wed thu thur thurs fri did had is it me unpaid eight seven nine six five four
  three two one january february march april june july august october december until public
  ill does connect headset help
`),
} as const;
