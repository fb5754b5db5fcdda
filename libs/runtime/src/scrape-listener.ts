import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a scrape answers: the metrics in Prometheus's text format, and their content type. */
export interface ScrapeSource {
  contentType: string;
  render: () => Promise<string>;
}

/**
 * A listener that answers `GET /metrics` with what `source` renders, and 404 to anything else:
 * the API's and the worker's metrics port. It is separate from the API's own port, so it has no
 * token to check: keep the port off the public network.
 */
export async function listenForScrapes(source: ScrapeSource, port: number, onError: (error: unknown) => void): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    source.render().then(
      (text) => response.writeHead(200, { 'content-type': source.contentType }).end(text),
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

/** Stops serving scrapes, closing a scraper's kept-alive connection rather than waiting for it. */
export async function stopListening(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
