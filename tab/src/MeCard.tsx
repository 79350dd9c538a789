// A person's basics as Crewdesk knows them: who they are, their roles, team, site, manager and
// contract. The first thing the tab shows; later views (week, schedule, rotation) sit beside it.
import { Avatar, Badge, Card, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { Me } from './api-client.js';
import { useTexts } from './i18n.js';

const useStyles = makeStyles({
  card: {
    padding: tokens.spacingVerticalL,
    gap: tokens.spacingVerticalL,
  },
  identity: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    minWidth: 0,
  },
  names: {
    display: 'flex',
    flexDirection: 'column',
    minWidth: 0,
  },
  name: {
    margin: 0,
    overflowWrap: 'anywhere',
  },
  email: {
    color: tokens.colorNeutralForeground2,
    overflowWrap: 'anywhere',
  },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(13rem, 1fr))',
    gap: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalXL}`,
    margin: 0,
  },
  fact: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    minWidth: 0,
  },
  label: {
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
  value: {
    margin: 0,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    overflowWrap: 'anywhere',
  },
  roles: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalXS,
  },
});

function Fact({ label, children }: { label: string; children: ReactNode }) {
  const styles = useStyles();
  return (
    <div className={styles.fact}>
      <dt className={styles.label}>{label}</dt>
      <dd className={styles.value}>{children}</dd>
    </div>
  );
}

export function MeCard({ me }: { me: Me }) {
  const styles = useStyles();
  const { t, roleLabel, languageName } = useTexts();
  const notSet = t('tab.notSet');
  return (
    <Card className={styles.card} aria-labelledby="me-name">
      <div className={styles.identity}>
        <Avatar name={me.displayName} size={56} color="colorful" aria-hidden />
        <div className={styles.names}>
          <Text as="h2" id="me-name" size={600} weight="semibold" className={styles.name}>
            {me.displayName}
          </Text>
          {me.email && <Text className={styles.email}>{me.email}</Text>}
        </div>
      </div>
      <dl className={styles.facts}>
        <Fact label={t('tab.roles')}>
          <span className={styles.roles}>
            {me.roles.map((role) => (
              <Badge key={role} appearance="tint" color="brand" shape="rounded">
                {roleLabel(role)}
              </Badge>
            ))}
          </span>
        </Fact>
        <Fact label={t('tab.team')}>{me.team ?? notSet}</Fact>
        <Fact label={t('tab.site')}>
          {me.site ? t('tab.siteWithCanton', { name: me.site.name, canton: me.site.canton }) : notSet}
        </Fact>
        <Fact label={t('tab.manager')}>{me.manager?.displayName ?? notSet}</Fact>
        <Fact label={t('tab.weeklyHours')}>
          {me.weeklyHours === null ? notSet : t('tab.weeklyHoursValue', { hours: me.weeklyHours })}
        </Fact>
        <Fact label={t('tab.language')}>{languageName(me.locale)}</Fact>
      </dl>
    </Card>
  );
}
