import type { HubRole } from '@ereceipt/config';
import { readinessChecks, usesKafka } from './readiness.rules';

const roles = (...r: HubRole[]) => new Set<HubRole>(r);

describe('readiness by role', () => {
  it('an http replica (alone or with workers) is ready when PostgreSQL answers: consumer trouble never takes the web out', () => {
    expect(readinessChecks(roles('http'))).toEqual(['postgres']);
    expect(readinessChecks(roles('http', 'consumers', 'relay', 'schedulers'))).toEqual(['postgres']);
  });

  it('a consumer-only replica also needs to have joined its group', () => {
    expect(readinessChecks(roles('consumers'))).toEqual(['postgres', 'consumerGroup']);
    expect(readinessChecks(roles('consumers', 'relay'))).toEqual(['postgres', 'consumerGroup']);
  });

  it('relay and scheduler replicas need PostgreSQL; only consumers and the relay need Kafka', () => {
    expect(readinessChecks(roles('relay', 'schedulers'))).toEqual(['postgres']);
    expect([usesKafka(roles('http')), usesKafka(roles('schedulers')), usesKafka(roles('relay')), usesKafka(roles('consumers'))]).toEqual([false, false, true, true]);
  });
});
