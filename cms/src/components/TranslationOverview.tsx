import type { AdminViewServerProps } from 'payload'

import React from 'react'

import { AdminPage } from './AdminPage'

import { locales } from '@lotse/translations'

import { TRANSLATABLE } from '../translation/job'
import { type EditorState, translationOverview } from '../translation/status'
import { overviewText, stateLabels, stateStyle } from './translationLabels'

const STATES: EditorState[] = ['missing', 'outdated', 'machine', 'reviewed']

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined

/**
 * /admin/translations: every translatable document × every locale, with filters (content
 * type, language, state) that work as a plain GET form, and counts per language. Translators
 * work from here; each state links to the document in that language.
 */
export async function TranslationOverview({ initPageResult, params, searchParams }: AdminViewServerProps) {
  const { req } = initPageResult
  const lang = req.i18n.language === 'en' ? 'en' : 'de'
  const text = overviewText[lang]
  const filters = { collection: one(searchParams?.collection), locale: one(searchParams?.locale), state: one(searchParams?.state) }
  const { rows, counts } = await translationOverview(req, filters)
  const shown = filters.locale ? locales.filter((l) => l.code === filters.locale) : locales.filter((l) => l.code !== 'de')
  const adminRoute = req.payload.config.routes.admin
  const collectionLabel = (slug: string) => {
    const label = req.payload.collections[slug as (typeof TRANSLATABLE)[number]]?.config.labels.plural
    return typeof label === 'object' && label ? String((label as Record<string, string>)[lang] ?? slug) : slug
  }

  return (
    <AdminPage initPageResult={initPageResult} params={params} searchParams={searchParams}>
      <h1>{text.title}</h1>
      <p>{text.intro}</p>
      <form method="get" style={{ display: 'flex', gap: '1rem', flexWrap: 'wrap', alignItems: 'end', marginBlock: '1rem' }}>
        <label>
          {text.collection}
          <br />
          <select name="collection" defaultValue={filters.collection ?? ''}>
            <option value="">{text.all}</option>
            {TRANSLATABLE.map((slug) => (
              <option key={slug} value={slug}>
                {collectionLabel(slug)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {text.locale}
          <br />
          <select name="locale" defaultValue={filters.locale ?? ''}>
            <option value="">{text.all}</option>
            {locales
              .filter((l) => l.code !== 'de')
              .map((l) => (
                <option key={l.code} value={l.code}>
                  {lang === 'en' ? l.englishName : l.germanName} – {l.endonym}
                </option>
              ))}
          </select>
        </label>
        <label>
          {text.state}
          <br />
          <select name="state" defaultValue={filters.state ?? ''}>
            <option value="">{text.all}</option>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {stateLabels[lang][s]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="btn btn--style-secondary btn--size-small">
          {text.filter}
        </button>
      </form>

      <h2>{text.counts}</h2>
      <table style={{ borderCollapse: 'collapse', marginBlockEnd: '2rem' }}>
        <thead>
          <tr>
            <th scope="col" style={{ textAlign: 'start', paddingInlineEnd: '1rem' }}>
              {text.locale}
            </th>
            {STATES.map((s) => (
              <th key={s} scope="col" style={{ paddingInline: '0.5rem' }}>
                {stateLabels[lang][s]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((l) => (
            <tr key={l.code}>
              <th scope="row" style={{ textAlign: 'start', paddingInlineEnd: '1rem' }}>
                {lang === 'en' ? l.englishName : l.germanName}
              </th>
              {STATES.map((s) => (
                <td key={s} style={{ textAlign: 'center' }}>
                  <a href={`?locale=${l.code}&state=${s}${filters.collection ? `&collection=${filters.collection}` : ''}`}>{counts[l.code]?.[s] ?? 0}</a>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>

      {rows.length === 0 ? (
        <p>{text.none}</p>
      ) : (
        <div style={{ overflowX: 'auto' }}>
          <table style={{ borderCollapse: 'collapse', inlineSize: '100%' }}>
            <thead>
              <tr>
                <th scope="col" style={{ textAlign: 'start' }}>
                  {text.document}
                </th>
                {shown.map((l) => (
                  <th key={l.code} scope="col" lang={l.code} dir={l.dir} style={{ paddingInline: '0.25rem' }}>
                    {l.code}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={`${row.collection}-${row.id}`} style={{ borderBlockStart: '1px solid var(--theme-elevation-100)' }}>
                  <td style={{ paddingBlock: '0.35rem' }}>
                    <a href={`${adminRoute}/collections/${row.collection}/${row.id}`}>{row.title}</a>
                    <br />
                    <small>{collectionLabel(row.collection)}</small>
                  </td>
                  {shown.map((l) => {
                    const state = row.states[l.code] ?? 'missing'
                    return (
                      <td key={l.code} style={{ textAlign: 'center', paddingInline: '0.25rem' }}>
                        <a
                          href={`${adminRoute}/collections/${row.collection}/${row.id}?locale=${l.code}`}
                          style={{ ...stateStyle[state], borderRadius: '0.25rem', paddingInline: '0.35rem', textDecoration: 'none', fontSize: '0.8rem' }}
                        >
                          {stateLabels[lang][state]}
                        </a>
                      </td>
                    )
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </AdminPage>
  )
}
