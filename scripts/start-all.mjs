// Runs the six apps as separate processes against the real servers in DATABASE_URL and AMQP_URL,
// prefixing each line of output with the app's name. Ctrl-C (or SIGTERM) stops them all gracefully.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const apps = ['identity', 'voice', 'synthesis', 'jobs', 'storage', 'api-gateway'];
for (const name of ['DATABASE_URL', 'AMQP_URL']) {
  if (!process.env[name]) {
    process.stderr.write(`start:all needs ${name} (see README, "Run against real servers")\n`);
    process.exit(78);
  }
}

const root = new URL('..', import.meta.url).pathname;
// PORT is the gateway's; each back-end app keeps its own default ops port (8081-8085).
const { PORT: gatewayPort, ...serviceEnv } = process.env;
const children = apps.map((app) => {
  const child = spawn(process.execPath, [`dist/apps/${app}/src/main.js`], {
    cwd: root,
    env: app === 'api-gateway' && gatewayPort ? { ...serviceEnv, PORT: gatewayPort } : serviceEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => process.stdout.write(`[${app}] ${line}\n`));
  }
  child.on('exit', (code, signal) => {
    process.stdout.write(`[${app}] exited (${signal ?? code})\n`);
    if (!stopping) stopAll('SIGTERM', 1);
  });
  return child;
});

let stopping = false;
function stopAll(signal, exitCode = 0) {
  if (stopping) return;
  stopping = true;
  let alive = children.length;
  for (const child of children) {
    if (child.exitCode !== null || child.signalCode !== null) alive--;
    else {
      child.once('exit', () => --alive === 0 && process.exit(exitCode));
      child.kill(signal);
    }
  }
  if (alive === 0) process.exit(exitCode);
}
process.on('SIGINT', () => stopAll('SIGTERM'));
process.on('SIGTERM', () => stopAll('SIGTERM'));
