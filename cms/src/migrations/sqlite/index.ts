import * as migration_20261125_051841_initial from './20261125_051841_initial';
import * as migration_20261125_054327_translation_tracking from './20261125_054327_translation_tracking';
import * as migration_20261125_054613_glossary_and_jobs from './20261125_054613_glossary_and_jobs';
import * as migration_20261125_055543_deploys_and_publish_jobs from './20261125_055543_deploys_and_publish_jobs';
import * as migration_20261125_150000_locale_parent_indexes from './20261125_150000_locale_parent_indexes';
import * as migration_20261202_162228_security_media_owner_deploy_lease from './20261202_162228_security_media_owner_deploy_lease';
import * as migration_20261202_162958_reset_throttle_without_reservation from './20261202_162958_reset_throttle_without_reservation';
import * as migration_20261203_072439_search_terms from './20261203_072439_search_terms';
import * as migration_20261203_173023_freshness from './20261203_173023_freshness';
import * as migration_20261203_180517_import from './20261203_180517_import';
import * as migration_20261204_030906_incremental_publish from './20261204_030906_incremental_publish';

export const migrations = [
  {
    up: migration_20261125_051841_initial.up,
    down: migration_20261125_051841_initial.down,
    name: '20261125_051841_initial',
  },
  {
    up: migration_20261125_054327_translation_tracking.up,
    down: migration_20261125_054327_translation_tracking.down,
    name: '20261125_054327_translation_tracking',
  },
  {
    up: migration_20261125_054613_glossary_and_jobs.up,
    down: migration_20261125_054613_glossary_and_jobs.down,
    name: '20261125_054613_glossary_and_jobs',
  },
  {
    up: migration_20261125_055543_deploys_and_publish_jobs.up,
    down: migration_20261125_055543_deploys_and_publish_jobs.down,
    name: '20261125_055543_deploys_and_publish_jobs',
  },
  {
    up: migration_20261125_150000_locale_parent_indexes.up,
    down: migration_20261125_150000_locale_parent_indexes.down,
    name: '20261125_150000_locale_parent_indexes',
  },
  {
    up: migration_20261202_162228_security_media_owner_deploy_lease.up,
    down: migration_20261202_162228_security_media_owner_deploy_lease.down,
    name: '20261202_162228_security_media_owner_deploy_lease',
  },
  {
    up: migration_20261202_162958_reset_throttle_without_reservation.up,
    down: migration_20261202_162958_reset_throttle_without_reservation.down,
    name: '20261202_162958_reset_throttle_without_reservation',
  },
  {
    up: migration_20261203_072439_search_terms.up,
    down: migration_20261203_072439_search_terms.down,
    name: '20261203_072439_search_terms',
  },
  {
    up: migration_20261203_173023_freshness.up,
    down: migration_20261203_173023_freshness.down,
    name: '20261203_173023_freshness',
  },
  {
    up: migration_20261203_180517_import.up,
    down: migration_20261203_180517_import.down,
    name: '20261203_180517_import',
  },
  {
    up: migration_20261204_030906_incremental_publish.up,
    down: migration_20261204_030906_incremental_publish.down,
    name: '20261204_030906_incremental_publish'
  },
];
