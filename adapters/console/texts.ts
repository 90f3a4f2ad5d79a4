import { defineTexts } from '../../src/i18n.js';

/** The terminal's own words around forms. */
export const consoleTexts = defineTexts({
  en: {
    optional: 'optional',
    keep: '↵ keeps it',
    multi: 'several: 1,3',
    cancelled: '(cancelled — type the command again to start over)',
    typed: 'you wrote',
    date: 'e.g. 2026-03-30',
    datetime: 'e.g. 2026-03-30 09:00',
  },
  nb: {
    optional: 'valgfritt',
    keep: '↵ beholder',
    multi: 'flere: 1,3',
    cancelled: '(avbrutt — skriv kommandoen igjen for å starte på nytt)',
    typed: 'du skrev',
    date: 'f.eks. 2026-03-30',
    datetime: 'f.eks. 2026-03-30 09:00',
  },
  nn: {
    optional: 'valfritt',
    keep: '↵ held på',
    multi: 'fleire: 1,3',
    cancelled: '(avbrote — skriv kommandoen att for å byrje på nytt)',
    typed: 'du skreiv',
    date: 't.d. 2026-03-30',
    datetime: 't.d. 2026-03-30 09:00',
  },
});
