/** Starts (or joins) the embedded server for a folder, prints its state, and holds it until stdin closes. */
import { startEmbedded } from '../../src/db/embedded.js';

const dir = process.argv[2]!;
try {
  const s = await startEmbedded(dir);
  process.stdout.write(`${JSON.stringify({ uri: s.uri, started: s.started })}\n`);
  process.stdin.resume();
  process.stdin.on('end', async () => {
    await s.stop();
    process.exit(0);
  });
} catch (e) {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(1);
}
