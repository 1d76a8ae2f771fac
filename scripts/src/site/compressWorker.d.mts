/** Types of `compressWorker.mjs` (plain JavaScript so that it loads as a worker thread under any runner). */
export function compressFiles(jobs: { file: string; quality: number; before?: string }[], encodings: { name: string; suffix: string }[]): { files: number; reused: number }
