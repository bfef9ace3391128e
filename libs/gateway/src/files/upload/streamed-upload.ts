import fastifyMultipart from '@fastify/multipart';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mergeRouteConfig } from '../../routing/merge-route-config.js';

interface StreamedUploadRouteConfig {
  /** The body reaches the handler as the request stream, unread (see registerStreamedUploads). */
  streamedUpload?: boolean;
}

/** Marks an upload route: its body is streamed by the handler, never buffered by the gateway. */
export function StreamedUpload(): MethodDecorator {
  return mergeRouteConfig({ streamedUpload: true } satisfies StreamedUploadRouteConfig);
}

/**
 * Lets upload routes take `multipart/form-data` (@fastify/multipart, parsed lazily as the handler
 * reads the file part) or a raw body of any other media type, handed over as the unread request
 * stream. Other routes still refuse media types they do not parse (415). Call after
 * NestFactory.create and before listen.
 */
export async function registerStreamedUploads(app: NestFastifyApplication, maxUploadBytes: number): Promise<void> {
  await app.register(fastifyMultipart, { limits: { fileSize: maxUploadBytes, files: 1, fields: 10, parts: 11, headerPairs: 100 } });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addContentTypeParser('*', (request, payload, done) => {
    if ((request.routeOptions.config as StreamedUploadRouteConfig | undefined)?.streamedUpload) {
      done(null, payload);
      return;
    }
    done(Object.assign(new Error(`Unsupported media type ${String(request.headers['content-type'])}`), { statusCode: 415 }), undefined);
  });
}
