#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * node tools/services/cli.js up|down|status [--purge]
 * Exit codes: 0 ok, 1 failure (message on stderr), 2 usage.
 */
const services = require('./index.js');

const USAGE = 'usage: node tools/services/cli.js up|down|status [--purge]\n' +
  '  up      start the local Kafka broker (127.0.0.1:9092) and check PostgreSQL (DATABASE_URL)\n' +
  '  down    stop the broker; --purge also deletes its data (.local/kafka/data)\n' +
  '  status  print the state of both services';

/** @param {string[]} argv @returns {Promise<number>} */
async function main(argv) {
  const args = argv.filter((a) => !a.startsWith('-'));
  const flags = new Set(argv.filter((a) => a.startsWith('-')));
  const command = args[0];
  const known = new Set(['--purge', '--help', '-h']);
  const unknown = [...flags].filter((f) => !known.has(f));
  if (flags.has('--help') || flags.has('-h')) {
    console.log(USAGE);
    return 0;
  }
  if (!command || args.length > 1 || unknown.length > 0 || (flags.has('--purge') && command !== 'down')) {
    console.error(unknown.length > 0 ? `unknown option: ${unknown.join(' ')}\n${USAGE}` : USAGE);
    return 2;
  }
  switch (command) {
    case 'up':
      await services.up();
      return 0;
    case 'down':
      await services.down({ purge: flags.has('--purge') });
      return 0;
    case 'status': {
      const s = await services.status();
      return s.kafka.reachable && s.postgres.reachable ? 0 : 1;
    }
    default:
      console.error(`unknown command: ${command}\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
