/**
 * What staff working from home may ask IT for (design: "request equipment"). The catalogue is
 * configurable — an organisation may offer fewer kinds, in its own order — but what each kind *is*
 * (a physical thing with an asset tag that is shipped, or a licence; whether it needs a company
 * laptop to be of any use) is a fact that stays in code.
 */
import { DomainError } from '../shared/errors.js';

export const EQUIPMENT_KINDS = [
  'laptop',
  'vpn_licence',
  'vpn_token',
  'mobile_router',
  'headset',
  'screen',
  'docking_station',
  'keyboard_mouse',
  'other',
] as const;
export type EquipmentKind = (typeof EQUIPMENT_KINDS)[number];

export interface CatalogueItem {
  kind: EquipmentKind;
  /** A thing that is handed over: it gets an asset tag and is shipped (a licence is not). */
  physical: boolean;
  /**
   * No bring-your-own-device: VPN access is only ever configured on a company laptop, so asking
   * for it without one makes Crewdesk propose the laptop too.
   */
  requiresLaptop: boolean;
}

const ITEMS: Record<EquipmentKind, CatalogueItem> = {
  laptop: { kind: 'laptop', physical: true, requiresLaptop: false },
  vpn_licence: { kind: 'vpn_licence', physical: false, requiresLaptop: true },
  vpn_token: { kind: 'vpn_token', physical: true, requiresLaptop: true },
  mobile_router: { kind: 'mobile_router', physical: true, requiresLaptop: false },
  headset: { kind: 'headset', physical: true, requiresLaptop: false },
  screen: { kind: 'screen', physical: true, requiresLaptop: false },
  docking_station: { kind: 'docking_station', physical: true, requiresLaptop: false },
  keyboard_mouse: { kind: 'keyboard_mouse', physical: true, requiresLaptop: false },
  other: { kind: 'other', physical: true, requiresLaptop: false },
};

export interface EquipmentCatalogue {
  /** What the request form offers, in this order. */
  items: readonly CatalogueItem[];
}

export const DEFAULT_CATALOGUE: EquipmentCatalogue = { items: EQUIPMENT_KINDS.map((kind) => ITEMS[kind]) };

/**
 * A catalogue offering `kinds` in that order (configuration names them). The laptop is always
 * offered when VPN access is: the rule "VPN needs a company laptop" must stay satisfiable.
 */
export function catalogueOf(kinds: readonly string[]): EquipmentCatalogue {
  const unknown = kinds.filter((kind) => !(EQUIPMENT_KINDS as readonly string[]).includes(kind));
  if (unknown.length > 0 || kinds.length === 0)
    throw new DomainError('input.invalid', `unknown equipment kinds: ${unknown.join(', ') || '(none)'}`, {
      unknown,
      known: EQUIPMENT_KINDS,
    });
  const chosen = [...new Set(kinds as EquipmentKind[])];
  if (chosen.some((kind) => ITEMS[kind].requiresLaptop) && !chosen.includes('laptop'))
    chosen.unshift('laptop');
  return { items: chosen.map((kind) => ITEMS[kind]) };
}

/** The facts of a kind, whether or not the catalogue offers it now (old requests keep theirs). */
export function itemOf(kind: EquipmentKind): CatalogueItem {
  return ITEMS[kind];
}

export function offers(catalogue: EquipmentCatalogue, kind: EquipmentKind): boolean {
  return catalogue.items.some((item) => item.kind === kind);
}
