/**
 * @module model-router
 * Picks the upstream for a request: the caller's `model` is matched against the aliases of the
 * model configs its key may use; when several enabled configs share the alias they are ordered
 * least-in-flight first, ties broken round-robin (never random), and the rest are the failover
 * order.
 */
import { GatewayError, type Credential, type ModelConfig } from '@llmfb/shared';

export interface RouteCandidate {
  readonly config: ModelConfig;
  readonly credential: Credential;
}

/** The 404 for an alias the key may not call (or that does not exist: no existence oracle). */
export function modelNotFound(alias: string): GatewayError {
  return new GatewayError({
    code: 'model.not_found',
    status: 404,
    param: 'model',
    message: `The model \`${alias}\` does not exist or this API key may not use it.`,
  });
}

export interface ModelRouter {
  /** Candidates for `model`, best first; empty when the key may not use it. */
  route(models: readonly RouteCandidate[], model: string): RouteCandidate[];
  /** Marks a request as in flight on a model config; call the returned function when it ends. */
  begin(configId: string): () => void;
  inFlight(configId: string): number;
}

export function createModelRouter(): ModelRouter {
  const inFlight = new Map<string, number>();
  const turns = new Map<string, number>();

  return {
    route(models, model) {
      const matches = models.filter(
        (candidate) =>
          candidate.config.alias === model &&
          candidate.config.isEnabled &&
          candidate.credential.isActive,
      );
      if (matches.length <= 1) return matches;
      const turn = turns.get(model) ?? 0;
      turns.set(model, (turn + 1) % 1_000_000);
      const rotated = matches.map(
        (_, index) => matches[(index + turn) % matches.length] as RouteCandidate,
      );
      // A stable sort keeps the round-robin order among equally loaded configs.
      return rotated.sort(
        (a, b) => (inFlight.get(a.config.id) ?? 0) - (inFlight.get(b.config.id) ?? 0),
      );
    },
    begin(configId) {
      inFlight.set(configId, (inFlight.get(configId) ?? 0) + 1);
      let ended = false;
      return () => {
        if (ended) return;
        ended = true;
        const count = (inFlight.get(configId) ?? 1) - 1;
        if (count <= 0) inFlight.delete(configId);
        else inFlight.set(configId, count);
      };
    },
    inFlight: (configId) => inFlight.get(configId) ?? 0,
  };
}
