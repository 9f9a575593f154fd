import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type CostMapping, parseMappingText } from '../../domain/costCsv.ts';
import { actorOf } from '../../domain/permissions.ts';
import { IdParamsSchema } from '../../schemas/common.ts';
import {
  CostImportBodySchema,
  CostImportListQuerySchema,
  CostImportPreviewSchema,
  CostImportQuerySchema,
  CostImportSchema,
} from '../../schemas/costs.ts';
import { ProblemSchema } from '../../schemas/problem.ts';
import {
  type CostImportInput,
  costImportsSettled,
  failInterruptedCostImports,
  getCostImport,
  listCostImports,
  previewCostImport,
  startCostImport,
} from '../../services/costImport.ts';
import { assertCanManageMarketing } from '../../services/costs.ts';
import type { RouteDeps } from '../app.ts';
import { principalOf } from '../auth.ts';
import { invalid } from '../problem.ts';

/** Ad cabinet exports run to tens of megabytes; JSON elsewhere keeps the small global limit. */
export const MAX_CSV_BYTES = 50 * 1024 * 1024;

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };

/** The body is the CSV itself (text/csv, mapping in the query) or JSON {csv, mapping, …}. */
const ImportBodySchema = z.union([z.string(), CostImportBodySchema]);

function mappingFromQuery(map: string | undefined): CostMapping | undefined {
  if (!map) return undefined;
  const mapping = parseMappingText(map);
  if (!mapping.ok) throw invalid([{ name: 'map', reason: mapping.reason }]);
  return mapping.value;
}

function inputOf(
  body: z.infer<typeof ImportBodySchema>,
  query: z.infer<typeof CostImportQuerySchema>,
): CostImportInput {
  if (typeof body !== 'string') return body;
  return {
    csv: body,
    mapping: mappingFromQuery(query.map),
    campaignId: query.campaignId,
    fileName: query.fileName,
    replace: query.replace === undefined ? undefined : query.replace === 'true',
  };
}

export const costImportRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, deps) => {
  const { database } = deps;
  app.addContentTypeParser(
    'text/csv',
    { parseAs: 'string', bodyLimit: MAX_CSV_BYTES },
    (_request, body, done) => done(null, body),
  );
  // A closing server lets running imports finish their chunks.
  app.addHook('onClose', async () => costImportsSettled());
  // Imports a restart cut off would stay "running" forever. A single process knows that every
  // import it is not running was cut off; with several workers only stale ones are (the others
  // are marked when read, after INTERRUPTED_AFTER_MS).
  app.addHook('onReady', async () => {
    const failed = await failInterruptedCostImports(database.db, {
      now: deps.clock(),
      all: deps.config.workers <= 1,
    });
    if (failed.length > 0) app.log.warn({ importIds: failed }, 'cost imports interrupted by a restart');
  });

  const description =
    'Send the CSV as a `text/csv` body with the mapping in the query (`map=day:Дата,clicks:Клики`, `campaignId`, `fileName`, `replace`), or as JSON `{csv, mapping?, campaignId?, fileName?, replace?}`. The delimiter (`,` `;` tab) and a BOM are detected; dates YYYY-MM-DD, DD.MM.YYYY or DD/MM/YYYY; numbers like "1 234,56" or "1,234.56", currency signs dropped. A `campaign` column is matched against campaign ids, names and utm_campaign tracking values; or `campaignId` takes the whole file.';

  app.post(
    '/api/cost-imports/preview',
    {
      bodyLimit: MAX_CSV_BYTES,
      config: { access: 'write' },
      schema: {
        tags: ['economics'],
        summary: 'Read an ad cabinet CSV export without storing it: headers, suggested mapping, first rows',
        description,
        querystring: CostImportQuerySchema,
        body: ImportBodySchema,
        response: { 200: CostImportPreviewSchema, 422: ProblemSchema, ...errors },
      },
    },
    async (request) => {
      assertCanManageMarketing(principalOf(request));
      return previewCostImport(database.db, inputOf(request.body, request.query));
    },
  );

  app.post(
    '/api/cost-imports',
    {
      bodyLimit: MAX_CSV_BYTES,
      config: { access: 'write' },
      schema: {
        tags: ['economics'],
        summary: 'Import an ad cabinet CSV export into daily campaign stats (runs in the background)',
        description: `${description} Answers 202 with the import; follow it with GET /api/cost-imports/{id}. Bad rows are reported by line (the header is line 1) and skipped. With replace (the default) rows earlier imports stored for the same campaign-days are replaced, so a re-imported export does not double the figures; hand-entered and API rows stay.`,
        querystring: CostImportQuerySchema,
        body: ImportBodySchema,
        response: { 202: CostImportSchema, 422: ProblemSchema, ...errors },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const started = await startCostImport(
        { database, clock: deps.clock, log: request.log },
        { ...inputOf(request.body, request.query), principal, createdBy: actorOf(principal) },
      );
      return reply.code(202).send(started);
    },
  );

  app.get(
    '/api/cost-imports',
    {
      config: { access: 'read' },
      schema: {
        tags: ['economics'],
        summary: 'The latest imports, newest first, with their progress and problems',
        querystring: CostImportListQuerySchema,
        response: { 200: z.object({ items: z.array(CostImportSchema) }), ...errors },
      },
    },
    async (request) => ({
      items: await listCostImports(database.db, { ...request.query, now: deps.clock() }),
    }),
  );

  app.get(
    '/api/cost-imports/:id',
    {
      config: { access: 'read' },
      schema: {
        tags: ['economics'],
        summary: 'An import and its progress: rows processed and imported, problems by line',
        params: IdParamsSchema,
        response: { 200: CostImportSchema, ...errors },
      },
    },
    async (request) => getCostImport(database.db, request.params.id, deps.clock()),
  );
};
