import { encodeWav, pcmAudio } from '#audio';
import { ApplicationError } from '#contracts';
import { voiceLikeSignal, validSampleFiles } from '../../testing/voice-sample-hostile-files.js';
import { InProcessVoiceSampleAudioInspector } from './in-process-voice-sample-audio-inspector.js';
import { WorkerThreadVoiceSampleAudioInspector } from './worker-thread-voice-sample-audio-inspector.js';

// The threads run the build's copy of the worker script (dist/), as `npm test` builds before Jest.
const LIMITS = { maxSeconds: 600, timeoutMs: 30_000 };
const REQUEST = { limits: LIMITS, trainingSampleRate: 16_000, uploadedDurationSeconds: 2.5 };

describe('WorkerThreadVoiceSampleAudioInspector', () => {
  let threads: WorkerThreadVoiceSampleAudioInspector;
  const inProcess = new InProcessVoiceSampleAudioInspector();

  beforeEach(() => {
    threads = new WorkerThreadVoiceSampleAudioInspector(2);
  });
  afterEach(async () => {
    await threads.close();
  });

  it.each(Object.entries(validSampleFiles()))('answers for a %s exactly what the event loop would', async (_format, bytes) => {
    const [onThread, here] = await Promise.all([
      threads.measure(Uint8Array.from(bytes), REQUEST),
      inProcess.measure(Uint8Array.from(bytes), REQUEST),
    ]);
    expect(onThread.summary).toEqual(here.summary);
    expect(onThread.metrics).toEqual(here.metrics);
    expect(here.trainingCopy).not.toBeNull();
    expect(Buffer.from(onThread.trainingCopy!).equals(Buffer.from(here.trainingCopy!))).toBe(true);
    expect(await threads.inspect(Uint8Array.from(bytes), LIMITS)).toEqual(here.summary);
  });

  it('refuses a bad file with INVALID_AUDIO and the same reason, and the thread goes on', async () => {
    const wav = validSampleFiles().wav;
    const truncated = wav.subarray(0, Math.floor(wav.length / 2));
    const refusal = (promise: Promise<unknown>) =>
      promise.then(
        () => undefined,
        (error: unknown) => error,
      );
    const [onThread, here] = await Promise.all([
      refusal(threads.inspect(Uint8Array.from(truncated), LIMITS)),
      refusal(inProcess.inspect(Uint8Array.from(truncated), LIMITS)),
    ]);
    expect(onThread).toBeInstanceOf(ApplicationError);
    expect(onThread).toMatchObject({ code: 'INVALID_AUDIO', message: (here as Error).message });
    expect((await threads.measure(Uint8Array.from(wav), REQUEST)).summary.format).toBe('wav');
  });

  it('leaves the event loop free while a long sample is measured', async () => {
    const take = voiceLikeSignal(44_100, 2.5).samples;
    const twoMinutes = new Float32Array(take.length * 48);
    for (let i = 0; i < 48; i++) twoMinutes.set(take, i * take.length);
    const long = encodeWav(pcmAudio(44_100, twoMinutes));
    let turns = 0;
    let measuring = true;
    const spin = (): void => {
      turns++;
      if (measuring) setImmediate(spin);
    };
    setImmediate(spin);
    const measured = await threads.measure(long, { ...REQUEST, uploadedDurationSeconds: 120 });
    measuring = false;
    expect(measured.summary.durationSeconds).toBeCloseTo(120, 1);
    // Measuring two minutes of audio on this thread would leave the loop a few dozen turns at most.
    expect(turns).toBeGreaterThan(1000);
  }, 60_000);

  it('fails the samples still waiting when it closes', async () => {
    const single = new WorkerThreadVoiceSampleAudioInspector(1);
    const wav = validSampleFiles().wav;
    const answers = [1, 2, 3].map(() =>
      single.measure(Uint8Array.from(wav), REQUEST).then(
        () => 'measured',
        (error: Error) => error.message,
      ),
    );
    await single.close();
    expect(await Promise.all(answers)).toEqual(expect.arrayContaining([expect.stringMatching(/shutting down/)]));
    await expect(single.inspect(Uint8Array.from(wav), LIMITS)).rejects.toThrow(/shut down/);
  });
});
