export * from './locales'
export * from './languages'
