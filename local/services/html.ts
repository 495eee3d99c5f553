import type { ServiceFactory } from '../runtime/api';

// Placeholder until the service is written.
export const htmlService: ServiceFactory = () => ({});
