// The tab's shell: header, "view as" picker in local mode, and the signed-in person's basics.
// The feature views (profile, week, team schedule, office rotation, rotation editor, RHT report with
// the month lock, timesheet approvals, support tickets) sit under a tab list (views/Views.tsx).
import {
  Button,
  FluentProvider,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useMemo } from 'react';
import { TeamTabConfiguration } from './TeamTabConfiguration.js';
import { ViewAsPicker } from './ViewAsPicker.js';
import type { MessageKey } from '../../src/i18n/translate.js';
import { TextsContext, textsFor, useTexts } from './i18n.js';
import { fluentThemeFor } from './themes.js';
import { useSession, type Problem, type Session } from './use-session.js';
import { Views } from './views/Views.js';

const useStyles = makeStyles({
  // Not on FluentProvider itself: with applyStylesToPortals its classes also land on popups.
  canvas: {
    minHeight: '100vh',
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground1,
  },
  page: {
    boxSizing: 'border-box',
    maxWidth: '80rem',
    margin: '0 auto',
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalL}`,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    '@media (max-width: 480px)': {
      padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    },
  },
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    justifyContent: 'space-between',
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}`,
  },
  title: {
    margin: 0,
  },
  mode: {
    color: tokens.colorNeutralForeground2,
  },
  main: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    minWidth: 0,
  },
  waiting: {
    alignSelf: 'flex-start',
    padding: tokens.spacingVerticalM,
  },
});

const PROBLEM_MESSAGES = {
  loadFailed: { key: 'tab.loadFailed', intent: 'error', canRetry: true },
  signInRequired: { key: 'tab.signInRequired', intent: 'warning', canRetry: true },
  openInTeams: { key: 'tab.openInTeams', intent: 'info', canRetry: false },
  noUser: { key: 'tab.noUser', intent: 'info', canRetry: true },
} as const satisfies Record<Problem, { key: MessageKey; intent: string; canRetry: boolean }>;

function ProblemBar({ problem, onRetry }: { problem: Problem; onRetry(): void }) {
  const { t } = useTexts();
  const { key, intent, canRetry } = PROBLEM_MESSAGES[problem];
  return (
    <MessageBar intent={intent} layout="multiline">
      <MessageBarBody>{t(key)}</MessageBarBody>
      {canRetry && (
        <MessageBarActions>
          <Button onClick={onRetry}>{t('tab.retry')}</Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}

function selectedName(session: Session): string | undefined {
  if (session.me && session.me.aadObjectId === session.viewAs) return session.me.displayName;
  return session.demoUsers?.find((person) => person.aadObjectId === session.viewAs)?.displayName;
}

function Shell({ session }: { session: Session }) {
  const styles = useStyles();
  const { t } = useTexts();
  const { host, demoUsers, me, problem, busy } = session;
  if (host?.kind === 'teams' && new URLSearchParams(window.location.search).get('configure') === '1') {
    return <TeamTabConfiguration />;
  }
  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <Text as="h1" size={700} weight="semibold" className={styles.title}>
          {t('tab.title')}
        </Text>
        {host && (
          <Text size={200} className={styles.mode}>
            {host.kind === 'teams' ? t('tab.insideTeams') : t('tab.outsideTeams')}
          </Text>
        )}
      </header>
      <main className={styles.main} aria-busy={busy}>
        {demoUsers && demoUsers.length > 0 && (
          <ViewAsPicker
            featured={demoUsers}
            selectedId={session.viewAs}
            selectedName={selectedName(session)}
            onSelect={session.viewAsPerson}
          />
        )}
        {busy ? (
          <Spinner className={styles.waiting} size="small" labelPosition="after" label={t('tab.loading')} />
        ) : problem ? (
          <ProblemBar problem={problem} onRetry={session.retry} />
        ) : (
          me && session.credentials && <Views me={me} credentials={session.credentials} />
        )}
      </main>
    </div>
  );
}

export function App() {
  const session = useSession();
  const styles = useStyles();
  const texts = useMemo(() => textsFor(session.locale), [session.locale]);
  const theme = fluentThemeFor(session.theme);

  useEffect(() => {
    document.documentElement.lang = texts.locale;
    document.title = texts.t('tab.title');
  }, [texts]);

  // The provider paints its own box; the page behind it (overscroll, short content) follows too.
  useEffect(() => {
    document.body.style.backgroundColor = theme.colorNeutralBackground3;
    document.documentElement.style.colorScheme = session.theme === 'default' ? 'light' : 'dark';
  }, [theme, session.theme]);

  return (
    <TextsContext.Provider value={texts}>
      <FluentProvider theme={theme}>
        <div className={styles.canvas}>
          <Shell session={session} />
        </div>
      </FluentProvider>
    </TextsContext.Provider>
  );
}
