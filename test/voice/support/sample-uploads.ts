import type { ApiResponse } from '#test-support';

export interface UploadedSample {
  sample_id: string;
  name: string;
  description: string | null;
  status: string;
  format: string;
  duration: number;
  language: string;
  file_size: number;
  created_at: string;
  analysis_job_id: string | null;
}

/** POSTs a multipart sample upload: fields first, then the file part (named as the caller likes). */
export async function uploadSample(
  origin: string,
  token: string,
  file: Uint8Array,
  fields: Record<string, string> & { filename?: string },
): Promise<ApiResponse<UploadedSample>> {
  const form = new FormData();
  const { filename = 'sample.bin', ...text } = fields;
  for (const [key, value] of Object.entries(text)) form.append(key, value);
  form.append('file', new Blob([file], { type: 'application/octet-stream' }), filename);
  const response = await fetch(`${origin}/api/v1/voice/samples`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  const text2 = await response.text();
  return { status: response.status, headers: response.headers, body: text2 ? JSON.parse(text2) : { success: response.ok } };
}
