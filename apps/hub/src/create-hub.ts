import 'reflect-metadata';
import { RequestMethod, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { HUB_VERSION, type HubConfig } from '@ereceipt/config';
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
  app.useBodyParser('json', { limit: '1mb' });
  app.useBodyParser('urlencoded', { extended: false, limit: '64kb' });
  app.useBodyParser('raw', { type: ['application/octet-stream', 'text/*', 'application/xml'], limit: config.bankFileMaxBytes });
  app.setGlobalPrefix('api/v1', { exclude: [{ path: 'health', method: RequestMethod.ALL }, { path: 'health/ready', method: RequestMethod.ALL }, { path: 'metrics', method: RequestMethod.ALL }, { path: 'console/{*path}', method: RequestMethod.ALL }] });
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  SwaggerModule.setup('api/docs', app, () => openApiDocument(app, HUB_VERSION), { jsonDocumentUrl: 'api/docs/openapi.json' });
  return app;
}
