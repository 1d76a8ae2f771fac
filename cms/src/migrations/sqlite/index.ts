import * as migration_20261125_051841_initial from './20261125_051841_initial';
import * as migration_20261125_054327_translation_tracking from './20261125_054327_translation_tracking';

export const migrations = [
  {
    up: migration_20261125_051841_initial.up,
    down: migration_20261125_051841_initial.down,
    name: '20261125_051841_initial',
  },
  {
    up: migration_20261125_054327_translation_tracking.up,
    down: migration_20261125_054327_translation_tracking.down,
    name: '20261125_054327_translation_tracking'
  },
];
