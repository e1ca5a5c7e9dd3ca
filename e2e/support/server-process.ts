import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { inject } from 'vitest';

/** Runs the real server (`server/src/main.ts`) as a child process, as `npm start` does after the web build. */

const root = path.resolve(import.meta.dirname, '../..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  /** Resolves with the exit code (or signal name) when the process ends. */
  exited: Promise<number | string>;
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void>;
  stop(signal?: NodeJS.Signals): Promise<number | string>;
}

export async function startServer(options: {
  dataDir: string;
  port?: number;
  env?: Record<string, string>;
  /**
   * An empty data directory starts from a copy of the demo seeded once for the run (`copy`, the
   * default when the e2e setup provided one), or seeds its own on first start (`fresh`).
   */
  demo?: 'copy' | 'fresh';
}): Promise<ServerProcess> {
  const template = options.demo === 'fresh' ? undefined : seededDemo();
  if (template && !holdsDatabase(options.dataDir)) {
    // Anything else there would make the server seed a demo of its own (two minutes, not seconds).
    if (fs.existsSync(options.dataDir) && fs.readdirSync(options.dataDir).length > 0)
      throw new Error(
        `${options.dataDir} holds files but no database: keep test files out of the data directory`,
      );
    fs.cpSync(template, options.dataDir, { recursive: true });
  }
  const port = options.port ?? (await freePort());
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: options.dataDir,
      DATABASE_URL: '',
      LOG_LEVEL: 'info',
      // Tests sign in far more often than people do.
      SIGN_INS_PER_MINUTE_PER_IP: '600',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const listeners = new Set<() => void>();
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | string>((resolve) => {
    child.on('exit', (code, signal) => {
      resolve(code ?? signal ?? 'unknown');
      for (const listener of listeners) listener();
    });
  });
  const waitForOutput = (pattern: RegExp, timeoutMs = 120_000) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (pattern.test(output)) {
          cleanup();
          resolve();
        } else if (child.exitCode !== null || child.signalCode !== null) {
          cleanup();
          reject(new Error(`server exited before ${pattern}:\n${output.slice(-2000)}`));
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out waiting for ${pattern}:\n${output.slice(-2000)}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        listeners.delete(check);
      };
      listeners.add(check);
      check();
    });
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => output,
    exited,
    waitForOutput,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Waits until the server answers /healthz. */
export async function waitUntilHealthy(server: ServerProcess, timeoutMs = 180_000): Promise<void> {
  await server.waitForOutput(/Server listening at/, timeoutMs);
  const response = await fetch(`${server.url}/healthz`);
  if (!response.ok) throw new Error(`healthz answered ${response.status}`);
}

/** GET (or any request) and parse JSON as the given contract type. */
export async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, init);
  return (await response.json()) as T;
}

/** The demo data directory the e2e setup seeded, when there is one. */
function seededDemo(): string | undefined {
  try {
    return inject('demoDataDir');
  } catch {
    return undefined;
  }
}

/** Whether a data directory already holds the embedded database (a server started there before). */
function holdsDatabase(dataDir: string): boolean {
  return fs.existsSync(path.join(dataDir, 'pglite'));
}
