/**
 * @module connect-mongo
 * One mongoose connection per process (no module singletons: `createConnection`), with commands
 * not buffered while disconnected (a down database fails fast instead of piling up requests) and
 * indexes built explicitly by each adapter at start-up.
 */
import type { Connection } from 'mongoose';

/** mongoose is loaded on first use: embedded mode never pays for it. */
function loadMongoose(): typeof import('mongoose') {
  return require('mongoose') as typeof import('mongoose');
}

export async function connectMongo(uri: string): Promise<Connection> {
  const connection = loadMongoose().createConnection(uri, {
    bufferCommands: false,
    autoIndex: false,
    autoCreate: true,
    serverSelectionTimeoutMS: 5000,
    maxPoolSize: 20,
  });
  await connection.asPromise();
  return connection;
}

/** Resolves when the server answers a ping (readiness). */
export async function pingMongo(connection: Connection): Promise<void> {
  const database = connection.db;
  if (!database) throw new Error('MongoDB connection is not open');
  await database.admin().ping();
}
