import type { Translate } from '../../i18n/translate.js';
import { adaptiveCard, heading, paragraph, type AdaptiveCard, type CardElement } from './adaptive-card.js';

function capabilityList(t: Translate): CardElement[] {
  return [
    paragraph(`• ${t('help.hours')}`),
    paragraph(`• ${t('help.week')}`, { spacing: 'Small' }),
    paragraph(`• ${t('help.support')}`, { spacing: 'Small' }),
    paragraph(`• ${t('help.equipment')}`, { spacing: 'Small' }),
    paragraph(`• ${t('help.requests')}`, { spacing: 'Small' }),
    paragraph(`• ${t('help.office')}`, { spacing: 'Small' }),
    paragraph(t('help.openTab'), { subtle: true }),
    paragraph(t('help.languages'), { subtle: true, spacing: 'Small' }),
  ];
}

export function helpCard(t: Translate): AdaptiveCard {
  return adaptiveCard([heading(t('help.title')), ...capabilityList(t)], [], t('help.title'));
}

export function welcomeCard(t: Translate, view: { name: string }): AdaptiveCard {
  return adaptiveCard(
    [
      heading(t('welcome.title', { name: view.name })),
      paragraph(t('welcome.intro')),
      paragraph(t('help.title'), { spacing: 'Medium' }),
      ...capabilityList(t),
      paragraph(t('welcome.tryIt'), { spacing: 'Medium' }),
    ],
    [],
    t('welcome.title', { name: view.name }),
  );
}

export function unknownInputCard(t: Translate, view: { text: string }): AdaptiveCard {
  const quoted = view.text.length > 80 ? `${view.text.slice(0, 77)}…` : view.text;
  return adaptiveCard(
    [heading(t('unknown.title')), paragraph(t('unknown.body', { text: quoted })), ...capabilityList(t)],
    [],
    t('unknown.title'),
  );
}
