// The backend an end-to-end run needs: the mock upstream (both APIs) and the built gateway on
// its embedded defaults (fresh temp data dir, random port, private upstreams allowed).
import { startGateway } from '../../gateway/test/support/start-gateway.ts';
import { startMockUpstream } from '../../gateway/test/support/mock-upstream.ts';

/** Starts a fresh mock upstream and gateway; `stop()` ends both and removes the data dir. */
export async function startStack() {
  const upstream = await startMockUpstream({ ttftMs: 40, gapMs: 60, deltaCount: 8 });
  const gateway = await startGateway({ LLMFB_ALLOW_PRIVATE_UPSTREAMS: 'true' });
  return {
    upstream,
    gateway,
    url: gateway.url,
    async stop() {
      await gateway.stop();
      await upstream.close();
    },
  };
}
