/**
 * GET /v1/openapi.json: the mock API as OpenAPI 3.1, generated from the same zod schemas
 * that validate its requests (api-routes.ts), so Postman, Bruno or Insomnia import exactly
 * what the server accepts.
 */
import { z } from 'zod'
import { ApiErrorBody } from '../../shared/platform-models'
import { ROUTES, type RouteDef } from './api-routes'

type Json = Record<string, unknown>

/** A zod schema as an OpenAPI 3.1 schema object (JSON Schema 2020-12 without `$schema`). */
function schemaOf(schema: z.ZodType, io: 'input' | 'output'): Json {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Json
  return rest
}

function queryParameters(route: RouteDef): Json[] {
  if (!route.query) return []
  const schema = schemaOf(route.query, 'input') as { properties?: Record<string, Json>; required?: string[] }
  return Object.entries(schema.properties ?? {}).map(([name, prop]) => ({
    name,
    in: 'query',
    required: schema.required?.includes(name) ?? false,
    schema: prop,
    ...(typeof prop.description === 'string' ? { description: prop.description } : {})
  }))
}

const errorResponse = (description: string): Json => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } }
})

function operation(route: RouteDef): Json {
  const pathParams = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: { type: 'string' }
  }))
  const emits = route.emits.length ? ` Emits ${route.emits.join(', ')}.` : ''
  return {
    operationId: route.operationId,
    summary: route.summary,
    description:
      `${route.summary}${emits} ` +
      (route.documented
        ? 'The Smart KYC docs name this capability; the path and fields are inferred.'
        : 'Inferred: not in the Smart KYC docs.'),
    tags: [route.tag],
    parameters: [...pathParams, ...queryParameters(route)],
    ...(route.body
      ? { requestBody: { required: false, content: { 'application/json': { schema: schemaOf(route.body, 'input') } } } }
      : {}),
    responses: {
      [String(route.status)]: {
        description: 'OK',
        headers: rateHeaders(),
        content: { 'application/json': { schema: schemaOf(route.answer, 'output') } }
      },
      ...(route.body || route.query ? { '400': errorResponse('A field is invalid: error.field names it.') } : {}),
      '401': errorResponse('Missing or wrong API key.'),
      ...(route.path.includes('{') ? { '404': errorResponse('No such id.') } : {}),
      '405': errorResponse('Wrong method for this path (the Allow header lists the right ones).'),
      ...(route.method !== 'GET' ? { '409': errorResponse('The state does not allow it (e.g. an invitation already completed).') } : {}),
      '429': { ...errorResponse('Rate limit exceeded: wait Retry-After seconds.'), headers: { ...rateHeaders(), 'Retry-After': intHeader('Seconds to wait.') } }
    }
  }
}

function intHeader(description: string): Json {
  return { description, schema: { type: 'integer' } }
}

function rateHeaders(): Json {
  return {
    'X-RateLimit-Limit': intHeader('Requests the key may burst (the bucket size; documented: 200).'),
    'X-RateLimit-Remaining': intHeader('Requests left right now.'),
    'X-RateLimit-Reset': intHeader('Unix time (seconds) when the bucket is full again.')
  }
}

/** The OpenAPI 3.1 document for a server at `baseUrl` (`http://127.0.0.1:8787/v1`). */
export function buildOpenApi(baseUrl: string, limits: { rate: number; burst: number }): Json {
  const paths: Record<string, Json> = {}
  for (const route of ROUTES) {
    const key = route.path.replace(/^\/v1/, '')
    paths[key] = { ...(paths[key] ?? {}), [route.method.toLowerCase()]: operation(route) }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Smart KYC API (local mock, Smart KYC Webhook Workbench)',
      version: '1.0.0-mock',
      description:
        'A MOCK of the Smart KYC REST API, run locally by the Webhook Workbench. Documented by Smart KYC: the API exists ' +
        '(retrieve submissions, create invitations, update submissions, query data), the API key goes in a header or a ' +
        `query parameter, and the rate limits (standard 100 requests/minute, bursts up to 200). Inferred: every path, field ` +
        'and status here. /simulate/* stands in for the customer and exists only in the mock. Every change emits the ' +
        'matching webhooks, signed with the API secret, to the active endpoints. ' +
        `This server: ${limits.rate} requests/minute per key, bursts up to ${limits.burst}.`
    },
    servers: [{ url: baseUrl, description: 'Local mock' }],
    security: [{ apiKeyHeader: [] }, { apiKeyQuery: [] }],
    tags: [
      { name: 'Invitations' },
      { name: 'Submissions' },
      { name: 'Simulate', description: 'Mock only: the customer and the reviewer, simulated.' }
    ],
    paths,
    components: {
      securitySchemes: {
        apiKeyHeader: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
        apiKeyQuery: { type: 'apiKey', in: 'query', name: 'api_key' }
      },
      schemas: { Error: schemaOf(ApiErrorBody, 'output') }
    }
  }
}
