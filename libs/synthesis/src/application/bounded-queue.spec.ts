import { BoundedQueue } from './bounded-queue.js';

function gate(): { open: () => void; wait: Promise<void> } {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { open, wait };
}

describe('BoundedQueue', () => {
  it('answers OVERLOADED beyond its capacity and runs the rest in order', async () => {
    const queue = new BoundedQueue(1);
    const order: number[] = [];
    const first = gate();
    const running = queue.run(async () => {
      await first.wait;
      order.push(1);
    });
    const queued = queue.run(async () => {
      order.push(2);
    });
    expect(queue.depth).toBe(1);
    await expect(queue.run(async () => undefined)).rejects.toMatchObject({ code: 'OVERLOADED' });
    first.open();
    await Promise.all([running, queued]);
    expect(order).toEqual([1, 2]);
    expect(queue.active).toBe(0);
  });

  it('runs up to `concurrency` tasks at once and starts a waiting one as soon as a slot frees', async () => {
    const queue = new BoundedQueue(8, 2);
    const gates = [gate(), gate(), gate()];
    const started: number[] = [];
    const runs = gates.map((g, i) =>
      queue.run(async () => {
        started.push(i);
        await g.wait;
        return i;
      }),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1]);
    expect(queue.depth).toBe(1);
    gates[1]!.open();
    await runs[1];
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1, 2]);
    gates[0]!.open();
    gates[2]!.open();
    expect(await Promise.all(runs)).toEqual([0, 1, 2]);
    expect(queue.active).toBe(0);
  });

  it('frees the slot of a task that fails', async () => {
    const queue = new BoundedQueue(1, 1);
    await expect(queue.run(async () => Promise.reject(new Error('inference failed')))).rejects.toThrow('inference failed');
    expect(await queue.run(async () => 'next')).toBe('next');
  });
});
