import { defineCommand, defineEvent, defineQuery } from '../messages/message-definitions.js';
import type { PageView } from '../pagination.js';
import type {
  VoiceSampleFormat,
  VoiceSampleRequester,
  VoiceSampleSortField,
  VoiceSampleStatus,
  VoiceSampleSummaryView,
  VoiceSampleUploadView,
  VoiceSampleView,
} from './voice-sample.views.js';

/**
 * Answers when the user may upload one more sample (their sample count and today's sample uploads
 * are under the limits); QUOTA_EXCEEDED otherwise. Asked before the bytes are read; advisory only,
 * the upload command checks again atomically.
 */
export const CheckVoiceSampleUploadQuery = defineQuery<{ user_id: string }, { remaining_samples: number; remaining_uploads_today: number }>(
  'voice',
  'voice.sample-upload.check',
);

/**
 * Creates a sample from a blob the gateway already committed under `blob_key` (the bytes never
 * travel on the bus). The voice service reads and decodes it, registers the file with storage, and
 * starts the analysis job. INVALID_AUDIO when the content is not acceptable audio: the caller then
 * deletes its blob (nothing else was kept).
 */
export const UploadVoiceSampleCommand = defineCommand<
  {
    owner_id: string;
    name: string;
    description?: string | null;
    language: string;
    file_id: string;
    blob_key: string;
    filename: string;
    size: number;
    sha256: string;
  },
  VoiceSampleUploadView
>('voice', 'voice.sample.upload');

export const GetVoiceSampleQuery = defineQuery<{ sample_id: string; requester: VoiceSampleRequester }, VoiceSampleView>(
  'voice',
  'voice.sample.get',
);

export const ListVoiceSamplesQuery = defineQuery<
  {
    requester: VoiceSampleRequester;
    page: number;
    page_size: number;
    status?: VoiceSampleStatus;
    language?: string;
    sort?: VoiceSampleSortField;
    order?: 'asc' | 'desc';
  },
  { samples: VoiceSampleSummaryView[]; pagination: PageView }
>('voice', 'voice.sample.list');

export const UpdateVoiceSampleCommand = defineCommand<
  { sample_id: string; requester: VoiceSampleRequester; name?: string; description?: string | null },
  VoiceSampleView
>('voice', 'voice.sample.update');

/** Deletes the sample and its files (original and normalised copy); publishes VoiceSampleDeletedEvent. */
export const DeleteVoiceSampleCommand = defineCommand<{ sample_id: string; requester: VoiceSampleRequester }, void>(
  'voice',
  'voice.sample.delete',
);

export const VoiceSampleUploadedEvent = defineEvent<{
  sample_id: string;
  owner_id: string;
  format: VoiceSampleFormat;
  duration: number;
  language: string;
  file_id: string;
  created_at: string;
}>('voice', 'voice.sample.uploaded');

/** The analysis is done: `ready` (usable for training, from `normalized_file_id`) or `rejected` with reasons. */
export const VoiceSampleAnalyzedEvent = defineEvent<{
  sample_id: string;
  owner_id: string;
  status: Extract<VoiceSampleStatus, 'ready' | 'rejected'>;
  quality_score: number;
  rejection_reasons: string[];
  normalized_file_id: string | null;
  analyzed_at: string;
}>('voice', 'voice.sample.analyzed');

/** A sample is gone (its files too): profiles trained only from it go with it. */
export const VoiceSampleDeletedEvent = defineEvent<{ sample_id: string; owner_id: string; deleted_at: string }>(
  'voice',
  'voice.sample.deleted',
);
