/** A file of an upload as the multipart interceptor stored it. */
export interface UploadedFile {
  fileName: string;
  /** The file on disk (uploads are streamed to disk, never held in memory whole). */
  path: string;
}

/** The names of what was received, for the record of a refused attempt. */
export function uploadedFileNames(files: UploadedFile[] | undefined): string {
  return (files ?? [])
    .map((f) => f.fileName)
    .filter(Boolean)
    .join(', ');
}
