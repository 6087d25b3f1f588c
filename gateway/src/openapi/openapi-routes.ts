/**
 * @module openapi-routes
 * `GET /api/openapi.json` (built once) and `GET /api/docs`: Swagger UI from the installed
 * swagger-ui-dist assets, served by the gateway itself (no CDN, works offline).
 */
import path from 'node:path';
import express, { Router } from 'express';
import { buildOpenApiDocument } from './build-openapi-document';

const swaggerUiDirectory = path.dirname(require.resolve('swagger-ui-dist/package.json'));

const initScript = `window.addEventListener('load', function () {
  var root = document.getElementById('swagger-ui');
  window.ui = SwaggerUIBundle({ url: root.getAttribute('data-spec-url'), dom_id: '#swagger-ui', deepLinking: true });
});
`;

function renderDocsPage(base: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>LLMFormBridge API</title>
<link rel="stylesheet" href="${base}/docs/assets/swagger-ui.css">
</head>
<body>
<div id="swagger-ui" data-spec-url="${base}/openapi.json"></div>
<script src="${base}/docs/assets/swagger-ui-bundle.js"></script>
<script src="${base}/docs/init.js"></script>
</body>
</html>
`;
}

export function createOpenApiRouter(): Router {
  const router = Router();
  let document: Record<string, unknown> | undefined;

  router.get('/openapi.json', function serveOpenApi(_request, response) {
    document ??= buildOpenApiDocument();
    response.json(document);
  });
  router.get('/docs', function serveDocsPage(request, response) {
    response.type('html').send(renderDocsPage(request.baseUrl));
  });
  router.get('/docs/init.js', function serveDocsInit(_request, response) {
    response.type('application/javascript').send(initScript);
  });
  router.use(
    '/docs/assets',
    express.static(swaggerUiDirectory, { index: false, fallthrough: true, maxAge: '1d' }),
  );
  return router;
}
