import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './paths.js';

/** Reads .env from the project folder when there is one; the environment wins over the file. */
export function loadDotEnv(): void {
  const file = path.join(ROOT, '.env');
  if (fs.existsSync(file)) process.loadEnvFile(file);
}
