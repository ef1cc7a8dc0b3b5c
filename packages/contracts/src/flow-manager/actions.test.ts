import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { actionInputSchema, actionOptionSchemas, actionSchema, actionTypes, readAction } from './actions/index.js';
import { createFlowBodySchema } from './flow.js';

describe('flow-manager action schemas', () => {
  it('reads the seed spelling (action, next_action, data) into the current one', () => {
    const read = readAction({ id: 'a1', action: 'answer', next_action: 'a2', data: { action_version: '0.1' } });
    expect(read).toEqual({ ok: true, action: { id: 'a1', type: 'answer', next_id: 'a2', option: { action_version: '0.1' } } });
  });

  it('treats voipbin\'s empty next action as none', () => {
    const read = readAction({ type: 'hangup', next_id: '00000000-0000-0000-0000-000000000000' });
    expect(read.ok && read.action.next_id).toBeUndefined();
  });

  it('names the unknown type, and the action and field of a bad option', () => {
    expect(readAction({ type: 'fly' })).toEqual({ ok: false, issue: { path: ['type'], message: 'unknown action type "fly"' } });
    const bad = readAction({ id: 'x', type: 'goto', option: {} });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.issue.path).toEqual(['option', 'target_id']);
      expect(bad.issue.message).toMatch(/^goto action x: option\.target_id: /);
    }
  });

  it('reports problems at their place in a list', () => {
    const parsed = z.object({ actions: z.array(actionInputSchema) }).safeParse({ actions: [{ type: 'answer' }, { type: 'talk', option: { text: '' } }] });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.path).toEqual(['actions', 1, 'option', 'text']);
  });

  it('has one option schema per type, and every type reads with its minimal options', () => {
    expect(Object.keys(actionOptionSchemas).sort()).toEqual([...actionTypes].sort());
    const minimal: Record<string, Record<string, unknown>> = {
      agent_call: { agent_id: 'a' },
      branch: {},
      bridge: { endpoints: [{ type: 'device', id: 'd' }] },
      eavesdrop: { target: { type: 'device', id: 'd' } },
      page: { endpoints: [{ type: 'device', id: 'd' }] },
      pickup: { targets: [{ type: 'group', id: 'g' }] },
      condition_datetime: { condition: '==', false_target_id: 'x' },
      condition_regex: { variable: 'v', pattern: '.*', false_target_id: 'x' },
      hotdesk_update: { action: 'logout' },
      list_match: { list_id: 'l', number: '1', false_target_id: 'x' },
      temporal_match: { rules: [], target_ids: {}, default_target_id: 'x' },
      temporal_rules_update: { action: 'reset', rules: ['r'] },
      call_settings_update: { setting: 'do_not_disturb', action: 'toggle' },
      caller_id_lookup: { action: 'lists', list_id: 'l', captured: '01' },
      condition_variable: { condition: '==', variable: 'v', false_target_id: 'x' },
      confbridge_join: { confbridge_id: 'c' },
      conference_enter: {},
      conference_join: { conference_id: 'c' },
      connect: { destinations: [{ type: 'tel', target: '1' }] },
      digits_receive: { duration: 1 },
      directory_search: { action: 'next', directory_id: 'd' },
      dtmf_receive: { duration: 1 },
      digits_send: { digits: '1' },
      dtmf_send: { digits: '1' },
      external_media_start: { external_host: 'h' },
      fetch: { event_url: 'http://h' },
      patch: { event_url: 'http://h' },
      fetch_flow: { flow_id: 'f' },
      patch_flow: { flow_id: 'f' },
      goto: { target_id: 'x' },
      pivot: { voice_url: 'http://h/p' },
      play: { stream_urls: ['u'] },
      presence_set: { presence_id: 'u', status: 'idle' },
      queue_join: { queue_id: 'q' },
      respond: { code: 486 },
      route_lookup: { number: '1', false_target_id: 'x' },
      sleep: { duration: 1 },
      talk: { text: 't' },
      variable_set: { key: 'k', value: 'v' },
      voicemail_check: { vmbox_id: 'b' },
      voicemail_leave: { vmbox_id: 'b' },
      send_fax: { document_url: 'https://docs.example.com/a.tiff' },
      webhook_send: { uri: 'http://h' },
    };
    for (const type of actionTypes) {
      const read = readAction({ type, option: minimal[type] ?? {} });
      expect({ type, ok: read.ok }).toEqual({ type, ok: true });
      expect(actionSchema.safeParse({ id: 'i', type, option: minimal[type] ?? {} }).success).toBe(true);
    }
  });

  it('validates option values: URLs, digits, time zones, comparisons', () => {
    expect(readAction({ type: 'fetch', option: { event_url: 'ftp://x' } }).ok).toBe(false);
    expect(readAction({ type: 'digits_send', option: { digits: '12x' } }).ok).toBe(false);
    expect(readAction({ type: 'pivot', option: { voice_url: 'ftp://x' } }).ok).toBe(false);
    expect(readAction({ type: 'pivot', option: { voice_url: 'http://x', req_format: 'xml' } }).ok).toBe(false);
    const twiml = readAction({ type: 'pivot', option: { voice_url: 'http://x', req_format: 'TwiML' } });
    expect(twiml.ok && twiml.action.option).toEqual({ voice_url: 'http://x', req_format: 'twiml' });
    const pivot = readAction({ type: 'pivot', option: { voice_url: 'http://x', method: 'POST' } });
    expect(pivot.ok && pivot.action.option).toEqual({ voice_url: 'http://x', method: 'post' });
    expect(readAction({ type: 'condition_datetime', option: { condition: '==', timezone: 'Mars/Olympus', false_target_id: 'x' } }).ok).toBe(false);
    expect(readAction({ type: 'condition_variable', option: { condition: '=~', variable: 'v', false_target_id: 'x' } }).ok).toBe(false);
    const numeric = readAction({ type: 'variable_set', option: { key: 'k', value: 3 } });
    expect(numeric.ok && numeric.action.option).toEqual({ key: 'k', value: '3' });
  });

  it('takes a Kazoo callflow tree as a flow body', () => {
    const parsed = createFlowBodySchema.safeParse({ numbers: ['1000'], flow: { module: 'answer', children: { _: { module: 'hangup' } } } });
    expect(parsed.success).toBe(true);
    expect(createFlowBodySchema.safeParse({ flow: { module: 'answer', children: { _: { data: {} } } } }).success).toBe(false);
  });
});
