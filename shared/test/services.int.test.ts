/**
 * Smoke tests of the real services that infra/scripts/services.sh provides (Kafka 4 in KRaft
 * mode, FerretDB as the MongoDB-protocol server, Redis), driven with the client libraries the
 * application uses. They fail, never skip, when a service is missing: the integration global
 * setup (infra/jest/global-setup.js) starts the services or throws.
 */
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';
import mongoose from 'mongoose';
import { createClient } from 'redis';
import { correctKafkajsRequestQueue } from '../src/node/bus/kafkajs-request-queue';

const runId = randomUUID().slice(0, 8);

function readServiceUrl(name: 'KAFKA_BROKERS' | 'MONGODB_URI' | 'REDIS_URL'): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set; the integration global setup provides it`);
  return value;
}

describe('Kafka (KRaft broker)', () => {
  // As the application runs kafkajs (its 1 ms request-queue loop corrected).
  correctKafkajsRequestQueue();
  const kafka = new Kafka({
    clientId: `services-smoke-${runId}`,
    brokers: readServiceUrl('KAFKA_BROKERS').split(','),
    logLevel: logLevel.NOTHING,
  });
  const topic = `llmfb.smoke.${runId}`;
  const admin = kafka.admin();
  const producer = kafka.producer({ idempotent: true });
  const consumer = kafka.consumer({ groupId: `llmfb-smoke-${runId}` });

  afterAll(async () => {
    await consumer.disconnect();
    await producer.disconnect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('delivers produced messages, in order per key, to a consumer group', async () => {
    await admin.connect();
    const isCreated = await admin.createTopics({
      topics: [{ topic, numPartitions: 2, replicationFactor: 1 }],
      waitForLeaders: true,
    });
    expect(isCreated).toBe(true);
    expect(await admin.listTopics()).toContain(topic);

    const received: KafkaMessage[] = [];
    const allReceived = new Promise<void>((resolve) => {
      void consumer.connect().then(async () => {
        await consumer.subscribe({ topic, fromBeginning: true });
        await consumer.run({
          eachMessage: async ({ message }) => {
            received.push(message);
            if (received.length === 3) resolve();
          },
        });
      });
    });

    await producer.connect();
    await producer.send({
      topic,
      acks: -1,
      messages: ['first', 'second', 'third'].map((value) => ({ key: 'key-1', value })),
    });

    await allReceived;
    expect(received.map((message) => message.value?.toString())).toEqual([
      'first',
      'second',
      'third',
    ]);
    expect(received.every((message) => message.key?.toString() === 'key-1')).toBe(true);
  });
});

describe('MongoDB protocol server (mongoose)', () => {
  const uri = new URL(readServiceUrl('MONGODB_URI'));
  uri.pathname = `/smoke_${runId}`;
  const connection = mongoose.createConnection(uri.toString(), {
    serverSelectionTimeoutMS: 10_000,
  });

  const accountSchema = new mongoose.Schema({
    email: { type: String, required: true, unique: true },
    team: { type: String, required: true },
    tokens: { type: Number, required: true },
  });
  const Account = connection.model('Account', accountSchema);

  const counterSchema = new mongoose.Schema({ key: { type: String, unique: true }, count: Number });
  const Counter = connection.model('Counter', counterSchema);

  const sessionSchema = new mongoose.Schema({ expiresAt: { type: Date, expires: 0 } });
  const ExpiringSession = connection.model('ExpiringSession', sessionSchema);

  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('creates, finds and updates documents', async () => {
    await Account.init();
    const created = await Account.create({ email: 'ada@example.com', team: 'a', tokens: 10 });

    const found = await Account.findById(created._id).lean();
    expect(found).toMatchObject({ email: 'ada@example.com', team: 'a', tokens: 10 });

    const result = await Account.updateOne({ _id: created._id }, { $set: { tokens: 15 } });
    expect(result.modifiedCount).toBe(1);
    expect((await Account.findById(created._id).lean())?.tokens).toBe(15);
  });

  it('rejects a duplicate of a unique key with E11000', async () => {
    await Account.init();
    await Account.create({ email: 'grace@example.com', team: 'b', tokens: 1 });
    await expect(
      Account.create({ email: 'grace@example.com', team: 'c', tokens: 2 }),
    ).rejects.toMatchObject({ code: 11000 });
    expect(await Account.countDocuments({ email: 'grace@example.com' })).toBe(1);
  });

  it('aggregates with $group and several $sum accumulators', async () => {
    await Account.insertMany([
      { email: 'x1@example.com', team: 'sum', tokens: 3 },
      { email: 'x2@example.com', team: 'sum', tokens: 4 },
      { email: 'x3@example.com', team: 'other', tokens: 100 },
    ]);
    const totals = await Account.aggregate<{ _id: string; tokens: number; accounts: number }>([
      { $match: { team: { $in: ['sum', 'other'] } } },
      { $group: { _id: '$team', tokens: { $sum: '$tokens' }, accounts: { $sum: 1 } } },
      { $sort: { _id: 1 } },
    ]);
    // Every accumulator must see the whole group (FerretDB 1.24.2 needed a patch for this).
    expect(totals).toEqual([
      { _id: 'other', tokens: 100, accounts: 1 },
      { _id: 'sum', tokens: 7, accounts: 2 },
    ]);
  });

  it('increments counters with $inc upserts', async () => {
    await Counter.init();
    await Counter.updateOne({ key: 'requests' }, { $inc: { count: 2 } }, { upsert: true });
    await Counter.updateOne({ key: 'requests' }, { $inc: { count: 3 } }, { upsert: true });
    expect((await Counter.findOne({ key: 'requests' }).lean())?.count).toBe(5);
    expect(await Counter.countDocuments()).toBe(1);
  });

  it('accepts a TTL index definition', async () => {
    await ExpiringSession.init();
    const indexes = await ExpiringSession.collection.indexes();
    expect(indexes.map((index) => index.key)).toContainEqual({ expiresAt: 1 });
  });
});

describe('Redis', () => {
  const client = createClient({ url: readServiceUrl('REDIS_URL') });
  const key = `llmfb:smoke:${runId}`;

  afterAll(async () => {
    if (client.isOpen) {
      await client.del(key);
      await client.close();
    }
  });

  it('counts with INCR and expires keys with EXPIRE/TTL', async () => {
    await client.connect();
    expect(await client.incr(key)).toBe(1);
    expect(await client.incr(key)).toBe(2);
    expect(await client.ttl(key)).toBe(-1);

    expect(await client.expire(key, 60)).toBe(1);
    const secondsLeft = await client.ttl(key);
    expect(secondsLeft).toBeGreaterThan(55);
    expect(secondsLeft).toBeLessThanOrEqual(60);
    expect(await client.get(key)).toBe('2');
  });
});
