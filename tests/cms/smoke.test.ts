import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createTestCms, type TestCms } from '../helpers/payload'

let cms: TestCms
beforeAll(async () => {
  cms = await createTestCms()
})
afterAll(async () => cms?.cleanup())

describe('smoke', () => {
  it('boots and creates an organization', async () => {
    const org = await cms.payload.create({ collection: 'organizations', data: { name: 'AWO Kreisverband Wittmund', kind: 'welfare' } })
    expect(org.slug).toBe('awo-kreisverband-wittmund')
  })
})
