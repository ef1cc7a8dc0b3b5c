import { describe, expect, it } from '@jest/globals';
import type { ActiveflowState } from '../domain/model.js';
import { DIAL_CALL_ID, DIAL_DURATION, DIAL_STATUS, pivotRequestFields, RECORDING_DURATION, RECORDING_ID, RECORDING_URL, twimlRequestFields } from './fields.js';

const state = (variables: Record<string, string>): ActiveflowState =>
  ({ id: 'af1', account_id: 'acct', reference_type: 'call', reference_id: 'c1', variables: { 'voipbin.call.id': 'c1', ...variables } }) as unknown as ActiveflowState;

describe('Pivot request fields after a dial and a recording', () => {
  it.each([
    ['SUCCESS', 'completed'],
    ['USER_BUSY', 'busy'],
    ['NO_ANSWER', 'no-answer'],
    ['ALLOTTED_TIMEOUT', 'no-answer'],
    ['ORIGINATOR_CANCEL', 'canceled'],
    ['NO_ENDPOINTS', 'failed'],
    ['CALL_REJECTED', 'failed'],
  ])("names the bridge's %s as Twilio's DialCallStatus %s", (result, status) => {
    expect(twimlRequestFields(state({ [DIAL_STATUS]: result, [DIAL_CALL_ID]: 'leg-1', [DIAL_DURATION]: '12' }))).toMatchObject({ DialCallStatus: status, DialCallSid: 'leg-1', DialCallDuration: '12' });
  });

  it('leaves the dial out when there was none, and carries a recording in both formats', () => {
    const recorded = state({ [RECORDING_ID]: 'r1', [RECORDING_DURATION]: '7', [RECORDING_URL]: 'https://example.com/rec/call_recording_c1.wav' });
    const twiml = twimlRequestFields(recorded);
    expect(twiml).not.toHaveProperty('DialCallStatus');
    expect(twiml).toMatchObject({ RecordingSid: 'r1', RecordingDuration: '7', RecordingUrl: 'https://example.com/rec/call_recording_c1.wav' });
    expect(pivotRequestFields(recorded)).toMatchObject({ 'Recording-ID': 'r1', 'Recording-Duration': '7', 'Recording-Url': 'https://example.com/rec/call_recording_c1.wav' });
  });
});
