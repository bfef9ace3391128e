/*
 * Voxify: glibc malloc settings for a process that runs onnxruntime on several threads.
 *
 *   returnFreedMemory(thresholdBytes): boolean
 *
 * glibc raises its mmap threshold each time a large mmapped block is freed, so that the big, short
 * lived buffers of an inference soon come from the heaps of the threads that ran it, where freed
 * memory stays in the process (measured: +80 MB per inference worker thread). Fixing the mmap and
 * trim thresholds turns that adjustment off: blocks above the threshold are mapped and unmapped
 * again, and heap tops above it are given back. Same as MALLOC_MMAP_THRESHOLD_ / MALLOC_TRIM_THRESHOLD_
 * in the environment, but it works however the process was started. False where it is not glibc.
 */
#define NAPI_VERSION 8
#include <node_api.h>
#if defined(__GLIBC__) || defined(__linux__)
#include <malloc.h>
#endif

static napi_value return_freed_memory(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_value result;
  int64_t threshold = 128 * 1024;
  int applied = 0;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok) return NULL;
  if (argc >= 1) napi_get_value_int64(env, argv[0], &threshold);
  if (threshold < 4096) threshold = 4096;
  if (threshold > 32 * 1024 * 1024) threshold = 32 * 1024 * 1024;
#if defined(__GLIBC__) && defined(M_MMAP_THRESHOLD) && defined(M_TRIM_THRESHOLD)
  applied = mallopt(M_MMAP_THRESHOLD, (int)threshold) == 1 && mallopt(M_TRIM_THRESHOLD, (int)threshold) == 1;
#endif
  napi_get_boolean(env, applied, &result);
  return result;
}

NAPI_MODULE_INIT() {
  napi_value fn;
  if (napi_create_function(env, "returnFreedMemory", NAPI_AUTO_LENGTH, return_freed_memory, NULL, &fn) != napi_ok) return NULL;
  if (napi_set_named_property(env, exports, "returnFreedMemory", fn) != napi_ok) return NULL;
  return exports;
}
