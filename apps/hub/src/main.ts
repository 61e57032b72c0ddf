import type { Server } from 'node:http';
import { ConfigError, loadConfig } from '@ereceipt/config';
import { startTracing, stopTracing } from '@ereceipt/tracing';

/** Idle keep-alive sockets live this long (above the usual proxy and client defaults). */
export const HTTP_KEEP_ALIVE_MS = 76_000;

/** Runs the hub: HTTP, consumers, outbox relay and schedulers, each switchable with HUB_ROLES. */
export async function runHub(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  // Before the hub's modules load: the SDK's instrumentations patch pg, kafkajs, express, http and
  // pino as they are required. Off (nothing loaded) unless OTEL_EXPORTER_OTLP_ENDPOINT is set.
  startTracing(config.tracing);
  const [{ createHub }, { Logger }] = await Promise.all([import('./create-hub'), import('nestjs-pino')]);
  const app = await createHub(config);
  // Every replica listens: one without the http role answers only its health probes and /metrics.
  await app.listen(config.http.port, '0.0.0.0');
  // Node closes idle keep-alive sockets after 5 s; proxies and clients keep them longer (AWS ALB
  // 60 s, nginx 75 s) and then send on a socket the hub has just closed. Stay above them.
  const server: Server = app.getHttpServer();
  server.keepAliveTimeout = HTTP_KEEP_ALIVE_MS;
  server.headersTimeout = HTTP_KEEP_ALIVE_MS + 1_000;
  const log = app.get(Logger);
  // Graceful shutdown: the in-flight batch finishes and commits, the consumer leaves its group,
  // the relay stops, then the pools close (Nest's order); exit 0 so supervisors see a clean stop.
  let closing = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (closing) return;
      closing = true;
      log.log(`${signal} received: shutting down`);
      app.close().then(
        // The spans still buffered go out before the process ends.
        () => stopTracing().then(() => process.exit(0)),
        (e: unknown) => {
          log.error({ err: e }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
  log.log(`ereceipt-hub up: roles=${[...config.roles].join(',')} http=:${config.http.port}${config.roles.has('http') ? '' : ' (health and metrics only)'} kafka=${config.kafka.brokers.join(',')}${config.tracing ? ` tracing=${config.tracing.endpoint}` : ''}`);
  if (config.hubSecretGenerated) log.warn('HUB_SECRET is not set: a random one was generated, so signed links stop working when the hub restarts');
}

if (require.main === module) {
  runHub().catch((e: unknown) => {
    process.stderr.write(`ereceipt-hub failed to start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  });
}
