import { formatDuration, formatMonth } from '../../i18n/format.js';
import type { Translate } from '../../i18n/translate.js';
import { supportedLocaleOf } from '../../domain/shared/locale.js';
import type { PersonMonth } from '../../domain/rht/person-month.js';
import { adaptiveCard, heading, paragraph, type AdaptiveCard } from './adaptive-card.js';
import { HOURS_VERBS } from './hours-card.js';

const monthName = formatMonth;

export function monthCard(t: Translate, view: { locale: string; month: PersonMonth }): AdaptiveCard {
  const { locale, month } = view;
  const d = (minutes: number) => formatDuration(locale, minutes);
  const percent = new Intl.NumberFormat(supportedLocaleOf(locale), { maximumFractionDigits: 1 }).format(
    month.row.lossPercent,
  );
  const title = t('month.title', { month: monthName(locale, month.month) });
  const body = [
    heading(title),
    {
      type: 'FactSet',
      facts: [
        { title: t('month.target'), value: d(month.row.targetMinutes) },
        { title: t('month.worked'), value: d(month.row.workedMinutes) },
        { title: t('month.absences'), value: d(month.row.absenceMinutes) },
        { title: t('month.lost'), value: d(month.row.lostMinutes) },
        { title: t('month.lossPercent'), value: `${percent} %` },
      ],
    },
    paragraph(t('month.missing', { count: month.missingWorkDays }), { subtle: month.missingWorkDays === 0 }),
  ];
  if (month.provisional) body.push(paragraph(t('month.provisional'), { subtle: true, spacing: 'Small' }));
  return adaptiveCard(
    body,
    [
      {
        type: 'Action.Execute',
        title: t('hours.myWeek'),
        verb: HOURS_VERBS.week,
        data: { date: `${month.month}-01` },
      },
    ],
    title,
  );
}
