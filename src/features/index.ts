import type { PrismaClient } from '../db/client.js';
import type { Logger } from '../logger.js';
import type { Clock } from '../ports/clock.js';
import type { Messenger } from '../ports/messenger.js';
import type { Router } from '../router/router.js';
import { registerHelp } from './help/index.js';

/** What a feature may use besides the router: the edges, as ports, and the one database handle. */
export interface FeatureDeps {
  prisma: PrismaClient;
  clock: Clock;
  messenger: Messenger;
  log: Logger;
}

/** Every feature registers its commands, card actions and jobs here; help is generated from the result. */
export function registerFeatures(router: Router, deps: FeatureDeps): void {
  registerHelp(router);
  void deps;
}
