/** A file of an upload as the multipart interceptor stored it. */
export interface UploadedFile {
  fileName: string;
  path: string;
}

/** The files an upload stored on disk, read defensively (anything else on the request is left out). */
export function uploadedFiles(files: unknown): UploadedFile[] {
  if (!Array.isArray(files)) return [];
  return files.filter((f): f is UploadedFile => typeof f?.path === 'string' && typeof f?.fileName === 'string');
}

/** The names of what was received, for the record of a refused attempt. */
export function uploadedFileNames(files: unknown): string {
  return uploadedFiles(files)
    .map((f) => f.fileName)
    .filter(Boolean)
    .join(', ');
}
