# syntax=docker/dockerfile:1.7
# LLMFormBridge workers: Kafka consumers writing request logs and usage rollups.
# One image, role chosen by the command: node workers/dist/main.js logs|usage|all.
# Build from the repository root:
#   docker build -f infra/docker/workers.Dockerfile -t llmformbridge/workers .
ARG NODE_IMAGE=node:24-slim

# ---- production dependencies of the Node workspaces (no Angular, no dev tools) ----
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY shared/package.json shared/
COPY gateway/package.json gateway/
COPY workers/package.json workers/
COPY admin-ui/package.json admin-ui/
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
      --workspace=shared --workspace=workers

# ---- build: shared + workers (root dev tools, no Angular, no gateway) ----
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV LLMFB_SKIP_BUILD=1
COPY package.json package-lock.json ./
COPY scripts/prepare.mjs scripts/
COPY shared/package.json shared/
COPY gateway/package.json gateway/
COPY workers/package.json workers/
COPY admin-ui/package.json admin-ui/
RUN --mount=type=cache,target=/root/.npm \
    npm ci --no-audit --no-fund --include-workspace-root --workspace=shared --workspace=workers
COPY tsconfig.base.json ./
COPY shared shared
COPY workers workers
# workers/tsconfig.json references ../shared, so this builds both.
RUN npx tsc -b workers/tsconfig.json

# ---- runtime ----
FROM ${NODE_IMAGE} AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends tini \
    && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    LLMFB_WORKER_METRICS_PORT=9100 \
    LLMFB_DATA_DIR=/var/lib/llmfb
WORKDIR /app
COPY --from=prod-deps /app ./
COPY --from=build /app/shared/dist shared/dist
COPY --from=build /app/workers/dist workers/dist
COPY --chmod=0755 infra/docker/docker-entrypoint.sh /usr/local/bin/llmfb-entrypoint
RUN install -d -o node -g node -m 0700 /var/lib/llmfb
USER node
EXPOSE 9100
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.LLMFB_WORKER_METRICS_PORT || 9100) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--", "/usr/local/bin/llmfb-entrypoint"]
CMD ["node", "workers/dist/main.js", "all"]
