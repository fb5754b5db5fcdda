import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the receiver got it. */
export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  // Parsed from the body; each test reads the fields it checks.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed JSON whose fields each test asserts
  json: any;
}

/** How the receiver answers a request: a status (and it may wait, or never answer). */
export type ReceiverAnswer = (request: ReceivedWebhook, response: ServerResponse) => void;

/**
 * A real HTTP endpoint on 127.0.0.1 (port 0) that records every request and answers as the
 * test says: a CRM's webhook endpoint, up, failing or hanging.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  answer: ReceiverAnswer = (_, response) => response.writeHead(204).end();
  private readonly hanging = new Set<ServerResponse>();

  private constructor(private readonly server: Server) {}

  static async start(): Promise<WebhookReceiver> {
    const server = createServer();
    const receiver = new WebhookReceiver(server);
    server.on('request', (request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const received = { headers: request.headers, body, json: JSON.parse(body) };
        receiver.received.push(received);
        receiver.hanging.add(response);
        response.on('close', () => receiver.hanging.delete(response));
        receiver.answer(received, response);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/accord`;
  }

  /** Answers every request with `status`. */
  answerWith(status: number): void {
    this.answer = (_, response) => response.writeHead(status).end();
  }

  async stop(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** What a receiver does with `Accord-Webhook-Signature` (docs/webhooks.md), written out independently of the dispatcher. */
export function signatureVerifies(received: ReceivedWebhook, secret: string): boolean {
  const timestamp = String(received.headers['accord-webhook-timestamp']);
  const expected = Buffer.from(`v1=${createHmac('sha256', secret).update(`${timestamp}.${received.body}`).digest('hex')}`);
  const given = Buffer.from(String(received.headers['accord-webhook-signature']));
  return given.length === expected.length && timingSafeEqual(given, expected);
}
