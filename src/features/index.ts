import type { Router } from '../router/router.js';
import { registerHelp } from './help/index.js';

/** Every feature registers its commands, card actions and jobs here; help is generated from the result. */
export function registerFeatures(router: Router): void {
  registerHelp(router);
}
