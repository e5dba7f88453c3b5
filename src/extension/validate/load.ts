// The validation core, loaded on the first Validate rather than at activation: it pulls in the
// lint engine's schema model and the WebAssembly parser (to point findings at migration files).
// esbuild keeps dynamically imported modules lazy inside the one bundle.
import { loadHeavy } from '../heavy-modules';

export type ValidateCore = typeof import('../../core/validate');

let core: Promise<ValidateCore> | undefined;

export function loadValidateCore(): Promise<ValidateCore> {
  core ??= loadHeavy('validation (SQL parser)', () => import('../../core/validate'));
  return core;
}
