import { describe, expect, it } from '@jest/globals';
import type { Channel, Message } from 'amqplib';
import { ChannelAcks } from './channel-acks.js';

function fakeChannel() {
  const sent: string[] = [];
  const channel = {
    ack: (message: Message, multiple?: boolean) => sent.push(`ack ${message.fields.deliveryTag}${multiple ? ' and all before' : ''}`),
    nack: (message: Message) => sent.push(`nack ${message.fields.deliveryTag}`),
  } as unknown as Channel;
  return { channel, sent };
}

const message = (deliveryTag: number) => ({ fields: { deliveryTag } }) as unknown as Message;
const tick = () => new Promise((resolve) => process.nextTick(resolve));

describe('ChannelAcks', () => {
  it('acks a tick of finished deliveries as one range from the oldest', async () => {
    const { channel, sent } = fakeChannel();
    const acks = new ChannelAcks(channel);
    for (let tag = 1; tag <= 5; tag++) acks.received(message(tag));
    for (const tag of [3, 1, 2]) acks.ack(message(tag));
    await tick();
    expect(sent).toEqual(['ack 3 and all before']);
    for (const tag of [5, 4]) acks.ack(message(tag));
    await tick();
    expect(sent).toEqual(['ack 3 and all before', 'ack 5 and all before']);
  });

  it('does not let a delivery still running hold back those finished after it', async () => {
    const { channel, sent } = fakeChannel();
    const acks = new ChannelAcks(channel);
    for (let tag = 1; tag <= 4; tag++) acks.received(message(tag));
    for (const tag of [2, 3]) acks.ack(message(tag));
    await tick();
    // 1 still runs: 2 and 3 are acked one by one, never as a range that would take 1 with them.
    expect(sent).toEqual(['ack 2', 'ack 3']);
    acks.ack(message(1));
    await tick();
    expect(sent).toEqual(['ack 2', 'ack 3', 'ack 1 and all before']);
    acks.ack(message(4));
    await tick();
    expect(sent.at(-1)).toBe('ack 4 and all before');
  });

  it('rejects at once, and the range after it is not blocked by it', async () => {
    const { channel, sent } = fakeChannel();
    const acks = new ChannelAcks(channel);
    for (let tag = 1; tag <= 3; tag++) acks.received(message(tag));
    acks.reject(message(1));
    acks.ack(message(2));
    acks.ack(message(3));
    await tick();
    expect(sent).toEqual(['nack 1', 'ack 3 and all before']);
  });

  it('keeps quiet when the channel is gone: the broker requeues what was not acknowledged', async () => {
    const acks = new ChannelAcks({ ack: () => { throw new Error('channel closed'); } } as unknown as Channel);
    acks.received(message(1));
    acks.ack(message(1));
    await expect(tick()).resolves.toBeUndefined();
  });
});
