import { describe, expect, it } from '@jest/globals';
import type { ActionRun } from './types.js';
import { agentCall, queueJoin, transcribeRecording, transcribeStart, transcribeStop } from './unavailable.js';

describe('media actions whose service is not run here', () => {
  it.each([
    ['agent_call', agentCall, 'agent_call: ringing an agent needs agent-manager, which this platform does not run'],
    ['queue_join', queueJoin, 'queue_join: a call queue needs queue-manager, which this platform does not run'],
    ['transcribe_recording', transcribeRecording, 'transcribe_recording: transcribing recordings needs transcribe-manager, which this platform does not run'],
    ['transcribe_start', transcribeStart, 'transcribe_start: live transcription needs transcribe-manager, which this platform does not run'],
    ['transcribe_stop', transcribeStop, 'transcribe_stop: live transcription needs transcribe-manager, which this platform does not run'],
  ] as const)('refuses %s, naming the service', async (type, handler, message) => {
    const refused: [string, string][] = [];
    const run = { action: { id: 'x', type, option: {} }, refuse: async (reason: string, text: string) => void refused.push([reason, text]) };
    await handler.start(run as unknown as ActionRun<never>);
    expect(handler.manual).toBe(true);
    expect(refused).toEqual([['SERVICE_UNAVAILABLE', message]]);
  });
});
