// The tab's views and the navigation between them: a tab list that scrolls sideways on a phone.
// Not Fluent's TabList: its arrow-key navigation (Tabster) adds aria-hidden focusable sentinels that
// axe-core reports as a serious violation (aria-hidden-focus) on every page; this list follows the
// WAI-ARIA tabs pattern itself (roving tabindex, arrows, Home/End, Enter/Space) with Fluent tokens. Which views a person sees follows their roles; the chosen view is kept in the address
// (`?view=`) so a reload or a shared link opens it again. Views other than the profile load lazily:
// most people open one or two of them.
import {
  Spinner,
  createFocusOutlineStyle,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import {
  Component,
  Suspense,
  lazy,
  useCallback,
  useRef,
  useState,
  type ComponentType,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { ErrorBar } from './common.js';
import type { MessageKey } from '../../../src/i18n/translate.js';
import type { Credentials, Me } from '../api-client.js';
import { useTexts } from '../i18n.js';
import { MeCard } from '../MeCard.js';

export interface ViewProps {
  me: Me;
  credentials: Credentials;
}

const WeekView = lazy(() => import('./WeekView.js'));
const ScheduleView = lazy(() => import('./ScheduleView.js'));
const RotationView = lazy(() => import('./RotationView.js'));
const RotationEditorView = lazy(() => import('./RotationEditorView.js'));
const RhtReportView = lazy(() => import('./RhtReportView.js'));
const ApprovalsView = lazy(() => import('./ApprovalsView.js'));
const TicketsView = lazy(() => import('./TicketsView.js'));
const AuditView = lazy(() => import('./AuditView.js'));

function ProfileView({ me }: ViewProps) {
  return <MeCard me={me} />;
}

interface ViewDefinition {
  id: string;
  label: MessageKey;
  /** Roles that see the view; empty: everyone. */
  roles: readonly string[];
  component: ComponentType<ViewProps>;
}

const PLANNERS = ['manager', 'hr', 'admin'];

// The profile comes first: it needs no request beyond /api/me, so the tab shows content at once.
export const VIEWS: readonly ViewDefinition[] = [
  { id: 'profile', label: 'tab.nav.profile', roles: [], component: ProfileView },
  { id: 'week', label: 'tab.nav.week', roles: [], component: WeekView },
  { id: 'schedule', label: 'tab.nav.schedule', roles: [], component: ScheduleView },
  { id: 'rotation', label: 'tab.nav.rotation', roles: [], component: RotationView },
  { id: 'editor', label: 'tab.nav.editor', roles: PLANNERS, component: RotationEditorView },
  { id: 'rht', label: 'tab.nav.rht', roles: ['hr', 'admin'], component: RhtReportView },
  // The API answers a manager's direct reports only: an admin without reports would see nobody.
  { id: 'approvals', label: 'tab.nav.approvals', roles: ['manager'], component: ApprovalsView },
  { id: 'tickets', label: 'tab.nav.tickets', roles: ['it', 'admin'], component: TicketsView },
  { id: 'audit', label: 'tab.nav.audit', roles: ['hr', 'admin'], component: AuditView },
];

export function viewsFor(roles: readonly string[]): ViewDefinition[] {
  return VIEWS.filter((view) => view.roles.length === 0 || view.roles.some((role) => roles.includes(role)));
}

/** A view that breaks (a surprise in an answer, say) shows an error bar; the tab stays usable. */
class ViewBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render() {
    return this.state.failed ? <ErrorBar message="" /> : this.props.children;
  }
}

const VIEW_PARAMETER = 'view';

function viewInAddress(): string | null {
  return new URLSearchParams(window.location.search).get(VIEW_PARAMETER);
}

function keepViewInAddress(id: string): void {
  const url = new URL(window.location.href);
  if (id === VIEWS[0]?.id) url.searchParams.delete(VIEW_PARAMETER);
  else url.searchParams.set(VIEW_PARAMETER, id);
  window.history.replaceState(window.history.state, '', url);
}

const useStyles = makeStyles({
  nav: {
    minWidth: 0,
    overflowX: 'auto',
    // The focus outline of a tab must not be clipped by the scroller.
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXXS}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    scrollbarWidth: 'thin',
  },
  tabs: {
    display: 'flex',
    flexWrap: 'nowrap',
    width: 'max-content',
  },
  tab: {
    position: 'relative',
    border: 'none',
    background: 'none',
    cursor: 'pointer',
    whiteSpace: 'nowrap',
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalMNudge}`,
    borderRadius: tokens.borderRadiusMedium,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    color: tokens.colorNeutralForeground2,
    ':hover': { color: tokens.colorNeutralForeground1, backgroundColor: tokens.colorSubtleBackgroundHover },
    ...createFocusOutlineStyle(),
  },
  selected: {
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
    // The selection is said by weight and an underline too, not by colour alone.
    '::after': {
      content: '""',
      position: 'absolute',
      left: tokens.spacingHorizontalMNudge,
      right: tokens.spacingHorizontalMNudge,
      bottom: 0,
      height: tokens.strokeWidthThicker,
      borderRadius: tokens.borderRadiusCircular,
      backgroundColor: tokens.colorCompoundBrandStroke,
    },
  },
  panel: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    minWidth: 0,
  },
  waiting: { alignSelf: 'flex-start', padding: tokens.spacingVerticalM },
});

export function Views({ me, credentials }: ViewProps) {
  const styles = useStyles();
  const { t } = useTexts();
  const views = viewsFor(me.roles);
  const [chosen, setChosen] = useState<string>(() => viewInAddress() ?? views[0]?.id ?? 'profile');
  const current = views.find((view) => view.id === chosen) ?? views[0];
  const choose = useCallback((id: string) => {
    setChosen(id);
    keepViewInAddress(id);
  }, []);
  const tabs = useRef(new Map<string, HTMLButtonElement>());
  // Arrow keys move the focus along the list (and round); Enter or Space opens the focused view.
  const moveFocus = (event: KeyboardEvent, index: number) => {
    const last = views.length - 1;
    const target =
      event.key === 'ArrowRight'
        ? index === last
          ? 0
          : index + 1
        : event.key === 'ArrowLeft'
          ? index === 0
            ? last
            : index - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : undefined;
    if (target === undefined) return;
    event.preventDefault();
    const element = tabs.current.get(views[target]?.id ?? '');
    element?.focus();
    element?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  };
  if (!current) return null;
  const View = current.component;
  return (
    <>
      <nav className={styles.nav} aria-label={t('tab.nav.label')}>
        <div role="tablist" className={styles.tabs}>
          {views.map((view, index) => {
            const selected = view.id === current.id;
            return (
              <button
                key={view.id}
                ref={(element) => {
                  if (element) tabs.current.set(view.id, element);
                  else tabs.current.delete(view.id);
                }}
                type="button"
                role="tab"
                id={`view-tab-${view.id}`}
                aria-selected={selected}
                aria-controls="view-panel"
                tabIndex={selected ? 0 : -1}
                className={mergeClasses(styles.tab, selected && styles.selected)}
                onClick={() => choose(view.id)}
                onKeyDown={(event) => moveFocus(event, index)}
              >
                {t(view.label)}
              </button>
            );
          })}
        </div>
      </nav>
      <section
        id="view-panel"
        role="tabpanel"
        aria-labelledby={`view-tab-${current.id}`}
        className={styles.panel}
      >
        <Suspense
          fallback={
            <Spinner className={styles.waiting} size="small" labelPosition="after" label={t('tab.loading')} />
          }
        >
          {/* A new person means new data: each view starts afresh for them. */}
          <ViewBoundary key={`${current.id}:${me.aadObjectId}`}>
            <View me={me} credentials={credentials} />
          </ViewBoundary>
        </Suspense>
      </section>
    </>
  );
}
