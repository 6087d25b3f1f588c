# syntax=docker/dockerfile:1.7
# LLMFormBridge admin console: the built Angular app behind nginx, which also forwards
# /api, /v1, /healthz and /readyz to the gateway replicas (one origin for the browser).
# Build from the repository root:
#   docker build -f infra/docker/admin-ui.Dockerfile -t llmformbridge/admin-ui .
ARG NODE_IMAGE=node:24-slim
ARG NGINX_IMAGE=nginxinc/nginx-unprivileged:1.28-alpine

# ---- build: the Angular console (root dev tools + the admin-ui workspace) ----
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV LLMFB_SKIP_BUILD=1 NG_CLI_ANALYTICS=false
COPY package.json package-lock.json ./
COPY scripts/prepare.mjs scripts/
COPY shared/package.json shared/
COPY gateway/package.json gateway/
COPY workers/package.json workers/
COPY admin-ui/package.json admin-ui/
RUN --mount=type=cache,target=/root/.npm \
    npm ci --no-audit --no-fund --include-workspace-root --workspace=admin-ui
COPY admin-ui admin-ui
RUN npm run build -w admin-ui && test -f admin-ui/dist/admin-ui/browser/index.html

# ---- runtime: unprivileged nginx (uid 101, port 8080); nginx is a proper PID 1 ----
FROM ${NGINX_IMAGE} AS runtime
ENV LLMFB_GATEWAY_HOST=gateway \
    LLMFB_GATEWAY_PORT=8000 \
    LLMFB_DNS_RESOLVER=127.0.0.11
COPY infra/nginx/gateway-proxy.conf /etc/nginx/snippets/gateway-proxy.conf
COPY infra/nginx/gateway-upstream.conf.template /etc/nginx/templates/gateway-upstream.conf.template
COPY infra/nginx/admin-ui.conf.template /etc/nginx/templates/default.conf.template
COPY --from=build /app/admin-ui/dist/admin-ui/browser /usr/share/nginx/html
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=10s --retries=3 \
  CMD ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/ui-healthz"]
