import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parsePiperVoiceConfig, type VoiceDefinition } from '../voices/piper-voice-config.js';
import { VoiceSession, type VoiceSessionOptions } from './voice-session.js';

const MODEL_SUFFIX = '.onnx';

/** Every Piper voice (`NAME.onnx` + `NAME.onnx.json`) in a folder, each with an open session. */
export class VoiceCatalog {
  private constructor(private readonly sessions: ReadonlyMap<string, VoiceSession>) {}

  static async load(directory: string, options: VoiceSessionOptions): Promise<VoiceCatalog> {
    const entries = (await readdir(directory)).filter((file) => file.endsWith(MODEL_SUFFIX)).sort();
    const sessions = new Map<string, VoiceSession>();
    for (const file of entries) {
      const modelPath = join(directory, file);
      if (!existsSync(`${modelPath}.json`)) continue;
      const name = file.slice(0, -MODEL_SUFFIX.length);
      const voice = parsePiperVoiceConfig(name, JSON.parse(await readFile(`${modelPath}.json`, 'utf8')));
      sessions.set(name, await VoiceSession.open(voice, modelPath, options));
    }
    if (sessions.size === 0) throw new Error(`No Piper voice (NAME.onnx + NAME.onnx.json) in ${directory}`);
    return new VoiceCatalog(sessions);
  }

  get voices(): VoiceDefinition[] {
    return [...this.sessions.values()].map((session) => session.voice);
  }

  session(name: string): VoiceSession | undefined {
    return this.sessions.get(name);
  }

  async close(): Promise<void> {
    for (const session of this.sessions.values()) await session.close();
  }
}
