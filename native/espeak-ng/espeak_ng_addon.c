/*
 * Voxify: text to IPA phonemes with the system's libespeak-ng, without synthesising audio.
 *
 *   init(dataPath?: string): number           loads espeak-ng's data (once); returns its sample rate
 *   phonemize(text, voice): Promise<string[]> one IPA string per clause, as `espeak-ng -q --ipa` prints them
 *   version(): string                         the library's version, e.g. "1.51"
 *
 * espeak-ng keeps its state in globals and is not thread-safe: every call into it holds `lock`.
 * phonemize runs on the libuv thread pool (napi_async_work), so the JavaScript thread never waits.
 */
#define NAPI_VERSION 8
#include <node_api.h>
#include <espeak-ng/speak_lib.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Same as the CLI's `-l 100000`: a line break ends a clause. */
#define LINE_LENGTH 100000
#define VOICE_NAME_MAX 128
#define ERROR_MAX 256

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int initialized = 0;
static char current_voice[VOICE_NAME_MAX] = "";
static FILE *trace_sink = NULL;

typedef struct {
  napi_async_work work;
  napi_deferred deferred;
  char *text;
  char voice[VOICE_NAME_MAX];
  char **clauses;
  size_t count;
  size_t capacity;
  char error[ERROR_MAX];
} PhonemizeJob;

static int on_clause_phonemes(const char *phonemes);
static int on_audio(short *wav, int samples, espeak_EVENT *events);

#define CHECK(env, call)                                                        \
  do {                                                                          \
    if ((call) != napi_ok) {                                                    \
      napi_throw_error((env), NULL, "espeak-ng addon: N-API call failed: " #call); \
      return NULL;                                                              \
    }                                                                           \
  } while (0)

/* A JavaScript string argument as a new UTF-8 buffer (caller frees), or NULL with a thrown TypeError. */
static char *string_argument(napi_env env, napi_value value, const char *name) {
  napi_valuetype type;
  size_t length;
  if (napi_typeof(env, value, &type) != napi_ok || type != napi_string) {
    char message[ERROR_MAX];
    snprintf(message, sizeof message, "espeak-ng: %s must be a string", name);
    napi_throw_type_error(env, NULL, message);
    return NULL;
  }
  if (napi_get_value_string_utf8(env, value, NULL, 0, &length) != napi_ok) return NULL;
  char *buffer = malloc(length + 1);
  if (!buffer) {
    napi_throw_error(env, NULL, "espeak-ng: out of memory");
    return NULL;
  }
  if (napi_get_value_string_utf8(env, value, buffer, length + 1, &length) != napi_ok) {
    free(buffer);
    return NULL;
  }
  return buffer;
}

/* Called with `lock` held. */
static int initialize_locked(const char *data_path, char *error) {
  if (initialized) return 0;
  int rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, data_path, espeakINITIALIZE_DONT_EXIT);
  if (rate <= 0) {
    snprintf(error, ERROR_MAX, "espeak-ng: cannot load its data from %s", data_path ? data_path : "the default folder");
    return -1;
  }
  espeak_SetParameter(espeakLINELENGTH, LINE_LENGTH, 0);
  /* The callback gets what the trace prints: IPA, as `--ipa` asks. The trace itself goes nowhere. */
  if (!trace_sink) trace_sink = fopen("/dev/null", "w");
  if (!trace_sink) {
    snprintf(error, ERROR_MAX, "espeak-ng: cannot open /dev/null for the phoneme trace");
    return -1;
  }
  espeak_SetPhonemeTrace(espeakPHONEMES_IPA, trace_sink);
  espeak_SetSynthCallback(on_audio);
  espeak_SetPhonemeCallback(on_clause_phonemes);
  initialized = rate;
  current_voice[0] = '\0';
  return 0;
}

static napi_value init(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_valuetype type = napi_undefined;
  char *data_path = NULL;
  char error[ERROR_MAX] = "";
  CHECK(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc >= 1) CHECK(env, napi_typeof(env, argv[0], &type));
  if (type != napi_undefined && type != napi_null) {
    data_path = string_argument(env, argv[0], "dataPath");
    if (!data_path) return NULL;
  }
  pthread_mutex_lock(&lock);
  int failed = initialize_locked(data_path, error);
  int rate = initialized;
  pthread_mutex_unlock(&lock);
  free(data_path);
  if (failed) {
    napi_throw_error(env, NULL, error);
    return NULL;
  }
  napi_value result;
  CHECK(env, napi_create_int32(env, rate, &result));
  return result;
}

static int append_clause(PhonemizeJob *job, const char *phonemes) {
  if (job->count == job->capacity) {
    size_t capacity = job->capacity ? job->capacity * 2 : 4;
    char **grown = realloc(job->clauses, capacity * sizeof *grown);
    if (!grown) return -1;
    job->clauses = grown;
    job->capacity = capacity;
  }
  char *copy = strdup(phonemes ? phonemes : "");
  if (!copy) return -1;
  job->clauses[job->count++] = copy;
  return 0;
}

/* The job being phonemized; espeak-ng's phoneme callback takes no user data. Guarded by `lock`. */
static PhonemizeJob *active_job = NULL;

static int on_clause_phonemes(const char *phonemes) {
  if (active_job && !active_job->error[0] && append_clause(active_job, phonemes) != 0)
    snprintf(active_job->error, ERROR_MAX, "espeak-ng: out of memory");
  return 0;
}

/* The exact path's audio is not wanted. */
static int on_audio(short *wav, int samples, espeak_EVENT *events) {
  (void)wav;
  (void)samples;
  (void)events;
  return 0;
}

static void clear_clauses(PhonemizeJob *job) {
  for (size_t i = 0; i < job->count; i++) free(job->clauses[i]);
  job->count = 0;
}

/* U+02C8 MODIFIER LETTER VERTICAL LINE, the IPA primary stress, in UTF-8. */
#define PRIMARY_STRESS "\xCB\x88"

/*
 * Fast path: espeak_TextToPhonemes, clause by clause, no audio. It stops before the intonation
 * pass, which is where a clause without a primary stress gets one on its strongest syllable
 * ("sir" → sˌɜː where the CLI prints sˈɜː). Returns 1 when every non-empty clause has a primary
 * stress, i.e. when that pass had nothing to change and the result is the CLI's.
 */
static int translate_clauses(PhonemizeJob *job) {
  int complete = 1;
  const void *cursor = job->text;
  while (cursor != NULL) {
    const char *phonemes = espeak_TextToPhonemes(&cursor, espeakCHARS_UTF8, espeakPHONEMES_IPA);
    if (append_clause(job, phonemes) != 0) {
      snprintf(job->error, ERROR_MAX, "espeak-ng: out of memory");
      return 1;
    }
    const char *clause = job->clauses[job->count - 1];
    if (clause[0] && !strstr(clause, PRIMARY_STRESS)) complete = 0;
  }
  return complete;
}

/*
 * Exact path, as the CLI does it: a synthesis whose phoneme callback receives each clause after the
 * intonation pass. It runs espeak-ng's wave generator too (the audio is dropped), so it is only
 * taken for text the fast path cannot give exactly.
 */
static void synthesize_clauses(PhonemizeJob *job) {
  clear_clauses(job);
  active_job = job;
  espeak_ERROR status = espeak_Synth(job->text, strlen(job->text) + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, NULL, NULL);
  active_job = NULL;
  if (status != EE_OK && !job->error[0]) snprintf(job->error, ERROR_MAX, "espeak-ng: synthesis failed (status %d)", (int)status);
}

/* On a thread of the libuv pool: must not touch napi_env. */
static void phonemize_execute(napi_env env, void *data) {
  (void)env;
  PhonemizeJob *job = data;
  pthread_mutex_lock(&lock);
  if (!initialized) {
    snprintf(job->error, ERROR_MAX, "espeak-ng: init() was not called");
  } else if (strcmp(current_voice, job->voice) != 0) {
    /* As the CLI's -v: a voice name, else a language (e.g. "en-gb"). */
    espeak_VOICE by_language = {0};
    by_language.languages = job->voice;
    if (espeak_SetVoiceByName(job->voice) != EE_OK && espeak_SetVoiceByProperties(&by_language) != EE_OK) {
      snprintf(job->error, ERROR_MAX, "espeak-ng: unknown voice '%s'", job->voice);
      current_voice[0] = '\0';
    } else {
      snprintf(current_voice, sizeof current_voice, "%s", job->voice);
    }
  }
  if (!job->error[0] && !translate_clauses(job) && !job->error[0]) synthesize_clauses(job);
  pthread_mutex_unlock(&lock);
}

static void free_job(PhonemizeJob *job) {
  clear_clauses(job);
  free(job->clauses);
  free(job->text);
  free(job);
}

static void phonemize_complete(napi_env env, napi_status status, void *data) {
  PhonemizeJob *job = data;
  napi_value outcome = NULL;
  int ok = 0;
  if (status != napi_ok) {
    snprintf(job->error, ERROR_MAX, "espeak-ng: the phonemize work was cancelled");
  } else if (!job->error[0]) {
    ok = napi_create_array_with_length(env, job->count, &outcome) == napi_ok;
    for (size_t i = 0; ok && i < job->count; i++) {
      napi_value clause;
      ok = napi_create_string_utf8(env, job->clauses[i], NAPI_AUTO_LENGTH, &clause) == napi_ok &&
           napi_set_element(env, outcome, (uint32_t)i, clause) == napi_ok;
    }
    if (!ok) snprintf(job->error, ERROR_MAX, "espeak-ng: cannot build the result array");
  }
  if (ok) {
    napi_resolve_deferred(env, job->deferred, outcome);
  } else {
    napi_value message;
    napi_create_string_utf8(env, job->error, NAPI_AUTO_LENGTH, &message);
    napi_create_error(env, NULL, message, &outcome);
    napi_reject_deferred(env, job->deferred, outcome);
  }
  napi_delete_async_work(env, job->work);
  free_job(job);
}

static napi_value phonemize(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  CHECK(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 2) {
    napi_throw_type_error(env, NULL, "espeak-ng: phonemize(text, voice) takes two strings");
    return NULL;
  }
  PhonemizeJob *job = calloc(1, sizeof *job);
  if (!job) {
    napi_throw_error(env, NULL, "espeak-ng: out of memory");
    return NULL;
  }
  job->text = string_argument(env, argv[0], "text");
  char *voice = job->text ? string_argument(env, argv[1], "voice") : NULL;
  if (!voice) {
    free_job(job);
    return NULL;
  }
  if (strlen(voice) == 0 || strlen(voice) >= VOICE_NAME_MAX) {
    free(voice);
    free_job(job);
    napi_throw_range_error(env, NULL, "espeak-ng: the voice name must have 1 to 127 bytes");
    return NULL;
  }
  memcpy(job->voice, voice, strlen(voice) + 1);
  free(voice);

  napi_value promise, name;
  if (napi_create_promise(env, &job->deferred, &promise) != napi_ok ||
      napi_create_string_utf8(env, "espeak-ng phonemize", NAPI_AUTO_LENGTH, &name) != napi_ok ||
      napi_create_async_work(env, NULL, name, phonemize_execute, phonemize_complete, job, &job->work) != napi_ok) {
    free_job(job);
    napi_throw_error(env, NULL, "espeak-ng: cannot queue the phonemize work");
    return NULL;
  }
  if (napi_queue_async_work(env, job->work) != napi_ok) {
    napi_delete_async_work(env, job->work);
    free_job(job);
    napi_throw_error(env, NULL, "espeak-ng: cannot queue the phonemize work");
    return NULL;
  }
  return promise;
}

static napi_value version(napi_env env, napi_callback_info info) {
  (void)info;
  const char *data_path = NULL;
  napi_value result;
  CHECK(env, napi_create_string_utf8(env, espeak_Info(&data_path), NAPI_AUTO_LENGTH, &result));
  return result;
}

static napi_value module_init(napi_env env, napi_value exports) {
  napi_property_descriptor properties[] = {
      {"init", NULL, init, NULL, NULL, NULL, napi_enumerable, NULL},
      {"phonemize", NULL, phonemize, NULL, NULL, NULL, napi_enumerable, NULL},
      {"version", NULL, version, NULL, NULL, NULL, napi_enumerable, NULL},
  };
  CHECK(env, napi_define_properties(env, exports, sizeof properties / sizeof properties[0], properties));
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, module_init)
