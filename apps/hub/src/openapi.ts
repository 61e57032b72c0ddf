import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/** The OpenAPI document, generated from the code; checked in as docs/api/openapi.json. */
export function openApiDocument(app: INestApplication, version: string): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('ereceipt-hub')
    .setDescription('E-receipt (Direct Pay) orders: sellers, orders, remittances, matching, funds, fulfilment, evaluations, reports. Errors are `{statusCode, error, message, code?, details?}`.')
    .setVersion(version)
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'a token from `ereceipt tokens create --role ...`' })
    .build();
  return SwaggerModule.createDocument(app, config, { operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}` });
}
