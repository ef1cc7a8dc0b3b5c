import { describe, expect, it } from '@jest/globals';
import { VoipError } from './errors.js';
import { readEvent, readRequest, readResponse } from './envelope.js';

describe('readRequest', () => {
  it('reads the seed envelope as written', () => {
    const seed = '{"uri": "/v1/activeflows", "method": "POST", "data_type": "application/json", "data": {"call_id": "1eb4ed62-05ef-11eb-9354-eb6fe8497be5", "flow_id": "2f68edd4-05ef-11eb-8beb-0f9f9c21b69c"}}';
    expect(readRequest(seed)).toEqual({
      uri: '/v1/activeflows',
      method: 'POST',
      data_type: 'application/json',
      data: { call_id: '1eb4ed62-05ef-11eb-9354-eb6fe8497be5', flow_id: '2f68edd4-05ef-11eb-8beb-0f9f9c21b69c' },
    });
  });

  it('accepts a lower-case method, string data and no data_type', () => {
    expect(readRequest('{"uri":"/v1/x","method":"get","data":"{\\"a\\":1}"}')).toEqual({ uri: '/v1/x', method: 'GET', data: { a: 1 } });
  });

  it('keeps string data of a non-JSON data type as it is', () => {
    expect(readRequest('{"uri":"/v1/x","method":"POST","data_type":"text/plain","data":"hello"}').data).toBe('hello');
  });

  it.each([
    ['not JSON', '{"uri":', 'body'],
    ['an array', '[1,2]', 'body'],
    ['no uri', '{"method":"GET"}', 'uri'],
    ['a relative uri', '{"uri":"v1/x","method":"GET"}', 'uri'],
    ['an unknown method', '{"uri":"/v1/x","method":"FETCH"}', 'method'],
    ['string data that is not JSON', '{"uri":"/v1/x","method":"GET","data":"{oops"}', 'data'],
  ])('refuses %s, naming the field', (_label, raw, field) => {
    try {
      readRequest(raw);
      throw new Error('expected a failure');
    } catch (error) {
      expect(error).toBeInstanceOf(VoipError);
      expect(error).toMatchObject({ status: 'INVALID_ARGUMENT', field });
    }
  });
});

describe('readResponse and readEvent', () => {
  it('reads a response whose data is a JSON string, as Go services send it', () => {
    expect(readResponse('{"status_code":200,"data_type":"application/json","data":"{\\"id\\":\\"x\\"}"}')).toEqual({
      status_code: 200,
      data_type: 'application/json',
      data: { id: 'x' },
    });
  });

  it('refuses a response without status_code as INTERNAL', () => {
    expect(() => readResponse('{"data":{}}')).toThrow(VoipError);
  });

  it('reads an event and names a missing type', () => {
    expect(readEvent('{"type":"flow_created","publisher":"flow-manager","data":{}}').type).toBe('flow_created');
    expect(() => readEvent('{"publisher":"x"}')).toThrow(/type/);
  });
});

describe('the seed as written', () => {
  it("reads the seed's request example, missing comma and all", () => {
    const seed = `{
  "uri": "/v1/activeflows",
  "method": "POST",
  "data_type": "application/json"
  "data": {"call_id": "1eb4ed62-05ef-11eb-9354-eb6fe8497be5", "flow_id": "2f68edd4-05ef-11eb-8beb-0f9f9c21b69c"}
}`;
    expect(readRequest(seed)).toMatchObject({ uri: '/v1/activeflows', method: 'POST', data: { call_id: '1eb4ed62-05ef-11eb-9354-eb6fe8497be5' } });
  });

  it("reads the seed's GET example with its trailing comma", () => {
    const seed = `{
  "uri": "/v1/flows/3271831e-880f-11ea-bc66-4f3de31bc41e/actions",
  "method": "GET",
  "data_type": "application/json"
  "data": {},
}`;
    expect(readRequest(seed)).toEqual({ uri: '/v1/flows/3271831e-880f-11ea-bc66-4f3de31bc41e/actions', method: 'GET', data_type: 'application/json', data: {} });
  });

  it('leaves commas and newlines inside strings alone', () => {
    expect(readRequest('{"uri": "/v1/x", "method": "POST"\n "data": {"text": "a,}"}}').data).toEqual({ text: 'a,}' });
  });
});
