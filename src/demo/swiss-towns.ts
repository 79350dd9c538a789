/**
 * Where the demo organisation's stores stand: real Swiss towns, spread the way a national retailer
 * spreads them — several stores in the large cities, at least one in every canton, and the French-
 * and Italian-speaking regions well represented because the customer works in all three languages.
 * Staff and seat counts are invented but plausible; seats are the staff space of a store.
 */

/** The 26 cantons, as date-holidays names them (`new Holidays().getStates('CH')`). */
// prettier-ignore
export const CANTON_CODES = [
  'GE', 'VD', 'VS', 'NE', 'FR', 'JU', 'BE', 'SO', 'BS', 'BL', 'AG', 'LU', 'ZG',
  'SZ', 'ZH', 'SH', 'TG', 'SG', 'AR', 'AI', 'GL', 'GR', 'TI', 'UR', 'NW', 'OW',
] as const;
export type CantonCode = (typeof CANTON_CODES)[number];

/** The language spoken where a site stands: decides the names and locales of its staff. */
export type LanguageRegion = 'fr' | 'de' | 'it';

export interface StoreLocation {
  /** `Lausanne Flon`, or just the town when it has a single store. */
  name: string;
  town: string;
  canton: CantonCode;
  region: LanguageRegion;
  staff: number;
  seats: number;
}

/** [district or landmark, '' when the town has one store; staff; seats]. */
type StoreRow = readonly [district: string, staff: number, seats: number];
type TownRow = readonly [
  town: string,
  canton: CantonCode,
  region: LanguageRegion,
  stores: readonly StoreRow[],
];

// A table reads best one town per line, so prettier is told to leave it alone.
// prettier-ignore
const TOWNS: readonly TownRow[] = [
  ['Genève', 'GE', 'fr', [['Cornavin', 12, 36], ['Plainpalais', 10, 28], ['Eaux-Vives', 9, 22], ['Rive', 9, 26], ['Servette', 7, 18]]],
  ['Carouge', 'GE', 'fr', [['', 7, 16]]],
  ['Vernier', 'GE', 'fr', [['', 7, 14]]],
  ['Lancy', 'GE', 'fr', [['', 6, 14]]],
  ['Meyrin', 'GE', 'fr', [['', 7, 18]]],
  ['Onex', 'GE', 'fr', [['', 5, 12]]],
  ['Thônex', 'GE', 'fr', [['', 5, 12]]],
  ['Versoix', 'GE', 'fr', [['', 4, 10]]],
  ['Lausanne', 'VD', 'fr', [['Flon', 9, 24], ['Gare', 10, 28], ['Ouchy', 7, 16], ['Chauderon', 7, 18]]],
  ['Yverdon-les-Bains', 'VD', 'fr', [['Centre', 7, 18], ['Gare', 5, 12]]],
  ['Montreux', 'VD', 'fr', [['', 8, 18]]],
  ['Vevey', 'VD', 'fr', [['', 7, 16]]],
  ['Nyon', 'VD', 'fr', [['', 8, 18]]],
  ['Renens', 'VD', 'fr', [['', 6, 14]]],
  ['Morges', 'VD', 'fr', [['', 6, 16]]],
  ['Pully', 'VD', 'fr', [['', 5, 12]]],
  ['Prilly', 'VD', 'fr', [['', 5, 12]]],
  ['Gland', 'VD', 'fr', [['', 4, 10]]],
  ['Aigle', 'VD', 'fr', [['', 5, 12]]],
  ['Payerne', 'VD', 'fr', [['', 5, 12]]],
  ['Moudon', 'VD', 'fr', [['', 4, 8]]],
  ['Ecublens', 'VD', 'fr', [['', 5, 12]]],
  ['Sion', 'VS', 'fr', [['Centre', 8, 20], ['Gare', 7, 14]]],
  ['Martigny', 'VS', 'fr', [['', 7, 16]]],
  ['Monthey', 'VS', 'fr', [['', 6, 14]]],
  ['Sierre', 'VS', 'fr', [['', 6, 14]]],
  ['Conthey', 'VS', 'fr', [['', 5, 12]]],
  ['Crans-Montana', 'VS', 'fr', [['', 4, 10]]],
  ['Brig-Glis', 'VS', 'de', [['', 6, 14]]],
  ['Visp', 'VS', 'de', [['', 5, 12]]],
  ['Zermatt', 'VS', 'de', [['', 5, 10]]],
  ['Neuchâtel', 'NE', 'fr', [['Gare', 7, 18], ['Maladière', 7, 16]]],
  ['La Chaux-de-Fonds', 'NE', 'fr', [['Léopold-Robert', 7, 18], ['Eplatures', 5, 12]]],
  ['Le Locle', 'NE', 'fr', [['', 4, 10]]],
  ['Val-de-Travers', 'NE', 'fr', [['', 4, 8]]],
  ['Fribourg', 'FR', 'fr', [['Gare', 8, 20], ['Pérolles', 7, 16]]],
  ['Bulle', 'FR', 'fr', [['', 7, 16]]],
  ['Villars-sur-Glâne', 'FR', 'fr', [['', 5, 12]]],
  ['Estavayer', 'FR', 'fr', [['', 4, 10]]],
  ['Romont', 'FR', 'fr', [['', 4, 10]]],
  ['Murten', 'FR', 'de', [['', 5, 12]]],
  ['Düdingen', 'FR', 'de', [['', 4, 10]]],
  ['Delémont', 'JU', 'fr', [['', 6, 14]]],
  ['Porrentruy', 'JU', 'fr', [['', 5, 12]]],
  ['Saignelégier', 'JU', 'fr', [['', 4, 8]]],
  ['Bern', 'BE', 'de', [['Bahnhof', 12, 36], ['Marktgasse', 10, 28], ['Bümpliz', 8, 18], ['Wankdorf', 8, 22]]],
  ['Biel/Bienne', 'BE', 'de', [['Bahnhof', 8, 20], ['Madretsch', 7, 14]]],
  ['Thun', 'BE', 'de', [['Bälliz', 7, 18], ['Bahnhof', 6, 14]]],
  ['Burgdorf', 'BE', 'de', [['', 6, 14]]],
  ['Langenthal', 'BE', 'de', [['', 6, 14]]],
  ['Interlaken', 'BE', 'de', [['', 5, 12]]],
  ['Spiez', 'BE', 'de', [['', 5, 12]]],
  ['Köniz', 'BE', 'de', [['', 6, 14]]],
  ['Lyss', 'BE', 'de', [['', 5, 12]]],
  ['Saint-Imier', 'BE', 'fr', [['', 4, 10]]],
  ['Solothurn', 'SO', 'de', [['', 7, 18]]],
  ['Olten', 'SO', 'de', [['', 8, 18]]],
  ['Grenchen', 'SO', 'de', [['', 5, 12]]],
  ['Dornach', 'SO', 'de', [['', 4, 10]]],
  ['Balsthal', 'SO', 'de', [['', 4, 8]]],
  ['Basel', 'BS', 'de', [['SBB', 12, 36], ['Marktplatz', 10, 28], ['Kleinbasel', 8, 20], ['St. Johann', 7, 16]]],
  ['Liestal', 'BL', 'de', [['', 6, 16]]],
  ['Allschwil', 'BL', 'de', [['', 5, 12]]],
  ['Reinach', 'BL', 'de', [['', 5, 12]]],
  ['Muttenz', 'BL', 'de', [['', 5, 12]]],
  ['Pratteln', 'BL', 'de', [['', 5, 12]]],
  ['Aarau', 'AG', 'de', [['Altstadt', 7, 18], ['Telli', 6, 14]]],
  ['Baden', 'AG', 'de', [['', 9, 20]]],
  ['Wettingen', 'AG', 'de', [['', 6, 14]]],
  ['Brugg', 'AG', 'de', [['', 5, 12]]],
  ['Wohlen', 'AG', 'de', [['', 5, 12]]],
  ['Lenzburg', 'AG', 'de', [['', 5, 12]]],
  ['Zofingen', 'AG', 'de', [['', 5, 12]]],
  ['Rheinfelden', 'AG', 'de', [['', 5, 12]]],
  ['Luzern', 'LU', 'de', [['Bahnhof', 12, 32], ['Altstadt', 10, 24]]],
  ['Emmen', 'LU', 'de', [['', 6, 14]]],
  ['Kriens', 'LU', 'de', [['', 6, 14]]],
  ['Sursee', 'LU', 'de', [['', 6, 14]]],
  ['Hochdorf', 'LU', 'de', [['', 4, 10]]],
  ['Willisau', 'LU', 'de', [['', 4, 10]]],
  ['Zug', 'ZG', 'de', [['Metalli', 9, 24], ['Altstadt', 6, 14]]],
  ['Baar', 'ZG', 'de', [['', 6, 14]]],
  ['Schwyz', 'SZ', 'de', [['', 5, 12]]],
  ['Einsiedeln', 'SZ', 'de', [['', 5, 12]]],
  ['Lachen', 'SZ', 'de', [['', 5, 12]]],
  ['Zürich', 'ZH', 'de', [['HB', 12, 40], ['Bahnhofstrasse', 12, 34], ['Oerlikon', 10, 26], ['Altstetten', 8, 20], ['Stadelhofen', 9, 24], ['Wiedikon', 7, 18]]],
  ['Winterthur', 'ZH', 'de', [['Altstadt', 10, 26], ['Grüze', 8, 18], ['Töss', 5, 12]]],
  ['Uster', 'ZH', 'de', [['', 7, 18]]],
  ['Dübendorf', 'ZH', 'de', [['', 6, 14]]],
  ['Dietikon', 'ZH', 'de', [['', 6, 14]]],
  ['Wetzikon', 'ZH', 'de', [['', 6, 14]]],
  ['Wädenswil', 'ZH', 'de', [['', 5, 12]]],
  ['Horgen', 'ZH', 'de', [['', 5, 12]]],
  ['Bülach', 'ZH', 'de', [['', 6, 14]]],
  ['Kloten', 'ZH', 'de', [['', 6, 14]]],
  ['Thalwil', 'ZH', 'de', [['', 5, 12]]],
  ['Affoltern am Albis', 'ZH', 'de', [['', 4, 10]]],
  ['Meilen', 'ZH', 'de', [['', 4, 10]]],
  ['Schlieren', 'ZH', 'de', [['', 5, 12]]],
  ['Regensdorf', 'ZH', 'de', [['', 5, 12]]],
  ['Schaffhausen', 'SH', 'de', [['', 8, 20]]],
  ['Neuhausen am Rheinfall', 'SH', 'de', [['', 4, 10]]],
  ['Frauenfeld', 'TG', 'de', [['', 7, 18]]],
  ['Kreuzlingen', 'TG', 'de', [['', 6, 16]]],
  ['Arbon', 'TG', 'de', [['', 5, 12]]],
  ['Amriswil', 'TG', 'de', [['', 5, 12]]],
  ['Weinfelden', 'TG', 'de', [['', 5, 12]]],
  ['St. Gallen', 'SG', 'de', [['Marktplatz', 10, 26], ['Bahnhof', 8, 20], ['Neudorf', 5, 12]]],
  ['Rapperswil-Jona', 'SG', 'de', [['', 7, 18]]],
  ['Wil', 'SG', 'de', [['', 6, 14]]],
  ['Gossau', 'SG', 'de', [['', 5, 12]]],
  ['Buchs', 'SG', 'de', [['', 5, 12]]],
  ['Rorschach', 'SG', 'de', [['', 4, 10]]],
  ['Herisau', 'AR', 'de', [['', 5, 12]]],
  ['Appenzell', 'AI', 'de', [['', 4, 10]]],
  ['Glarus', 'GL', 'de', [['', 5, 12]]],
  ['Chur', 'GR', 'de', [['', 8, 20]]],
  ['Davos', 'GR', 'de', [['', 5, 12]]],
  ['St. Moritz', 'GR', 'de', [['', 4, 10]]],
  ['Poschiavo', 'GR', 'it', [['', 4, 8]]],
  ['Lugano', 'TI', 'it', [['Centro', 12, 32], ['Cassarate', 8, 18], ['Molino Nuovo', 6, 14]]],
  ['Bellinzona', 'TI', 'it', [['Centro', 8, 20], ['Giubiasco', 5, 12]]],
  ['Locarno', 'TI', 'it', [['Piazza Grande', 7, 18], ['Solduno', 4, 10]]],
  ['Mendrisio', 'TI', 'it', [['', 7, 14]]],
  ['Chiasso', 'TI', 'it', [['', 6, 14]]],
  ['Biasca', 'TI', 'it', [['', 4, 10]]],
  ['Ascona', 'TI', 'it', [['', 4, 10]]],
  ['Agno', 'TI', 'it', [['', 5, 12]]],
  ['Altdorf', 'UR', 'de', [['', 5, 12]]],
  ['Stans', 'NW', 'de', [['', 5, 12]]],
  ['Sarnen', 'OW', 'de', [['', 4, 10]]],
];

/** The stores in table order: the demo numbers them S001, S002, … in this order. */
export const STORE_LOCATIONS: readonly StoreLocation[] = TOWNS.flatMap(([town, canton, region, stores]) =>
  stores.map(([district, staff, seats]) => ({
    name: district === '' ? town : `${town} ${district}`,
    town,
    canton,
    region,
    staff,
    seats,
  })),
);

/** Bern: central, on the language border, and where a national retailer's head office often sits. */
export const HEAD_OFFICE = {
  id: 'HQ',
  name: 'Head Office Bern',
  town: 'Bern',
  canton: 'BE',
  region: 'de',
  seats: 400,
} as const satisfies {
  id: string;
  name: string;
  town: string;
  canton: CantonCode;
  region: LanguageRegion;
  seats: number;
};
