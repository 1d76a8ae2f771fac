import { afterEach, describe, expect, it, vi } from 'vitest'

import { localeCodes } from '@lotse/translations'

import { documentPaths, localeParams, valuePaths } from './urls'

const docs = Array.from({ length: 1000 }, (_, i) => ({ slug: `angebot-${i}` }))
const key = ({ params }: { params: Record<string, string | undefined> }) => Object.values(params).join('/')

/** The page keys each of `n` shares renders, for one kind of static paths. */
function shares(n: number, paths: () => { params: Record<string, string | undefined> }[]): string[][] {
  return Array.from({ length: n }, (_, i) => {
    vi.stubEnv('LOTSE_BUILD_SHARE', `${i}/${n}`)
    return paths().map(key)
  })
}

describe('the shares of a full build', () => {
  afterEach(() => {
    vi.unstubAllEnvs()
  })

  it('render every page exactly once between them, as many as one build without shares', () => {
    for (const paths of [() => documentPaths(docs), () => valuePaths('topic', ['arbeit', 'sprache', 'wohnen']), localeParams]) {
      vi.stubEnv('LOTSE_BUILD_SHARE', '')
      const all = paths().map(key)
      const shared = shares(2, paths)
      expect(shared.flat().sort()).toEqual([...all].sort())
      expect(new Set(shared.flat()).size).toBe(all.length)
    }
  })

  it('are even: two shares of 1,000 offers in every locale differ by under 2 %', () => {
    const [a, b] = shares(2, () => documentPaths(docs))
    expect(a!.length + b!.length).toBe(1000 * localeCodes.length)
    expect(Math.abs(a!.length - b!.length) / (1000 * localeCodes.length)).toBeLessThan(0.02)
  })
})
