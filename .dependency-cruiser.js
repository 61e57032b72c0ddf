// Boundaries (docs/conventions.md §9), checked in CI by `npm run depcruise`: over every file of apps, libs,
// connectors and tools, specs included (a library spec does not import an app either).
const IO = '^(@nestjs|@mikro-orm|kafkajs|pg|nodemailer|fs|node:fs|net|node:net|http|node:http|prom-client|pino)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'connectors-are-pure',
      comment: 'Connectors turn bytes into canonical records; no framework, database, broker or file system. Their unit specs may read sample files.',
      severity: 'error',
      from: { path: '^connectors/[^/]+/src', pathNot: '\\.spec\\.ts$' },
      to: { dependencyTypes: ['npm', 'core'], path: IO },
    },
    {
      name: 'connectors-import-only-contracts-and-money',
      comment: 'A connector may use its own code, libs/contracts and libs/money, nothing else of ours.',
      severity: 'error',
      from: { path: '^connectors/([^/]+)/src' },
      to: { path: '^(apps|libs|connectors)/', pathNot: ['^connectors/$1/', '^libs/contracts/', '^libs/money/'] },
    },
    {
      name: 'domain-rules-are-pure',
      comment: 'Rules, state machines and engines (*.rules.ts, domain/) import no I/O.',
      severity: 'error',
      from: { path: '(\\.rules\\.ts$|/domain/)' },
      to: { dependencyTypes: ['npm', 'core'], path: IO },
    },
    {
      name: 'libs-do-not-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
