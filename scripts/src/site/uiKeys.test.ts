import path from 'node:path'
import { describe, expect, it } from 'vitest'

import { root } from '../lib/paths'
import { unusedUiKeys, usedUiKeys } from './uiKeys'

describe('UI keys in the site', () => {
  it('uses every defined key and no undefined one', () => {
    const siteSrc = path.join(root, 'site', 'src')
    expect(usedUiKeys(siteSrc).unknown).toEqual([])
    expect(unusedUiKeys(siteSrc)).toEqual([])
  })
})
