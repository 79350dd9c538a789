import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP proxy on loopback in front of a server (PostgreSQL at 127.0.0.1:5432 in the tests), that
 * can play that server restarting: `cut()` drops every open connection and refuses new ones
 * (nothing listens on the port any more, so connecting fails with ECONNREFUSED, as while
 * PostgreSQL is down); `restore()` listens again on the same port. The real server is never
 * touched — other people's tests share it.
 */
export interface DroppingProxy {
  /** The proxy's port; put it in place of the real one in a connection string. */
  port: number;
  /** `url` with its host and port replaced by the proxy's. */
  rewrite(url: string): string;
  /** Connections the proxy has accepted so far. */
  readonly accepted: number;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startDroppingProxy(target: { host: string; port: number }): Promise<DroppingProxy> {
  const open = new Set<Socket>();
  let accepted = 0;
  let server: Server | null = null;
  let port = 0;

  function listen(onPort: number): Promise<void> {
    const listening = createServer((client) => {
      accepted += 1;
      const upstream = connect(target.port, target.host);
      open.add(client);
      open.add(upstream);
      const drop = () => {
        client.destroy();
        upstream.destroy();
        open.delete(client);
        open.delete(upstream);
      };
      client.on('error', drop);
      upstream.on('error', drop);
      client.on('close', drop);
      upstream.on('close', drop);
      client.pipe(upstream);
      upstream.pipe(client);
    });
    server = listening;
    return new Promise((resolve, reject) => {
      listening.once('error', reject);
      listening.listen(onPort, '127.0.0.1', () => {
        port = (listening.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  async function stopListening(): Promise<void> {
    const current = server;
    server = null;
    for (const socket of open) socket.destroy();
    open.clear();
    if (current) await new Promise<void>((resolve) => current.close(() => resolve()));
  }

  await listen(0);
  return {
    get port() {
      return port;
    },
    get accepted() {
      return accepted;
    },
    rewrite(url) {
      const parsed = new URL(url);
      parsed.hostname = '127.0.0.1';
      parsed.port = String(port);
      return parsed.toString();
    },
    cut: stopListening,
    async restore() {
      if (server) return;
      await listen(port);
    },
    close: stopListening,
  };
}
