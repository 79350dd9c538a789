import type { DirectoryRepository } from '../directory/directory-ports.js';
import type { HoursRepository } from '../hours/hours-entry.js';
import type { CalendarDate } from '../shared/calendar-date.js';
import { DomainError } from '../shared/errors.js';
import { monthRange } from './monthly-report.js';
import { computeRhtReport, type RhtRow } from './rht-report.js';

export interface PersonMonth {
  month: string;
  provisional: boolean;
  row: RhtRow;
  missingWorkDays: number;
}

/**
 * One person's month, computed by the very function that computes HR's report, so that "my month"
 * in chat and the claim can never disagree.
 */
export async function personMonth(
  ports: {
    directory: Pick<DirectoryRepository, 'findWorkProfile'>;
    hours: Pick<HoursRepository, 'listEntries'>;
  },
  request: { aadObjectId: string; month: string; today: CalendarDate },
): Promise<PersonMonth> {
  const { from, to } = monthRange(request.month);
  const [profile, entries] = await Promise.all([
    ports.directory.findWorkProfile(request.aadObjectId),
    ports.hours.listEntries(request.aadObjectId, from, to),
  ]);
  if (!profile) throw new DomainError('directory.unknown_person', 'this person is not in the directory');
  const { person, site, contracts } = profile;
  const report = computeRhtReport({
    month: request.month,
    today: request.today,
    employees: [{ person: { ...person, active: true }, canton: site?.canton ?? null, contracts, entries }],
  });
  const row = report.rows[0];
  if (!row) throw new DomainError('directory.unknown_person', 'this person has no month to show');
  const missingWorkDays = row.days.filter(
    (day) =>
      day.targetMinutes > 0 &&
      day.date < request.today &&
      day.workedMinutes === 0 &&
      day.absences.length === 0,
  ).length;
  return { month: request.month, provisional: report.provisional, row, missingWorkDays };
}
