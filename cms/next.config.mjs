import { withPayload } from '@payloadcms/next/withPayload'

/**
 * The Next.js app only serves Payload's admin and REST API; the public site is static (Astro).
 * Workspace packages are TypeScript sources, so Next transpiles them.
 */
/** @type {import('next').NextConfig} */
const nextConfig = {
  transpilePackages: ['@lotse/translations', '@lotse/content-schemas'],
  poweredByHeader: false,
  // `npm run lint` type-checks every package; repeating it here would slow every admin build.
  typescript: { ignoreBuildErrors: true },
  // The admin has no use for Next's image optimizer; media is served by Payload.
  images: { unoptimized: true },
  // The CMS has no public pages of its own: the root leads editors to the admin.
  async redirects() {
    return [{ source: '/', destination: '/admin', permanent: false }]
  },
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'same-origin' },
          { key: 'X-Frame-Options', value: 'SAMEORIGIN' },
          { key: 'X-Robots-Tag', value: 'noindex' },
        ],
      },
    ]
  },
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
