// @ts-check
'use strict';
/**
 * Jest globalSetup (integration and e2e tiers): makes sure a real Kafka broker and a real
 * PostgreSQL test database are there, in the order of ARCHITECTURE.md "Services, and how they
 * start": KAFKA_BROKERS / DATABASE_URL from the environment, else the local services
 * (tools/services: broker from Maven jars, local PostgreSQL), else Testcontainers with Docker.
 * Sets process.env.KAFKA_BROKERS and process.env.DATABASE_URL, which the test workers inherit.
 * Fast (well under 1 s) when the services are already up.
 */
const { ensureTestServices } = require('../../tools/services');

module.exports = async () => {
  const services = await ensureTestServices();
  const database = decodeURIComponent(new URL(services.databaseUrl).pathname.replace(/^\//, ''));
  if (!database.includes('test')) {
    throw new Error(
      `Refusing to run tests against database "${database}" (${services.databaseUrl}): its name must contain "test", ` +
        'because tests truncate and migrate it. Point DATABASE_URL at a test database.',
    );
  }
};
