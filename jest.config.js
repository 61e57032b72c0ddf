// Three tiers (docs/conventions.md §8): unit specs beside the code (no I/O), integration specs on real
// PostgreSQL (*.int-spec.ts), end-to-end suites on the running hub with real Kafka and SMTP.
process.env.TZ = 'UTC';

const { compilerOptions } = require('./tsconfig.json');

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) =>
    alias.endsWith('/*') ? [`^${alias.slice(0, -2)}/(.*)$`, `<rootDir>/${target.slice(0, -2)}/$1`] : [`^${alias}$`, `<rootDir>/${target}`],
  ),
);

const transform = {
  '^.+\\.ts$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
        target: 'es2022',
      },
      module: { type: 'commonjs' },
      sourceMaps: 'inline',
    },
  ],
};

const common = { moduleNameMapper, transform, testEnvironment: 'node', moduleFileExtensions: ['ts', 'js', 'json'] };

module.exports = {
  // Most of an end-to-end suite's time is spent waiting (group joins, session timeouts, the relay):
  // three suites at once finish far sooner than one after another on a 2-core machine.
  maxWorkers: 3,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs,connectors,tools}/**/*.spec.ts', '<rootDir>/test/quality/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,connectors,tools}/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.js',
      setupFilesAfterEnv: ['<rootDir>/test/setup/int-timeout.js'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/setup/e2e-setup.js',
      setupFilesAfterEnv: ['<rootDir>/test/setup/e2e-timeout.js'],
      slowTestThreshold: 60,
    },
  ],
};
