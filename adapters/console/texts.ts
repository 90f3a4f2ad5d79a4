import { defineTexts } from '../../src/i18n.js';

/** The terminal's own words around forms. */
export const consoleTexts = defineTexts({
  en: { optional: 'optional', keep: '↵ keeps it', multi: 'several: 1,3', cancelled: '(cancelled — type the command again to start over)', typed: 'you wrote' },
  nb: { optional: 'valgfritt', keep: '↵ beholder', multi: 'flere: 1,3', cancelled: '(avbrutt — skriv kommandoen igjen for å starte på nytt)', typed: 'du skrev' },
  nn: { optional: 'valfritt', keep: '↵ held på', multi: 'fleire: 1,3', cancelled: '(avbrote — skriv kommandoen att for å byrje på nytt)', typed: 'du skreiv' },
});
