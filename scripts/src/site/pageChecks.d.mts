/** Types of `pageChecks.mjs` (plain JavaScript so that it loads as a worker thread under any runner). */
export function inlineScriptsIn(html: string): string[]
export function pageChecker(root: string, notes?: string[]): { check: (page: string) => void; problems: { brokenLinks: string[]; inlineScripts: string[]; internalNotes: string[] } }
