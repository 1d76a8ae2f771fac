import type { SeedContext } from './context'

/**
 * The eight topics of the concept's fields of action, named as newcomers would look for them.
 * Real reference data with translations in every locale, seeded in production too.
 */
export const topics = [
  {
    slug: 'sprache',
    icon: 'speech',
    name: { de: 'Sprache', en: 'Language', ar: 'اللغة', fa: 'زبان', ps: 'ژبه', ku: 'Ziman', ti: 'ቋንቋ', uk: 'Мова', ru: 'Язык', tr: 'Dil', pl: 'Język', ro: 'Limbă' },
  },
  {
    slug: 'bildung',
    icon: 'school',
    name: { de: 'Bildung', en: 'Education', ar: 'التعليم', fa: 'آموزش', ps: 'زده کړه', ku: 'Perwerde', ti: 'ትምህርቲ', uk: 'Освіта', ru: 'Образование', tr: 'Eğitim', pl: 'Edukacja', ro: 'Educație' },
  },
  {
    slug: 'arbeit',
    icon: 'work',
    name: { de: 'Arbeit', en: 'Work', ar: 'العمل', fa: 'کار', ps: 'کار', ku: 'Kar', ti: 'ስራሕ', uk: 'Робота', ru: 'Работа', tr: 'İş', pl: 'Praca', ro: 'Muncă' },
  },
  {
    slug: 'teilhabe',
    icon: 'people',
    name: {
      de: 'Teilhabe und Begegnung',
      en: 'Participation and meeting people',
      ar: 'المشاركة واللقاء',
      fa: 'مشارکت و دیدار',
      ps: 'ګډون او لیدنه',
      ku: 'Beşdarî û hevdîtin',
      ti: 'ተሳትፎን ርክብን',
      uk: 'Участь і зустрічі',
      ru: 'Участие и встречи',
      tr: 'Katılım ve buluşma',
      pl: 'Uczestnictwo i spotkania',
      ro: 'Participare și întâlniri',
    },
  },
  {
    slug: 'beratung',
    icon: 'advice',
    name: {
      de: 'Beratung',
      en: 'Counselling',
      ar: 'الاستشارة',
      fa: 'مشاوره',
      ps: 'مشوره',
      ku: 'Şêwirmendî',
      ti: 'ምኽሪ',
      uk: 'Консультації',
      ru: 'Консультации',
      tr: 'Danışmanlık',
      pl: 'Doradztwo',
      ro: 'Consiliere',
    },
  },
  {
    slug: 'gesundheit',
    icon: 'health',
    name: { de: 'Gesundheit', en: 'Health', ar: 'الصحة', fa: 'سلامت', ps: 'روغتیا', ku: 'Tenduristî', ti: 'ጥዕና', uk: "Здоров'я", ru: 'Здоровье', tr: 'Sağlık', pl: 'Zdrowie', ro: 'Sănătate' },
  },
  {
    slug: 'wohnen',
    icon: 'home',
    name: { de: 'Wohnen', en: 'Housing', ar: 'السكن', fa: 'مسکن', ps: 'استوګنه', ku: 'Xanî', ti: 'መንበሪ', uk: 'Житло', ru: 'Жильё', tr: 'Konut', pl: 'Mieszkanie', ro: 'Locuință' },
  },
  {
    slug: 'familie',
    icon: 'family',
    name: { de: 'Familie', en: 'Family', ar: 'الأسرة', fa: 'خانواده', ps: 'کورنۍ', ku: 'Malbat', ti: 'ስድራቤት', uk: "Сім'я", ru: 'Семья', tr: 'Aile', pl: 'Rodzina', ro: 'Familie' },
  },
] as const

export async function seedTopics(ctx: SeedContext): Promise<void> {
  for (const [order, topic] of topics.entries()) {
    const { de, ...others } = topic.name
    const translations = Object.fromEntries(Object.entries(others).map(([locale, name]) => [locale, { name }]))
    await ctx.upsert('topics', topic.slug, { name: de, icon: topic.icon, order }, translations, { drafts: false })
  }
}
