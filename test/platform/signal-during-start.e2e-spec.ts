import { spawn } from 'node:child_process';
import { REPO_ROOT } from '#test-support';

/** An app told to stop while it is still starting (a rolling restart, `docker stop` right after `up`). */
describe('SIGTERM during start', () => {
  function runApp(startMs: number): { exited: Promise<{ code: number | null; output: string }>; kill: () => void } {
    const script = `
      import { runUntilSignal } from './dist/libs/service-runtime/src/bootstrap/run-until-signal.js';
      await runUntilSignal('probe', async () => {
        console.log('starting');
        await new Promise((resolve) => setTimeout(resolve, ${startMs}));
        console.log('started');
        return { close: async () => console.log('closed') };
      });`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<{ code: number | null; output: string }>((resolve) =>
      child.once('exit', (code) => resolve({ code, output })),
    );
    return { exited, kill: () => child.kill('SIGTERM') };
  }

  it('finishes starting, then closes the app and exits 0 (not killed by the signal)', async () => {
    const app = runApp(800);
    await new Promise((resolve) => setTimeout(resolve, 300));
    app.kill();
    const { code, output } = await app.exited;
    expect({ code, lines: output.trim().split('\n') }).toEqual({ code: 0, lines: ['starting', 'started', 'closed'] });
  });
});
