/**
 * The demo community's strategy draft (DEMO DATA): a short text of our own, built on the five main
 * points the seeds name, loaded as a first version so the secretariat can open it for feedback.
 */
import type { Types } from 'mongoose';
import { Strategy } from '../../models/strategy.js';
import { loadVersion } from './service.js';

export const DEMO_STRATEGY_TITLE = 'Strategi for helsefellesskapet 2025–2028 (DEMO)';

export const DEMO_STRATEGY_MARKDOWN = `# ${DEMO_STRATEGY_TITLE}

_DEMODATA: et oppdiktet utkast for å prøve Samla. Teksten er ikke vedtatt av noen._

Strategien skal være kort, forpliktende og gjelde i fire år. Den peker ut en felles retning for kommunene, sykehusene, fastlegene og brukerne i fellesskapet.

## Styrke samhandlingen

Vi skal gjøre det lett å samarbeide på tvers av nivåene. Pasienter og brukere skal møte tjenester som henger sammen, uansett hvem som yter dem.

- Felles forløp for de prioriterte pasientgruppene.
- Faste møteplasser mellom kommunene og sykehusene i hvert område.
- Fastlegene og brukerne tas med tidlig i planleggingen.

## Prioriteringer

Vi prioriterer barn og unge, personer med alvorlig psykisk lidelse og rusproblemer, skrøpelige eldre og personer med flere kroniske lidelser. Innsatsen skal være målbar, og vi følger opp hvert år.

## Rekruttering og bemanning

Mangel på fagfolk er den største risikoen for tjenestene. Vi skal samarbeide om rekruttering, utdanning og kompetansedeling i stedet for å konkurrere om de samme folkene.

## Økonomi

Vi skal bruke ressursene klokt og se kostnader på tvers av nivåene. Endringer som flytter oppgaver mellom partene, skal avtales og finansieres før de settes i verk.

## Digitalisering/teknologi

Vi tar i bruk felles digitale løsninger der det gir bedre tjenester, og deler informasjon trygt mellom partene. Velferdsteknologi skal gjøre det lettere å bo hjemme lenger.
`;

/** Loads the demo draft into a demo community that has none yet. */
export async function seedDemoStrategy(community: Types.ObjectId | string): Promise<boolean> {
  if (await Strategy.exists({ community, demo: true })) return false;
  await loadVersion({ community, title: DEMO_STRATEGY_TITLE, label: 'Utkast 1 (demo)', markdown: DEMO_STRATEGY_MARKDOWN, demo: true });
  return true;
}
