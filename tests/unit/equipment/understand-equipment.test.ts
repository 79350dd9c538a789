import { describe, expect, it } from 'vitest';
import type { EquipmentKind } from '../../../src/domain/equipment/catalogue.js';
import { understandEquipment } from '../../../src/language/equipment/understand-equipment.js';

describe('understanding equipment requests in four languages', () => {
  const CASES: [string, EquipmentKind, string][] = [
    ['j’ai besoin d’un casque', 'headset', 'fr'],
    ["J'ai besoin d'un écran pour mon portable", 'screen', 'fr'],
    ['il me faudrait un routeur 4G', 'mobile_router', 'fr'],
    ['ich brauche einen Bildschirm', 'screen', 'de'],
    ['Ich benötige einen VPN-Token', 'vpn_token', 'de'],
    ['ich hätte gern eine Tastatur und eine Maus', 'keyboard_mouse', 'de'],
    ['mi serve un router 4G', 'mobile_router', 'it'],
    ['vorrei una docking station', 'docking_station', 'it'],
    ['ho bisogno di un portatile', 'laptop', 'it'],
    ['I need a laptop', 'laptop', 'en'],
    ['I need VPN access', 'vpn_licence', 'en'],
    ['could I get a headset?', 'headset', 'en'],
    ['laptop for home', 'laptop', 'en'],
    ['ordinateur pour la maison', 'laptop', 'fr'],
    ['Laptop für zu Hause', 'laptop', 'de'],
    ['portatile per casa', 'laptop', 'it'],
    ['mi serve una cuffia', 'headset', 'it'],
    ['ich brauche ein Headset', 'headset', 'de'],
  ];

  it.each(CASES)('“%s” asks for %s (%s)', (text, kind, language) => {
    expect(understandEquipment({ text })).toEqual({ kind, language });
  });

  it.each([
    ['equipment', 'en'],
    ['Matériel', 'fr'],
    ['Ausrüstung', 'de'],
    ['attrezzatura', 'it'],
    ['mon matériel', 'fr'],
  ])('“%s” opens the catalogue (%s)', (text, language) => {
    expect(understandEquipment({ text })).toEqual({ kind: null, language });
  });

  it.each([
    'my VPN does not connect',
    'il token VPN non funziona',
    'kein 4G-Empfang',
    'I need help with my laptop',
    "je veux parler à quelqu'un",
    '8h-17h',
    'I need a holiday',
    'no internet at home',
    'je travaille pour la maison Dupont',
  ])('leaves “%s” to others', (text) => {
    expect(understandEquipment({ text })).toBeNull();
  });
});
