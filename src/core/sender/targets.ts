/**
 * Where a send goes: named endpoints, ad-hoc URLs, or every active endpoint. Each target
 * becomes a delivery row that carries its own copy of the URL, headers, timeout, TLS
 * choices and retry schedule, so later edits to an endpoint or to Settings never change
 * a delivery already under way.
 */
import fs from 'node:fs'
import path from 'node:path'
import { AdHocTarget } from '../../shared/contract'
import { WorkbenchError, badInput, messageOf, notFound } from '../../shared/errors'
import type { HeaderPair } from '../../shared/models'
import { newId } from '../ids'
import type { EndpointsRepo } from './endpoints-repo'
import { checkCustomHeaders, checkHeaderPair, standardHeaders } from './header-policy'
import type { NewDelivery } from './outbox-rows'
import { checkTargetUrl } from './url-policy'

/** The display name of a delivery that has no saved endpoint. */
export const AD_HOC_NAME = 'ad hoc'

export interface TargetRequest {
  signature: string | null
  /** When given, the exact header list to send (replay as-is) instead of the standard set. */
  headers?: HeaderPair[]
  endpointIds?: string[]
  to?: AdHocTarget[]
  retryScheduleMs: number[]
}

function readableCaFile(file: string): string {
  const resolved = path.resolve(file)
  try {
    const pem = fs.readFileSync(resolved, 'utf8')
    if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
      throw badInput(`${resolved} is not a PEM certificate: pass the CA certificate file (-----BEGIN CERTIFICATE-----)`)
    }
  } catch (err) {
    if (err instanceof WorkbenchError) throw err
    throw badInput(`cannot read the CA file ${resolved}: ${messageOf(err)}: check the path`)
  }
  return resolved
}

/** Resolves and checks the targets of one send; throws a clear error before anything is stored. */
export function resolveTargets(endpoints: EndpointsRepo, req: TargetRequest): NewDelivery[] {
  if (req.headers) req.headers.forEach(checkHeaderPair)
  const headersFor = (custom: HeaderPair[]): HeaderPair[] => req.headers ?? standardHeaders(req.signature, custom)
  const out: NewDelivery[] = []

  const ids = req.endpointIds ?? []
  const adHoc = req.to ?? []
  const chosen =
    ids.length === 0 && adHoc.length === 0
      ? endpoints.list().filter((e) => e.active)
      : ids.map((id) => {
          const endpoint = endpoints.get(id)
          if (!endpoint) throw notFound('endpoint', id)
          return endpoint
        })
  if (ids.length === 0 && adHoc.length === 0 && chosen.length === 0) {
    throw badInput('no active endpoint: add one or pass --to URL')
  }

  for (const endpoint of chosen) {
    // Stored endpoints were checked when saved; check again in case the file was edited by hand.
    checkTargetUrl(endpoint.url, { allowLocalHttp: endpoint.allowLocalHttp })
    out.push({
      id: newId('dlv'),
      endpointId: endpoint.id,
      endpointName: endpoint.name,
      url: endpoint.url,
      requestHeaders: headersFor(endpoint.headers),
      timeoutMs: endpoint.timeoutMs,
      insecureTls: endpoint.insecureTls,
      caFile: null,
      retryScheduleMs: req.retryScheduleMs
    })
  }
  for (const raw of adHoc) {
    const target = AdHocTarget.parse(raw)
    const url = target.url.trim()
    checkTargetUrl(url, { allowLocalHttp: target.allowLocalHttp })
    checkCustomHeaders(target.headers)
    out.push({
      id: newId('dlv'),
      endpointId: null,
      endpointName: AD_HOC_NAME,
      url,
      requestHeaders: headersFor(target.headers),
      timeoutMs: target.timeoutMs,
      insecureTls: target.insecureTls,
      caFile: target.caFile ? readableCaFile(target.caFile) : null,
      retryScheduleMs: req.retryScheduleMs
    })
  }
  return out
}
