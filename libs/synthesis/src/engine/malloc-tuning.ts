import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { nativeAddonPath } from '#audio';

/** Bytes above which glibc maps and unmaps a block instead of keeping it in a thread's heap. */
export const INFERENCE_MMAP_THRESHOLD_BYTES = 128 * 1024;

export function defaultMallocTuningAddonPath(): string {
  return nativeAddonPath('malloc_tuning.node');
}

/**
 * Fixes glibc's mmap and trim thresholds (native/malloc-tuning) before the inference workers start,
 * so that the large buffers each inference allocates on its own threads go back to the system when
 * freed. Returns a line for the start log: what was set, or why nothing was.
 */
export function tuneMallocForInference(addonPath = defaultMallocTuningAddonPath()): string {
  if (!existsSync(addonPath)) return `malloc settings left as they are (no ${addonPath}; npm run build makes it)`;
  try {
    const addon = createRequire(import.meta.url)(addonPath) as { returnFreedMemory(thresholdBytes: number): boolean };
    return addon.returnFreedMemory(INFERENCE_MMAP_THRESHOLD_BYTES)
      ? `malloc: blocks over ${INFERENCE_MMAP_THRESHOLD_BYTES / 1024} KiB are returned to the system when freed`
      : 'malloc settings left as they are (not glibc)';
  } catch (error) {
    return `malloc settings left as they are (${error instanceof Error ? error.message : String(error)})`;
  }
}
