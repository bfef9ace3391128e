import { isFinishedJobStatus, type JobErrorView, type JobResult, type JobStatus, type JobView } from '#contracts';

/** A message of the live progress stream: the Voxify API text's shape, plus the outcome on the final one. */
export interface JobProgressMessage {
  job_id: string;
  status: JobStatus;
  progress: number;
  message: string | null;
  timestamp: string;
  result?: JobResult;
  error?: JobErrorView;
}

export function progressMessageFromView(view: JobView): JobProgressMessage {
  const message: JobProgressMessage = {
    job_id: view.job_id,
    status: view.status,
    progress: view.progress,
    message: view.message,
    timestamp: view.updated_at,
  };
  if (view.status === 'completed' && view.result) message.result = view.result;
  if (view.status === 'failed' && view.error) message.error = view.error;
  return message;
}

export function isFinalProgressMessage(message: JobProgressMessage): boolean {
  return isFinishedJobStatus(message.status);
}
