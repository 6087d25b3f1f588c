# syntax=docker/dockerfile:1.7
# LLMFormBridge gateway: proxy API, admin API and the built admin console.
# Build from the repository root:
#   docker build -f infra/docker/gateway.Dockerfile -t llmformbridge/gateway .
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
      --workspace=shared --workspace=gateway --workspace=workers

# ---- build: TypeScript workspaces and the Angular console ----
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV LLMFB_SKIP_BUILD=1 NG_CLI_ANALYTICS=false
COPY package.json package-lock.json ./
COPY scripts/prepare.mjs scripts/
COPY shared/package.json shared/
COPY gateway/package.json gateway/
COPY workers/package.json workers/
COPY admin-ui/package.json admin-ui/
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY tsconfig.base.json tsconfig.json ./
COPY shared shared
COPY workers workers
COPY gateway gateway
COPY admin-ui admin-ui
RUN npx tsc -b tsconfig.json && npm run build -w admin-ui \
    && test -f admin-ui/dist/admin-ui/browser/index.html

# ---- runtime ----
FROM ${NODE_IMAGE} AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends tini \
    && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8000 \
    LLMFB_DATA_DIR=/var/lib/llmfb
WORKDIR /app
COPY --from=prod-deps /app ./
COPY --from=build /app/shared/dist shared/dist
COPY --from=build /app/workers/dist workers/dist
COPY --from=build /app/gateway/dist gateway/dist
# gateway/dist/main.js looks for the console at ../../admin-ui/dist/admin-ui/browser.
COPY --from=build /app/admin-ui/dist/admin-ui/browser admin-ui/dist/admin-ui/browser
COPY --chmod=0755 infra/docker/docker-entrypoint.sh /usr/local/bin/llmfb-entrypoint
RUN install -d -o node -g node -m 0700 /var/lib/llmfb
USER node
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--", "/usr/local/bin/llmfb-entrypoint"]
# The Node options of `npm start` (package.json; a test keeps the two in step): a 16 MB semi-space
# bounds the young generation, so 2,000 held streams stay under 300 MB RSS (docs/benchmarks.md).
CMD ["node", "--max-semi-space-size=16", "gateway/dist/main.js"]
