import { KafkaJSNonRetriableError, KafkaJSProtocolError } from 'kafkajs';
import { groupMembershipError } from './kafka.adapter';

const protocol = (type: string) => Object.assign(new KafkaJSProtocolError('group error'), { type });

describe('groupMembershipError', () => {
  it('finds "not a member any more" inside the non-retriable wrapper of a failed commit', () => {
    const inner = protocol('UNKNOWN_MEMBER_ID');
    // What kafkajs' retrier throws (retry/index.js): the message copied, the protocol error as cause.
    const wrapped = Object.assign(new KafkaJSNonRetriableError(inner), { cause: inner });
    expect(groupMembershipError(wrapped)).toBe(inner);
  });

  it.each(['REBALANCE_IN_PROGRESS', 'NOT_COORDINATOR_FOR_GROUP', 'ILLEGAL_GENERATION'])('recognises %s directly', (type) => {
    const e = protocol(type);
    expect(groupMembershipError(e)).toBe(e);
  });

  it('leaves other failures alone', () => {
    const denied = protocol('TOPIC_AUTHORIZATION_FAILED');
    expect(groupMembershipError(Object.assign(new KafkaJSNonRetriableError(denied), { cause: denied }))).toBeNull();
    expect(groupMembershipError(new Error('connection reset'))).toBeNull();
    expect(groupMembershipError('not an error')).toBeNull();
  });
});
