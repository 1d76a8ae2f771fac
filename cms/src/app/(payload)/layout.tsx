/* Payload's admin root layout, as `create-payload-app` would write it (it cannot fetch its
 * template here). `serverFunction` is how the admin's client components call the server. */
import type { ServerFunctionClient } from 'payload'

import config from '@payload-config'
import '@fontsource/noto-sans-arabic/arabic-400.css'
import '@fontsource/noto-sans-ethiopic/ethiopic-400.css'
import '@payloadcms/next/css'
import { handleServerFunctions, RootLayout } from '@payloadcms/next/layouts'
import React from 'react'

import { importMap } from './admin/importMap.js'
import './custom.scss'

type Args = { children: React.ReactNode }

const serverFunction: ServerFunctionClient = async function (args) {
  'use server'
  return handleServerFunctions({ ...args, config, importMap })
}

const Layout = ({ children }: Args) => (
  <RootLayout config={config} importMap={importMap} serverFunction={serverFunction}>
    {children}
  </RootLayout>
)

export default Layout
