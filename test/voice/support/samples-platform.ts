import { startTestPlatform, type TestPlatform } from '#test-support';

/** The embedded platform for the sample suites, given a second chance to start on a machine busy with other suites. */
export async function startSamplesPlatform(name: string, env: NodeJS.ProcessEnv = {}): Promise<TestPlatform> {
  try {
    return await startTestPlatform(name, env);
  } catch (error) {
    if (!/Timed out/.test(String(error))) throw error;
    return startTestPlatform(name, env);
  }
}
