/** Where the work was done: the three places the hours card offers. */
import type { WorkPlace } from '../../domain/hours/hours-entry.js';
import { phrases } from './vocabulary.js';

export const PLACE_PHRASES: readonly (readonly [WorkPlace, readonly string[]])[] = [
  [
    'home',
    phrases(`
      home, at home, from home, wfh, home office, homeoffice, remote, remotely, teletravail,
      en teletravail, a la maison, de la maison, maison, chez moi, de chez moi, depuis chez moi,
      domicile, a domicile, zu hause, zuhause, von zu hause, von zuhause, daheim, heimarbeit,
      casa, da casa, a casa, telelavoro, smart working, smartworking, lavoro agile
    `),
  ],
  [
    'office',
    phrases(`
      office, head office, bureau, au bureau, buro, buero, im buro, ufficio, in ufficio, sede
    `),
  ],
  [
    'store',
    phrases(`
      store, shop, magasin, au magasin, boutique, point de vente, succursale, laden, filiale,
      geschaft, geschaeft, negozio, punto vendita, in negozio
    `),
  ],
];
