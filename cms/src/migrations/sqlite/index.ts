import * as migration_20261125_051210_initial from './20261125_051210_initial';

export const migrations = [
  {
    up: migration_20261125_051210_initial.up,
    down: migration_20261125_051210_initial.down,
    name: '20261125_051210_initial'
  },
];
