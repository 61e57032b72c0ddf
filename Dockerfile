# The hub as a container (used by docker-compose.yml). Node 24, the active LTS (.nvmrc).
FROM node:24-slim

WORKDIR /app

# Dependencies first, for layer caching. --ignore-scripts: the package's own "prepare" script
# builds, and the sources are not copied yet (the build runs below).
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund

COPY . .
RUN npm run build

ENV HTTP_PORT=3000
EXPOSE 3000

# exec: the hub replaces the shell, so it receives SIGTERM from `docker compose stop`.
CMD ["sh", "-c", "node bin/ereceipt.js migrate && exec node bin/ereceipt.js hub"]
