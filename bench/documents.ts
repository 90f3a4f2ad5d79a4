/**
 * The input round summary as a Word document for a round of 2,000 answers, downloaded through the
 * signed link over HTTP as the secretariat would. Baseline: the CSV export of the same round,
 * downloaded the same way in the same run. Time: the median of three downloads after one to warm
 * up, for each. Memory: how much the resident size of this process grows while a download runs
 * (the largest of the three), and its peak.
 */
import { EXPORT_KIND } from '../dialogs/input/exports.js';
import { DEMO_SECRETARIAT_EMAIL } from '../src/demo.js';
import type { ExportFormat } from '../src/exports.js';
import { roundWithContributions } from './exports.js';
import { ms, peakRss, percentile, record, startBenchApp } from './lib.js';

const N = 2_000;

export async function documentSpeed(): Promise<void> {
  console.log(`\nInput round summary as Word, ${N.toLocaleString('en')} answers (signed link over HTTP)`);
  const t = await startBenchApp({}, { runJobs: false });
  try {
    const sara = await t.member(DEMO_SECRETARIAT_EMAIL);
    const round = await roundWithContributions(t, N, 'Innspel til utviklingsplanen');
    const download = async (format: ExportFormat) => {
      const url = await t.app.services.exports.link({ community: t.community._id, member: sara._id, kind: EXPORT_KIND, format, params: { round: String(round._id) } });
      const r = await fetch(url);
      const body = Buffer.from(await r.arrayBuffer());
      if (r.status !== 200) throw new Error(`export answered ${r.status}: ${body.toString('utf8').slice(0, 200)}`);
      return body.length;
    };
    const measure = async (format: ExportFormat) => {
      await download(format);
      const times: number[] = [];
      let grew = 0;
      let peak = 0;
      let bytes = 0;
      for (let i = 0; i < 3; i++) {
        global.gc?.();
        const before = process.memoryUsage().rss / 1024 / 1024;
        const t0 = ms();
        const r = await peakRss(() => download(format));
        times.push(ms() - t0);
        grew = Math.max(grew, r.peakMiB - before);
        peak = Math.max(peak, r.peakMiB);
        bytes = r.result;
      }
      return { ms: percentile(times, 50), grewMiB: grew, peakMiB: peak, kiB: bytes / 1024 };
    };

    const csv = await measure('csv');
    const docx = await measure('docx');
    record({
      name: `Word summary of ${N.toLocaleString('en')} answers: time`,
      value: docx.ms,
      unit: 'ms',
      baseline: { name: 'CSV export of the same round', value: csv.ms },
      goal: '≤ 3× baseline',
      met: docx.ms <= 3 * csv.ms,
    });
    record({
      name: `Word summary of ${N.toLocaleString('en')} answers: memory growth while downloading`,
      value: docx.grewMiB,
      unit: 'MiB',
      baseline: { name: 'CSV export of the same round', value: Math.max(1, csv.grewMiB) },
      goal: '< 100 MiB',
      met: docx.grewMiB < 100,
    });
    record({ name: 'Word summary: peak RSS of the whole benchmark process', value: docx.peakMiB, unit: 'MiB' });
    record({ name: 'Word summary: file size', value: docx.kiB, unit: 'KiB', baseline: { name: 'CSV', value: csv.kiB } });
  } finally {
    await t.close();
  }
}
