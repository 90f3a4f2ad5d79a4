/**
 * The secretariat's export of a year's input: 20,000 contributions (5,000 in the quick run) to
 * one round, downloaded as CSV and as XLSX through the signed link over HTTP, as a member would. Baseline: a raw driver
 * cursor over the same documents, each written out as JSON, in the same run. Memory: how much the
 * resident size of this process grows while the download runs (the export is streamed, so this
 * stays well below the size of the data), and its peak.
 */
import { Types } from 'mongoose';
import { Contribution } from '../models/contribution.js';
import { Member } from '../models/member.js';
import type { RoundDoc } from '../models/round.js';
import type { TestApp } from '../test/support/app.js';
import { openRound } from '../test/support/rounds.js';
import { EXPORT_KIND } from '../dialogs/input/exports.js';
import { DEMO_SECRETARIAT_EMAIL } from '../src/demo.js';
import { ms, peakRss, record, scale, startBenchApp } from './lib.js';

const THEMES = ['Samhandling', 'Rekruttering', 'Digitalisering', 'Økonomi'];
const GROUPS = ['children', 'mental_health', 'frail_elderly', 'chronic'];
const TEXT =
  'Kommunen meiner at samhandlinga mellom sjukehuset og kommunane må styrkjast, særleg for skrøpelege eldre og ' +
  'for barn og unge med psykiske vanskar. Me treng felles rutinar for utskriving og betre digitale verktøy. ';

/** A round with `N` contributions from the demo members, in batches straight into the collection. */
export async function roundWithContributions(t: TestApp, N: number, title = 'Årsinnspel'): Promise<RoundDoc> {
  const round = await openRound(t, { title, themes: THEMES });
  const authors = await Member.find({ community: t.community._id });
  for (let from = 0; from < N; from += 2000) {
    await Contribution.collection.insertMany(
      Array.from({ length: Math.min(2000, N - from) }, (_, j) => {
        const i = from + j;
        const a = authors[i % authors.length]!;
        const at = new Date(Date.now() - (N - i) * 60_000);
        return {
          community: t.community._id,
          round: round._id,
          body: null,
          member: a._id,
          party: a.party,
          text: `${TEXT}(${i})`,
          themes: [THEMES[i % 4]!],
          priorityGroups: [GROUPS[i % 4]!],
          status: 'active',
          submission: `bench-${i}`,
          createdAt: at,
          updatedAt: at,
        };
      }),
    );
  }
  return round;
}

export async function exportSpeed(): Promise<void> {
  const N = scale(5_000, 20_000);
  console.log(`\nExport of ${N.toLocaleString('en')} contributions (signed link over HTTP)`);
  const t = await startBenchApp({}, { runJobs: false });
  try {
    const sara = await t.member(DEMO_SECRETARIAT_EMAIL);
    const round = await roundWithContributions(t, N);

    const rawDump = async () => {
      let bytes = 0;
      for await (const doc of Contribution.collection.find({ round: new Types.ObjectId(String(round._id)), status: 'active' }, { batchSize: 10_000 }))
        bytes += JSON.stringify(doc).length;
      return bytes;
    };
    const download = async (format: 'csv' | 'xlsx') => {
      const url = await t.app.services.exports.link({ community: t.community._id, member: sara._id, kind: EXPORT_KIND, format, params: { round: String(round._id) } });
      const r = await fetch(url);
      const body = Buffer.from(await r.arrayBuffer());
      if (r.status !== 200) throw new Error(`export answered ${r.status}: ${body.toString('utf8').slice(0, 200)}`);
      return body.length;
    };
    const timed = async (fn: () => Promise<number>) => {
      global.gc?.();
      const before = process.memoryUsage().rss / 1024 / 1024;
      const t0 = ms();
      const { peakMiB } = await peakRss(fn);
      return { ms: ms() - t0, peakMiB, grewMiB: peakMiB - before };
    };

    await rawDump(); // warm the caches alike
    const raw = await timed(rawDump);
    for (const format of ['csv', 'xlsx'] as const) {
      const r = await timed(() => download(format));
      record({
        name: `${format.toUpperCase()} export: time`,
        value: r.ms,
        unit: 'ms',
        baseline: { name: 'raw cursor dump', value: raw.ms },
        goal: '≤ 1.5× baseline',
        met: r.ms <= 1.5 * raw.ms,
      });
      // The goal is on what the export adds: the process around it (app, fakes, fixtures) is not the export.
      record({
        name: `${format.toUpperCase()} export: memory growth while downloading`,
        value: r.grewMiB,
        unit: 'MiB',
        baseline: { name: 'raw cursor dump', value: Math.max(1, raw.grewMiB) },
        goal: '< 200 MiB',
        met: r.grewMiB < 200,
      });
      record({ name: `${format.toUpperCase()} export: peak RSS of the whole benchmark process`, value: r.peakMiB, unit: 'MiB' });
    }
  } finally {
    await t.close();
  }
}
