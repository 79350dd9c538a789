// A modal form dialog: the browser's own <dialog> (showModal: focus moves in, the page behind is
// inert, Escape cancels, focus returns to the opener on close) drawn with Fluent's tokens.
// Not Fluent's Dialog: its focus trap starts Tabster's modalizer, which leaves focusable
// aria-hidden sentinels on <body> for the rest of the page's life — axe-core reports them as a
// serious violation (aria-hidden-focus) on every view once a dialog was opened (the same reason
// Views.tsx draws its own tab list).
import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useId, useRef, type FormEvent, type ReactNode } from 'react';

const useStyles = makeStyles({
  dialog: {
    boxSizing: 'border-box',
    width: 'min(36rem, calc(100vw - 2rem))',
    maxWidth: '100%',
    maxHeight: 'calc(100vh - 2rem)',
    overflowY: 'auto',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorTransparentStroke}`,
    borderRadius: tokens.borderRadiusXLarge,
    padding: tokens.spacingHorizontalXXL,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    boxShadow: tokens.shadow64,
    fontFamily: tokens.fontFamilyBase,
    '::backdrop': { backgroundColor: tokens.colorBackgroundOverlay },
    '@media (max-width: 480px)': { padding: tokens.spacingHorizontalL },
  },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  title: { margin: 0 },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  actions: { display: 'flex', flexWrap: 'wrap', justifyContent: 'flex-end', gap: tokens.spacingHorizontalS },
});

export interface ModalDialogProps {
  open: boolean;
  title: string;
  /** Cancel, Escape: the caller sets `open` to false. */
  onDismiss(): void;
  onSubmit(event: FormEvent<HTMLFormElement>): void;
  submitLabel: string;
  cancelLabel: string;
  busy?: boolean;
  children: ReactNode;
}

export function ModalDialog(props: ModalDialogProps) {
  const { open, title, onDismiss, onSubmit, submitLabel, cancelLabel, busy = false, children } = props;
  const styles = useStyles();
  const titleId = useId();
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  return (
    <dialog
      ref={dialog}
      className={styles.dialog}
      aria-labelledby={titleId}
      // Escape closes the element itself; the caller's state follows.
      onClose={() => {
        if (open) onDismiss();
      }}
    >
      {open && (
        <form className={styles.form} onSubmit={onSubmit} noValidate>
          <Text as="h2" size={500} weight="semibold" id={titleId} className={styles.title}>
            {title}
          </Text>
          <div className={styles.content}>{children}</div>
          <div className={styles.actions}>
            <Button type="button" onClick={onDismiss}>
              {cancelLabel}
            </Button>
            <Button type="submit" appearance="primary" disabled={busy}>
              {submitLabel}
            </Button>
          </div>
        </form>
      )}
    </dialog>
  );
}
