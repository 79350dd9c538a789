/**
 * How people name an absence, per kind (accent-stripped, as `normalizeText` leaves it).
 *
 * Longer phrases win over their first word ("congé non payé" is unpaid leave, "congé" alone is
 * vacation; "public holiday" is a public holiday, "holiday" alone is vacation, as British English
 * uses it). The French "férié" and the Italian "ferie" are the same word once accents are gone:
 * in a French message it is a public holiday, otherwise vacation (see `phrases.ts`). A doctor's
 * appointment is filed as sickness, the way Swiss payroll usually counts it.
 */
import type { AbsenceKind } from '../../domain/hours/hours-entry.js';
import { phrases } from './vocabulary.js';

export const ABSENCE_PHRASES: readonly (readonly [AbsenceKind, readonly string[]])[] = [
  [
    'vacation',
    phrases(`
      vacation, vacations, holiday, holidays, annual leave, on leave, day off, days off, pto,
      time off, vacances, conge, conges, jour de conge, jours de conge, en conge, ferien, urlaub,
      ferientag, ferientage, urlaubstag, vacanza, vacanze, in ferie, giorno di ferie,
      giorni di ferie, congedo
    `),
  ],
  [
    'holiday',
    phrases(`
      public holiday, bank holiday, national holiday, jour ferie, jours feries, feries, feiertag,
      feiertage, giorno festivo, festivo, festa nazionale
    `),
  ],
  [
    'sick',
    phrases(`
      sick, ill, illness, sick leave, off sick, sick day, flu, malade, maladie, arret maladie,
      conge maladie, grippe, krank, krankheit, krankgeschrieben, krank geschrieben, krankmeldung,
      malattia, malato, malata, ammalato, ammalata, in malattia, influenza,
      doctor, doctor appointment, doctors appointment, dentist, medecin, rendez vous medical,
      dentiste, arzt, arzttermin, arztbesuch, zahnarzt, medico, visita medica, dentista
    `),
  ],
  ['accident', phrases('accident, injury, injured, unfall, verunfallt, infortunio, incidente')],
  [
    'military',
    phrases(`
      military, military service, civil service, civilian service, civil protection, militaire,
      service militaire, service civil, protection civile, armee, militar, militaer,
      militardienst, militaerdienst, zivildienst, zivi, zivilschutz, wk, servizio militare,
      militare, servizio civile, protezione civile
    `),
  ],
  [
    'training',
    phrases(`
      training, training course, seminar, formation, en formation, weiterbildung, schulung,
      fortbildung, kurs, formazione, corso di formazione
    `),
  ],
  [
    'unpaid',
    phrases(`
      unpaid leave, unpaid, conge non paye, conge sans solde, non paye, sans solde,
      unbezahlter urlaub, unbezahlten urlaub, unbezahlt, unbezahlter, unbezahlten,
      congedo non pagato, congedo non retribuito, non pagato, non retribuito, aspettativa
    `),
  ],
  [
    'other',
    phrases(`
      maternity leave, paternity leave, maternity, paternity, special leave, conge maternite,
      conge paternite, maternite, paternite, conge special, deuil, mutterschaft,
      mutterschaftsurlaub, vaterschaft, vaterschaftsurlaub, sonderurlaub, congedo maternita,
      congedo paternita, maternita, paternita, lutto, bereavement, funeral, beerdigung, funerale
    `),
  ],
];

/** Part of a day: an absence with one of these and no duration cannot be a full day. */
export const HALF_DAY_PHRASES: readonly string[] = phrases(`
      morning, afternoon, half day, halfday, half a day, matin, matinee, apresmidi, apres midi,
      demijournee, demi journee, une demijournee, une demi journee, vormittag, nachmittag,
      am morgen, morgens, halber tag, halben tag, halbtag, einen halben tag, mattina, mattinata,
      mattino, pomeriggio, mezza giornata, mezzagiornata
    `);
