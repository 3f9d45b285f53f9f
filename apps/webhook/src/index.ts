export type { WebhookServiceContext } from './service-context.js';
export { buildWebhookApp } from './webhook-app.js';
export { startWebhookService } from './webhook-service.js';
