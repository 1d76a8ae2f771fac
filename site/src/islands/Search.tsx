/**
 * The search page's island: results as the reader types (debounced), the filters the index
 * holds, "also in German", and the offline state. Server-rendered, so the search box is there
 * before React has loaded (on a slow connection that takes seconds): what the reader types
 * meanwhile is searched once hydrated, and Enter meanwhile submits the form to this page with
 * `?q=`, which is searched on load. A browser without JavaScript hides the island (the page's
 * `<noscript>` style) and shows the page's way to the offers by topic instead. The engine
 * (`../search/engine`) does the searching; this file only shows it.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react'

import { availableFilters, hasGermanFallback, loadPagefind, search, type Hit } from '../search/engine'

/** UI strings in the reader's language; `{count}` and `{query}` are filled in here. */
export interface SearchStrings {
  label: string
  placeholder: string
  submit: string
  loading: string
  results: string
  none: string
  any: string
  alsoGerman: string
  offline: string
  failed: string
  /** The label of a result nobody has confirmed for too long. */
  overdue: string
  filters: Record<string, string>
}

interface Props {
  locale: string
  strings: SearchStrings
  /** Each language's name in itself, for the language of every result. */
  languageNames: Record<string, string>
}

/** The filters of the index, in this order; `kind` first (offers, events, pages). */
const FILTERS = ['kind', 'topic', 'municipality'] as const
const DEBOUNCE_MS = 250

const fill = (template: string, values: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''))

export default function Search({ locale, strings, languageNames }: Props) {
  const [query, setQuery] = useState('')
  const [chosen, setChosen] = useState<Record<string, string>>({})
  const [alsoGerman, setAlsoGerman] = useState(false)
  const [options, setOptions] = useState<Record<string, string[]>>({})
  const [hits, setHits] = useState<Hit[]>([])
  const [status, setStatus] = useState('')
  const [online, setOnline] = useState(true)
  const run = useRef(0)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const box = useRef<HTMLInputElement>(null)
  const german = hasGermanFallback(locale)

  const start = async (q: string, filters: Record<string, string>, withGerman: boolean) => {
    const mine = ++run.current
    const url = new URL(location.href)
    url.searchParams.set('q', q)
    for (const name of FILTERS) {
      if (filters[name]) url.searchParams.set(name, filters[name])
      else url.searchParams.delete(name)
    }
    if (withGerman) url.searchParams.set('de', '1')
    else url.searchParams.delete('de')
    history.replaceState(null, '', url)
    if (q.trim() === '') {
      setHits([])
      setStatus('')
      return
    }
    setStatus(strings.loading)
    try {
      const outcome = await search(loadPagefind, locale, { query: q, filters, alsoGerman: withGerman })
      if (mine !== run.current) return
      setHits(outcome.hits)
      setStatus(outcome.hits.length > 0 ? fill(strings.results, { count: outcome.hits.length }) : fill(strings.none, { query: q.trim() }))
    } catch {
      if (mine !== run.current) return
      setHits([])
      setStatus(navigator.onLine ? strings.failed : strings.offline)
    }
  }

  const schedule = (q: string, filters: Record<string, string>, withGerman: boolean, delay: number) => {
    clearTimeout(timer.current)
    timer.current = setTimeout(() => void start(q, filters, withGerman), delay)
  }

  useEffect(() => {
    const params = new URLSearchParams(location.search)
    // Typed before hydration (React keeps the box's text then), else the submitted `?q=`.
    const q = box.current?.value || params.get('q') || ''
    const filters: Record<string, string> = {}
    for (const name of FILTERS) {
      const value = params.get(name)
      if (value) filters[name] = value
    }
    const withGerman = params.get('de') === '1'
    setQuery(q)
    setChosen(filters)
    setAlsoGerman(withGerman)
    const update = () => setOnline(navigator.onLine)
    update()
    addEventListener('online', update)
    addEventListener('offline', update)
    availableFilters(loadPagefind, locale, FILTERS)
      .then(setOptions)
      .catch(() => undefined)
      .finally(() => {
        if (q) void start(q, filters, withGerman)
      })
    return () => {
      removeEventListener('online', update)
      removeEventListener('offline', update)
      clearTimeout(timer.current)
    }
    // Runs once, on hydration: the URL is read only then.
  }, [])

  const choose = (name: string, value: string) => {
    const next = { ...chosen }
    if (value) next[name] = value
    else delete next[name]
    setChosen(next)
    schedule(query, next, alsoGerman, 0)
  }

  const submit = (e: FormEvent) => {
    e.preventDefault()
    schedule(query, chosen, alsoGerman, 0)
  }

  return (
    <div className="search-island">
      <form role="search" method="get" onSubmit={submit}>
        <label htmlFor="search-q">{strings.label}</label>
        <p>
          <input
            id="search-q"
            ref={box}
            type="search"
            name="q"
            value={query}
            placeholder={strings.placeholder}
            autoComplete="off"
            onChange={(e) => {
              setQuery(e.target.value)
              schedule(e.target.value, chosen, alsoGerman, DEBOUNCE_MS)
            }}
          />{' '}
          <button type="submit">{strings.submit}</button>
        </p>
        {FILTERS.filter((name) => options[name]).map((name) => (
          <p key={name}>
            <label htmlFor={`search-filter-${name}`}>{strings.filters[name] ?? name}</label>{' '}
            <select id={`search-filter-${name}`} name={name} value={chosen[name] ?? ''} onChange={(e) => choose(name, e.target.value)}>
              <option value="">{strings.any}</option>
              {options[name]!.map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
            </select>
          </p>
        ))}
        {german && (
          <p>
            <label>
              <input
                id="search-also-german"
                type="checkbox"
                name="de"
                value="1"
                checked={alsoGerman}
                onChange={(e) => {
                  setAlsoGerman(e.target.checked)
                  schedule(query, chosen, e.target.checked, 0)
                }}
              />{' '}
              {strings.alsoGerman}
            </label>
          </p>
        )}
      </form>
      {!online && <p className="search-offline">{strings.offline}</p>}
      <p id="search-status" role="status" aria-live="polite">
        {status}
      </p>
      <ol id="search-results" className="cards">
        {hits.map((hit) => (
          <li key={hit.url} lang={hit.locale === locale ? undefined : hit.locale} dir={hit.locale === locale ? undefined : 'ltr'} data-locale={hit.locale}>
            <h2>
              <a href={hit.url}>{hit.title}</a>
            </h2>
            <p className="result-lang">
              {languageNames[hit.locale] ?? hit.locale}
              {hit.overdue && (
                <>
                  {' '}
                  <span className="badge bad" lang={hit.locale === locale ? undefined : locale} dir={hit.locale === locale ? undefined : 'auto'} data-overdue>
                    {strings.overdue}
                  </span>
                </>
              )}
            </p>
            {/* Pagefind's excerpt: its own escaped text of the page, with <mark> around the hits. */}
            <p dangerouslySetInnerHTML={{ __html: hit.excerpt }} />
          </li>
        ))}
      </ol>
    </div>
  )
}
