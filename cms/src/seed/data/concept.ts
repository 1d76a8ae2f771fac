import type { SeedFieldOfAction } from './types'

/**
 * The integration concept of Landkreis Wittmund (22 November 2018), section "3. Ziele und
 * Maßnahmen": every field of action, sub-goal and measure, word for word (including the
 * concept's own spelling). Deadlines: "bis Mitte 2019" = 2019-06-30; "bis Ende 2019/2020" =
 * 31 December; "ab Januar 2019" = 2019-01-31; "in den (nächsten|kommenden|nachfolgenden|
 * folgenden) zwei Jahren", counted from the concept's date, = 2020-12-31. Status and status
 * notes are demo values as of November 2026.
 */
export const concept: SeedFieldOfAction[] = [
  {
    slug: 'sprache-bildung-beruf',
    title: { de: 'Integrationsarbeit Sprache-Bildung-Beruf', en: 'Integration work: language, education, employment', ar: 'عمل الاندماج: اللغة والتعليم والعمل' },
    goals: [
      {
        de: 'Der Landkreis nutzt die Zuwanderung für die Qualifizierung und Gewinnung von Fachkräften, um einen zukunftsfähigen Arbeitsmarkt zu entwickeln und den Wohlstand Aller zu verbessern.',
        en: 'The county uses immigration to qualify and attract skilled workers, in order to develop a sustainable labour market and improve prosperity for all.',
      },
      {
        de: 'Der Übergang Sprache-Bildung-Beruf hat sich durch qualitative, zielgruppengerechte Angebote für Menschen mit Bleibeperspektive und unterschiedlichen Qualifikationen verbessert.',
        en: 'The transition from language to education to employment has improved through high-quality offers suited to people with prospects of staying and with different qualifications.',
      },
    ],
    subGoals: [
      {
        slug: 'transparenz-sprachfoerderung',
        title: { de: 'Die Transparenz und Koordinierung der Sprachfördermaßnahmen ist verbessert.', en: 'Language support measures are more transparent and better coordinated.' },
        measures: [
          {
            slug: 'sprachkoordinierungsstelle',
            title: {
              de: 'Eine Sprachkoordinierungsstelle ist bis Mitte 2019 eingerichtet. Sie übernimmt landkreisweite Aufgaben in den Bereichen Bildungsberatung, Begleitung von Kursteilnehmenden, Netzwerkarbeit, Bedarfsermittlung sowie Erfassung und Ausbau von Informationsmaterialien im Sprachbereich.',
              en: 'A language coordination office is set up by mid-2019. It takes on county-wide tasks in educational guidance, supporting course participants, networking, needs assessment and collecting and expanding information material on language learning.',
            },
            deadline: '2019-06-30',
            deadlineText: 'bis Mitte 2019',
            responsibleUnit: 'Fachbereich Soziales – Sprachkoordinierungsstelle',
            status: 'done',
            statusNote: {
              de: 'Die Sprachkoordinierungsstelle arbeitet seit Juli 2019 im Kreishaus Wittmund und berät zu allen Sprachkursen im Landkreis.',
              en: 'The language coordination office has been working at the county hall in Wittmund since July 2019 and advises on all language courses in the county.',
            },
          },
        ],
      },
      {
        slug: 'vor-ort-angebote',
        title: { de: 'Die Vor-Ort-Angebote im Landkreis sind ausgebaut.', en: 'Local offers in the county are expanded.' },
        measures: [
          {
            slug: 'niedrigschwellige-sprachkurse',
            title: {
              de: 'Das Angebot über kommunale niederschweligen Sprachkurse in den Kommunen wird fortgesetzt und bis Ende 2020 landkreisweit ausgebaut.',
              en: 'Low-threshold municipal language courses in the municipalities are continued and expanded county-wide by the end of 2020.',
            },
            deadline: '2020-12-31',
            deadlineText: 'bis Ende 2020',
            responsibleUnit: 'Sprachkoordinierungsstelle mit den Gemeinden',
            status: 'done',
            statusNote: { de: 'In allen sechs Gemeinden gibt es seit 2021 mindestens einen niedrigschwelligen Sprachkurs, auf Langeoog und Spiekeroog in den Wintermonaten.' },
          },
        ],
      },
      {
        slug: 'sprachkompetenz-sprachanlaesse',
        title: {
          de: 'Möglichkeiten zur Erweiterung der Sprachkompetenz von Migrant*innen sind initiiert und Sprachanlässe gefördert.',
          en: 'Opportunities for migrants to improve their language skills are initiated and occasions to speak are supported.',
        },
        measures: [
          {
            slug: 'pilotprojekte-sprachcafe',
            title: {
              de: 'Kurz- bis mittelfristige Pilotprojekte werden in den nächsten 2 Jahren initiiert und gefördert (z.B. Sprach-Café).',
              en: 'Short- to medium-term pilot projects are initiated and funded over the next 2 years (e.g. language café).',
            },
            deadline: '2020-12-31',
            deadlineText: 'in den nächsten 2 Jahren',
            responsibleUnit: 'Sprachkoordinierungsstelle',
            status: 'ongoing',
            statusNote: {
              de: 'Sprach-Cafés finden wöchentlich in Wittmund, Esens und Friedeburg statt; weitere Pilotprojekte werden jährlich ausgeschrieben.',
              en: 'Language cafés take place weekly in Wittmund, Esens and Friedeburg; further pilot projects are invited every year.',
            },
          },
        ],
      },
      {
        slug: 'informationsmaterialien-bildung',
        title: {
          de: 'Informationsmaterialien zu Bildungsangeboten unterstützen die individuelle Selbständigkeit von Zugewanderten.',
          en: 'Information material on educational offers supports the independence of immigrants.',
        },
        note: { de: 'Maßnahmen werden entwickelt.', en: 'Measures are being developed.' },
        measures: [],
      },
      {
        slug: 'qualifizierung-fachkraefte',
        title: { de: 'Der Landkreis unterstützt die Qualifizierung und Betreuung von Fachkräften.', en: 'The county supports the qualification and support of skilled workers.' },
        note: { de: 'Maßnahmen werden entwickelt.', en: 'Measures are being developed.' },
        measures: [],
      },
    ],
  },
  {
    slug: 'begegnung-teilhabe',
    title: { de: 'Begegnung und Teilhabe', en: 'Meeting and participation', ar: 'اللقاء والمشاركة' },
    goals: [
      {
        de: 'Der Landkreis vereinfacht die Teilhabe im Alltag durch bedarfsgerechte Informations- und Orientierungsangebote für Zugewanderte sowie gemeinsame Begegnungsangebote für alle Menschen in Wittmund.',
        en: 'The county makes everyday participation easier through information and orientation offers suited to the needs of immigrants, and through shared meeting places for everyone in Wittmund.',
      },
      {
        de: 'Die Beteiligung von Zugewanderten an relevanten Entscheidungen der Integrationsarbeit ist gewährleistet.',
        en: 'Immigrants take part in the relevant decisions of integration work.',
      },
    ],
    subGoals: [
      {
        slug: 'erstorientierung',
        title: { de: 'Die Erstorientierung für Neuzugewanderte ist erleichtert.', en: 'First orientation for newcomers is made easier.' },
        measures: [
          {
            slug: 'digitale-formate',
            title: {
              de: 'Digitale Formate und Plattformen werden durch die Kreisverwaltung eingerichtet, um den Zugang zu Informationen zu vereinfachen.',
              en: 'The county administration sets up digital formats and platforms to make information easier to reach.',
            },
            responsibleUnit: 'Kreisverwaltung – Stabsstelle Integration',
            status: 'in_progress',
            statusNote: {
              de: 'Die mehrsprachige Informationsplattform ist online; Offline-Nutzung und weitere Sprachen folgen.',
              en: 'The multilingual information platform is online; offline use and more languages follow.',
            },
          },
          {
            slug: 'kooperation-awo',
            title: {
              de: 'Die Kooperationsvereinbarung mit der AWO wird geprüft und ggf. der Aufgabenkatalog bis Ende 2019 überarbeitet.',
              en: 'The cooperation agreement with AWO is reviewed and, if necessary, its list of tasks revised by the end of 2019.',
            },
            deadline: '2019-12-31',
            deadlineText: 'bis Ende 2019',
            responsibleUnit: 'Fachbereich Soziales',
            status: 'done',
            statusNote: { de: 'Die überarbeitete Vereinbarung gilt seit dem 1. Januar 2020.' },
          },
        ],
      },
      {
        slug: 'orientierung-teilhabe',
        title: { de: 'Der Landkreis unterstützt Maßnahmen zur Förderung von Orientierung und Teilhabe.', en: 'The county supports measures that promote orientation and participation.' },
        measures: [
          {
            slug: 'informationsveranstaltungen',
            title: {
              de: 'Der Landkreis bietet in den nachfolgenden zwei Jahren niederschwellige, landkreisweite Informationsveranstaltungen für Migranten.',
              en: 'Over the following two years the county offers low-threshold, county-wide information events for migrants.',
            },
            deadline: '2020-12-31',
            deadlineText: 'in den nachfolgenden zwei Jahren',
            responsibleUnit: 'Kreisverwaltung – Stabsstelle Integration',
            status: 'ongoing',
            statusNote: {
              de: 'Informationsabende finden etwa monatlich statt, wechselnd in den Gemeinden.',
              en: 'Information evenings take place about once a month, in turn in the municipalities.',
            },
          },
          {
            slug: 'integrationsmassnahmen-gefluechtete',
            title: {
              de: 'Spezielle Integrationsmaßnahmen für Geflüchtete werden angeboten (z.B. „Mama lernt Deutsch“).',
              en: 'Special integration measures for refugees are offered (e.g. "Mum learns German").',
            },
            responsibleUnit: 'Sprachkoordinierungsstelle mit Kreisvolkshochschule',
            status: 'ongoing',
            statusNote: { de: '„Mama lernt Deutsch“ läuft in Wittmund und Esens mit Kinderbetreuung.' },
          },
        ],
      },
      {
        slug: 'zentrale-anlaufstelle',
        title: {
          de: 'Eine zentrale Anlaufstelle für Anliegen von Migranten ist geschaffen, um (behördliche / sprachliche) Hürden abzubauen und bei Anträgen Unterstützung zu bieten.',
          en: 'A central contact point for migrants is created to lower (administrative / language) barriers and to help with applications.',
        },
        measures: [
          {
            slug: 'anlaufstelle',
            title: {
              de: 'Eine neue, bedarfsorientierte Anlauf- bzw. Integrationsstelle wird bis Mitte 2019 eingerichtet. Sie steht als Ansprechpartner für alle Migrantengruppen zu Verfügung (z.B. Einzelfallhilfe, Vermittlung an Fachberatungsstellen, evtl. mobile Beratung).',
              en: 'A new, needs-based contact and integration office is set up by mid-2019. It is there for all groups of migrants (e.g. individual help, referral to specialist counselling, possibly mobile counselling).',
            },
            deadline: '2019-06-30',
            deadlineText: 'bis Mitte 2019',
            responsibleUnit: 'Kreisverwaltung – Stabsstelle Integration',
            status: 'done',
            statusNote: {
              de: 'Die Anlaufstelle Integration im Kreishaus ist seit September 2019 geöffnet; mobile Sprechstunden gibt es in allen Gemeinden.',
              en: 'The integration contact point at the county hall has been open since September 2019; mobile consultation hours exist in every municipality.',
            },
          },
          {
            slug: 'dolmetscherpool',
            title: {
              de: 'Der Dolmetscherpool wird bis Ende 2020 ausgebaut und die örtlichen Stellen über das Angebot erneut informiert.',
              en: 'The interpreter pool is expanded by the end of 2020 and local offices are informed about it again.',
            },
            deadline: '2020-12-31',
            deadlineText: 'bis Ende 2020',
            responsibleUnit: 'Anlaufstelle Integration',
            status: 'delayed',
            statusNote: {
              de: 'Der Pool umfasst 31 Ehrenamtliche in 14 Sprachen; für Tigrinya und Paschtu werden weiter Dolmetschende gesucht.',
              en: 'The pool has 31 volunteers in 14 languages; interpreters for Tigrinya and Pashto are still wanted.',
            },
          },
        ],
      },
      {
        slug: 'interkultureller-dialog',
        title: { de: 'Der interreligiöse und interkulturelle Dialog im Landkreis ist organisiert und gefördert.', en: 'Interreligious and intercultural dialogue in the county is organised and supported.' },
        measures: [
          {
            slug: 'interkulturelle-woche',
            title: {
              de: 'Regelmäßige, kontinuierliche Gelegenheiten zum gemeinsamen Austausch (z.B. Interkulturelle Woche) werden in den kommenden zwei Jahren im gesamten Landkreis angeboten.',
              en: 'Regular, continuous opportunities for exchange (e.g. Intercultural Week) are offered throughout the county over the coming two years.',
            },
            deadline: '2020-12-31',
            deadlineText: 'in den kommenden zwei Jahren',
            responsibleUnit: 'Kreisverwaltung – Stabsstelle Integration',
            status: 'ongoing',
            statusNote: { de: 'Die Interkulturelle Woche findet jedes Jahr im September statt, 2026 mit 24 Veranstaltungen.' },
          },
        ],
      },
      {
        slug: 'teilhabe-migrationshintergrund',
        title: { de: 'Der Landkreis unterstützt die Teilhabe von Menschen mit Migrationshintergrund.', en: 'The county supports the participation of people with a migration background.' },
        measures: [
          {
            slug: 'beteiligung-befragungen',
            title: {
              de: 'Die Beteiligung an Entscheidungen wird durch z.B. regelmäßige Befragungen oder Austauschrunden mit der Kreisverwaltung ab Januar 2019 landkreisweit gewährleistet.',
              en: 'Participation in decisions is ensured county-wide from January 2019, e.g. through regular surveys or exchange meetings with the county administration.',
            },
            deadline: '2019-01-31',
            deadlineText: 'ab Januar 2019',
            responsibleUnit: 'Kreisverwaltung – Stabsstelle Integration',
            status: 'ongoing',
            statusNote: { de: 'Befragungen fanden 2019, 2022 und 2025 statt; Austauschrunden zweimal im Jahr.' },
          },
        ],
      },
    ],
  },
  {
    slug: 'kommunikation-koordination',
    title: { de: 'Kommunikation und Koordination', en: 'Communication and coordination', ar: 'التواصل والتنسيق' },
    goals: [
      {
        de: 'Der Landkreis erhöht die Transparenz und gegenseitiges Verständnis durch einen regelmäßigen fachlichen Austausch von relevanten Akteuren der Integrationsarbeit.',
        en: 'The county increases transparency and mutual understanding through regular professional exchange between the relevant actors in integration work.',
      },
      {
        de: 'Menschen im Landkreis werden durch eine regelmäßige Kommunikation zu Angeboten, Ansprechpartnern und Erfahrungen sowie Koordinationsstrukturen unterstützt.',
        en: 'People in the county are supported by regular communication about offers, contacts and experiences, and by coordination structures.',
      },
    ],
    subGoals: [
      {
        slug: 'dialog-alle-menschen',
        title: {
          de: 'Der Dialog mit allen Menschen im Landkreis zu Ideen, Chancen und Sorgen zu Integration findet regelmäßig statt.',
          en: 'Dialogue with everyone in the county about ideas, opportunities and worries concerning integration takes place regularly.',
        },
        measures: [
          {
            slug: 'dialogprogramme',
            title: {
              de: 'Die Kreisverwaltung organisiert ab Januar 2019 Programme mit Bewohnern, neuen Zugewanderten und Fachexperten, um Erfahrungen und Perspektiven im Landkreis auszutauschen.',
              en: 'From January 2019 the county administration organises programmes with residents, newcomers and experts to share experiences and perspectives in the county.',
            },
            deadline: '2019-01-31',
            deadlineText: 'ab Januar 2019',
            responsibleUnit: 'Kreisverwaltung – Stabsstelle Integration',
            status: 'ongoing',
            statusNote: { de: 'Die Gesprächsreihe „Wittmund im Gespräch“ läuft viermal im Jahr.' },
          },
          {
            slug: 'oeffentlichkeitsarbeit',
            title: {
              de: 'Die Kreisverwaltung erhöht bis Ende 2020 gemeinsam mit der Pressestelle die Öffentlichkeitsarbeit und berichtet regelmäßig über die Umsetzung des Integrationskonzepts.',
              en: 'By the end of 2020 the county administration, together with the press office, increases its public relations and reports regularly on the implementation of the integration concept.',
            },
            deadline: '2020-12-31',
            deadlineText: 'bis Ende 2020',
            responsibleUnit: 'Pressestelle',
            status: 'ongoing',
            statusNote: {
              de: 'Die Pressestelle berichtet auf der Informationsplattform über jede Maßnahme des Konzepts.',
              en: 'The press office reports on every measure of the concept on the information platform.',
            },
          },
        ],
      },
      {
        slug: 'transparenz-angebote',
        title: { de: 'Die Transparenz über Integrationsangebote ist verbessert.', en: 'Integration offers are more transparent.' },
        measures: [
          {
            slug: 'informationsplattform',
            title: {
              de: 'Eine zentrale Informationsplattform ist bis Ende 2020 eingerichtet und stellt eine Übersicht zu Angeboten (Informationen und Beratung) für Migranten und Aktive der Integrationsarbeit zur Verfügung.',
              en: 'A central information platform is set up by the end of 2020 and gives migrants and people active in integration work an overview of offers (information and counselling).',
            },
            deadline: '2020-12-31',
            deadlineText: 'bis Ende 2020',
            responsibleUnit: 'Kreisverwaltung – Stabsstelle Integration mit Pressestelle',
            status: 'in_progress',
            statusNote: {
              de: 'Die Plattform ist in zwölf Sprachen online; Übersetzungen werden laufend ergänzt.',
              en: 'The platform is online in twelve languages; translations are being added continuously.',
            },
          },
        ],
      },
      {
        slug: 'beratung-dezentralisiert',
        title: { de: 'Die Migrations- und Integrationsberatung im Landkreis ist dezentralisiert.', en: 'Migration and integration counselling in the county is decentralised.' },
        measures: [
          {
            slug: 'zusammenarbeit-gemeinden',
            title: {
              de: 'Die Zusammenarbeit mit kreisangehörigen Gemeinden wird in den folgenden zwei Jahren geprüft und ggf. erweitert (z.B. durch gemeinsame Projekte)',
              en: 'Cooperation with the municipalities of the county is reviewed over the following two years and expanded where useful (e.g. through joint projects)',
            },
            deadline: '2020-12-31',
            deadlineText: 'in den folgenden zwei Jahren',
            responsibleUnit: 'Fachbereich Soziales',
            status: 'done',
            statusNote: { de: 'Mit allen sechs Gemeinden bestehen Vereinbarungen über gemeinsame Sprechstunden.' },
          },
          {
            slug: 'anlaufstellen-kommunen',
            title: { de: 'Den Kommunen wird die Schaffung von zentralen Anlaufstellen für Hilfs- und Beratungsangebote empfohlen.', en: 'The municipalities are advised to create central contact points for help and counselling.' },
            responsibleUnit: 'Fachbereich Soziales',
            status: 'dropped',
            statusNote: {
              de: 'Statt eigener Anlaufstellen in jeder Gemeinde gibt es mobile Sprechstunden der Anlaufstelle des Landkreises.',
              en: 'Instead of separate contact points in each municipality, the county contact point holds mobile consultation hours.',
            },
          },
          {
            slug: 'zusammenarbeit-beratungsstellen',
            title: { de: 'Der Landkreis baut die Zusammenarbeit mit Beratungsstellen und Trägern landkreisweit aus.', en: 'The county expands cooperation with counselling services and providers county-wide.' },
            responsibleUnit: 'Fachbereich Soziales',
            status: 'ongoing',
            statusNote: { de: 'Das Netzwerk Integration trifft sich quartalsweise mit 18 Trägern.' },
          },
        ],
      },
      {
        slug: 'finanzielle-unterstuetzung',
        title: { de: 'Möglichkeiten der finanziellen Unterstützung von Integrationsarbeit vor Ort sind bereitgestellt.', en: 'Funding for local integration work is available.' },
        measures: [
          {
            slug: 'foerderung-lokaler-projekte',
            title: { de: 'Lokale Integrationsprojekte und Veranstaltungen werden in den kommenden zwei Jahren landkreisweit gefördert.', en: 'Local integration projects and events are funded county-wide over the coming two years.' },
            deadline: '2020-12-31',
            deadlineText: 'in den kommenden zwei Jahren',
            responsibleUnit: 'Fachbereich Soziales',
            status: 'ongoing',
            statusNote: { de: 'Das Förderprogramm wird jährlich mit 25.000 Euro ausgeschrieben.' },
          },
        ],
      },
    ],
  },
]
