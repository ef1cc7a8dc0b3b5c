import { describe, expect, it } from '@jest/globals';
import { VoipError, statusCodes } from './errors.js';

describe('VoipError', () => {
  it('maps every status to its HTTP code', () => {
    expect(statusCodes).toMatchObject({ INVALID_ARGUMENT: 400, NOT_FOUND: 404, ALREADY_EXISTS: 409, RESOURCE_EXHAUSTED: 429, INTERNAL: 500, UNAVAILABLE: 503, DEADLINE_EXCEEDED: 504 });
  });

  it('turns anything unexpected into INTERNAL (500), never 400', () => {
    expect(VoipError.from(new TypeError('x is undefined'))).toMatchObject({ status: 'INTERNAL', statusCode: 500 });
    expect(VoipError.from('weird')).toMatchObject({ statusCode: 500 });
  });

  it('never serializes the cause', () => {
    const error = VoipError.internal('db failed', new Error('password=secret'));
    expect(JSON.stringify(error.toBody())).not.toContain('secret');
  });

  it('rebuilds a remote error, and one that carries only a code', () => {
    expect(VoipError.fromResponse(404, { error: { status: 'NOT_FOUND', reason: 'FLOW_NOT_FOUND', message: 'no flow' } })).toMatchObject({
      status: 'NOT_FOUND',
      reason: 'FLOW_NOT_FOUND',
      message: 'no flow',
    });
    expect(VoipError.fromResponse(409, undefined)).toMatchObject({ status: 'FAILED_PRECONDITION', statusCode: 409 });
    expect(VoipError.fromResponse(502, 'bad gateway')).toMatchObject({ status: 'INTERNAL' });
  });

  it('counts only transport failures and deadlines as retryable', () => {
    expect(VoipError.unavailable('down').retryable).toBe(true);
    expect(VoipError.deadline('late').retryable).toBe(true);
    expect(VoipError.notFound('gone').retryable).toBe(false);
  });
});
