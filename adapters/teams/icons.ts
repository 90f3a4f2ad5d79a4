/**
 * Draws the two icons of the Teams app package — color (192×192, full bleed) and outline (32×32,
 * white on transparent, as Teams requires) — and encodes them as PNG with Node's own zlib.
 * The glyph: three partners joined in one circle («samla» = gather).
 * Run `npx tsx adapters/teams/icons.ts` to write teams/color.png and teams/outline.png again.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

type RGBA = [number, number, number, number];
/** Coverage of a shape at a point in the unit square (0..1 coordinates). */
type Shape = (x: number, y: number) => boolean;

const BRAND: RGBA = [0x1b, 0x6b, 0x73, 255];
const WHITE: RGBA = [255, 255, 255, 255];

function glyph(scale: number): Shape {
  // Three dots on a ring, joined to the centre; `scale` shrinks it into the color icon's safe area.
  const c = 0.5;
  const R = 0.3 * scale;
  const dots = [0, 1, 2].map((i) => {
    const a = -Math.PI / 2 + (i * 2 * Math.PI) / 3;
    return [c + R * Math.cos(a), c + R * Math.sin(a)] as const;
  });
  const dotR = 0.1 * scale;
  const ring = 0.045 * scale;
  const hub = 0.07 * scale;
  const bar = 0.035 * scale;
  const nearSegment = (x: number, y: number, [ax, ay]: readonly [number, number], w: number) => {
    const dx = ax - c;
    const dy = ay - c;
    const t = Math.max(0, Math.min(1, ((x - c) * dx + (y - c) * dy) / (dx * dx + dy * dy)));
    return Math.hypot(x - (c + t * dx), y - (c + t * dy)) <= w;
  };
  return (x, y) => {
    const r = Math.hypot(x - c, y - c);
    if (Math.abs(r - R) <= ring) return true;
    if (r <= hub) return true;
    return dots.some((d) => Math.hypot(x - d[0], y - d[1]) <= dotR || nearSegment(x, y, d, bar));
  };
}

/** Renders with 4×4 supersampling, so edges are smooth. */
function draw(size: number, background: RGBA | null, shape: Shape, ink: RGBA): Buffer {
  const px = Buffer.alloc(size * size * 4);
  const ss = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let hits = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) if (shape((x + (sx + 0.5) / ss) / size, (y + (sy + 0.5) / ss) / size)) hits++;
      }
      const a = hits / (ss * ss);
      const bg = background ?? [ink[0], ink[1], ink[2], 0];
      const o = (y * size + x) * 4;
      for (let k = 0; k < 3; k++) px[o + k] = Math.round(bg[k]! * (1 - a) + ink[k]! * a);
      px[o + 3] = Math.round(bg[3] * (1 - a) + ink[3] * a);
    }
  }
  return px;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(td) >>> 0);
  return Buffer.concat([len, td, crc]);
}

export function encodePng(size: number, rgba: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export function colorIcon(): Buffer {
  return encodePng(192, draw(192, BRAND, glyph(0.9), WHITE));
}

export function outlineIcon(): Buffer {
  return encodePng(32, draw(32, null, glyph(1.45), WHITE));
}

export const PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../teams');

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  fs.writeFileSync(path.join(PACKAGE_DIR, 'color.png'), colorIcon());
  fs.writeFileSync(path.join(PACKAGE_DIR, 'outline.png'), outlineIcon());
  process.stdout.write(`wrote ${PACKAGE_DIR}/color.png and outline.png\n`);
}
