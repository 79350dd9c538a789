// RHT report (HR, admin): the month's lock for the claim (MonthLockPanel), the month's totals and
// the company flags (loss under 10 %: no claim; provisional month), then every employee — 1,500
// rows, so the table is paged and searched in memory — and the CSV / XLSX files, fetched with the
// caller's credentials (a bearer token in Entra mode, which a plain link could not carry) and saved
// from a Blob.
import {
  Badge,
  Button,
  Card,
  Field,
  MessageBar,
  MessageBarBody,
  SearchBox,
  Select,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { useDeferredValue, useMemo, useState } from 'react';
import { formatDuration } from '../../../src/i18n/format.js';
import { downloadRhtReport, getRhtReport, type RhtRow } from '../api-client.js';
import { useTexts } from '../i18n.js';
import { ErrorBar, LoadState, localToday, monthLabel, monthsUpTo, nameFilter, useLoaded } from './common.js';
import { MonthLockPanel } from './MonthLockPanel.js';
import { useGridStyles } from './ScheduleView.js';
import type { ViewProps } from './Views.js';

const PAGE_SIZE = 50;

const useStyles = makeStyles({
  heading: { margin: 0 },
  toolbar: { display: 'flex', flexWrap: 'wrap', alignItems: 'end', gap: tokens.spacingHorizontalM },
  totals: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(9rem, 1fr))',
    gap: tokens.spacingHorizontalM,
  },
  total: { padding: tokens.spacingVerticalM, gap: tokens.spacingVerticalXXS },
  label: { color: tokens.colorNeutralForeground2 },
  number: { textAlign: 'right', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  pager: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  flags: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
});

function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const LANGUAGE_OF_LOCALE = { en: 'en', 'fr-CH': 'fr', 'de-CH': 'de', 'it-CH': 'it' } as const;

export default function RhtReportView({ me, credentials }: ViewProps) {
  const styles = useStyles();
  const grid = useGridStyles();
  const { t, locale } = useTexts();
  const months = useMemo(() => monthsUpTo(localToday()), []);
  const [month, setMonth] = useState(months[1] ?? months[0] ?? '');
  const [search, setSearch] = useState('');
  const deferredSearch = useDeferredValue(search);
  const [page, setPage] = useState(0);
  const [download, setDownload] = useState<{ busy?: string; error?: string }>({});
  const loaded = useLoaded((signal) => getRhtReport(month, credentials, signal), [month, credentials]);

  const rows = useMemo(() => {
    if (loaded.state !== 'ready') return [];
    const matches = nameFilter(deferredSearch, locale);
    return loaded.data.rows.filter((row) => matches(row.displayName));
  }, [loaded, deferredSearch, locale]);
  // Who locked the month: the report names everybody (HR included); the reader knows their own name.
  const names = useMemo(
    () =>
      new Map(
        loaded.state === 'ready' ? loaded.data.rows.map((row) => [row.aadObjectId, row.displayName]) : [],
      ).set(me.aadObjectId, me.displayName),
    [loaded, me],
  );
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const currentPage = Math.min(page, pages - 1);
  const visible = rows.slice(currentPage * PAGE_SIZE, (currentPage + 1) * PAGE_SIZE);
  const hours = (minutes: number) => formatDuration(locale, minutes);
  const percent = (value: number) =>
    new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value) + '\u00a0%';

  async function downloadAs(format: 'csv' | 'xlsx') {
    setDownload({ busy: format });
    try {
      const file = await downloadRhtReport({ month, format, lang: LANGUAGE_OF_LOCALE[locale] }, credentials);
      saveBlob(file.blob, file.fileName);
      setDownload({});
    } catch (error) {
      setDownload({ error: error instanceof Error ? error.message : '' });
    }
  }

  return (
    <>
      <Text as="h2" size={500} weight="semibold" className={styles.heading}>
        {t('tab.rht.title')}
      </Text>
      <div className={styles.toolbar}>
        <Field label={t('tab.rht.month')}>
          <Select
            value={month}
            onChange={(_event, data) => {
              setMonth(data.value);
              setPage(0);
            }}
          >
            {months.map((value) => (
              <option key={value} value={value}>
                {monthLabel(locale, value)}
              </option>
            ))}
          </Select>
        </Field>
        <Button onClick={() => void downloadAs('csv')} disabled={Boolean(download.busy)}>
          {t('tab.rht.downloadCsv')}
        </Button>
        <Button onClick={() => void downloadAs('xlsx')} disabled={Boolean(download.busy)}>
          {t('tab.rht.downloadXlsx')}
        </Button>
      </div>
      {download.error !== undefined && <ErrorBar message={download.error} />}
      <MonthLockPanel key={month} month={month} credentials={credentials} nameOf={(id) => names.get(id)} />
      <LoadState loaded={loaded} />
      {loaded.state === 'ready' && (
        <>
          <div className={styles.flags}>
            {loaded.data.provisional && (
              <Badge appearance="filled" color="warning" icon={<span aria-hidden>⏳</span>}>
                {t('tab.rht.provisional')}
              </Badge>
            )}
          </div>
          <MessageBar intent={loaded.data.totals.belowMinimumLoss ? 'warning' : 'info'} layout="multiline">
            <MessageBarBody>
              {loaded.data.totals.belowMinimumLoss
                ? t('tab.rht.noClaim', { percent: percent(loaded.data.totals.lossPercent) })
                : t('tab.rht.claimPossible', { percent: percent(loaded.data.totals.lossPercent) })}
            </MessageBarBody>
          </MessageBar>
          <div className={styles.totals} role="group" aria-label={t('tab.rht.totals')}>
            {(
              [
                ['tab.rht.target', hours(loaded.data.totals.targetMinutes)],
                ['tab.rht.worked', hours(loaded.data.totals.workedMinutes)],
                ['tab.rht.absences', hours(loaded.data.totals.absenceMinutes)],
                ['tab.rht.lost', hours(loaded.data.totals.lostMinutes)],
                ['tab.rht.loss', percent(loaded.data.totals.lossPercent)],
                ['tab.rht.waitingDay', hours(loaded.data.totals.waitingDayMinutes)],
                ['tab.rht.employees', String(loaded.data.totals.employees)],
                ['tab.rht.withLoss', String(loaded.data.totals.employeesWithLoss)],
                ['tab.rht.above85', String(loaded.data.totals.employeesAbove85Percent)],
              ] as const
            ).map(([label, value]) => (
              <Card key={label} className={styles.total}>
                <Text size={200} className={styles.label}>
                  {t(label)}
                </Text>
                <Text size={400} weight="semibold">
                  {value}
                </Text>
              </Card>
            ))}
          </div>
          <div className={styles.toolbar}>
            <Field label={t('tab.common.searchByName')}>
              <SearchBox
                value={search}
                onChange={(_event, data) => {
                  setSearch(data.value);
                  setPage(0);
                }}
              />
            </Field>
            <Text role="status">{t('tab.rht.rowCount', { count: rows.length })}</Text>
          </div>
          <div className={grid.scroller} tabIndex={0} role="region" aria-label={t('tab.rht.table')}>
            <table className={grid.table}>
              <thead>
                <tr>
                  <th scope="col" className={mergeClasses(grid.th, grid.rowHeader)}>
                    {t('tab.rht.name')}
                  </th>
                  <th scope="col" className={grid.th}>
                    {t('tab.rht.ahv')}
                  </th>
                  {(
                    [
                      'tab.rht.target',
                      'tab.rht.worked',
                      'tab.rht.absences',
                      'tab.rht.lost',
                      'tab.rht.loss',
                      'tab.rht.waitingDay',
                    ] as const
                  ).map((label) => (
                    <th key={label} scope="col" className={mergeClasses(grid.th, styles.number)}>
                      {t(label)}
                    </th>
                  ))}
                  <th scope="col" className={grid.th}>
                    {t('tab.rht.flags')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {visible.map((row: RhtRow) => (
                  <tr key={row.aadObjectId}>
                    <th scope="row" className={grid.rowHeader}>
                      {row.displayName}
                    </th>
                    <td className={grid.td}>{row.ahvNumber ?? '–'}</td>
                    <td className={mergeClasses(grid.td, styles.number)}>{hours(row.targetMinutes)}</td>
                    <td className={mergeClasses(grid.td, styles.number)}>{hours(row.workedMinutes)}</td>
                    <td className={mergeClasses(grid.td, styles.number)}>{hours(row.absenceMinutes)}</td>
                    <td className={mergeClasses(grid.td, styles.number)}>{hours(row.lostMinutes)}</td>
                    <td className={mergeClasses(grid.td, styles.number)}>{percent(row.lossPercent)}</td>
                    <td className={mergeClasses(grid.td, styles.number)}>{hours(row.waitingDayMinutes)}</td>
                    <td className={grid.td}>
                      <span className={styles.flags}>
                        {row.lossAbove85Percent && (
                          <Badge size="small" appearance="tint" color="danger">
                            {t('tab.rht.flagAbove85')}
                          </Badge>
                        )}
                        {row.warnings.map((warning) => (
                          <Badge key={warning} size="small" appearance="tint" color="warning">
                            {t('tab.rht.warning', { warning })}
                          </Badge>
                        ))}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav className={styles.pager} aria-label={t('tab.rht.pages')}>
            <Button disabled={currentPage === 0} onClick={() => setPage(currentPage - 1)}>
              {t('tab.rht.previousPage')}
            </Button>
            <Text>{t('tab.rht.pageOf', { page: currentPage + 1, pages })}</Text>
            <Button disabled={currentPage >= pages - 1} onClick={() => setPage(currentPage + 1)}>
              {t('tab.rht.nextPage')}
            </Button>
          </nav>
        </>
      )}
    </>
  );
}
