/** Texts the core itself shows (routing, validation, identity). Dialogs keep their own catalogs. */
import { defineTexts } from './i18n.js';

export const coreTexts = defineTexts({
  en: {
    unknownCommand: 'I did not understand «{text}».',
    didYouMean: 'Did you mean «{suggestion}»?',
    typeHelp: 'Type «help» to see what you can do.',
    unknownUser:
      'Hi! I cannot find you in the member directory of {community}, so I cannot help you yet. Please contact {contact} to be added.',
    unknownUserNoContact:
      'Hi! I cannot find you in the member directory of {community}, so I cannot help you yet. Please contact the secretariat to be added.',
    noCommunity: 'This workspace is not connected to any health community in Samla yet. Ask your administrator to connect it.',
    required: 'Please fill in this field.',
    tooLong: 'Too long: {length} characters, at most {max}. Please shorten it.',
    notNumber: 'Please write a number.',
    numberRange: 'Please write a number from {min} to {max}.',
    notDate: 'Please write a date like 2026-03-30 or 30.03.2026.',
    notDateTime: 'Please write a date and time like 2026-03-30 09:00.',
    notOption: 'Please choose one of the options.',
    tooManyChoices: 'Please choose at most {max}.',
    nationalId:
      'This looks like a national identity number. Patient data and personal identity numbers do not belong in Samla; please remove it and send again.',
    formErrors: 'Something needs fixing before I can save this. What you typed is kept.',
    formSent: '✓ Sent: {title}',
    formAlreadySent: 'This form has already been sent, so it was not sent again.',
    expiredAction: 'That button is from an older message and no longer works. Here is the current one.',
    somethingWrong: 'Sorry, something went wrong on our side. Nothing you typed is lost; please try again in a moment.',
    notSaved: 'Sorry, that was not saved: our database was away for a moment. Please try again (click once more).',
    notAllowed: 'You do not have permission to do that.',
    demoBanner: 'DEMO DATA: this is an invented community for trying Samla out.',
  },
  nb: {
    unknownCommand: 'Jeg forsto ikke «{text}».',
    didYouMean: 'Mente du «{suggestion}»?',
    typeHelp: 'Skriv «hjelp» for å se hva du kan gjøre.',
    unknownUser:
      'Hei! Jeg finner deg ikke i medlemsregisteret til {community}, så jeg kan ikke hjelpe deg ennå. Kontakt {contact} for å bli lagt til.',
    unknownUserNoContact:
      'Hei! Jeg finner deg ikke i medlemsregisteret til {community}, så jeg kan ikke hjelpe deg ennå. Kontakt sekretariatet for å bli lagt til.',
    noCommunity: 'Dette arbeidsområdet er ikke koblet til noe helsefellesskap i Samla ennå. Be administratoren din koble det til.',
    required: 'Fyll ut dette feltet.',
    tooLong: 'For langt: {length} tegn, maks {max}. Kort det ned.',
    notNumber: 'Skriv et tall.',
    numberRange: 'Skriv et tall fra {min} til {max}.',
    notDate: 'Skriv en dato som 2026-03-30 eller 30.03.2026.',
    notDateTime: 'Skriv dato og klokkeslett som 2026-03-30 09:00.',
    notOption: 'Velg et av alternativene.',
    tooManyChoices: 'Velg høyst {max}.',
    nationalId:
      'Dette ser ut som et fødselsnummer. Pasientopplysninger og fødselsnumre hører ikke hjemme i Samla; fjern det og send på nytt.',
    formErrors: 'Noe må rettes før jeg kan lagre dette. Det du skrev, er tatt vare på.',
    formSent: '✓ Sendt: {title}',
    formAlreadySent: 'Dette skjemaet er allerede sendt, så det ble ikke sendt på nytt.',
    expiredAction: 'Den knappen er fra en eldre melding og virker ikke lenger. Her er den gjeldende.',
    somethingWrong: 'Beklager, noe gikk galt hos oss. Ingenting du skrev, er tapt; prøv igjen om litt.',
    notSaved: 'Beklager, det ble ikke lagret: databasen vår var borte et øyeblikk. Prøv igjen (klikk en gang til).',
    notAllowed: 'Du har ikke tilgang til å gjøre det.',
    demoBanner: 'DEMODATA: dette er et oppdiktet fellesskap for å prøve Samla.',
  },
  nn: {
    unknownCommand: 'Eg forstod ikkje «{text}».',
    didYouMean: 'Meinte du «{suggestion}»?',
    typeHelp: 'Skriv «hjelp» for å sjå kva du kan gjere.',
    unknownUser:
      'Hei! Eg finn deg ikkje i medlemsregisteret til {community}, så eg kan ikkje hjelpe deg enno. Kontakt {contact} for å bli lagd til.',
    unknownUserNoContact:
      'Hei! Eg finn deg ikkje i medlemsregisteret til {community}, så eg kan ikkje hjelpe deg enno. Kontakt sekretariatet for å bli lagd til.',
    noCommunity: 'Dette arbeidsområdet er ikkje kopla til noko helsefellesskap i Samla enno. Be administratoren din kople det til.',
    required: 'Fyll ut dette feltet.',
    tooLong: 'For langt: {length} teikn, maks {max}. Kort det ned.',
    notNumber: 'Skriv eit tal.',
    numberRange: 'Skriv eit tal frå {min} til {max}.',
    notDate: 'Skriv ein dato som 2026-03-30 eller 30.03.2026.',
    notDateTime: 'Skriv dato og klokkeslett som 2026-03-30 09:00.',
    notOption: 'Vel eitt av alternativa.',
    tooManyChoices: 'Vel høgst {max}.',
    nationalId:
      'Dette ser ut som eit fødselsnummer. Pasientopplysningar og fødselsnummer høyrer ikkje heime i Samla; fjern det og send på nytt.',
    formErrors: 'Noko må rettast før eg kan lagre dette. Det du skreiv, er teke vare på.',
    formSent: '✓ Sendt: {title}',
    formAlreadySent: 'Dette skjemaet er alt sendt, så det vart ikkje sendt på nytt.',
    expiredAction: 'Den knappen er frå ei eldre melding og verkar ikkje lenger. Her er den gjeldande.',
    somethingWrong: 'Orsak, noko gjekk gale hos oss. Ingenting du skreiv, er tapt; prøv igjen om litt.',
    notSaved: 'Orsak, det vart ikkje lagra: databasen vår var borte ei lita stund. Prøv igjen (klikk ein gong til).',
    notAllowed: 'Du har ikkje tilgang til å gjere det.',
    demoBanner: 'DEMODATA: dette er eit oppdikta fellesskap for å prøve Samla.',
  },
});
