/** The body of every JSON response of the public API (see the Voxify API text, "Error Handling"). */
export interface ApiErrorBody {
  /** A stable code clients branch on (ErrorCode or a service's domain code). */
  code: string;
  message: string;
  details?: unknown;
}

export interface ApiSuccessEnvelope<T> {
  success: true;
  data: T;
  message?: string;
}

/** `data` is present only where a failure still has something to show (e.g. the health report). */
export interface ApiErrorEnvelope<T = unknown> {
  success: false;
  error: ApiErrorBody;
  data?: T;
}

export type ApiEnvelope<T> = ApiSuccessEnvelope<T> | ApiErrorEnvelope;
