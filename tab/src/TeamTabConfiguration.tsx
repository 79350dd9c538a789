// The configuration page Teams shows when someone adds Crewdesk as a tab to a team or group chat
// (manifest `configurableTabs`, `?configure=1`). Teams enables "Save" only after
// `pages.config.setValidityState(true)`, and on save the page must hand Teams the tab's content
// URL — without this page a team could never add the tab.
import { Field, Radio, RadioGroup, Text, makeStyles, tokens } from '@fluentui/react-components';
import { pages } from '@microsoft/teams-js';
import { useEffect, useState } from 'react';
import { useTexts } from './i18n.js';

const useStyles = makeStyles({
  page: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
    maxWidth: '40rem',
  },
});

/** The views that make sense as a team's tab; the chosen one opens first (`?view=`). */
const TEAM_VIEWS = ['schedule', 'rotation', 'week'] as const;
type TeamView = (typeof TEAM_VIEWS)[number];

export function teamTabContentUrl(origin: string, view: TeamView): string {
  return `${origin}/tab/index.html?view=${view}&lang={locale}`;
}

export function TeamTabConfiguration() {
  const styles = useStyles();
  const { t } = useTexts();
  const [view, setView] = useState<TeamView>('schedule');

  useEffect(() => {
    pages.config.registerOnSaveHandler((saveEvent) => {
      pages.config
        .setConfig({
          entityId: `crewdesk-${view}`,
          contentUrl: teamTabContentUrl(window.location.origin, view),
          websiteUrl: `${window.location.origin}/tab/?view=${view}`,
          suggestedDisplayName: t('tab.title'),
        })
        .then(() => saveEvent.notifySuccess())
        .catch((error: unknown) => saveEvent.notifyFailure(String(error)));
    });
    pages.config.setValidityState(true);
  }, [view, t]);

  return (
    <main className={styles.page}>
      <Text as="h1" size={600} weight="semibold">
        {t('tab.configureTitle')}
      </Text>
      <Text>{t('tab.configureIntro')}</Text>
      <Field label={t('tab.configureView')}>
        <RadioGroup value={view} onChange={(_, data) => setView(data.value as TeamView)}>
          {TEAM_VIEWS.map((candidate) => (
            <Radio key={candidate} value={candidate} label={t(`tab.nav.${candidate}`)} />
          ))}
        </RadioGroup>
      </Field>
    </main>
  );
}
