import type { Snapshot } from '@lotse/content-schemas'
import { offers as seedOffers } from '../../../cms/src/seed/data/offers'
import { searchTermGroups } from '../../../cms/src/seed/data/searchTerms'
import type { LocaleCode } from '@lotse/translations'

import { fixtureSnapshot, loc, rich, states } from '../../helpers/snapshot'

/**
 * The content the search-quality set is measured on: every seeded offer (German with en, ar,
 * uk, ti and some fa translations) plus generated offers written in all ten measured
 * languages, so Persian, Pashto, Kurmanji, Russian and Turkish have pages of their own.
 */
type Texts = Partial<Record<LocaleCode, [title: string, summary: string]>>
const generated: Record<string, Texts> = {
  'g-kinderarzt-notdienst': {
    de: ['Kinderärztlicher Notdienst am Wochenende', 'Ärztinnen und Ärzte für Kinder am Samstag und Sonntag.'],
    en: ['Weekend paediatric emergency service', 'Doctors for children on Saturday and Sunday.'],
    ar: ['طبيب الأطفال المناوب في عطلة نهاية الأسبوع', 'أطباء للأطفال يومي السبت والأحد.'],
    fa: ['پزشک کودکان در آخر هفته', 'پزشکان برای کودکان در روزهای شنبه و یکشنبه.'],
    ps: ['د ماشومانو ډاکټر د اونۍ په پای کې', 'د شنبې او یکشنبې په ورځو کې د ماشومانو لپاره ډاکټران.'],
    ku: ['Bijîşkê zarokan di dawiya hefteyê de', 'Bijîşk ji bo zarokan roja şemiyê û yekşemiyê.'],
    ti: ['ሓኪም ቆልዑ ኣብ መወዳእታ ሰሙን', 'ሓካይም ንቆልዑ ቀዳምን ሰንበትን።'],
    uk: ['Черговий дитячий лікар у вихідні', 'Лікарі для дітей у суботу та неділю.'],
    ru: ['Детский врач: дежурство в выходные', 'Врачи для детей в субботу и воскресенье.'],
    tr: ['Hafta sonu çocuk doktoru nöbeti', 'Cumartesi ve pazar günleri çocuklar için doktorlar.'],
  },
  'g-mieterberatung': {
    de: ['Mieterberatung und Hilfe bei Wohnungsproblemen', 'Fragen zu Mietvertrag, Nebenkosten und Kündigung der Wohnung.'],
    en: ['Tenant advice', 'Questions about rental contracts, utility costs and notice.'],
    ar: ['استشارة المستأجرين والمساعدة في مشاكل السكن', 'أسئلة حول عقد الإيجار والتكاليف الإضافية وإنهاء العقد.'],
    fa: ['مشاوره برای مستأجران و کمک در مشکلات مسکن', 'پرسش‌ها درباره قرارداد اجاره، هزینه‌های جانبی و فسخ خانه.'],
    ps: ['د کرایه کوونکو لپاره مشوره', 'د کرایې تړون، اضافي لګښتونو او د کور د فسخې په اړه پوښتنې.'],
    ku: ['Şêwirdariya kirêgiran û alîkarî di pirsgirêkên xaniyan de', 'Pirs li ser peymana kirêyê, lêçûnên din û betalkirina xaniyê.'],
    ti: ['ምኽሪ ተኻረይቲ ገዛ', 'ሕቶታት ብዛዕባ ውዕል ክራይ ገዛ።'],
    uk: ['Консультація для орендарів житла', 'Питання про договір оренди, комунальні платежі та розірвання.'],
    ru: ['Консультация для арендаторов жилья', 'Вопросы о договоре аренды, коммунальных платежах и расторжении.'],
    tr: ['Kiracı danışmanlığı ve konut sorunlarında yardım', 'Kira sözleşmesi, yan giderler ve evin feshi hakkında sorular.'],
  },
  'g-lebensmittel-esens': {
    de: ['Lebensmittelausgabe Esens', 'Lebensmittel für Menschen mit wenig Geld, jeden Donnerstag.'],
    en: ['Food bank Esens', 'Food for people on a low income, every Thursday.'],
    ar: ['بنك الطعام في إيزنس', 'مواد غذائية للأشخاص ذوي الدخل المحدود كل خميس.'],
    fa: ['بانک غذا اسنس', 'مواد غذایی برای افراد کم‌درآمد، هر پنجشنبه.'],
    ps: ['د اېزنس د خوړو بانک', 'د لږ پیسو لرونکو خلکو لپاره خواړه، هره پنجشنبه.'],
    ku: ['Banka xwarinê ya Esensê', 'Xwarin ji bo kesên bi pereyê kêm, her pêncşemê.'],
    ti: ['ባንኪ መግቢ ኤሰንስ', 'መግቢ ንሰባት ውሑድ ገንዘብ ዘለዎም፡ ኩሉ ሓሙስ።'],
    uk: ['Продуктовий банк Езенс', 'Продукти для людей з невеликим доходом щочетверга.'],
    ru: ['Продуктовый банк Эзенс', 'Продукты питания для людей с небольшим доходом, каждый четверг.'],
    tr: ['Esens gıda bankası', 'Az parası olan insanlar için her perşembe gıda.'],
  },
  'g-deutschkurs-frauen': {
    de: ['Deutschkurse für Frauen mit Kinderbetreuung', 'Alphabetisierung und Sprachkurs am Vormittag.'],
    en: ['German courses for women with childcare', 'Literacy and language course in the morning.'],
    ar: ['دورات اللغة الألمانية للنساء مع رعاية الأطفال', 'محو الأمية ودورة لغة في الصباح.'],
    fa: ['کلاس‌های زبان آلمانی برای زنان با نگهداری از کودکان', 'سوادآموزی و دوره زبان در صبح.'],
    ps: ['د ښځو لپاره د الماني ژبې کورسونه', 'د سهار له خوا د لیک لوست او ژبې کورس.'],
    ku: ['Kursên almanî ji bo jinan bi zarokparêziyê', 'Xwendin û nivîsandin û kursa zimên serê sibê.'],
    ti: ['ኮርሳት ቋንቋ ጀርመን ንደቂ ኣንስትዮ', 'ምምሃር ንባብን ጽሕፈትን ኣብ ንግሆ።'],
    uk: ['Курси німецької мови для жінок з доглядом за дітьми', 'Навчання грамоти та мовний курс зранку.'],
    ru: ['Курсы немецкого языка для женщин с присмотром за детьми', 'Обучение грамоте и языковой курс утром.'],
    tr: ['Kadınlar için çocuk bakımlı Almanca kursları', 'Sabahları okuma yazma ve dil kursu.'],
  },
  'g-jugendmigrationsdienst': {
    de: ['Jugendmigrationsdienst: Beratung für junge Menschen', 'Hilfe bei Schule, Ausbildung und Arbeit für junge Zugewanderte bis 27 Jahre.'],
    en: ['Youth migration service', 'Help with school, vocational training and work for young migrants up to 27.'],
    ar: ['خدمة الهجرة للشباب', 'مساعدة في المدرسة والتدريب المهني والعمل للمهاجرين الشباب حتى سن 27.'],
    fa: ['خدمات مهاجرت جوانان: مشاوره برای جوانان', 'کمک در مدرسه، آموزش حرفه‌ای و کار برای مهاجران جوان تا ۲۷ سال.'],
    ps: ['د ځوانانو د مهاجرت خدمت', 'تر ۲۷ کلنۍ پورې د ځوانو مهاجرو لپاره په ښوونځي، مسلکي زده کړې او کار کې مرسته.'],
    ku: ['Servîsa koçberiyê ya ciwanan', 'Alîkarî ji bo dibistanê, perwerdeya pîşeyî û karê ji bo koçberên ciwan heta 27 saliyê.'],
    ti: ['ኣገልግሎት ስደት መንእሰያት', 'ሓገዝ ኣብ ቤት ትምህርቲ፡ ሞያዊ ስልጠናን ስራሕን ንመንእሰያት ስደተኛታት ክሳብ 27 ዓመት።'],
    uk: ['Молодіжна міграційна служба', 'Допомога зі школою, професійним навчанням і роботою для молодих мігрантів до 27 років.'],
    ru: ['Молодёжная миграционная служба', 'Помощь со школой, профессиональным обучением и работой для молодых мигрантов до 27 лет.'],
    tr: ['Gençlik göç servisi: gençler için danışmanlık', '27 yaşına kadar genç göçmenler için okul, meslek eğitimi ve iş konusunda yardım.'],
  },
  'g-schwangerschaftsberatung': {
    de: ['Schwangerschaftsberatung', 'Beratung für Schwangere und junge Familien, auch mit Dolmetscherin.'],
    en: ['Pregnancy counselling', 'Advice for pregnant women and young families, also with an interpreter.'],
    ar: ['استشارة الحمل', 'استشارة للحوامل والأسر الشابة، أيضاً مع مترجمة.'],
    fa: ['مشاوره بارداری', 'مشاوره برای زنان باردار و خانواده‌های جوان، همچنین با مترجم.'],
    ps: ['د امیندوارۍ مشوره', 'د امیندوارو ښځو او ځوانو کورنیو لپاره مشوره، د ژباړونکې سره هم.'],
    ku: ['Şêwirdariya ducaniyê', 'Şêwirdarî ji bo jinên ducanî û malbatên ciwan, bi wergêr jî.'],
    ti: ['ምኽሪ ጥንሲ', 'ምኽሪ ንነፍሰ ጾራት ደቂ ኣንስትዮን ንኣባይቲ መንእሰያትን።'],
    uk: ['Консультація для вагітних', 'Консультації для вагітних жінок і молодих сімей, також з перекладачкою.'],
    ru: ['Консультация для беременных', 'Консультации для беременных женщин и молодых семей, также с переводчицей.'],
    tr: ['Hamilelik danışmanlığı', 'Hamile kadınlar ve genç aileler için danışmanlık, tercüman ile de.'],
  },
}

const pick = <T>(values: Record<string, T | undefined>) => Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<Record<LocaleCode, T>>

export function searchSnapshot(): Snapshot {
  const base = fixtureSnapshot()
  const template = base.offers[0]!
  // Facts come from the offer itself, not the template: a template's "childcare available" or
  // "for women" on every page would make every page match `کودکان` or `Frauen`.
  type Facts = { targetGroups: string[]; childcare: boolean }
  const offer = (slug: string, title: Partial<Record<LocaleCode, string>>, summary: Partial<Record<LocaleCode, string>>, body: Partial<Record<LocaleCode, string[]>>, facts: Facts) => ({
    ...template,
    ...facts,
    slug,
    translations: states(
      Object.fromEntries(
        Object.keys(title)
          .filter((c) => c !== 'de')
          .map((c) => [c, 'reviewed' as const]),
      ),
    ),
    title: loc(title),
    summary: loc(summary),
    body: rich(body),
    contacts: [],
  })
  const seeded = seedOffers.map((o) => offer(o.slug, pick(o.title), pick(o.summary), pick(o.body), { targetGroups: o.targetGroups, childcare: o.childcare }))
  const made = Object.entries(generated).map(([slug, texts]) =>
    offer(
      slug,
      Object.fromEntries(Object.entries(texts).map(([c, [t]]) => [c, t])),
      Object.fromEntries(Object.entries(texts).map(([c, [, s]]) => [c, s])),
      {},
      slug === 'g-deutschkurs-frauen' ? { targetGroups: ['women'], childcare: true } : { targetGroups: ['all'], childcare: false },
    ),
  )
  // The demo seed's search terms, as the export carries them: synonyms are part of what is measured.
  return { ...base, offers: [...seeded, ...made], searchTerms: searchTermGroups.map(({ terms, locales }) => ({ terms, locales })) }
}
