import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

export const DOCS_PATH = 'docs';
export const DOCS_JSON_PATH = 'docs-json';
export const BEARER_SECURITY_SCHEME = 'bearer';
export const API_KEY_SECURITY_SCHEME = 'api-key';

/** Swagger UI at `/docs`, the OpenAPI document at `/docs-json`, both outside the `api/v1` prefix. */
export function setupGatewaySwagger(app: INestApplication, version: string): void {
  const config = new DocumentBuilder()
    .setTitle('Voxify API')
    .setDescription(
      'Text-to-speech platform. Every JSON response is an envelope: `{ success, data, message? }` on success, ' +
        '`{ success: false, error: { code, message, details? } }` on failure.',
    )
    .setVersion(version)
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER_SECURITY_SCHEME)
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, API_KEY_SECURITY_SCHEME)
    .build();
  // Built on the first request to /docs, not at start-up.
  SwaggerModule.setup(DOCS_PATH, app, () => SwaggerModule.createDocument(app, config), {
    jsonDocumentUrl: DOCS_JSON_PATH,
    raw: ['json'],
  });
}
