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
  app.useBodyParser('json', { limit: '1mb' });
  app.useBodyParser('urlencoded', { extended: false, limit: '64kb' });
  app.useBodyParser('raw', { type: ['application/octet-stream', 'text/*', 'application/xml'], limit: config.bankFileMaxBytes });
  app.setGlobalPrefix('api/v1', { exclude: [{ path: 'health', method: RequestMethod.ALL }, { path: 'health/ready', method: RequestMethod.ALL }, { path: 'metrics', method: RequestMethod.ALL }, { path: 'console/{*path}', method: RequestMethod.ALL }] });
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  SwaggerModule.setup('api/docs', app, () => openApiDocument(app, HUB_VERSION), { jsonDocumentUrl: 'api/docs/openapi.json' });
  return app;
}
