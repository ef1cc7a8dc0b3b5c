import { describe, expect, it } from '@jest/globals';
import { callManager } from '@voxmesh/contracts';
import { canMove, hangingUpStatus, hangupOutcome, type HangupFacts } from './status.js';

describe("voipbin's status machine", () => {
  it('moves forward only, never out of hangup, never to the same status', () => {
    const allowed = callManager.callStatuses.flatMap((from) => callManager.callStatuses.filter((to) => canMove(from, to)).map((to) => `${from}>${to}`));
    expect(allowed).toEqual([
      'dialing>ringing',
      'dialing>progressing',
      'dialing>terminating',
      'dialing>canceling',
      'dialing>hangup',
      'ringing>progressing',
      'ringing>terminating',
      'ringing>canceling',
      'ringing>hangup',
      'progressing>terminating',
      'progressing>hangup',
      'terminating>hangup',
      'canceling>hangup',
    ]);
  });

  it('cancels an outgoing call not yet answered and terminates anything else', () => {
    expect(hangingUpStatus('outgoing', 'dialing')).toBe('canceling');
    expect(hangingUpStatus('outgoing', 'ringing')).toBe('canceling');
    expect(hangingUpStatus('outgoing', 'progressing')).toBe('terminating');
    expect(hangingUpStatus('incoming', 'ringing')).toBe('terminating');
  });
});

describe('hangup reasons', () => {
  const facts = (over: Partial<HangupFacts>): HangupFacts => ({ direction: 'outgoing', status: 'ringing', requested: '', cause: 'NORMAL_CLEARING', answered: false, ...over });
  const cases: [string, Partial<HangupFacts>, { by: string; reason: string }][] = [
    ['busy callee', { cause: 'USER_BUSY' }, { by: 'remote', reason: 'busy' }],
    ['nobody answered', { cause: 'NO_ANSWER' }, { by: 'remote', reason: 'noanswer' }],
    ['no response', { cause: 'NO_USER_RESPONSE' }, { by: 'remote', reason: 'noanswer' }],
    ['rejected', { cause: 'CALL_REJECTED' }, { by: 'remote', reason: 'noanswer' }],
    ['a failed route', { cause: 'NO_ROUTE_DESTINATION' }, { by: 'remote', reason: 'failed' }],
    ['an answered call the far end ended', { status: 'progressing', answered: true }, { by: 'remote', reason: 'normal' }],
    ['a caller who gave up ringing', { direction: 'incoming', status: 'ringing' }, { by: 'remote', reason: 'cancel' }],
    ['our own hangup', { status: 'terminating', answered: true }, { by: 'local', reason: 'normal' }],
    ['our hangup with a reason', { status: 'terminating', requested: 'busy', cause: 'USER_BUSY' }, { by: 'local', reason: 'busy' }],
    ['our cancel of a ringing leg', { status: 'canceling', requested: 'normal' }, { by: 'local', reason: 'cancel' }],
    ['the duration cap', { status: 'terminating', requested: 'timeout', cause: 'ALLOTTED_TIMEOUT', answered: true }, { by: 'local', reason: 'timeout' }],
    ['an answering machine', { status: 'terminating', requested: 'amd', answered: true }, { by: 'local', reason: 'amd' }],
  ];
  it.each(cases)('%s', (_name, over, expected) => {
    expect(hangupOutcome(facts(over))).toEqual(expected);
  });
});
