// API local mode: pick the demo person whose eyes the tab looks through. Searchable; the server
// does the searching (`/api/demo/users?q=`), so the whole demo organisation is reachable while the
// list stays short.
import { Combobox, Field, Option, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { searchDemoUsers, type DemoUser } from './api-client.js';
import { useTexts } from './i18n.js';
import { PICKER_SIZE } from './use-session.js';

const SEARCH_DELAY_MS = 250;

const useStyles = makeStyles({
  field: {
    maxWidth: '28rem',
  },
  combobox: {
    minWidth: 0,
    width: '100%',
  },
  option: {
    display: 'flex',
    flexDirection: 'column',
    minWidth: 0,
  },
  details: {
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
});

/** "Employee, Manager · Lausanne Flon" — roles, team and site, a store's name said once. */
function optionDetails(person: DemoUser, roleLabel: (role: string) => string): string {
  const parts = [person.roles.map(roleLabel).join(', '), person.team, person.siteName];
  return [...new Set(parts.filter((part): part is string => Boolean(part)))].join(' · ');
}

export interface ViewAsPickerProps {
  /** The featured demo people, shown before anything is typed. */
  featured: DemoUser[];
  selectedId: string | undefined;
  /** The chosen person's name once known (they may not be among `featured`). */
  selectedName: string | undefined;
  onSelect(aadObjectId: string): void;
}

export function ViewAsPicker({ featured, selectedId, selectedName, onSelect }: ViewAsPickerProps) {
  const styles = useStyles();
  const { t, roleLabel } = useTexts();
  const [text, setText] = useState(selectedName ?? '');
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<DemoUser[]>();
  // Choosing an option also closes the list; that close must not put the old name back.
  const justChose = useRef(false);

  useEffect(() => {
    if (selectedName) setText(selectedName); // Someone found by search is named once loaded.
  }, [selectedName]);

  useEffect(() => {
    const query = search.trim();
    if (!query) {
      setFound(undefined);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      searchDemoUsers(query, PICKER_SIZE, controller.signal).then(setFound, () => {
        // Aborted by the next keystroke, or the server hiccuped: keep the last list.
      });
    }, SEARCH_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [search]);

  const people = found ?? featured;
  const selectedOptions = selectedId ? [selectedId] : [];

  return (
    <Field label={t('tab.viewAs')} hint={t('tab.viewAsHint')} className={styles.field}>
      <Combobox
        className={styles.combobox}
        placeholder={t('tab.searchPeople')}
        value={text}
        // Typing replaces the current name instead of adding to it.
        onFocus={(event) => event.target.select()}
        selectedOptions={selectedOptions}
        onChange={(event) => {
          setText(event.target.value);
          setSearch(event.target.value);
        }}
        onOptionSelect={(_event, data) => {
          if (!data.optionValue) return;
          setText(data.optionText ?? '');
          setSearch('');
          justChose.current = true;
          if (data.optionValue !== selectedId) onSelect(data.optionValue);
        }}
        onOpenChange={(_event, data) => {
          if (data.open) return;
          if (justChose.current) {
            justChose.current = false;
            return;
          }
          // Closed without choosing: show the current person again.
          if (selectedName) setText(selectedName);
          setSearch('');
        }}
      >
        {people.length === 0 && search.trim() ? (
          <Option key="no-match" value="" text="" disabled>
            {t('tab.noMatch', { text: search.trim() })}
          </Option>
        ) : (
          people.map((person) => (
            <Option key={person.aadObjectId} value={person.aadObjectId} text={person.displayName}>
              <span className={styles.option}>
                <span>{person.displayName}</span>
                <span className={styles.details}>{optionDetails(person, roleLabel)}</span>
              </span>
            </Option>
          ))
        )}
      </Combobox>
    </Field>
  );
}
