/** `npm run db:build`: builds the embedded database ahead of time (CI does this before the tests). */
import { ensureBinary } from './embedded.js';

const bin = await ensureBinary((m) => console.error(m));
console.error(`Embedded database ready: ${bin}`);
