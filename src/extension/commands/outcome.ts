// What a command did, returned to its caller (tests call commands directly and read this).
export interface ActionOutcome {
  status: 'done' | 'nothing' | 'failed' | 'cancelled' | 'refused';
  /** The sentence the user was shown. */
  message: string;
  /** Versions that ran, in order. */
  completed: string[];
  failure?: { file: string; line?: number; column?: number; sqlstate?: string };
}

export function refused(message: string): ActionOutcome {
  return { status: 'refused', message, completed: [] };
}
