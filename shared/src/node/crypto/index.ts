export * from './password-hash';
export * from './secret-box';
export * from './secret-file';
export * from './proxy-key';
