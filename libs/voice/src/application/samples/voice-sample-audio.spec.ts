import { ApplicationError } from '#contracts';
import { hostileSampleFiles, validSampleFiles } from '../../testing/voice-sample-hostile-files.js';
import { VoiceSample } from '../../domain/samples/index.js';
import { inspectSampleAudio } from './voice-sample-audio.js';

const LIMITS = { maxSeconds: 20, timeoutMs: 10_000 };
const SAMPLE = { id: 'vs_1', ownerId: 'usr_1', name: 'take', fileId: 'file_1', fileSize: 1, now: new Date() };

describe('inspectSampleAudio', () => {
  it.each(Object.entries(validSampleFiles()))('accepts a valid %s with its true length', async (format, bytes) => {
    const inspected = await inspectSampleAudio(bytes, LIMITS);
    expect(inspected.format).toBe(format);
    expect(inspected.channels).toBe(1);
    expect(inspected.durationSeconds).toBeGreaterThan(2.4);
    expect(inspected.durationSeconds).toBeLessThan(2.7);
  });

  it('refuses every hostile file with INVALID_AUDIO and a reason', async () => {
    const files = hostileSampleFiles(LIMITS.maxSeconds);
    expect(files.length).toBeGreaterThanOrEqual(200);
    const accepted: string[] = [];
    const otherErrors: string[] = [];
    for (const file of files) {
      try {
        const inspected = await inspectSampleAudio(file.bytes, LIMITS);
        // Length limits are the sample's own rule (a too-short file decodes fine).
        VoiceSample.upload(
          { ...SAMPLE, format: inspected.format, durationSeconds: inspected.durationSeconds },
          { minSeconds: 1, maxSeconds: LIMITS.maxSeconds },
        );
        accepted.push(file.label);
      } catch (error) {
        if (!(error instanceof ApplicationError) || error.code !== 'INVALID_AUDIO' || error.message.length < 5)
          otherErrors.push(`${file.label}: ${String(error)}`);
      }
    }
    expect({ accepted, otherErrors }).toEqual({ accepted: [], otherErrors: [] });
  }, 120_000);
});
