# One image for every deployable; docker-compose picks the workspace with SERVICE.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY packages packages
COPY subgraphs subgraphs
COPY router router
COPY tests/package.json tests/package.json
RUN npm ci --omit=dev --no-audit --no-fund && npm install --no-save tsx@4.23.15
COPY schema schema
COPY scripts scripts
ENV NODE_ENV=production
USER node
CMD ["sh", "-c", "exec npx tsx ${SERVICE_ENTRY}"]
