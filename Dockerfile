# One image for every deployable; docker-compose picks one with SERVICE (router, users, ...).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY . .
RUN npm ci --no-audit --no-fund && npm run build

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json .npmrc ./
COPY packages packages
COPY subgraphs subgraphs
COPY router router
COPY tests/package.json tests/package.json
RUN npm ci --omit=dev --no-audit --no-fund
COPY schema/supergraph.graphql schema/supergraph.graphql
COPY --from=build /app/dist dist
USER node
CMD ["sh", "-c", "exec node dist/${SERVICE}/main.js"]
