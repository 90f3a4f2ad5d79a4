/**
 * What Samla relies on from its database, checked on the real server the run uses: the embedded
 * FerretDB (with our patches, tools/ferretdb/patches/) or, with MONGODB_URI, a MongoDB. Only the
 * driver's public API is used, so the same file runs unchanged against either.
 *
 * Without the patches these fail on FerretDB 1.24: concurrent `$inc` and `$push` lose most of
 * their changes, a conditional claim has many winners, agenda runs jobs twice, bursts of writes
 * get SQLITE_BUSY, and no query uses an index.
 */
import { randomBytes } from 'node:crypto';
import { Agenda } from 'agenda';
import { MongoBackend } from '@agendajs/mongo-backend';
import { Double, MongoClient, ObjectId, type Db, type Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';

const uri = inject('mongoUri');
const dbName = `t_db_${randomBytes(5).toString('hex')}`;
let client: MongoClient;
let db: Db;

beforeAll(async () => {
  client = await MongoClient.connect(uri, { maxPoolSize: 100 });
  db = client.db(dbName);
});
afterAll(async () => {
  await db?.dropDatabase();
  await client?.close();
});

const N = 300;
const all = <T>(n: number, fn: (i: number) => Promise<T>) => Promise.all(Array.from({ length: n }, (_, i) => fn(i)));

describe('single-document writes are atomic', () => {
  it(`${N} concurrent $inc on one document add up exactly`, async () => {
    const c = db.collection<{ _id: string; n: number }>('counters');
    await c.insertOne({ _id: 'votes', n: 0 });
    await all(N, () => c.updateOne({ _id: 'votes' }, { $inc: { n: 1 } }));
    expect((await c.findOne({ _id: 'votes' }))?.n).toBe(N);
  });

  it(`${N} concurrent $push on one document keep every element`, async () => {
    const c = db.collection<{ items: number[] }>('lists');
    const { insertedId } = await c.insertOne({ items: [] });
    await all(N, (i) => c.updateOne({ _id: insertedId }, { $push: { items: i } }));
    const doc = await c.findOne({ _id: insertedId });
    expect([...(doc?.items ?? [])].sort((a, b) => a - b)).toEqual(Array.from({ length: N }, (_, i) => i));
  });

  it('a conditional claim has exactly one winner among 200 callers', async () => {
    const c = db.collection('claims');
    const { insertedId } = await c.insertOne({ owner: null });
    const results = await all(200, (i) => c.findOneAndUpdate({ _id: insertedId, owner: null }, { $set: { owner: `caller-${i}` } }, { returnDocument: 'after' }));
    const winners = results.filter((r) => r !== null);
    expect(winners).toHaveLength(1);
    expect((await c.findOne({ _id: insertedId }))?.owner).toBe(winners[0]!.owner);
  });

  it('a conditional update by _id changes a document once, however many try', async () => {
    const c = db.collection('states');
    const { insertedId } = await c.insertOne({ state: 'submitted', rev: 0 });
    const results = await all(100, () => c.updateOne({ _id: insertedId, state: 'submitted' }, { $set: { state: 'accepted' }, $inc: { rev: 1 } }));
    expect(results.reduce((s, r) => s + r.modifiedCount, 0)).toBe(1);
    expect(await c.findOne({ _id: insertedId })).toMatchObject({ state: 'accepted', rev: 1 });
  });

  it('upserts on a compound unique key make one document per key, with the last write kept', async () => {
    const c = db.collection('votes');
    await c.createIndex({ poll: 1, voter: 1 }, { unique: true });
    const poll = new ObjectId();
    const voters = Array.from({ length: 50 }, () => new ObjectId());
    // Every voter four times at once (double clicks, retries), then once more with their final choice.
    await all(200, (i) => c.updateOne({ poll, voter: voters[i % 50] }, { $set: { choice: 'a' }, $setOnInsert: { at: new Date() } }, { upsert: true }));
    await all(50, (i) => c.updateOne({ poll, voter: voters[i] }, { $set: { choice: i % 2 ? 'b' : 'c' } }, { upsert: true }));
    expect(await c.countDocuments({ poll })).toBe(50);
    expect(await c.countDocuments({ poll, choice: 'b' })).toBe(25);
    expect(await c.countDocuments({ poll, choice: 'a' })).toBe(0);
  });

  it('inserting the same key under a unique index at once succeeds exactly once', async () => {
    const c = db.collection('keys');
    await c.createIndex({ key: 1 }, { unique: true });
    const results = await Promise.allSettled(Array.from({ length: 100 }, () => c.insertOne({ key: 'event:1' })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const codes = results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as { code?: number }).code] : []));
    expect(new Set(codes)).toEqual(new Set([11000]));
  });

  it('a burst of 200 updates by _id on a large collection all succeed (no busy database)', async () => {
    const c = db.collection('big');
    const docs = Array.from({ length: 20_000 }, (_, i) => ({ _id: new ObjectId(), i, n: 0 }));
    for (let i = 0; i < docs.length; i += 2000) await c.insertMany(docs.slice(i, i + 2000));
    const targets = Array.from({ length: 200 }, (_, i) => docs[i * 97]!._id);
    const results = await Promise.allSettled(targets.map((_id) => c.updateOne({ _id }, { $inc: { n: 1 } })));
    expect(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
    expect(await c.countDocuments({ n: 1 })).toBe(200);
  });
});

describe('agenda job locking', () => {
  it('two schedulers on one database run each due job exactly once', async () => {
    const runs = new Map<string, number>();
    const address = uri.replace(/\/?(\?.*)?$/, (_m, q: string | undefined) => `/${dbName}${q ?? ''}`);
    const make = (name: string) => {
      const agenda = new Agenda({ backend: new MongoBackend({ address, collection: 'agendaJobs' }), processEvery: 200, name, defaultConcurrency: 20 });
      agenda.define<{ key: string }>('tick', async (job) => {
        runs.set(job.attrs.data.key, (runs.get(job.attrs.data.key) ?? 0) + 1);
        await new Promise((r) => setTimeout(r, 20));
      });
      return agenda;
    };
    const a = make('a');
    const b = make('b');
    await a.ready;
    await b.ready;
    const keys = Array.from({ length: 30 }, (_, i) => `job-${i}`);
    for (const key of keys) await a.schedule(new Date(Date.now() + 300), 'tick', { key });
    await Promise.all([a.start(), b.start()]);
    const deadline = Date.now() + 30_000;
    while (runs.size < keys.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 1500)); // time enough for a second run, if there were one
    await Promise.all([a.stop(), b.stop()]);
    expect(runs.size).toBe(keys.length);
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
  });
});

/** True when an explain output says the winning plan reads an index (MongoDB or FerretDB wording). */
function usesIndex(explain: Document): boolean {
  const text = JSON.stringify(explain);
  if (/"IXSCAN"|"IDHACK"|"EXPRESS_IXSCAN"|"EXPRESS_IDHACK"|"CLUSTERED_IXSCAN"/.test(text)) return true; // MongoDB
  const plan = (explain.queryPlanner as { Plan?: string[] } | undefined)?.Plan; // FerretDB (SQLite's plan)
  return Boolean(plan?.length) && plan!.every((step) => !/detail=SCAN /.test(step)) && plan!.some((step) => /USING (COVERING )?INDEX/.test(step));
}

describe('reads use the indexes', () => {
  let c: ReturnType<Db['collection']>;
  const poll = new ObjectId();
  const voter = new ObjectId();
  beforeAll(async () => {
    c = db.collection('ballots');
    await c.createIndex({ poll: 1, voter: 1 }, { unique: true });
    await c.createIndex({ community: 1, email: 1 });
    await c.insertMany(Array.from({ length: 500 }, () => ({ poll: new ObjectId(), voter: new ObjectId(), community: 'x', email: 'a@b' })));
    await c.insertOne({ poll, voter, choice: 'a', community: 'demo', email: 'kari@demo.no' });
  });

  it('a lookup by _id', async () => {
    const doc = await c.findOne({ poll });
    expect(usesIndex(await c.find({ _id: doc!._id }).explain())).toBe(true);
  });

  it('an equality filter on the fields of a compound index', async () => {
    expect(usesIndex(await c.find({ poll, voter }).explain())).toBe(true);
    expect(usesIndex(await c.find({ community: 'demo', email: 'kari@demo.no' }).explain())).toBe(true);
  });

  it('an equality filter on the leading field, with other conditions beside it', async () => {
    expect(usesIndex(await c.find({ poll, choice: { $ne: 'z' } }).explain())).toBe(true);
    expect(usesIndex(await c.find({ community: { $in: ['demo', 'other'] } }).explain())).toBe(true);
  });
});

describe('indexed reads return what MongoDB returns', () => {
  let c: ReturnType<Db['collection']>;
  beforeAll(async () => {
    c = db.collection('semantics');
    await c.createIndex({ f: 1 });
    await c.insertMany([
      { k: 1, f: 'a' },
      { k: 2, f: ['a', 'b'] },
      { k: 3, f: ['a'] },
      { k: 4, f: 'b' },
      { k: 5 },
      { k: 6, f: null },
      { k: 7, f: 12 },
      { k: 8, f: new Double(12) },
      { k: 9, f: 'æøå <&> "quoted" \u2028' },
      { k: 10, f: 0 },
      { k: 11, f: new Double(-0) },
      { k: 12, f: true },
      { k: 13, f: { a: 1 } },
      { k: 14, f: new Date(Date.UTC(2026, 11, 1)) },
    ]);
  });
  const ks = async (filter: Document) => (await c.find(filter).toArray()).map((d) => d.k as number).sort((a, b) => a - b);

  it('a value matches itself and the arrays that contain it', async () => {
    expect(await ks({ f: 'a' })).toEqual([1, 2, 3]);
    expect(await ks({ f: { $eq: 'b' } })).toEqual([2, 4]);
    expect(await ks({ f: { $in: ['a', 'b'] } })).toEqual([1, 2, 3, 4]);
  });

  it('numbers match across int and double, and 0 matches -0', async () => {
    expect(await ks({ f: 12 })).toEqual([7, 8]);
    expect(await ks({ f: new Double(12) })).toEqual([7, 8]);
    expect(await ks({ f: 0 })).toEqual([10, 11]);
  });

  it('null matches missing fields; other types match only themselves', async () => {
    expect(await ks({ f: null })).toEqual([5, 6]);
    expect(await ks({ f: true })).toEqual([12]);
    expect(await ks({ f: 'æøå <&> "quoted" \u2028' })).toEqual([9]);
    expect(await ks({ f: new Date(Date.UTC(2026, 11, 1)) })).toEqual([14]);
    expect(await ks({ f: { a: 1 } })).toEqual([13]);
    expect(await ks({ f: ['a'] })).toEqual([3]);
  });

  it('null, ranges and $or match as on MongoDB, arrays included', async () => {
    const r = db.collection('ranges');
    await r.createIndex({ name: 1, at: 1 });
    const day = (d: number) => new Date(Date.UTC(2026, 11, d));
    await r.insertMany([
      { k: 1, name: 'j', at: day(1), lockedAt: null },
      { k: 2, name: 'j', at: day(5) },
      { k: 3, name: 'j', at: [day(9), day(2)] },
      { k: 4, name: 'j', at: null, lockedAt: day(1) },
      { k: 5, name: 'j', n: 7 },
      { k: 6, name: 'j', n: [1, 20] },
      { k: 7, name: 'other', at: day(1) },
      { k: 8, name: 'j', lockedAt: [null] },
    ]);
    const rk = async (filter: Document) => (await r.find(filter).toArray()).map((d) => d.k as number).sort((a, b) => a - b);
    expect(await rk({ name: 'j', at: { $lte: day(2) } })).toEqual([1, 3]);
    expect(await rk({ name: 'j', at: { $gt: day(1), $lt: day(9) } })).toEqual([2, 3]);
    expect(await rk({ n: { $gte: 7 } })).toEqual([5, 6]);
    expect(await rk({ n: { $lt: 2 } })).toEqual([6]);
    expect(await rk({ name: 'j', lockedAt: null })).toEqual([1, 2, 3, 5, 6, 8]);
    expect(await rk({ name: 'j', lockedAt: { $eq: null }, at: { $lte: day(5) } })).toEqual([1, 2, 3]);
    // agenda's "next job to run"
    expect(await rk({ name: 'j', disabled: { $ne: true }, $or: [{ lockedAt: { $eq: null }, at: { $lte: day(3) } }, { lockedAt: { $lte: day(1) } }] })).toEqual([1, 3, 4]);
    expect(await rk({ $or: [{ name: 'other' }, { n: 7 }] })).toEqual([5, 7]);
    expect(await rk({ $and: [{ name: 'j' }, { n: { $gt: 10 } }] })).toEqual([6]);
  });

  it('results keep their insertion order when no sort is given', async () => {
    expect((await c.find({ f: { $in: ['b', 'a'] } }).toArray()).map((d) => d.k)).toEqual([1, 2, 3, 4]);
  });
});
