// The shape of a rule module and the typed helper that defines one.
import type { SourceLocation } from '../model/inventory';
import type { OktaView } from '../okta/view';
import type { ResourceElsewhere } from './finding';
import type { Severity } from './severity';

export interface RuleMeta<MessageId extends string> {
  /** Stable id, `OPG001`. */
  id: string;
  /** kebab-case name; equals the rule's file name. */
  name: string;
  severity: Severity;
  /** One line starting with Disallow, Require or Enforce. */
  description: string;
  /** Why it matters (the outage it prevents). */
  rationale: string;
  /** What to do, in the order Okta's prevention rule demands. */
  remediation: string;
  /** Message templates; `{{name}}` is replaced from the outcome's data. */
  messages: Record<MessageId, string>;
}

/** What a finding is about: a resource instance, or another addressable thing such as a module call. */
export interface Subject {
  id: string;
  location?: SourceLocation;
}

export interface Failure<MessageId extends string> {
  status: 'fail';
  messageId: MessageId;
  data: Record<string, string>;
  /** The offending resource: the finding's address and location. */
  resource: Subject;
  /** The app the finding is about, as findings name it. */
  app?: string;
  /** Addresses of evidence resources (the connection that disables, the mappings that remain). */
  related?: string[];
  /** Evidence resources of other inputs of the run. */
  elsewhere?: ResourceElsewhere[];
}

/**
 * A subject the rule could not decide before apply. With a message it is reported as a finding whose
 * verdict is `unknown`; without one it is only counted, because another rule reports it (OPG005
 * reports the mappings whose app or provisioning OPG001 cannot decide).
 */
export type Undecided<MessageId extends string> =
  | { status: 'unknown'; resource: Subject; reason: string; messageId?: undefined }
  | (Omit<Failure<MessageId>, 'status'> & { status: 'unknown'; reason: string });

/** A subject the rule examined: it failed, held, or could not be decided. */
export type Outcome<MessageId extends string> = Failure<MessageId> | { status: 'pass'; resource: Subject } | Undecided<MessageId>;

export interface Rule<MessageId extends string = string> {
  meta: RuleMeta<MessageId>;
  /** Severity of the findings it cannot decide (the configuration's `unknown`); `note` when absent. */
  unknownSeverity?: Severity | 'off';
  /** Pure and synchronous: no I/O, no process state, no logging. */
  check(view: OktaView): Outcome<MessageId>[];
}

export function defineRule<MessageId extends string>(rule: Rule<MessageId>): Rule<MessageId> {
  return rule;
}
