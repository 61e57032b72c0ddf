import 'reflect-metadata';
import { RequestMethod, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { HUB_VERSION, type HubConfig } from '@ereceipt/config';
import { HubModule } from './hub.module';
import { openApiDocument } from './openapi';

export { HUB_VERSION };

/** Builds the hub (not listening yet): global prefix, validation, body limits, OpenAPI at /api/docs. */
export async function createHub(config: HubConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(HubModule.forRoot(config), { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  if (config.trustProxy) app.set('trust proxy', /^\d+$/.test(config.trustProxy) ? Number(config.trustProxy) : config.trustProxy);
  if (!config.roles.has('http')) {
    // A worker replica (HUB_ROLES without http) still answers its probes and scrapes, nothing else.
    app.use((req: { path: string }, res: { status(code: number): { json(body: unknown): void } }, next: () => void) => {
      if (/^\/(health(\/(ready|consumers))?|metrics)$/.test(req.path)) return next();
      res.status(404).json({ code: 'HUB.HTTP_ROLE_OFF', message: 'this replica runs without the http role: only /health, /health/ready, /health/consumers and /metrics answer' });
    });
  }
  app.useBodyParser('json', { limit: '1mb' });
  app.useBodyParser('urlencoded', { extended: false, limit: '64kb' });
  app.useBodyParser('raw', { type: ['application/octet-stream', 'text/*', 'application/xml'], limit: config.bankFileMaxBytes });
  app.setGlobalPrefix('api/v1', { exclude: [{ path: 'health', method: RequestMethod.ALL }, { path: 'health/ready', method: RequestMethod.ALL }, { path: 'health/consumers', method: RequestMethod.ALL }, { path: 'metrics', method: RequestMethod.ALL }, { path: 'console/{*path}', method: RequestMethod.ALL }] });
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  SwaggerModule.setup('api/docs', app, () => openApiDocument(app, HUB_VERSION), { jsonDocumentUrl: 'api/docs/openapi.json' });
  return app;
}
