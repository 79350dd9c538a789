/**
 * Minimal Adaptive Card shapes. Version 1.5 is what Teams desktop, web and mobile render; cards
 * stay narrow-friendly (no fixed widths) so they read well at 360 px on a phone.
 */
export type CardElement = Record<string, unknown> & { type: string };
export type CardAction = Record<string, unknown> & { type: string; title: string };

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: CardElement[];
  actions?: CardAction[];
  msteams?: { width: 'Full' };
  fallbackText?: string;
  /** Universal Actions: the action Teams invokes to get the card as it is now. */
  refresh?: { action: CardAction & { verb: string; data: Record<string, unknown> }; userIds?: string[] };
}

export function adaptiveCard(
  body: CardElement[],
  actions: CardAction[] = [],
  fallbackText?: string,
): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(actions.length > 0 ? { actions } : {}),
    ...(fallbackText ? { fallbackText } : {}),
  };
}

export function heading(text: string): CardElement {
  return { type: 'TextBlock', text, weight: 'Bolder', size: 'Medium', wrap: true, style: 'heading' };
}

export function paragraph(text: string, options: { subtle?: boolean; spacing?: string } = {}): CardElement {
  return {
    type: 'TextBlock',
    text,
    wrap: true,
    ...(options.subtle ? { isSubtle: true } : {}),
    ...(options.spacing ? { spacing: options.spacing } : {}),
  };
}

/** A button that sends `text` back as if the user had typed it (Teams' imBack). */
export function sendTextAction(title: string, text: string): CardAction {
  return { type: 'Action.Submit', title, data: { msteams: { type: 'imBack', value: text } } };
}
