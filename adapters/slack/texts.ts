/** What the Slack adapter itself shows: the words around split or shortened content. */
import { defineTexts } from '../../src/i18n.js';

export const slackTexts = defineTexts({
  en: {
    cancel: 'Cancel',
    more: '(+{n} more)',
    continued: '(continued)',
    homeMore: 'There is more than fits here: write «status» to me to see everything.',
    choose: 'Choose…',
    group: '{from}–{to}',
  },
  nb: {
    cancel: 'Avbryt',
    more: '(+{n} til)',
    continued: '(fortsetter)',
    homeMore: 'Det er mer enn det er plass til her: skriv «status» til meg for å se alt.',
    choose: 'Velg …',
    group: '{from}–{to}',
  },
  nn: {
    cancel: 'Avbryt',
    more: '(+{n} til)',
    continued: '(held fram)',
    homeMore: 'Det er meir enn det er plass til her: skriv «status» til meg for å sjå alt.',
    choose: 'Vel …',
    group: '{from}–{to}',
  },
});
