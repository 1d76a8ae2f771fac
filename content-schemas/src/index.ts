export * from './rules'
export * from './common'
export * from './documents'
export * from './translation'
