/** The strategy's plural messages with 0, 1, 2 and 5 in every language, word for word. */
import { describe, expect, it } from 'vitest';
import { texts } from '../../dialogs/strategy/texts.js';
import type { Lang } from '../../src/ui.js';

const N = [0, 1, 2, 5];

describe('strategy plurals', () => {
  it('strategy.card.comments', () => {
    const v = (n: number) => ({ count: n });
    const expected: Record<Lang, string[]> = {
      nb: ['0 kommentarer', '1 kommentar', '2 kommentarer', '5 kommentarer'],
      nn: ['0 kommentarar', '1 kommentar', '2 kommentarar', '5 kommentarar'],
      en: ['0 comments', '1 comment', '2 comments', '5 comments'],
    };
    for (const lang of ['nb', 'nn', 'en'] as const) expect(N.map((n) => texts(lang, 'strategy.card.comments', v(n)))).toEqual(expected[lang]);
  });
  it('strategy.card.proposals', () => {
    const v = (n: number) => ({ count: n });
    const expected: Record<Lang, string[]> = {
      nb: ['0 tekstforslag', '1 tekstforslag', '2 tekstforslag', '5 tekstforslag'],
      nn: ['0 tekstforslag', '1 tekstforslag', '2 tekstforslag', '5 tekstforslag'],
      en: ['0 proposed wordings', '1 proposed wording', '2 proposed wordings', '5 proposed wordings'],
    };
    for (const lang of ['nb', 'nn', 'en'] as const) expect(N.map((n) => texts(lang, 'strategy.card.proposals', v(n)))).toEqual(expected[lang]);
  });
  it('strategy.reply.loaded', () => {
    const v = (n: number) => ({ title: 'S', label: 'U1', count: n });
    const expected: Record<Lang, string[]> = {
      nb: ['Lastet inn *S* — U1 (0 deler).', 'Lastet inn *S* — U1 (1 del).', 'Lastet inn *S* — U1 (2 deler).', 'Lastet inn *S* — U1 (5 deler).'],
      nn: ['Lasta inn *S* — U1 (0 delar).', 'Lasta inn *S* — U1 (1 del).', 'Lasta inn *S* — U1 (2 delar).', 'Lasta inn *S* — U1 (5 delar).'],
      en: ['Loaded *S* — U1 (0 sections).', 'Loaded *S* — U1 (1 section).', 'Loaded *S* — U1 (2 sections).', 'Loaded *S* — U1 (5 sections).'],
    };
    for (const lang of ['nb', 'nn', 'en'] as const) expect(N.map((n) => texts(lang, 'strategy.reply.loaded', v(n)))).toEqual(expected[lang]);
  });
  it('strategy.reply.anchorSent', () => {
    const v = (n: number) => ({ count: n });
    const expected: Record<Lang, string[]> = {
      nb: [
        'Sendt til 0 kommuner for politisk forankring.',
        'Sendt til 1 kommune for politisk forankring.',
        'Sendt til 2 kommuner for politisk forankring.',
        'Sendt til 5 kommuner for politisk forankring.',
      ],
      nn: [
        'Sendt til 0 kommunar for politisk forankring.',
        'Sendt til 1 kommune for politisk forankring.',
        'Sendt til 2 kommunar for politisk forankring.',
        'Sendt til 5 kommunar for politisk forankring.',
      ],
      en: [
        'Sent to 0 municipalities for political anchoring.',
        'Sent to 1 municipality for political anchoring.',
        'Sent to 2 municipalities for political anchoring.',
        'Sent to 5 municipalities for political anchoring.',
      ],
    };
    for (const lang of ['nb', 'nn', 'en'] as const) expect(N.map((n) => texts(lang, 'strategy.reply.anchorSent', v(n)))).toEqual(expected[lang]);
  });
  it('strategy.reply.exportLink', () => {
    const v = (n: number) => ({ format: 'CSV', minutes: n });
    const expected: Record<Lang, string[]> = {
      nb: [
        'Nedlastingen din (CSV) er klar; lenken virker i 0 minutter.',
        'Nedlastingen din (CSV) er klar; lenken virker i 1 minutt.',
        'Nedlastingen din (CSV) er klar; lenken virker i 2 minutter.',
        'Nedlastingen din (CSV) er klar; lenken virker i 5 minutter.',
      ],
      nn: [
        'Fila (CSV) kan lastast ned no; lenkja verkar i 0 minutt.',
        'Fila (CSV) kan lastast ned no; lenkja verkar i 1 minutt.',
        'Fila (CSV) kan lastast ned no; lenkja verkar i 2 minutt.',
        'Fila (CSV) kan lastast ned no; lenkja verkar i 5 minutt.',
      ],
      en: [
        'Your download (CSV) is ready; the link works for 0 minutes.',
        'Your download (CSV) is ready; the link works for 1 minute.',
        'Your download (CSV) is ready; the link works for 2 minutes.',
        'Your download (CSV) is ready; the link works for 5 minutes.',
      ],
    };
    for (const lang of ['nb', 'nn', 'en'] as const) expect(N.map((n) => texts(lang, 'strategy.reply.exportLink', v(n)))).toEqual(expected[lang]);
  });
  it('strategy.reply.opened', () => {
    const v = (n: number) => ({ label: 'U1', date: 'D', members: n, reminders: 'R' });
    const expected: Record<Lang, string[]> = {
      nb: [
        'U1 er åpen for tilbakemelding til D. 0 medlemmer er invitert; påminnelser går bare til medlemmer av parter som ikke har svart (R).',
        'U1 er åpen for tilbakemelding til D. 1 medlem er invitert; påminnelser går bare til medlemmer av parter som ikke har svart (R).',
        'U1 er åpen for tilbakemelding til D. 2 medlemmer er invitert; påminnelser går bare til medlemmer av parter som ikke har svart (R).',
        'U1 er åpen for tilbakemelding til D. 5 medlemmer er invitert; påminnelser går bare til medlemmer av parter som ikke har svart (R).',
      ],
      nn: [
        'U1 er open for tilbakemelding til D. 0 medlemmer er inviterte; påminningar går berre til medlemmer av partar som ikkje har svart (R).',
        'U1 er open for tilbakemelding til D. 1 medlem er invitert; påminningar går berre til medlemmer av partar som ikkje har svart (R).',
        'U1 er open for tilbakemelding til D. 2 medlemmer er inviterte; påminningar går berre til medlemmer av partar som ikkje har svart (R).',
        'U1 er open for tilbakemelding til D. 5 medlemmer er inviterte; påminningar går berre til medlemmer av partar som ikkje har svart (R).',
      ],
      en: [
        'U1 is open for feedback until D. 0 members are invited; reminders go only to members of parties that have not responded (R).',
        'U1 is open for feedback until D. 1 member is invited; reminders go only to members of parties that have not responded (R).',
        'U1 is open for feedback until D. 2 members are invited; reminders go only to members of parties that have not responded (R).',
        'U1 is open for feedback until D. 5 members are invited; reminders go only to members of parties that have not responded (R).',
      ],
    };
    for (const lang of ['nb', 'nn', 'en'] as const) expect(N.map((n) => texts(lang, 'strategy.reply.opened', v(n)))).toEqual(expected[lang]);
  });
  it('strategy.reply.intro', () => {
    const v = (n: number) => ({ title: 'S', label: 'U1', total: n, date: 'D' });
    const expected: Record<Lang, string[]> = {
      nb: [
        '*S* (U1) har 0 deler. Trykk på et standpunkt for hver del — ett trykk lagrer og tar deg videre. Legg til en kommentar eller et tekstforslag der du vil. Du kan stoppe når som helst og endre tilbakemeldingen fram til D.',
        '*S* (U1) har 1 del. Trykk på et standpunkt for hver del — ett trykk lagrer og tar deg videre. Legg til en kommentar eller et tekstforslag der du vil. Du kan stoppe når som helst og endre tilbakemeldingen fram til D.',
        '*S* (U1) har 2 deler. Trykk på et standpunkt for hver del — ett trykk lagrer og tar deg videre. Legg til en kommentar eller et tekstforslag der du vil. Du kan stoppe når som helst og endre tilbakemeldingen fram til D.',
        '*S* (U1) har 5 deler. Trykk på et standpunkt for hver del — ett trykk lagrer og tar deg videre. Legg til en kommentar eller et tekstforslag der du vil. Du kan stoppe når som helst og endre tilbakemeldingen fram til D.',
      ],
      nn: [
        '*S* (U1) har 0 delar. Trykk på eit standpunkt for kvar del — eitt trykk lagrar og tek deg vidare. Legg til ein kommentar eller eit tekstforslag der du vil. Du kan stoppe kva tid du vil og endre tilbakemeldinga fram til D.',
        '*S* (U1) har 1 del. Trykk på eit standpunkt for kvar del — eitt trykk lagrar og tek deg vidare. Legg til ein kommentar eller eit tekstforslag der du vil. Du kan stoppe kva tid du vil og endre tilbakemeldinga fram til D.',
        '*S* (U1) har 2 delar. Trykk på eit standpunkt for kvar del — eitt trykk lagrar og tek deg vidare. Legg til ein kommentar eller eit tekstforslag der du vil. Du kan stoppe kva tid du vil og endre tilbakemeldinga fram til D.',
        '*S* (U1) har 5 delar. Trykk på eit standpunkt for kvar del — eitt trykk lagrar og tek deg vidare. Legg til ein kommentar eller eit tekstforslag der du vil. Du kan stoppe kva tid du vil og endre tilbakemeldinga fram til D.',
      ],
      en: [
        '*S* (U1) has 0 sections. Tap a stance for each — one tap saves it and takes you on. Add a comment or a proposed wording where you want to. You can stop at any time and change your feedback until D.',
        '*S* (U1) has 1 section. Tap a stance for each — one tap saves it and takes you on. Add a comment or a proposed wording where you want to. You can stop at any time and change your feedback until D.',
        '*S* (U1) has 2 sections. Tap a stance for each — one tap saves it and takes you on. Add a comment or a proposed wording where you want to. You can stop at any time and change your feedback until D.',
        '*S* (U1) has 5 sections. Tap a stance for each — one tap saves it and takes you on. Add a comment or a proposed wording where you want to. You can stop at any time and change your feedback until D.',
      ],
    };
    for (const lang of ['nb', 'nn', 'en'] as const) expect(N.map((n) => texts(lang, 'strategy.reply.intro', v(n)))).toEqual(expected[lang]);
  });
  it('strategy.card.endTitle', () => {
    const v = (n: number) => ({ total: n, answered: 0 });
    const expected: Record<Lang, string[]> = {
      nb: [
        'Du har gått gjennom alle 0 delene og svart på 0.',
        'Du har gått gjennom den ene delen og svart på 0.',
        'Du har gått gjennom alle 2 delene og svart på 0.',
        'Du har gått gjennom alle 5 delene og svart på 0.',
      ],
      nn: [
        'Du har gått gjennom alle dei 0 delane og svart på 0.',
        'Du har gått gjennom den eine delen og svart på 0.',
        'Du har gått gjennom alle dei 2 delane og svart på 0.',
        'Du har gått gjennom alle dei 5 delane og svart på 0.',
      ],
      en: [
        'You have been through all 0 sections and answered 0.',
        'You have been through the one section and answered 0.',
        'You have been through all 2 sections and answered 0.',
        'You have been through all 5 sections and answered 0.',
      ],
    };
    for (const lang of ['nb', 'nn', 'en'] as const) expect(N.map((n) => texts(lang, 'strategy.card.endTitle', v(n)))).toEqual(expected[lang]);
  });
  it('strategy.status.member', () => {
    const v = (n: number) => ({ title: 'S', label: 'U1', date: 'D', answered: 0, total: n });
    const expected: Record<Lang, string[]> = {
      nb: [
        '*S* (U1): tilbakemelding innen D — du har svart på 0 av 0 deler.',
        '*S* (U1): tilbakemelding innen D — du har svart på 0 av 1 del.',
        '*S* (U1): tilbakemelding innen D — du har svart på 0 av 2 deler.',
        '*S* (U1): tilbakemelding innen D — du har svart på 0 av 5 deler.',
      ],
      nn: [
        '*S* (U1): tilbakemelding innan D — du har svart på 0 av 0 delar.',
        '*S* (U1): tilbakemelding innan D — du har svart på 0 av 1 del.',
        '*S* (U1): tilbakemelding innan D — du har svart på 0 av 2 delar.',
        '*S* (U1): tilbakemelding innan D — du har svart på 0 av 5 delar.',
      ],
      en: [
        '*S* (U1): feedback by D — you have answered 0 of 0 sections.',
        '*S* (U1): feedback by D — you have answered 0 of 1 section.',
        '*S* (U1): feedback by D — you have answered 0 of 2 sections.',
        '*S* (U1): feedback by D — you have answered 0 of 5 sections.',
      ],
    };
    for (const lang of ['nb', 'nn', 'en'] as const) expect(N.map((n) => texts(lang, 'strategy.status.member', v(n)))).toEqual(expected[lang]);
  });
  it('strategy.status.admin', () => {
    const v = (n: number) => ({ title: 'S', label: 'U1', date: 'D', responded: 0, parties: n });
    const expected: Record<Lang, string[]> = {
      nb: [
        '*S* (U1) er åpen til D: 0 av 0 parter har svart.',
        '*S* (U1) er åpen til D: 0 av 1 part har svart.',
        '*S* (U1) er åpen til D: 0 av 2 parter har svart.',
        '*S* (U1) er åpen til D: 0 av 5 parter har svart.',
      ],
      nn: [
        '*S* (U1) er open til D: 0 av 0 partar har svart.',
        '*S* (U1) er open til D: 0 av 1 part har svart.',
        '*S* (U1) er open til D: 0 av 2 partar har svart.',
        '*S* (U1) er open til D: 0 av 5 partar har svart.',
      ],
      en: [
        '*S* (U1) is open until D: 0 of 0 parties have responded.',
        '*S* (U1) is open until D: 0 of 1 party has responded.',
        '*S* (U1) is open until D: 0 of 2 parties have responded.',
        '*S* (U1) is open until D: 0 of 5 parties have responded.',
      ],
    };
    for (const lang of ['nb', 'nn', 'en'] as const) expect(N.map((n) => texts(lang, 'strategy.status.admin', v(n)))).toEqual(expected[lang]);
  });
  it('strategy.notice.closed', () => {
    const v = (n: number) => ({ title: 'S', label: 'U1', responded: 0, parties: n });
    const expected: Record<Lang, string[]> = {
      nb: [
        'Perioden for tilbakemelding på *S* (U1) er over: 0 av 0 parter svarte.',
        'Perioden for tilbakemelding på *S* (U1) er over: 0 av 1 part svarte.',
        'Perioden for tilbakemelding på *S* (U1) er over: 0 av 2 parter svarte.',
        'Perioden for tilbakemelding på *S* (U1) er over: 0 av 5 parter svarte.',
      ],
      nn: [
        'Perioden for tilbakemelding på *S* (U1) er over: 0 av 0 partar svarte.',
        'Perioden for tilbakemelding på *S* (U1) er over: 0 av 1 part svarte.',
        'Perioden for tilbakemelding på *S* (U1) er over: 0 av 2 partar svarte.',
        'Perioden for tilbakemelding på *S* (U1) er over: 0 av 5 partar svarte.',
      ],
      en: [
        'The feedback period for *S* (U1) has ended: 0 of 0 parties responded.',
        'The feedback period for *S* (U1) has ended: 0 of 1 party responded.',
        'The feedback period for *S* (U1) has ended: 0 of 2 parties responded.',
        'The feedback period for *S* (U1) has ended: 0 of 5 parties responded.',
      ],
    };
    for (const lang of ['nb', 'nn', 'en'] as const) expect(N.map((n) => texts(lang, 'strategy.notice.closed', v(n)))).toEqual(expected[lang]);
  });
  it('strategy.cli.loaded', () => {
    const v = (n: number) => ({ title: 'S', label: 'U1', number: 1, count: n, community: 'C' });
    const expected: Record<Lang, string[]> = {
      nb: [
        'Lastet inn «S» U1 (versjon 1, 0 deler) i C.',
        'Lastet inn «S» U1 (versjon 1, 1 del) i C.',
        'Lastet inn «S» U1 (versjon 1, 2 deler) i C.',
        'Lastet inn «S» U1 (versjon 1, 5 deler) i C.',
      ],
      nn: [
        'Lasta inn «S» U1 (versjon 1, 0 delar) i C.',
        'Lasta inn «S» U1 (versjon 1, 1 del) i C.',
        'Lasta inn «S» U1 (versjon 1, 2 delar) i C.',
        'Lasta inn «S» U1 (versjon 1, 5 delar) i C.',
      ],
      en: [
        'Loaded «S» U1 (version 1, 0 sections) into C.',
        'Loaded «S» U1 (version 1, 1 section) into C.',
        'Loaded «S» U1 (version 1, 2 sections) into C.',
        'Loaded «S» U1 (version 1, 5 sections) into C.',
      ],
    };
    for (const lang of ['nb', 'nn', 'en'] as const) expect(N.map((n) => texts(lang, 'strategy.cli.loaded', v(n)))).toEqual(expected[lang]);
  });
});

describe('strategy selects', () => {
  it('names stances, states, changes and decisions', () => {
    expect(texts('nn', 'strategy.type.stance', { stance: 'not_supports' })).toBe('Støttar ikkje');
    expect(texts('nb', 'strategy.type.stance', { stance: 'no_comment' })).toBe('Ingen merknad');
    expect(texts('en', 'strategy.type.stance', { stance: 'supports_changes' })).toBe('Supports with changes');
    expect(texts('nb', 'strategy.status.version', { state: 'open', date: 'D' })).toBe('åpen for tilbakemelding til D');
    expect(texts('nn', 'strategy.status.version', { state: 'closed', date: '' })).toBe('tilbakemeldinga er avslutta');
    expect(texts('nn', 'strategy.card.change', { change: 'new', label: 'U1' })).toBe('Ny sidan U1');
    expect(texts('en', 'strategy.card.change', { change: 'unchanged', label: 'U1' })).toBe('Unchanged since U1');
    expect(texts('nb', 'strategy.card.decision', { kind: 'endorsed', body: 'Partnerskapsmøtet', date: 'D' })).toBe('Tilslutning fra Partnerskapsmøtet D');
    expect(texts('nn', 'strategy.type.decision', { kind: 'approved' })).toBe('Godkjend (SSU)');
  });
});
