/**
 * Table columns in a Word document are as wide as their words need: a long party name keeps to
 * one line beside short answers, and counts stay narrow.
 */
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { renderDocument, table } from '../../src/documents.js';

async function gridColumns(rows: (string | number)[][]): Promise<number[]> {
  const doc = { filename: 'x', title: 'Oppmøte', blocks: [table(['Part', 'Medlem', 'Svar', { header: 'Tal', numeric: true }], rows)] };
  const xml = strFromU8(unzipSync(new Uint8Array(await renderDocument(doc, { name: 'Demo', sensitivityLabel: 'Intern (gul)' }, 'nb')))['word/document.xml']!);
  return [...xml.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
}

describe('table columns in a Word document', () => {
  it('give a long party name the room it needs, and keep counts narrow', async () => {
    const widths = await gridColumns([
      ['Hovedsammenslutningene', 'Ola Nordmann', 'Ja', 1],
      ['Bergen kommune', 'Kari Nordmann', 'Nei', 2],
    ]);
    expect(widths).toHaveLength(4);
    const [party, member, answer, count] = widths as [number, number, number, number];
    // 22 letters at 11 pt Calibri need about 2,700 twentieths of a point.
    expect(party).toBeGreaterThanOrEqual(2700);
    expect(party).toBeGreaterThan(member);
    expect(member).toBeGreaterThan(answer);
    expect(count).toBeLessThan(answer + 1500);
    // Together they fill the page between the margins.
    expect(widths.reduce((a, b) => a + b, 0)).toBeGreaterThan(9000);
  });
});
