// The Okta side of the integration: import from here.
export * from './api';
export * from './auth';
export * from './client';
export * from './config';
export * from './errors';
export * from './escape';
export * from './types';
