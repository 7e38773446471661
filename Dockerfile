# Convene production image: compiled JavaScript, production dependencies only, no sources, as user `node`.
# Its steps are run without a container engine by scripts/image-steps.sh (called from .ci/run): install,
# build, production install without dev dependencies, migrate, start, /readyz 200, stop.
#
#   docker build -t convene .
#   docker run --rm --env-file .env convene node dist/store/cli.js migrate    # once per upgrade
#   docker run -p 127.0.0.1:3000:3000 --env-file .env -e HOST=0.0.0.0 convene
#
# (-e HOST=0.0.0.0 because .env.example's HOST=127.0.0.1 would otherwise win over the image's default.)
#
# or `docker compose up` with compose.yaml (Convene + PostgreSQL, migrations run first). Convene refuses to
# start on a database with migrations not applied; /readyz answers 200 once the database answers.

# --- build: all dependencies (TypeScript, the Prisma CLI for `prisma generate`), compile to dist/ -------------
FROM node:24-bookworm-slim AS build
WORKDIR /app
ENV CHECKPOINT_DISABLE=1
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
COPY scripts/build-cli.mjs ./scripts/
# postinstall: prisma generate → node_modules/.prisma/client (pure JavaScript: engineType "client"), then
# scripts/build-cli.mjs, which skips here (no sources yet); `npm run build` below bundles the CLI.
# `npm install`, which honours package-lock.json, rather than `npm ci`: the lock file cannot list Biome's
# non-Linux optional packages (see .ci/run), and `npm ci` refuses it as out of sync.
RUN npm install --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
# tsc to dist/, then the CLI bundle dist/cli/main.js (scripts/build-cli.mjs): `convene` starts from it.
RUN npm run build

# --- deps: production dependencies only; the generated Prisma client comes from the build stage ---------------
FROM node:24-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# --omit=optional: the Prisma CLI and TypeScript are optional peers of @prisma/client (53 MB + 23 MB) and
# would come back without it. --ignore-scripts: the postinstall (prisma generate) needs that CLI.
RUN npm install --omit=dev --omit=optional --ignore-scripts --no-audit --no-fund
COPY --from=build /app/node_modules/.prisma ./node_modules/.prisma

# --- runtime ------------------------------------------------------------------------------------------------
FROM node:24-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 CONVENE_PLAYGROUND=0 LOG_FORMAT=json CONVENE_ENV_FILE=none
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY prisma/migrations ./prisma/migrations
COPY bin ./bin
COPY package.json ./
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "bin/start.js"]
