/**
 * One first query in a fresh process, for `firstQueryBytes` (harness.ts): prints the bytes it
 * downloaded from each locale's bundle as JSON. Usage: firstQuery.ts <dist> <locale> <query>
 */
import { openSearch } from './harness'

const [dist, locale, query] = process.argv.slice(2)
if (!dist || !locale || !query) throw new Error('usage: firstQuery.ts <dist> <locale> <query>')
const s = await openSearch(dist)
try {
  await s.search(locale, query)
  console.log(JSON.stringify(Object.fromEntries(s.served)))
} finally {
  s.close()
}
