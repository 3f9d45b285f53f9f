export type { SighookServiceContext } from './service-context.js';
export { startSighookService } from './sighook-service.js';
