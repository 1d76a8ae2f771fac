import type { Endpoint, PayloadRequest } from 'payload'
import { addDataAndFileToRequest } from 'payload'

import { ImportError, runImport } from './run'

/** The uploaded file and options of an import request (multipart: `file`, `_payload` = `{"publish": true}`). */
async function upload(req: PayloadRequest): Promise<{ bytes: Buffer; publish: boolean }> {
  await addDataAndFileToRequest(req)
  const file = req.file as { data?: Buffer } | undefined
  if (!file?.data || file.data.length === 0) throw new ImportError(400, 'Datei: Bitte eine CSV- oder XLSX-Datei wählen.')
  // Options ride in `_payload` (JSON), as Payload reads multipart forms; `?publish=` works too.
  const publish = (req.data as { publish?: unknown } | undefined)?.publish ?? (req.query as { publish?: unknown } | undefined)?.publish
  return { bytes: file.data, publish: publish === true || publish === 'true' }
}

function importEndpoint(mode: 'dry-run' | 'apply'): Endpoint {
  return {
    path: `/:id/${mode}`,
    method: 'post',
    handler: async (req) => {
      try {
        if (!req.user) throw new ImportError(401, 'Bitte anmelden.')
        const { bytes, publish } = await upload(req)
        return Response.json(await runImport(req, String(req.routeParams?.id ?? ''), bytes, { mode, publish }))
      } catch (error) {
        if (error instanceof ImportError) {
          const result = (error as ImportError & { result?: unknown }).result
          return Response.json({ errors: [{ message: error.message }], ...(result ? { result } : {}) }, { status: error.status })
        }
        req.payload.logger.error({ err: error, msg: `import ${mode} failed` })
        return Response.json({ errors: [{ message: 'Der Import ist fehlgeschlagen; es wurde nichts geändert.' }] }, { status: 500 })
      }
    },
  }
}

/** `POST /api/import-sources/:id/dry-run`: what the file would create, update or reject, and why; writes nothing. */
export const dryRunEndpoint = importEndpoint('dry-run')
/** `POST /api/import-sources/:id/apply`: the same, then all rows in one transaction, or nothing when a row is rejected. */
export const applyEndpoint = importEndpoint('apply')
