import { parentPort } from 'node:worker_threads';
import { ApplicationError } from '#contracts';
import { measureVoiceSample, summarizeSampleAudio } from '../../application/samples/voice-sample-measurement.js';
import { speechMetrics } from './speech-metrics.js';
import { transferableBuffer, type VoiceSampleAudioReply, type VoiceSampleAudioTask } from './voice-sample-audio-task.js';

/** An audio thread of the voice service: decodes and measures one sample at a time. */
const port = parentPort!;

port.on('message', (task: VoiceSampleAudioTask) => {
  void run(task).then(
    ({ reply, transfer }) => port.postMessage(reply, transfer),
    (error: unknown) => port.postMessage({ id: task.id, error: errorBody(error) } satisfies VoiceSampleAudioReply),
  );
});

async function run(task: VoiceSampleAudioTask): Promise<{ reply: VoiceSampleAudioReply; transfer: ArrayBuffer[] }> {
  if (task.kind === 'inspect') return { reply: { id: task.id, result: await summarizeSampleAudio(task.bytes, task.limits) }, transfer: [] };
  const measured = await measureVoiceSample(task.bytes, task.request, speechMetrics);
  return { reply: { id: task.id, result: measured }, transfer: transferableBuffer(measured.trainingCopy) };
}

function errorBody(error: unknown): { message: string; code?: string; details?: unknown } {
  if (error instanceof ApplicationError) return error.toBody();
  return { message: error instanceof Error ? error.message : String(error) };
}
