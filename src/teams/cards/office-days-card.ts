import { formatCalendarDate } from '../../i18n/format.js';
import type { Translate } from '../../i18n/translate.js';
import type { RotationPlace } from '../../domain/rotation/rotation-plan.js';
import type { CalendarDate } from '../../domain/shared/calendar-date.js';
import { adaptiveCard, heading, paragraph, type AdaptiveCard } from './adaptive-card.js';

export interface OfficeDaysView {
  locale: string;
  /** The person's published days in the coming two weeks, in date order; empty = no rotation. */
  days: { date: CalendarDate; place: RotationPlace; cohort: string | null }[];
}

/** "When am I in the office?": the coming days on site from the published rotation. */
export function officeDaysCard(t: Translate, view: OfficeDaysView): AdaptiveCard {
  const title = t('rotation.title');
  if (view.days.length === 0)
    return adaptiveCard([heading(title), paragraph(t('rotation.noRotation'))], [], title);
  const onSite = view.days.filter((day) => day.place === 'office' || day.place === 'store');
  if (onSite.length === 0)
    return adaptiveCard([heading(title), paragraph(t('rotation.noneOnSite'))], [], title);
  return adaptiveCard(
    [
      heading(title),
      paragraph(t('rotation.intro')),
      {
        type: 'FactSet',
        facts: onSite.map((day) => ({
          title: formatCalendarDate(view.locale, day.date),
          value: t('rotation.place', { place: day.place, cohort: day.cohort ?? 'none' }),
        })),
      },
      paragraph(t('rotation.otherDaysHome'), { subtle: true, spacing: 'Small' }),
    ],
    [],
    title,
  );
}
