import type { Repositories } from '../../app/ports/store.ts';
import type { KeyRing } from '../crypto.ts';
import { auditRepository } from './audit.ts';
import { bookingRepository } from './bookings.ts';
import { connectionRepository } from './connections.ts';
import { jobRepository } from './jobs.ts';
import { nonceRepository } from './nonces.ts';
import { personRepository } from './people.ts';
import { preferencesRepository } from './preferences.ts';
import { questionRepository } from './questions.ts';
import { requestRepository } from './requests.ts';
import { rotationRepository } from './rotations.ts';
import type { Db, Sql } from './util.ts';
import { watchRepository } from './watches.ts';
import { workspaceRepository } from './workspaces.ts';

export function createRepositories(db: Db, keys: KeyRing, sql: Sql): Repositories {
  return {
    workspaces: workspaceRepository(db, keys),
    people: personRepository(db, sql),
    preferences: preferencesRepository(db, sql),
    connections: connectionRepository(db, keys, sql),
    requests: requestRepository(db, sql),
    bookings: bookingRepository(db, sql),
    rotations: rotationRepository(db),
    jobs: jobRepository(sql, keys),
    audit: auditRepository(db),
    nonces: nonceRepository(db),
    watches: watchRepository(db, sql),
    questions: questionRepository(sql),
  };
}
