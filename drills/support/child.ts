import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface BotProcess {
  child: ChildProcess;
  url: string;
  /** What the process wrote to stderr (its log), for a failure message. */
  stderr: () => string;
  exited: Promise<number | null>;
}

/** Starts drills/support/bot-process.ts under `node --import tsx` and waits until it serves (bounded). */
export async function spawnBot(env: Record<string, string>, timeoutMs = 30_000): Promise<BotProcess> {
  const script = fileURLToPath(new URL('./bot-process.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (c: Buffer) => {
    err = (err + c.toString('utf8')).slice(-20_000);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`bot process did not start within ${timeoutMs} ms:\n${err}`));
    }, timeoutMs);
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString('utf8');
      const m = /ready (\S+)\n/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`bot process exited (${code}) before serving:\n${err}`));
    });
  });
  return { child, url, stderr: () => err, exited };
}
