import { fileURLToPath } from 'node:url';
import path from 'node:path';

const above = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The project's root folder, wherever the process was started from. Compiled code runs from
 * dist/src/, but .env, package.json and tools/ stay in the project folder above dist/.
 */
export const ROOT = path.basename(above) === 'dist' ? path.dirname(above) : above;
