import { Logger } from 'nestjs-pino';
import { ConfigError, loadConfig } from '@ereceipt/config';
import { createHub } from './create-hub';

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
  const app = await createHub(config);
  if (config.roles.has('http')) await app.listen(config.http.port, '0.0.0.0');
  else await app.init();
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
        () => process.exit(0),
        (e: unknown) => {
          log.error({ err: e }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
  log.log(`ereceipt-hub up: roles=${[...config.roles].join(',')} http=${config.roles.has('http') ? `:${config.http.port}` : 'off'} kafka=${config.kafka.brokers.join(',')}`);
  if (config.hubSecretGenerated) log.warn('HUB_SECRET is not set: a random one was generated, so signed links stop working when the hub restarts');
}

if (require.main === module) {
  runHub().catch((e: unknown) => {
    process.stderr.write(`ereceipt-hub failed to start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  });
}
