# Samla's production image. Two stages: the build compiles TypeScript with the dev dependencies;
# the runtime has production dependencies and dist/ only — no tsx, no Go toolchain, no embedded
# database: set MONGODB_URI (see compose.yaml and docs/operations.md).
# CI cannot build this image (no Docker engine there); test/production/smoke.ts runs the same
# commands on a clean copy (npm ci, npm run build, npm ci --omit=dev, node dist/src/main.js with
# NODE_ENV=production) and this file's HEALTHCHECK command. Keep the two in step.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY adapters ./adapters
COPY dialogs ./dialogs
COPY models ./models
RUN npm run build

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production PORT=3978
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# The node image's unprivileged user; the app writes nothing to its own folder.
USER node
EXPOSE 3978
# Liveness (/healthz); a load balancer should route on /readyz, which turns 503 during a shutdown.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3978)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node itself as PID 1 rather than npm, so SIGTERM reaches Samla's graceful shutdown.
CMD ["node", "dist/src/main.js"]
