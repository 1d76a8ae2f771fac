import sharp from 'sharp'

import { localeCodes } from '@lotse/translations'

import { SeedContext, translationsOf, type Localized } from './context'

/** Colours of the county's coast: sea, dunes, marsh, sky. */
const palettes = [
  ['#0b5c7a', '#6fb7c9', '#f2e3b3'],
  ['#2f6b3b', '#9cc27a', '#f5f0d8'],
  ['#7a3b0b', '#e0a05a', '#fbeedd'],
  ['#3b2f7a', '#8f86d8', '#eceafa'],
  ['#0b7a5c', '#7ad8b9', '#e6f7f1'],
  ['#7a0b3b', '#d86f9c', '#fae6ef'],
] as const

/**
 * An abstract cover picture (horizon, sun, waves) rendered by sharp, so the demo has real
 * images in every size without shipping photos whose licences would need checking.
 */
export async function coverImagePng(variant: number): Promise<Buffer> {
  const [deep, mid, light] = palettes[variant % palettes.length]!
  const sunX = 260 + ((variant * 173) % 700)
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675" viewBox="0 0 1200 675">
    <defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${light}"/><stop offset="1" stop-color="${mid}"/></linearGradient></defs>
    <rect width="1200" height="675" fill="url(#sky)"/>
    <circle cx="${sunX}" cy="250" r="90" fill="${light}" opacity="0.9"/>
    <path d="M0 430 Q 150 390 300 430 T 600 430 T 900 430 T 1200 430 V675 H0 Z" fill="${mid}"/>
    <path d="M0 500 Q 150 460 300 500 T 600 500 T 900 500 T 1200 500 V675 H0 Z" fill="${deep}" opacity="0.85"/>
    <path d="M0 580 Q 200 540 400 580 T 800 580 T 1200 580 V675 H0 Z" fill="${deep}"/>
  </svg>`
  return sharp(Buffer.from(svg)).png({ compressionLevel: 9 }).toBuffer()
}

/** Alt text says what the picture shows; it is decorative, so it says that plainly. */
const coverAlt: Localized = {
  de: 'Stilisierte Küstenlandschaft mit Sonne und Wellen',
  en: 'Stylised coastal landscape with sun and waves',
  ar: 'منظر ساحلي مبسط مع الشمس والأمواج',
  uk: 'Стилізований прибережний краєвид із сонцем і хвилями',
  ti: 'ጸሓይን ማዕበልን ዘለዎ ስእሊ ገምገም ባሕሪ',
}

/** Creates (once) the cover image for a report and returns its ID. */
export async function seedCoverImage(ctx: SeedContext, name: string, variant: number, title: Localized): Promise<number | string> {
  // Stored names come from the content (collections/Media.ts); the caption names the report.
  const existing = await ctx.payload.find({ collection: 'media', where: { caption: { equals: title.de } }, locale: 'de', limit: 1, depth: 0 })
  if (existing.docs[0]) return existing.docs[0].id
  const data = await coverImagePng(variant)
  const doc = await ctx.payload.create({
    collection: 'media',
    locale: 'de',
    data: { alt: coverAlt.de, caption: title.de, credit: 'Landkreis Wittmund (Demo)' },
    file: { data, mimetype: 'image/png', name: `${name}.png`, size: data.length },
    context: SeedContext.writeContext,
  })
  const translations = translationsOf({ text: { alt: coverAlt } })
  for (const locale of localeCodes) {
    const fields = translations[locale]
    if (locale !== 'de' && fields) await ctx.payload.update({ collection: 'media', id: doc.id, locale, data: fields as never, context: SeedContext.writeContext })
  }
  ctx.created.media = (ctx.created.media ?? 0) + 1
  return doc.id
}
