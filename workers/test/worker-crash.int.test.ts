/**
 * Done-when (issue 6): a worker process killed with SIGKILL mid-batch and restarted → no loss, no
 * duplicates. Runs the real entry point (`node workers/dist/main.js all`, compiled on demand).
 */
import { makeRequestCompletedData } from '../../shared/test/event-fixtures';
import {
  createIsolatedPipeline,
  createPublishingBus,
  ensureWorkersBuilt,
  openMongoStore,
  openProgressProbe,
  publishRequest,
  snapshotStore,
  startWorkerProcess,
  sumRequests,
  sumRollups,
  waitFor,
  waitUntilStored,
  type WorkerProcess,
} from './pipeline-harness';

jest.setTimeout(900_000);

describe('worker process killed mid-batch', () => {
  const pipeline = createIsolatedPipeline('crash');
  const processes: WorkerProcess[] = [];

  afterAll(async () => {
    for (const worker of processes) {
      if (worker.child.exitCode === null && worker.child.signalCode === null) {
        worker.child.kill('SIGKILL');
        await worker.exited;
      }
    }
    await pipeline.cleanUp();
  });

  it('resumes from the last commit: every row once, rollups exact', async () => {
    const entry = ensureWorkersBuilt();
    const uri = pipeline.databaseUri('store');
    const env = { ...pipeline.env, MONGODB_URI: uri, LLMFB_LOG_LEVEL: 'info' };
    const run = 'crash';
    const sample = { run, spacingMs: 5 };
    const total = Number(process.env.LLMFB_TEST_EVENTS ?? 6000);

    const publisher = await createPublishingBus(pipeline, `${pipeline.dataDir}/publisher`);
    for (let index = 0; index < total; index += 1) {
      publishRequest(publisher, index, sample);
      if (index % 1000 === 999) await new Promise((resolve) => setImmediate(resolve));
    }
    await publisher.close();

    const probe = await openProgressProbe(uri);
    const first = startWorkerProcess(entry, 'all', env);
    processes.push(first);
    // Kill it while it is writing: some rows are in, most are not.
    await waitFor(async () => (await probe.countLogs()) >= Math.min(500, total / 10), {
      timeoutMs: 300_000,
      what: 'the first rows',
      intervalMs: 50,
    });
    first.child.kill('SIGKILL');
    expect(await first.exited).toBeNull();
    const atKill = await probe.countLogs();
    expect(atKill).toBeLessThan(total);

    const second = startWorkerProcess(entry, 'all', env);
    processes.push(second);
    await waitUntilStored(probe, total);

    // The restarted worker serves its health and metrics endpoints (it may finish the backlog
    // before it logs its metrics port).
    const metricsPort = /"metricsPort":(\d+)/;
    await waitFor(() => metricsPort.test(second.output()), {
      timeoutMs: 10_000,
      what: 'the restarted worker to log its metrics port',
    });
    const port = metricsPort.exec(second.output())?.[1];
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status).toBe(200);
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toMatch(/llmfb_worker_events_consumed_total\{worker="log-writer"\} \d+/);
    expect(metrics).toContain('llmfb_worker_consumer_lag{worker="log-writer"');

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    await probe.close();

    const store = await openMongoStore(uri);
    const snapshot = await snapshotStore(store);
    await store.close();
    expect(snapshot.logs).toHaveLength(total);
    expect(new Set(snapshot.logs.map((log) => log.requestId)).size).toBe(total);
    const expected = sumRequests(
      Array.from({ length: total }, (_, index) => makeRequestCompletedData(index, sample)),
    );
    for (const granularity of ['minute', 'hour', 'day'] as const) {
      expect({ granularity, ...sumRollups(snapshot.rollups[granularity]) }).toEqual({
        granularity,
        ...expected,
      });
    }
  });
});
