/**
 * The real servers of the end-to-end alerting test: `prometheus` and Alertmanager from the Debian packages
 * scripts/ensure-tools.sh installs, started on 127.0.0.1 with free ports and temporary folders, bounded in
 * time (each runs under `timeout`) and killed by PID (after the tests, and from a process exit handler).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

/** The binaries: Debian names Alertmanager `prometheus-alertmanager`; upstream archives `alertmanager`. */
export interface ServerBinaries {
  readonly prometheus: string;
  readonly alertmanager: string;
}

/** How to get the binaries (the same packages `npm test`'s pretest installs as root). */
export const INSTALL_HINT =
  "the end-to-end alerting test needs the prometheus and Alertmanager servers: run `bash scripts/ensure-tools.sh` as root, " +
  "or `sudo apt-get install prometheus prometheus-alertmanager`";

function which(command: string): string | undefined {
  const run = spawnSync("sh", ["-c", `command -v ${command}`], { encoding: "utf8" });
  const found = run.stdout.trim();
  return run.status === 0 && found !== "" ? found : undefined;
}

/** The installed binaries, or undefined when one is missing. */
export function findServerBinaries(): ServerBinaries | undefined {
  const prometheus = which("prometheus");
  const alertmanager = which("alertmanager") ?? which("prometheus-alertmanager");
  return prometheus === undefined || alertmanager === undefined ? undefined : { prometheus, alertmanager };
}

/** A port nobody listens on at the moment (the OS picks it; the server binds it right after). */
export async function freePort(): Promise<number> {
  return (await freePorts(1))[0]!;
}

/**
 * `n` distinct ports nobody listens on at the moment: all held open until the last is picked, so the OS cannot
 * hand out one twice. Picked before the servers start, so that servers which name each other's URLs (Prometheus
 * its Alertmanagers) start side by side.
 */
export async function freePorts(n: number): Promise<number[]> {
  const servers = Array.from({ length: n }, () => net.createServer());
  const ports = await Promise.all(
    servers.map(
      (server) =>
        new Promise<number>((resolve, reject) => {
          server.unref();
          server.on("error", reject);
          server.listen(0, "127.0.0.1", () => {
            const address = server.address();
            if (address === null || typeof address === "string") return reject(new Error("no port"));
            resolve(address.port);
          });
        }),
    ),
  );
  await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
  return ports;
}

const running = new Set<ChildProcess>();

/** Longest a server may live: `timeout` ends it even if jest dies before its afterAll and exit handler run. */
const LIFETIME_SECONDS = 180;

/** Kills each server's process group (the `timeout` wrapper leads it; the server is its only other member) by PID. */
function killAll(): void {
  for (const child of running) {
    if (child.pid !== undefined && child.exitCode === null) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  }
  running.clear();
}

process.on("exit", killAll);

/** Kills every server this module started, by PID. */
export function stopServers(): void {
  killAll();
}

/** A started server: its base URL and its log (stdout and stderr), for failure messages. */
export interface Server {
  readonly name: string;
  readonly url: string;
  readonly pid: number;
  log(): string;
}

/** Polls `url` until it answers 200 or `timeoutMs` passes; fails with the server's log. */
async function waitReady(server: Server, readyPath: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${server.url}${readyPath}`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = (e as Error).message;
    }
    await sleep(200);
  }
  throw new Error(`${server.name} not ready after ${timeoutMs} ms (${last}); its log:\n${server.log()}`);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Starts `binary args` with its output in `dir/server.log`; resolves once `readyPath` answers. */
export async function startServer(
  name: string,
  binary: string,
  args: readonly string[],
  port: number,
  dir: string,
  env: Readonly<Record<string, string>> = {},
): Promise<Server> {
  const logFile = path.join(dir, "server.log");
  const fd = fs.openSync(logFile, "w");
  // `timeout` makes itself the leader of a new process group (no --foreground) and kills the server after LIFETIME_SECONDS.
  const child = spawn("timeout", ["--kill-after=5", String(LIFETIME_SECONDS), binary, ...args], { stdio: ["ignore", fd, fd], env: { ...process.env, ...env }, cwd: dir });
  fs.closeSync(fd);
  running.add(child);
  child.on("exit", () => running.delete(child));
  if (child.pid === undefined) throw new Error(`${name}: ${binary} did not start`);
  const server: Server = { name, url: `http://127.0.0.1:${port}`, pid: child.pid, log: () => fs.readFileSync(logFile, "utf8").slice(-4000) };
  await waitReady(server, "/-/ready", 20000);
  return server;
}

/** Starts Prometheus with `configFile`, storing in `dir`, on `port` (default: a free one). */
export async function startPrometheus(binaries: ServerBinaries, name: string, configFile: string, dir: string, port?: number): Promise<Server> {
  port ??= await freePort();
  return startServer(
    name,
    binaries.prometheus,
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${path.join(dir, "data")}`,
      `--web.listen-address=127.0.0.1:${port}`,
      // Alerts that fire before service discovery has handed the notifier its Alertmanagers (up to 5 s) are
      // dropped and, by default, sent again only a minute later.
      "--rules.alert.resend-delay=1s",
      // POST /-/reload loads the rules once the series are there (see the test).
      "--web.enable-lifecycle",
      "--log.level=warn",
    ],
    port,
    dir,
  );
}

/**
 * Starts Alertmanager with `configFile`, clustering off, storing in `dir`, on `port` (default: a free one).
 * `zoneinfo` is a folder of time zone files Go reads before the system's (ZONEINFO), see e2e-inputs.ts.
 */
export async function startAlertmanager(binaries: ServerBinaries, name: string, configFile: string, dir: string, zoneinfo?: string, port?: number): Promise<Server> {
  port ??= await freePort();
  return startServer(
    name,
    binaries.alertmanager,
    [
      `--config.file=${configFile}`,
      `--storage.path=${path.join(dir, "data")}`,
      `--web.listen-address=127.0.0.1:${port}`,
      "--cluster.listen-address=",
      "--log.level=warn",
    ],
    port,
    dir,
    zoneinfo === undefined ? {} : { ZONEINFO: zoneinfo },
  );
}

/** POST `url` (e.g. Prometheus' /-/reload); fails on an HTTP error. */
export async function post(url: string): Promise<void> {
  const res = await fetch(url, { method: "POST", signal: AbortSignal.timeout(10000) });
  if (!res.ok) throw new Error(`POST ${url}: HTTP ${res.status} ${await res.text()}`);
}

/** GET `url` as JSON. */
export async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
  if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

/** Polls `probe` every 250 ms until it returns a value other than undefined, or fails after `timeoutMs` with `what`. */
export async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(250);
  }
}

/**
 * Polls `done` every 250 ms until it holds or `timeoutMs` passes, without failing: for evidence the checks read
 * afterwards (they then report what is missing, by name), not for a precondition.
 */
export async function waitUntil(timeoutMs: number, done: () => boolean): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) return false;
    await sleep(250);
  }
  return true;
}
