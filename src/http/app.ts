import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { type Logger, pino } from 'pino';
import type { Config } from '../config.ts';
import type { MatcherConfig } from '../domain/dedup/index.ts';
import type { Access, Principal } from '../domain/permissions.ts';
import { createSessionVerifier } from '../services/auth/sessions.ts';
import { createCaptureService } from '../services/capture/captureService.ts';
import { setEmailNotifications } from '../services/mailer.ts';
import { createTokenVerifier } from '../services/tokens.ts';
import type { Database } from '../store/db.ts';
import { registerAuth } from './auth.ts';
import { registerCors } from './cors.ts';
import { registerPlainFormReplies } from './plainFormReplies.ts';
import { handleError, sendProblem } from './problem.ts';
import { assignmentRoutes } from './routes/assignment.ts';
import { authRoutes } from './routes/auth.ts';
import { boardRoutes } from './routes/board.ts';
import { campaignRoutes } from './routes/campaigns.ts';
import { captureRoutes } from './routes/capture.ts';
import { channelRoutes } from './routes/channels.ts';
import { companyRoutes } from './routes/companies.ts';
import { contactRoutes } from './routes/contacts.ts';
import { conversionRoutes } from './routes/conversion.ts';
import { costImportRoutes } from './routes/costImports.ts';
import { costRoutes } from './routes/costs.ts';
import { dealRoutes } from './routes/deals.ts';
import { duplicateRoutes } from './routes/duplicates.ts';
import { eventRoutes } from './routes/events.ts';
import { formRoutes } from './routes/forms.ts';
import { healthRoutes } from './routes/health.ts';
import { inquiryRoutes } from './routes/inquiries.ts';
import { leadRoutes } from './routes/leads.ts';
import { notificationRoutes } from './routes/notifications.ts';
import { privacyRoutes } from './routes/privacy.ts';
import { qualificationRoutes } from './routes/qualification.ts';
import { refusalRoutes } from './routes/refusal.ts';
import { reportDistributionRoutes } from './routes/reportDistributions.ts';
import { reportRoutes } from './routes/reports.ts';
import { scoringRoutes } from './routes/scoring.ts';
import { segmentRoutes } from './routes/segments.ts';
import { statusRoutes } from './routes/statuses.ts';
import { taskRoutes } from './routes/tasks.ts';
import { teamRoutes } from './routes/teams.ts';
import { tokenRoutes } from './routes/tokens.ts';
import { userRoutes } from './routes/users.ts';
import { widgetRoutes } from './routes/widget.ts';
import { registerWebApp } from './webApp.ts';

export type Clock = () => Date;

export type AppDeps = {
  database: Database;
  config: Config;
  matcher: MatcherConfig;
  clock?: Clock;
  /** A pino logger; by default one at the configured level. */
  logger?: Logger;
  /** The built web app (tests point it elsewhere); by default web/dist. */
  webDistDir?: string;
};

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Every route states what access it needs; registering one without it fails at boot. */
    access?: Access;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export type App = FastifyInstance;

declare module 'fastify' {
  interface FastifyInstance {
    /** Resolves once every capture so far is committed and scored and routed (tests, shutdown). */
    captureSettled: () => Promise<void>;
  }
}

/** The one composition root: the server only listens, tests call `inject` on the same app. */
export async function buildApp(deps: AppDeps): Promise<App> {
  const { database, config } = deps;
  const clock = deps.clock ?? (() => new Date());
  const logger: FastifyBaseLogger = deps.logger ?? pino({ level: config.logLevel });
  const app = Fastify({
    loggerInstance: logger,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
    },
    requestTimeout: 30_000,
    connectionTimeout: 60_000,
    keepAliveTimeout: 10_000,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, 404, 'not_found', `No route ${request.method} ${request.url.split('?')[0]}`),
  );

  app.addHook('onRoute', (route) => {
    const url = route.url ?? route.path;
    const documentation = url.startsWith('/docs') || url === '/openapi.json';
    if (!route.config?.access && !documentation) {
      throw new Error(`Route ${route.method} ${url} does not declare config.access`);
    }
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'leadflow API',
        version: '0.1.0',
        description:
          'Capture, de-duplicate and manage leads. Errors are RFC 9457 problem+json bodies with `invalid_params` naming each bad field.',
      },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An API token' } },
      },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true }, config: { access: 'public' } }, () => app.swagger());

  const verifyToken = createTokenVerifier({
    db: database.db,
    ...(config.adminToken ? { adminToken: config.adminToken } : {}),
    captureTokens: config.captureTokens,
  });
  const verifySession = createSessionVerifier({ db: database.db, clock });
  await app.register(cookie);
  // Before the auth hook: a refused token still reaches an allowed page as a readable problem.
  const allowedOrigins = registerCors(app, { database });
  registerPlainFormReplies(app, { database });
  registerAuth(app, verifyToken, verifySession);

  const capture = createCaptureService({
    database,
    matcher: deps.matcher,
    spam: config.spam,
    defaultRegion: config.defaultRegion,
    maxBatch: config.captureBatchSize,
    log: app.log,
    clock,
  });
  app.decorate('captureSettled', () => capture.drained());
  app.addHook('onClose', async () => capture.drained());
  // Notifications also go out by email once an SMTP server is configured.
  setEmailNotifications(Boolean(config.mail.smtpUrl));

  const services = { database, config, clock, capture, matcher: deps.matcher };
  // Every route of the API, in one list so that grep finds them all.
  await app.register(healthRoutes, services);
  await app.register(captureRoutes, services);
  await app.register(leadRoutes, services);
  await app.register(statusRoutes, services);
  await app.register(qualificationRoutes, services);
  await app.register(scoringRoutes, services);
  await app.register(eventRoutes, services);
  await app.register(inquiryRoutes, services);
  await app.register(duplicateRoutes, services);
  await app.register(contactRoutes, services);
  await app.register(companyRoutes, services);
  await app.register(conversionRoutes, services);
  await app.register(dealRoutes, services);
  await app.register(refusalRoutes, services);
  await app.register(privacyRoutes, services);
  await app.register(segmentRoutes, services);
  await app.register(channelRoutes, services);
  await app.register(campaignRoutes, services);
  await app.register(costRoutes, services);
  await app.register(costImportRoutes, services);
  await app.register(assignmentRoutes, services);
  await app.register(taskRoutes, services);
  await app.register(boardRoutes, services);
  await app.register(notificationRoutes, services);
  await app.register(authRoutes, services);
  await app.register(userRoutes, { ...services, forgetCachedTokens: verifyToken.forget });
  await app.register(tokenRoutes, { ...services, forgetCachedTokens: verifyToken.forget });
  await app.register(teamRoutes, services);
  await app.register(formRoutes, { ...services, allowedOrigins });
  await app.register(widgetRoutes);
  await app.register(reportRoutes, services);
  await app.register(reportDistributionRoutes, services);
  // The web app answers every other GET outside /api, so it comes after the API.
  await registerWebApp(app, deps.webDistDir);

  return app;
}

export type RouteDeps = {
  database: Database;
  config: Config;
  clock: Clock;
  capture: ReturnType<typeof createCaptureService>;
  matcher: MatcherConfig;
};
