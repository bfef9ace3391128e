import { ApplicationError, StorageErrorCode } from '#contracts';

export const storageErrors = {
  fileNotFound: (fileId: string) => new ApplicationError(StorageErrorCode.FILE_NOT_FOUND, `No file ${fileId}`),
};
