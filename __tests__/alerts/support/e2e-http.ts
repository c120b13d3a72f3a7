/**
 * The two local HTTP ends of the end-to-end alerting test: a fake exporter serving Prometheus text the test
 * can change, and a webhook receiver standing in for Slack, PagerDuty, Opsgenie and the heartbeat, recording
 * every delivery with the time it arrived.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface LocalServer {
  readonly url: string;
  close(): Promise<void>;
}

async function listen(handler: http.RequestListener): Promise<{ server: http.Server; url: string }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const closer = (server: http.Server) => () =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

/** What the fake exporter serves per path: exposition text (computed per scrape), or an HTTP error status. */
export type Exposition = Readonly<Record<string, (() => string) | number>>;

/** A fake exporter: GET `<path>` answers what `routes()[path]` says at the moment of the scrape. */
export async function startExporter(routes: () => Exposition): Promise<LocalServer> {
  const { server, url } = await listen((req, res) => {
    const route = routes()[req.url ?? ""];
    if (route === undefined) {
      res.writeHead(404).end();
    } else if (typeof route === "number") {
      res.writeHead(route, { "content-type": "text/plain" }).end("unavailable\n");
    } else {
      res.writeHead(200, { "content-type": "text/plain; version=0.0.4" }).end(route());
    }
  });
  return { url, close: closer(server) };
}

/** One request the webhook received. */
export interface Delivery {
  /** Milliseconds since the epoch when the request arrived. */
  readonly at: number;
  readonly path: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: unknown;
}

export interface Webhook extends LocalServer {
  readonly deliveries: Delivery[];
}

/** A webhook that answers 200 to every POST and records it. */
export async function startWebhook(): Promise<Webhook> {
  const deliveries: Delivery[] = [];
  const { server, url } = await listen((req, res) => {
    const chunks: Buffer[] = [];
    const at = Date.now();
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON: kept as text
      }
      deliveries.push({ at, path: req.url ?? "", headers: req.headers, body });
      res.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok"}');
    });
  });
  return { url, deliveries, close: closer(server) };
}
