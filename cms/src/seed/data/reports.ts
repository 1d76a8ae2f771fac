import type { SeedReport } from './types'

/** Demo progress reports of the press office, each about measures of the concept. */
export const reports: SeedReport[] = [
  {
    slug: 'sprachkoordinierungsstelle-eingerichtet',
    title: {
      de: 'Sprachkoordinierungsstelle nimmt ihre Arbeit auf',
      en: 'Language coordination office starts work',
      ar: 'مكتب تنسيق اللغة يبدأ عمله',
    },
    summary: {
      de: 'Seit Juli berät die neue Sprachkoordinierungsstelle im Kreishaus zu allen Deutschkursen im Landkreis.',
      en: 'Since July the new language coordination office at the county hall has been advising on all German courses in the county.',
      ar: 'منذ يوليو يقدّم مكتب تنسيق اللغة الجديد في مبنى المقاطعة الاستشارة حول جميع دورات اللغة الألمانية في المقاطعة.',
    },
    body: {
      de: [
        'Mit der Sprachkoordinierungsstelle setzt der Landkreis die erste Maßnahme seines Integrationskonzepts fristgerecht um. Zwei Mitarbeiterinnen beraten Zugewanderte, Kursträger und Ehrenamtliche.',
        '## Was die Stelle tut',
        '- Beratung zu Integrations-, Berufssprach- und niedrigschwelligen Kursen',
        '- Begleitung von Kursteilnehmenden bei Problemen',
        '- Erhebung, wo im Landkreis Kurse fehlen',
        'Die Stelle ist montags bis donnerstags erreichbar; eine Sprechstunde gibt es mittwochs von 9 bis 12 Uhr.',
      ],
      en: [
        'With the language coordination office, the county implements the first measure of its integration concept on time. Two staff members advise immigrants, course providers and volunteers.',
        '## What the office does',
        '- Advice on integration, job-related and low-threshold courses',
        '- Support for course participants with problems',
        '- Finding out where in the county courses are missing',
        'The office can be reached Monday to Thursday; consultation hours are on Wednesdays from 9 am to noon.',
      ],
      ar: [
        'بإنشاء مكتب تنسيق اللغة تنفّذ المقاطعة أول إجراء من مفهوم الاندماج في موعده. وتقدّم موظفتان الاستشارة للمهاجرين ومقدّمي الدورات والمتطوعين.',
        '## ماذا يقدم المكتب',
        '- استشارة حول دورات الاندماج واللغة المهنية والدورات الميسّرة',
        '- مرافقة المشاركين في الدورات عند حدوث مشكلات',
        '- تحديد الأماكن التي تنقصها الدورات في المقاطعة',
        'يمكن التواصل مع المكتب من الاثنين إلى الخميس، وساعات الاستشارة يوم الأربعاء من 9 حتى 12 ظهراً.',
      ],
    },
    publishedDate: '2019-07-15',
    measures: ['sprachkoordinierungsstelle'],
  },
  {
    slug: 'anlaufstelle-integration-eroeffnet',
    title: {
      de: 'Anlaufstelle Integration im Kreishaus eröffnet',
      en: 'Integration contact point opens at the county hall',
      ar: 'افتتاح مركز الاندماج في مبنى المقاطعة',
      uk: 'У будівлі округу відкрито інтеграційний пункт',
      ti: 'ቤት ጽሕፈት ምውህሃድ ኣብ ህንጻ ወረዳ ተኸፊቱ',
    },
    summary: {
      de: 'Eine Tür für alle Fragen: Die neue Anlaufstelle hilft bei Anträgen und vermittelt an Fachberatungsstellen.',
      en: 'One door for all questions: the new contact point helps with applications and refers people to specialist services.',
      ar: 'باب واحد لكل الأسئلة: يساعد المركز الجديد في الطلبات ويحيل إلى مراكز الاستشارة المتخصصة.',
      uk: 'Одні двері для всіх питань: новий пункт допомагає із заявами та скеровує до фахових консультацій.',
      ti: 'ሓደ ማዕጾ ንኹሉ ሕቶታት፡ እቲ ሓድሽ ቤት ጽሕፈት ኣብ ሕቶታት ይሕግዝን ናብ ፍሉያት ኣማኸርቲ ይልእኽን።',
    },
    body: {
      de: [
        'Landrat und Integrationsbeauftragte haben die Anlaufstelle Integration im Erdgeschoss des Kreishauses eröffnet. Sie ist die zentrale Maßnahme des zweiten Handlungsfelds.',
        'Die Anlaufstelle bietet Einzelfallhilfe, vermittelt an Beratungsstellen und organisiert Dolmetschende. In allen Gemeinden gibt es regelmäßige Sprechstunden.',
        'In den ersten drei Monaten kamen über 400 Menschen mit Fragen zu Aufenthalt, Wohnen und Arbeit.',
      ],
      en: [
        'The district administrator and the integration officer opened the integration contact point on the ground floor of the county hall. It is the central measure of the second field of action.',
        'The contact point offers individual help, refers people to counselling services and arranges interpreters. There are regular consultation hours in every municipality.',
        'In the first three months more than 400 people came with questions about residence, housing and work.',
      ],
      ar: [
        'افتتح رئيس المقاطعة ومسؤولة الاندماج مركز الاندماج في الطابق الأرضي من مبنى المقاطعة. وهو الإجراء المحوري في مجال العمل الثاني.',
        'يقدّم المركز المساعدة الفردية ويحيل إلى مراكز الاستشارة وينظّم المترجمين. وتوجد ساعات استشارة منتظمة في جميع البلديات.',
        'في الأشهر الثلاثة الأولى جاء أكثر من 400 شخص بأسئلة حول الإقامة والسكن والعمل.',
      ],
      uk: [
        'Ландрат і уповноважена з питань інтеграції відкрили інтеграційний пункт на першому поверсі будівлі округу. Це центральний захід другої сфери діяльності.',
        'Пункт надає індивідуальну допомогу, скеровує до консультаційних служб і організовує перекладачів. У всіх громадах є регулярні години прийому.',
        'За перші три місяці понад 400 людей звернулися з питаннями щодо перебування, житла та роботи.',
      ],
      ti: [
        'ኣመሓዳሪ ወረዳን ሓላፊት ምውህሃድን ቤት ጽሕፈት ምውህሃድ ኣብ ታሕተዋይ ደርቢ ህንጻ ወረዳ ከፊቶም። እዚ ማእከላይ ስጉምቲ ናይ ካልኣይ መዳይ ስራሕ እዩ።',
        'እቲ ቤት ጽሕፈት ውልቃዊ ሓገዝ ይህብ፡ ናብ ኣማኸርቲ ይልእኽን ተርጎምቲ የዳልውን። ኣብ ኩለን ምምሕዳራት ስሩዕ ግዜ ምኽሪ ኣሎ።',
        'ኣብ ቀዳሞት ሰለስተ ኣዋርሕ ልዕሊ 400 ሰባት ብሕቶታት መንበሪ፡ ገዛን ስራሕን መጺኦም።',
      ],
    },
    publishedDate: '2019-09-02',
    measures: ['anlaufstelle', 'zusammenarbeit-gemeinden'],
  },
  {
    slug: 'dolmetscherpool-waechst',
    title: { de: 'Dolmetscherpool wächst auf 31 Ehrenamtliche', en: 'Interpreter pool grows to 31 volunteers', ar: 'مجموعة المترجمين تنمو إلى 31 متطوعاً' },
    summary: {
      de: 'Neue Sprachen, neue Schulung – aber für Tigrinya und Paschtu werden weiter Dolmetschende gesucht.',
      en: 'New languages, new training – but interpreters for Tigrinya and Pashto are still wanted.',
      ar: 'لغات جديدة وتدريب جديد – لكن ما زال البحث جارياً عن مترجمين للتغرينية والبشتو.',
    },
    body: {
      de: [
        'Der Dolmetscherpool des Landkreises umfasst inzwischen 31 Ehrenamtliche, die 14 Sprachen abdecken. Im vergangenen Jahr haben sie über 600 Termine begleitet.',
        'Die Ausweitung bis Ende 2020 ist damit nur teilweise erreicht: Für Tigrinya und Paschtu gibt es zu wenige Dolmetschende, Termine müssen oft verschoben werden. Der Landkreis hat die Maßnahme deshalb als verzögert gekennzeichnet.',
        'Wer zwei Sprachen gut spricht und helfen möchte, meldet sich bei der Anlaufstelle Integration.',
      ],
      en: [
        'The county’s interpreter pool now has 31 volunteers covering 14 languages. Last year they accompanied more than 600 appointments.',
        'The expansion planned for the end of 2020 is therefore only partly achieved: there are too few interpreters for Tigrinya and Pashto, and appointments often have to be postponed. The county has therefore marked the measure as delayed.',
        'If you speak two languages well and want to help, contact the integration contact point.',
      ],
      ar: [
        'تضم مجموعة المترجمين في المقاطعة الآن 31 متطوعاً يغطون 14 لغة. وفي العام الماضي رافقوا أكثر من 600 موعد.',
        'لذلك لم يتحقق التوسع المخطط له حتى نهاية 2020 إلا جزئياً: عدد المترجمين للتغرينية والبشتو قليل جداً، وكثيراً ما يجب تأجيل المواعيد. ولهذا صنّفت المقاطعة هذا الإجراء على أنه متأخر.',
        'من يتحدث لغتين جيداً ويرغب في المساعدة، فليتواصل مع مركز الاندماج.',
      ],
    },
    publishedDate: '2025-03-10',
    measures: ['dolmetscherpool'],
  },
  {
    slug: 'bilanz-interkulturelle-woche-2026',
    title: { de: 'Bilanz der Interkulturellen Woche 2026' },
    summary: { de: '24 Veranstaltungen in allen sechs Gemeinden, rund 2.000 Besucherinnen und Besucher.' },
    body: {
      de: [
        'Vom 20. bis 27. September fand die Interkulturelle Woche zum achten Mal statt. Höhepunkt war das Abschlussfest auf dem Marktplatz Wittmund mit Musik aus Syrien, Eritrea und der Ukraine.',
        'Erstmals gab es auch Angebote auf beiden Inseln. Vereine, Kirchengemeinden und Schulen haben das Programm gestaltet.',
        'Die Interkulturelle Woche 2027 findet vom 19. bis 26. September statt; Beiträge können ab Februar angemeldet werden.',
      ],
    },
    publishedDate: '2026-10-05',
    measures: ['interkulturelle-woche', 'foerderung-lokaler-projekte'],
  },
  {
    slug: 'informationsplattform-gestartet',
    title: { de: 'Mehrsprachige Informationsplattform ist online', en: 'Multilingual information platform is online' },
    summary: { de: 'Angebote, Ansprechpartner und Termine in zwölf Sprachen – auch ohne Internetverbindung nutzbar.', en: 'Offers, contacts and events in twelve languages – usable without an internet connection too.' },
    body: {
      de: [
        'Mit der neuen Informationsplattform erfüllt der Landkreis eine zentrale Maßnahme des dritten Handlungsfelds. Sozialarbeiterinnen und Sozialarbeiter pflegen ihre Angebote selbst; die Pressestelle berichtet dort über den Stand des Integrationskonzepts.',
        'Die Seiten lassen sich pro Sprache auf dem Handy speichern und funktionieren dann auch ohne Datenverbindung. Übersetzungen werden laufend ergänzt; wo eine Übersetzung fehlt, erscheint der deutsche Text mit einem Hinweis.',
      ],
    },
    publishedDate: '2026-11-02',
    measures: ['informationsplattform', 'digitale-formate', 'oeffentlichkeitsarbeit'],
  },
  {
    slug: 'befragung-zugewanderte-2025',
    title: { de: 'Ergebnisse der Befragung von Zugewanderten 2025' },
    summary: { de: '312 Menschen haben geantwortet: Sprachkurse und Wohnungssuche bleiben die größten Hürden.' },
    body: {
      de: [
        'Zum dritten Mal hat der Landkreis Zugewanderte nach ihren Erfahrungen gefragt. Die Befragung gab es in acht Sprachen, auf Papier und online.',
        '## Die wichtigsten Ergebnisse',
        '- 71 Prozent fühlen sich im Landkreis willkommen.',
        '- Am schwersten fallen die Wohnungssuche und lange Wartezeiten auf Sprachkurse.',
        '- Gewünscht werden mehr Abendkurse und Beratung auf den Inseln.',
        'Die Ergebnisse werden in der Austauschrunde im Januar mit den Beteiligten besprochen.',
      ],
    },
    publishedDate: '2025-12-01',
    measures: ['beteiligung-befragungen', 'dialogprogramme'],
  },
  {
    slug: 'foerderprogramm-lokale-projekte-2026',
    title: { de: 'Förderprogramm für lokale Integrationsprojekte 2026' },
    summary: { de: 'Vereine und Initiativen können bis zu 2.500 Euro für Begegnungsprojekte beantragen.' },
    body: {
      de: [
        'Auch 2026 stellt der Landkreis 25.000 Euro für lokale Integrationsprojekte bereit. Gefördert werden Begegnungsangebote, Sprachanlässe und Veranstaltungen.',
        'Anträge können bis zum 31. März bei der Stabsstelle Integration gestellt werden; ein formloser Antrag mit Kostenplan genügt.',
      ],
    },
    publishedDate: '2026-01-20',
    measures: ['foerderung-lokaler-projekte', 'pilotprojekte-sprachcafe'],
  },
]
