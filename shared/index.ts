// Public surface of the shared package: domain schemas, validators, rules and contracts.
export * from './validators/identity';
export * from './validators/contact';
export * from './validators/filingNumber';
export * from './rules/provinces';
export * from './domain/filing';
export * from './domain/status';
export * from './domain/change';
export * from './contracts/api';
