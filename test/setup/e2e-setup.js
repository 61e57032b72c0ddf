// End-to-end suites run the built hub (dist/) as a child process; make sure it is there.
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const servicesSetup = require('./global-setup');

module.exports = async () => {
  if (!existsSync(join(__dirname, '..', '..', 'dist', 'apps', 'cli', 'src', 'main.js'))) {
    throw new Error('dist/ is missing: run `npm run build` (npm test does it for you)');
  }
  await servicesSetup();
};
