/** Types of `compressWorker.mjs` (plain JavaScript so that it loads as a worker thread under any runner). */
export function compressFiles(jobs: { file: string; quality: number }[], encodings: { name: string; suffix: string }[]): { files: number; bytes: number; brotliBytes: number; gzipBytes: number }
