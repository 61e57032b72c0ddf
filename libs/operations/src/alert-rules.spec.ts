import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { register } from 'prom-client';
import '@ereceipt/messaging';
import './health.controller';

/** docs/prometheus/ereceipt-alerts.yml must only name metrics the hub exports (a renamed metric would silence an alert). */
it('every metric of the example alert rules is one the hub registers', async () => {
  const rules = readFileSync(join(__dirname, '../../../docs/prometheus/ereceipt-alerts.yml'), 'utf8');
  const named = [...new Set(rules.match(/\bereceipt_[a-z_]*[a-z]\b/g) ?? [])].sort();
  const exported = new Set((await register.getMetricsAsJSON()).map((m) => m.name));
  expect(named.length).toBeGreaterThan(5);
  expect(named.filter((n) => !exported.has(n))).toEqual([]);
});
