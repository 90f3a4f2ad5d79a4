/**
 * `npm run samla -- <command>`: directory maintenance without a chat.
 *   import <file.yaml|file.json>   load a member directory (all or nothing)
 *   check <file>                   validate a directory file without writing
 *   demo-members                   list the demo members and their e-mails
 *   and the commands capabilities bring (the strategy's «strategy-load»), listed in the usage line
 */
import mongoose from 'mongoose';
import { Community } from '../models/community.js';
import { Member } from '../models/member.js';
import { Party } from '../models/party.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/connect.js';
import { checkDirectory, importDirectory, readDirectoryFile } from './directory-import.js';
import { DEMO_SLUG, seedDemoIfEmpty } from './demo.js';
import { SamlaError } from './errors.js';
import { createLogger } from './log.js';
import { capabilities } from './composition.js';
import { loadDotEnv } from './dotenv.js';

const [cmd, arg] = process.argv.slice(2);
const dialogs = capabilities();
const brought = new Map(dialogs.flatMap((d) => Object.entries(d.cli ?? {})));
const usage = `usage: npm run samla -- import <file> | check <file> | demo-members${[...brought.values()].map((c) => ` | ${c.usage}`).join('')}`;

async function main(): Promise<number> {
  if (cmd === 'check') {
    if (!arg) throw new SamlaError('usage', usage);
    const { problems } = checkDirectory(readDirectoryFile(arg));
    if (problems.length) {
      console.error(`${arg}: ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
      return 1;
    }
    console.log(`${arg}: OK`);
    return 0;
  }
  const own = cmd ? brought.get(cmd) : undefined;
  if (cmd !== 'import' && cmd !== 'demo-members' && !own) throw new SamlaError('usage', usage);
  loadDotEnv();
  const config = loadConfig();
  const db = await openDatabase(config, createLogger(process.env.LOG_LEVEL ? config.LOG_LEVEL : 'warn'));
  try {
    if (own) return await own.run(process.argv.slice(3), (l) => console.log(l));
    if (cmd === 'import') {
      if (!arg) throw new SamlaError('usage', usage);
      const r = await importDirectory(readDirectoryFile(arg));
      console.log(`Imported ${r.community.name}: ${r.parties} parties, ${r.bodies} bodies, ${r.members} members.`);
      return 0;
    }
    await seedDemoIfEmpty(dialogs);
    const c = await Community.findOne({ slug: DEMO_SLUG });
    if (!c) throw new SamlaError('no_demo', 'There is no demo community in this database.');
    const parties = new Map((await Party.find({ community: c._id })).map((p) => [String(p._id), p.name]));
    for (const m of await Member.find({ community: c._id }).sort({ email: 1 })) {
      console.log(`${m.email.padEnd(40)} ${m.name.padEnd(24)} ${parties.get(String(m.party)) ?? ''}`);
    }
    return 0;
  } finally {
    await db.close();
    await mongoose.disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof SamlaError ? err.message : err);
    process.exit(1);
  },
);
