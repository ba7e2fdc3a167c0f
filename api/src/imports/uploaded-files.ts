/** What multer hands over, read defensively: a truncated multipart body can leave entries half filled. */
export interface UploadedFile {
  fileName: string;
  path: string;
}

/** Multer gives the file name as latin1 bytes of what the browser sent (UTF-8). */
export function decodeUploadName(name: unknown): string {
  return typeof name === 'string' ? Buffer.from(name, 'latin1').toString('utf8') : '';
}

/** The files multer stored on disk (an entry with no path was never written and is left out). */
export function uploadedFiles(files: unknown): UploadedFile[] {
  if (!Array.isArray(files)) return [];
  return files
    .filter((f): f is { originalname?: unknown; path: string } => typeof f?.path === 'string')
    .map((f) => ({ fileName: decodeUploadName(f.originalname), path: f.path }));
}

/** The names of what was received, for the record of a refused attempt. */
export function uploadedFileNames(files: unknown): string {
  if (!Array.isArray(files)) return '';
  return files
    .map((f: { originalname?: unknown } | null | undefined) => decodeUploadName(f?.originalname))
    .filter(Boolean)
    .join(', ');
}
