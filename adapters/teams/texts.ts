/** The few texts the Teams adapter shows itself (everything else comes from the core and dialogs). */
import { defineTexts } from '../../src/i18n.js';

export const teamsTexts = defineTexts({
  en: {
    choose: 'Choose',
    time: 'time',
    sendFailed: 'Sorry, I could not show you my answer in Teams. Nothing you sent is lost; please try again in a moment.',
    seeChat: 'I have answered you in your chat with Samla.',
    noMessageText: 'That message has no text I can use.',
  },
  nb: {
    choose: 'Velg',
    time: 'klokkeslett',
    sendFailed: 'Beklager, jeg fikk ikke vist deg svaret mitt i Teams. Ingenting du sendte, er tapt; prøv igjen om litt.',
    seeChat: 'Jeg har svart deg i chatten din med Samla.',
    noMessageText: 'Den meldingen har ingen tekst jeg kan bruke.',
  },
  nn: {
    choose: 'Vel',
    time: 'klokkeslett',
    sendFailed: 'Orsak, eg fekk ikkje vist deg svaret mitt i Teams. Ingenting du sende, er tapt; prøv igjen om litt.',
    seeChat: 'Eg har svart deg i chatten din med Samla.',
    noMessageText: 'Den meldinga har ingen tekst eg kan bruke.',
  },
});
