// @ts-check
'use strict';
/**
 * Jest globalSetup (integration and e2e tiers): makes sure a real Kafka broker and a real
 * PostgreSQL test database are there, in the order of docs/conventions.md "Services, and how they
 * start": KAFKA_BROKERS / DATABASE_URL from the environment, else the local services
 * (tools/services: broker from Maven jars, local PostgreSQL), else Testcontainers with Docker.
 * Sets process.env.KAFKA_BROKERS and process.env.DATABASE_URL, which the test workers inherit.
 * Fast (well under 1 s) when the services are already up. Runs the built tools/services (dist/),
 * like the e2e suites run the built hub: `npm ci` and `npm test` build it.
 */
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const built = join(__dirname, '..', '..', 'dist', 'tools', 'services', 'src', 'index.js');

module.exports = async () => {
  if (!existsSync(built)) throw new Error('dist/ is missing: run `npm run build` (npm ci and npm test do it for you)');
  /** @type {import('../../tools/services/src')} */
  const services = require(built);
  const { databaseUrl } = await services.ensureTestServices();
  const database = decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, ''));
  if (!database.includes('test')) {
    throw new Error(
      `Refusing to run tests against database "${database}" (${databaseUrl}): its name must contain "test", ` +
        'because tests truncate and migrate it. Point DATABASE_URL at a test database.',
    );
  }
};
