import type { Repositories } from '../../app/ports/store.ts';
import type { KeyRing } from '../crypto.ts';
import { auditRepository } from './audit.ts';
import { bookingRepository } from './bookings.ts';
import { connectionRepository } from './connections.ts';
import { jobRepository } from './jobs.ts';
import { nonceRepository } from './nonces.ts';
import { personRepository } from './people.ts';
import { preferencesRepository } from './preferences.ts';
import { requestRepository } from './requests.ts';
import { rotationRepository } from './rotations.ts';
import type { Db } from './util.ts';
import { watchRepository } from './watches.ts';
import { workspaceRepository } from './workspaces.ts';

export function createRepositories(db: Db, keys: KeyRing): Repositories {
  return {
    workspaces: workspaceRepository(db, keys),
    people: personRepository(db),
    preferences: preferencesRepository(db),
    connections: connectionRepository(db, keys),
    requests: requestRepository(db),
    bookings: bookingRepository(db),
    rotations: rotationRepository(db),
    jobs: jobRepository(db),
    audit: auditRepository(db),
    nonces: nonceRepository(db),
    watches: watchRepository(db),
  };
}
