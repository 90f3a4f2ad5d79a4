/**
 * `npm run teams:package`: builds the Teams app package (manifest.json with this bot's app id and
 * host filled in, and the two icons) as a zip to upload in Teams. Reads the environment, and .env
 * when there is one. The zip is made with fflate (a small, maintained zip library).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync, zipSync } from 'fflate';
import { PACKAGE_DIR } from './icons.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ICONS = { 'color.png': 192, 'outline.png': 32 } as const;

export interface PackageSettings {
  MICROSOFT_APP_ID?: string;
  PUBLIC_URL?: string;
}

function pngSize(png: Uint8Array): [number, number] {
  const b = Buffer.from(png);
  if (b.toString('latin1', 1, 4) !== 'PNG') return [0, 0];
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

/** The manifest with its placeholders filled in; throws with every problem in the settings. */
export function fillManifest(template: string, env: PackageSettings): string {
  const problems: string[] = [];
  const appId = env.MICROSOFT_APP_ID?.trim() ?? '';
  if (!GUID.test(appId)) problems.push('MICROSOFT_APP_ID must be the bot’s app id (a GUID like 1b2c3d4e-…)');
  let url: URL | null;
  try {
    url = new URL(env.PUBLIC_URL ?? '');
  } catch {
    url = null;
  }
  if (!url || url.protocol !== 'https:') problems.push('PUBLIC_URL must be the https address Samla is reached at, e.g. https://samla.example.no');
  if (problems.length) throw new Error(`Cannot build the Teams package:\n  - ${problems.join('\n  - ')}`);
  const base = url!.origin;
  return template.replaceAll('{{MICROSOFT_APP_ID}}', appId).replaceAll('{{PUBLIC_URL}}', base).replaceAll('{{PUBLIC_HOST}}', url!.host);
}

export function buildPackage(env: PackageSettings, dir = PACKAGE_DIR): Uint8Array {
  const manifest = fillManifest(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'), env);
  JSON.parse(manifest); // a broken template fails here, not in Teams
  if (manifest.includes('{{')) throw new Error('manifest.json has a placeholder this script does not know');
  const files: Record<string, Uint8Array> = { 'manifest.json': Buffer.from(manifest, 'utf8') };
  for (const [name, size] of Object.entries(ICONS)) {
    const png = fs.readFileSync(path.join(dir, name));
    const [w, h] = pngSize(png);
    if (w !== size || h !== size) throw new Error(`${name} must be ${size}×${size} PNG (it is ${w}×${h}); run npx tsx adapters/teams/icons.ts`);
    files[name] = png;
  }
  return zipSync(files, { level: 9 });
}

export { unzipSync };

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  if (fs.existsSync('.env')) process.loadEnvFile('.env');
  try {
    const zip = buildPackage(process.env);
    const out = path.join(PACKAGE_DIR, 'build', 'samla-teams.zip');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, zip);
    process.stdout.write(`Teams app package: ${path.relative(process.cwd(), out)} (${zip.length} bytes). Upload it in Teams: Apps → Manage your apps → Upload an app.\n`);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(1);
  }
}
