/** Bytes and files each user holds (live files), kept with every registration and deletion. */
export abstract class StorageUsageRepository {
  abstract add(userId: string, bytes: number, files: number): Promise<void>;
  abstract get(userId: string): Promise<{ bytes: number; files: number }>;
}
