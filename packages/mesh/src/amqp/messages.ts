import type { ConfirmChannel, ConsumeMessage, Options } from 'amqplib';
import { VoipError } from '@voxmesh/wire';
import type { Delivery, MessageProperties } from '../broker.js';

export function confirmPublish(channel: ConfirmChannel, exchange: string, routingKey: string, body: Buffer, properties: MessageProperties): Promise<void> {
  return new Promise((resolve, reject) => {
    try {
      channel.publish(exchange, routingKey, body, properties as Options.Publish, (error: unknown) => {
        if (error) reject(VoipError.unavailable(`broker refused the message for ${exchange || routingKey}`, 'NACKED', error));
        else resolve();
      });
    } catch (error) {
      reject(VoipError.unavailable(`publishing to ${exchange || routingKey} failed: ${describe(error)}`, 'PUBLISH_FAILED', error));
    }
  });
}

export function toDelivery(message: ConsumeMessage): Delivery {
  const props = message.properties;
  const properties: MessageProperties = {};
  if (props.correlationId) properties.correlationId = String(props.correlationId);
  if (props.replyTo) properties.replyTo = String(props.replyTo);
  if (props.expiration !== undefined && props.expiration !== null) properties.expiration = String(props.expiration);
  if (props.headers) properties.headers = props.headers as Record<string, unknown>;
  if (props.contentType) properties.contentType = String(props.contentType);
  if (props.messageId) properties.messageId = String(props.messageId);
  if (props.timestamp) properties.timestamp = Number(props.timestamp);
  return { body: message.content, properties, redelivered: message.fields.redelivered };
}

/** Acks on a channel that died with its connection throw; the broker redelivers those anyway. */
export function settle(action: () => void): void {
  try {
    action();
  } catch {
    // The channel is gone; the unacknowledged message goes back to the queue by itself.
  }
}

export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
