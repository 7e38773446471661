# Convene production image. UNTESTED: there is no Docker engine on the machine this was written on;
# the same steps (npm ci, npm run build, node dist/main.js) were run by hand and work.
#
#   docker build -t convene .
#   docker run -p 3000:3000 -e DATABASE_URL=postgresql://… -e CONVENE_ENCRYPTION_KEYS=k1:… convene
#
# Migrations are applied at start (or ahead of time with `npm run db:migrate`); /readyz answers 200
# only once they are all applied.

FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/prisma ./prisma
COPY package.json ./
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/main.js"]
