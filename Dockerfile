# deskgate: one MCP URL for your help desk and time-tracking tools.
#   docker build -t deskgate .
#   docker run -p 8787:8787 -v deskgate-data:/data -e DESKGATE_ALLOWED_HOSTS=mcp.example.com deskgate
#
# Base image: Node.js 24 LTS ("Krypton"), pinned to an exact release. To pin
# it by digest as well, resolve the tag once and append it, e.g.
#   docker buildx imagetools inspect node:24.20.0-trixie-slim   # "Digest: sha256:…"
#   FROM node:24.20.0-trixie-slim@sha256:<that digest>
# (both stages must use the same image: better-sqlite3 is compiled in one and run in the other).
ARG NODE_IMAGE=node:24.20.0-trixie-slim

# Build stage: compiles native modules (better-sqlite3) and the TypeScript.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/build ./scripts/build
COPY src ./src
COPY connectors ./connectors
# dist/: plain JavaScript with explicit import paths; then only runtime dependencies stay.
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# Runtime stage: no compiler, no TypeScript loader, non-root, data on a volume.
FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8787 \
    DATABASE_URL=sqlite:/data/deskgate.db
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8787
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||8787)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["node", "dist/src/cli/main.js"]
CMD ["serve"]
