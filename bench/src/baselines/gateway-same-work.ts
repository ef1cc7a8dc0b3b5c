import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import amqp from 'amqplib';
import type { ConsumeMessage } from 'amqplib';

/**
 * The same-work baseline of the gateway, written plainly: node:http in front of an
 * amqplib RPC (direct reply-to) to a server answering a fixed document. No auth, no
 * validation, no envelope building: the hop the gateway makes and nothing more.
 */
export interface SameWorkGateway {
  url: string;
  close(): Promise<void>;
}

export async function sameWorkGateway(options: { url: string; document: string; path: string; prefetch: number }): Promise<SameWorkGateway> {
  const queue = `bench.${randomUUID().slice(0, 8)}.gateway-same-work`;
  const serverConn = await amqp.connect(options.url, { noDelay: true });
  const serverCh = await serverConn.createChannel();
  await serverCh.assertQueue(queue, { durable: false, autoDelete: true });
  await serverCh.prefetch(options.prefetch);
  const document = Buffer.from(options.document);
  await serverCh.consume(queue, (message) => {
    if (!message) return;
    serverCh.sendToQueue(message.properties.replyTo as string, document, { correlationId: message.properties.correlationId });
    serverCh.ack(message);
  });

  const clientConn = await amqp.connect(options.url, { noDelay: true });
  const clientCh = await clientConn.createChannel();
  const waiting = new Map<string, (body: Buffer) => void>();
  await clientCh.consume(
    'amq.rabbitmq.reply-to',
    (message: ConsumeMessage | null) => {
      const id = message?.properties.correlationId as string | undefined;
      if (id && message) {
        waiting.get(id)?.(message.content);
        waiting.delete(id);
      }
    },
    { noAck: true },
  );
  const http: Server = createServer((req, res) => {
    const correlationId = randomUUID();
    waiting.set(correlationId, (body) => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': correlationId });
      res.end(body);
    });
    clientCh.sendToQueue(queue, Buffer.from(JSON.stringify({ uri: req.url, method: req.method })), { correlationId, replyTo: 'amq.rabbitmq.reply-to' });
    req.resume();
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}${options.path}`,
    close: async () => {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await clientConn.close();
      await serverConn.close();
    },
  };
}
