import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultMallocTuningAddonPath, tuneMallocForInference } from './malloc-tuning.js';

const here = dirname(fileURLToPath(import.meta.url));

describe('tuneMallocForInference', () => {
  beforeAll(() => {
    execFileSync(process.execPath, [join(here, '../../../../scripts/build-native.mjs')], { stdio: 'ignore' });
  });

  it('is built by npm run build and fixes the thresholds on this glibc machine', () => {
    expect(existsSync(defaultMallocTuningAddonPath())).toBe(true);
    expect(tuneMallocForInference()).toBe('malloc: blocks over 128 KiB are returned to the system when freed');
  });

  it('says why nothing was set when the addon is missing, without failing', () => {
    expect(tuneMallocForInference('/nonexistent/malloc_tuning.node')).toMatch(/^malloc settings left as they are \(no \/nonexistent/);
  });
});
