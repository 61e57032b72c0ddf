import 'reflect-metadata';
import { RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { HUB_VERSION, type HubConfig } from '@ereceipt/config';
import { signedPageLimiter } from '@ereceipt/notifications';
import { AcceptedBodiesInterceptor, bodyParserErrors, hubValidationPipe, isBankFileBody, jsonBodyShape } from '@ereceipt/operations';
import { HubModule } from './hub.module';
import { openApiDocument } from './openapi';

export { HUB_VERSION };

/** Builds the hub (not listening yet): global prefix, validation, body limits, OpenAPI at /api/docs. */
export async function createHub(config: HubConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(HubModule.forRoot(config), { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  // Security headers (helmet): everywhere nosniff, no framing, no referrer, HSTS behind https; the
  // server-rendered pages (console, buyers' signed pages) also get a strict CSP: no script at all.
  // Swagger UI (/api/docs) runs scripts, so the CSP is not global.
  app.use(helmet({ contentSecurityPolicy: false, frameguard: { action: 'deny' }, referrerPolicy: { policy: 'no-referrer' }, strictTransportSecurity: config.http.publicUrl.startsWith('https:') }));
  app.use(['/console', '/api/v1/buyer'], helmet.contentSecurityPolicy({ useDefaults: false, directives: { defaultSrc: ["'none'"], styleSrc: ["'unsafe-inline'"], imgSrc: ["'self'", 'data:'], formAction: ["'self'"], frameAncestors: ["'none'"], baseUri: ["'none'"] } }));
  if (config.trustProxy) app.set('trust proxy', /^\d+$/.test(config.trustProxy) ? Number(config.trustProxy) : config.trustProxy);
  if (!config.roles.has('http')) {
    // A worker replica (HUB_ROLES without http) still answers its probes and scrapes, nothing else.
    app.use((req: { path: string }, res: { status(code: number): { json(body: unknown): void } }, next: () => void) => {
      if (/^\/(health(\/(ready|consumers))?|metrics)$/.test(req.path)) return next();
      res.status(404).json({ code: 'HUB.HTTP_ROLE_OFF', message: 'this replica runs without the http role: only /health, /health/ready, /health/consumers and /metrics answer' });
    });
  }
  // Before the body parsers: a client over its budget on the buyers' pages costs no parsing and no query.
  app.use('/api/v1/buyer', signedPageLimiter(config.buyerPageRateLimit));
  app.useBodyParser('json', { limit: '1mb' });
  app.useBodyParser('urlencoded', { extended: false, limit: '64kb' });
  app.useBodyParser('raw', { type: isBankFileBody, limit: config.bankFileMaxBytes });
  app.use(jsonBodyShape());
  app.use(bodyParserErrors());
  app.setGlobalPrefix('api/v1', { exclude: [{ path: 'health', method: RequestMethod.ALL }, { path: 'health/ready', method: RequestMethod.ALL }, { path: 'health/consumers', method: RequestMethod.ALL }, { path: 'metrics', method: RequestMethod.ALL }, { path: 'console/{*path}', method: RequestMethod.ALL }] });
  app.useGlobalInterceptors(new AcceptedBodiesInterceptor());
  app.useGlobalPipes(hubValidationPipe());
  SwaggerModule.setup('api/docs', app, () => openApiDocument(app, HUB_VERSION), { jsonDocumentUrl: 'api/docs/openapi.json' });
  return app;
}
