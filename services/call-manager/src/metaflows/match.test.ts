import { describe, expect, it } from '@jest/globals';
import { findMetaflow } from './match.js';
import { mergeMetaflows } from './merge.js';

const document = {
  numbers: { '234': { module: 'play', data: { id: 'media_id' } } },
  patterns: { '^1([0-9]{4})$': { module: 'callflow', data: {} }, '2(\\d+)': { module: 'transfer' }, '^(2)(3)': { module: 'tts', data: { text: 'x' } } },
};

describe('finding the metaflow of collected digits', () => {
  it('takes an exact number first, adding only the leg', () => {
    expect(findMetaflow(document, '234', 'leg-a')).toEqual({ node: document.numbers['234'], data: { id: 'media_id', dtmf_leg: 'leg-a' } });
  });

  it('then the first pattern in key order, unanchored unless anchored, with collected, captured and captures', () => {
    expect(findMetaflow(document, '12001', 'leg-a')?.data).toEqual({ collected: '12001', captured: ['2001'], captures: ['2001'], dtmf_leg: 'leg-a' });
    expect(findMetaflow(document, '9232', 'leg-b')).toMatchObject({ node: { module: 'transfer' }, data: { captured: ['32'] } });
    expect(findMetaflow(document, '99', 'leg-a')).toBeUndefined();
  });
});

describe('merging the documents of a call', () => {
  it('lets each later document win key by key, entries of numbers and patterns one by one', () => {
    const merged = mergeMetaflows([
      { numbers: { '1': { module: 'hangup' }, '2': { module: 'break' } }, binding_digit: '*', digit_timeout: 500, listen_on: 'both' },
      { numbers: { '1': { module: 'resume' } }, patterns: { '^9$': { module: 'hangup' } }, binding_digit: '#' },
    ]);
    expect(merged).toEqual({
      numbers: { '1': { module: 'resume' }, '2': { module: 'break' } },
      patterns: { '^9$': { module: 'hangup' } },
      binding_digit: '#',
      digit_timeout_ms: 500,
      listen_on: 'both',
    });
  });
});
