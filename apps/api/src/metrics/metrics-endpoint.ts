import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

/**
 * A listener that answers `GET /metrics` with a registry in Prometheus's text format, and 404
 * to anything else. It is separate from the API's own port, so it has no token to check: keep
 * the port off the public network.
 */
export async function listenForScrapes(registry: Registry, port: number, onError: (error: unknown) => void): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': registry.contentType }).end(text),
      (error: unknown) => {
        onError(error);
        response.writeHead(500).end();
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}

/** The port a listener got (the one asked for, or the free one picked for port 0). */
export function portOf(server: Server): number {
  return (server.address() as AddressInfo).port;
}
