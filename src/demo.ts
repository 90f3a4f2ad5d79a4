/**
 * The demo community: an invented health community modelled on the one around Bergen, marked as
 * demo data everywhere it shows. Names and e-mail addresses are made up.
 */
import { Community } from '../models/community.js';
import { importDirectory, type DirectoryFile } from './directory-import.js';
import type { Dialog } from './dialog.js';

export const DEMO_SLUG = 'demo';
export const DEMO_DOMAIN = 'demo.samla.no';
/** The member the console acts as when SAMLA_USER is not set. */
export const DEMO_SECRETARIAT_EMAIL = `sara.solheim@${DEMO_DOMAIN}`;

type Area = 'bergen' | 'bergensregionen' | 'nordhordland' | 'voss';
const MUNICIPALITIES: { key: string; name: string; area: Area; lang: 'nb' | 'nn' }[] = [
  { key: 'bergen', name: 'Bergen kommune', area: 'bergen', lang: 'nb' },
  { key: 'askoy', name: 'Askøy kommune', area: 'bergensregionen', lang: 'nb' },
  { key: 'bjornafjorden', name: 'Bjørnafjorden kommune', area: 'bergensregionen', lang: 'nn' },
  { key: 'oygarden', name: 'Øygarden kommune', area: 'bergensregionen', lang: 'nn' },
  { key: 'osteroy', name: 'Osterøy kommune', area: 'bergensregionen', lang: 'nn' },
  { key: 'samnanger', name: 'Samnanger kommune', area: 'bergensregionen', lang: 'nn' },
  { key: 'austevoll', name: 'Austevoll kommune', area: 'bergensregionen', lang: 'nn' },
  { key: 'alver', name: 'Alver kommune', area: 'nordhordland', lang: 'nn' },
  { key: 'austrheim', name: 'Austrheim kommune', area: 'nordhordland', lang: 'nn' },
  { key: 'fedje', name: 'Fedje kommune', area: 'nordhordland', lang: 'nn' },
  { key: 'masfjorden', name: 'Masfjorden kommune', area: 'nordhordland', lang: 'nn' },
  { key: 'gulen', name: 'Gulen kommune', area: 'nordhordland', lang: 'nn' },
  { key: 'modalen', name: 'Modalen kommune', area: 'nordhordland', lang: 'nn' },
  { key: 'voss', name: 'Voss herad', area: 'voss', lang: 'nn' },
  { key: 'ulvik', name: 'Ulvik herad', area: 'voss', lang: 'nn' },
  { key: 'vaksdal', name: 'Vaksdal kommune', area: 'voss', lang: 'nn' },
  { key: 'kvam', name: 'Kvam herad', area: 'voss', lang: 'nn' },
];

const AREA_BODY: Record<Area, string> = {
  bergen: 'ou-bergen',
  bergensregionen: 'ou-bergensregionen',
  nordhordland: 'ou-nordhordland',
  voss: 'ou-voss',
};

const FIRST = [
  'Ingrid',
  'Lars',
  'Marit',
  'Ole',
  'Kari',
  'Nils',
  'Solveig',
  'Per',
  'Hilde',
  'Knut',
  'Anne',
  'Jon',
  'Liv',
  'Erik',
  'Randi',
  'Tor',
  'Silje',
  'Arne',
  'Ragnhild',
  'Geir',
  'Turid',
  'Eirik',
  'Berit',
  'Sindre',
  'Astrid',
  'Håkon',
  'Gunn',
  'Bjørn',
  'Tone',
  'Magnus',
  'Sigrid',
  'Even',
  'Heidi',
  'Øystein',
  'Kristin',
  'Rune',
  'Mette',
  'Vidar',
  'Line',
  'Trond',
  'Elin',
  'Svein',
  'Guro',
  'Helge',
  'Nora',
  'Anders',
];
const LAST = [
  'Haugland',
  'Vik',
  'Dale',
  'Hansen',
  'Nygård',
  'Berg',
  'Lie',
  'Myklebust',
  'Steine',
  'Bakke',
  'Fjeld',
  'Aase',
  'Midtbø',
  'Tveit',
  'Hope',
  'Rød',
  'Nesse',
  'Helland',
  'Skår',
  'Øvre',
  'Bolstad',
  'Kleppe',
  'Herland',
  'Sæle',
  'Ulvik',
  'Hjelle',
  'Lygre',
  'Rolland',
  'Fosse',
  'Tysse',
  'Mjelde',
  'Espeland',
  'Brekke',
  'Sunde',
  'Grov',
  'Hatland',
  'Eide',
  'Lunde',
  'Mo',
  'Røen',
  'Kvamme',
  'Hovland',
  'Gjerde',
  'Seim',
  'Alvær',
  'Hamre',
];

function slugify(s: string): string {
  return s
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .replace(/[^a-z]+/g, '');
}

type MemberRow = DirectoryFile['members'][number];
type Ms = NonNullable<MemberRow['memberships']>[number];

export function demoDirectory(): DirectoryFile {
  let n = 0;
  const person = (party: string, title: string, memberships: Ms[], lang?: 'nb' | 'nn' | 'en', fixed?: [string, string]): MemberRow => {
    const [first, last] = fixed ?? [FIRST[n % FIRST.length]!, LAST[(n * 7) % LAST.length]!];
    n++;
    return { name: `${first} ${last}`, email: `${slugify(first)}.${slugify(last)}@${DEMO_DOMAIN}`, party, title, lang, memberships };
  };
  const member = (body: string): Ms => ({ body, role: 'member' });
  const observer = (body: string): Ms => ({ body, role: 'observer', proposalRights: true });
  const allBodies = ['pm', 'ssu', 'ou-bergen', 'ou-bergensregionen', 'ou-nordhordland', 'ou-voss', 'mfu', 'akutt', 'sse', 'ag-strategi'];

  const members: MemberRow[] = [
    // The secretariat (Samarbeidssekretariatet) serves every body.
    person(
      'sse',
      'Rådgiver, Samarbeidssekretariatet',
      allBodies.map((b) => ({ body: b, role: 'secretariat' as const })),
      'nb',
      ['Sara', 'Solheim'],
    ),
    person(
      'sse',
      'Seniorrådgiver, Samarbeidssekretariatet',
      allBodies.map((b) => ({ body: b, role: 'secretariat' as const })),
      'nn',
      ['Jorunn', 'Tvedt'],
    ),
    person(
      'sse',
      'Leiar, Samarbeidssekretariatet',
      allBodies.map((b) => ({ body: b, role: 'secretariat' as const })),
      'nn',
      ['Odd', 'Øvrebø'],
    ),
  ];
  // One health leader per municipality on its area committee (and the partnership meeting);
  // the first in each area also sits on SSU and leads the area committee.
  const firstInArea = new Set<Area>();
  for (const m of MUNICIPALITIES) {
    const lead = !firstInArea.has(m.area);
    firstInArea.add(m.area);
    const ms: Ms[] = [member('pm'), lead ? { body: AREA_BODY[m.area], role: 'leader' } : member(AREA_BODY[m.area])];
    if (lead) ms.push(m.key === 'bergen' ? { body: 'ssu', role: 'leader' } : member('ssu'));
    members.push(person(m.key, 'Kommunalsjef helse', ms, m.lang));
  }
  // Bergen may have two on SSU and up to six on its area committee.
  members.push(person('bergen', 'Etatsdirektør', [member('ssu'), member('ou-bergen'), member('ag-strategi')], 'nb'));
  for (let i = 0; i < 3; i++) members.push(person('bergen', 'Seksjonsleder', [member('ou-bergen')], 'nb'));
  // Political leaders at the partnership meeting.
  for (const key of ['bergen', 'askoy', 'alver', 'voss', 'bjornafjorden']) members.push(person(key, 'Ordfører', [member('pm')], key === 'bergen' || key === 'askoy' ? 'nb' : 'nn'));
  // The specialist health service: Helse Bergen (2 on SSU), HDS (1), another private non-profit (1).
  members.push(person('helse-bergen', 'Administrerende direktør', [member('pm'), { body: 'ssu', role: 'deputy_leader' }], 'nb'));
  members.push(person('helse-bergen', 'Fagdirektør', [member('ssu'), member('mfu'), member('ag-strategi')], 'nb'));
  members.push(person('helse-bergen', 'Klinikkdirektør', [member('akutt'), member('ou-bergen'), member('ou-bergensregionen')], 'nb'));
  members.push(person('helse-bergen', 'Områdedirektør', [member('ou-nordhordland'), member('ou-voss')], 'en'));
  members.push(person('hds', 'Direktør', [member('pm'), member('ssu'), member('ag-strategi')], 'nb'));
  members.push(person('private-ideal', 'Direktør', [member('pm'), member('ssu')], 'nb'));
  // GPs and a municipal chief medical officer: observers with proposal rights on SSU and the partnership meeting.
  members.push(person('gp', 'Fastlege', [observer('ssu'), observer('pm'), member('mfu'), member('ag-strategi')], 'nb'));
  members.push(person('gp', 'Fastlege', [member('ou-bergen'), member('ou-bergensregionen'), member('ou-nordhordland'), member('ou-voss'), member('akutt')], 'nn'));
  members.push(person('askoy', 'Kommuneoverlege', [observer('ssu'), observer('pm')], 'nb'));
  // User representatives: members of SSU and the committees, observers at the partnership meeting.
  members.push(person('user-rep', 'Brukerrepresentant (kommunene)', [member('ssu'), observer('pm'), member('ou-bergen'), member('mfu')], 'nb'));
  members.push(person('user-rep', 'Brukarrepresentant (spesialisthelsetenesta)', [member('ssu'), observer('pm'), member('ou-voss'), member('akutt'), member('ag-strategi')], 'nn'));
  // KS and the unions: observers.
  members.push(person('ks', 'Rådgiver, KS Vestland', [observer('ssu'), observer('pm')], 'nb'));
  members.push(person('unions', 'Representant for hovedsammenslutningene', [observer('ssu'), observer('pm'), member('ou-bergen')], 'nb'));

  return {
    community: {
      slug: DEMO_SLUG,
      name: 'Helsefellesskapet i bergensområdet (DEMO)',
      defaultLang: 'nb',
      contact: `sekretariatet@${DEMO_DOMAIN}`,
      demo: true,
    },
    parties: [
      ...MUNICIPALITIES.map((m) => ({ key: m.key, name: m.name, type: 'municipality' as const, area: m.area })),
      { key: 'helse-bergen', name: 'Helse Bergen HF', type: 'hospital_trust' },
      { key: 'hds', name: 'Haraldsplass Diakonale Sykehus', type: 'private_ideal' },
      { key: 'private-ideal', name: 'Solbakken ideelle sykehus (demo)', type: 'private_ideal' },
      { key: 'gp', name: 'Fastlegene', type: 'gp' },
      { key: 'user-rep', name: 'Brukerrepresentantene', type: 'user_rep' },
      { key: 'ks', name: 'KS Vestland', type: 'ks' },
      { key: 'unions', name: 'Hovedsammenslutningene', type: 'union' },
      { key: 'sse', name: 'Samarbeidssekretariatet', type: 'secretariat' },
    ],
    bodies: [
      { key: 'pm', short: 'PM', name: { nb: 'Partnerskapsmøtet', nn: 'Partnarskapsmøtet', en: 'Partnership Meeting' }, kind: 'partnership' },
      {
        key: 'ssu',
        short: 'SSU',
        name: { nb: 'Strategisk samarbeidsutvalg', nn: 'Strategisk samarbeidsutval', en: 'Strategic Cooperation Committee' },
        kind: 'strategic',
        parent: 'pm',
      },
      { key: 'ou-bergen', short: 'OU Bergen', name: { nb: 'Områdeutvalg Bergen', nn: 'Områdeutval Bergen', en: 'Area Committee Bergen' }, kind: 'area', parent: 'ssu' },
      {
        key: 'ou-bergensregionen',
        short: 'OU BR',
        name: { nb: 'Områdeutvalg Bergensregionen', nn: 'Områdeutval Bergensregionen', en: 'Area Committee Bergen Region' },
        kind: 'area',
        parent: 'ssu',
      },
      {
        key: 'ou-nordhordland',
        short: 'OU NH',
        name: { nb: 'Områdeutvalg Nordhordland', nn: 'Områdeutval Nordhordland', en: 'Area Committee Nordhordland' },
        kind: 'area',
        parent: 'ssu',
      },
      { key: 'ou-voss', short: 'OU Voss', name: { nb: 'Områdeutvalg Voss', nn: 'Områdeutval Voss', en: 'Area Committee Voss' }, kind: 'area', parent: 'ssu' },
      {
        key: 'mfu',
        short: 'MFU',
        name: { nb: 'Medisinsk faglig utvalg', nn: 'Medisinsk fagleg utval', en: 'Medical Professional Committee' },
        kind: 'professional',
        parent: 'ssu',
      },
      {
        key: 'akutt',
        short: 'FUAB',
        name: {
          nb: 'Felles underutvalg for akuttmedisin og beredskap',
          nn: 'Felles underutval for akuttmedisin og beredskap',
          en: 'Joint Subcommittee for Emergency Medicine and Preparedness',
        },
        kind: 'professional',
        parent: 'ssu',
      },
      {
        key: 'ag-strategi',
        short: 'AG Strategi',
        name: { nb: 'Arbeidsgruppe for strategi', nn: 'Arbeidsgruppe for strategi', en: 'Strategy Working Group' },
        kind: 'working_group',
        parent: 'ssu',
      },
      { key: 'sse', short: 'SSe', name: { nb: 'Samarbeidssekretariatet', nn: 'Samarbeidssekretariatet', en: 'Cooperation Secretariat' }, kind: 'secretariat' },
    ],
    members,
  };
}

/**
 * Seeds the demo community into an empty database, with what each capability adds to it (a
 * strategy draft, say); does nothing when any community exists.
 */
export async function seedDemoIfEmpty(dialogs: readonly Pick<Dialog, 'seedDemo'>[]): Promise<boolean> {
  if (await Community.exists({})) return false;
  const { community } = await importDirectory(demoDirectory());
  for (const d of dialogs) await d.seedDemo?.(community);
  return true;
}
