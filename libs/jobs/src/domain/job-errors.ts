import { ApplicationError, JobErrorCode } from '#contracts';

export const JobErrors = {
  notFound: (jobId: string) => new ApplicationError(JobErrorCode.JOB_NOT_FOUND, `Job ${jobId} not found`),
  finished: (jobId: string, status: string) =>
    new ApplicationError(JobErrorCode.JOB_FINISHED, `Job ${jobId} has already finished (${status})`, { status }),
};
