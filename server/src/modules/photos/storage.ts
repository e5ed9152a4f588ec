/**
 * Where uploaded files live, behind an interface so that an object store (OSS, COS, S3)
 * can replace the disk. The default keeps files under ./data/uploads.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

export type Storage = {
  name: string;
  put(key: string, data: Buffer): Promise<void>;
  /** The file's bytes, or undefined when there is none. */
  get(key: string): Promise<Buffer | undefined>;
  delete(key: string): Promise<void>;
};

const safeKey = /^[a-z0-9][a-z0-9_-]*(\/[a-z0-9][a-z0-9_.-]*)*$/;

function checkedKey(key: string): string {
  if (!safeKey.test(key) || key.includes('..')) throw new Error(`unsafe storage key ${key}`);
  return key;
}

/** Files on local disk under `root`. */
export function diskStorage(root: string): Storage {
  const base = resolve(root);
  const pathOf = (key: string) => join(base, checkedKey(key));
  return {
    name: 'disk',
    async put(key, data) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      // Write then rename, so a reader never sees half a file.
      const temporary = `${path}.${process.pid}.tmp`;
      await writeFile(temporary, data);
      await rename(temporary, path);
    },
    async get(key) {
      try {
        return await readFile(pathOf(key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}

/** Files in memory (tests). */
export function memoryStorage(): Storage {
  const files = new Map<string, Buffer>();
  return {
    name: 'memory',
    async put(key, data) {
      files.set(checkedKey(key), Buffer.from(data));
    },
    async get(key) {
      return files.get(key);
    },
    async delete(key) {
      files.delete(key);
    },
  };
}
