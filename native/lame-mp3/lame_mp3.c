/*
 * Voxify: constant-bitrate mono MP3 through Debian's libmp3lame.
 *
 *   open(sampleRate, bitrateKbps): encoder   (an external; LAME's state is freed with it)
 *   encode(encoder, samples: Float32Array): Buffer   (the frames completed so far)
 *   flush(encoder): Buffer                          (the rest; the encoder is closed)
 *
 * The JavaScript port (lamejs) encodes about 55 times faster than real time here; this is the same
 * LAME compiled natively. No Xing/Info tag is written: a stream's first frame has already left when
 * the length is known, and whole files are written the same way.
 */
#define NAPI_VERSION 8
#include <node_api.h>
#include <lame/lame.h>
#include <stdlib.h>

typedef struct {
  lame_global_flags *lame;
  int flushed;
} Mp3Encoder;

static void finalize_encoder(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  Mp3Encoder *encoder = data;
  if (encoder->lame) lame_close(encoder->lame);
  free(encoder);
}

static napi_value fail(napi_env env, const char *message) {
  napi_throw_error(env, NULL, message);
  return NULL;
}

static napi_value open_encoder(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  int32_t sample_rate = 0;
  int32_t bitrate = 0;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 2) return fail(env, "open(sampleRate, bitrateKbps)");
  if (napi_get_value_int32(env, argv[0], &sample_rate) != napi_ok || napi_get_value_int32(env, argv[1], &bitrate) != napi_ok)
    return fail(env, "open(sampleRate, bitrateKbps) takes two numbers");
  Mp3Encoder *encoder = calloc(1, sizeof(Mp3Encoder));
  if (!encoder) return fail(env, "out of memory");
  encoder->lame = lame_init();
  if (!encoder->lame) {
    free(encoder);
    return fail(env, "lame_init failed");
  }
  lame_set_num_channels(encoder->lame, 1);
  lame_set_mode(encoder->lame, MONO);
  lame_set_in_samplerate(encoder->lame, sample_rate);
  lame_set_out_samplerate(encoder->lame, sample_rate);
  lame_set_brate(encoder->lame, bitrate);
  lame_set_VBR(encoder->lame, vbr_off);
  lame_set_bWriteVbrTag(encoder->lame, 0);
  if (lame_init_params(encoder->lame) < 0) {
    lame_close(encoder->lame);
    free(encoder);
    return fail(env, "LAME refused the sample rate or bitrate");
  }
  napi_value result;
  if (napi_create_external(env, encoder, finalize_encoder, NULL, &result) != napi_ok) {
    lame_close(encoder->lame);
    free(encoder);
    return fail(env, "could not create the encoder object");
  }
  return result;
}

/* The call's arguments into argv (`count` of them, the first an open encoder); NULL with an exception otherwise. */
static Mp3Encoder *encoder_argument(napi_env env, napi_callback_info info, napi_value *argv, size_t count, const char *usage) {
  size_t argc = count;
  void *data = NULL;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < count ||
      napi_get_value_external(env, argv[0], &data) != napi_ok || !data || ((Mp3Encoder *)data)->flushed) {
    napi_throw_error(env, NULL, usage);
    return NULL;
  }
  return data;
}

static napi_value buffer_of(napi_env env, const unsigned char *bytes, size_t length) {
  napi_value result;
  void *copy = NULL;
  return napi_create_buffer_copy(env, length, bytes, &copy, &result) == napi_ok ? result : fail(env, "could not create the output buffer");
}

static napi_value encode(napi_env env, napi_callback_info info) {
  napi_value argv[2];
  Mp3Encoder *encoder = encoder_argument(env, info, argv, 2, "encode(encoder, samples) needs an open encoder");
  if (!encoder) return NULL;
  napi_typedarray_type type;
  size_t length = 0;
  void *data = NULL;
  if (napi_get_typedarray_info(env, argv[1], &type, &length, &data, NULL, NULL) != napi_ok || type != napi_float32_array)
    return fail(env, "encode: samples must be a Float32Array");
  /* LAME's bound for one call: 1.25 bytes per sample plus 7,200. */
  size_t capacity = length + length / 4 + 7200;
  unsigned char *out = malloc(capacity);
  if (!out) return fail(env, "out of memory");
  const float *samples = data;
  size_t written = 0;
  /* LAME takes an int count; a chunk of 1 M samples keeps it far from overflow. */
  for (size_t offset = 0; offset < length; offset += 1u << 20) {
    size_t count = length - offset < (1u << 20) ? length - offset : (1u << 20);
    int bytes = lame_encode_buffer_ieee_float(encoder->lame, samples + offset, samples + offset, (int)count, out + written, (int)(capacity - written));
    if (bytes < 0) {
      free(out);
      return fail(env, "LAME failed to encode");
    }
    written += (size_t)bytes;
  }
  napi_value result = buffer_of(env, out, written);
  free(out);
  return result;
}

static napi_value flush(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  Mp3Encoder *encoder = encoder_argument(env, info, argv, 1, "flush(encoder) needs an open encoder");
  if (!encoder) return NULL;
  unsigned char out[7200];
  int bytes = lame_encode_flush(encoder->lame, out, (int)sizeof(out));
  encoder->flushed = 1;
  lame_close(encoder->lame);
  encoder->lame = NULL;
  return bytes < 0 ? fail(env, "LAME failed to flush") : buffer_of(env, out, (size_t)bytes);
}

NAPI_MODULE_INIT() {
  const struct {
    const char *name;
    napi_callback callback;
  } functions[] = {{"open", open_encoder}, {"encode", encode}, {"flush", flush}};
  for (size_t i = 0; i < sizeof(functions) / sizeof(functions[0]); i++) {
    napi_value fn;
    if (napi_create_function(env, functions[i].name, NAPI_AUTO_LENGTH, functions[i].callback, NULL, &fn) != napi_ok) return NULL;
    if (napi_set_named_property(env, exports, functions[i].name, fn) != napi_ok) return NULL;
  }
  return exports;
}
