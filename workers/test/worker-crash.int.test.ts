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
  let probe: Awaited<ReturnType<typeof openProgressProbe>> | undefined;

  afterAll(async () => {
    // Closed here, not in the test, so a failing test does not leave a connection that keeps
    // jest from exiting.
    await probe?.close();
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

    const progress = await openProgressProbe(uri);
    probe = progress;
    const first = startWorkerProcess(entry, 'all', env);
    processes.push(first);
    // Kill it while it is writing: some rows are in, most are not.
    await waitFor(async () => (await progress.countLogs()) >= Math.min(500, total / 10), {
      timeoutMs: 300_000,
      what: 'the first rows',
      intervalMs: 50,
    });
    first.child.kill('SIGKILL');
    expect(await first.exited).toBeNull();
    const atKill = await progress.countLogs();
    expect(atKill).toBeLessThan(total);

    const second = startWorkerProcess(entry, 'all', env);
    processes.push(second);
    await waitUntilStored(progress, total);

    // The restarted worker serves its health and metrics endpoints. It logs its metrics port once
    // both of its consumer groups have joined, and a group with a member killed by SIGKILL waits
    // for that member's session to time out (30 s): the log writer may have finished the backlog
    // well before the usage roller is in.
    const metricsPort = /"metricsPort":(\d+)/;
    await waitFor(() => metricsPort.test(second.output()), {
      timeoutMs: 45_000,
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
