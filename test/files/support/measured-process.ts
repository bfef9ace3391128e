import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { REPO_ROOT } from '#test-support';

/** An app from dist/ as its own OS process whose memory the test can read from /proc. */
export class MeasuredProcess {
  readonly output: string[] = [];
  private child?: ChildProcess;

  constructor(
    readonly name: string,
    private readonly entry: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  start(): this {
    this.child = spawn(process.execPath, [this.entry], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [this.child.stdout!, this.child.stderr!])
      createInterface({ input: stream }).on('line', (line) => this.output.push(line));
    return this;
  }

  /** Resident memory now (VmRSS) and at its peak so far (VmHWM), in bytes. */
  memory(): { rss: number; peak: number } {
    const status = readFileSync(`/proc/${this.child!.pid}/status`, 'utf8');
    const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    return { rss: kib('VmRSS'), peak: kib('VmHWM') };
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  logTail(lines = 30): string {
    return `--- ${this.name} ---\n${this.output.slice(-lines).join('\n')}`;
  }
}
